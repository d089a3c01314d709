import type { Logger } from "pino";
import type { Socket } from "socket.io";
import type { z } from "zod";
import { Requests, type Ack, type RequestName, type RequestOf, type Responses } from "../../shared/protocol";
import { ServiceError } from "../service/errors";

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

/**
 * Registers one request handler: parse with the protocol schema, run, answer one ack.
 * Bad input and refusals become `{ ok: false, code }`; nothing a client sends can throw past here.
 */
export function handle<E extends RequestName>(
  socket: Socket,
  event: E,
  log: Logger,
  run: (payload: RequestOf<E>) => Promise<Responses[E]>,
): void {
  // Registered untyped on purpose: the payload is unknown until the schema has parsed it.
  (socket as unknown as { on(e: string, l: (raw: unknown, ack: unknown) => void): void }).on(event, async (raw, maybeAck) => {
    // A client may emit with an ack but no payload; then the ack arrives first.
    const [payload, ack] = typeof raw === "function" && maybeAck === undefined ? [undefined, raw] : [raw, maybeAck];
    const reply = (response: Ack<Responses[E]>) => {
      if (typeof ack === "function") ack(response);
    };
    const parsed = Requests[event].safeParse(payload ?? {});
    if (!parsed.success) {
      reply({ ok: false, code: "BAD_REQUEST", message: describeIssues(parsed.error) });
      return;
    }
    try {
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
