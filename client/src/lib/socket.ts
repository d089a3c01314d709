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
export async function call<E extends RequestName>(socket: AppSocket, event: E, payload: RequestOf<E>, timeoutMs = 10_000): Promise<Ack<Responses[E]>> {
  if (!socket.connected) return { ok: false, code: "UNAVAILABLE", message: "offline" };
  try {
    const emit = socket.timeout(timeoutMs) as unknown as { emitWithAck(e: string, p: unknown): Promise<Ack<Responses[E]>> };
    return await emit.emitWithAck(event, payload);
  } catch {
    return { ok: false, code: "UNAVAILABLE", message: "no answer" };
  }
}
