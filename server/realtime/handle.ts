import type { Logger } from "pino";
import type { Socket } from "socket.io";
import type { z } from "zod";
import { type Ack, type ErrorCode, type RequestName, type RequestOf, Requests, type Responses } from "../../shared/protocol";
import type { Actor } from "../service/actors";
import { fail, ServiceError } from "../service/errors";
import { checkCaller } from "./access";

/** Turns a zod error into one short line a developer can act on; never echoes the payload. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "payload"}: ${i.message}`)
    .join("; ");
}

/** Redis being away shows as these; the client should wait and retry, not give up. */
function isStoreOutage(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (
    error.name === "MaxRetriesPerRequestError" ||
    /Connection is closed|ECONNREFUSED|Stream isn't writeable|enableOfflineQueue/.test(error.message)
  );
}

/** Sends a refusal to whatever ack a packet carries (its last argument, if a function). */
function refuse(packet: unknown[], code: ErrorCode, message: string): void {
  const ack = packet[packet.length - 1];
  if (typeof ack === "function") ack({ ok: false, code, message });
}

/**
 * An event no handler knows still gets its one ack: BAD_REQUEST, and nothing else happens.
 * Installed once per socket, after the flood limit and before any handler.
 */
export function answerUnknownEvents(socket: Socket): void {
  socket.use((packet, next) => {
    const [event] = packet;
    if (typeof event === "string" && Object.hasOwn(Requests, event)) return next();
    refuse(packet, "BAD_REQUEST", "unknown event");
  });
}

/**
 * Registers one request handler: check who is calling, parse with the protocol schema, run, answer
 * one ack. The caller is checked before the payload (`access.ts`), so a stranger learns no field
 * names. An event carries one payload (or none) and then its ack; `null`, a non-object or a second
 * argument before the ack is BAD_REQUEST. Bad input and refusals become `{ ok: false, code }`;
 * nothing a client sends can throw past here.
 */
export function handle<E extends RequestName>(
  socket: Socket,
  event: E,
  log: Logger,
  run: (payload: RequestOf<E>) => Promise<Responses[E]>,
): void {
  // Registered untyped on purpose: the payload is unknown until the schema has parsed it.
  (socket as unknown as { on(e: string, l: (...args: unknown[]) => void): void }).on(event, async (...args) => {
    const ack = typeof args.at(-1) === "function" ? (args.pop() as (response: unknown) => void) : undefined;
    const reply = (response: Ack<Responses[E]>) => {
      if (ack) ack(response);
    };
    try {
      checkCaller(event, (socket.data as { actor?: Actor }).actor);
      if (args.length > 1) fail("BAD_REQUEST", "payload: send one payload, then the ack");
      // No payload at all is the empty one; `null` is a payload, and not an object.
      const parsed = Requests[event].safeParse(args.length === 0 ? {} : args[0]);
      if (!parsed.success) fail("BAD_REQUEST", describeIssues(parsed.error));
      reply({ ok: true, data: await run(parsed.data as RequestOf<E>) });
    } catch (error) {
      if (error instanceof ServiceError) {
        reply({ ok: false, code: error.code, message: error.message });
      } else if (isStoreOutage(error)) {
        log.warn({ event, socketId: socket.id, err: error }, "store unavailable");
        reply({ ok: false, code: "UNAVAILABLE", message: "The service is briefly unavailable; retrying" });
      } else {
        log.error({ event, socketId: socket.id, err: error }, "handler failed");
        reply({ ok: false, code: "INTERNAL", message: "Something went wrong on our side" });
      }
    }
  });
}
