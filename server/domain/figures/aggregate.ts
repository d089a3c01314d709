import { NO_LOCATION } from "../../../shared/protocol/figures";
import type { Millis } from "../clock";
import type { StoredEvent } from "../domainEvents";
import { emptyBucket, type FigureLevel, HOUR_MS, type HourBucket, hourStartOf, isEmptyBucket, LEVELS } from "./buckets";

/**
 * Events this long before `from` must be passed in too: chats and shifts already running when the
 * window opens count towards peak concurrency and volunteer hours, and a chat is started once.
 */
export const WARM_UP_MS = 24 * HOUR_MS;

/**
 * A volunteer who closed the laptop on a break never sends "off"; an interval on shift counts for
 * at most this long, so one forgotten status does not add days of volunteer hours.
 */
export const MAX_SHIFT_MS = 12 * HOUR_MS;

export interface AggregateWindow {
  from: Millis;
  /** Exclusive. */
  to: Millis;
}

interface Shift {
  locationId: string;
  since: Millis;
}

interface Feedback {
  at: Millis;
  locationId: string;
  helped?: number;
  wouldReturn?: string;
}

/**
 * Folds a stream of domain events into hourly buckets per location for the hours in `window`.
 * Pure: the same events give the same buckets, so a rollup can recompute any hour at any time.
 * Every event carries its own location and numbers, so the figures survive the transcript purge.
 */
export function aggregateEvents(events: readonly StoredEvent[], window: AggregateWindow): HourBucket[] {
  const { from, to } = window;
  const buckets = new Map<string, HourBucket>();
  const bucketAt = (locationId: string, at: Millis): HourBucket => {
    const hourStart = hourStartOf(at);
    const key = `${locationId}|${hourStart}`;
    let b = buckets.get(key);
    if (!b) buckets.set(key, (b = emptyBucket(locationId, hourStart)));
    return b;
  };
  const inWindow = (at: Millis) => at >= from && at < to;

  const started = new Set<string>();
  const returning = new Set<string>();
  const open = new Map<string, string>();
  const concurrency = new ConcurrencyTracker(from, to, bucketAt);
  const shifts = new Map<string, Shift>();
  const feedback = new Map<string, Feedback>();
  const addShift = (shift: Shift, end: Millis) => addVolunteerTime(shift, end, window, bucketAt);

  const sorted = [...events].sort((a, b) => a.at - b.at);
  for (const e of sorted) {
    if (e.at >= to) break;
    const here = inWindow(e.at);
    const id = e.conversationId;
    // Events stored by earlier versions may lack a field: each is checked before it counts.
    switch (e.type) {
      case "conversation.queued":
        if (id && e.data?.returning === true) returning.add(id);
        break;
      case "conversation.assigned": {
        if (!id) break;
        const locationId = e.locationId ?? NO_LOCATION;
        // A chat put back in the queue and picked up again is still one chat, with its first wait.
        if (!started.has(id)) {
          started.add(id);
          if (here) {
            const b = bucketAt(locationId, e.at);
            b.chatsStarted += 1;
            if (typeof e.data?.waitMs === "number") b.waitsMs.push(e.data?.waitMs);
            if (returning.has(id)) b.returning += 1;
          }
        }
        if (!open.has(id)) {
          open.set(id, locationId);
          concurrency.change(locationId, e.at, +1);
        }
        break;
      }
      case "conversation.ended":
      case "conversation.abandoned": {
        const locationId = e.locationId ?? (id && open.get(id)) ?? NO_LOCATION;
        if (id && open.has(id)) {
          concurrency.change(open.get(id)!, e.at, -1);
          open.delete(id);
        }
        if (!here) break;
        const b = bucketAt(locationId, e.at);
        if (e.type === "conversation.ended") {
          b.chatsCompleted += 1;
          if (typeof e.data?.durationMs === "number") b.durationsMs.push(e.data?.durationMs);
        } else {
          b.leftQueue += 1;
          if (typeof e.data?.waitMs === "number") b.leftQueueWaitsMs.push(e.data?.waitMs);
        }
        break;
      }
      case "conversation.feedback":
        // A repeat replaces the earlier answer: the last answer per conversation counts.
        if (id) {
          feedback.set(id, {
            at: e.at,
            locationId: e.locationId ?? NO_LOCATION,
            ...(typeof e.data?.helped === "number" && { helped: e.data?.helped }),
            ...(typeof e.data?.wouldReturn === "string" && { wouldReturn: e.data?.wouldReturn }),
          });
        }
        break;
      case "escalation.raised": {
        if (!here) break;
        const b = bucketAt(e.locationId ?? NO_LOCATION, e.at);
        // Debriefs are counted from their own event (older debriefs were also escalations: not twice).
        if (e.data?.source !== "debrief" && isLevel(e.data?.level)) b.escalations[e.data?.level] += 1;
        break;
      }
      case "debrief.requested":
        if (here) bucketAt(e.locationId ?? NO_LOCATION, e.at).debriefs += 1;
        break;
      case "escalation.claimed":
        if (here && e.data?.source !== "debrief" && isLevel(e.data?.level) && typeof e.data?.timeToClaimMs === "number") {
          bucketAt(e.locationId ?? NO_LOCATION, e.at).claimMs[e.data?.level].push(e.data?.timeToClaimMs);
        }
        break;
      case "escalation.unrouted":
        if (here && e.data?.source !== "debrief") bucketAt(e.locationId ?? NO_LOCATION, e.at).unrouted += 1;
        break;
      case "wrapup.filed": {
        if (!here) break;
        const b = bucketAt(e.locationId ?? NO_LOCATION, e.at);
        const walkIn = e.data?.kind === "walk-in";
        if (walkIn) b.wrapUpsWalkIn += 1;
        else b.wrapUpsChat += 1;
        if (walkIn && typeof e.data?.minutes === "number") b.walkInMinutes += e.data?.minutes;
        const topics = typeof e.data?.topics === "string" && e.data?.topics.length > 0 ? e.data?.topics.split(",") : [];
        for (const topic of topics) {
          b.topics[topic] = (b.topics[topic] ?? 0) + 1;
          if (walkIn) b.walkInTopics[topic] = (b.walkInTopics[topic] ?? 0) + 1;
        }
        if (typeof e.data?.referral === "string") b.referrals[e.data?.referral] = (b.referrals[e.data?.referral] ?? 0) + 1;
        if (typeof e.data?.riskJudgement === "string" && typeof e.data?.scorerRisk === "string") {
          b.risk.judged += 1;
          if (e.data?.riskJudgement === "high") b.risk.volunteerHigh += 1;
          if (e.data?.riskJudgement === "high" && e.data?.scorerRisk === "high") b.risk.bothHigh += 1;
          if (e.data?.riskJudgement === "none" && e.data?.scorerRisk === "high") b.risk.scorerHighVolunteerNone += 1;
        }
        break;
      }
      case "presence.changed": {
        if (!e.staffId) break;
        const locationId = e.locationId ?? NO_LOCATION;
        const current = shifts.get(e.staffId);
        const onShift = e.data?.status !== "off";
        // Available, break and walk-in are all time on shift; only "off" or another location ends it.
        if (current && (!onShift || current.locationId !== locationId)) {
          addShift(current, e.at);
          shifts.delete(e.staffId);
        }
        if (onShift && !shifts.has(e.staffId)) shifts.set(e.staffId, { locationId, since: e.at });
        break;
      }
      default:
        break;
    }
  }
  for (const shift of shifts.values()) addShift(shift, to);
  concurrency.finish();
  for (const f of feedback.values()) {
    if (!inWindow(f.at) || (f.helped === undefined && f.wouldReturn === undefined)) continue;
    const b = bucketAt(f.locationId, f.at);
    b.feedbackAnswers += 1;
    if (f.helped !== undefined && f.helped >= 1 && f.helped <= 5) b.helped[f.helped - 1]! += 1;
    if (f.wouldReturn === "yes" || f.wouldReturn === "maybe" || f.wouldReturn === "no") b.wouldReturn[f.wouldReturn] += 1;
  }
  return [...buckets.values()]
    .filter((b) => !isEmptyBucket(b))
    .sort((a, b) => a.hourStart - b.hourStart || a.locationId.localeCompare(b.locationId));
}

