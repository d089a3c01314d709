import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { emptyBucket } from "../domain/figures/buckets";
import { buildEntry, buildLocation } from "../domain/testFactories";
import type { Escalation } from "../domain/escalation/escalation";
import type { ReturnCodeRecord } from "../domain/returnCodes/returnCode";
import type { Message, Staff } from "../domain/types";
import type { Store } from "./Store";

/**
 * One behaviour, every implementation: the memory and Redis stores both run this suite.
 * `make` returns a fresh, empty store; `destroy` removes whatever it wrote.
 */
export function registerStoreContractTests(
  name: string,
  make: () => Promise<Store>,
  destroy: (store: Store) => Promise<void> = (s) => s.close(),
): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await make();
    });
    afterEach(async () => {
      await destroy(store);
    });

    const staff = (over: Partial<Staff> = {}): Staff => ({
      id: "s1",
      email: "Sam@Example.org",
      displayName: "Sam",
      role: "volunteer",
      locationId: "leiden",
      passwordHash: "$argon2id$fake",
      active: true,
      skills: ["suicidality"],
      ...over,
    });
    const msg = (conversationId: string, over: Partial<Message> = {}): Omit<Message, "seq"> => ({
      id: randomUUID(),
      conversationId,
      senderRole: "youth",
      text: "hoi",
      sentAt: 1,
      ...over,
    });
    const available = (staffId: string, capacity = 2, locationId = "leiden") =>
      store.putPresence({ staffId, locationId, status: "available", capacity, lastAssignedAt: 0, since: 0 });

    it("keeps locations and staff, finding staff by e-mail case-insensitively", async () => {
      const loc = buildLocation({ id: "leiden", exceptions: [{ date: "2026-12-25", windows: [] }] });
      await store.putLocation(loc);
      expect(await store.listLocations()).toEqual([loc]);
      await store.putStaff(staff());
      expect(await store.getStaff("s1")).toEqual(staff());
      expect((await store.getStaffByEmail("sam@example.ORG"))?.id).toBe("s1");
      expect(await store.getStaffByEmail("nobody@example.org")).toBeUndefined();
      await store.putStaff(staff({ displayName: "Samira" }));
      expect((await store.listStaff()).map((s) => s.displayName)).toEqual(["Samira"]);
    });

    it("keeps shifts and lists those overlapping a range, by start", async () => {
      const H = 3_600_000;
      const shift = (id: string, start: number, end: number) => ({ id, locationId: "leiden", staffId: "s1", role: "volunteer" as const, start, end });
      await store.putShift(shift("late", 10 * H, 14 * H));
      await store.putShift(shift("early", 2 * H, 6 * H));
      await store.putShift(shift("overnight", -4 * H, 3 * H));
      expect((await store.listShifts(0, 24 * H)).map((s) => s.id)).toEqual(["overnight", "early", "late"]);
      expect((await store.listShifts(6 * H, 10 * H)).map((s) => s.id)).toEqual([]);
      expect((await store.listShifts(5 * H, 11 * H)).map((s) => s.id)).toEqual(["early", "late"]);
      await store.putShift({ ...shift("early", 2 * H, 6 * H), dutyAppliedAt: 2 * H });
      expect(await store.getShift("early")).toEqual({ ...shift("early", 2 * H, 6 * H), dutyAppliedAt: 2 * H });
      expect(await store.deleteShift("early")).toBe(true);
      expect(await store.deleteShift("early")).toBe(false);
      expect((await store.listShifts(0, 24 * H)).map((s) => s.id)).toEqual(["overnight", "late"]);
    });

    it("hands an invite out once, and not after it expired", async () => {
      const invite = { tokenHash: "h1", staffId: "s1", expiresAt: Date.now() + 60_000 };
      await store.putInvite(invite, 60_000);
      expect(await store.getInvite("h1")).toEqual(invite);
      const [first, second] = await Promise.all([store.takeInvite("h1"), store.takeInvite("h1")]);
      expect([first, second].filter(Boolean)).toEqual([invite]);
      expect(await store.getInvite("h1")).toBeUndefined();
      await store.putInvite({ ...invite, tokenHash: "h2" }, 20);
      await new Promise((r) => setTimeout(r, 60));
      expect(await store.takeInvite("h2")).toBeUndefined();
    });

    it("expires sessions after their time to live", async () => {
      await store.putYouthSession({ youthId: "y1", tokenHash: "h1", createdAt: 1, lastSeenAt: 1 }, 60_000);
      await store.putStaffSession({ sidHash: "sh", staffId: "s1", createdAt: 1, lastSeenAt: 1 }, 50);
      expect((await store.getYouthSession("h1"))?.youthId).toBe("y1");
      expect((await store.getStaffSession("sh"))?.staffId).toBe("s1");
      await new Promise((r) => setTimeout(r, 120));
      expect(await store.getStaffSession("sh")).toBeUndefined();
      await store.deleteStaffSession("sh");
      expect(await store.getYouthSession("unknown")).toBeUndefined();
    });

    it("deletes one youth session at once, and only that one", async () => {
      await store.putYouthSession({ youthId: "y1", tokenHash: "h1", createdAt: 1, lastSeenAt: 1 }, 60_000);
      await store.putYouthSession({ youthId: "y2", tokenHash: "h2", createdAt: 1, lastSeenAt: 1 }, 60_000);
      await store.deleteYouthSession("h1");
      await store.deleteYouthSession("never-there");
      expect(await store.getYouthSession("h1")).toBeUndefined();
      expect((await store.getYouthSession("h2"))?.youthId).toBe("y2");
    });

    it("ends every session of one staff member at once, and only theirs", async () => {
      await store.putStaffSession({ sidHash: "a1", staffId: "s1", createdAt: 1, lastSeenAt: 1 }, 60_000);
      await store.putStaffSession({ sidHash: "a2", staffId: "s1", createdAt: 2, lastSeenAt: 2 }, 60_000);
      await store.putStaffSession({ sidHash: "b1", staffId: "s2", createdAt: 1, lastSeenAt: 1 }, 60_000);
      expect(await store.deleteStaffSessionsOf("s1")).toBe(2);
      expect(await store.getStaffSession("a1")).toBeUndefined();
      expect(await store.getStaffSession("a2")).toBeUndefined();
      expect((await store.getStaffSession("b1"))?.staffId).toBe("s2");
      expect(await store.deleteStaffSessionsOf("s1")).toBe(0);
    });

    it("queues, claims and ends a conversation", async () => {
      const entry = buildEntry({ nickname: "Mo", ageBand: "16-18", topic: "loneliness", queuedAt: 5 });
      await store.enqueue(entry);
      expect(await store.listQueue()).toEqual([entry]);
      await available("s1");
      const claimed = await store.claim(entry.id, "s1", 10);
      expect(claimed).toEqual({
        ok: true,
        conversation: { ...entry, status: "active", volunteerId: "s1", locationId: "leiden", assignedAt: 10 },
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
      expect(taken).toEqual({ ok: true, conversation: { ...entry, status: "active", volunteerId: "p1", professionalId: "p1", locationId: "leiden", assignedAt: 7 } });
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
      const results = await Promise.all(entries.flatMap((e) => [store.claim(e.id, "s1", 1), store.claimAsProfessional(e.id, "p1", "leiden", 1)]));
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

    it("appends messages idempotently with consecutive sequence numbers", async () => {
      const entry = buildEntry();
      await store.enqueue(entry);
      const first = msg(entry.id, { text: "eerste" });
      const a = await store.appendMessage(first);
      const b = await store.appendMessage(msg(entry.id, { text: "tweede", senderRole: "volunteer", senderId: "s1", senderName: "Sam" }));
      const again = await store.appendMessage({ ...first, text: "changed on resend" });
      expect(a).toEqual({ message: { ...first, seq: 1 }, duplicate: false });
      expect(b.message.seq).toBe(2);
      expect(again).toEqual({ message: { ...first, seq: 1 }, duplicate: true });
      expect((await store.listMessages(entry.id, 0)).map((m) => m.text)).toEqual(["eerste", "tweede"]);
      expect((await store.listMessages(entry.id, 1)).map((m) => m.seq)).toEqual([2]);
      expect((await store.getConversation(entry.id))?.lastSeq).toBe(2);
      expect(await store.listMessages("c_nomessages0000", 0)).toEqual([]);
    });

    it("stores racing resends of one message once", async () => {
      const entry = buildEntry();
      await store.enqueue(entry);
      const m = msg(entry.id);
      const results = await Promise.all(Array.from({ length: 10 }, () => store.appendMessage(m)));
      expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
      expect(await store.listMessages(entry.id, 0)).toHaveLength(1);
    });

    it("only raises delivery marks, and never past the last message", async () => {
      const entry = buildEntry();
      await store.enqueue(entry);
      await store.appendMessage(msg(entry.id));
      await store.appendMessage(msg(entry.id));
      await store.markDelivered(entry.id, "staff", 2);
      await store.markDelivered(entry.id, "staff", 1);
      await store.markDelivered(entry.id, "youth", 99);
      const c = await store.getConversation(entry.id);
      expect([c?.staffDeliveredSeq, c?.youthDeliveredSeq]).toEqual([2, 2]);
    });

    it("keeps staff-only notes and whispers apart from what the youth sees", async () => {
      const entry = buildEntry();
      await store.enqueue(entry);
      expect(await store.setConversationNotes(entry.id, { note: "lijkt gespannen" })).toBe(true);
      expect(await store.setConversationNotes(entry.id, { handoverNote: "wil over school praten" })).toBe(true);
      expect(await store.getConversation(entry.id)).toMatchObject({ note: "lijkt gespannen", handoverNote: "wil over school praten" });
      expect(await store.setConversationNotes("c_doesnotexist00", { note: "x" })).toBe(false);
      const whisper = msg(entry.id, { senderRole: "volunteer", senderId: "s1", visibility: "staff" });
      await store.appendMessage(whisper);
      expect((await store.listMessages(entry.id, 0))[0]).toEqual({ ...whisper, seq: 1 });
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
      expect(moved.ok && moved.conversation).toMatchObject({ status: "active", volunteerId: "s2", transfers: 1 });
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
      expect(back.ok && back.conversation.volunteerId).toBeUndefined();
      expect((await store.listQueue()).map((e) => e.id)).toEqual([entry.id]);
      expect((await store.getPresence("s1"))?.load).toBe(0);
      await available("s3");
      expect((await store.claim(entry.id, "s3", 30)).ok).toBe(true);
    });

    it("keeps wrap-ups and the list of wrap-ups still to do", async () => {
      await store.addWrapUpTodo("s1", "c_one000000001");
      await store.addWrapUpTodo("s1", "c_two000000002");
      await store.addWrapUpTodo("s2", "c_three0000003");
      expect((await store.listWrapUpTodo("s1")).sort()).toEqual(["c_one000000001", "c_two000000002"]);
      const wrapUp = {
        id: "w1", kind: "chat" as const, staffId: "s1", locationId: "leiden", conversationId: "c_one000000001",
        topics: ["loneliness"], referral: "gp" as const, rating: 4, debrief: false, durationMs: 600_000, transfers: 0, escalations: 0, at: 100,
      };
      await store.putWrapUp(wrapUp);
      await store.putWrapUp({ ...wrapUp, id: "w1b", rating: 5, at: 110 });
      await store.putWrapUp({ ...wrapUp, id: "w2", kind: "walk-in", conversationId: undefined, at: 200 });
      expect(await store.listWrapUpTodo("s1")).toEqual(["c_two000000002"]);
      expect((await store.listWrapUps(0)).map((w) => [w.id, w.rating])).toEqual([["w1b", 5], ["w2", 4]]);
      expect((await store.listWrapUps(150)).map((w) => w.id)).toEqual(["w2"]);
    });

    it("blocks keys for a while", async () => {
      await store.block(["k1", "k2"], 80);
      expect(await store.isBlocked(["x", "k2"])).toBe(true);
      expect(await store.isBlocked(["x"])).toBe(false);
      await new Promise((r) => setTimeout(r, 150));
      expect(await store.isBlocked(["k1"])).toBe(false);
    });

    const escalation = (over: Partial<Escalation> = {}): Escalation => ({
      id: "e_one",
      conversationId: "c_abcdefghijkl",
      locationId: "leiden",
      level: "crisis",
      source: "volunteer",
      note: "noemt een plan",
      raisedBy: "s1",
      raisedAt: 100,
      status: "open",
      offeredTo: [],
      offeredAt: 100,
      ...over,
    });

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
      expect(await store.getEscalation("e_one")).toMatchObject({ status: "resolved", resolvedAt: 300, outcome: "talked it through", referral: "113" });
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
      const first = await store.openEscalation(escalation({ level: "urgent", source: "risk", signals: ["suicidal-ideation"], signalAt: 100, note: undefined }));
      expect(first).toMatchObject({ created: true, raised: false, escalation: { id: "e_one", level: "urgent" } });
      const lower = await store.openEscalation(escalation({ id: "e_two", level: "consult", raisedAt: 150, note: "vraag" }));
      expect(lower).toMatchObject({ created: false, raised: false, escalation: { id: "e_one", level: "urgent", note: "vraag", signalAt: 100 } });
      const higher = await store.openEscalation(escalation({ id: "e_three", level: "crisis", source: "risk", raisedAt: 200, signals: ["suicide-plan", "suicidal-ideation"] }));
      expect(higher).toMatchObject({ created: false, raised: true, escalation: { id: "e_one", level: "crisis", signalAt: 200, note: "vraag" } });
      expect(higher.escalation.signals).toEqual(["suicidal-ideation", "suicide-plan"]);
      expect((await store.listEscalations()).map((e) => e.id)).toEqual(["e_one"]);
      expect(await store.getEscalation("e_one")).toMatchObject({ level: "crisis", signals: ["suicidal-ideation", "suicide-plan"], signalAt: 200 });
      // Claimed still counts as open; once resolved, a new call makes a new escalation.
      await store.claimEscalation("e_one", "p1", 300);
      expect((await store.openEscalation(escalation({ id: "e_four", level: "urgent", raisedAt: 310 }))).created).toBe(false);
      await store.resolveEscalation("e_one", "p1", { at: 320, outcome: "ok", referral: "none" });
      expect(await store.openEscalation(escalation({ id: "e_five", level: "consult", raisedAt: 330 }))).toMatchObject({ created: true, escalation: { id: "e_five" } });
      // A debrief is its own item, and another conversation has its own escalation.
      expect((await store.openEscalation(escalation({ id: "e_six", source: "debrief", level: "consult" }))).created).toBe(true);
      expect((await store.openEscalation(escalation({ id: "e_seven", conversationId: "c_otherconvers" }))).created).toBe(true);
      expect((await store.listEscalations()).map((e) => e.id).sort()).toEqual(["e_five", "e_seven", "e_six"]);
    });

    it("[H5] makes exactly one escalation of many racing calls about one conversation, at the highest level", async () => {
      const levels = ["consult", "urgent", "crisis", "urgent", "consult", "urgent"] as const;
      const results = await Promise.all(levels.map((level, i) => store.openEscalation(escalation({ id: `e_race${i}`, level, raisedAt: 100 + i }))));
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
      expect((await store.listEscalations()).map((e) => [e.id, e.status]).sort()).toEqual([["e_a", "claimed"], ["e_b", "open"]]);
      expect(await store.getEscalation("e_b")).toEqual(escalation({ id: "e_b", level: "consult", conversationId: undefined, note: undefined }));
    });

    it("lets a professional take a conversation over and hand it back", async () => {
      const entry = buildEntry();
      await store.enqueue(entry);
      await available("s1");
      await store.claim(entry.id, "s1", 1);
      expect(await store.reassignVolunteer(entry.id, "s2", undefined)).toBe(false);
      expect(await store.reassignVolunteer(entry.id, "s1", undefined)).toBe(true);
      expect(await store.getConversation(entry.id)).toMatchObject({ status: "active", previousVolunteerId: "s1" });
      expect((await store.getConversation(entry.id))?.volunteerId).toBeUndefined();
      expect((await store.getPresence("s1"))?.load).toBe(0);
      expect(await store.reassignVolunteer(entry.id, undefined, "s1")).toBe(true);
      expect((await store.getConversation(entry.id))?.volunteerId).toBe("s1");
      expect((await store.listActiveFor("s1")).map((c) => c.id)).toEqual([entry.id]);
    });

    it("purges a conversation's transcript and record, and purging again is harmless", async () => {
      const entry = buildEntry({ nickname: "Mo" });
      await store.enqueue(entry);
      await store.appendMessage(msg(entry.id, { text: "iets persoonlijks" }));
      await store.setConversationNotes(entry.id, { note: "notitie" });
      await store.endConversation(entry.id, { at: 5, by: "youth", reason: "left-queue" });
      await store.appendEvent({ type: "conversation.abandoned", at: 5, conversationId: entry.id });
      expect(await store.purgeConversation(entry.id)).toBe(true);
      expect(await store.getConversation(entry.id)).toBeUndefined();
      expect(await store.listMessages(entry.id, 0)).toEqual([]);
      expect(await store.purgeConversation(entry.id)).toBe(false);
      expect((await store.listEvents(0)).map((e) => e.conversationId)).toEqual([entry.id]);
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

    it("records domain events and recent service times", async () => {
      await store.appendEvent({ type: "conversation.queued", at: 100, conversationId: "c1", locationId: "leiden" });
      await store.appendEvent({ type: "conversation.ended", at: 200, conversationId: "c1", data: { durationMs: 5 } });
      expect((await store.listEvents(0)).map((e) => e.type)).toEqual(["conversation.queued", "conversation.ended"]);
      expect(await store.listEvents(150)).toEqual([
        { type: "conversation.ended", at: 200, conversationId: "c1", data: { durationMs: 5 } },
      ]);
      for (let i = 1; i <= 40; i++) await store.recordServiceTime(i * 1000, i);
      const times = await store.recentServiceTimes();
      expect(times).toHaveLength(30);
      expect(times[0]).toEqual({ durationMs: 40_000, at: 40 });
    });

    it("replaces figure buckets hour by hour and remembers how far they are rolled up", async () => {
      const bucket = (locationId: string, hourStart: number, chatsStarted: number) => ({ ...emptyBucket(locationId, hourStart), chatsStarted, waitsMs: [60_000] });
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

    it("keeps a return code by its hash until it expires or is forgotten, one per conversation", async () => {
      const code = (codeHash: string, over: Partial<ReturnCodeRecord> = {}): ReturnCodeRecord => ({
        codeHash,
        staffId: "s1",
        conversationId: "c_returning01",
        note: "wil over school praten",
        createdAt: 1,
        expiresAt: 2,
        ...over,
      });
      await store.putReturnCode(code("h1"), 60_000);
      expect(await store.getReturnCode("h1")).toEqual(code("h1"));
      expect(await store.getReturnCode("unknown")).toBeUndefined();

      // The volunteer edits the note after the code was taken: the code follows.
      expect(await store.setReturnCodeNote("c_returning01", "school en thuis")).toBe(true);
      expect((await store.getReturnCode("h1"))?.note).toBe("school en thuis");
      expect(await store.setReturnCodeNote("c_returning01", "")).toBe(true);
      expect((await store.getReturnCode("h1"))?.note).toBeUndefined();
      expect(await store.setReturnCodeNote("c_nocode00001", "x")).toBe(false);

      // A second code at the end of the same conversation replaces the first.
      await store.putReturnCode(code("h2"), 60_000);
      expect(await store.getReturnCode("h1")).toBeUndefined();
      expect((await store.getReturnCode("h2"))?.note).toBe("wil over school praten");

      // A code without a note stays without one.
      await store.putReturnCode(code("h3", { conversationId: "c_other00001", note: undefined }), 60_000);
      expect(await store.getReturnCode("h3")).toEqual(code("h3", { conversationId: "c_other00001", note: undefined }));

      expect(await store.deleteReturnCode("h2")).toBe(true);
      expect(await store.deleteReturnCode("h2")).toBe(false);
      expect(await store.getReturnCode("h2")).toBeUndefined();
      expect(await store.setReturnCodeNote("c_returning01", "x")).toBe(false);

      await store.putReturnCode(code("h4", { conversationId: "c_short000001" }), 50);
      await new Promise((r) => setTimeout(r, 120));
      expect(await store.getReturnCode("h4")).toBeUndefined();
      expect(await store.setReturnCodeNote("c_short000001", "x")).toBe(false);
      expect(await store.deleteReturnCode("h4")).toBe(false);
    });

    it("stores racing return codes of one conversation so that exactly one stays", async () => {
      const record = (codeHash: string): ReturnCodeRecord => ({ codeHash, staffId: "s1", conversationId: "c_race0000001", createdAt: 1, expiresAt: 2 });
      await Promise.all(["r1", "r2", "r3", "r4"].map((h) => store.putReturnCode(record(h), 60_000)));
      const left = await Promise.all(["r1", "r2", "r3", "r4"].map((h) => store.getReturnCode(h)));
      expect(left.filter(Boolean)).toHaveLength(1);
    });

    it("[PS1] keeps push subscriptions per owner: one per endpoint, the oldest dropped past five, a youth's expiring", async () => {
      const sub = (endpoint: string, createdAt: number) => ({ endpoint, keys: { p256dh: `p-${endpoint}`, auth: "a" }, createdAt });
      await store.putPushSubscription("staff:s1", sub("https://push.example/1", 1));
      await store.putPushSubscription("staff:s1", { ...sub("https://push.example/1", 2), keys: { p256dh: "new", auth: "b" } });
      await store.putPushSubscription("staff:s2", sub("https://push.example/2", 1));
      expect(await store.listPushSubscriptions("staff:s1")).toEqual([{ endpoint: "https://push.example/1", keys: { p256dh: "new", auth: "b" }, createdAt: 2 }]);
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
      const debrief = { id: "d_contract0001", volunteerId: "s1", locationId: "leiden", conversationId: "c_about000001", requestedAt: 10, status: "open" as const, lastSeq: 0 };
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
      await store.createDebrief({ id: "d_thread00001", volunteerId: "s1", locationId: "leiden", requestedAt: 10, status: "claimed", claimedBy: "p1", claimedAt: 11, lastSeq: 0 });
      const m = (id: string, text: string) => ({ id, debriefId: "d_thread00001", senderId: "s1", senderRole: "volunteer" as const, senderName: "Sam", text, sentAt: 20 });
      const ids = [randomUUID(), randomUUID(), randomUUID()];
      const first = await store.appendDebriefMessage(m(ids[0]!, "zwaar gesprek"));
      expect(first).toEqual({ message: { ...m(ids[0]!, "zwaar gesprek"), seq: 1 }, duplicate: false });
      const racing = await Promise.all([store.appendDebriefMessage(m(ids[1]!, "b")), store.appendDebriefMessage(m(ids[2]!, "c")), store.appendDebriefMessage(m(ids[1]!, "b"))]);
      expect(racing.filter((r) => r?.duplicate)).toHaveLength(1);
      expect((await store.appendDebriefMessage(m(ids[0]!, "zwaar gesprek")))).toEqual({ message: { ...m(ids[0]!, "zwaar gesprek"), seq: 1 }, duplicate: true });
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
