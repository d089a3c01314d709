import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { buildEntry } from "../domain/testFactories";
import { createMemoryStore } from "../store/memory/MemoryStore";
import type { Notifier } from "./Notifier";
import { RetentionJob } from "./RetentionJob";

const DAY = 86_400_000;

describe("retention", () => {
  it("drops the log's old events only once the figures have rolled them up", async () => {
    const store = createMemoryStore();
    const now = 100 * DAY;
    const job = new RetentionJob({ store, clock: { now: () => now }, notifier: {} as Notifier, log: pino({ level: "silent" }) }, 30);
    for (const day of [10, 50, 69, 71, 99]) await store.appendEvent({ type: "staff.joined", at: day * DAY, staffId: "s1" });
    // Nothing rolled up yet: every event is still the figures' only source.
    await job.run();
    expect((await store.listEvents(0)).map((e) => e.at / DAY)).toEqual([10, 50, 69, 71, 99]);
    // Rolled up to day 52: events before day 50 (52 minus the recomputed day and the warm-up day) go.
    await store.replaceFigureBuckets(0, 52 * DAY, []);
    await job.run();
    expect((await store.listEvents(0)).map((e) => e.at / DAY)).toEqual([50, 69, 71, 99]);
    // Rolled up to now: events older than the 30 days of retention go, newer ones stay.
    await store.replaceFigureBuckets(52 * DAY, 99 * DAY, []);
    await job.run();
    expect((await store.listEvents(0)).map((e) => e.at / DAY)).toEqual([71, 99]);
  });

  it("purges transcripts older than the retention time, keeps newer ones and the events, and is idempotent", async () => {
    const store = createMemoryStore();
    let now = 100 * DAY;
    const job = new RetentionJob({ store, clock: { now: () => now }, notifier: {} as Notifier, log: pino({ level: "silent" }) }, 30);
    const old = buildEntry({ queuedAt: 60 * DAY });
    const recent = buildEntry({ queuedAt: 95 * DAY });
    for (const [entry, endedAt] of [
      [old, 60 * DAY],
      [recent, 95 * DAY],
    ] as const) {
      await store.enqueue(entry);
      await store.appendMessage({ id: `m-${entry.id}`, conversationId: entry.id, senderRole: "youth", text: "hoi", sentAt: endedAt });
      await store.endConversation(entry.id, { at: endedAt, by: "youth", reason: "left-queue" });
      await store.appendEvent({
        type: "conversation.abandoned",
        at: endedAt,
        conversationId: entry.id,
        data: { waitMs: 0, reason: "left-queue" },
      });
    }
    expect(await job.run()).toBe(1);
    expect(await store.getConversation(old.id)).toBeUndefined();
    expect(await store.listMessages(old.id, 0)).toEqual([]);
    expect((await store.listMessages(recent.id, 0)).map((m) => m.text)).toEqual(["hoi"]);
    expect(await job.run()).toBe(0);
    expect(await store.listEvents(0)).toHaveLength(2);
    now += 40 * DAY;
    expect(await job.maybeRun()).toBe(1);
    expect(await job.maybeRun()).toBe(0); // not again within the hour
  });

  it("purges a purged conversation's escalations (resolved, claimed or never claimed) and its return code's note, keeping the events", async () => {
    const store = createMemoryStore();
    const now = 100 * DAY;
    const job = new RetentionJob({ store, clock: { now: () => now }, notifier: {} as Notifier, log: pino({ level: "silent" }) }, 30);
    const old = buildEntry({ queuedAt: 60 * DAY });
    const recent = buildEntry({ queuedAt: 95 * DAY });
    for (const [entry, at] of [
      [old, 60 * DAY],
      [recent, 95 * DAY],
    ] as const) {
      await store.enqueue(entry);
      for (const [id, status] of [
        ["resolved", "resolved"],
        ["unclaimed", "open"],
      ] as const) {
        const escalationId = `e_${id}_${entry.id}`;
        await store.createEscalation({
          id: escalationId,
          conversationId: entry.id,
          locationId: "leiden",
          level: "urgent",
          source: "volunteer",
          note: "zorgen om thuis",
          raisedAt: at,
          status: "open",
          offeredTo: [],
          offeredAt: at,
        });
        if (status === "resolved") {
          await store.claimEscalation(escalationId, "p1", at);
          await store.resolveEscalation(escalationId, "p1", { at, outcome: "besproken", referral: "none" });
        }
      }
      await store.putReturnCode(
        {
          codeHash: `h_${entry.id}`,
          staffId: "st_sam",
          conversationId: entry.id,
          note: "woont bij oma; gepest op school",
          createdAt: at,
          expiresAt: at + 90 * DAY,
        },
        90 * DAY,
      );
      await store.endConversation(entry.id, { at, by: "youth", reason: "ended" });
      await store.appendEvent({
        type: "escalation.raised",
        at,
        conversationId: entry.id,
        locationId: "leiden",
        data: { level: "consult", source: "volunteer", escalationId: "e_test" },
      });
    }
    await job.run();
    expect(await store.getEscalation(`e_resolved_${old.id}`)).toBeUndefined();
    expect(await store.getEscalation(`e_unclaimed_${old.id}`)).toBeUndefined();
    // An unclaimed alert of a purged chat no longer routes to anyone.
    expect((await store.listEscalations()).map((e) => e.id)).toEqual([`e_unclaimed_${recent.id}`]);
    expect((await store.getEscalation(`e_resolved_${recent.id}`))?.note).toBe("zorgen om thuis");
    // The code still brings the youth back to Sam, but the note went with the transcript.
    expect(await store.getReturnCode(`h_${old.id}`)).toMatchObject({ staffId: "st_sam" });
    expect((await store.getReturnCode(`h_${old.id}`))?.note).toBeUndefined();
    expect((await store.getReturnCode(`h_${recent.id}`))?.note).toBe("woont bij oma; gepest op school");
    expect(await store.listEvents(0)).toHaveLength(2);
  });

  it("purges debriefs and their threads after the same days: from the close, or from the request if never closed", async () => {
    const store = createMemoryStore();
    const now = 100 * DAY;
    const job = new RetentionJob({ store, clock: { now: () => now }, notifier: {} as Notifier, log: pino({ level: "silent" }) }, 30);
    const debrief = (id: string, requestedAt: number, closedAt?: number) =>
      store.createDebrief({
        id,
        volunteerId: "s1",
        locationId: "leiden",
        requestedAt,
        status: closedAt ? "closed" : "claimed",
        claimedBy: "p1",
        ...(closedAt && { closedAt }),
        lastSeq: 0,
      });
    await debrief("d_closed_old", 50 * DAY, 60 * DAY);
    await debrief("d_closed_new", 50 * DAY, 80 * DAY);
    await debrief("d_never_closed", 65 * DAY);
    for (const id of ["d_closed_old", "d_closed_new", "d_never_closed"]) {
      await store.appendDebriefMessage({
        id: `m-${id}`,
        debriefId: id,
        senderId: "s1",
        senderRole: "volunteer",
        senderName: "Sam",
        text: "dat was zwaar",
        sentAt: 66 * DAY,
      });
    }
    await job.run();
    expect(await store.getDebrief("d_closed_old")).toBeUndefined();
    expect(await store.listDebriefMessages("d_closed_old")).toEqual([]);
    expect(await store.getDebrief("d_never_closed")).toBeUndefined();
    expect((await store.listDebriefMessages("d_closed_new")).map((m) => m.text)).toEqual(["dat was zwaar"]);
  });

  it("keeps the access record ACCESS_LOG_DAYS, longer than transcripts", async () => {
    const store = createMemoryStore();
    const now = 400 * DAY;
    const job = new RetentionJob(
      { store, clock: { now: () => now }, notifier: {} as Notifier, log: pino({ level: "silent" }) },
      30,
      3_600_000,
      { accessLogDays: 365 },
    );
    const entry = (id: string, at: number) => ({
      id,
      at,
      staffId: "st_eva",
      action: "watch" as const,
      reason: "escalation" as const,
      conversationId: "c_1",
      locationId: "leiden",
    });
    await store.appendAccess(entry("a_old", 30 * DAY));
    await store.appendAccess(entry("a_kept", 40 * DAY));
    await job.run();
    expect((await store.listAccess({ from: 0, to: now, locationIds: "all", limit: 10 })).map((e) => e.id)).toEqual(["a_kept"]);
  });

  it("does nothing while another process holds the retention lease, and renews its own between batches", async () => {
    const store = createMemoryStore();
    const now = 100 * DAY;
    const deps = { store, clock: { now: () => now }, notifier: {} as Notifier, log: pino({ level: "silent" }) };
    for (let i = 0; i < 5; i++) {
      const e = buildEntry({ queuedAt: 10 * DAY });
      await store.enqueue(e);
      await store.endConversation(e.id, { at: 10 * DAY, by: "youth", reason: "left-queue" });
    }
    expect(await store.tryLease("retention", "other-process", 60_000)).toBe(true);
    expect(await new RetentionJob(deps, 30, 3_600_000, { owner: "me" }).run()).toBe(0);
    await store.releaseLease("retention", "other-process");
    const leases: string[] = [];
    const watched = new Proxy(store, {
      get: (target, key, receiver) =>
        key === "tryLease"
          ? (name: string, owner: string, ttl: number) => (leases.push(owner), target.tryLease(name, owner, ttl))
          : Reflect.get(target, key, receiver),
    });
    expect(await new RetentionJob({ ...deps, store: watched }, 30, 3_600_000, { owner: "me", batch: 2 }).run()).toBe(5);
    expect(leases).toEqual(["me", "me", "me", "me"]); // taken, then renewed after each of three batches
    expect(await store.tryLease("retention", "other-process", 60_000)).toBe(true); // released at the end
  });
});
