/**
 * The property-based fuzzer behind test/integration/fuzz.test.ts and `npm run bench -- fuzz`: random
 * and adversarial payloads for every socket event of the protocol and every HTTP route the express
 * app has, sent by a youth, a volunteer, a coordinator and a socket with no identity.
 *
 * What must hold for every case: the server answers (an ack of the one shape, an HTTP status below
 * 500), a payload the protocol schema rejects is answered BAD_REQUEST and changes nothing in the
 * store, and Object.prototype is never touched.
 */
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import type { RunningServer } from "../../server/app/startServer";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import { CALLERS } from "../../server/realtime/access";
import { ERROR_CODES, PROTOCOL_VERSION, type RequestName, Requests } from "../../shared/protocol";
import { type ClientSocket, connect, login, ok, openStaff, openYouth } from "./clients";
import { storeSnapshot } from "./storeSnapshot";

/** Settings that keep the fuzzer's world steady: ticks and grace periods that never fire during a run, no network blocks. */
export const FUZZ_ENV = { TICK_MS: "600000", PRESENCE_GRACE_MS: "600000", MESSAGE_RATE_PER_10S: "1000" };

/** socket.io closes a connection whose frame is larger than this (maxHttpBufferSize). */
const MAX_FRAME = 64 * 1024;

/** Strings that have broken parsers, routers and databases before. */
const NASTY_STRINGS = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "",
  " ",
  "\u0000",
  "\uD800", // a lone high surrogate
  "\uDFFF", // a lone low surrogate
  "\u202E", // right-to-left override
  "\u200B\u200D\uFEFF", // zero-width characters and a byte order mark
  "👩‍👩‍👧‍👦🏳️‍🌈",
  "A\u0301\u0301\u0301",
  "ﷺ",
  "%00",
  "../../etc/passwd",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the log4j lookup, sent as plain text on purpose.
  "${jndi:ldap://x}",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "{d}",
  "c_AAAAAAAAAA",
  `c_${"A".repeat(40)}`,
  "st_sam",
  "leiden",
  "any",
  "e_x",
];

const nastyString = fc.constantFrom(...NASTY_STRINGS);
const weirdNumber = fc.constantFrom(-1, 0, -0, 0.5, 2 ** 31, 2 ** 53 + 2, 1e308, -1e308, Number.MIN_VALUE, PROTOCOL_VERSION);
/** Rarely: a string past every field limit, sometimes past the frame limit too. */
const hugeString = fc.integer({ min: 2_001, max: 70_000 }).map((n) => "x".repeat(n));
const pollution = fc
  .constantFrom(
    () => JSON.parse('{"__proto__":{"polluted":"yes"}}') as unknown,
    () => JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}') as unknown,
    () => ({ toString: "not a function", valueOf: 1 }),
  )
  .map((make) => make());

/** Any value a client could put into a JSON payload, weighted towards trouble. */
export const fuzzValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 4 },
  { arbitrary: nastyString, weight: 4 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 40 }), weight: 2 },
  { arbitrary: weirdNumber, weight: 2 },
  { arbitrary: pollution, weight: 2 },
  { arbitrary: fc.constantFrom(null, true, false, [], {}), weight: 2 },
  { arbitrary: hugeString, weight: 1 },
);

