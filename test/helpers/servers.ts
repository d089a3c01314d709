import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { startServer, type RunningServer, type StartOptions } from "../../server/app/startServer";
import { loadConfig } from "../../server/config/config";
import { createLogger } from "../../server/log";

const root = path.resolve(import.meta.dirname, "../..");

/**
 * Every test client comes from 127.0.0.1, one "network" to the abuse limits; tests that are not
 * about those limits lift them (the limit tests set their own).
 */
export const RELAXED_LIMITS = { QUEUE_JOINS_PER_10MIN: "100000", QUEUE_MAX_PER_NETWORK: "100000", LOGIN_ATTEMPTS_PER_15MIN: "100000" };

/** A server in this process on an ephemeral port, quiet unless LOG_LEVEL is set. */
export async function startTestServer(env: Record<string, string> = {}, options: StartOptions = {}): Promise<RunningServer> {
  const config = loadConfig({ NODE_ENV: "test", PORT: "0", DEMO: "true", TICK_MS: "200", ...RELAXED_LIMITS, ...env });
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
    env: { ...process.env, NODE_ENV: "test", PORT: "0", LOG_LEVEL: "warn", ...RELAXED_LIMITS, ...env },
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
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill(signal);
      }),
  };
}
