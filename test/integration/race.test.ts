import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../server/auth/secrets";
import { buildLocation } from "../../server/domain/testFactories";
import { createRedisStore, destroyRedisPrefix } from "../../server/store/redis/RedisStore";
import { type ClientSocket, closeAll, collect, ok, openStaff, openYouth, request } from "../helpers/clients";
import { REDIS_URL, redisAvailable } from "../helpers/redis";
import { type ServerProcess, spawnServer } from "../helpers/servers";

const VOLUNTEERS = 50;
const YOUTHS = 200;
const PASSWORD = "race-password";
const reachable = await redisAvailable("two-process race");

describe.skipIf(!reachable)("two server processes on one Redis", () => {
  const prefix = `inloop-test-race-${randomUUID()}:`;
  const redis = new Redis(REDIS_URL);
  const store = createRedisStore(redis.duplicate(), { prefix });
  const servers: ServerProcess[] = [];
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    // Half the volunteers get youths pushed to them, half press "take next": both paths race.
    await store.putLocation(buildLocation({ id: "auto", name: "Auto", autoAssign: true }));
    await store.putLocation(buildLocation({ id: "pull", name: "Pull", autoAssign: false }));
    const passwordHash = await hashPassword(PASSWORD);
    for (let i = 0; i < VOLUNTEERS; i++) {
      await store.putStaff({
        id: `st_v${i}`,
        email: `v${i}@race.test`,
        displayName: `V${i}`,
        role: "volunteer",
        locationId: i % 2 === 0 ? "auto" : "pull",
        passwordHash,
        active: true,
        skills: [],
      });
    }
    for (const i of [1, 2]) {
      await store.putStaff({
        id: `st_p${i}`,
        email: `p${i}@race.test`,
        displayName: `P${i}`,
        role: "professional",
        locationId: "auto",
        passwordHash,
        active: true,
        skills: [],
      });
    }
    const env = { REDIS_URL, REDIS_PREFIX: prefix, DEMO: "false", TICK_MS: "200" };
    servers.push(...(await Promise.all([spawnServer(env), spawnServer(env)])));
  }, 60_000);

  afterAll(async () => {
    await closeAll(...sockets);
    await Promise.all(servers.map((s) => s.stop()));
    await destroyRedisPrefix(redis, prefix);
    redis.disconnect();
    await store.close();
  });

  it("assigns every one of 200 youths exactly once and keeps every volunteer within capacity", async () => {
    const urlOf = (i: number) => servers[i % 2]!.url;
    const capacityOf = (i: number) => (i % 3) + 1;
    let done = false;
    const assignedToStaff: string[] = [];

    const volunteers = await Promise.all(
      Array.from({ length: VOLUNTEERS }, async (_, i) => {
        const { socket } = await openStaff(urlOf(i), `v${i}@race.test`, PASSWORD);
        sockets.push(socket);
        socket.on("conversation:assigned", ({ staff }) => {
          if (!staff) return;
          assignedToStaff.push(staff.id);
          // A short chat, so the 200 youths need the volunteers several times over.
          setTimeout(() => void request(socket, "conversation:end", { conversationId: staff.id }), 20 + Math.random() * 80);
        });
        await ok(socket, "presence:set", { status: "available", capacity: capacityOf(i) });
        return { socket, pulls: i % 2 === 1 };
      }),
    );

    const youths = await Promise.all(
      Array.from({ length: YOUTHS }, async (_, i) => {
        const { socket } = await openYouth(urlOf(i + 1));
        sockets.push(socket);
        return { socket, assigned: collect(socket, "conversation:assigned") };
      }),
    );

    // Pull volunteers keep pressing "take next" while anyone waits.
    const pulling = volunteers
      .filter((v) => v.pulls)
      .map(async ({ socket }) => {
        while (!done) {
          const ack = await request(socket, "queue:take");
          if (!ack.ok) await new Promise((r) => setTimeout(r, 30));
        }
      });

    // Capacity is checked on the store's own state, sampled while the race runs: what clients see
    // arrives through two processes and may cross an "ended" ack, so it cannot prove it.
    let maxExcess = -Infinity;
    let samples = 0;
    const sampling = (async () => {
      while (!done) {
        for (const p of await store.listPresence()) maxExcess = Math.max(maxExcess, p.load - p.capacity);
        samples += 1;
        await new Promise((r) => setTimeout(r, 5));
      }
    })();

    const joins = await Promise.all(youths.map(({ socket }) => ok(socket, "queue:join", { locationChoice: "any" })));
    const conversationIds = joins.map((j) => j.conversation.id);
    expect(new Set(conversationIds).size).toBe(YOUTHS);

    await expect.poll(() => youths.filter((y) => y.assigned.length > 0).length, { timeout: 45_000, interval: 100 }).toBe(YOUTHS);
    // Give any duplicate assignment a moment to show up before counting.
    await new Promise((r) => setTimeout(r, 500));
    done = true;
    await Promise.all([...pulling, sampling]);

    expect(youths.filter((y) => y.assigned.length !== 1)).toHaveLength(0);
    expect(assignedToStaff).toHaveLength(YOUTHS);
    expect(new Set(assignedToStaff)).toEqual(new Set(conversationIds));
    expect(samples).toBeGreaterThan(20);
    expect(maxExcess).toBe(0); // someone was full at some point, and nobody was ever over
    expect(await store.listQueue()).toEqual([]);
    // Both kinds of volunteer took part, so both code paths raced.
    const byLocation = new Set((await Promise.all(conversationIds.map((id) => store.getConversation(id)))).map((c) => c?.locationId));
    expect(byLocation).toEqual(new Set(["auto", "pull"]));
  }, 90_000);

  it("lets exactly one of two professionals on two processes claim each escalation", async () => {
    const [p1, p2] = await Promise.all([
      openStaff(servers[0]!.url, "p1@race.test", PASSWORD),
      openStaff(servers[1]!.url, "p2@race.test", PASSWORD),
    ]);
    sockets.push(p1.socket, p2.socket);
    for (const p of [p1, p2]) await ok(p.socket, "duty:set", { onDuty: true, locationIds: ["auto"] });
    const ids = Array.from({ length: 60 }, (_, i) => `e_race${i}`);
    for (const id of ids) {
      await store.createEscalation({
        id,
        locationId: "auto",
        level: "crisis",
        source: "volunteer",
        raisedAt: 0,
        status: "open",
        offeredTo: [],
        offeredAt: 0,
      });
    }
    const acks = await Promise.all(
      ids.flatMap((escalationId) => [p1.socket, p2.socket].map((s) => request(s, "escalation:claim", { escalationId }))),
    );
    const wins = acks.filter((a) => a.ok);
    expect(wins).toHaveLength(ids.length);
    expect(acks.filter((a) => !a.ok && a.code === "ALREADY_CLAIMED")).toHaveLength(ids.length);
    const claimedBy = await Promise.all(ids.map(async (id) => (await store.getEscalation(id))?.claimedBy));
    expect(claimedBy.every((by) => by === "st_p1" || by === "st_p2")).toBe(true);
  }, 60_000);
});
