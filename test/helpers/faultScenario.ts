/**
 * One fault, end to end: two real server processes on a Redis of their own (AOF, fsync always),
 * volunteers and youths in live chats across both, youths waiting in a queue, messages flowing both
 * ways, then the fault (a process killed, a process drained, Redis killed and started again). It
 * counts what the people on either side of each chat hold afterwards. Used by
 * test/integration/faults.test.ts (a few chats) and `npm run bench -- faults` (hundreds).
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { Redis } from "ioredis";
import { hashPassword } from "../../server/auth/secrets";
import { buildLocation } from "../../server/domain/testFactories";
import { createRedisStore } from "../../server/store/redis/RedisStore";
import { PROTOCOL_VERSION } from "../../shared/protocol";
import { login } from "./clients";
import { ConformingClient, call, countDelivery, startOwnRedis } from "./faults";
import { type ServerProcess, spawnServer } from "./servers";

export type Fault = "sigkill" | "sigterm" | "redis-restart";

export interface FaultOptions {
  fault: Fault;
  chats: number;
  queued: number;
  /** Messages each side of a chat sends per second while it runs. */
  messagesPerSecondPerSide?: number;
  /** How long messages flow before and after the fault. */
  beforeMs?: number;
  afterMs?: number;
  /** How long Redis stays down (redis-restart). */
  outageMs?: number;
  /** Progress lines (the bench prints them; the test stays quiet). */
  progress?: (line: string) => void;
}

export interface FaultReport {
  chats: number;
  acked: number;
  lost: number;
  /** Ids held with two different seqs (would show twice). */
  duplicated: number;
  /** The same id broadcast again to one connection: a resend is broadcast again (PROTOCOL.md §5.1) and dropped by id. */
  repeatedBroadcasts: number;
  /** conversation:sync requests the clients made to fill a seq gap (§5.2). */
  gapSyncs: number;
  /** Acknowledged messages missing from the transcript in Redis afterwards (after a Redis restart: reloaded from its AOF). */
  missingInStore: number;
  /** Queued youths still queued, in their original order, after the fault. */
  queueOrderKept: boolean;
  queuedBefore: number;
  queuedAfter: number;
  /** Every volunteer still has exactly their chat, active, after the fault. */
  conversationsIntact: boolean;
  reconnects: number;
  /** From the fault until every unacknowledged message was acknowledged. */
  recoveryMs: number;
  /** What /readyz said while Redis was down (redis-restart), per process. */
  readyDuringOutage?: number[];
  /** Server processes still running at the end (a Redis outage must not take any down). */
  processesAlive: number;
  /** Whether a new youth could join and be taken after the fault, without restarting anything. */
  serviceResumed: boolean;
  /** Whether a new connection to a draining process was refused (sigterm). */
  drainingRefusedNewConnections?: boolean;
}

const PASSWORD = "fault-password";

/** A set-up request that must succeed: a busy machine may answer slowly, so retry what timed out. */
async function setUp<T>(client: ConformingClient, event: string, payload: unknown): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const ack = await call<T>(client.socket, event, payload, 10_000);
    if (ack.ok) return ack.data;
    if (ack.code !== "UNAVAILABLE" || attempt === 5) throw new Error(`${event}: ${ack.code} ${ack.message}`);
  }
}

