import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildEntry } from "../../domain/testFactories";
import type { Store } from "../Store";
import { availableIn, type DestroyStore, type MakeStore, msg } from "./fixtures";

/** The store's contract for the queue, claims, ends, transfers, presence and purges: the same behaviour on every implementation. */
export function conversationsContract(name: string, make: MakeStore, destroy: DestroyStore): void {
  describe(`Store contract: ${name}: the queue`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await make();
    });
    afterEach(async () => {
      await destroy(store);
    });
    const available = (staffId: string, capacity = 2, locationId = "leiden") => availableIn(store, staffId, capacity, locationId);

    it("queues, claims and ends a conversation", async () => {
      const entry = buildEntry({ nickname: "Mo", ageBand: "16-18", topic: "loneliness", queuedAt: 5 });
      await store.enqueue(entry);
      expect(await store.listQueue()).toEqual([entry]);
      await available("s1");
      const claimed = await store.claim(entry.id, "s1", 10);
      expect(claimed).toEqual({
        ok: true,
        conversation: { ...entry, status: "active", holderId: "s1", locationId: "leiden", assignedAt: 10 },
      });
      expect(await store.listQueue()).toEqual([]);
      expect((await store.getPresence("s1"))?.load).toBe(1);
      expect((await store.getPresence("s1"))?.lastAssignedAt).toBe(10);
      expect((await store.listActiveFor("s1")).map((c) => c.id)).toEqual([entry.id]);

      const ended = await store.endConversation(entry.id, { at: 20, by: "youth", reason: "done" });
      expect(ended.ok && ended.conversation).toMatchObject({ status: "ended", endedAt: 20, endedBy: "youth" });
      expect(await store.endConversation(entry.id, { at: 21, by: "volunteer", reason: "x" })).toEqual({
        ok: false,
        reason: "already_ended",
      });
      expect((await store.getPresence("s1"))?.load).toBe(0);
      expect(await store.listActiveFor("s1")).toEqual([]);
    });

    it("marks a queued conversation that ends as abandoned, and forgets its network and device hashes", async () => {
      const entry = buildEntry({ abuseKey: "network-hash", deviceKey: "device-hash" });
      await store.enqueue(entry);
      expect((await store.getConversation(entry.id))?.abuseKey).toBe("network-hash");
      expect((await store.getConversation(entry.id))?.deviceKey).toBe("device-hash");
      const ended = await store.endConversation(entry.id, { at: 3, by: "youth", reason: "left-queue" });
      expect(ended.ok && ended.conversation.status).toBe("abandoned");
      expect(ended.ok && ended.conversation.abuseKey).toBeUndefined();
      expect(ended.ok && ended.conversation.deviceKey).toBeUndefined();
      expect((await store.getConversation(entry.id))?.abuseKey).toBeUndefined();
      expect((await store.getConversation(entry.id))?.deviceKey).toBeUndefined();
      expect(await store.listQueue()).toEqual([]);
      expect(await store.endConversation("c_doesnotexist00", { at: 3, by: "youth", reason: "x" })).toEqual({
        ok: false,
        reason: "not_found",
      });
    });

    it("refuses claims that are not allowed", async () => {
      const entry = buildEntry();
      await store.enqueue(entry);
      expect(await store.claim(entry.id, "nobody", 1)).toEqual({ ok: false, reason: "not_available" });
      await store.putPresence({ staffId: "s1", locationId: "leiden", status: "break", capacity: 1, lastAssignedAt: 0, since: 5 });
      expect(await store.claim(entry.id, "s1", 1)).toEqual({ ok: false, reason: "not_available" });
      await available("s1", 1);
      const other = buildEntry();
      await store.enqueue(other);
      expect((await store.claim(other.id, "s1", 1)).ok).toBe(true);
      expect(await store.claim(entry.id, "s1", 2)).toEqual({ ok: false, reason: "at_capacity" });
      await available("s2");
      expect(await store.claim(other.id, "s2", 3)).toEqual({ ok: false, reason: "not_queued" });
      expect(await store.claim("c_doesnotexist00", "s2", 3)).toEqual({ ok: false, reason: "not_queued" });
    });

    it("lets exactly one of many racing claims win, and never exceeds capacity", async () => {
      const entries = Array.from({ length: 20 }, () => buildEntry());
      for (const e of entries) await store.enqueue(e);
      for (const s of ["a", "b", "c", "d"]) await available(s, 3);
      const attempts = entries.flatMap((e) => ["a", "b", "c", "d"].map((s) => store.claim(e.id, s, 1)));
      const results = await Promise.all(attempts);
      const wins = results.filter((r) => r.ok);
      expect(wins).toHaveLength(12);
      expect(new Set(wins.map((w) => w.ok && w.conversation.id)).size).toBe(12);
      for (const s of ["a", "b", "c", "d"]) expect((await store.getPresence(s))?.load).toBe(3);
      expect(await store.listQueue()).toHaveLength(8);
    });

    it("lets a professional take a waiting youth straight from the queue, as holder and joined professional", async () => {
      const entry = buildEntry({ locationChoice: "leiden" });
      await store.enqueue(entry);
      const taken = await store.claimAsProfessional(entry.id, "p1", "leiden", 7);
      expect(taken).toEqual({
        ok: true,
        conversation: { ...entry, status: "active", holderId: "p1", professionalId: "p1", locationId: "leiden", assignedAt: 7 },
      });
      expect(await store.listQueue()).toEqual([]);
      expect((await store.listActiveFor("p1")).map((c) => c.id)).toEqual([entry.id]);
      expect(await store.claimAsProfessional(entry.id, "p2", "leiden", 8)).toEqual({ ok: false, reason: "not_queued" });
      const ended = await store.endConversation(entry.id, { at: 9, by: "professional", reason: "ended" });
      expect(ended.ok).toBe(true);
      expect(await store.listActiveFor("p1")).toEqual([]);
    });

    it("[H6] lets exactly one of a volunteer's and a professional's racing takes of one youth win", async () => {
      const entries = Array.from({ length: 10 }, () => buildEntry());
      for (const e of entries) await store.enqueue(e);
      await available("s1", 3);
      const results = await Promise.all(
        entries.flatMap((e) => [store.claim(e.id, "s1", 1), store.claimAsProfessional(e.id, "p1", "leiden", 1)]),
      );
      for (let i = 0; i < entries.length; i++) expect([results[2 * i]!.ok, results[2 * i + 1]!.ok].filter(Boolean)).toHaveLength(1);
      const volunteerWins = results.filter((r, i) => r.ok && i % 2 === 0).length;
      expect(volunteerWins).toBeLessThanOrEqual(3);
      expect((await store.listActiveFor("s1")).length + (await store.listActiveFor("p1")).length).toBe(10);
      expect(await store.listQueue()).toEqual([]);
    });

    it("[H7] keeps a disconnected youth's place but refuses to hand them to anyone until they are back", async () => {
      const entry = buildEntry({ queuedAt: 5 });
      await store.enqueue(entry);
      await available("s1");
      expect(await store.setYouthDisconnected(entry.id, 50)).toBe(true);
      expect(await store.setYouthDisconnected(entry.id, 60)).toBe(false);
      expect((await store.listQueue()).map((e) => [e.id, e.disconnectedAt, e.queuedAt])).toEqual([[entry.id, 50, 5]]);
      expect(await store.claim(entry.id, "s1", 70)).toEqual({ ok: false, reason: "disconnected" });
      expect(await store.claimAsProfessional(entry.id, "p1", "leiden", 70)).toEqual({ ok: false, reason: "disconnected" });
      expect(await store.setYouthDisconnected(entry.id, undefined)).toBe(true);
      expect(await store.setYouthDisconnected(entry.id, undefined)).toBe(false);
      const claimed = await store.claim(entry.id, "s1", 80);
      expect(claimed.ok && claimed.conversation.disconnectedAt).toBeUndefined();
      expect(await store.setYouthDisconnected(entry.id, 90)).toBe(true);
      expect((await store.getConversation(entry.id))?.disconnectedAt).toBe(90);
      await store.endConversation(entry.id, { at: 95, by: "youth", reason: "ended" });
      expect(await store.setYouthDisconnected(entry.id, undefined)).toBe(false);
      expect(await store.setYouthDisconnected("c_doesnotexist00", 1)).toBe(false);
    });

    it("changes priority only while queued", async () => {
      const entry = buildEntry();
      await store.enqueue(entry);
      expect(await store.setPriority(entry.id, 10)).toBe(true);
      expect((await store.listQueue())[0]?.priority).toBe(10);
      await available("s1");
      await store.claim(entry.id, "s1", 1);
      expect(await store.setPriority(entry.id, 20)).toBe(false);
    });

    it("keeps presence with a derived load", async () => {
      const p = await available("s1", 3);
      expect(p).toEqual({ staffId: "s1", locationId: "leiden", status: "available", capacity: 3, lastAssignedAt: 0, since: 0, load: 0 });
      expect(await store.listPresence()).toEqual([p]);
      await store.putPresence({ ...p, status: "walk-in", since: 1234 });
      expect(await store.getPresence("s1")).toMatchObject({ status: "walk-in", since: 1234 });
      expect(await store.getPresence("nobody")).toBeUndefined();
    });

    it("transfers an active conversation to another volunteer, atomically and within capacity", async () => {
      const entry = buildEntry();
      await store.enqueue(entry);
      await available("s1");
      await available("s2", 1);
      await store.claim(entry.id, "s1", 10);
      expect(await store.transfer(entry.id, "s2", { staffId: "s1" }, 20)).toEqual({ ok: false, reason: "not_yours" });
      expect(await store.transfer(entry.id, "s1", { staffId: "nobody" }, 20)).toEqual({ ok: false, reason: "not_available" });
      const moved = await store.transfer(entry.id, "s1", { staffId: "s2" }, 20);
      expect(moved.ok && moved.conversation).toMatchObject({ status: "active", holderId: "s2", transfers: 1 });
      expect([(await store.getPresence("s1"))?.load, (await store.getPresence("s2"))?.load]).toEqual([0, 1]);
      const other = buildEntry();
      await store.enqueue(other);
      await store.claim(other.id, "s1", 30);
      expect(await store.transfer(other.id, "s1", { staffId: "s2" }, 40)).toEqual({ ok: false, reason: "at_capacity" });
    });

    it("transfers an active conversation back to a location's queue, ahead of newcomers", async () => {
      const entry = buildEntry({ queuedAt: 5, locationChoice: "leiden" });
      await store.enqueue(entry);
      await available("s1");
      await store.claim(entry.id, "s1", 10);
      const back = await store.transfer(entry.id, "s1", { locationChoice: "amsterdam" }, 20);
      expect(back.ok && back.conversation).toMatchObject({ status: "queued", locationChoice: "amsterdam", queuedAt: 5, transfers: 1 });
      expect(back.ok && back.conversation.holderId).toBeUndefined();
      expect((await store.listQueue()).map((e) => e.id)).toEqual([entry.id]);
      expect((await store.getPresence("s1"))?.load).toBe(0);
      await available("s3");
      expect((await store.claim(entry.id, "s3", 30)).ok).toBe(true);
    });

    it("purges a conversation's transcript and record, and purging again is harmless", async () => {
      const entry = buildEntry({ nickname: "Mo" });
      await store.enqueue(entry);
      await store.appendMessage(msg(entry.id, { text: "iets persoonlijks" }));
      await store.setConversationNotes(entry.id, { note: "notitie" });
      await store.endConversation(entry.id, { at: 5, by: "youth", reason: "left-queue" });
      await store.appendEvent({
        type: "conversation.abandoned",
        at: 5,
        conversationId: entry.id,
        data: { waitMs: 4, reason: "left-queue" },
      });
      expect(await store.purgeConversation(entry.id)).toBe(true);
      expect(await store.getConversation(entry.id)).toBeUndefined();
      expect(await store.listMessages(entry.id, 0)).toEqual([]);
      expect(await store.purgeConversation(entry.id)).toBe(false);
      expect((await store.listEvents(0)).map((e) => e.conversationId)).toEqual([entry.id]);
    });
  });
}
