/**
 * The property-based fuzzer behind test/integration/fuzz.test.ts and `npm run bench -- fuzz`: random
 * and adversarial payloads for every socket event of the protocol and every HTTP route the express
 * app has, sent by a youth, a volunteer, a coordinator and a socket with no identity.
 *
 * What must hold for every case: the server answers (an ack of the one shape, an HTTP status below
 * 500), a payload the protocol schema rejects is answered BAD_REQUEST and changes nothing in the
 * store, and Object.prototype is never touched.
 */

/** Settings that keep the fuzzer's world steady: ticks and grace periods that never fire during a run, no network blocks. */
export const FUZZ_ENV = { TICK_MS: "600000", PRESENCE_GRACE_MS: "600000", MESSAGE_RATE_PER_10S: "1000" };

// The fuzzer's parts, by concept; test/integration/fuzz.test.ts, authz.routes.test.ts and the bench import them from here.
export { fuzzHttp, listRoutes, type RouteInfo } from "./fuzzHttp";
export { fuzzValue, payloadFor, validSamples } from "./fuzzPayloads";
export { fuzzEventOrder, fuzzSocketEvent, runSocketCase } from "./fuzzSocket";
export { assertPrototypesClean, emptyCounts, type FuzzCounts, FuzzWorld } from "./fuzzWorld";
