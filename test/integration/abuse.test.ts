import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { RunningServer } from "../../server/app/startServer";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import { PROTOCOL_VERSION } from "../../shared/protocol";
import { type ClientSocket, closeAll, connect, login, nextEvent, ok, openStaff, openYouth, request } from "../helpers/clients";
import { startTestServer } from "../helpers/servers";

let server: RunningServer | undefined;
const sockets: ClientSocket[] = [];
const youth = async () => {
  const y = await openYouth(server!.url);
  sockets.push(y.socket);
  return y;
};
afterEach(async () => {
  await closeAll(...sockets.splice(0));
  await server?.close();
  server = undefined;
});

describe("one youth, one place in the queue", () => {
  it("lets one socket open one session only", async () => {
    server = await startTestServer();
    const y = await youth();
    expect(await request(y.socket, "session:open", { protocolVersion: PROTOCOL_VERSION })).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });

  it("turns two joins at the same moment (two tabs, a double tap) into one queue entry", async () => {
    server = await startTestServer();
    const y = await youth();
    const second = await connect(server.url);
    sockets.push(second);
    await ok(second, "session:resume", { protocolVersion: PROTOCOL_VERSION, token: y.token });
    const acks = await Promise.all([y.socket, second, y.socket].map((s) => request(s, "queue:join", { locationChoice: "any" })));
    expect(acks.filter((a) => a.ok)).toHaveLength(1);
    expect(acks.filter((a) => !a.ok).map((a) => !a.ok && a.code)).toEqual(["ALREADY_QUEUED", "ALREADY_QUEUED"]);
    expect(await server.store.listQueue()).toHaveLength(1);
  });
});

describe("a script cannot flood the queue", () => {
  it("caps how many from one network wait at once", async () => {
    server = await startTestServer({ QUEUE_MAX_PER_NETWORK: "2" });
    for (const expected of [true, true, false]) {
      const ack = await request((await youth()).socket, "queue:join", { locationChoice: "any" });
      expect(ack.ok).toBe(expected);
      if (!ack.ok) expect(ack.code).toBe("RATE_LIMITED");
    }
  });

  it("limits how often one network joins", async () => {
    server = await startTestServer({ QUEUE_JOINS_PER_10MIN: "3" });
    const y = await youth();
    for (let i = 0; i < 3; i++) {
      await ok(y.socket, "queue:join", { locationChoice: "any" });
      await ok(y.socket, "queue:leave");
    }
    expect(await request(y.socket, "queue:join", { locationChoice: "any" })).toMatchObject({ ok: false, code: "RATE_LIMITED" });
  });
});

describe("a youth who is gone does not keep a place", () => {
  it("quick exit takes a waiting youth out of the queue at once", async () => {
    server = await startTestServer();
    const y = await youth();
    const { conversation } = await ok(y.socket, "queue:join", { locationChoice: "any" });
    const res = await fetch(`${server.url}/api/youth/quick-exit`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: y.token }),
    });
    expect(res.status).toBe(204);
    expect((await server.store.getConversation(conversation.id))?.status).toBe("abandoned");
    expect(
      (await fetch(`${server.url}/api/youth/quick-exit`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }))
        .status,
    ).toBe(204);
  });

  it("quick exit ends a chat, and the volunteer is told why", async () => {
    server = await startTestServer();
    const sam = await openStaff(server.url, "sam@leiden.demo", DEMO_PASSWORD);
    sockets.push(sam.socket);
    await ok(sam.socket, "presence:set", { status: "available" });
    const y = await youth();
    await ok(y.socket, "queue:join", { locationChoice: "leiden" });
    await ok(sam.socket, "queue:take");
    const ended = nextEvent(sam.socket, "conversation:ended");
    await fetch(`${server.url}/api/youth/quick-exit`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: y.token }),
    });
    expect(await ended).toMatchObject({ endedBy: "youth", reason: "quick-exit" });
  });

  it("a youth whose page closed leaves the queue after the grace time; one who stays keeps their place", async () => {
    server = await startTestServer({ TICK_MS: "100", QUEUE_GONE_MINUTES: "0.005" });
    const gone = await youth();
    const stays = await youth();
    const a = await ok(gone.socket, "queue:join", { locationChoice: "any" });
    const b = await ok(stays.socket, "queue:join", { locationChoice: "any" });
    gone.socket.disconnect();
    await expect.poll(async () => (await server!.store.getConversation(a.conversation.id))?.status, { timeout: 5000 }).toBe("abandoned");
    expect((await server.store.getConversation(a.conversation.id))?.endReason).toBe("gone");
    expect((await server.store.getConversation(b.conversation.id))?.status).toBe("queued");
  });
});

describe("a flagged youth whose page is gone", () => {
  it("leaves the queue after the grace time like anyone else, recorded and counted, so a fake cannot stay first", async () => {
    server = await startTestServer({ TICK_MS: "100", QUEUE_GONE_MINUTES: "0.005" });
    const fake = await youth();
    const real = await youth();
    const a = await ok(fake.socket, "queue:join", { locationChoice: "any" });
    const b = await ok(real.socket, "queue:join", { locationChoice: "any" });
    for (const [y, id] of [
      [fake, a.conversation.id],
      [real, b.conversation.id],
    ] as const) {
      await ok(y.socket, "message:send", { conversationId: id, id: randomUUID(), text: "ik wil dood" });
    }
    expect((await server.store.getConversation(a.conversation.id))?.priority).toBeGreaterThan(0);
    fake.socket.disconnect();
    await expect.poll(async () => (await server!.store.getConversation(a.conversation.id))?.status, { timeout: 5000 }).toBe("abandoned");
    // The real flagged youth, still connected, keeps their place at the front.
    expect((await server.store.getConversation(b.conversation.id))?.status).toBe("queued");
    const swept = (await server.store.listEvents(0)).filter((e) => e.type === "queue.swept");
    expect(swept).toEqual([
      expect.objectContaining({ conversationId: a.conversation.id, data: expect.objectContaining({ flagged: true }) }),
    ]);
    expect(await (await fetch(`${server.url}/metrics`)).text()).toMatch(/inloop_domain_events_total\{type="queue.swept"\} 1/);
  });
});

describe("staff sessions", () => {
  it("throttles log-in attempts per e-mail address", async () => {
    server = await startTestServer({ LOGIN_ATTEMPTS_PER_15MIN: "3" });
    const attempt = () =>
      fetch(`${server!.url}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "sam@leiden.demo", password: "guess" }),
      });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt()).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it("closes the open console at logout", async () => {
    server = await startTestServer();
    const cookie = await login(server.url, "sam@leiden.demo", DEMO_PASSWORD);
    const socket = await connect(server.url, cookie);
    sockets.push(socket);
    const closed = new Promise((resolve) => socket.once("disconnect", resolve));
    await fetch(`${server.url}/api/auth/logout`, { method: "POST", headers: { cookie } });
    expect(await closed).toBe("io server disconnect");
  });
});

describe("shutting down", () => {
  it("reports not ready while draining, before closing connections", async () => {
    server = await startTestServer({ SHUTDOWN_DRAIN_MS: "400" });
    const running = server;
    server = undefined;
    const closing = running.close();
    await new Promise((r) => setTimeout(r, 100));
    expect((await fetch(`${running.url}/readyz`)).status).toBe(503);
    await closing;
  });
});
