import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll } from "vitest";
import { type RunningServer, type StartOptions, startServer } from "../../server/app/startServer";
import { loadConfig } from "../../server/config/config";
import { createLogger } from "../../server/log";
import { destroyRedisPrefix } from "../../server/store/redis/RedisStore";
import { type ClientSocket, closeAll } from "./clients";
import { REDIS_URL } from "./redis";

const root = path.resolve(import.meta.dirname, "../..");

/**
 * Every test client comes from 127.0.0.1, one "network" to the abuse limits; tests that are not
 * about those limits lift them (the limit tests set their own).
 */
export const RELAXED_LIMITS = {
  QUEUE_JOINS_PER_10MIN: "100000",
  QUEUE_MAX_PER_NETWORK: "100000",
  LOGIN_ATTEMPTS_PER_15MIN: "100000",
  LOGIN_ATTEMPTS_PER_NETWORK_PER_15MIN: "100000",
  LOGIN_FAILURES_PER_MINUTE: "100000",
  RETURN_CODE_ATTEMPTS_PER_10MIN: "100000",
  RETURN_CODE_FAILURES_PER_HOUR: "100000",
  SESSIONS_PER_NETWORK_PER_10MIN: "100000",
  SESSIONS_PER_MINUTE: "100000",
  CONNECTIONS_PER_NETWORK: "100000",
  CONNECTION_EVENTS_PER_10S: "1000000",
};

/** A server in this process on an ephemeral port, quiet unless LOG_LEVEL is set. */
export async function startTestServer(env: Record<string, string> = {}, options: StartOptions = {}): Promise<RunningServer> {
  // The demo month of figures costs a second per server; only the figures tests ask for it.
  const config = loadConfig({
    NODE_ENV: "test",
    PORT: "0",
    DEMO: "true",
    DEMO_FIGURES: "false",
    TICK_MS: "200",
    ...RELAXED_LIMITS,
    ...env,
  });
  const log = createLogger(process.env.LOG_LEVEL ?? "silent");
  return startServer(config, { log, clientDir: path.join(root, "test/no-client"), ...options });
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** A real `server/main.ts` process on an ephemeral port, as `npm start` runs it. */
export async function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: root,
    // One network-hash key for every process of a test, as production sets it (blocks reach all).
    env: {
      ...process.env,
      NODE_ENV: "test",
      PORT: "0",
      LOG_LEVEL: "warn",
      NETWORK_HASH_SECRET: "test-only-network-hash-secret-not-secret",
      ...RELAXED_LIMITS,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
    const check = () => {
      const m = /Youth chat:\s+(http:\/\/\S+?)\/\s/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on("data", check);
    child.once("exit", (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
  return {
    url,
    child,
    output: () => out,
    stop: (signal = "SIGTERM") =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill(signal);
      }),
  };
}

/** Between tests on a shared server: nobody on shift or duty, nobody waiting or chatting, no open escalation. */
export async function resetState(server: RunningServer): Promise<void> {
  const { store } = server;
  for (const d of await store.listDuty()) await store.removeDuty(d.staffId);
  for (const p of await store.listPresence()) {
    await store.putPresence({ ...p, status: "off" });
    for (const c of await store.listActiveFor(p.staffId))
      await store.endConversation(c.id, { at: Date.now(), by: "system", reason: "test-reset" });
  }
  // Chats a professional holds (taken over, taken from the queue) have no presence to find them by.
  for (const s of await store.listStaff()) {
    for (const c of await store.listActiveFor(s.id))
      await store.endConversation(c.id, { at: Date.now(), by: "system", reason: "test-reset" });
  }
  for (const e of await store.listQueue()) await store.endConversation(e.id, { at: Date.now(), by: "system", reason: "test-reset" });
  for (const e of await store.listEscalations()) {
    if (e.status === "open") await store.claimEscalation(e.id, "test-reset", 0);
    const claimedBy = (await store.getEscalation(e.id))?.claimedBy ?? "test-reset";
    await store.resolveEscalation(e.id, claimedBy, { at: 0, outcome: "test reset", referral: "none" });
  }
  for (const s of await store.listStaff()) await store.deletePushSubscriptionsOf(`staff:${s.id}`);
  for (const d of await store.listDebriefs()) await store.purgeDebrief(d.id);
}

/** Stops a test server and, on Redis, removes every key it wrote. */
export async function stopServer(server: RunningServer, redisPrefix?: string): Promise<void> {
  await server.close();
  if (!redisPrefix) return;
  const redis = new Redis(REDIS_URL);
  await destroyRedisPrefix(redis, redisPrefix);
  redis.disconnect();
}

/** What `useSharedServer` hands a describe block: the server (once started) and a socket tracker. */
export type SharedServer = ReturnType<typeof useSharedServer>;

/**
 * One server for a whole describe block, on the memory or the Redis store: started before, reset
 * between tests (sockets closed, state cleared), stopped and cleaned up after.
 */
export function useSharedServer(kind: string, env: Record<string, string> = {}) {
  const prefix = `inloop-test-${randomUUID()}:`;
  const sockets: ClientSocket[] = [];
  const shared = {
    server: undefined as unknown as RunningServer,
    /** Closes this socket after the current test. */
    track<T extends ClientSocket>(socket: T): T {
      sockets.push(socket);
      return socket;
    },
  };
  beforeAll(async () => {
    shared.server = await startTestServer(kind === "redis" ? { ...env, REDIS_URL, REDIS_PREFIX: prefix } : env);
  });
  afterEach(async () => {
    await closeAll(...sockets.splice(0));
    await resetState(shared.server);
  });
  afterAll(async () => {
    await stopServer(shared.server, kind === "redis" ? prefix : undefined);
  });
  return shared;
}
