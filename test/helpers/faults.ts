/**
 * What the fault tests and `npm run bench -- faults` share: a Redis of their own (AOF, fsync on every
 * write) that can be killed and restarted, and the chat client written from docs/PROTOCOL.md
 * (test/conformance/client.ts): it reconnects to whichever server answers, resumes, resends
 * unacknowledged messages with the same ids, fills seq gaps through conversation:sync, and keeps
 * every message once by id, exactly as the document says and no more.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { redisAnswers } from "./redis";

/** A port nobody listens on right now. */
export async function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface OwnRedis {
  url: string;
  port: number;
  /** Kills the server (SIGKILL: a crash, nothing flushed on the way out beyond what AOF already has). */
  kill(): Promise<void>;
  /** Starts it again on the same port and folder; it reloads the AOF. */
  start(): Promise<void>;
  /** Stops it for good and removes its folder. */
  destroy(): Promise<void>;
}

/** A redis-server on a spare port with `appendonly yes`, `appendfsync always`, in a temporary folder. */
export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await sparePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), "inloop-redis-"));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--dir", dir],
      { stdio: "ignore" },
    );
    for (let i = 0; i < 100; i++) {
      if (await redisAnswers(200, url)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`own redis-server on ${port} did not start`);
  };
  const kill = () =>
    new Promise<void>((resolve) => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGKILL");
    });
  await start();
  return {
    url,
    port,
    kill,
    start,
    async destroy() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The chat client of the fault tests and bench is the one written from docs/PROTOCOL.md alone. */
export { type ChatTally, ConformingClient, call, countDelivery } from "../conformance/client";
