/**
 * Names kept in Redis from before the glossary rename (issue 18): a conversation's `holderId` is the
 * hash field `volunteerId`, and an hour bucket's `abandoned` and `abandonedWaitsMs` are stored as
 * `leftQueue` and `leftQueueWaitsMs`. Live chats and rolled-up figures of the previous release must
 * keep working through an upgrade, and a process of the previous release must read what this one writes.
 */
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { redisAvailable, REDIS_URL as url } from "../../../test/helpers/redis";
import { emptyBucket, HOUR_MS } from "../../domain/figures/buckets";
import { buildEntry } from "../../domain/testFactories";
import { availableIn } from "../contract/fixtures";
import type { Store } from "../Store";
import { encodeConversation } from "./codec";
import { type RedisKeys, redisKeys } from "./keys";
import { createRedisStore, destroyRedisPrefix } from "./RedisStore";

describe("Redis codec: names stored before the glossary rename", () => {
  it("writes a conversation's holder under the stored field", () => {
    const fields = encodeConversation({ ...buildEntry(), status: "active", holderId: "s1" });
    expect(fields[fields.indexOf("volunteerId") + 1]).toBe("s1");
    expect(fields).not.toContain("holderId");
  });
});

const reachable = await redisAvailable("Redis stored names");

describe.skipIf(!reachable)("RedisStore: names stored before the glossary rename", () => {
  let redis: Redis;
  let prefix: string;
  let k: RedisKeys;
  let store: Store;
  beforeEach(() => {
    redis = new Redis(url, { maxRetriesPerRequest: 1 });
    prefix = `inloop-test-${randomUUID()}:`;
    k = redisKeys(prefix);
    store = createRedisStore(redis, { prefix });
  });
  afterEach(async () => {
    await destroyRedisPrefix(redis, prefix);
    await store.close();
  });

  it("keeps the holder in the hash field `volunteerId` through claim, take-over and end", async () => {
    const entry = buildEntry();
    await store.enqueue(entry);
    await availableIn(store, "s1");
    expect((await store.claim(entry.id, "s1", 10)).ok).toBe(true);
    const raw = await redis.hgetall(k.conversation(entry.id));
    expect(raw).toMatchObject({ volunteerId: "s1" });
    expect(raw).not.toHaveProperty("holderId");
    expect((await store.getConversation(entry.id))?.holderId).toBe("s1");

    expect(await store.reassignHolder(entry.id, "s1", "p1")).toBe(true);
    expect(await redis.hget(k.conversation(entry.id), "volunteerId")).toBe("p1");
    const ended = await store.endConversation(entry.id, { at: 20, by: "professional", reason: "ended" });
    expect(ended.ok && ended.conversation).toMatchObject({ holderId: "p1", previousVolunteerId: "s1" });
    expect(await redis.smembers(k.active("p1"))).toEqual([]);
  });

  it("reads and ends a live chat written by the previous release", async () => {
    const id = "c_previous00001";
    await redis.hset(k.conversation(id), {
      id,
      youthId: "y1",
      status: "active",
      locationChoice: "leiden",
      locationId: "leiden",
      priority: "0",
      queuedAt: "1",
      assignedAt: "2",
      volunteerId: "s1",
      youthDeliveredSeq: "0",
      staffDeliveredSeq: "0",
    });
    await redis.sadd(k.active("s1"), id);
    expect(await store.getConversation(id)).toMatchObject({ holderId: "s1", priority: 0, assignedAt: 2 });
    expect((await store.listActiveFor("s1")).map((c) => c.id)).toEqual([id]);
    expect((await store.endConversation(id, { at: 3, by: "volunteer", reason: "ended" })).ok).toBe(true);
    expect(await redis.smembers(k.active("s1"))).toEqual([]);
  });

  it("reads hour buckets rolled up by the previous release, and writes the names it reads", async () => {
    const previous = {
      ...emptyBucket("leiden", HOUR_MS),
      abandoned: undefined,
      abandonedWaitsMs: undefined,
      leftQueue: 2,
      leftQueueWaitsMs: [60_000, 120_000],
    };
    await redis.zadd(k.figureBuckets, HOUR_MS, JSON.stringify(previous));
    const [read] = await store.listFigureBuckets(0, 10 * HOUR_MS);
    expect(read).toMatchObject({ abandoned: 2, abandonedWaitsMs: [60_000, 120_000] });
    expect(read).not.toHaveProperty("leftQueue");

    await store.replaceFigureBuckets(0, 10 * HOUR_MS, [read!]);
    const [member] = await redis.zrange(k.figureBuckets, "0", "-1");
    const stored = JSON.parse(member!) as Record<string, unknown>;
    expect(stored).toMatchObject({ leftQueue: 2, leftQueueWaitsMs: [60_000, 120_000] });
    expect(stored).not.toHaveProperty("abandoned");
  });
});