function isLevel(value: unknown): value is FigureLevel {
  return typeof value === "string" && (LEVELS as readonly string[]).includes(value);
}

/** Splits one stretch on shift over the hours it covers, clipped to the window and the cap. */
function addVolunteerTime(shift: Shift, end: Millis, window: AggregateWindow, bucketAt: (loc: string, at: Millis) => HourBucket): void {
  const start = Math.max(shift.since, window.from);
  const stop = Math.min(end, shift.since + MAX_SHIFT_MS, window.to);
  for (let t = start; t < stop; ) {
    const next = Math.min(hourStartOf(t) + HOUR_MS, stop);
    bucketAt(shift.locationId, t).volunteerMs += next - t;
    t = next;
  }
}

/**
 * Open chats per location over time; each hour in the window records the most that were open at
 * once, including chats carried over from the hour before.
 */
class ConcurrencyTracker {
  private readonly open = new Map<string, number>();
  private readonly lastHour = new Map<string, Millis>();

  constructor(
    private readonly from: Millis,
    private readonly to: Millis,
    private readonly bucketAt: (loc: string, at: Millis) => HourBucket,
  ) {}

  change(locationId: string, at: Millis, delta: number): void {
    this.carry(locationId, at);
    const n = Math.max(0, (this.open.get(locationId) ?? 0) + delta);
    this.open.set(locationId, n);
    this.record(locationId, at, n);
  }

  finish(): void {
    for (const locationId of this.open.keys()) this.carry(locationId, this.to - 1);
  }

  /** Hours passed without a change still had the chats that were open. */
  private carry(locationId: string, at: Millis): void {
    const n = this.open.get(locationId) ?? 0;
    const last = this.lastHour.get(locationId);
    const target = hourStartOf(at);
    if (n > 0 && last !== undefined) for (let h = last + HOUR_MS; h <= target; h += HOUR_MS) this.record(locationId, h, n);
    this.lastHour.set(locationId, target);
  }

  private record(locationId: string, at: Millis, n: number): void {
    if (n === 0 || at < this.from || at >= this.to) return;
    const b = this.bucketAt(locationId, at);
    b.peakConcurrent = Math.max(b.peakConcurrent, n);
  }
}
