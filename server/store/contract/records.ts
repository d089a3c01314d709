import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { emptyBucket } from "../../domain/figures/buckets";
import type { Store } from "../Store";
import type { DestroyStore, MakeStore } from "./fixtures";

/** The store's contract for wrap-ups, domain events, figure buckets, leases and health: the same behaviour on every implementation. */
export function recordsContract(name: string, make: MakeStore, destroy: DestroyStore): void {
  describe(`Store contract: ${name}: wrap-ups`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await make();
    });
    afterEach(async () => {
      await destroy(store);
    });

    it("keeps wrap-ups and the list of wrap-ups still to do", async () => {
      await store.addWrapUpTodo("s1", "c_one000000001");
      await store.addWrapUpTodo("s1", "c_two000000002");
      await store.addWrapUpTodo("s2", "c_three0000003");
      expect((await store.listWrapUpTodo("s1")).sort()).toEqual(["c_one000000001", "c_two000000002"]);
      const wrapUp = {
        id: "w1",
        kind: "chat" as const,
        staffId: "s1",
        locationId: "leiden",
        conversationId: "c_one000000001",
        topics: ["loneliness"],
        referral: "gp" as const,
        rating: 4,
        debrief: false,
        durationMs: 600_000,
        transfers: 0,
        escalations: 0,
        at: 100,
      };
      await store.putWrapUp(wrapUp);
      await store.putWrapUp({ ...wrapUp, id: "w1b", rating: 5, at: 110 });
      await store.putWrapUp({ ...wrapUp, id: "w2", kind: "walk-in", conversationId: undefined, at: 200 });
      expect(await store.listWrapUpTodo("s1")).toEqual(["c_two000000002"]);
      expect((await store.listWrapUps(0)).map((w) => [w.id, w.rating])).toEqual([
        ["w1b", 5],
        ["w2", 4],
      ]);
      expect((await store.listWrapUps(150)).map((w) => w.id)).toEqual(["w2"]);
    });

    it("records domain events and recent service times", async () => {
      await store.appendEvent({
        type: "conversation.queued",
        at: 100,
        conversationId: "c1",
        locationId: "leiden",
        data: { ageBand: "16-18", topic: "none" },
      });
      await store.appendEvent({
        type: "conversation.ended",
        at: 200,
        conversationId: "c1",
        data: { durationMs: 5, endedBy: "youth", reason: "ended" },
      });
      expect((await store.listEvents(0)).map((e) => e.type)).toEqual(["conversation.queued", "conversation.ended"]);
      expect(await store.listEvents(150)).toEqual([
        { type: "conversation.ended", at: 200, conversationId: "c1", data: { durationMs: 5, endedBy: "youth", reason: "ended" } },
      ]);
      for (let i = 1; i <= 40; i++) await store.recordServiceTime(i * 1000, i);
      const times = await store.recentServiceTimes();
      expect(times).toHaveLength(30);
      expect(times[0]).toEqual({ durationMs: 40_000, at: 40 });
    });

    it("purges the log's events older than a time, and only those", async () => {
      for (const at of [100, 200, 300]) await store.appendEvent({ type: "staff.joined", at, staffId: "s1" });
      expect(await store.purgeEventsBefore(250)).toBe(2);
      expect((await store.listEvents(0)).map((e) => e.at)).toEqual([300]);
      expect(await store.purgeEventsBefore(250)).toBe(0);
    });

    it("keeps each conversation's events apart, in order, until the conversation is purged", async () => {
      await store.appendEvent({ type: "conversation.queued", at: 100, conversationId: "c1", data: { ageBand: "16-18", topic: "none" } });
      await store.appendEvent({ type: "conversation.queued", at: 110, conversationId: "c2", data: { ageBand: "unknown", topic: "none" } });
      await store.appendEvent({
        type: "risk.flagged",
        at: 120,
        conversationId: "c1",
        data: { level: "high", signals: "plan", acute: true },
      });
      await store.appendEvent({ type: "staff.joined", at: 130, staffId: "s1" });
      expect((await store.listEventsOf("c1")).map((e) => e.type)).toEqual(["conversation.queued", "risk.flagged"]);
      expect((await store.listEventsOf("c2")).map((e) => e.at)).toEqual([110]);
      await store.purgeConversation("c1");
      expect(await store.listEventsOf("c1")).toEqual([]);
      // The anonymous log keeps them for the figures.
      expect((await store.listEvents(0)).filter((e) => e.conversationId === "c1")).toHaveLength(2);
    });

    it("replaces figure buckets hour by hour and remembers how far they are rolled up", async () => {
      const bucket = (locationId: string, hourStart: number, chatsStarted: number) => ({
        ...emptyBucket(locationId, hourStart),
        chatsStarted,
        waitsMs: [60_000],
      });
      const H = 3_600_000;
      expect(await store.figuresRolledUpTo()).toBe(0);
      await store.replaceFigureBuckets(0, 3 * H, [bucket("leiden", 0, 1), bucket("delft", 0, 2), bucket("leiden", 2 * H, 3)]);
      expect(await store.figuresRolledUpTo()).toBe(3 * H);
      // Recomputing hours 2..4: the old hour-2 bucket goes, hour 0 stays.
      await store.replaceFigureBuckets(2 * H, 4 * H, [bucket("leiden", 3 * H, 4)]);
      expect(await store.figuresRolledUpTo()).toBe(4 * H);
      const all = await store.listFigureBuckets(0, 10 * H);
      expect(all.map((b) => [b.locationId, b.hourStart, b.chatsStarted]).sort()).toEqual([
        ["delft", 0, 2],
        ["leiden", 0, 1],
        ["leiden", 3 * H, 4],
      ]);
      expect(all[0]!.waitsMs).toEqual([60_000]);
      expect((await store.listFigureBuckets(H, 3 * H + 1)).map((b) => b.hourStart)).toEqual([3 * H]);
      expect(await store.listFigureBuckets(0, 3 * H)).toHaveLength(2);
    });

    it("gives a lease to one owner at a time until it expires", async () => {
      expect(await store.tryLease("tick", "p1", 80)).toBe(true);
      expect(await store.tryLease("tick", "p2", 80)).toBe(false);
      expect(await store.tryLease("tick", "p1", 80)).toBe(true);
      await new Promise((r) => setTimeout(r, 150));
      expect(await store.tryLease("tick", "p2", 80)).toBe(true);
      await store.releaseLease("tick", "p1"); // not p1's any more: nothing happens
      expect(await store.tryLease("tick", "p1", 80)).toBe(false);
      await store.releaseLease("tick", "p2");
      expect(await store.tryLease("tick", "p1", 80)).toBe(true);
    });

    it("answers a ping, and tells how full it is if it has a limit of its own", async () => {
      await expect(store.ping()).resolves.toBeUndefined();
      const memory = await store.memoryUse();
      if (memory !== undefined) {
        expect(memory.usedBytes).toBeGreaterThan(0);
        expect(memory.maxBytes).toBeGreaterThanOrEqual(0);
      }
    });
  });
}
