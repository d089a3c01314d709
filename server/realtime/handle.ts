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

/** Serves one request: the payload as parsed, the socket it came on (its actor and rights in `socket.data`), the context. */
export type RequestHandler<E extends RequestName, S extends Socket, Ctx> = (
  payload: RequestOf<E>,
  socket: S,
  ctx: Ctx,
  log: Logger,
) => Promise<Responses[E]>;

/** Every request of the protocol and what serves it: one table for all sockets. */
export type RequestTable<S extends Socket, Ctx> = { [E in RequestName]: RequestHandler<E, S, Ctx> };

/**
 * Serves a socket's requests from `table`, as the last step of its middleware (after the flood
 * limit, the unknown-event answer and a console's session guard, all installed before this). One
 * table for every socket, not a listener per event per socket: forty-five listeners of its own cost
 * an idle connection about 7 KB. An event that arrives once the socket is closed is dropped, as
 * socket.io drops it.
 */
export function serveRequests<S extends Socket, Ctx>(socket: S, table: RequestTable<S, Ctx>, ctx: Ctx, log: Logger): void {
  socket.use((packet) => {
    const [event] = packet;
    // The table holds every request, so only a packet `answerUnknownEvents` did not run for gets here.
    if (typeof event !== "string" || !Object.hasOwn(table, event)) return refuse(packet, "BAD_REQUEST", "unknown event");
    if (socket.disconnected) return;
    void respond(socket, event as RequestName, table, packet.slice(1), ctx, log);
  });
}

/**
 * One request, one ack: check who is calling, parse with the protocol schema, run. The caller is
 * checked before the payload (`access.ts`), so a stranger learns no field names. An event carries
 * one payload (or none) and then its ack; `null`, a non-object or a second argument before the ack
 * is BAD_REQUEST. Bad input and refusals become `{ ok: false, code }`; nothing a client sends can
 * throw past here.
 */
async function respond<E extends RequestName, S extends Socket, Ctx>(
  socket: S,
  event: E,
  table: RequestTable<S, Ctx>,
  args: unknown[],
  ctx: Ctx,
  log: Logger,
): Promise<void> {
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
    const run = table[event] as RequestHandler<E, S, Ctx>;
    reply({ ok: true, data: await run(parsed.data as RequestOf<E>, socket, ctx, log) });
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
}
