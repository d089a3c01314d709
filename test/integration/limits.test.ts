/**
 * Size and rate limits: per message, per frame, per session (across tabs) and per connection.
 */
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../server/app/startServer";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import { PROTOCOL_VERSION } from "../../shared/protocol";
import { type ClientSocket, closeAll, connect, ok, openStaff, openYouth, request } from "../helpers/clients";
import { resetState, startTestServer, stopServer } from "../helpers/servers";

describe("limits", () => {
  let server: RunningServer;
  const open: ClientSocket[] = [];
  const track = <T extends ClientSocket>(s: T) => (open.push(s), s);

  beforeAll(async () => {
    server = await startTestServer({ MESSAGE_RATE_PER_10S: "10", CONNECTION_EVENTS_PER_10S: "50", TICK_MS: "600000" });
  });
  afterEach(async () => {
    await closeAll(...open.splice(0));
    await resetState(server);
  });
  afterAll(async () => stopServer(server));

  async function chat() {
    const sam = await openStaff(server.url, "sam@leiden.demo", DEMO_PASSWORD);
    track(sam.socket);
    await ok(sam.socket, "presence:set", { status: "available", capacity: 3 });
    const youth = await openYouth(server.url);
    track(youth.socket);
    const { conversation } = await ok(youth.socket, "queue:join", { locationChoice: "leiden" });
    await ok(sam.socket, "queue:take");
    return { sam: sam.socket, youth, conversationId: conversation.id };
  }

  it("refuses a message over 2,000 characters and closes a frame over 64 KiB", async () => {
    const { youth, conversationId } = await chat();
    expect(await request(youth.socket, "message:send", { conversationId, id: randomUUID(), text: "x".repeat(2001) })).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
    });
    expect((await request(youth.socket, "message:send", { conversationId, id: randomUUID(), text: "x".repeat(2000) })).ok).toBe(true);
    const closed = new Promise((resolve) => youth.socket.once("disconnect", resolve));
    (youth.socket as unknown as { emit(e: string, p: unknown): void }).emit("message:send", {
      conversationId,
      id: randomUUID(),
      text: "x".repeat(70 * 1024),
    });
    await closed;
    // The closed frame closed the youth's page too: staff get a line saying so (not a message).
    const stored = await server.store.listMessages(conversationId, 0);
    expect(stored.filter((m) => !m.system).map((m) => m.text.length)).toEqual([2000]);
    expect(stored.filter((m) => m.system).map((m) => [m.system?.kind, m.visibility, m.text])).toEqual([["page-closed", "staff", ""]]);
  });

  it("counts a youth's messages per session, across every tab of theirs", async () => {
    const { youth, conversationId } = await chat();
    const tab2 = track(await connect(server.url));
    await ok(tab2, "session:resume", { protocolVersion: PROTOCOL_VERSION, token: youth.token });
    const acks = [];
    for (let i = 0; i < 12; i++)
      acks.push(await request(i % 2 ? tab2 : youth.socket, "message:send", { conversationId, id: randomUUID(), text: `m${i}` }));
    expect(acks.filter((a) => a.ok)).toHaveLength(10);
    expect(acks.filter((a) => !a.ok && a.code === "RATE_LIMITED")).toHaveLength(2);
  });

  it("refuses a flood on one connection without touching anyone else's", async () => {
    const { sam, youth, conversationId } = await chat();
    const flooder = track(await connect(server.url));
    const flood = await Promise.all(Array.from({ length: 80 }, () => request(flooder, "service:status")));
    expect(flood.filter((a) => a.ok)).toHaveLength(50);
    expect(flood.filter((a) => !a.ok && a.code === "RATE_LIMITED")).toHaveLength(30);
    // Another connection, and the chat, go on as before.
    expect((await request(youth.socket, "message:send", { conversationId, id: randomUUID(), text: "still here" })).ok).toBe(true);
    expect((await request(sam, "conversation:sync", { conversationId, afterSeq: 0 })).ok).toBe(true);
  });

  it("closes a connection that keeps flooding past twice its limit: refusing alone still costs decoding every frame", async () => {
    const flooder = track(await connect(server.url));
    const closed = new Promise<string>((resolve) => flooder.once("disconnect", resolve));
    for (let i = 0; i < 120; i++) (flooder as unknown as { emit(e: string, p: unknown): void }).emit("service:status", {});
    expect(await closed).toBe("io server disconnect");
  });
});
