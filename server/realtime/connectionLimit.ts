import type { Socket } from "socket.io";
import type { Clock } from "../domain/clock";

/** What the limit reports, once per connection each: it first refused an event, and it closed the connection. */
export type LimitReport = "limited" | "closed";

/** How long a flooding connection may wait for its requests in progress to be answered before it is closed anyway. */
const CLOSE_AFTER_MS = 5000;

const REFUSAL = { ok: false, code: "RATE_LIMITED", message: "Too many requests on this connection; slow down" } as const;

/**
 * A ceiling on how many events one connection may send per window, whatever they are: the
 * per-session limits (messages, joins, signals) count what a person does across tabs, this one
 * stops a single socket from flooding the process with cheap or invalid requests. Beyond it, each
 * event is answered RATE_LIMITED at once, before parsing, the store or any service; at twice the
 * limit the connection is closed, because even refusing costs the process the decoding of every
 * frame (measured: a flood of 30,000 refused events a second slowed every other chat on the process
 * from 15 ms to 650 ms). It is closed only once every request it sent before that has been answered
 * (at most CLOSE_AFTER_MS), so every event the server read gets exactly one ack. A real page never
 * comes near it, and reconnects if it somehow does. Counted in this process's memory: a connection
 * lives on one process. `report` is called at most once per connection for each kind.
 */
export function limitConnectionEvents(
  socket: Socket,
  limit: { max: number; windowMs: number },
  clock: Clock,
  report: (kind: LimitReport) => void,
): void {
  let windowStart = clock.now();
  let count = 0;
  let inFlight = 0;
  let closing = false;
  let reported = false;
  const close = () => {
    if (socket.disconnected) return;
    report("closed");
    socket.disconnect(true);
  };
  socket.use((packet, next) => {
    const last = packet.length - 1;
    const ack = packet[last] as unknown;
    const refuse = () => {
      if (typeof ack === "function") ack(REFUSAL);
    };
    if (closing) return refuse();
    const now = clock.now();
    if (now - windowStart >= limit.windowMs) {
      windowStart = now;
      count = 0;
    }
    count += 1;
    if (count <= limit.max) {
      if (typeof ack === "function") {
        // Counted until answered, so a closing connection first delivers what it owes.
        inFlight += 1;
        packet[last] = (...response: unknown[]) => {
          inFlight -= 1;
          (ack as (...r: unknown[]) => void)(...response);
          if (closing && inFlight === 0) close();
        };
      }
      return next();
    }
    if (!reported) {
      reported = true;
      report("limited");
    }
    refuse();
    if (count <= limit.max * 2) return;
    closing = true;
    if (inFlight === 0) return close();
    setTimeout(close, CLOSE_AFTER_MS).unref();
  });
}
