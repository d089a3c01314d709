import { io, type Socket } from "socket.io-client";
import {
  PROTOCOL_VERSION,
  type Ack,
  type ClientToServerEvents,
  type RequestName,
  type Responses,
  type ServerToClientEvents,
} from "../../shared/protocol";

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A connected socket.io client; websocket only, like the real pages. */
export async function connect(url: string, cookie?: string): Promise<ClientSocket> {
  const socket: ClientSocket = io(url, {
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    ...(cookie && { extraHeaders: { cookie } }),
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

/** Emits a request and resolves with its ack (any payload, so tests can send bad ones too). */
export function request<E extends RequestName>(socket: ClientSocket, event: E, payload: unknown = {}, timeoutMs = 5000): Promise<Ack<Responses[E]>> {
  return (socket.timeout(timeoutMs) as unknown as { emitWithAck(e: string, p: unknown): Promise<Ack<Responses[E]>> }).emitWithAck(event, payload);
}

/** Like `request` but fails the test unless the ack is ok. */
export async function ok<E extends RequestName>(socket: ClientSocket, event: E, payload: unknown = {}): Promise<Responses[E]> {
  const ack = await request(socket, event, payload);
  if (!ack.ok) throw new Error(`${event} failed: ${ack.code} ${ack.message}`);
  return ack.data;
}

type Payload<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>[0];

/** Resolves with the next broadcast of `event` that matches. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: ClientSocket,
  event: E,
  match: (p: Payload<E>) => boolean = () => true,
  timeoutMs = 5000,
): Promise<Payload<E>> {
  return new Promise((resolve, reject) => {
    const s = socket as unknown as { on(e: string, l: (p: Payload<E>) => void): void; off(e: string, l: (p: Payload<E>) => void): void };
    const timer = setTimeout(() => {
      s.off(event, listener);
      reject(new Error(`timed out waiting for ${event}`));
    }, timeoutMs);
    const listener = (p: Payload<E>) => {
      if (!match(p)) return;
      clearTimeout(timer);
      s.off(event, listener);
      resolve(p);
    };
    s.on(event, listener);
  });
}

/** Collects every broadcast of `event` into an array, for counting duplicates. */
export function collect<E extends keyof ServerToClientEvents>(socket: ClientSocket, event: E): Payload<E>[] {
  const seen: Payload<E>[] = [];
  (socket as unknown as { on(e: string, l: (p: Payload<E>) => void): void }).on(event, (p) => seen.push(p));
  return seen;
}

/** A youth with a fresh anonymous session (from a browser with this device id, if given). */
export async function openYouth(url: string, deviceId?: string): Promise<{ socket: ClientSocket; token: string }> {
  const socket = await connect(url);
  const { token } = await ok(socket, "session:open", { protocolVersion: PROTOCOL_VERSION, ...(deviceId && { deviceId }) });
  return { socket, token };
}

/** Logs a staff member in over HTTP and returns the session cookie. */
export async function login(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login ${email} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get("set-cookie");
  if (!cookie) throw new Error("no session cookie");
  return cookie.split(";")[0]!;
}

/** A logged-in, synced staff socket. */
export async function openStaff(url: string, email: string, password: string) {
  const cookie = await login(url, email, password);
  const socket = await connect(url, cookie);
  const state = await ok(socket, "staff:sync", { protocolVersion: PROTOCOL_VERSION });
  return { socket, cookie, state };
}

export async function closeAll(...sockets: (ClientSocket | undefined)[]): Promise<void> {
  for (const s of sockets) s?.disconnect();
}