/** A copy of `o` with an own, enumerable property `key` (even "__proto__"), as JSON.parse would make it. */
function withOwnKey(o: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(o)) as Record<string, unknown>;
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** Valid payloads to mutate; an event without one is fuzzed from `{}` (and fully random values). */
export function validSamples(conversationId: string): Partial<Record<RequestName, Record<string, unknown>>> {
  return {
    "session:open": { protocolVersion: PROTOCOL_VERSION },
    "session:resume": { protocolVersion: PROTOCOL_VERSION, token: "t".repeat(43), afterSeq: 0 },
    "queue:join": { locationChoice: "leiden", nickname: "Mo", ageBand: "16-18", topic: "loneliness" },
    "feedback:give": { conversationId, helped: 4, wouldReturn: "yes" },
    "message:send": { conversationId, id: randomUUID(), text: "hallo" },
    "conversation:sync": { conversationId, afterSeq: 0 },
    "delivery:confirm": { conversationId, upToSeq: 1 },
    "typing:set": { conversationId, typing: true },
    "conversation:end": { conversationId },
    "note:set": { conversationId, note: "note" },
    "whisper:send": { conversationId, id: randomUUID(), text: "whisper", consult: false },
    "conversation:transfer": { conversationId, to: { locationChoice: "leiden" }, note: "n" },
    "conversation:block": { conversationId },
    "wrapup:submit": { conversationId, topics: ["loneliness"], referral: "none", rating: 3, debrief: false },
    "escalation:raise": { conversationId, level: "consult", note: "n" },
    "escalation:claim": { escalationId: "e_x" },
    "escalation:resolve": { escalationId: "e_x", outcome: "o", referral: "none" },
    "duty:set": { onDuty: true, locationIds: ["leiden"] },
    "conversation:watch": { conversationId },
    "conversation:join": { conversationId },
    "conversation:takeover": { conversationId },
    "conversation:handback": { conversationId },
    "staff:sync": { protocolVersion: PROTOCOL_VERSION },
    "presence:set": { status: "break", capacity: 2 },
    "push:subscribe": {
      subscription: { endpoint: "http://127.0.0.1:9/push/fuzz", keys: { p256dh: `B${"A".repeat(86)}`, auth: "A".repeat(22) } },
    },
    "push:unsubscribe": { endpoint: "http://127.0.0.1:9/push/fuzz" },
    "debrief:request": { conversationId },
    "debrief:claim": { debriefId: "d_fuzz00000001" },
    "debrief:send": { debriefId: "d_fuzz00000001", id: randomUUID(), text: "napraten" },
    "debrief:sync": { debriefId: "d_fuzz00000001" },
    "debrief:close": { debriefId: "d_fuzz00000001" },
  };
}

/** A payload for one event: valid, slightly wrong (one key changed, missing or added), or anything at all. */
export function payloadFor(sample: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(sample);
  const mutations: fc.Arbitrary<unknown>[] = [
    fc.constant(sample),
    fuzzValue,
    fc.tuple(fc.oneof(nastyString, fc.string({ maxLength: 12 })), fuzzValue).map(([k, v]) => withOwnKey(sample, k, v)),
  ];
  if (keys.length > 0) {
    const key = fc.constantFrom(...keys);
    mutations.push(fc.tuple(key, fuzzValue).map(([k, v]) => withOwnKey(sample, k, v)));
    mutations.push(key.map((k) => Object.fromEntries(Object.entries(sample).filter(([name]) => name !== k))));
  }
  return fc.oneof(...mutations);
}

/** What one fuzz run saw, for the report. */
export interface FuzzCounts {
  cases: number;
  rejected: number;
  accepted: number;
  noAck: number;
  framesTooLarge: number;
  httpRequests: number;
}

export const emptyCounts = (): FuzzCounts => ({ cases: 0, rejected: 0, accepted: 0, noAck: 0, framesTooLarge: 0, httpRequests: 0 });

const KNOWN_CODES = new Set<string>(ERROR_CODES);

/** One ack must have the one shape: `{ ok: true, data }` or `{ ok: false, code, message }` with a known code. */
function checkAckShape(ack: unknown): string | undefined {
  if (typeof ack !== "object" || ack === null) return `ack is not an object: ${JSON.stringify(ack)}`;
  const a = ack as { ok?: unknown; code?: unknown; message?: unknown };
  if (a.ok === true) return undefined;
  if (a.ok !== false || typeof a.code !== "string" || !KNOWN_CODES.has(a.code) || typeof a.message !== "string")
    return `malformed ack ${JSON.stringify(ack).slice(0, 200)}`;
  if (a.code === "INTERNAL") return `INTERNAL: ${a.message}`;
  return undefined;
}

type SenderName = "youth" | "volunteer" | "anonymous";

/**
 * The people the fuzzer speaks as, and a live chat between the youth and Sam that valid payloads
 * point at. Rebuilt whenever a case ended the chat or closed a socket.
 */
