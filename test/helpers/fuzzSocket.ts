import fc from "fast-check";
import { CALLERS } from "../../server/realtime/access";
import { ERROR_CODES, type RequestName, Requests } from "../../shared/protocol";
import { type ClientSocket, connect } from "./clients";
import { payloadFor, validSamples, withOwnKey } from "./fuzzPayloads";
import { assertPrototypesClean, type FuzzCounts, type FuzzWorld, firstDifference, quietSnapshot, type SenderName } from "./fuzzWorld";
import { storeSnapshot } from "./storeSnapshot";

/** socket.io closes a connection whose frame is larger than this (maxHttpBufferSize). */
const MAX_FRAME = 64 * 1024;

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
