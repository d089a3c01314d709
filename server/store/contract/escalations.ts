import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildEntry } from "../../domain/testFactories";
import type { Store } from "../Store";
import { availableIn, type DestroyStore, escalation, type MakeStore } from "./fixtures";

/** The store's contract for duty, escalations (one per conversation, claimed once), take-over and reading along: the same behaviour on every implementation. */
export function escalationsContract(name: string, make: MakeStore, destroy: DestroyStore): void {
  describe(`Store contract: ${name}: duty`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await make();
    });
    afterEach(async () => {
      await destroy(store);
    });
    const available = (staffId: string, capacity = 2, locationId = "leiden") => availableIn(store, staffId, capacity, locationId);

    it("keeps who is on duty", async () => {
      await store.putDuty({ staffId: "p1", locationIds: ["leiden", "amsterdam"], since: 5 });
      await store.putDuty({ staffId: "p2", locationIds: ["apeldoorn"], since: 6 });
      await store.putDuty({ staffId: "p1", locationIds: ["leiden"], since: 7 });
      await store.removeDuty("p2");
      expect(await store.listDuty()).toEqual([{ staffId: "p1", locationIds: ["leiden"], since: 7 }]);
    });

    it("purges only resolved escalations, and only once", async () => {
      await store.createEscalation(escalation());
      expect(await store.purgeEscalation("e_one")).toBe(false);
      await store.claimEscalation("e_one", "p1", 110);
      expect(await store.purgeEscalation("e_one")).toBe(false);
      await store.resolveEscalation("e_one", "p1", { at: 120, outcome: "gebeld met 113", referral: "113" });
      expect(await store.purgeEscalation("e_one")).toBe(true);
      expect(await store.getEscalation("e_one")).toBeUndefined();
      expect(await store.purgeEscalation("e_one")).toBe(false);
    });

    it("routes, claims once and resolves an escalation", async () => {
      await store.createEscalation(escalation());
      expect(await store.recordOffer("e_one", { offeredTo: ["p1"], offeredAt: 110 })).toBe(true);
      expect(await store.recordOffer("e_one", { offeredTo: ["p1", "p2"], offeredAt: 140, unroutedAt: 170 })).toBe(true);
      expect(await store.getEscalation("e_one")).toEqual(escalation({ offeredTo: ["p1", "p2"], offeredAt: 140, unroutedAt: 170 }));
      const [a, b] = await Promise.all([store.claimEscalation("e_one", "p1", 200), store.claimEscalation("e_one", "p2", 200)]);
      expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
      const winner = a.ok ? "p1" : "p2";
      expect(a.ok ? a.escalation : b.ok && b.escalation).toMatchObject({ status: "claimed", claimedBy: winner, claimedAt: 200 });
      expect(await store.claimEscalation("e_one", "p3", 201)).toEqual({ ok: false, reason: "not_open" });
      expect(await store.claimEscalation("e_none", "p3", 201)).toEqual({ ok: false, reason: "not_found" });
      expect(await store.recordOffer("e_one", { offeredTo: ["p9"], offeredAt: 300 })).toBe(false);
      expect(await store.resolveEscalation("e_one", "p3", { at: 300, outcome: "x", referral: "none" })).toBe(false);
      expect(await store.resolveEscalation("e_one", winner, { at: 300, outcome: "talked it through", referral: "113" })).toBe(true);
      expect(await store.getEscalation("e_one")).toMatchObject({
        status: "resolved",
        resolvedAt: 300,
        outcome: "talked it through",
        referral: "113",
      });
      expect(await store.listEscalations()).toEqual([]);
    });

    it("gives a claimed escalation back to the open pool, only from its holder", async () => {
      await store.createEscalation(escalation({ unroutedAt: 150 }));
      await store.claimEscalation("e_one", "p1", 200);
      expect(await store.releaseEscalation("e_one", "p2", 300)).toBe(false);
      expect(await store.releaseEscalation("e_one", "p1", 300)).toBe(true);
      expect(await store.getEscalation("e_one")).toEqual(escalation({ offeredTo: [], offeredAt: 300 }));
      expect(await store.releaseEscalation("e_one", "p1", 301)).toBe(false);
      expect((await store.claimEscalation("e_one", "p2", 400)).ok).toBe(true);
    });

    it("[H4] keeps one unresolved escalation per conversation: a second raises its level and merges its signals", async () => {
      const first = await store.openEscalation(
        escalation({ level: "urgent", source: "risk", signals: ["suicidal-ideation"], signalAt: 100, note: undefined }),
      );
      expect(first).toMatchObject({ created: true, raised: false, escalation: { id: "e_one", level: "urgent" } });
      const lower = await store.openEscalation(escalation({ id: "e_two", level: "consult", raisedAt: 150, note: "vraag" }));
      expect(lower).toMatchObject({
        created: false,
        raised: false,
        escalation: { id: "e_one", level: "urgent", note: "vraag", signalAt: 100 },
      });
      const higher = await store.openEscalation(
        escalation({ id: "e_three", level: "crisis", source: "risk", raisedAt: 200, signals: ["suicide-plan", "suicidal-ideation"] }),
      );
      expect(higher).toMatchObject({
        created: false,
        raised: true,
        escalation: { id: "e_one", level: "crisis", signalAt: 200, note: "vraag" },
      });
      expect(higher.escalation.signals).toEqual(["suicidal-ideation", "suicide-plan"]);
      expect((await store.listEscalations()).map((e) => e.id)).toEqual(["e_one"]);
      expect(await store.getEscalation("e_one")).toMatchObject({
        level: "crisis",
        signals: ["suicidal-ideation", "suicide-plan"],
        signalAt: 200,
      });
      // Claimed still counts as open; once resolved, a new call makes a new escalation.
      await store.claimEscalation("e_one", "p1", 300);
      expect((await store.openEscalation(escalation({ id: "e_four", level: "urgent", raisedAt: 310 }))).created).toBe(false);
      await store.resolveEscalation("e_one", "p1", { at: 320, outcome: "ok", referral: "none" });
      expect(await store.openEscalation(escalation({ id: "e_five", level: "consult", raisedAt: 330 }))).toMatchObject({
        created: true,
        escalation: { id: "e_five" },
      });
      // A debrief is its own item, and another conversation has its own escalation.
      expect((await store.openEscalation(escalation({ id: "e_six", source: "debrief", level: "consult" }))).created).toBe(true);
      expect((await store.openEscalation(escalation({ id: "e_seven", conversationId: "c_otherconvers" }))).created).toBe(true);
      expect((await store.listEscalations()).map((e) => e.id).sort()).toEqual(["e_five", "e_seven", "e_six"]);
    });

    it("[H5] makes exactly one escalation of many racing calls about one conversation, at the highest level", async () => {
      const levels = ["consult", "urgent", "crisis", "urgent", "consult", "urgent"] as const;
      const results = await Promise.all(
        levels.map((level, i) => store.openEscalation(escalation({ id: `e_race${i}`, level, raisedAt: 100 + i }))),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      const open = await store.listEscalations();
      expect(open).toHaveLength(1);
      expect(open[0]!.level).toBe("crisis");
      expect(new Set(results.map((r) => r.escalation.id))).toEqual(new Set([open[0]!.id]));
    });

    it("lists escalations until they are resolved", async () => {
      await store.createEscalation(escalation({ id: "e_a" }));
      await store.createEscalation(escalation({ id: "e_b", level: "consult", conversationId: undefined, note: undefined }));
      await store.claimEscalation("e_a", "p1", 5);
      expect((await store.listEscalations()).map((e) => [e.id, e.status]).sort()).toEqual([
        ["e_a", "claimed"],
        ["e_b", "open"],
      ]);
      expect(await store.getEscalation("e_b")).toEqual(
        escalation({ id: "e_b", level: "consult", conversationId: undefined, note: undefined }),
      );
    });

    it("lets a professional take a conversation over and hand it back", async () => {
      const entry = buildEntry();
      await store.enqueue(entry);
      await available("s1");
      await store.claim(entry.id, "s1", 1);
      expect(await store.reassignHolder(entry.id, "s2", undefined)).toBe(false);
      expect(await store.reassignHolder(entry.id, "s1", undefined)).toBe(true);
      expect(await store.getConversation(entry.id)).toMatchObject({ status: "active", previousVolunteerId: "s1" });
      expect((await store.getConversation(entry.id))?.holderId).toBeUndefined();
      expect((await store.getPresence("s1"))?.load).toBe(0);
      expect(await store.reassignHolder(entry.id, undefined, "s1")).toBe(true);
      expect((await store.getConversation(entry.id))?.holderId).toBe("s1");
      expect((await store.listActiveFor("s1")).map((c) => c.id)).toEqual([entry.id]);
    });

    it("remembers which conversations a professional reads along with", async () => {
      await store.setWatching("p1", "c_aaaaaaaaaaaa", true);
      await store.setWatching("p1", "c_bbbbbbbbbbbb", true);
      await store.setWatching("p1", "c_aaaaaaaaaaaa", true);
      await store.setWatching("p2", "c_cccccccccccc", true);
      expect((await store.listWatching("p1")).sort()).toEqual(["c_aaaaaaaaaaaa", "c_bbbbbbbbbbbb"]);
      await store.setWatching("p1", "c_aaaaaaaaaaaa", false);
      await store.setWatching("p1", "c_dddddddddddd", false);
      expect(await store.listWatching("p1")).toEqual(["c_bbbbbbbbbbbb"]);
      expect(await store.listWatching("nobody")).toEqual([]);
    });

    it("forgets every reader's pointer to a conversation when it is purged", async () => {
      const entry = buildEntry();
      await store.enqueue(entry);
      await store.setWatching("p1", entry.id, true);
      await store.setWatching("p2", entry.id, true);
      await store.setWatching("p2", "c_bbbbbbbbbbbb", true);
      await store.purgeConversation(entry.id);
      expect(await store.listWatching("p1")).toEqual([]);
      expect(await store.listWatching("p2")).toEqual(["c_bbbbbbbbbbbb"]);
    });

    it("records the professional who joined a conversation", async () => {
      const entry = buildEntry();
      await store.enqueue(entry);
      expect(await store.setConversationProfessional(entry.id, "p1")).toBe(true);
      expect((await store.getConversation(entry.id))?.professionalId).toBe("p1");
      await store.setConversationProfessional(entry.id, undefined);
      expect((await store.getConversation(entry.id))?.professionalId).toBeUndefined();
      expect(await store.setConversationProfessional("c_doesnotexist00", "p1")).toBe(false);
    });
  });
}