export class FuzzWorld {
  youth!: { socket: ClientSocket; token: string };
  volunteer!: ClientSocket;
  anonymous!: ClientSocket;
  conversationId = "";
  private staffCookie = "";
  private coordinatorCookie = "";

  constructor(readonly server: RunningServer) {}

  /** Sam (logged in again only if his console was closed), a new youth in a chat with him, a new anonymous socket. */
  async build(): Promise<void> {
    this.youth?.socket.disconnect();
    this.anonymous?.disconnect();
    if (!this.volunteer?.connected) {
      this.volunteer?.disconnect();
      const sam = await openStaff(this.server.url, "sam@leiden.demo", DEMO_PASSWORD);
      this.volunteer = sam.socket;
      this.staffCookie = sam.cookie;
    }
    this.coordinatorCookie ||= await login(this.server.url, "kim@inloop.demo", DEMO_PASSWORD);
    // The chats of earlier worlds (a youth socket closed by a too-large frame) still hold Sam's slots.
    for (const c of await this.server.store.listActiveFor("st_sam")) await ok(this.volunteer, "conversation:end", { conversationId: c.id });
    await ok(this.volunteer, "presence:set", { status: "available", capacity: 3 });
    this.youth = await openYouth(this.server.url);
    this.anonymous = await connect(this.server.url);
    const { conversation } = await ok(this.youth.socket, "queue:join", { locationChoice: "leiden" });
    this.conversationId = conversation.id;
    // Earlier cases may have left youths waiting (a valid queue:join, a transfer back to the queue).
    for (;;) {
      const taken = await ok(this.volunteer, "queue:take");
      if (taken.id === conversation.id) break;
      await ok(this.volunteer, "conversation:end", { conversationId: taken.id });
    }
  }

  /** Still a live chat with every socket connected? Otherwise a new one. */
  async ensure(): Promise<void> {
    const live = this.conversationId && (await this.server.store.getConversation(this.conversationId))?.status === "active";
    const connected = [this.youth?.socket, this.volunteer, this.anonymous].every((s) => s?.connected);
    if (!live || !connected) await this.build();
  }

  socketOf(sender: SenderName): ClientSocket {
    return sender === "youth" ? this.youth.socket : sender === "volunteer" ? this.volunteer : this.anonymous;
  }

  /** Sam's cookie (a volunteer) or Kim's (a national coordinator, so admin payloads get parsed). */
  cookie(who: "volunteer" | "coordinator" = "volunteer"): string {
    return who === "volunteer" ? this.staffCookie : this.coordinatorCookie;
  }

  close(): void {
    for (const s of [this.youth?.socket, this.volunteer, this.anonymous]) s?.disconnect();
  }
}

/** socket.io sends JSON: this is the payload as the server will see it (an `undefined` argument arrives as `null`). */
function onTheWire(payload: unknown): unknown {
  return payload === undefined ? null : JSON.parse(JSON.stringify(payload));
}

/**
 * The refusal a sender gets before its payload is read, if it may not send the event at all
 * (server/realtime/access.ts). The "anonymous" socket may have become a youth by an earlier
 * session:open case, so for youth events it is not predicted.
 */
function callerRefusal(event: RequestName, sender: SenderName): string | undefined {
  const caller = CALLERS[event];
  if (caller === "staff" && sender !== "volunteer") return "UNAUTHENTICATED";
  if (caller === "youth" && sender === "volunteer") return "FORBIDDEN";
  return undefined;
}

/** Emits and waits for the ack; "closed" if the server dropped the connection, "none" if nothing came. */
function emitAndWait(
  socket: ClientSocket,
  event: string,
  payload: unknown,
  timeoutMs: number,
): Promise<{ ack?: unknown; closed?: boolean; none?: boolean }> {
  return new Promise((resolve) => {
    const onClose = () => finish({ closed: true });
    const timer = setTimeout(() => finish({ none: true }), timeoutMs);
    const finish = (r: { ack?: unknown; closed?: boolean; none?: boolean }) => {
      clearTimeout(timer);
      socket.off("disconnect", onClose);
      resolve(r);
    };
    socket.once("disconnect", onClose);
    (socket as unknown as { emit(e: string, p: unknown, ack: (a: unknown) => void): void }).emit(event, payload, (ack) => finish({ ack }));
  });
}

