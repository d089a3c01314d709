import type { Socket } from "socket.io";
import type { Clock } from "../domain/types";

/**
 * A ceiling on how many events one connection may send per window, whatever they are: the
 * per-session limits (messages, joins, signals) count what a person does across tabs, this one
 * stops a single socket from flooding the process with cheap or invalid requests. Beyond it, each
 * event is answered RATE_LIMITED at once, before parsing, the store or any service; at twice the
 * limit the connection is closed, because even refusing costs the process the decoding of every
 * frame (measured: a flood of 30,000 refused events a second slowed every other chat on the process
 * from 15 ms to 650 ms). A real page never comes near it, and reconnects if it somehow does.
 * Counted in this process's memory: a connection lives on one process.
 */
export function limitConnectionEvents(socket: Socket, limit: { max: number; windowMs: number }, clock: Clock, onFirstRefusal: (closing: boolean) => void): void {
  let windowStart = clock.now();
  let count = 0;
  let reported = false;
  socket.use((packet, next) => {
    const now = clock.now();
    if (now - windowStart >= limit.windowMs) {
      windowStart = now;
      count = 0;
      reported = false;
    }
    count += 1;
    if (count <= limit.max) return next();
    if (count > limit.max * 2) {
      onFirstRefusal(true);
      socket.disconnect(true);
      return;
    }
    if (!reported) {
      reported = true;
      onFirstRefusal(false);
    }
    const ack = packet[packet.length - 1];
    if (typeof ack === "function") ack({ ok: false, code: "RATE_LIMITED", message: "Too many requests on this connection; slow down" });
  });
}