/** Runs one fault scenario and tears everything down, whatever happens. */
export async function runFaultScenario(o: FaultOptions): Promise<FaultReport> {
  const progress = o.progress ?? (() => {});
  const redis = await startOwnRedis();
  const prefix = `inloop-faults-${randomUUID()}:`;
  const seedClient = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  seedClient.on("error", () => {});
  const servers: ServerProcess[] = [];
  const clients: ConformingClient[] = [];
  try {
    const store = createRedisStore(seedClient, { prefix });
    await store.putLocation(buildLocation({ id: "chat", name: "Chat" }));
    // Nobody works at "wait", and nobody else may take its youths: they stay queued through the fault.
    await store.putLocation(buildLocation({ id: "wait", name: "Wait", overflowSeconds: 3600 }));
    const passwordHash = await hashPassword(PASSWORD);
    for (let i = 0; i < o.chats; i++) {
      await store.putStaff({
        id: `st_f${i}`,
        email: `f${i}@faults.test`,
        displayName: `F${i}`,
        role: "volunteer",
        locationId: "chat",
        passwordHash,
        active: true,
        skills: [],
      });
    }
    const env = {
      REDIS_URL: redis.url,
      REDIS_PREFIX: prefix,
      DEMO: "false",
      TICK_MS: "500",
      PRESENCE_GRACE_MS: "120000",
      MESSAGE_RATE_PER_10S: "100000",
      SHUTDOWN_DRAIN_MS: o.fault === "sigterm" ? "1500" : "0",
      LOG_LEVEL: "error",
    };
    servers.push(...(await Promise.all([spawnServer(env), spawnServer(env)])));
    progress(`redis on ${redis.port}, servers ${servers.map((s) => s.url).join(" ")}`);
    const alive = () => servers.filter((s) => s.child.exitCode === null && s.child.signalCode === null).map((s) => s.url);
    const track = (c: ConformingClient) => (clients.push(c), c);

    // Volunteers, alternating between the two processes, one chat each.
    const volunteers = await Promise.all(
      Array.from({ length: o.chats }, async (_, i) => {
        const cookie = await login(servers[i % 2]!.url, `f${i}@faults.test`, PASSWORD);
        const staff = track(new ConformingClient(alive, { kind: "staff", cookie }));
        await staff.connect(i % 2);
        await setUp(staff, "presence:set", { status: "available", capacity: 1 });
        return staff;
      }),
    );
    progress(`${volunteers.length} volunteers ready`);
    const openYouth = async (i: number) => {
      const youth = track(new ConformingClient(alive, { kind: "youth" }));
      await youth.connect(i % 2);
      youth.token = (await setUp<{ token: string }>(youth, "session:open", { protocolVersion: PROTOCOL_VERSION })).token;
      return youth;
    };
    const joinAs = async (youth: ConformingClient, locationChoice: string) => {
      const joined = await setUp<{ conversation: { id: string }; queue: { position: number } }>(youth, "queue:join", { locationChoice });
      youth.conversationId = joined.conversation.id;
      return joined.queue.position;
    };

    // Chats: each youth joins, the volunteer on the *other* process takes them, so chats cross processes.
    const pairs: { youth: ConformingClient; staff: ConformingClient }[] = [];
    for (let i = 0; i < o.chats; i++) {
      const youth = await openYouth(i + 1);
      await joinAs(youth, "chat");
      const staff = volunteers[i]!;
      const taken = await setUp<{ id: string }>(staff, "queue:take", {});
      if (taken.id !== youth.conversationId) throw new Error("queue:take: another youth");
      staff.conversationId = taken.id;
      pairs.push({ youth, staff });
    }
    const waiting: ConformingClient[] = [];
    for (let i = 0; i < o.queued; i++) {
      const youth = await openYouth(i);
      const position = await joinAs(youth, "wait");
      if (position !== i + 1) throw new Error(`queued youth ${i} got position ${position}`);
      waiting.push(youth);
    }

    progress(`${pairs.length} chats, ${waiting.length} waiting`);
    // Messages both ways, all the time, from both processes.
    const perSide = o.messagesPerSecondPerSide ?? 5;
    let n = 0;
    let sending = true;
    const traffic = (async () => {
      while (sending) {
        for (const { youth, staff } of pairs) {
          youth.send(`y${n}`);
          staff.send(`s${n}`);
        }
        n += 1;
        await new Promise((r) => setTimeout(r, 1000 / perSide));
      }
    })();

    await new Promise((r) => setTimeout(r, o.beforeMs ?? 1000));
    const faultAt = performance.now();
    progress(`fault: ${o.fault}`);
    const report: Partial<FaultReport> = {};
    if (o.fault === "sigkill") {
      await servers[0]!.stop("SIGKILL");
    } else if (o.fault === "sigterm") {
      const stopping = servers[0]!.stop("SIGTERM");
      await new Promise((r) => setTimeout(r, 300));
      report.drainingRefusedNewConnections = await refusesConnection(servers[0]!.url);
      await stopping;
    } else {
      await redis.kill();
      await new Promise((r) => setTimeout(r, 300));
      report.readyDuringOutage = await Promise.all(servers.map(async (s) => (await fetch(`${s.url}/readyz`)).status));
      await new Promise((r) => setTimeout(r, Math.max(0, (o.outageMs ?? 1500) - 300)));
      await redis.start();
    }
    await new Promise((r) => setTimeout(r, o.afterMs ?? 1500));
    sending = false;
    await traffic;
    progress(`traffic stopped; ${clients.reduce((sum, c) => sum + c.outbox.length, 0)} messages unacknowledged`);

    // Everything sent must be acknowledged in the end; then give the last broadcasts a moment.
    const deadline = Date.now() + 30_000;
    while (clients.some((c) => c.outbox.length > 0) && Date.now() < deadline) {
      for (const c of clients) void c.flush();
      await new Promise((r) => setTimeout(r, 100));
    }
    const recoveryMs = performance.now() - faultAt;
    const unsent = clients.reduce((sum, c) => sum + c.outbox.length, 0);
    if (unsent > 0) throw new Error(`${unsent} messages were never acknowledged`);
    await new Promise((r) => setTimeout(r, 500));

    const delivery = countDelivery(pairs);
    let missingInStore = 0;
    for (const { youth, staff } of pairs) {
      const stored = new Set((await store.listMessages(youth.conversationId!, 0)).map((m) => m.id));
      for (const id of [...youth.tally.acked, ...staff.tally.acked]) if (!stored.has(id)) missingInStore += 1;
    }
    // What each waiting youth's page would show after a reload: its place in the line.
    const positions = await Promise.all(
      waiting.map(async (y) => {
        const resumed = await call<{ state: { queue?: { position: number } } }>(y.socket, "session:resume", {
          protocolVersion: PROTOCOL_VERSION,
          token: y.token,
        });
        return resumed.ok ? resumed.data.state.queue?.position : undefined;
      }),
    );
    const standings = await Promise.all(waiting.map((y) => store.getConversation(y.conversationId!)));
    const queueNow = (await store.listQueue()).filter((e) => e.locationChoice === "wait").sort((a, b) => a.queuedAt - b.queuedAt);
    const queueOrderKept =
      positions.every((p, i) => p === i + 1) &&
      standings.every((c) => c?.status === "queued") &&
      queueNow.map((e) => e.id).join() === waiting.map((y) => y.conversationId).join();
    const intact = await Promise.all(
      pairs.map(async ({ staff }, i) => {
        const synced = await call<{ conversations: { id: string; status: string }[] }>(staff.socket, "staff:sync", {
          protocolVersion: PROTOCOL_VERSION,
        });
        return (
          synced.ok &&
          synced.data.conversations.length === 1 &&
          synced.data.conversations[0]!.id === staff.conversationId &&
          synced.data.conversations[0]!.status === "active" &&
          staff.conversationId === pairs[i]!.youth.conversationId
        );
      }),
    );

    return {
      chats: o.chats,
      ...delivery,
      missingInStore,
      queueOrderKept,
      queuedBefore: waiting.length,
      queuedAfter: queueNow.length,
      conversationsIntact: intact.every(Boolean),
      reconnects: clients.reduce((sum, c) => sum + c.reconnects, 0),
      recoveryMs: Math.round(recoveryMs),
      serviceResumed: await newChatWorks(alive()[0]!, volunteers[0]!, pairs[0]!),
      processesAlive: alive().length,
      ...report,
    };
  } finally {
    for (const c of clients) c.close();
    await Promise.all(servers.map((s) => s.stop("SIGKILL")));
    seedClient.disconnect();
    await redis.destroy();
  }
}

