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
import { createRedisStore } from "../../server/store/redis/RedisStore";
import { conversationsIntact, missingInStore, newChatWorks, queueAfterFault, refusesConnection } from "./faultAftermath";
import { openFaultPeople, seedFaultStore, startTraffic } from "./faultPeople";
import { type ConformingClient, countDelivery, type OwnRedis, startOwnRedis } from "./faults";
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
    await seedFaultStore(store, o.chats);
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
    const { volunteers, pairs, waiting } = await openFaultPeople(servers, alive, track, o, progress);
    progress(`${pairs.length} chats, ${waiting.length} waiting`);

    // Messages both ways, all the time, from both processes.
    const traffic = startTraffic(pairs, o.messagesPerSecondPerSide ?? 5);
    await new Promise((r) => setTimeout(r, o.beforeMs ?? 1000));
    const faultAt = performance.now();
    progress(`fault: ${o.fault}`);
    const report = await applyFault(o, servers[0]!, servers, redis);
    await new Promise((r) => setTimeout(r, o.afterMs ?? 1500));
    await traffic.stop();
    progress(`traffic stopped; ${clients.reduce((sum, c) => sum + c.outbox.length, 0)} messages unacknowledged`);

    await allAcknowledged(clients);
    const recoveryMs = performance.now() - faultAt;
    // Give the last broadcasts a moment.
    await new Promise((r) => setTimeout(r, 500));

    const delivery = countDelivery(pairs);
    const missing = await missingInStore(store, pairs);
    const queue = await queueAfterFault(store, waiting);
    const intact = await conversationsIntact(pairs);
    return {
      chats: o.chats,
      ...delivery,
      missingInStore: missing,
      queueOrderKept: queue.kept,
      queuedBefore: waiting.length,
      queuedAfter: queue.after,
      conversationsIntact: intact,
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

/** The fault itself, on the first process or on Redis; what it saw while it lasted goes into the report. */
async function applyFault(
  o: FaultOptions,
  victim: ServerProcess,
  servers: ServerProcess[],
  redis: OwnRedis,
): Promise<Partial<FaultReport>> {
  const report: Partial<FaultReport> = {};
  if (o.fault === "sigkill") {
    await victim.stop("SIGKILL");
  } else if (o.fault === "sigterm") {
    const stopping = victim.stop("SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
    report.drainingRefusedNewConnections = await refusesConnection(victim.url);
    await stopping;
  } else {
    await redis.kill();
    await new Promise((r) => setTimeout(r, 300));
    report.readyDuringOutage = await Promise.all(servers.map(async (s) => (await fetch(`${s.url}/readyz`)).status));
    await new Promise((r) => setTimeout(r, Math.max(0, (o.outageMs ?? 1500) - 300)));
    await redis.start();
  }
  return report;
}

/** Everything sent must be acknowledged in the end: flushes the outboxes for up to 30 s, or throws. */
async function allAcknowledged(clients: ConformingClient[]): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (clients.some((c) => c.outbox.length > 0) && Date.now() < deadline) {
    for (const c of clients) void c.flush();
    await new Promise((r) => setTimeout(r, 100));
  }
  const unsent = clients.reduce((sum, c) => sum + c.outbox.length, 0);
  if (unsent > 0) throw new Error(`${unsent} messages were never acknowledged`);
}
