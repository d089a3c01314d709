/**
 * Issue 15, item 2: anonymous sessions cost Redis memory for a day each. A script opening hundreds a
 * second filled Redis, after which every write failed while /readyz stayed 200.
 */
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { io } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../server/app/startServer";
import { PROTOCOL_VERSION } from "../../shared/protocol";
import { type ClientSocket, closeAll, request } from "../helpers/clients";
import { type OwnRedis, startOwnRedis } from "../helpers/faults";
import { REDIS_URL, redisAvailable } from "../helpers/redis";
import { startTestServer, stopServer } from "../helpers/servers";

const onRedis = await redisAvailable("capacity on Redis");

async function connectFrom(url: string, address: string): Promise<ClientSocket> {
  const socket: ClientSocket = io(url, {
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    extraHeaders: { "x-forwarded-for": address },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

describe.runIf(onRedis)("session creation (two processes, one Redis)", () => {
  const prefix = `inloop-test-${randomUUID()}:`;
  const env = {
    REDIS_URL,
    REDIS_PREFIX: prefix,
    TRUST_PROXY: "1",
    NETWORK_HASH_SECRET: "capacity-test-network-hash-secret-0123456789",
    SESSIONS_PER_NETWORK_PER_10MIN: "4",
    SESSIONS_PER_MINUTE: "10",
  };
  let a: RunningServer;
  let b: RunningServer;
  const open: ClientSocket[] = [];
  const openFrom = async (server: RunningServer, address: string) => {
    const socket = await connectFrom(server.url, address);
    open.push(socket);
    return request(socket, "session:open", { protocolVersion: PROTOCOL_VERSION });
  };
  beforeAll(async () => {
    a = await startTestServer(env);
    b = await startTestServer(env);
  });
  afterEach(async () => {
    await closeAll(...open.splice(0));
  });
  afterAll(async () => {
    await stopServer(a);
    await stopServer(b, prefix);
  });

  it("limits new sessions per network, and in total across networks and processes", async () => {
    const fromOne = [];
    for (let i = 0; i < 5; i++) fromOne.push(await openFrom(i % 2 ? a : b, "198.51.100.60"));
    expect(fromOne.map((x) => x.ok)).toEqual([true, true, true, true, false]);
    expect(fromOne[4]).toMatchObject({ code: "RATE_LIMITED" });
    // 4 made so far of 10 a minute in total; every further one from a network of its own.
    const fromMany = [];
    for (let i = 0; i < 8; i++) fromMany.push(await openFrom(i % 2 ? a : b, `203.0.113.${i + 1}`));
    expect(fromMany.filter((x) => x.ok)).toHaveLength(6);
    expect(fromMany.slice(6).map((x) => !x.ok && x.code)).toEqual(["RATE_LIMITED", "RATE_LIMITED"]);
    const probe = new Redis(REDIS_URL);
    const [, keys] = await probe.scan(0, "MATCH", `${prefix}session:youth:*`, "COUNT", 10_000);
    probe.disconnect();
    expect(keys.length).toBeLessThanOrEqual(10);
  });
});

describe.runIf(onRedis)("readiness when Redis is full", () => {
  let redis: OwnRedis;
  let server: RunningServer;
  let admin: Redis;
  beforeAll(async () => {
    redis = await startOwnRedis();
    admin = new Redis(redis.url);
    server = await startTestServer({ REDIS_URL: redis.url, REDIS_PREFIX: "inloop-full:" });
  });
  afterAll(async () => {
    await admin.config("SET", "maxmemory", "0");
    await stopServer(server);
    admin.disconnect();
    await redis.destroy();
  });

  it("answers /readyz 503 while Redis refuses writes though it still answers PING, and reports how full it is", async () => {
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    await admin.config("SET", "maxmemory-policy", "noeviction");
    // Below what is already used: from now on every write is refused with OOM, as in a full Redis.
    await admin.config("SET", "maxmemory", "1");
    expect(await admin.ping()).toBe("PONG");
    const youth = await connectFrom(server.url, "198.51.100.70");
    expect(await request(youth, "session:open", { protocolVersion: PROTOCOL_VERSION })).toMatchObject({ ok: false });
    youth.disconnect();
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/^inloop_store_up 0$/m);
    await admin.config("SET", "maxmemory", String(1024 ** 3));
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    const ratio = Number(/^inloop_store_memory_used_ratio (\S+)$/m.exec(await (await fetch(`${server.url}/metrics`)).text())?.[1]);
    expect(ratio).toBeGreaterThan(0);
    expect(ratio).toBeLessThan(0.5);
  });
});
