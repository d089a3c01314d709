import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { describe } from "vitest";
import { redisAvailable, REDIS_URL as url } from "../../../test/helpers/redis";
import { registerStoreContractTests } from "../contract";
import { registerAccessContractTests } from "../contract/access";
import type { Store } from "../Store";
import { createRedisStore, destroyRedisPrefix } from "./RedisStore";

const reachable = await redisAvailable("RedisStore contract tests");

const owned = new WeakMap<Store, { redis: Redis; prefix: string }>();

describe.skipIf(!reachable)("RedisStore", () => {
  const make = async () => {
    const redis = new Redis(url, { maxRetriesPerRequest: 1 });
    const prefix = `inloop-test-${randomUUID()}:`;
    const store = createRedisStore(redis, { prefix });
    owned.set(store, { redis, prefix });
    return store;
  };
  const destroy = async (store: Store) => {
    const { redis, prefix } = owned.get(store)!;
    await destroyRedisPrefix(redis, prefix);
    await store.close();
  };
  registerStoreContractTests("redis", make, destroy);
  registerAccessContractTests("redis", make, destroy);
});