/**
 * One socket case: a payload for an event, sent by one sender, with or without an ack callback.
 * Throws (a fast-check counterexample) when a property does not hold.
 */
export async function runSocketCase(
  world: FuzzWorld,
  counts: FuzzCounts,
  event: RequestName,
  sender: SenderName,
  payload: unknown,
  withAck: boolean,
): Promise<void> {
  await world.ensure();
  counts.cases += 1;
  const socket = world.socketOf(sender);
  const wire = onTheWire(payload);
  const refusal = callerRefusal(event, sender);
  const mustReject = refusal !== undefined || !Requests[event].safeParse(wire).success;
  const before = mustReject ? await quietSnapshot(world) : "";
  const tooLarge = JSON.stringify([event, wire]).length > MAX_FRAME;

  let outcome: { ack?: unknown; closed?: boolean; none?: boolean };
  if (withAck) {
    outcome = await emitAndWait(socket, event, payload, 5000);
  } else {
    // No ack: the server must still process or refuse it quietly; a status request shows it is alive.
    (socket as unknown as { emit(e: string, p: unknown): void }).emit(event, payload);
    outcome = await emitAndWait(socket, "service:status", {}, 5000);
    counts.noAck += 1;
    // Its handler may still be writing: let it finish before the next case takes its snapshot.
    if (!mustReject) await quietSnapshot(world, 15);
  }

  if (outcome.closed) {
    if (!tooLarge) throw new Error(`${event} from ${sender}: the server closed a ${JSON.stringify(wire).length}-byte frame`);
    counts.framesTooLarge += 1;
  } else if (withAck) {
    if (outcome.none) throw new Error(`${event} from ${sender}: no ack within 5 s`);
    const problem = checkAckShape(outcome.ack);
    if (problem) throw new Error(`${event} from ${sender}: ${problem}`);
    const ack = outcome.ack as { ok: boolean; code?: string };
    // Who may send it is checked first (a stranger learns no field names), then the schema.
    const expected = refusal ?? "BAD_REQUEST";
    const unbound = sender === "anonymous" && CALLERS[event] !== "anyone" && !refusal && ack.code === "UNAUTHENTICATED";
    if (mustReject && !unbound && (ack.ok || ack.code !== expected))
      throw new Error(
        `${event} from ${sender}: ${refusal ? "a caller who may not send it" : "a schema-invalid payload"} answered ${ack.ok ? "ok" : ack.code}, not ${expected}`,
      );
    if (ack.ok) counts.accepted += 1;
  } else if (outcome.none) {
    throw new Error(`${event} from ${sender} without ack: service:status got no answer after it`);
  }
  if (mustReject) {
    counts.rejected += 1;
    await world.server.dispatcher.settled();
    const after = await storeSnapshot(world.server.store, [world.conversationId]);
    if (after !== before)
      throw new Error(`${event} from ${sender}: a rejected payload changed the store: ${firstDifference(before, after)}`);
  }
  assertPrototypesClean();
}

/**
 * A snapshot taken once the store has stopped moving: a case sent without an ack may still be
 * running on the server (socket.io does not wait for one handler before starting the next), and its
 * writes must not be blamed on the case after it.
 */
async function quietSnapshot(world: FuzzWorld, pauseMs = 2): Promise<string> {
  let previous = await storeSnapshot(world.server.store, [world.conversationId]);
  for (let i = 0; i < 20; i++) {
    await world.server.dispatcher.settled();
    await new Promise((r) => setTimeout(r, pauseMs));
    const now = await storeSnapshot(world.server.store, [world.conversationId]);
    if (now === previous) return now;
    previous = now;
  }
  return previous;
}

/** Where two snapshots part, for the failure message. */
function firstDifference(a: string, b: string): string {
  const [x, y] = [JSON.parse(a) as Record<string, unknown>, JSON.parse(b) as Record<string, unknown>];
  const key = Object.keys(x).find((k) => JSON.stringify(x[k]) !== JSON.stringify(y[k]));
  return key ? `${key}: ${JSON.stringify(x[key]).slice(0, 300)} → ${JSON.stringify(y[key]).slice(0, 300)}` : "?";
}

