import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { destroyRedisPrefix } from "../../server/store/redis/RedisStore";
import { completeSecondFactor } from "../helpers/clients";
import { REDIS_URL, redisAvailable } from "../helpers/redis";
import { startTestServer, stopServer } from "../helpers/servers";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const prefix = `inloop-test-${randomUUID()}:`;

function admin(args: string[], options: { withoutRedis?: boolean } = {}) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    SECOND_FACTOR_KEY: "test-only-second-factor-key-0123456789abcdef",
    REDIS_URL,
    REDIS_PREFIX: prefix,
    PUBLIC_URL: "https://chat.example.org",
  };
  if (options.withoutRedis) delete env.REDIS_URL;
  return run(process.execPath, ["--import", "tsx", "scripts/admin.ts", ...args], { cwd: root, env });
}

describe.runIf(await redisAvailable("admin CLI"))("bootstrapping production with npm run admin", () => {
  afterAll(async () => {
    const redis = new Redis(REDIS_URL);
    await destroyRedisPrefix(redis, prefix);
    redis.disconnect();
  });

  it("creates a closed location and a national coordinator who sets a password through the printed link", async () => {
    const location = await admin(["create-location", "utrecht", "Utrecht"]);
    expect(location.stdout).toContain('Location "Utrecht" (utrecht) created');
    const coordinator = await admin(["create-coordinator", "anna@utrecht.example", "--name", "Anna", "--location", "utrecht"]);
    const link = /https:\/\/chat\.example\.org\/console\/invite#([A-Za-z0-9_-]+)/.exec(coordinator.stdout);
    expect(link).not.toBeNull();

    // A production server on the same store: no demo accounts, the location closed until hours are set.
    const server = await startTestServer({
      NODE_ENV: "production",
      SECOND_FACTOR_KEY: "test-only-second-factor-key-0123456789abcdef",
      DEMO: "false",
      COOKIE_SECURE: "false",
      // Production drains for 5 s on close; nothing here is about draining.
      SHUTDOWN_DRAIN_MS: "0",
      REDIS_URL,
      REDIS_PREFIX: prefix,
    });
    try {
      expect((await server.store.listStaff()).map((s) => s.email)).toEqual(["anna@utrecht.example"]);
      const status = (await (await fetch(`${server.url}/api/status`)).json()) as { data: { anyOpen: boolean } };
      expect(status.data.anyOpen).toBe(false);
      const accepted = await fetch(`${server.url}/api/invites/accept`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token: link![1], password: "correct horse battery" }),
      });
      expect(accepted.status).toBe(200);
      // A coordinator must enrol a second factor before the pending session becomes a real one.
      expect(((await accepted.json()) as { data: { next?: string } }).data.next).toBe("enrol");
      const cookie = await completeSecondFactor(
        server.url,
        "anna@utrecht.example",
        accepted.headers.get("set-cookie")!.split(";")[0]!,
        "enrol",
      );
      const locations = (await (await fetch(`${server.url}/api/admin/locations`, { headers: { cookie } })).json()) as {
        data: { id: string }[];
      };
      expect(locations.data.map((l) => l.id)).toEqual(["utrecht"]);
    } finally {
      await stopServer(server);
    }

    // The refusals write nothing, so they run at once: each is a process start (tsx), about half a second.
    await Promise.all([
      expect(admin(["create-location", "utrecht", "Utrecht"])).rejects.toMatchObject({
        stderr: expect.stringContaining("exists already"),
      }),
      expect(admin(["create-coordinator", "x@y.example"])).rejects.toMatchObject({ code: 2 }),
      expect(admin(["create-location", "Utrecht Centrum", "Utrecht"])).rejects.toMatchObject({
        stderr: expect.stringContaining("cannot be a location id"),
      }),
      expect(admin(["create-location", "any", "Any"])).rejects.toMatchObject({
        stderr: expect.stringContaining("cannot be a location id"),
      }),
      expect(admin(["create-location", "delft", "Delft", "--time-zone", "Europe/Amsterdm"])).rejects.toMatchObject({
        stderr: expect.stringContaining("unknown time zone"),
      }),
    ]);
  });

  it("refuses to run on the in-memory store, which lives inside one server process", async () => {
    await expect(admin(["create-location", "a", "A"], { withoutRedis: true })).rejects.toMatchObject({
      stderr: expect.stringContaining("the admin commands work on the shared store"),
    });
  });
});
