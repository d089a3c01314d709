import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { buildEntry } from "../domain/testFactories";
import { MemoryStore } from "../store/memory/MemoryStore";
import type { Notifier } from "./Notifier";
import { RetentionJob } from "./RetentionJob";

const DAY = 86_400_000;

describe("retention", () => {
  it("purges transcripts older than the retention time, keeps newer ones and the events, and is idempotent", async () => {
    const store = new MemoryStore();
    let now = 100 * DAY;
    const job = new RetentionJob({ store, clock: { now: () => now }, notifier: {} as Notifier, log: pino({ level: "silent" }) }, 30);
    const old = buildEntry({ queuedAt: 60 * DAY });
    const recent = buildEntry({ queuedAt: 95 * DAY });
    for (const [entry, endedAt] of [[old, 60 * DAY], [recent, 95 * DAY]] as const) {
      await store.enqueue(entry);
      await store.appendMessage({ id: `m-${entry.id}`, conversationId: entry.id, senderRole: "youth", text: "hoi", sentAt: endedAt });
      await store.endConversation(entry.id, { at: endedAt, by: "youth", reason: "left-queue" });
      await store.appendEvent({ type: "conversation.abandoned", at: endedAt, conversationId: entry.id });
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

  it("purges resolved escalations (notes and outcomes) after the same days, keeping their events", async () => {
    const store = new MemoryStore();
    const now = 100 * DAY;
    const job = new RetentionJob({ store, clock: { now: () => now }, notifier: {} as Notifier, log: pino({ level: "silent" }) }, 30);
    for (const [id, resolvedAt] of [["e_old", 60 * DAY], ["e_new", 95 * DAY]] as const) {
      await store.createEscalation({ id, locationId: "leiden", level: "urgent", source: "volunteer", note: "zorgen om thuis", raisedAt: resolvedAt - 1, status: "open", offeredTo: [], offeredAt: resolvedAt - 1 });
      await store.claimEscalation(id, "p1", resolvedAt - 1);
      await store.resolveEscalation(id, "p1", { at: resolvedAt, outcome: "besproken", referral: "none" });
      await store.appendEvent({ type: "escalation.resolved", at: resolvedAt, locationId: "leiden", data: { referral: "none", escalationId: id } });
    }
    await job.run();
    expect(await store.getEscalation("e_old")).toBeUndefined();
    expect((await store.getEscalation("e_new"))?.note).toBe("zorgen om thuis");
    expect(await store.listEvents(0)).toHaveLength(2);
  });

  it("purges debriefs and their threads after the same days: from the close, or from the request if never closed", async () => {
    const store = new MemoryStore();
    const now = 100 * DAY;
    const job = new RetentionJob({ store, clock: { now: () => now }, notifier: {} as Notifier, log: pino({ level: "silent" }) }, 30);
    const debrief = (id: string, requestedAt: number, closedAt?: number) =>
      store.createDebrief({ id, volunteerId: "s1", locationId: "leiden", requestedAt, status: closedAt ? "closed" : "claimed", claimedBy: "p1", ...(closedAt && { closedAt }), lastSeq: 0 });
    await debrief("d_closed_old", 50 * DAY, 60 * DAY);
    await debrief("d_closed_new", 50 * DAY, 80 * DAY);
    await debrief("d_never_closed", 65 * DAY);
    for (const id of ["d_closed_old", "d_closed_new", "d_never_closed"]) {
      await store.appendDebriefMessage({ id: `m-${id}`, debriefId: id, senderId: "s1", senderRole: "volunteer", senderName: "Sam", text: "dat was zwaar", sentAt: 66 * DAY });
    }
    await job.run();
    expect(await store.getDebrief("d_closed_old")).toBeUndefined();
    expect(await store.listDebriefMessages("d_closed_old")).toEqual([]);
    expect(await store.getDebrief("d_never_closed")).toBeUndefined();
    expect((await store.listDebriefMessages("d_closed_new")).map((m) => m.text)).toEqual(["dat was zwaar"]);
  });
});
