import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { describe } from "vitest";
import { registerStoreContractTests } from "../contract";
import type { Store } from "../Store";
import { destroyRedisPrefix, RedisStore } from "./RedisStore";

const url = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/** True if Redis answers a PING within `timeoutMs`; never retries, never throws. */
async function redisAnswers(timeoutMs: number): Promise<boolean> {
  const probe = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  probe.on("error", () => {}); // the outcome is the boolean; don't crash on the connection error
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  try {
    return await Promise.race([probe.connect().then(() => probe.ping()).then((r) => r === "PONG"), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
    probe.disconnect();
  }
}

const reachable = await redisAnswers(1000);
if (!reachable) {
  // On CI a missing Redis is a broken pipeline, not a reason to skip the contract silently.
  if (process.env.CI === "true") throw new Error(`Redis did not answer at ${url} within 1 s (CI=true)`);
  console.warn(`Skipping RedisStore contract tests: no Redis answered at ${url} within 1 s (set REDIS_URL).`);
}

const owned = new WeakMap<Store, { redis: Redis; prefix: string }>();

describe.skipIf(!reachable)("RedisStore", () => {
  registerStoreContractTests(
    "redis",
    async () => {
      const redis = new Redis(url, { maxRetriesPerRequest: 1 });
      const prefix = `inloop-test-${randomUUID()}:`;
      const store = new RedisStore(redis, { prefix });
      owned.set(store, { redis, prefix });
      return store;
    },
    async (store) => {
      const { redis, prefix } = owned.get(store)!;
      await destroyRedisPrefix(redis, prefix);
      await store.close();
    },
  );
});
