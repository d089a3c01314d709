import { describe, expect, it } from "vitest";
import type { StoredEvent } from "../domainEvents";
import { aggregateEvents, MAX_SHIFT_MS } from "./aggregate";
import { HOUR_MS } from "./buckets";
import { summarise } from "./summarise";

const T0 = Date.UTC(2025, 2, 3, 9); // Monday 3 March 2025, 09:00 UTC (10:00 in Amsterdam)
const MIN = 60_000;
const at = (minutes: number) => T0 + minutes * MIN;

/** A scripted morning at two locations, with the answers worked out by hand below. */
function morning(): StoredEvent[] {
  return [
    // Leiden: three chats. c1 waits 2 min and runs 30; c2 waits 10 and runs 45; c3 is a returning youth.
    { type: "conversation.queued", at: at(0), conversationId: "c1", locationId: "leiden", data: { topic: "loneliness" } },
    { type: "conversation.assigned", at: at(2), conversationId: "c1", locationId: "leiden", staffId: "v1", data: { waitMs: 2 * MIN } },
    { type: "conversation.queued", at: at(5), conversationId: "c2", locationId: "leiden" },
    { type: "conversation.assigned", at: at(15), conversationId: "c2", locationId: "leiden", staffId: "v2", data: { waitMs: 10 * MIN } },
    { type: "conversation.ended", at: at(32), conversationId: "c1", locationId: "leiden", data: { durationMs: 30 * MIN } },
    { type: "conversation.queued", at: at(40), conversationId: "c3", data: { returning: true } },
    { type: "conversation.assigned", at: at(44), conversationId: "c3", locationId: "leiden", staffId: "v1", data: { waitMs: 4 * MIN } },
    { type: "conversation.ended", at: at(60), conversationId: "c2", locationId: "leiden", data: { durationMs: 45 * MIN } },
    // c3 goes back to the queue and is picked up again: still one chat, with its first wait.
    { type: "conversation.transferred", at: at(70), conversationId: "c3", staffId: "v1", data: { to: "queue" } },
    { type: "conversation.assigned", at: at(72), conversationId: "c3", locationId: "leiden", staffId: "v2", data: { waitMs: 28 * MIN } },
    { type: "conversation.ended", at: at(90), conversationId: "c3", locationId: "leiden", data: { durationMs: 18 * MIN } },
    // Feedback: c1 answers twice (the last counts), c2 answers one question.
    { type: "conversation.feedback", at: at(33), conversationId: "c1", locationId: "leiden", data: { helped: 2 } },
    { type: "conversation.feedback", at: at(34), conversationId: "c1", locationId: "leiden", data: { helped: 5, wouldReturn: "yes" } },
    { type: "conversation.feedback", at: at(61), conversationId: "c2", locationId: "leiden", data: { wouldReturn: "maybe" } },
    // Escalations: an urgent one claimed after 3 min, a crisis nobody took, a debrief (counted apart).
    { type: "escalation.raised", at: at(20), conversationId: "c2", locationId: "leiden", data: { level: "urgent", source: "risk" } },
    {
      type: "escalation.claimed",
      at: at(23),
      conversationId: "c2",
      locationId: "leiden",
      staffId: "p1",
      data: { level: "urgent", timeToClaimMs: 3 * MIN, source: "risk" },
    },
    { type: "escalation.raised", at: at(50), conversationId: "c3", locationId: "leiden", data: { level: "crisis", source: "volunteer" } },
    { type: "escalation.unrouted", at: at(53), conversationId: "c3", locationId: "leiden", data: { source: "volunteer" } },
    // A debrief asked for in a wrap-up: before issue 13 it was also an escalation, which must not count twice.
    { type: "debrief.requested", at: at(65), locationId: "leiden", staffId: "v2" },
    { type: "escalation.raised", at: at(65), locationId: "leiden", staffId: "v2", data: { level: "consult", source: "debrief" } },
    {
      type: "escalation.claimed",
      at: at(66),
      locationId: "leiden",
      staffId: "p1",
      data: { level: "consult", timeToClaimMs: MIN, source: "debrief" },
    },
    // Wrap-ups: topics and referrals.
    {
      type: "wrapup.filed",
      at: at(35),
      conversationId: "c1",
      locationId: "leiden",
      staffId: "v1",
      data: { kind: "chat", referral: "none", rating: 4, topics: "loneliness,school-work" },
    },
    {
      type: "wrapup.filed",
      at: at(62),
      conversationId: "c2",
      locationId: "leiden",
      staffId: "v2",
      data: { kind: "chat", referral: "gp", rating: 3, topics: "loneliness" },
    },
    {
      type: "wrapup.filed",
      at: at(80),
      locationId: "leiden",
      staffId: "v1",
      data: { kind: "walk-in", referral: "none", rating: 5, topics: "loneliness", minutes: 25 },
    },
    // Volunteers: v1 on from 0 to 90 (a break in between still counts), v2 from 10 to 100.
    { type: "presence.changed", at: at(0), staffId: "v1", locationId: "leiden", data: { status: "available", capacity: 2 } },
    { type: "presence.changed", at: at(45), staffId: "v1", locationId: "leiden", data: { status: "break", capacity: 2 } },
    { type: "presence.changed", at: at(90), staffId: "v1", locationId: "leiden", data: { status: "off", capacity: 2 } },
    { type: "presence.changed", at: at(10), staffId: "v2", locationId: "leiden", data: { status: "available", capacity: 2 } },
    { type: "presence.changed", at: at(100), staffId: "v2", locationId: "leiden", data: { status: "off", capacity: 2 } },
    // Amsterdam: one youth leaves the queue after 7 min; one who chose "any" leaves after 1 min.
    { type: "conversation.queued", at: at(3), conversationId: "c4", locationId: "amsterdam" },
    { type: "conversation.abandoned", at: at(10), conversationId: "c4", locationId: "amsterdam", data: { waitMs: 7 * MIN } },
    { type: "conversation.queued", at: at(11), conversationId: "c5" },
    { type: "conversation.abandoned", at: at(12), conversationId: "c5", data: { waitMs: MIN } },
  ];
}

