import { type ChildProcess, fork, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { Redis } from "ioredis";
import { hashPassword } from "../../../server/auth/secrets";
import { DEMO_STAFF } from "../../../server/demo/seed";
import { createRedisStore, destroyRedisPrefix } from "../../../server/store/redis/RedisStore";
import { REDIS_URL } from "../../../test/helpers/redis";
import { RELAXED_LIMITS } from "../../../test/helpers/servers";
import type { WorkerCommand, WorkerReply } from "./protocol";

const root = path.resolve(import.meta.dirname, "../../..");

/** A forked load generator; one command at a time. */
export interface LoadWorker {
  ask<K extends WorkerReply["kind"]>(command: WorkerCommand, expect: K): Promise<Extract<WorkerReply, { kind: K }>>;
  close(): Promise<void>;
}

/** Forks `count` load-generator processes (scripts/bench/loadWorker.ts). */
export function startWorkers(count: number): LoadWorker[] {
  return Array.from({ length: count }, () => {
    const child = fork(path.join(root, "scripts/bench/loadWorker.ts"), [], {
      execArgv: ["--import", "tsx"],
      cwd: root,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const worker: LoadWorker = {
      ask(command, expect) {
        return new Promise((resolve, reject) => {
          const onExit = (code: number | null) => reject(new Error(`load worker exited (${code}) during ${command.cmd}`));
          child.once("exit", onExit);
          child.once("message", (reply: WorkerReply) => {
            child.off("exit", onExit);
            if (reply.kind === expect) resolve(reply as Extract<WorkerReply, { kind: typeof expect }>);
            else reject(new Error(`load worker: ${command.cmd} answered ${reply.kind === "failed" ? reply.message : reply.kind}`));
          });
          child.send(command);
        });
      },
      async close() {
        if (child.exitCode !== null) return;
        const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
        await worker.ask({ cmd: "close" }, "closed").catch(() => child.kill());
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null) child.kill();
      },
    };
    return worker;
  });
}

/** Asks every worker the same kind of command at once. */
export function askAll<K extends WorkerReply["kind"]>(workers: LoadWorker[], command: (i: number) => WorkerCommand, expect: K) {
  return Promise.all(workers.map((w, i) => w.ask(command(i), expect)));
}

/** A bare socket.io relay (scripts/bench/bareServer.ts) in its own process. */
export async function spawnBare(
  env: Record<string, string> = {},
): Promise<{ url: string; pid: number; child: ChildProcess; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/bench/bareServer.ts"], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once("exit", (code) => reject(new Error(`bare server exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** Resident memory of a process, from /proc (Linux). */
export function rssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
}

/**
 * CPU time (user + system) a process has used so far, in µs, from /proc (Linux). Unlike
 * throughput, CPU per message hardly moves with what else the machine is doing.
 */
export function cpuMicros(pid: number): number {
  // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS_PER_S;
}

/** USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK). */
const CLOCK_TICKS_PER_S = 100;

/** The environment every bench server gets: limits lifted so the bench measures the relay, not the brakes. */
export function benchEnv(prefix: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    REDIS_URL,
    REDIS_PREFIX: prefix,
    DEMO: "true",
    MESSAGE_RATE_PER_10S: "10000000",
    PRESENCE_GRACE_MS: "600000",
    LOG_LEVEL: "warn",
    ...extra,
  };
}

/** A real `server/main.ts` process on an ephemeral port; BENCH_CPU_PROF=<dir> writes a CPU profile there on exit. */
export interface InloopProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export async function spawnInloop(env: Record<string, string>): Promise<InloopProcess> {
  const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, "--import", "tsx", "server/main.ts"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "test", PORT: "0", ...RELAXED_LIMITS, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /Youth chat:\s+(http:\/\/\S+?)\/\s/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once("exit", (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
  child.stdout!.resume();
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** Inloop servers on one fresh Redis prefix; `cleanup` stops them and deletes every key. */
export async function startInloop(count: number, extra: Record<string, string> = {}) {
  const prefix = `inloop-bench-${randomUUID()}:`;
  const servers: InloopProcess[] = [];
  // One after the other: the first seeds the demo data, the others find it.
  for (let i = 0; i < count; i++) servers.push(await spawnInloop(benchEnv(prefix, extra)));
  return {
    prefix,
    servers,
    async cleanup() {
      await Promise.all(servers.map((s) => s.stop()));
      const redis = new Redis(REDIS_URL);
      await destroyRedisPrefix(redis, prefix);
      redis.disconnect();
    },
  };
}

/** Adds `count` volunteers at one location to a running service's store; all share one password. */
export async function addVolunteers(
  prefix: string,
  count: number,
  locationId: string,
  tag: string,
): Promise<{ email: string; password: string }[]> {
  const password = `bench-${randomUUID()}`;
  const passwordHash = await hashPassword(password);
  const store = createRedisStore(new Redis(REDIS_URL), { prefix });
  const template = DEMO_STAFF.find((s) => s.role === "volunteer")!;
  const added: { email: string; password: string }[] = [];
  for (let i = 0; i < count; i++) {
    const email = `${tag}-${i}@bench.invalid`;
    await store.putStaff({
      ...template,
      id: `st_${tag}_${i}`,
      email,
      displayName: `V${i}`,
      locationId,
      skills: [],
      passwordHash,
      active: true,
    });
    added.push({ email, password });
  }
  await store.close();
  return added;
}
