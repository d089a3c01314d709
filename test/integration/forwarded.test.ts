/**
 * Issue 15, item 1: a client that forges X-Forwarded-For must not get a new "network" per request.
 * Two server processes share one Redis, as behind HAProxy; each request carries the header HAProxy
 * would pass on: whatever the client sent, then the real address (TRUST_PROXY=1: the last hop).
 */
import { randomUUID } from "node:crypto";
import { io } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../server/app/startServer";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import { PROTOCOL_VERSION } from "../../shared/protocol";
import { type ClientSocket, closeAll, ok, openStaff, request } from "../helpers/clients";
import { REDIS_URL, redisAvailable } from "../helpers/redis";
import { resetState, startTestServer, stopServer } from "../helpers/servers";

const onRedis = await redisAvailable("forwarded addresses on Redis");

/** A socket as HAProxy would hand it over: the client's forged hops, then the real address. */
async function connectVia(url: string, forwardedFor: string): Promise<ClientSocket> {
  const socket: ClientSocket = io(url, {
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    extraHeaders: { "x-forwarded-for": forwardedFor },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

let fake = 0;
/** A new made-up first hop per request, as the attacker sent. */
const forged = () => `10.${(fake >> 8) & 255}.${fake++ & 255}.7`;

describe.runIf(onRedis)("client addresses behind the load balancer (two processes, one Redis)", () => {
  const prefix = `inloop-test-${randomUUID()}:`;
  const env = {
    REDIS_URL,
    REDIS_PREFIX: prefix,
    TRUST_PROXY: "1",
    NETWORK_HASH_SECRET: "forwarded-test-network-hash-secret-0123456789",
    QUEUE_MAX_PER_NETWORK: "5",
    RETURN_CODE_ATTEMPTS_PER_10MIN: "4",
    RETURN_CODE_FAILURES_PER_HOUR: "12",
  };
  let a: RunningServer;
  let b: RunningServer;
  const open: ClientSocket[] = [];
  const youthVia = async (server: RunningServer, real: string) => {
    const socket = await connectVia(server.url, `${forged()}, ${real}`);
    open.push(socket);
    const { token } = await ok(socket, "session:open", { protocolVersion: PROTOCOL_VERSION });
    return { socket, token };
  };

  beforeAll(async () => {
    a = await startTestServer(env);
    b = await startTestServer(env);
  });
  afterEach(async () => {
    await closeAll(...open.splice(0));
    await resetState(a);
  });
  afterAll(async () => {
    await stopServer(a);
    await stopServer(b, prefix);
  });

  it("counts a network's waiting youths by the hop the proxy added, whatever the client put first", async () => {
    const acks = [];
    for (let i = 0; i < 7; i++) {
      const y = await youthVia(i % 2 ? a : b, "198.51.100.20");
      acks.push(await request(y.socket, "queue:join", { locationChoice: "any" }));
    }
    expect(acks.filter((x) => x.ok)).toHaveLength(5);
    expect(acks.slice(5).map((x) => !x.ok && x.code)).toEqual(["RATE_LIMITED", "RATE_LIMITED"]);
  });

  it("keys an IPv6 client on its /64: a new address inside it is the same network", async () => {
    const acks = [];
    for (let i = 0; i < 6; i++) {
      const y = await youthVia(i % 2 ? a : b, `2001:db8:77:1:${(i + 1).toString(16)}::${i + 9}`);
      acks.push(await request(y.socket, "queue:join", { locationChoice: "any" }));
    }
    expect(acks.filter((x) => x.ok)).toHaveLength(5);
    // Another /64 is another network.
    const other = await youthVia(a, "2001:db8:77:2::1");
    expect(await request(other.socket, "queue:join", { locationChoice: "any" })).toMatchObject({ ok: true });
  });

  it("slows return-code guesses per real network, however the first hop changes", async () => {
    const results = [];
    for (let i = 0; i < 6; i++) {
      const y = await youthVia(i % 2 ? a : b, "198.51.100.30");
      results.push(await request(y.socket, "returnCode:check", { code: "appel-fiets-zon-kaas-42" }));
    }
    expect(results.map((r) => !r.ok && r.code)).toEqual([
      "RETURN_CODE_UNKNOWN",
      "RETURN_CODE_UNKNOWN",
      "RETURN_CODE_UNKNOWN",
      "RETURN_CODE_UNKNOWN",
      "RATE_LIMITED",
      "RATE_LIMITED",
    ]);
  });

  it("stops guessing from many real networks with one shared budget of wrong codes; even a right code waits then", async () => {
    // Sam's youth takes a real code first (network .40).
    const sam = await openStaff(a.url, "sam@leiden.demo", DEMO_PASSWORD);
    open.push(sam.socket);
    await ok(sam.socket, "presence:set", { status: "available", capacity: 3 });
    const owner = await youthVia(b, "198.51.100.40");
    const { conversation } = await ok(owner.socket, "queue:join", { locationChoice: "leiden" });
    await ok(sam.socket, "queue:take");
    await ok(sam.socket, "conversation:end", { conversationId: conversation.id });
    const { code } = await ok(owner.socket, "returnCode:take", { conversationId: conversation.id });
    // 12 wrong codes budgeted per hour in all; the previous test spent 4 of them.
    const outcomes = [];
    for (let i = 0; i < 9; i++) {
      const y = await youthVia(i % 2 ? a : b, `203.0.113.${i + 1}`);
      outcomes.push(await request(y.socket, "returnCode:check", { code: "appel-fiets-zon-kaas-42" }));
    }
    expect(outcomes.filter((o) => !o.ok && o.code === "RETURN_CODE_UNKNOWN")).toHaveLength(8);
    expect(outcomes.at(-1)).toMatchObject({ ok: false, code: "RATE_LIMITED" });
    // The right code from a fresh network is not told apart once the budget is spent.
    const fresh = await youthVia(a, "192.0.2.99");
    expect(await request(fresh.socket, "returnCode:check", { code })).toMatchObject({ ok: false, code: "RATE_LIMITED" });
  });

  it("keeps a blocked browser out on the other process, from any network, and leaves its network open", async () => {
    const sam = await openStaff(b.url, "sam@leiden.demo", DEMO_PASSWORD);
    open.push(sam.socket);
    await ok(sam.socket, "presence:set", { status: "available", capacity: 3 });
    const deviceId = "forwarded-test-blocked-device";
    const socket = await connectVia(a.url, `${forged()}, 198.51.100.50`);
    open.push(socket);
    await ok(socket, "session:open", { protocolVersion: PROTOCOL_VERSION, deviceId });
    const { conversation } = await ok(socket, "queue:join", { locationChoice: "leiden" });
    await ok(sam.socket, "queue:take");
    await ok(sam.socket, "conversation:block", { conversationId: conversation.id });
    for (const [server, network] of [
      [a, "198.51.100.50"],
      [b, "192.0.2.77"],
    ] as const) {
      const again = await connectVia(server.url, `${forged()}, ${network}`);
      open.push(again);
      expect(await request(again, "session:open", { protocolVersion: PROTOCOL_VERSION, deviceId })).toMatchObject({
        ok: false,
        code: "BLOCKED",
      });
    }
    // Another browser on the same network (a classmate on the school's Wi-Fi) is not blocked.
    const classmate = await youthVia(b, "198.51.100.50");
    expect(await request(classmate.socket, "queue:join", { locationChoice: "any" })).toMatchObject({ ok: true });
  });
});
