import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { PROTOCOL_VERSION } from "../../shared/protocol";
import { collect, connect, nextEvent, ok, request } from "../helpers/clients";
import { chatKit } from "../helpers/people";
import { redisAvailable } from "../helpers/redis";

const stores = (await redisAvailable("chat on Redis")) ? ["memory", "redis"] : ["memory"];

/** A chat from the queue to its end, without losing a word. */
describe.each(stores)("on the %s store", (kind) => {
  const kit = chatKit(kind);
  const { youth, staff, track, available, send } = kit;

  describe("a full chat", () => {
    it("goes from queue to take-next to messages, typing, delivery and end", async () => {
      const y = await youth();
      const status = await ok(y.socket, "service:status");
      expect(status.anyOpen).toBe(true);
      expect(status.locations.map((l) => l.id).sort()).toEqual(["amsterdam", "apeldoorn", "leiden"]);

      const sam = await staff("sam@leiden.demo");
      await available(sam.socket);
      const joined = await ok(y.socket, "queue:join", { locationChoice: "leiden", nickname: "Mo", ageBand: "16-18", topic: "loneliness" });
      expect(joined.conversation.status).toBe("queued");
      expect(joined.queue.position).toBe(1);
      // Sam is free, so the honest estimate is "now".
      expect(joined.queue.estimate).toEqual({ kind: "minutes", low: 0, high: 1 });
      const conversationId = joined.conversation.id;

      const summary = await nextEvent(sam.socket, "queue:summarised", (s) =>
        s.locations.some((l) => l.locationId === "leiden" && l.waiting === 1),
      );
      expect(summary.locations.find((l) => l.locationId === "leiden")?.availableVolunteers).toBe(1);

      const youthAssigned = nextEvent(y.socket, "conversation:assigned");
      const taken = await ok(sam.socket, "queue:take");
      expect(taken).toMatchObject({
        id: conversationId,
        status: "active",
        nickname: "Mo",
        ageBand: "16-18",
        topic: "loneliness",
        holderId: "st_sam",
      });
      expect((await youthAssigned).peer).toEqual({ role: "volunteer", name: "Sam" });

      const samGets = nextEvent(sam.socket, "message:received");
      const sent = await send(y.socket, conversationId, "hoi, ik voel me alleen");
      expect(sent).toMatchObject({ ok: true, data: { seq: 1, duplicate: false } });
      expect(await samGets).toMatchObject({ seq: 1, text: "hoi, ik voel me alleen", sender: { role: "youth" } });

      const typing = nextEvent(y.socket, "typing:changed");
      await ok(sam.socket, "typing:set", { conversationId, typing: true });
      expect(await typing).toEqual({ conversationId, role: "volunteer", typing: true });

      const youthGets = nextEvent(y.socket, "message:received");
      await send(sam.socket, conversationId, "Fijn dat je er bent. Wil je vertellen wat er speelt?");
      expect(await youthGets).toMatchObject({ seq: 2, sender: { role: "volunteer", name: "Sam" } });

      const delivered = nextEvent(sam.socket, "delivery:confirmed");
      await ok(y.socket, "delivery:confirm", { conversationId, upToSeq: 2 });
      expect(await delivered).toEqual({ conversationId, by: "youth", upToSeq: 2 });

      const samSeesEnd = nextEvent(sam.socket, "conversation:ended");
      await ok(y.socket, "conversation:end", { conversationId });
      expect(await samSeesEnd).toEqual({ conversationId, endedBy: "youth", reason: "ended" });
      expect((await send(y.socket, conversationId, "nog iets")).ok).toBe(false);
      await ok(y.socket, "feedback:give", { conversationId, helped: 4, wouldReturn: "yes" });
      expect(await request(sam.socket, "feedback:give", { conversationId, helped: 1 })).toMatchObject({ ok: false });

      const events = (await kit.server.store.listEvents(0)).filter((e) => e.conversationId === conversationId);
      expect(events.map((e) => e.type)).toEqual([
        "conversation.queued",
        "conversation.assigned",
        "conversation.ended",
        "conversation.feedback",
      ]);
      expect(events.at(-1)?.data).toEqual({ helped: 4, wouldReturn: "yes" });
      expect(JSON.stringify(events)).not.toContain("alleen");
      expect((await kit.server.store.getPresence("st_sam"))?.load).toBe(0);
    });

    it("auto-assigns at a location that uses it", async () => {
      const noor = await staff("noor@amsterdam.demo");
      await available(noor.socket);
      const y = await youth();
      const assignedToNoor = nextEvent(noor.socket, "conversation:assigned");
      const assignedToYouth = nextEvent(y.socket, "conversation:assigned");
      const joined = await ok(y.socket, "queue:join", { locationChoice: "amsterdam" });
      expect((await assignedToNoor).staff?.id).toBe(joined.conversation.id);
      expect((await assignedToYouth).peer).toEqual({ role: "volunteer", name: "Noor" });
    });

    it("lets a youth leave the queue, recorded as abandoned", async () => {
      const y = await youth();
      const joined = await ok(y.socket, "queue:join", { locationChoice: "any" });
      expect(joined.queue.estimate).toEqual({ kind: "unknown" });
      expect(await request(y.socket, "feedback:give", { conversationId: joined.conversation.id, helped: 5 })).toMatchObject({
        ok: false,
        code: "FORBIDDEN",
      });
      await ok(y.socket, "queue:leave");
      expect(await kit.server.store.listQueue()).toEqual([]);
      expect((await kit.server.store.getConversation(joined.conversation.id))?.status).toBe("abandoned");
      expect((await request(y.socket, "queue:leave")).ok).toBe(false);
    });

    it("refuses a second queue place and a volunteer over capacity", async () => {
      const y = await youth();
      await ok(y.socket, "queue:join", { locationChoice: "leiden" });
      expect(await request(y.socket, "queue:join", { locationChoice: "leiden" })).toMatchObject({ ok: false, code: "ALREADY_QUEUED" });

      const sam = await staff("sam@leiden.demo");
      expect(await request(sam.socket, "queue:take")).toMatchObject({ ok: false, code: "NOT_AVAILABLE" });
      await available(sam.socket, 1);
      await ok(sam.socket, "queue:take");
      const y2 = await youth();
      await ok(y2.socket, "queue:join", { locationChoice: "leiden" });
      expect(await request(sam.socket, "queue:take")).toMatchObject({ ok: false, code: "AT_CAPACITY" });
    });
  });

  describe("never loses a word", () => {
    it("resumes after a forced disconnect with the messages sent meanwhile, and keeps a queue place", async () => {
      const first = await youth();
      const second = await youth();
      await ok(first.socket, "queue:join", { locationChoice: "apeldoorn" });
      const secondJoin = await ok(second.socket, "queue:join", { locationChoice: "apeldoorn" });
      second.socket.disconnect();

      const back = track({ socket: await connect(kit.url) });
      const resumed = await ok(back.socket, "session:resume", { protocolVersion: PROTOCOL_VERSION, token: second.token, afterSeq: 0 });
      expect(resumed.state.conversation?.id).toBe(secondJoin.conversation.id);
      expect(resumed.state.queue?.position).toBe(2);

      const daan = await staff("daan@apeldoorn.demo");
      await available(daan.socket, 2);
      await ok(daan.socket, "queue:take");
      const mine = await ok(daan.socket, "queue:take");
      expect(mine.id).toBe(secondJoin.conversation.id);

      back.socket.disconnect();
      for (const text of ["Ben je er nog?", "Ik wacht op je."]) expect((await send(daan.socket, mine.id, text)).ok).toBe(true);

      const again = track({ socket: await connect(kit.url) });
      const live = collect(again.socket, "message:received");
      const r = await ok(again.socket, "session:resume", { protocolVersion: PROTOCOL_VERSION, token: second.token, afterSeq: 0 });
      expect(r.state.conversation).toMatchObject({ status: "active", peer: { role: "volunteer", name: "Daan" } });
      expect(r.missed.map((m) => m.text)).toEqual(["Ben je er nog?", "Ik wacht op je."]);

      // Back in the room: new messages arrive live, exactly once.
      await send(daan.socket, mine.id, "Fijn, je bent terug.");
      await expect.poll(() => live.length).toBe(1);
      // Staff-only lines (the page closed, came back) take seqs too; the youth never sees them.
      expect(live[0]?.text).toBe("Fijn, je bent terug.");
    });

    it("stores a resent message id once and broadcasts the stored message again (the first broadcast may have been lost)", async () => {
      const lotte = await staff("lotte@leiden.demo");
      await available(lotte.socket);
      const y = await youth();
      const { conversation } = await ok(y.socket, "queue:join", { locationChoice: "leiden" });
      await ok(lotte.socket, "queue:take");
      const received = collect(lotte.socket, "message:received");
      const id = randomUUID();
      expect(await send(y.socket, conversation.id, "dubbel?", id)).toMatchObject({ ok: true, data: { seq: 1, duplicate: false } });
      expect(await send(y.socket, conversation.id, "dubbel?", id)).toMatchObject({ ok: true, data: { seq: 1, duplicate: true } });
      await send(y.socket, conversation.id, "volgende");
      await expect.poll(() => received.length).toBe(3);
      expect(received.map((m) => [m.id === id, m.seq])).toEqual([
        [true, 1],
        [true, 1],
        [false, 2],
      ]);
      expect((await kit.server.store.listMessages(conversation.id, 0)).map((m) => m.seq)).toEqual([1, 2]);
    });

    it("answers SESSION_UNKNOWN for a token it does not know", async () => {
      const s = track({ socket: await connect(kit.url) });
      expect(await request(s.socket, "session:resume", { protocolVersion: PROTOCOL_VERSION, token: "x".repeat(43) })).toMatchObject({
        ok: false,
        code: "SESSION_UNKNOWN",
      });
    });
  });

  describe("health", () => {
    it("reports healthy and ready", async () => {
      expect(await (await fetch(`${kit.url}/healthz`)).json()).toEqual({ ok: true });
      expect(await (await fetch(`${kit.url}/readyz`)).json()).toEqual({ ok: true });
      expect((await fetch(`${kit.url}/api/nope`)).status).toBe(404);
    });
  });
});
