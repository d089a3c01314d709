import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import { createRedisStore, destroyRedisPrefix } from "../../server/store/redis/RedisStore";
import type { Store } from "../../server/store/Store";
import { PROTOCOL_VERSION } from "../../shared/protocol";
import { type ClientSocket, connect, login } from "../helpers/clients";
import { REDIS_URL } from "../helpers/redis";
import { type ServerProcess, spawnServer } from "../helpers/servers";
import { ConformingClient, call } from "./client";

/** Per connection: small, so a flood is quick to send; the other tests stay far below it. */
export const EVENTS_PER_10S = 100;

/**
 * Two `server/main.ts` processes on one Redis prefix for a describe block (the first seeds the demo
 * locations and staff), with what the conformance tests drive them through: conforming clients in a
 * chat across the two, a bare youth socket, raw emits. Sockets close and chats end after each test.
 */
export function useTwoProcesses() {
  const prefix = `inloop-conformance-${randomUUID()}:`;
  const processes: ServerProcess[] = [];
  let urls: [string, string];
  let store: Store;
  let redis: Redis;
  const open: (ClientSocket | ConformingClient)[] = [];
  const track = <T extends ClientSocket | ConformingClient>(c: T): T => (open.push(c), c);

  beforeAll(async () => {
    const env = {
      REDIS_URL,
      REDIS_PREFIX: prefix,
      TICK_MS: "500",
      LOG_LEVEL: "warn",
      CONNECTION_EVENTS_PER_10S: String(EVENTS_PER_10S),
      PRESENCE_GRACE_MS: "600000",
    };
    // The first seeds the demo locations and staff; the second finds them in Redis.
    processes.push(await spawnServer({ ...env, DEMO: "true" }));
    processes.push(await spawnServer({ ...env, DEMO: "false" }));
    urls = [processes[0]!.url, processes[1]!.url];
    redis = new Redis(REDIS_URL);
    store = createRedisStore(redis, { prefix });
  }, 90_000);

  afterEach(async () => {
    for (const c of open.splice(0))
      if (c instanceof ConformingClient) c.close();
      else c.disconnect();
    // Nobody stays waiting or chatting into the next test.
    for (const e of await store.listQueue()) await store.endConversation(e.id, { at: Date.now(), by: "system", reason: "test-reset" });
    for (const p of await store.listPresence()) {
      for (const c of await store.listActiveFor(p.staffId))
        await store.endConversation(c.id, { at: Date.now(), by: "system", reason: "test-reset" });
    }
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop("SIGKILL")));
    if (redis) {
      await destroyRedisPrefix(redis, prefix);
      redis.disconnect();
    }
  });

  const { chat, youthSocket } = peopleOnTwo(() => urls, track);

  return {
    /** The two processes' URLs, once they run. */
    urls: () => urls,
    /** The store both processes share, for checking what they wrote. */
    store: () => store,
    processes,
    track,
    chat,
    youthSocket,
    rawEmit,
    withAck,
  };
}

/** The conformance tests' people on the two processes: a chat across them, a bare youth socket. */
function peopleOnTwo(urlsNow: () => [string, string], track: <T extends ClientSocket | ConformingClient>(c: T) => T) {
  /** A volunteer on one process, a youth on the other, in a chat: everything through the conforming client. */
  async function chat(volunteerOn = 0, youthOn = 1, email = "sam@leiden.demo") {
    const cookie = await login(urlsNow()[volunteerOn]!, email, DEMO_PASSWORD);
    const staff = track(new ConformingClient(() => [urlsNow()[volunteerOn]!], { kind: "staff", cookie }));
    await staff.connect();
    expect((await staff.request("presence:set", { status: "available", capacity: 2 })).ok).toBe(true);
    const youth = track(new ConformingClient(() => [urlsNow()[youthOn]!], { kind: "youth" }));
    await youth.connect();
    const opened = await youth.request<{ token: string }>("session:open", { protocolVersion: PROTOCOL_VERSION });
    if (!opened.ok) throw new Error(opened.code);
    youth.token = opened.data.token;
    const joined = await youth.request<{ conversation: { id: string } }>("queue:join", { locationChoice: "leiden" });
    if (!joined.ok) throw new Error(joined.code);
    youth.conversationId = joined.data.conversation.id;
    const taken = await staff.request<{ id: string }>("queue:take", {});
    if (!taken.ok || taken.data.id !== youth.conversationId) throw new Error("queue:take gave another youth");
    staff.conversationId = taken.data.id;
    return { youth, staff, conversationId: taken.data.id, cookie };
  }

  async function youthSocket(on = 0) {
    const socket = track(await connect(urlsNow()[on]!));
    const opened = await call<{ token: string }>(socket, "session:open", { protocolVersion: PROTOCOL_VERSION });
    if (!opened.ok) throw new Error(opened.code);
    return { socket, token: opened.data.token };
  }

  return { chat, youthSocket };
}

/** Emits anything at all, as a careless or hostile client would (no typed events). */
export const rawEmit = (socket: ClientSocket, ...args: unknown[]) => (socket as unknown as { emit(...a: unknown[]): void }).emit(...args);
/** A raw emit with an ack callback; fails after 5 s without one. */
export const withAck = (socket: ClientSocket, ...args: unknown[]) =>
  new Promise<unknown>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no ack")), 5000);
    rawEmit(socket, ...args, (reply: unknown) => {
      clearTimeout(timer);
      resolve(reply);
    });
  });
