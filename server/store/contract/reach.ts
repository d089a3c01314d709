import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../Store";
import type { DestroyStore, MakeStore } from "./fixtures";

/** The store's contract for push subscriptions and debriefs: the same behaviour on every implementation. */
export function reachContract(name: string, make: MakeStore, destroy: DestroyStore): void {
  describe(`Store contract: ${name}: push subscriptions and debriefs`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await make();
    });
    afterEach(async () => {
      await destroy(store);
    });

    it("[PS1] keeps push subscriptions per owner: one per endpoint, the oldest dropped past five, a youth's expiring", async () => {
      const sub = (endpoint: string, createdAt: number) => ({ endpoint, keys: { p256dh: `p-${endpoint}`, auth: "a" }, createdAt });
      await store.putPushSubscription("staff:s1", sub("https://push.example/1", 1));
      await store.putPushSubscription("staff:s1", { ...sub("https://push.example/1", 2), keys: { p256dh: "new", auth: "b" } });
      await store.putPushSubscription("staff:s2", sub("https://push.example/2", 1));
      expect(await store.listPushSubscriptions("staff:s1")).toEqual([
        { endpoint: "https://push.example/1", keys: { p256dh: "new", auth: "b" }, createdAt: 2 },
      ]);
      for (let i = 3; i <= 7; i++) await store.putPushSubscription("staff:s1", sub(`https://push.example/d${i}`, i));
      const kept = (await store.listPushSubscriptions("staff:s1")).map((s) => s.endpoint).sort();
      expect(kept).toEqual([3, 4, 5, 6, 7].map((i) => `https://push.example/d${i}`));
      expect(await store.deletePushSubscription("staff:s1", "https://push.example/d3")).toBe(true);
      expect(await store.deletePushSubscription("staff:s1", "https://push.example/d3")).toBe(false);
      expect(await store.deletePushSubscriptionsOf("staff:s1")).toBe(4);
      expect(await store.listPushSubscriptions("staff:s1")).toEqual([]);
      expect(await store.listPushSubscriptions("staff:s2")).toHaveLength(1);

      await store.putPushSubscription("youth:y1", sub("https://push.example/y", 1), 50);
      expect(await store.listPushSubscriptions("youth:y1")).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 120));
      expect(await store.listPushSubscriptions("youth:y1")).toEqual([]);
    });

    it("[DB1] keeps a debrief; exactly one of racing professionals claims it; it closes once", async () => {
      const debrief = {
        id: "d_contract0001",
        volunteerId: "s1",
        locationId: "leiden",
        conversationId: "c_about000001",
        requestedAt: 10,
        status: "open" as const,
        lastSeq: 0,
      };
      await store.createDebrief(debrief);
      expect(await store.getDebrief(debrief.id)).toEqual(debrief);
      expect(await store.claimDebrief("d_nothing00001", "p1", 11)).toEqual({ ok: false, reason: "not_found" });
      const results = await Promise.all(["p1", "p2", "p3", "p4"].map((p) => store.claimDebrief(debrief.id, p, 11)));
      const winners = results.filter((r) => r.ok);
      expect(winners).toHaveLength(1);
      expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.reason === "not_open")).toBe(true);
      const claimed = await store.getDebrief(debrief.id);
      expect(claimed).toMatchObject({ status: "claimed", claimedAt: 11 });
      expect(winners[0]!.ok && winners[0]!.debrief).toEqual(claimed);
      expect(await store.closeDebrief(debrief.id, 12)).toEqual({ ...claimed, status: "closed", closedAt: 12 });
      expect(await store.closeDebrief(debrief.id, 13)).toBeUndefined();
      expect(await store.closeDebrief("d_nothing00001", 13)).toBeUndefined();
      expect((await store.listDebriefs()).map((d) => d.id)).toEqual([debrief.id]);
    });

    it("[DB2] appends a debrief's thread once per message id, in seq order, and purges it with the debrief", async () => {
      await store.createDebrief({
        id: "d_thread00001",
        volunteerId: "s1",
        locationId: "leiden",
        requestedAt: 10,
        status: "claimed",
        claimedBy: "p1",
        claimedAt: 11,
        lastSeq: 0,
      });
      const m = (id: string, text: string) => ({
        id,
        debriefId: "d_thread00001",
        senderId: "s1",
        senderRole: "volunteer" as const,
        senderName: "Sam",
        text,
        sentAt: 20,
      });
      const ids = [randomUUID(), randomUUID(), randomUUID()];
      const first = await store.appendDebriefMessage(m(ids[0]!, "zwaar gesprek"));
      expect(first).toEqual({ message: { ...m(ids[0]!, "zwaar gesprek"), seq: 1 }, duplicate: false });
      const racing = await Promise.all([
        store.appendDebriefMessage(m(ids[1]!, "b")),
        store.appendDebriefMessage(m(ids[2]!, "c")),
        store.appendDebriefMessage(m(ids[1]!, "b")),
      ]);
      expect(racing.filter((r) => r?.duplicate)).toHaveLength(1);
      expect(await store.appendDebriefMessage(m(ids[0]!, "zwaar gesprek"))).toEqual({
        message: { ...m(ids[0]!, "zwaar gesprek"), seq: 1 },
        duplicate: true,
      });
      const thread = await store.listDebriefMessages("d_thread00001");
      expect(thread.map((x) => x.seq)).toEqual([1, 2, 3]);
      expect(thread[0]).toEqual({ ...m(ids[0]!, "zwaar gesprek"), seq: 1 });
      expect((await store.getDebrief("d_thread00001"))?.lastSeq).toBe(3);
      expect(await store.appendDebriefMessage({ ...m(randomUUID(), "x"), debriefId: "d_nothing00001" })).toBeUndefined();

      expect(await store.purgeDebrief("d_thread00001")).toBe(true);
      expect(await store.purgeDebrief("d_thread00001")).toBe(false);
      expect(await store.getDebrief("d_thread00001")).toBeUndefined();
      expect(await store.listDebriefMessages("d_thread00001")).toEqual([]);
      expect(await store.listDebriefs()).toEqual([]);
    });
  });
}
