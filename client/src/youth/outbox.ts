import type { Ack, Responses } from "../../../shared/protocol";
import type { PendingMessage } from "./machine";

export type SendFn = (p: PendingMessage) => Promise<Ack<Responses["message:send"]>>;

export type FlushOutcome =
  | { kind: "done" }
  | { kind: "offline" } // keep the rest for the next connect
  | { kind: "retry" } // the server could not take it just now (not resumed yet, a store failover): soon again
  | { kind: "slowDown" }; // rate limited: try again in a moment

/** Refusals that say nothing about the message itself: it must be kept and sent again. */
const TRANSIENT = new Set(["UNAUTHENTICATED", "INTERNAL", "SESSION_UNKNOWN"]);

/**
 * Sends unacknowledged messages oldest first, with their original ids, so the server stores each
 * once however often this runs. Skips messages already on their way and ones that failed for good.
 */
export async function flushOutbox(
  pending: readonly PendingMessage[],
  send: SendFn,
  inFlight: Set<string>,
  report: { acked(id: string): void; failed(id: string): void },
): Promise<FlushOutcome> {
  for (const p of pending) {
    if (p.failed || inFlight.has(p.id)) continue;
    inFlight.add(p.id);
    const ack = await send(p).finally(() => inFlight.delete(p.id));
    if (ack.ok) {
      report.acked(p.id);
      continue;
    }
    if (ack.code === "UNAVAILABLE") return { kind: "offline" };
    if (ack.code === "RATE_LIMITED") return { kind: "slowDown" };
    if (TRANSIENT.has(ack.code)) return { kind: "retry" };
    report.failed(p.id);
  }
  return { kind: "done" };
}