const window = { from: T0, to: T0 + 3 * HOUR_MS };
const of = (locationId: string, events = morning()) =>
  summarise(aggregateEvents(events, window).filter((b) => b.locationId === locationId));

describe("aggregateEvents over a scripted morning", () => {
  it("counts chats started, completed and left in the queue, each chat once", () => {
    const leiden = of("leiden");
    expect(leiden).toMatchObject({ chatsStarted: 3, chatsCompleted: 3, abandoned: 0, returning: 1 });
    expect(of("amsterdam")).toMatchObject({ chatsStarted: 0, abandoned: 1, abandonedWait: { count: 1, p50Ms: 7 * MIN } });
    // Left without choosing a location: counted, under "any".
    expect(of("any")).toMatchObject({ abandoned: 1 });
  });

  it("takes waits from the first pickup and durations from the end", () => {
    const leiden = of("leiden");
    // waits 2, 10, 4 → nearest-rank p50 is 4, p90 is 10
    expect(leiden.wait).toEqual({ count: 3, p50Ms: 4 * MIN, p90Ms: 10 * MIN });
    // durations 30, 45, 18
    expect(leiden.duration).toEqual({ count: 3, p50Ms: 30 * MIN, p90Ms: 45 * MIN });
  });

  it("counts escalations by level and time to claim, debriefs and unrouted apart", () => {
    const leiden = of("leiden");
    expect(leiden.escalations).toEqual({ consult: 0, urgent: 1, crisis: 1 });
    expect(leiden.timeToClaim.urgent).toEqual({ count: 1, p50Ms: 3 * MIN, p90Ms: 3 * MIN });
    expect(leiden.timeToClaim.consult.count).toBe(0);
    expect(leiden.unrouted).toBe(1);
    expect(leiden.debriefs).toBe(1);
  });

  it("counts topics, referrals and wrap-ups from the wrap-up events", () => {
    const leiden = of("leiden");
    expect(leiden.topics).toEqual({ loneliness: 3, "school-work": 1 });
    expect(leiden.referrals).toEqual({ none: 2, gp: 1 });
    expect(leiden.wrapUps).toEqual({ chat: 2, walkIn: 1 });
  });

  it("counts walk-ins apart too: how many, their minutes and their topics", () => {
    expect(of("leiden").walkIns).toEqual({ count: 1, minutes: 25, topics: { loneliness: 1 } });
    expect(of("amsterdam").walkIns).toEqual({ count: 0, minutes: 0, topics: {} });
  });

  it("counts the last feedback answer per conversation", () => {
    expect(of("leiden").feedback).toEqual({ answers: 2, helped: [0, 0, 0, 0, 1], helpedMean: 5, wouldReturn: { yes: 1, maybe: 1, no: 0 } });
  });

  it("adds up volunteer time on shift, breaks included", () => {
    // v1 90 min + v2 90 min = 3 h
    expect(of("leiden").volunteerHours).toBe(3);
  });

  it("finds the most chats open at once", () => {
    // c1 and c2 overlap from 15 to 32; c3 from 44 overlaps c2 only.
    expect(of("leiden").peakConcurrent).toBe(2);
  });

  it("puts each figure in the hour it happened", () => {
    const buckets = aggregateEvents(morning(), window).filter((b) => b.locationId === "leiden");
    expect(buckets.map((b) => [b.hourStart - T0, b.chatsStarted, b.chatsCompleted])).toEqual([
      [0, 3, 1],
      [HOUR_MS, 0, 2],
    ]);
    // v2 was on until 100 min: 50 min in the first hour, 40 in the second.
    expect(buckets[1]!.volunteerMs).toBe((30 + 40) * MIN);
  });
});