/** Nothing a client sends may add properties to the shared prototypes of this process. */
export function assertPrototypesClean(): void {
  const polluted = [Object.prototype, Array.prototype, Function.prototype].some((p) => Object.getOwnPropertyNames(p).includes("polluted"));
  if (polluted || ({} as { polluted?: unknown }).polluted !== undefined) throw new Error("Object.prototype was polluted");
}

/** The property for one event: runs `numRuns` cases through fast-check (shrinks and throws on failure). */
export async function fuzzSocketEvent(
  world: FuzzWorld,
  counts: FuzzCounts,
  event: RequestName,
  numRuns: number,
  seed?: number,
): Promise<void> {
  const sample = validSamples(world.conversationId)[event] ?? {};
  await fc.assert(
    fc.asyncProperty(
      payloadFor(sample),
      fc.constantFrom<SenderName>("youth", "volunteer", "anonymous"),
      fc.boolean(),
      async (payload, sender, ack) => {
        // The sample's conversation may be gone by now: point valid payloads at the live one.
        const fixed = retarget(payload, sample, world);
        await runSocketCase(world, counts, event, sender, fixed, ack || Math.random() < 0.8);
      },
    ),
    { numRuns, ...(seed !== undefined && { seed }), endOnFailure: true },
  );
}

/** Replaces the sample's conversation id with the current one, so valid cases reach the services. */
function retarget(payload: unknown, sample: Record<string, unknown>, world: FuzzWorld): unknown {
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return payload;
  const p = payload as Record<string, unknown>;
  if (!Object.hasOwn(p, "conversationId") || p.conversationId !== sample.conversationId) return payload;
  return withOwnKey(p, "conversationId", world.conversationId);
}

/**
 * Random sequences of events (valid samples, unknown names, prototype names) on a fresh socket:
 * events out of order must be refused with a code, never crash or hang the server.
 */
export async function fuzzEventOrder(world: FuzzWorld, counts: FuzzCounts, numRuns: number): Promise<void> {
  const names = [...(Object.keys(Requests) as string[]), "constructor", "__proto__", "toString", "session:nope", "hasOwnProperty"];
  await fc.assert(
    fc.asyncProperty(fc.array(fc.constantFrom(...names), { minLength: 1, maxLength: 8 }), fc.boolean(), async (sequence, asStaff) => {
      await world.ensure();
      const socket = await connect(world.server.url, asStaff ? world.cookie() : undefined);
      try {
        for (const event of sequence) {
          counts.cases += 1;
          const known = event in Requests && Object.hasOwn(Requests, event);
          const sample = known ? (validSamples(world.conversationId)[event as RequestName] ?? {}) : {};
          if (!known) {
            // An unknown event gets its one ack too: BAD_REQUEST, and nothing happens.
            const unknown = await emitAndWait(socket, event, sample, 5000);
            const reply = unknown.ack as { ok?: boolean; code?: string } | undefined;
            if (unknown.none || unknown.closed || reply?.ok !== false || reply.code !== "BAD_REQUEST")
              throw new Error(
                `unknown event ${event}: ${unknown.none ? "no ack" : unknown.closed ? "connection closed" : JSON.stringify(reply)}`,
              );
            continue;
          }
          const outcome = await emitAndWait(socket, event, sample, 5000);
          if (outcome.closed) throw new Error(`sequence ${sequence.join(" → ")}: connection closed at ${event}`);
          if (outcome.none) throw new Error(`sequence ${sequence.join(" → ")}: no ack for ${event}`);
          const problem = checkAckShape(outcome.ack);
          if (problem) throw new Error(`sequence ${sequence.join(" → ")}: ${event}: ${problem}`);
        }
      } finally {
        socket.disconnect();
      }
      await quietSnapshot(world, 15);
      assertPrototypesClean();
    }),
    { numRuns, endOnFailure: true },
  );
}

