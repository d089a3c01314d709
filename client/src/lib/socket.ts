import { io, type Socket } from "socket.io-client";
import type { Ack, ClientToServerEvents, RequestName, RequestOf, Responses, ServerToClientEvents } from "../../../shared/protocol";

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** One socket to the server this page came from; websocket only, reconnecting forever with backoff. */
export function openSocket(): AppSocket {
  return io({ transports: ["websocket"], reconnectionDelayMax: 5000 });
}

/**
 * Sends a request and waits for its ack. Only while connected: socket.io would otherwise buffer it
 * and send it before we have resumed the session; callers keep their own outbox instead.
 */
export async function call<E extends RequestName>(
  socket: AppSocket,
  event: E,
  payload: RequestOf<E>,
  timeoutMs = 10_000,
): Promise<Ack<Responses[E]>> {
  if (!socket.connected) return { ok: false, code: "UNAVAILABLE", message: "offline" };
  try {
    const emit = socket.timeout(timeoutMs) as unknown as { emitWithAck(e: string, p: unknown): Promise<Ack<Responses[E]>> };
    return await emit.emitWithAck(event, payload);
  } catch {
    return { ok: false, code: "UNAVAILABLE", message: "no answer" };
  }
}

/**
 * Requests on whichever socket is current (a hook replaces its socket on reconnect): answered
 * "offline" without one. The one request helper of the consoles.
 */
export function requestOn(current: () => AppSocket | null | undefined) {
  return <E extends RequestName>(event: E, payload: RequestOf<E>): Promise<Ack<Responses[E]>> => {
    const socket = current();
    return socket ? call(socket, event, payload) : Promise.resolve({ ok: false, code: "UNAVAILABLE", message: "offline" });
  };
}

/** How long a console keeps resending one message before it tells the volunteer it did not go. */
const RESEND_FOR_MS = 60_000;

/**
 * A message or whisper, resent with the **same** id after a timeout, a lost connection or
 * RATE_LIMITED until the server answers otherwise (PROTOCOL.md §5.1): the server stores each id
 * once, so a resend of one that was stored before its process died is not doubled. `socket` is read
 * again before each try, because a reconnect may have replaced it.
 */
export async function sendWithResend<E extends "message:send" | "whisper:send">(
  socket: () => AppSocket | undefined,
  event: E,
  payload: RequestOf<E>,
  wait: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<Ack<Responses[E]>> {
  const until = Date.now() + RESEND_FOR_MS;
  for (;;) {
    const current = socket();
    const ack: Ack<Responses[E]> = current ? await call(current, event, payload) : { ok: false, code: "UNAVAILABLE", message: "offline" };
    const again = !ack.ok && (ack.code === "UNAVAILABLE" || ack.code === "RATE_LIMITED");
    if (!again || Date.now() >= until) return ack;
    await wait(ack.code === "RATE_LIMITED" ? 2000 : 1000);
  }
}
