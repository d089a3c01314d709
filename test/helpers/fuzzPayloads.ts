import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { PROTOCOL_VERSION, type RequestName } from "../../shared/protocol";

/** Strings that have broken parsers, routers and databases before. */
export const NASTY_STRINGS = [
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
export function withOwnKey(o: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
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
