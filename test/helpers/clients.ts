import { io, type Socket } from "socket.io-client";
import { TOTP_PERIOD_S, totpCodeAt, totpStepAt } from "../../server/auth/totp";
import {
  type Ack,
  type ClientToServerEvents,
  PROTOCOL_VERSION,
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
export function request<E extends RequestName>(
  socket: ClientSocket,
  event: E,
  payload: unknown = {},
  timeoutMs = 5000,
): Promise<Ack<Responses[E]>> {
  return (socket.timeout(timeoutMs) as unknown as { emitWithAck(e: string, p: unknown): Promise<Ack<Responses[E]>> }).emitWithAck(
    event,
    payload,
  );
}

/**
 * Like `request`, for a socket the server may have closed: an event that never reached the server
 * (the socket was closed before or while it was sent) is answered `{ ok: false, code: "CLOSED" }`
 * at once rather than after the ack's timeout.
 */
export async function requestOrClosed<E extends RequestName>(
  socket: ClientSocket,
  event: E,
  payload: unknown = {},
): Promise<Ack<Responses[E]> | { ok: false; code: "CLOSED"; message: string }> {
  const closed = { ok: false as const, code: "CLOSED" as const, message: "the server closed the connection" };
  if (!socket.connected) return closed;
  const gone = new Promise<typeof closed>((resolve) => socket.once("disconnect", () => resolve(closed)));
  // socket.io answers an ack still open at the disconnect with an error: that is "closed" too.
  return Promise.race([request(socket, event, payload).catch(() => closed), gone]);
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

/**
 * Logs a staff member in over HTTP and returns the session cookie. When the server asks for a
 * second factor, this completes it like a person would: it enrols (keeping the secret and the
 * recovery codes, as the person's phone and drawer would) or types the code of the moment.
 */
export async function login(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login ${email} failed: ${res.status} ${await res.text()}`);
  const cookie = cookieOf(res);
  const { data } = (await res.json()) as { data: { next?: "code" | "enrol" } };
  return data.next ? completeSecondFactor(url, email, cookie, data.next) : cookie;
}

/** What the helper knows of each staff member's second factor: their "phone" (secret) and "drawer" (recovery codes). */
interface KnownFactor {
  secret: string;
  lastStep: number;
  recoveryCodes: string[];
}
const factors = new Map<string, KnownFactor[]>();

/** The second factor a test enrolled for this staff member (newest first), e.g. to compute codes itself. */
export function knownSecondFactor(email: string): KnownFactor | undefined {
  return factors.get(email.toLowerCase())?.[0];
}

/** Remembers a factor enrolled elsewhere (through the console page), so later logins can give codes. */
export function rememberSecondFactor(email: string, factor: KnownFactor): void {
  factors.set(email.toLowerCase(), [factor, ...(factors.get(email.toLowerCase()) ?? []).slice(0, 3)]);
}

/** The code (or recovery code) this staff member's "phone" gives for their next login. */
export function nextSecondFactorOf(email: string): Promise<{ code: string } | { recoveryCode: string }> {
  const factor = knownSecondFactor(email);
  if (!factor) throw new Error(`no second factor known for ${email}: enrol through a helper first`);
  return nextSecondFactor(factor);
}

/** Step two of a login: enrol (first time on this store) or give a code; returns the full session cookie. */
export async function completeSecondFactor(url: string, email: string, pendingCookie: string, next: "code" | "enrol"): Promise<string> {
  return (await secondStep(url, email, pendingCookie, next)).find((c) => c.startsWith("inloop_sid="))!;
}

/**
 * Step two, with the request headers a test wants (a forwarded address) and every cookie the
 * answer set (the session, and the device token that marks this browser as the owner's).
 */
export async function secondStep(
  url: string,
  email: string,
  pendingCookie: string,
  next: "code" | "enrol",
  headers: Record<string, string> = {},
): Promise<string[]> {
  const post = (path: string, body: unknown) =>
    fetch(`${url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: pendingCookie, ...headers },
      body: JSON.stringify(body),
    });
  const cookies = (res: Response) => res.headers.getSetCookie().map((c) => c.split(";")[0]!);
  if (next === "enrol") {
    const { data } = (await (await post("/api/auth/enrol", {})).json()) as { data: { secret: string } };
    const now = Date.now();
    const res = await post("/api/auth/enrol/confirm", { code: await totpCodeAt(data.secret, now) });
    if (!res.ok) throw new Error(`enrolling ${email} failed: ${res.status} ${await res.text()}`);
    const { data: done } = (await res.json()) as { data: { recoveryCodes: string[] } };
    rememberSecondFactor(email, { secret: data.secret, lastStep: totpStepAt(now), recoveryCodes: done.recoveryCodes });
    return cookies(res);
  }
  // Servers on other stores may know other factors of the same e-mail: newest first.
  for (const factor of factors.get(email.toLowerCase()) ?? []) {
    const res = await post("/api/auth/second-factor", await nextSecondFactor(factor));
    if (res.ok) return cookies(res);
  }
  throw new Error(`no second factor known for ${email}: enrol through this helper first`);
}

/**
 * A code works once (the server remembers the last 30-second step), and the server takes this step
 * and the next: after two logins in one step, a recovery code, and when those are gone, wait.
 */
async function nextSecondFactor(f: KnownFactor): Promise<{ code: string } | { recoveryCode: string }> {
  for (;;) {
    const now = Date.now();
    const step = Math.max(totpStepAt(now), f.lastStep + 1);
    if (step <= totpStepAt(now) + 1) {
      f.lastStep = step;
      return { code: await totpCodeAt(f.secret, step * TOTP_PERIOD_S * 1000) };
    }
    const recoveryCode = f.recoveryCodes.shift();
    if (recoveryCode) return { recoveryCode };
    await new Promise((r) => setTimeout(r, (totpStepAt(now) + 1) * TOTP_PERIOD_S * 1000 - now + 50));
  }
}

function cookieOf(res: Response): string {
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
