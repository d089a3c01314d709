/**
 * Issue 15, item 7: a copy of Redis must not give away where youths connect from. Before, the daily
 * salt sat in Redis next to the salted hashes, so every IPv4 address could be tried in minutes.
 */
import { createHmac, randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../server/app/startServer";
import { hashSecret } from "../../server/auth/secrets";
import { PROTOCOL_VERSION } from "../../shared/protocol";
import { type ClientSocket, ok } from "../helpers/clients";
import { REDIS_URL, redisAvailable } from "../helpers/redis";
import { startTestServer, stopServer } from "../helpers/servers";

const onRedis = await redisAvailable("network hashes on Redis");

/** Every string value under the prefix (strings, hash fields and values, list and set members). */
async function everything(redis: Redis, prefix: string): Promise<string[]> {
  const out: string[] = [];
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", "1000");
    cursor = next;
    for (const key of keys) {
      out.push(key);
      const type = await redis.type(key);
      if (type === "string") out.push((await redis.get(key)) ?? "");
      else if (type === "hash") out.push(...Object.entries(await redis.hgetall(key)).flat());
      else if (type === "list") out.push(...(await redis.lrange(key, 0, -1)));
      else if (type === "set") out.push(...(await redis.smembers(key)));
      else if (type === "zset") out.push(...(await redis.zrange(key, "0", "-1")));
    }
  } while (cursor !== "0");
  return out;
}

describe.runIf(onRedis)("network hashes in Redis", () => {
  const prefix = `inloop-test-${randomUUID()}:`;
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer({
      REDIS_URL,
      REDIS_PREFIX: prefix,
      TRUST_PROXY: "1",
      NETWORK_HASH_SECRET: "network-hash-test-secret-0123456789abcdef",
    });
  });
  afterAll(async () => {
    await stopServer(server, prefix);
  });

  it("cannot be reversed with anything Redis holds: no salt or key is stored next to them", async () => {
    const address = "198.51.100.80";
    const socket: ClientSocket = io(server.url, {
      transports: ["websocket"],
      reconnection: false,
      forceNew: true,
      extraHeaders: { "x-forwarded-for": address },
    });
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    const { token } = await ok(socket, "session:open", { protocolVersion: PROTOCOL_VERSION });
    await ok(socket, "queue:join", { locationChoice: "any" });
    socket.disconnect();
    const session = await server.store.getYouthSession(hashSecret(token));
    const stored = session?.abuseKey;
    expect(stored).toMatch(/^[A-Za-z0-9_-]{40,}$/);

    const redis = new Redis(REDIS_URL);
    const values = await everything(redis, prefix);
    redis.disconnect();
    // An attacker with a copy tries every stored string as the key of the hash, as one would with a salt.
    const reproduced = values.filter((v) => v.length >= 16 && createHmac("sha256", v).update(address).digest("base64url") === stored);
    expect(reproduced).toEqual([]);
    expect(values.some((v) => /salt/.test(v))).toBe(false);
    expect(values.join("\n")).not.toContain(address);
  });
});