/** After the fault, on what is left: a new youth joins, and a volunteer whose chat ended picks up the next youth. */
async function newChatWorks(url: string, volunteer: ConformingClient, pair: { youth: ConformingClient }): Promise<boolean> {
  const end = await call(volunteer.socket, "conversation:end", { conversationId: volunteer.conversationId });
  if (!end.ok) return false;
  pair.youth.conversationId = undefined;
  const youth = new ConformingClient(() => [url], { kind: "youth" });
  try {
    await youth.connect();
    const opened = await call<{ token: string }>(youth.socket, "session:open", { protocolVersion: PROTOCOL_VERSION });
    if (!opened.ok) return false;
    const joined = await call<{ conversation: { id: string } }>(youth.socket, "queue:join", { locationChoice: "chat" });
    const taken = await call(volunteer.socket, "queue:take", {});
    // Whom they get is routing's business (the oldest eligible: a waiting youth whose location has
    // nobody available goes to everyone at once); that the queue serves again is what counts here.
    return joined.ok && taken.ok;
  } finally {
    youth.close();
  }
}

/** True if a new websocket to this server is refused (or fails) within 2 s. */
async function refusesConnection(url: string): Promise<boolean> {
  const { io } = await import("socket.io-client");
  const socket = io(url, { transports: ["websocket"], reconnection: false, forceNew: true, timeout: 2000 });
  try {
    return await new Promise<boolean>((resolve) => {
      socket.once("connect", () => resolve(false));
      socket.once("connect_error", () => resolve(true));
    });
  } finally {
    socket.disconnect();
  }
}
