/**
 * The protocol as a contract (issue 14): two server processes on Redis, driven only as
 * docs/PROTOCOL.md describes, through the conforming client (client.ts) for chats and through raw
 * emits for what a careless or hostile client might send. Each block names the item of the issue
 * and the section of the document it holds the service to. Item 1 under repeated process kills is
 * in kills.test.ts; item 5 (forged X-Forwarded-For) belongs to the security work.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { CALLERS } from "../../server/realtime/access";
import type { Store } from "../../server/store/Store";
import { PROTOCOL_VERSION, type RequestName, Requests } from "../../shared/protocol";
import { collect, connect, nextEvent } from "../helpers/clients";
import { redisAvailable } from "../helpers/redis";
import { call } from "./client";
import { EVENTS_PER_10S, useTwoProcesses } from "./twoProcesses";

const reachable = await redisAvailable("conformance suite");

describe.skipIf(!reachable)("the protocol as a contract, on two processes over Redis", () => {
  const two = useTwoProcesses();
  const { processes, track, chat, youthSocket, rawEmit, withAck } = two;
  let urls: [string, string];
  let store: Store;
  beforeAll(() => {
    urls = two.urls();
    store = two.store();
  });

  describe("item 1 (§5.1, §5.2): nothing acknowledged is lost to a client that follows the document", () => {
    it("a message stored whose broadcast never left is filled in through conversation:sync when the next one shows the gap", async () => {
      const { youth, staff, conversationId } = await chat();
      staff.send("eerste");
      await expect.poll(() => youth.tally.view.size).toBe(1);
      // What a process that stored a message and died before broadcasting it leaves behind.
      const lostId = randomUUID();
      await store.appendMessage({
        id: lostId,
        conversationId,
        senderRole: "volunteer",
        senderId: "st_sam",
        senderName: "Sam",
        text: "verloren",
        sentAt: Date.now(),
      });
      staff.send("derde");
      await expect.poll(() => youth.tally.view.has(lostId)).toBe(true);
      expect(youth.tally.view.get(lostId)).toBe(2);
      expect(youth.tally.gapSyncs).toBe(1);
      expect([...youth.tally.view.values()].sort()).toEqual([1, 2, 3]);
    });

    it("the resend of a message stored but never broadcast (the sender's process died) is broadcast again, so even the last one arrives", async () => {
      const { youth, staff, conversationId } = await chat();
      const id = randomUUID();
      await store.appendMessage({
        id,
        conversationId,
        senderRole: "volunteer",
        senderId: "st_sam",
        senderName: "Sam",
        text: "laatste",
        sentAt: Date.now(),
      });
      // The volunteer never had the ack, so it resends with the same id (§5.1).
      const ack = await staff.request("message:send", { conversationId, id, text: "laatste" });
      expect(ack).toMatchObject({ ok: true, data: { seq: 1, duplicate: true } });
      await expect.poll(() => youth.tally.view.get(id)).toBe(1);
      expect(youth.tally.gapSyncs).toBe(0);
    });

    it("a youth does not see whispers, and the sync that a whisper's gap causes returns none", async () => {
      const { youth, staff, conversationId } = await chat();
      const whisper = await staff.request("whisper:send", { conversationId, id: randomUUID(), text: "alleen voor staf" });
      expect(whisper.ok).toBe(true);
      staff.send("voor de jongere");
      await expect.poll(() => youth.cursor).toBe(2);
      expect([...youth.tally.view.values()]).toEqual([2]);
      expect(youth.tally.gapSyncs).toBe(1);
    });
  });

  describe("item 2 (§1.2): a socket carries one session", () => {
    it("refuses session:resume with another youth's token on a socket that has a session, and keeps it out of that youth's rooms", async () => {
      const a = await youthSocket(0);
      const b = await youthSocket(1);
      const aJoined = await call<{ conversation: { id: string } }>(a.socket, "queue:join", { locationChoice: "leiden" });
      const bJoined = await call<{ conversation: { id: string } }>(b.socket, "queue:join", { locationChoice: "leiden" });
      expect(aJoined.ok && bJoined.ok).toBe(true);
      const heardOnA = collect(a.socket, "conversation:ended");
      expect(await call(a.socket, "session:resume", { protocolVersion: PROTOCOL_VERSION, token: b.token })).toMatchObject({
        ok: false,
        code: "FORBIDDEN",
      });
      // B leaves: only B hears it. A's socket is still A: its own leave works on A's place.
      const bLeft = nextEvent(b.socket, "conversation:ended");
      expect((await call(b.socket, "queue:leave", {})).ok).toBe(true);
      await bLeft;
      expect(await call(a.socket, "queue:leave", {})).toMatchObject({
        ok: true,
        data: { conversationId: aJoined.ok && aJoined.data.conversation.id },
      });
      await expect.poll(() => heardOnA.length).toBe(1);
      expect(heardOnA.map((e) => e.conversationId)).toEqual([aJoined.ok && aJoined.data.conversation.id]);
      // The same token again on the same socket is no second session.
      expect((await call(a.socket, "session:resume", { protocolVersion: PROTOCOL_VERSION, token: a.token })).ok).toBe(true);
    });
  });

  describe("item 3 (§2): every event gets exactly one ack", () => {
    it("answers an unknown event name BAD_REQUEST", async () => {
      const socket = track(await connect(urls[0]));
      expect(await withAck(socket, "chat:hack", { x: 1 })).toMatchObject({ ok: false, code: "BAD_REQUEST", message: "unknown event" });
      // Names an object has by inheritance are no events either.
      for (const name of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
        expect(await withAck(socket, name, {}), name).toMatchObject({ ok: false, code: "BAD_REQUEST" });
      }
    });

    it("answers an extra argument before the ack BAD_REQUEST, and does nothing with it", async () => {
      const { youth, staff, conversationId } = await chat();
      const heard = collect(staff.socket!, "message:received");
      const reply = await withAck(youth.socket!, "message:send", { conversationId, id: randomUUID(), text: "hoi" }, "extra");
      expect(reply).toMatchObject({ ok: false, code: "BAD_REQUEST" });
      expect(await store.listMessages(conversationId, 0)).toEqual([]);
      expect(heard).toEqual([]);
    });

    it("answers every event of a flood, requests in progress included, before it closes the connection", async () => {
      const socket = track(await connect(urls[1]));
      const closed = new Promise<string>((resolve) => socket.once("disconnect", resolve));
      const replies = await Promise.all(Array.from({ length: EVENTS_PER_10S * 2 + 1 }, () => withAck(socket, "service:status", {})));
      const codes = replies.map((r) => ((r as { ok: boolean }).ok ? "ok" : (r as { code: string }).code));
      expect(codes.filter((c) => c === "ok")).toHaveLength(EVENTS_PER_10S);
      expect(codes.filter((c) => c === "RATE_LIMITED")).toHaveLength(EVENTS_PER_10S + 1);
      expect(await closed).toBe("io server disconnect");
    });
  });

  describe("item 4 (§2): null is a payload, and not an object", () => {
    it("answers null BAD_REQUEST on any event, and no payload at all as the empty one", async () => {
      const { staff } = await chat();
      expect(await withAck(staff.socket!, "presence:set", null)).toMatchObject({ ok: false, code: "BAD_REQUEST" });
      const anonymous = track(await connect(urls[0]));
      expect(await withAck(anonymous, "service:status", null)).toMatchObject({ ok: false, code: "BAD_REQUEST" });
      expect(await withAck(anonymous, "session:open", null)).toMatchObject({ ok: false, code: "BAD_REQUEST" });
      expect(await withAck(anonymous, "service:status")).toMatchObject({ ok: true });
    });
  });

  describe("item 6 (§7): quick exit ends the session on the server", () => {
    it("kills the token, ends the chat with reason quick-exit, tells the volunteer and closes the youth's other tabs", async () => {
      const { youth, staff, conversationId } = await chat(0, 1);
      const ended = nextEvent(staff.socket!, "conversation:ended");
      const tab = track(await connect(urls[0]));
      expect((await call(tab, "session:resume", { protocolVersion: PROTOCOL_VERSION, token: youth.token })).ok).toBe(true);
      const tabClosed = new Promise<string>((resolve) => tab.once("disconnect", resolve));
      const res = await fetch(`${urls[1]}/api/youth/quick-exit`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token: youth.token }),
      });
      expect(res.status).toBe(204);
      expect(await ended).toEqual({ conversationId, endedBy: "youth", reason: "quick-exit" });
      expect(await tabClosed).toBe("io server disconnect");
      expect((await store.getConversation(conversationId))?.status).toBe("ended");
      const later = track(await connect(urls[0]));
      expect(await call(later, "session:resume", { protocolVersion: PROTOCOL_VERSION, token: youth.token })).toMatchObject({
        ok: false,
        code: "SESSION_UNKNOWN",
      });
      expect(await call(later, "conversation:sync", { conversationId, afterSeq: 0 })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
      expect(await call(later, "queue:join", { locationChoice: "leiden" })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    });

    it("takes a waiting youth out of the queue (abandoned, reason quick-exit) and kills a token with no chat at all", async () => {
      const waiting = await youthSocket(1);
      const joined = await call<{ conversation: { id: string } }>(waiting.socket, "queue:join", { locationChoice: "leiden" });
      if (!joined.ok) throw new Error(joined.code);
      const ended = nextEvent(waiting.socket, "conversation:ended");
      await fetch(`${urls[0]}/api/youth/quick-exit`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token: waiting.token }),
      });
      expect(await ended).toMatchObject({ endedBy: "youth", reason: "quick-exit" });
      expect((await store.getConversation(joined.data.conversation.id))?.status).toBe("abandoned");
      const idle = await youthSocket(0);
      await fetch(`${urls[1]}/api/youth/quick-exit`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token: idle.token }),
      });
      const again = track(await connect(urls[1]));
      expect(await call(again, "session:resume", { protocolVersion: PROTOCOL_VERSION, token: idle.token })).toMatchObject({
        ok: false,
        code: "SESSION_UNKNOWN",
      });
    });
  });

  describe("item 7 (§2, §4): the caller is checked before the payload", () => {
    const events = Object.keys(Requests) as RequestName[];

    it("tells an anonymous socket, and a youth, nothing about a staff event's fields", async () => {
      const anonymous = track(await connect(urls[0]));
      const { socket: youth } = await youthSocket(1);
      for (const event of events.filter((e) => CALLERS[e] === "staff")) {
        for (const socket of [anonymous, youth]) {
          for (const payload of [{ nonsense: 1 }, null, 42]) {
            const reply = (await withAck(socket, event, payload)) as { ok: boolean; code: string; message: string };
            expect(reply, event).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
            expect(reply.message).not.toMatch(/conversationId|status|escalationId|onDuty|payload|nonsense/);
          }
        }
      }
    });

    it("refuses youth events from an anonymous socket before reading them, and staff sending them FORBIDDEN", async () => {
      const anonymous = track(await connect(urls[1]));
      const { staff } = await chat();
      for (const event of events.filter((e) => CALLERS[e] === "youth" || CALLERS[e] === "identified")) {
        expect(await withAck(anonymous, event, { nonsense: 1 }), event).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
      }
      for (const event of events.filter((e) => CALLERS[e] === "youth")) {
        expect(await withAck(staff.socket!, event, { nonsense: 1 }), event).toMatchObject({ ok: false, code: "FORBIDDEN" });
      }
    });
  });

  describe("item 8 (OPERATIONS.md): one log line per connection closed for flooding", () => {
    it("logs a flood that closes a connection once, however many events came after the cut-off", async () => {
      const process = processes[0]!;
      const count = (event: string) =>
        process
          .output()
          .split("\n")
          .filter((l) => l.includes(`"event":"${event}"`)).length;
      const before = { closed: count("socket.flood.closed"), limited: count("socket.rate_limited") };
      const socket = track(await connect(urls[0]));
      const closed = new Promise<string>((resolve) => socket.once("disconnect", resolve));
      for (let i = 0; i < EVENTS_PER_10S * 5; i++) rawEmit(socket, "service:status", {}, () => {});
      expect(await closed).toBe("io server disconnect");
      await new Promise((r) => setTimeout(r, 300));
      expect(count("socket.flood.closed") - before.closed).toBe(1);
      expect(count("socket.rate_limited") - before.limited).toBe(1);
    });
  });

  describe("item 9 (§1): what an outside developer runs into", () => {
    it("answers the socket.io client library 404, and still speaks socket.io at the same path", async () => {
      for (const file of ["socket.io.js", "socket.io.min.js", "socket.io.esm.min.js", "socket.io.js.map"]) {
        const res = await fetch(`${urls[0]}/socket.io/${file}`);
        expect(res.status, file).toBe(404);
        expect(await res.json()).toMatchObject({ ok: false, code: "NOT_FOUND" });
      }
      expect((await fetch(`${urls[1]}/socket.io/?EIO=4&transport=polling`)).status).toBe(200);
    });
  });
});
