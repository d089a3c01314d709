/**
 * Retention and erasure on Redis: after either, nothing of a conversation's words is left anywhere
 * under the key prefix (checked with SCAN over every key and every value), the figures still count
 * it, and two processes running the retention job at once purge each conversation once.
 */
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../server/app/startServer";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import { buildEntry } from "../../server/domain/testFactories";
import type { Notifier } from "../../server/service/Notifier";
import { RetentionJob } from "../../server/service/RetentionJob";
import { createRedisStore, destroyRedisPrefix } from "../../server/store/redis/RedisStore";
import type { Store } from "../../server/store/Store";
import { type ClientSocket, closeAll, login, ok, openStaff, openYouth } from "../helpers/clients";
import { todayInAmsterdam } from "../helpers/dates";
import { REDIS_URL, redisAvailable } from "../helpers/redis";
import { startTestServer, stopServer } from "../helpers/servers";

const reachable = await redisAvailable("retention on Redis");
const DAY = 86_400_000;

/** Every key under the prefix with everything it holds, read with SCAN (never KEYS). */
async function everything(redis: Redis, prefix: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
    cursor = next;
    for (const key of keys) {
      const type = await redis.type(key);
      const value =
        type === "string"
          ? await redis.get(key)
          : type === "hash"
            ? JSON.stringify(await redis.hgetall(key))
            : type === "set"
              ? JSON.stringify(await redis.smembers(key))
              : type === "zset"
                ? JSON.stringify(await redis.zrange(key, "0", "-1"))
                : type === "list"
                  ? JSON.stringify(await redis.lrange(key, "0", "-1"))
                  : type === "stream"
                    ? JSON.stringify(await redis.xrange(key, "-", "+"))
                    : `(${type})`;
      out.set(key, value ?? "");
    }
  } while (cursor !== "0");
  return out;
}

/**
 * Where a purged conversation's id may still appear, and why: anonymous events (the figures), the
 * access record (who read it: kept longer on purpose), wrap-ups (topics only) and its return code
 * (a volunteer id; the note is gone), and the youth's own session, which points at it and expires
 * by itself YOUTH_SESSION_HOURS after the youth's last visit (the Redis TTL runs on real time, so
 * the 31 days this test skips do not expire it). Nowhere may any of its words appear.
 */
const MAY_NAME_IT = [/\{e\}:events$/, /\{a\}:access/, /\{w\}:/, /\{rc\}:/, /\{f\}:/, /:session:youth:/];