describe("aggregateEvents at the edges of the window", () => {
  it("uses events before the window only as state: a chat already open counts for concurrency, not as started", () => {
    const events: StoredEvent[] = [
      { type: "conversation.assigned", at: T0 - 10 * MIN, conversationId: "c1", locationId: "leiden", data: { waitMs: MIN } },
      { type: "conversation.ended", at: T0 + 20 * MIN, conversationId: "c1", locationId: "leiden", data: { durationMs: 30 * MIN } },
    ];
    const s = summarise(aggregateEvents(events, window));
    expect(s).toMatchObject({ chatsStarted: 0, chatsCompleted: 1, peakConcurrent: 1 });
  });

  it("carries open chats through quiet hours", () => {
    const events: StoredEvent[] = [
      { type: "conversation.assigned", at: T0 + 5 * MIN, conversationId: "c1", locationId: "leiden", data: { waitMs: MIN } },
      {
        type: "conversation.ended",
        at: T0 + 2 * HOUR_MS + 5 * MIN,
        conversationId: "c1",
        locationId: "leiden",
        data: { durationMs: 2 * HOUR_MS },
      },
    ];
    expect(aggregateEvents(events, window).map((b) => b.peakConcurrent)).toEqual([1, 1, 1]);
  });

  it("caps a shift that never ended, and stops it at the end of the window", () => {
    const forgotten: StoredEvent[] = [{ type: "presence.changed", at: T0, staffId: "v1", locationId: "leiden", data: { status: "break" } }];
    expect(summarise(aggregateEvents(forgotten, window)).volunteerHours).toBe(3);
    expect(summarise(aggregateEvents(forgotten, { from: T0, to: T0 + 48 * HOUR_MS })).volunteerHours).toBe(MAX_SHIFT_MS / HOUR_MS);
  });

  it("leaves out what happens after the window", () => {
    const late: StoredEvent[] = [
      { type: "conversation.assigned", at: window.to, conversationId: "c9", locationId: "leiden", data: { waitMs: MIN } },
    ];
    expect(aggregateEvents(late, window)).toEqual([]);
  });

  it("gives the same buckets whatever order the events arrive in", () => {
    const events = morning();
    expect(aggregateEvents([...events].reverse(), window)).toEqual(aggregateEvents(events, window));
  });
});
