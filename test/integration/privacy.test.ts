/**
 * Privacy at rest and in the logs, end to end (server/log.test.ts checks the error serializer on its
 * own; this runs the whole service). Two real processes on Redis, logging at debug, behind a
 * "proxy" (TRUST_PROXY) that forwards the youth's address: a full chat with known words, a nickname,
 * a high-risk message, a whisper, a note, a block, a quick exit and a failed staff login. Then:
 * - the logs of both processes hold none of the youth's words, nickname, token or address, and no
 *   IP address at all apart from the address the server itself listens on;
 * - no key or value under the test's Redis prefix holds the youth's address or any IP address.
 */
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import { destroyRedisPrefix } from "../../server/store/redis/RedisStore";
import { PROTOCOL_VERSION } from "../../shared/protocol";
import { type ClientSocket, closeAll, ok, openStaff } from "../helpers/clients";
import { REDIS_URL, redisAvailable } from "../helpers/redis";
import { type ServerProcess, spawnServer } from "../helpers/servers";

const YOUTH_ADDRESS = "203.0.113.77"; // TEST-NET-3: never a real youth
const WORDS = "zebrapaard-geheim vertelt over thuis";
const NICKNAME = "Nickzebra";
const RISKY = "ik wil dood, ik kan niet meer";
const IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/g;
const IPV6_LOOPBACK = /::1\b|::ffff:/;

const reachable = await redisAvailable("privacy on Redis");

/** Every key and value under a prefix, as text: strings, hashes, sets, sorted sets, lists and streams. */
async function dumpPrefix(redis: Redis, prefix: string): Promise<string> {
  const out: string[] = [];
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
    cursor = next;
    for (const key of keys) {
      out.push(key);
      const type = await redis.type(key);
      if (type === "string") out.push((await redis.get(key)) ?? "");
      else if (type === "hash") out.push(JSON.stringify(await redis.hgetall(key)));
      else if (type === "set") out.push(JSON.stringify(await redis.smembers(key)));
      else if (type === "zset") out.push(JSON.stringify(await redis.zrange(key, "0", "-1")));
      else if (type === "list") out.push(JSON.stringify(await redis.lrange(key, 0, -1)));
      else if (type === "stream") out.push(JSON.stringify(await redis.xrange(key, "-", "+")));
      else out.push(`<${type}>`);
    }
  } while (cursor !== "0");
  return out.join("\n");
}

/** A youth socket that arrives through the proxy with its address in X-Forwarded-For. */
/** The blocked youth's browser: its random device id must not be stored or logged as it is. */
const DEVICE_ID = "privacy-test-device-id-0123456789";

async function youthThroughProxy(url: string, deviceId?: string): Promise<{ socket: ClientSocket; token: string }> {
  const socket: ClientSocket = io(url, {
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    extraHeaders: { "x-forwarded-for": `${YOUTH_ADDRESS}, 10.0.0.1` },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  const { token } = await ok(socket, "session:open", { protocolVersion: PROTOCOL_VERSION, ...(deviceId && { deviceId }) });
  return { socket, token };
}

describe.skipIf(!reachable)("privacy: logs and Redis", () => {
  const prefix = `inloop-test-privacy-${randomUUID()}:`;
  const redis = new Redis(REDIS_URL);
  const servers: ServerProcess[] = [];
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    const env = { REDIS_URL, REDIS_PREFIX: prefix, DEMO: "true", LOG_LEVEL: "debug", TRUST_PROXY: "true" };
    servers.push(...(await Promise.all([spawnServer(env), spawnServer(env)])));
  }, 60_000);

  afterAll(async () => {
    await closeAll(...sockets);
    await Promise.all(servers.map((s) => s.stop()));
    await destroyRedisPrefix(redis, prefix);
    redis.disconnect();
  });

  it("keeps a youth's words, nickname, token and address out of the logs, and every IP address out of Redis", async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const sam = await openStaff(a.url, "sam@leiden.demo", DEMO_PASSWORD);
    const eva = await openStaff(b.url, "eva@inloop.demo", DEMO_PASSWORD);
    sockets.push(sam.socket, eva.socket);
    await ok(eva.socket, "duty:set", { onDuty: true });
    await ok(sam.socket, "presence:set", { status: "available", capacity: 3 });

    // A chat across the two processes, with everything a youth might reveal.
    const youth = await youthThroughProxy(b.url);
    sockets.push(youth.socket);
    const { conversation } = await ok(youth.socket, "queue:join", { locationChoice: "leiden", nickname: NICKNAME, topic: "home-family" });
    await ok(youth.socket, "message:send", { conversationId: conversation.id, id: randomUUID(), text: `${WORDS} (wachtend)` });
    await ok(sam.socket, "queue:take");
    await ok(youth.socket, "message:send", { conversationId: conversation.id, id: randomUUID(), text: WORDS });
    await ok(youth.socket, "message:send", { conversationId: conversation.id, id: randomUUID(), text: RISKY });
    await ok(sam.socket, "message:send", { conversationId: conversation.id, id: randomUUID(), text: `Dank je, ${NICKNAME}` });
    await ok(sam.socket, "whisper:send", { conversationId: conversation.id, id: randomUUID(), text: `${WORDS} (whisper)` });
    await ok(sam.socket, "note:set", { conversationId: conversation.id, note: `${WORDS} (note)` });
    await ok(youth.socket, "conversation:end", { conversationId: conversation.id });
    await ok(youth.socket, "feedback:give", { conversationId: conversation.id, helped: 5 });

    // A second youth from the same address is blocked: the block is keyed by hashes only.
    const second = await youthThroughProxy(a.url, DEVICE_ID);
    sockets.push(second.socket);
    const chat2 = await ok(second.socket, "queue:join", { locationChoice: "leiden" });
    await ok(sam.socket, "queue:take");
    await ok(sam.socket, "conversation:block", { conversationId: chat2.conversation.id });

    // A third leaves by quick exit, and a staff login fails.
    const third = await youthThroughProxy(b.url).catch(() => undefined);
    if (third) sockets.push(third.socket);
    await fetch(`${a.url}/api/youth/quick-exit`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": YOUTH_ADDRESS },
      body: JSON.stringify({ token: youth.token }),
    });
    await fetch(`${a.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": YOUTH_ADDRESS },
      body: JSON.stringify({ email: "sam@leiden.demo", password: "wrong" }),
    });
    await new Promise((r) => setTimeout(r, 500));

    const logs = servers.map((s) => s.output()).join("\n");
    expect(logs).toContain("risk.flagged"); // the run did log, at debug, through the interesting paths
    for (const secret of [WORDS, "zebrapaard", NICKNAME, "ik wil dood", youth.token, second.token, YOUTH_ADDRESS, DEVICE_ID])
      expect(logs).not.toContain(secret);
    // The only address a log may name is the one the server listens on, in its start-up banner.
    const banner = /^\s+(Youth chat|Staff console|Health):.*$/gm;
    expect(logs.replace(banner, "").match(IPV4) ?? []).toEqual([]);
    expect(logs.replace(banner, "")).not.toMatch(IPV6_LOOPBACK);

    const atRest = await dumpPrefix(redis, prefix);
    expect(atRest).toContain(conversation.id); // the dump saw the chat's keys
    expect(atRest).not.toContain(YOUTH_ADDRESS);
    expect(atRest).not.toContain("10.0.0.1");
    expect(atRest).not.toContain(DEVICE_ID); // the block on that browser is a keyed hash of its id
    expect(atRest.match(IPV4) ?? []).toEqual([]);
    expect(atRest).not.toMatch(IPV6_LOOPBACK);
  }, 60_000);
});