describe.skipIf(!reachable)("retention and erasure on Redis", () => {
  const prefix = `inloop-test-${randomUUID()}:`;
  const clock = { offsetMs: 0, now: () => Date.now() + clock.offsetMs };
  let server: RunningServer;
  let redis: Redis;
  const open: ClientSocket[] = [];

  beforeAll(async () => {
    server = await startTestServer({ REDIS_URL, REDIS_PREFIX: prefix, PRESENCE_GRACE_MS: "600000", RETENTION_DAYS: "30" }, { clock });
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    await closeAll(...open.splice(0));
    await stopServer(server, prefix);
    redis.disconnect();
  });

  /** A whole chat whose every kind of words is marked with `tag`: nickname, messages, whisper, note, escalation note, return-code note, debrief thread. */
  async function markedChat(tag: string): Promise<string> {
    const sam = await openStaff(server.url, "sam@leiden.demo", DEMO_PASSWORD);
    const eva = await openStaff(server.url, "eva@inloop.demo", DEMO_PASSWORD);
    const youth = await openYouth(server.url);
    open.push(sam.socket, eva.socket, youth.socket);
    await ok(sam.socket, "presence:set", { status: "available", capacity: 3 });
    await ok(eva.socket, "duty:set", { onDuty: true, locationIds: ["leiden"] });
    const { conversation } = await ok(youth.socket, "queue:join", { locationChoice: "leiden", nickname: `nick${tag}` });
    const id = conversation.id;
    await ok(sam.socket, "queue:take");
    await ok(youth.socket, "message:send", { conversationId: id, id: randomUUID(), text: `youth words ${tag}` });
    await ok(sam.socket, "message:send", { conversationId: id, id: randomUUID(), text: `volunteer words ${tag}` });
    await ok(sam.socket, "note:set", { conversationId: id, note: `note ${tag}` });
    await ok(sam.socket, "escalation:raise", { conversationId: id, level: "consult", note: `escalation note ${tag}` });
    await ok(eva.socket, "conversation:watch", { conversationId: id });
    await ok(eva.socket, "whisper:send", { conversationId: id, id: randomUUID(), text: `whisper ${tag}` });
    await ok(youth.socket, "conversation:end", { conversationId: id });
    await ok(youth.socket, "returnCode:take", { conversationId: id });
    // Sam talks it over with Eva afterwards: a staff-only thread about this chat.
    const debrief = await ok(sam.socket, "debrief:request", { conversationId: id });
    await ok(eva.socket, "debrief:claim", { debriefId: debrief.id });
    await ok(sam.socket, "debrief:send", { debriefId: debrief.id, id: randomUUID(), text: `debrief words ${tag}` });
    await ok(eva.socket, "debrief:close", { debriefId: debrief.id });
    await ok(eva.socket, "duty:set", { onDuty: false });
    await closeAll(sam.socket, eva.socket, youth.socket);
    return id;
  }

  async function expectNothingLeft(id: string, tag: string): Promise<void> {
    const all = await everything(redis, prefix);
    const holding = [...all].filter(([key, value]) => key.includes(tag) || value.includes(tag)).map(([key]) => key);
    expect(holding).toEqual([]);
    const naming = [...all.keys()].filter((key) => key.includes(id) || all.get(key)!.includes(id));
    expect(naming.filter((key) => !MAY_NAME_IT.some((allowed) => allowed.test(key)))).toEqual([]);
  }

  it("holds the words before (the SCAN check finds them), and erasure leaves none; the figures still count the chat", async () => {
    const tag = `ERASE${randomUUID().slice(0, 8)}`;
    const id = await markedChat(tag);
    const before = await everything(redis, prefix);
    expect([...before].filter(([k, v]) => k.includes(tag) || v.includes(tag)).length).toBeGreaterThanOrEqual(4);

    const kim = await login(server.url, "kim@inloop.demo", DEMO_PASSWORD);
    const today = todayInAmsterdam();
    const figures = async () =>
      (
        (await (await fetch(`${server.url}/api/figures?from=${today}&to=${today}`, { headers: { cookie: kim } })).json()) as {
          data: { total: { chatsStarted: number } };
        }
      ).data.total.chatsStarted;
    const counted = await figures();
    expect(counted).toBeGreaterThanOrEqual(1);
    const res = await fetch(`${server.url}/api/admin/conversations/${id}/erase`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: kim },
      body: JSON.stringify({ reason: "youth-request" }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: { escalations: number } }).data.escalations).toBe(1);
    await expectNothingLeft(id, tag);
    expect(await figures()).toBe(counted);
    const record = (await (
      await fetch(`${server.url}/api/admin/access?from=${today}&to=${today}`, { headers: { cookie: kim } })
    ).json()) as { data: { entries: { action: string; conversationId?: string; staffName: string }[] } };
    expect(record.data.entries).toContainEqual(expect.objectContaining({ action: "erase", conversationId: id, staffName: "Kim" }));
    expect(record.data.entries).toContainEqual(expect.objectContaining({ action: "watch", conversationId: id, staffName: "Eva" }));
  });

  it("purges everything of a conversation RETENTION_DAYS after it ended, on the tick", async () => {
    const tag = `RETAIN${randomUUID().slice(0, 8)}`;
    const id = await markedChat(tag);
    clock.offsetMs = 31 * DAY;
    for (let i = 0; i < 100 && (await server.store.getConversation(id)); i++) await new Promise((r) => setTimeout(r, 100));
    clock.offsetMs = 0;
    expect(await server.store.getConversation(id)).toBeUndefined();
    await expectNothingLeft(id, tag);
  });
});

describe.skipIf(!reachable)("two processes' retention at once, on Redis", () => {
  it("purges each conversation once and leaves the index empty", async () => {
    const prefix = `inloop-test-${randomUUID()}:`;
    const [a, b, seed] = [new Redis(REDIS_URL), new Redis(REDIS_URL), new Redis(REDIS_URL)];
    const storeA = createRedisStore(a, { prefix });
    const storeB = createRedisStore(b, { prefix });
    const seeding = createRedisStore(seed, { prefix });
    try {
      const now = 100 * DAY;
      const ids: string[] = [];
      for (let i = 0; i < 60; i++) {
        const e = buildEntry({ queuedAt: 10 * DAY });
        await seeding.enqueue(e);
        await seeding.appendMessage({ id: randomUUID(), conversationId: e.id, senderRole: "youth", text: "hoi", sentAt: 10 * DAY });
        await seeding.endConversation(e.id, { at: 10 * DAY + i, by: "youth", reason: "left-queue" });
        ids.push(e.id);
      }
      const deps = (store: Store) => ({ store, clock: { now: () => now }, notifier: {} as Notifier, log: pino({ level: "silent" }) });
      // Two processes' ticks fire together, each with its own connection and lease owner.
      const jobA = new RetentionJob(deps(storeA), 30, 3_600_000, { owner: "process-a", batch: 7 });
      const jobB = new RetentionJob(deps(storeB), 30, 3_600_000, { owner: "process-b", batch: 7 });
      const [purgedA, purgedB] = await Promise.all([jobA.run(), jobB.run()]);
      expect(purgedA + purgedB).toBe(60);
      expect(Math.min(purgedA, purgedB)).toBe(0); // one held the lease throughout; the other stood back
      for (const id of ids) expect(await seeding.getConversation(id)).toBeUndefined();
      expect(await seeding.listEndedBefore(now, 100)).toEqual([]);
      // And again at once: nothing left to do, and the lease is free afterwards.
      expect(await Promise.all([jobA.run(), jobB.run()])).toEqual([0, 0]);
      expect(await seeding.tryLease("retention", "someone", 1000)).toBe(true);
    } finally {
      await destroyRedisPrefix(seed, prefix);
      await Promise.all([storeA.close(), storeB.close(), seeding.close()]);
    }
  });
});
