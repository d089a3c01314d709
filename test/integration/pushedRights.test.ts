/**
 * Rights pushed across processes (issue 19): a socket speaks in a chat and keeps its staff session
 * on what it already knows, without a store read per event; every change that takes a right away
 * reaches the sockets on the other process before it is answered. Two real server processes on one
 * Redis; the change is made on A, the socket that loses the right is on B (and on A too, where it
 * has one there). The processes re-read nothing on a timer during these tests (recheck and age
 * limits of ten minutes), so only the push can explain a refusal.
 */
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import { createRedisStore, destroyRedisPrefix } from "../../server/store/redis/RedisStore";
import type { Store } from "../../server/store/Store";
import { PROTOCOL_VERSION } from "../../shared/protocol";
import { type ClientSocket, connect, login, nextEvent, ok, openYouth, request, requestOrClosed } from "../helpers/clients";
import { REDIS_URL, redisAvailable } from "../helpers/redis";
import { type ServerProcess, spawnServer } from "../helpers/servers";

const reachable = await redisAvailable("pushed rights across two processes");

const SAM = "sam@leiden.demo";
const LOTTE = "lotte@leiden.demo";
const EVA = "eva@inloop.demo";
const KIM = "kim@inloop.demo";

/** One sample of a /metrics line (name and exact labels), 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .sort()
    .join(",");
  for (const line of text.split("\n")) {
    const match = /^([a-z_]+)\{([^}]*)\} (\S+)$/.exec(line);
    if (match?.[1] === name && match[2]!.split(",").sort().join(",") === wanted) return Number(match[3]);
  }
  return 0;
}

describe.skipIf(!reachable)("rights pushed across two processes", () => {
  const prefix = `inloop-test-rights-${randomUUID()}:`;
  const processes: ServerProcess[] = [];
  let a: string;
  let b: string;
  let redis: Redis;
  let store: Store;
  const open: ClientSocket[] = [];
  const track = <T extends ClientSocket>(s: T): T => (open.push(s), s);

  beforeAll(async () => {
    const env = {
      REDIS_URL,
      REDIS_PREFIX: prefix,
      // Nothing on a timer: no tick reading conversations, no recheck or age limit re-reading rights.
      TICK_MS: "600000",
      STAFF_SESSION_RECHECK_MS: "600000",
      RIGHTS_MAX_AGE_MS: "600000",
      PRESENCE_GRACE_MS: "600000",
    };
    // The first seeds the demo locations and staff; the second finds them in Redis.
    processes.push(await spawnServer({ ...env, DEMO: "true" }));
    processes.push(await spawnServer({ ...env, DEMO: "false" }));
    [a, b] = [processes[0]!.url, processes[1]!.url];
    redis = new Redis(REDIS_URL);
    store = createRedisStore(redis.duplicate(), { prefix });
  }, 90_000);

  afterEach(async () => {
    for (const s of open.splice(0)) s.disconnect();
    for (const e of await store.listQueue()) await store.endConversation(e.id, { at: Date.now(), by: "system", reason: "test-reset" });
    for (const s of await store.listStaff()) {
      for (const c of await store.listActiveFor(s.id))
        await store.endConversation(c.id, { at: Date.now(), by: "system", reason: "test-reset" });
      if (!s.active && s.passwordHash) await store.putStaff({ ...s, active: true });
    }
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop("SIGKILL")));
    if (store) await store.close();
    if (redis) {
      await destroyRedisPrefix(redis, prefix);
      redis.disconnect();
    }
  });

  /** A console on `url` with this cookie, synced as the page does. */
  async function openConsole(url: string, cookie: string): Promise<ClientSocket> {
    const socket = track(await connect(url, cookie));
    await ok(socket, "staff:sync", { protocolVersion: PROTOCOL_VERSION });
    return socket;
  }

  /** Sam with a console on each process (one login), holding a chat with a youth on A. */
  async function chatWithSam() {
    const cookie = await login(a, SAM, DEMO_PASSWORD);
    const onA = await openConsole(a, cookie);
    const onB = await openConsole(b, cookie);
    await ok(onA, "presence:set", { status: "available", capacity: 3 });
    const youth = await openYouth(a);
    track(youth.socket);
    const { conversation } = await ok(youth.socket, "queue:join", { locationChoice: "leiden" });
    await ok(onB, "queue:take");
    const conversationId = conversation.id;
    const send = (socket: ClientSocket, text: string) =>
      requestOrClosed(socket, "message:send", { conversationId, id: randomUUID(), text });
    return { cookie, onA, onB, youth: youth.socket, conversationId, send };
  }

  const texts = async (conversationId: string) => (await store.listMessages(conversationId, 0)).map((m) => m.text);
  const metrics = async (url: string) => (await fetch(`${url}/metrics`)).text();

  it("relays messages and delivery marks on what the sockets know: no conversation or session read per event", async () => {
    const chat = await chatWithSam();
    await ok(chat.onB, "message:send", { conversationId: chat.conversationId, id: randomUUID(), text: "first" });
    const before = await metrics(b);
    for (let i = 0; i < 5; i++)
      await ok(chat.onB, "message:send", { conversationId: chat.conversationId, id: randomUUID(), text: `m${i}` });
    const after = await metrics(b);
    const reads = (text: string, operation: string) => sample(text, "inloop_store_operation_seconds_count", { operation, outcome: "ok" });
    expect(reads(after, "appendMessage") - reads(before, "appendMessage")).toBe(5);
    expect(reads(after, "getConversation") - reads(before, "getConversation")).toBe(0);
    expect(reads(after, "getStaffSession") - reads(before, "getStaffSession")).toBe(0);
    expect(reads(after, "getStaff") - reads(before, "getStaff")).toBe(0);

    // The youth on A: one message in the active chat, then delivery marks on what it knows.
    await ok(chat.youth, "message:send", { conversationId: chat.conversationId, id: randomUUID(), text: "hoi" });
    const beforeMarks = await metrics(a);
    for (const upToSeq of [2, 4, 6]) await ok(chat.youth, "delivery:confirm", { conversationId: chat.conversationId, upToSeq });
    const afterMarks = await metrics(a);
    expect(reads(afterMarks, "markDelivered") - reads(beforeMarks, "markDelivered")).toBe(3);
    expect(reads(afterMarks, "getConversation") - reads(beforeMarks, "getConversation")).toBe(0);
  });

  it("a volunteer on B loses a chat transferred on A, and can no longer send into it", async () => {
    const chat = await chatWithSam();
    expect(await chat.send(chat.onB, "known on B")).toMatchObject({ ok: true });
    await ok(chat.onA, "conversation:transfer", { conversationId: chat.conversationId, to: { locationChoice: "leiden" } });
    expect(await chat.send(chat.onB, "after the transfer")).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await texts(chat.conversationId)).not.toContain("after the transfer");
  });

  it("a volunteer on B can no longer send into a chat the youth ended on A", async () => {
    const chat = await chatWithSam();
    expect(await chat.send(chat.onB, "known on B")).toMatchObject({ ok: true });
    await ok(chat.youth, "conversation:end", { conversationId: chat.conversationId });
    expect(await chat.send(chat.onB, "after the end")).toMatchObject({ ok: false, code: "CONVERSATION_ENDED" });
    expect(await texts(chat.conversationId)).not.toContain("after the end");
  });

  it("a volunteer on B loses a chat a professional took over on A, and has it again once handed back", async () => {
    const chat = await chatWithSam();
    expect(await chat.send(chat.onB, "known on B")).toMatchObject({ ok: true });
    const eva = await openConsole(a, await login(a, EVA, DEMO_PASSWORD));
    await ok(eva, "duty:set", { onDuty: true, locationIds: ["leiden"] });
    await ok(eva, "conversation:join", { conversationId: chat.conversationId });
    await ok(eva, "conversation:takeover", { conversationId: chat.conversationId });
    expect(await chat.send(chat.onB, "after the take-over")).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await request(chat.onB, "typing:set", { conversationId: chat.conversationId, typing: true })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    expect(await texts(chat.conversationId)).not.toContain("after the take-over");
    // Handed back on A (which asks B whether Sam's console is there): Sam speaks again from B, and
    // Eva, who stays joined, still may; read afresh after the revocation.
    await ok(eva, "conversation:handback", { conversationId: chat.conversationId });
    expect(await chat.send(chat.onB, "back with Sam")).toMatchObject({ ok: true });
    expect(await chat.send(eva, "still joined")).toMatchObject({ ok: true });
  });

  it("a staff member deactivated on A: their consoles on A and B are closed before the route answers", async () => {
    const chat = await chatWithSam();
    expect(await chat.send(chat.onB, "known on B")).toMatchObject({ ok: true });
    const kim = await login(a, KIM, DEMO_PASSWORD);
    const sam = (await store.getStaffByEmail(SAM))!;
    const res = await fetch(`${a}/api/admin/staff/${sam.id}/deactivate`, { method: "POST", headers: { cookie: kim } });
    expect(res.status).toBe(200);
    // Sent the moment the route answered, on both processes: neither is acted on.
    const [onB, onA] = await Promise.all([chat.send(chat.onB, "late on B"), chat.send(chat.onA, "late on A")]);
    expect(onB.ok).toBe(false);
    expect(onA.ok).toBe(false);
    expect(chat.onB.connected).toBe(false);
    expect(chat.onA.connected).toBe(false);
    const stored = await texts(chat.conversationId);
    expect(stored).toContain("known on B");
    expect(stored).not.toContain("late on B");
    expect(stored).not.toContain("late on A");
    // The chat went back to the queue; the youth still writes, and nobody under Sam's cookie hears it.
    const again = track(await connect(b, chat.cookie));
    expect(await request(again, "staff:sync", { protocolVersion: PROTOCOL_VERSION })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
  });

  it("a staff member logged out on A: every console of theirs on A and B stops working", async () => {
    const chat = await chatWithSam();
    // A second login of Sam's (another device), with its console on B.
    const phone = await openConsole(b, await login(b, SAM, DEMO_PASSWORD));
    expect(await chat.send(chat.onB, "known on B")).toMatchObject({ ok: true });
    const res = await fetch(`${a}/api/auth/logout`, { method: "POST", headers: { cookie: chat.cookie } });
    expect(res.status).toBe(200);
    const results = await Promise.all([chat.send(chat.onB, "late on B"), chat.send(chat.onA, "late on A"), chat.send(phone, "late phone")]);
    expect(results.map((r) => r.ok)).toEqual([false, false, false]);
    for (const socket of [chat.onA, chat.onB, phone]) expect(socket.connected).toBe(false);
    const stored = await texts(chat.conversationId);
    for (const late of ["late on B", "late on A", "late phone"]) expect(stored).not.toContain(late);
    // The logged-out session opens nothing on either process.
    for (const url of [a, b]) {
      const back = track(await connect(url, chat.cookie));
      expect(await request(back, "presence:list")).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    }
  });

  it("a login that replaces a session on A closes that session's console on B", async () => {
    const before = await login(a, LOTTE, DEMO_PASSWORD);
    const onB = await openConsole(b, before);
    const res = await fetch(`${a}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: before },
      body: JSON.stringify({ email: LOTTE, password: DEMO_PASSWORD }),
    });
    expect(res.status).toBe(200);
    expect(await requestOrClosed(onB, "presence:list")).toMatchObject({ ok: false });
    expect(onB.connected).toBe(false);
  });

  it("a record changed on A reaches a console on B before its next event", async () => {
    const chat = await chatWithSam();
    expect(await chat.send(chat.onB, "as Sam")).toMatchObject({ ok: true });
    const kim = await login(a, KIM, DEMO_PASSWORD);
    const sam = (await store.getStaffByEmail(SAM))!;
    try {
      const res = await fetch(`${a}/api/admin/staff/${sam.id}`, {
        method: "PUT",
        headers: { cookie: kim, "content-type": "application/json" },
        body: JSON.stringify({ displayName: "Samuel", role: sam.role, locationId: sam.locationId, skills: sam.skills }),
      });
      expect(res.status).toBe(200);
      const heard = nextEvent(chat.youth, "message:received", (m) => m.text === "as Samuel");
      expect(await chat.send(chat.onB, "as Samuel")).toMatchObject({ ok: true });
      expect((await heard).sender.name).toBe("Samuel");
    } finally {
      await store.putStaff(sam);
    }
  });
});