/** A route of the express app, as `METHOD path` with express's parameter syntax (`:id`, `{*path}`). */
export interface RouteInfo {
  method: string;
  path: string;
}

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every route registered on the app behind this HTTP server, nested routers included. */
export function listRoutes(server: RunningServer): RouteInfo[] {
  const app = server.app as unknown as { router: { stack: Layer[] } };
  const found: RouteInfo[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const path of paths) for (const method of Object.keys(layer.route.methods)) found.push({ method: method.toUpperCase(), path });
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk(app.router.stack);
  return found;
}

/** Ids of the fuzzer's own world: a path such as /api/admin/staff/st_sam/deactivate must not take it apart. */
const REAL_IDS = new Set(["st_sam", "leiden", "any"]);

/** A path segment; a lone surrogate becomes a malformed UTF-8 escape, which the server must refuse calmly. */
function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value) || "x";
  } catch {
    return "%ED%A0%80";
  }
}

/** A concrete URL path for a route pattern: parameters filled with unknown ids and nasty strings. */
const pathFor = (pattern: string) =>
  fc
    .array(
      fc.oneof(
        fc.constantFrom(...NASTY_STRINGS.filter((n) => !REAL_IDS.has(n))),
        fc.string({ maxLength: 10 }),
        fc.constantFrom("st_nobody", "sh_nobody", "c_nobody0000", "nobody"),
      ),
      { minLength: 4, maxLength: 4 },
    )
    .map((fills) => {
      let i = 0;
      return pattern.replace(/\{\*\w+\}|:\w+/g, () => encodeSegment(fills[i++ % 4]!));
    });

/** A body as a client could send it: JSON of a fuzz value, broken JSON, too large, or none. */
const httpBody = fc.oneof(
  { arbitrary: fuzzValue.map((v) => ({ text: JSON.stringify(v) ?? "null", type: "application/json" })), weight: 6 },
  {
    arbitrary: fc.constantFrom("{", '{"a":', "[1,2", "\u0000", "nul", '{"__proto__":').map((text) => ({ text, type: "application/json" })),
    weight: 2,
  },
  { arbitrary: fc.constant({ text: JSON.stringify({ x: "y".repeat(70_000) }), type: "application/json" }), weight: 1 },
  { arbitrary: fc.constant({ text: "email=a&password=b", type: "application/x-www-form-urlencoded" }), weight: 1 },
  { arbitrary: fc.constant(undefined), weight: 1 },
);

/**
 * One HTTP case: a route with fuzzed parameters and body, as nobody, Sam or Kim.
 * Logout routes go without a cookie: ending the fuzzer's own session is not a finding.
 */
export async function fuzzHttp(world: FuzzWorld, counts: FuzzCounts, routes: RouteInfo[], numRuns: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(
      fc
        .constantFrom(...routes)
        .chain((r) =>
          fc.tuple(
            fc.constant(r),
            pathFor(r.path),
            httpBody,
            fc.constantFrom("nobody", "volunteer", "coordinator") as fc.Arbitrary<"nobody" | "volunteer" | "coordinator">,
          ),
        ),
      async ([route, path, body, who]) => {
        await world.ensure();
        counts.httpRequests += 1;
        counts.cases += 1;
        const before = await quietSnapshot(world);
        const cookie = who !== "nobody" && !route.path.includes("logout") ? world.cookie(who) : undefined;
        const hasBody = body !== undefined && route.method !== "GET" && route.method !== "HEAD";
        const res = await fetch(`${world.server.url}${path}`, {
          method: route.method,
          headers: { ...(cookie && { cookie }), ...(hasBody && { "content-type": body.type }) },
          ...(hasBody && { body: body.text }),
        });
        await res.arrayBuffer();
        if (res.status >= 500) throw new Error(`${route.method} ${path}: ${res.status}`);
        await world.server.dispatcher.settled();
        if (res.status >= 400 && (await storeSnapshot(world.server.store, [world.conversationId])) !== before) {
          throw new Error(
            `${route.method} ${path}: refused with ${res.status} but the store changed: ${firstDifference(before, await storeSnapshot(world.server.store, [world.conversationId]))}`,
          );
        }
        assertPrototypesClean();
      },
    ),
    { numRuns, endOnFailure: true },
  );
}
