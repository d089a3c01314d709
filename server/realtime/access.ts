import type { RequestName } from "../../shared/protocol";
import type { Actor } from "../service/actors";
import { fail } from "../service/errors";

/**
 * Who may send an event at all, checked before its payload is parsed, so a socket without the
 * right identity learns nothing of an event's fields from BAD_REQUEST messages:
 * `anyone`: any socket; `youth`: a socket bound to a youth session (staff get FORBIDDEN);
 * `identified`: a youth or staff socket; `staff`: a staff login. The finer rules (which role,
 * which conversation) follow in the services, after the schema.
 */
export type Caller = "anyone" | "youth" | "identified" | "staff";

/** Every event names its caller: a new event does not compile until it says who may send it. */
export const CALLERS: Record<RequestName, Caller> = {
  "session:open": "anyone",
  "session:resume": "anyone",
  "service:status": "anyone",
  "queue:join": "youth",
  "queue:leave": "youth",
  "feedback:give": "youth",
  "returnCode:take": "youth",
  "returnCode:check": "youth",
  "returnCode:forget": "youth",
  "message:send": "identified",
  "conversation:sync": "identified",
  "delivery:confirm": "identified",
  "typing:set": "identified",
  "conversation:end": "identified",
  "staff:sync": "staff",
  "presence:set": "staff",
  "presence:list": "staff",
  "note:set": "staff",
  "whisper:send": "staff",
  "conversation:transfer": "staff",
  "conversation:block": "staff",
  "wrapup:submit": "staff",
  "wrapup:todo": "staff",
  "escalation:raise": "staff",
  "escalation:list": "staff",
  "escalation:claim": "staff",
  "escalation:resolve": "staff",
  "duty:set": "staff",
  "conversation:live": "staff",
  "conversation:watch": "staff",
  "conversation:join": "staff",
  "conversation:takeover": "staff",
  "conversation:handback": "staff",
  "queue:take": "staff",
  "queue:claim": "staff",
  "professional:state": "staff",
  "push:subscribe": "identified",
  "push:unsubscribe": "identified",
  "debrief:request": "staff",
  "debrief:list": "staff",
  "debrief:claim": "staff",
  "debrief:send": "staff",
  "debrief:sync": "staff",
  "debrief:close": "staff",
};

/** Throws the refusal (UNAUTHENTICATED or FORBIDDEN) when this actor may not send `event` at all. */
export function checkCaller(event: RequestName, actor: Actor | undefined): void {
  switch (CALLERS[event]) {
    case "anyone":
      return;
    case "identified":
      if (!actor) fail("UNAUTHENTICATED", "Open or resume a session first");
      return;
    case "youth":
      if (!actor) fail("UNAUTHENTICATED", "Open or resume a session first");
      if (actor.kind !== "youth") fail("FORBIDDEN", "Only for youths");
      return;
    case "staff":
      if (actor?.kind !== "staff") fail("UNAUTHENTICATED", "Log in as staff first");
  }
}
