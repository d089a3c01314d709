import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../server/app/startServer";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import { type ClientSocket, closeAll, nextEvent, ok, openStaff, openYouth } from "../helpers/clients";
import { startTestServer, stopServer } from "../helpers/servers";

/** The value of one sample line, e.g. `inloop_queue_length{location="leiden"}`; undefined if absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split("\n")) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    if (rest[0] !== "{" && rest[0] !== " ") continue;
    const labelPart = rest[0] === "{" ? rest.slice(1, rest.indexOf("}")) : "";
    const have = labelPart ? labelPart.split(",") : [];
    if (wanted.every((w) => have.includes(w)) && have.length === wanted.length) return Number(rest.slice(rest.lastIndexOf(" ") + 1));
  }
  return undefined;
}

describe("/metrics", () => {
  let server: RunningServer;
  const sockets: ClientSocket[] = [];
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await closeAll(...sockets);
    await stopServer(server);
  });
  const scrape = async () => {
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    return res.text();
  };

  it("shows sockets by role, the queue, assignments, messages, escalations and the process, never a youth's id", async () => {
    const youth = await openYouth(server.url);
    sockets.push(youth.socket);
    const joinedAt = Date.now();
    const joined = await ok(youth.socket, "queue:join", { locationChoice: "leiden" });
    // A second on the clock, so the longest wait must read at least one second.
    await new Promise((r) => setTimeout(r, 1100));

    const waiting = await scrape();
    expect(sample(waiting, "inloop_connected_sockets", { role: "youth" })).toBe(1);
    expect(sample(waiting, "inloop_queue_length", { location: "leiden" })).toBe(1);
    expect(sample(waiting, "inloop_queue_length", { location: "amsterdam" })).toBe(0);
    const longest = sample(waiting, "inloop_queue_longest_wait_seconds", { location: "leiden" })!;
    expect(longest).toBeGreaterThanOrEqual(1);
    expect(longest).toBeLessThanOrEqual((Date.now() - joinedAt) / 1000 + 0.01);
    expect(sample(waiting, "inloop_store_up")).toBe(1);

    const sam = await openStaff(server.url, "sam@leiden.demo", DEMO_PASSWORD);
    sockets.push(sam.socket);
    await ok(sam.socket, "presence:set", { status: "available" });
    await ok(sam.socket, "queue:take");
    const conversationId = joined.conversation.id;
    const received = nextEvent(sam.socket, "message:received");
    await ok(youth.socket, "message:send", { conversationId, id: randomUUID(), text: "hoi, ik wil even praten" });
    await received;
    await ok(sam.socket, "message:send", { conversationId, id: randomUUID(), text: "hoi! fijn dat je er bent" });
    const raisedAt = Date.now();
    await ok(sam.socket, "escalation:raise", { conversationId, level: "urgent", note: "bench of nothing" });

    const text = await scrape();
    expect(sample(text, "inloop_connected_sockets", { role: "volunteer" })).toBe(1);
    expect(sample(text, "inloop_queue_length", { location: "leiden" })).toBe(0);
    expect(sample(text, "inloop_assignments_total", { location: "leiden" })).toBe(1);
    expect(sample(text, "inloop_messages_relayed_total", { role: "youth" })).toBe(1);
    expect(sample(text, "inloop_messages_relayed_total", { role: "volunteer" })).toBe(1);
    expect(sample(text, "inloop_escalations_open", { level: "urgent", status: "open" })).toBe(1);
    const oldest = sample(text, "inloop_escalation_oldest_unclaimed_seconds", { level: "urgent" })!;
    expect(oldest).toBeGreaterThanOrEqual(0);
    expect(oldest).toBeLessThanOrEqual((Date.now() - raisedAt) / 1000 + 0.01);
    expect(sample(text, "inloop_store_operation_seconds_count", { operation: "appendMessage", outcome: "ok" })).toBe(2);
    expect(text).toContain("nodejs_eventloop_lag_p99_seconds");
    expect(text).toContain("process_resident_memory_bytes");
    // Labels carry roles, locations and levels only: no conversation, youth or staff id, no text.
    for (const secret of [conversationId, joined.conversation.id, "st_sam", "ik wil even praten"]) expect(text).not.toContain(secret);
  });
});

describe("/metrics access", () => {
  const servers: RunningServer[] = [];
  afterAll(async () => {
    for (const s of servers) await stopServer(s);
  });

  it("asks for the bearer token when METRICS_TOKEN is set", async () => {
    const token = "t0ken-for-prometheus-only";
    const server = await startTestServer({ METRICS_TOKEN: token });
    servers.push(server);
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: "Bearer wrong-token-of-same-size" } })).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it("is not served in production without a token", async () => {
    const server = await startTestServer({
      NODE_ENV: "production",
      SECOND_FACTOR_KEY: "test-only-second-factor-key-0123456789abcdef",
      DEMO: "true",
      SHUTDOWN_DRAIN_MS: "0",
    });
    servers.push(server);
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
  });

  it("echoes a request id and keeps a sane incoming one", async () => {
    const server = await startTestServer();
    servers.push(server);
    const fresh = await fetch(`${server.url}/api/config`);
    expect(fresh.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await fetch(`${server.url}/api/config`, { headers: { "x-request-id": "nginx-1234abcd" } });
    expect(kept.headers.get("x-request-id")).toBe("nginx-1234abcd");
    const replaced = await fetch(`${server.url}/api/config`, { headers: { "x-request-id": "<script>" } });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
