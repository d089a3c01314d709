import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AccessEntry } from "../../domain/access/accessRecord";
import type { SecondFactor } from "../../domain/access/secondFactor";
import type { Escalation } from "../../domain/escalation/escalation";
import { buildEntry } from "../../domain/testFactories";
import type { Store } from "../Store";

/** The second-factor and access-record slice of the store: the same behaviour on every implementation. */
export function registerAccessContractTests(
  name: string,
  make: () => Promise<Store>,
  destroy: (store: Store) => Promise<void> = (s) => s.close(),
): void {
  describe(`Access store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await make();
    });
    afterEach(async () => {
      await destroy(store);
    });

    const factor = (over: Partial<SecondFactor> = {}): SecondFactor => ({
      staffId: "st_eva",
      secret: "v1.sealed",
      enrolledAt: 1000,
      lastStep: 10,
      recoveryCodeHashes: ["h1", "h2", "h3"],
      ...over,
    });
    const entry = (over: Partial<AccessEntry> = {}): AccessEntry => ({
      id: randomUUID(),
      at: 1000,
      staffId: "st_eva",
      action: "watch",
      reason: "escalation",
      conversationId: "c_1",
      locationId: "leiden",
      ...over,
    });

    it("[AF1] keeps a second factor and replaces it, recovery codes and all, on re-enrolment", async () => {
      expect(await store.getSecondFactor("st_eva")).toBeUndefined();
      await store.putSecondFactor(factor());
      const stored = await store.getSecondFactor("st_eva");
      expect({ ...stored, recoveryCodeHashes: [...stored!.recoveryCodeHashes].sort() }).toEqual(factor());
      await store.putSecondFactor(factor({ secret: "v1.other", lastStep: 0, recoveryCodeHashes: ["h9"] }));
      expect(await store.getSecondFactor("st_eva")).toEqual(factor({ secret: "v1.other", lastStep: 0, recoveryCodeHashes: ["h9"] }));
    });

    it("[AF2] accepts each TOTP step once and never an older one", async () => {
      expect(await store.acceptTotpStep("st_eva", 11)).toBe(false); // not enrolled
      await store.putSecondFactor(factor());
      expect(await store.acceptTotpStep("st_eva", 10)).toBe(false);
      expect(await store.acceptTotpStep("st_eva", 11)).toBe(true);
      expect(await store.acceptTotpStep("st_eva", 11)).toBe(false);
      expect(await store.acceptTotpStep("st_eva", 9)).toBe(false);
      expect((await store.getSecondFactor("st_eva"))?.lastStep).toBe(11);
    });

    it("[AF3] of racing logins with the same code, exactly one is accepted", async () => {
      await store.putSecondFactor(factor());
      const results = await Promise.all(Array.from({ length: 8 }, () => store.acceptTotpStep("st_eva", 12)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it("[AF4] uses a recovery code once, even when two logins race with it", async () => {
      await store.putSecondFactor(factor());
      const results = await Promise.all([store.useRecoveryCode("st_eva", "h2"), store.useRecoveryCode("st_eva", "h2")]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store.useRecoveryCode("st_eva", "h2")).toBe(false);
      expect(await store.useRecoveryCode("st_eva", "nope")).toBe(false);
      expect((await store.getSecondFactor("st_eva"))?.recoveryCodeHashes.sort()).toEqual(["h1", "h3"]);
    });

    it("[AF5] a reset removes the factor and its recovery codes", async () => {
      await store.putSecondFactor(factor());
      expect(await store.deleteSecondFactor("st_eva")).toBe(true);
      expect(await store.getSecondFactor("st_eva")).toBeUndefined();
      expect(await store.useRecoveryCode("st_eva", "h1")).toBe(false);
      expect(await store.deleteSecondFactor("st_eva")).toBe(false);
    });

    it("[AL1] lists access entries newest first, by period, reader and location", async () => {
      const a = entry({ at: 1000 });
      const b = entry({ at: 2000, staffId: "st_kim", action: "erase", reason: "youth-request", locationId: "amsterdam" });
      const c = entry({ at: 3000, action: "sync", reason: "assigned", staffId: "st_sam" });
      const d = entry({
        at: 4000,
        action: "second-factor-reset",
        reason: "lost-device",
        conversationId: undefined,
        subjectStaffId: "st_sam",
        staffId: "st_kim",
      });
      for (const e of [a, b, c, d]) await store.appendAccess(e);
      const all = { from: 0, to: 10_000, locationIds: "all" as const, limit: 100 };
      expect(await store.listAccess(all)).toEqual([d, c, b, a]);
      expect(await store.listAccess({ ...all, from: 2000, to: 4000 })).toEqual([c, b]);
      expect(await store.listAccess({ ...all, staffId: "st_kim" })).toEqual([d, b]);
      expect(await store.listAccess({ ...all, locationIds: ["leiden"] })).toEqual([d, c, a]);
      expect(await store.listAccess({ ...all, locationIds: ["leiden"], staffId: "st_kim" })).toEqual([d]);
      expect(await store.listAccess({ ...all, locationIds: [] })).toEqual([]);
      expect(await store.listAccess({ ...all, limit: 2 })).toEqual([d, c]);
    });

    it("[AL2] purges entries older than the cut-off from every index, and only those", async () => {
      const old = entry({ at: 1000 });
      const oldElsewhere = entry({ at: 1500, staffId: "st_bram", locationId: "amsterdam" });
      const kept = entry({ at: 5000 });
      for (const e of [old, oldElsewhere, kept]) await store.appendAccess(e);
      expect(await store.purgeAccessBefore(2000)).toBe(2);
      const all = { from: 0, to: 10_000, locationIds: "all" as const, limit: 100 };
      expect(await store.listAccess(all)).toEqual([kept]);
      expect(await store.listAccess({ ...all, staffId: "st_bram" })).toEqual([]);
      expect(await store.listAccess({ ...all, locationIds: ["amsterdam"] })).toEqual([]);
      expect(await store.listAccess({ ...all, locationIds: ["leiden"], staffId: "st_eva" })).toEqual([kept]);
      expect(await store.purgeAccessBefore(2000)).toBe(0);
    });

    it("[RS1] indexes ended and abandoned conversations by when, for retention without reading the event log", async () => {
      const a = buildEntry({ queuedAt: 10 });
      const b = buildEntry({ queuedAt: 20 });
      const c = buildEntry({ queuedAt: 30 });
      for (const e of [a, b, c]) await store.enqueue(e);
      await store.endConversation(b.id, { at: 200, by: "youth", reason: "left-queue" });
      await store.endConversation(a.id, { at: 100, by: "youth", reason: "left-queue" });
      expect(await store.listEndedBefore(1000, 10)).toEqual([a.id, b.id]);
      expect(await store.listEndedBefore(200, 10)).toEqual([a.id]);
      expect(await store.listEndedBefore(1000, 1)).toEqual([a.id]);
      await store.forgetEnded([a.id]);
      expect(await store.listEndedBefore(1000, 10)).toEqual([b.id]);
      expect(await store.listEndedBefore(1000, 10)).not.toContain(c.id); // still queued
    });

    it("[RS2] purges every escalation of one conversation, whatever its status, and only those", async () => {
      const esc = (id: string, conversationId: string): Escalation => ({
        id,
        conversationId,
        locationId: "leiden",
        level: "urgent",
        source: "volunteer",
        note: "zorgen",
        raisedAt: 1,
        status: "open",
        offeredTo: [],
        offeredAt: 1,
      });
      await store.createEscalation(esc("e_open", "c_a"));
      await store.createEscalation(esc("e_done", "c_a"));
      await store.claimEscalation("e_done", "p1", 2);
      await store.resolveEscalation("e_done", "p1", { at: 3, outcome: "besproken", referral: "none" });
      await store.createEscalation(esc("e_other", "c_b"));
      expect(await store.purgeEscalationsOf("c_a")).toBe(2);
      expect(await store.getEscalation("e_open")).toBeUndefined();
      expect(await store.getEscalation("e_done")).toBeUndefined();
      expect((await store.listEscalations()).map((e) => e.id)).toEqual(["e_other"]);
      expect(await store.purgeEscalationsOf("c_a")).toBe(0);
    });
  });
}
