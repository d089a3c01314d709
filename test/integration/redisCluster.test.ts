import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Cluster } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../server/app/startServer";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import { registerStoreContractTests } from "../../server/store/contract";
import { registerAccessContractTests } from "../../server/store/contract/access";
import { createRedisStore } from "../../server/store/redis/RedisStore";
import { type ClientSocket, closeAll, nextEvent, ok, openStaff, openYouth } from "../helpers/clients";
import { startTestServer, stopServer } from "../helpers/servers";

/**
 * The store and the socket.io adapter on a real Redis Cluster: three primaries started here on
 * spare ports (no replicas), two Inloop servers on it, a chat whose two sides are on different
 * servers, and the whole store contract suite. Every Lua script and MULTI must find its keys in
 * one slot (or the cluster refuses it with CROSSSLOT), and the sharded adapter (SPUBLISH) must carry
 * the broadcasts between the servers.
 */
const binaries = ["/usr/bin/redis-server", "/usr/bin/redis-cli"];
const available = binaries.every((b) => existsSync(b));
// Below the ephemeral range, as is each node's bus port (+10000); random, so two test runs on one machine do not meet.
const base = 12_000 + Math.floor(Math.random() * 7000);
const PORTS = [base, base + 1, base + 2];

// CI installs Redis (.ci/run): there a missing binary is a failure, not a quiet skip.
describe.runIf(!available && process.env.CI === "true")("Redis Cluster prerequisites on CI", () => {
  it("has redis-server and redis-cli", () => {
    expect(binaries.filter((b) => !existsSync(b))).toEqual([]);
  });
});

describe.skipIf(!available)("on a Redis Cluster (three primaries)", () => {
  const nodes: ChildProcess[] = [];
  const dir = mkdtempSync(path.join(os.tmpdir(), "inloop-cluster-"));
  const servers: RunningServer[] = [];
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    for (const port of PORTS) {
      const nodeDir = path.join(dir, String(port));
      execFileSync("mkdir", ["-p", nodeDir]);
      nodes.push(
        spawn(
          "redis-server",
          [
            "--port",
            String(port),
            "--bind",
            "127.0.0.1",
            "--cluster-enabled",
            "yes",
            "--cluster-config-file",
            "nodes.conf",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            nodeDir,
          ],
          { stdio: "ignore" },
        ),
      );
    }
    for (const port of PORTS) await until(() => ping(port));
    execFileSync("redis-cli", ["--cluster", "create", ...PORTS.map((p) => `127.0.0.1:${p}`), "--cluster-yes"], { stdio: "ignore" });
    await until(() => PORTS.every((p) => clusterOk(p)));
    const env = { REDIS_CLUSTER_NODES: PORTS.map((p) => `127.0.0.1:${p}`).join(","), REDIS_PREFIX: `inloop-test-${randomUUID()}:` };
    servers.push(await startTestServer(env));
    servers.push(await startTestServer(env));
  }, 60_000);

  afterAll(async () => {
    await closeAll(...sockets);
    for (const s of servers) await stopServer(s);
    for (const node of nodes) node.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });

  // The whole store contract again, on the cluster: every script and MULTI must stay in one slot.
  const seeds = PORTS.map((port) => ({ host: "127.0.0.1", port }));
  registerStoreContractTests("redis cluster", async () =>
    createRedisStore(new Cluster(seeds, { redisOptions: { maxRetriesPerRequest: 1 } }), { prefix: `inloop-test-${randomUUID()}:` }),
  );
  registerAccessContractTests("redis cluster", async () =>
    createRedisStore(new Cluster(seeds, { redisOptions: { maxRetriesPerRequest: 1 } }), { prefix: `inloop-test-${randomUUID()}:` }),
  );

  it("runs a chat across two servers: queue, take, message both ways, end", async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    const youth = await openYouth(a.url);
    const sam = await openStaff(b.url, "sam@leiden.demo", DEMO_PASSWORD);
    sockets.push(youth.socket, sam.socket);
    await ok(sam.socket, "presence:set", { status: "available" });
    const { conversation } = await ok(youth.socket, "queue:join", { locationChoice: "leiden" });
    const assigned = nextEvent(youth.socket, "conversation:assigned");
    const taken = await ok(sam.socket, "queue:take");
    expect(taken.id).toBe(conversation.id);
    expect((await assigned).peer?.name).toBe("Sam");

    const atSam = nextEvent(sam.socket, "message:received");
    const sent = await ok(youth.socket, "message:send", { conversationId: conversation.id, id: randomUUID(), text: "hoi Sam" });
    expect((await atSam).seq).toBe(sent.seq);
    const atYouth = nextEvent(youth.socket, "message:received", (m) => m.sender.role === "volunteer");
    await ok(sam.socket, "message:send", { conversationId: conversation.id, id: randomUUID(), text: "hoi! fijn dat je er bent" });
    expect((await atYouth).seq).toBe(sent.seq + 1);

    const ended = nextEvent(sam.socket, "conversation:ended");
    await ok(youth.socket, "conversation:end", { conversationId: conversation.id });
    expect((await ended).endedBy).toBe("youth");
  });
});

function ping(port: number): boolean {
  try {
    return execFileSync("redis-cli", ["-p", String(port), "ping"], { encoding: "utf8" }).trim() === "PONG";
  } catch {
    return false;
  }
}

function clusterOk(port: number): boolean {
  try {
    return execFileSync("redis-cli", ["-p", String(port), "cluster", "info"], { encoding: "utf8" }).includes("cluster_state:ok");
  } catch {
    return false;
  }
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("Redis Cluster did not come up in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}
