import { NO_LOCATION } from "../../../shared/protocol/figures";
import type { Millis } from "../clock";
import type { StoredEvent } from "../domainEvents";
import { emptyBucket, type FigureLevel, HOUR_MS, type HourBucket, hourStartOf, isEmptyBucket, LEVELS } from "./buckets";
import { addVolunteerTime, ConcurrencyTracker, type Shift } from "./spreadOverHours";

export { MAX_SHIFT_MS } from "./spreadOverHours";

/**
 * Events this long before `from` must be passed in too: chats and shifts already running when the
 * window opens count towards peak concurrency and volunteer hours, and a chat is started once.
 */
export const WARM_UP_MS = 24 * HOUR_MS;

export interface AggregateWindow {
  from: Millis;
  /** Exclusive. */
  to: Millis;
}

interface Feedback {
  at: Millis;
  locationId: string;
  helped?: number;
  wouldReturn?: string;
}

type EventOf<T extends StoredEvent["type"]> = Extract<StoredEvent, { type: T }>;

/**
 * Folds a stream of domain events into hourly buckets per location for the hours in `window`.
 * Pure: the same events give the same buckets, so a rollup can recompute any hour at any time.
 * Every event carries its own location and numbers, so the figures survive the transcript purge.
 */
export function aggregateEvents(events: readonly StoredEvent[], window: AggregateWindow): HourBucket[] {
  const fold = new EventFold(window);
  const sorted = [...events].sort((a, b) => a.at - b.at);
  for (const e of sorted) {
    if (e.at >= window.to) break;
    fold.add(e);
  }
  return fold.finish();
}

/** The running state of one aggregation: the buckets so far and what is still open or on shift. */
class EventFold {
  private readonly buckets = new Map<string, HourBucket>();
  private readonly started = new Set<string>();
  private readonly returning = new Set<string>();
  private readonly open = new Map<string, string>();
  private readonly concurrency: ConcurrencyTracker;
  private readonly shifts = new Map<string, Shift>();
  private readonly feedback = new Map<string, Feedback>();

  constructor(private readonly window: AggregateWindow) {
    this.concurrency = new ConcurrencyTracker(window.from, window.to, this.bucketAt);
  }

  private readonly bucketAt = (locationId: string, at: Millis): HourBucket => {
    const hourStart = hourStartOf(at);
    const key = `${locationId}|${hourStart}`;
    let b = this.buckets.get(key);
    if (!b) this.buckets.set(key, (b = emptyBucket(locationId, hourStart)));
    return b;
  };

  private inWindow(at: Millis): boolean {
    return at >= this.window.from && at < this.window.to;
  }

  /** One event, in time order. Events stored by earlier versions may lack a field: each is checked before it counts. */
  add(e: StoredEvent): void {
    const here = this.inWindow(e.at);
    switch (e.type) {
      case "conversation.queued":
        if (e.conversationId && e.data?.returning === true) this.returning.add(e.conversationId);
        break;
      case "conversation.assigned":
        this.assigned(e, here);
        break;
      case "conversation.ended":
      case "conversation.abandoned":
        this.closed(e, here);
        break;
      case "conversation.feedback":
        // A repeat replaces the earlier answer: the last answer per conversation counts.
        if (e.conversationId) {
          this.feedback.set(e.conversationId, {
            at: e.at,
            locationId: e.locationId ?? NO_LOCATION,
            ...(typeof e.data?.helped === "number" && { helped: e.data?.helped }),
            ...(typeof e.data?.wouldReturn === "string" && { wouldReturn: e.data?.wouldReturn }),
          });
        }
        break;
      case "escalation.raised": {
        if (!here) break;
        const b = this.bucketAt(e.locationId ?? NO_LOCATION, e.at);
        // Debriefs are counted from their own event (older debriefs were also escalations: not twice).
        if (e.data?.source !== "debrief" && isLevel(e.data?.level)) b.escalations[e.data?.level] += 1;
        break;
      }
      case "debrief.requested":
        if (here) this.bucketAt(e.locationId ?? NO_LOCATION, e.at).debriefs += 1;
        break;
      case "escalation.claimed":
        if (here && e.data?.source !== "debrief" && isLevel(e.data?.level) && typeof e.data?.timeToClaimMs === "number") {
          this.bucketAt(e.locationId ?? NO_LOCATION, e.at).claimMs[e.data?.level].push(e.data?.timeToClaimMs);
        }
        break;
      case "escalation.unrouted":
        if (here && e.data?.source !== "debrief") this.bucketAt(e.locationId ?? NO_LOCATION, e.at).unrouted += 1;
        break;
      case "wrapup.filed":
        if (here) this.wrapUpFiled(e);
        break;
      case "presence.changed":
        this.presenceChanged(e);
        break;
      default:
        break;
    }
  }

  private assigned(e: EventOf<"conversation.assigned">, here: boolean): void {
    const id = e.conversationId;
    if (!id) return;
    const locationId = e.locationId ?? NO_LOCATION;
    // A chat put back in the queue and picked up again is still one chat, with its first wait.
    if (!this.started.has(id)) {
      this.started.add(id);
      if (here) {
        const b = this.bucketAt(locationId, e.at);
        b.chatsStarted += 1;
        if (typeof e.data?.waitMs === "number") b.waitsMs.push(e.data?.waitMs);
        if (this.returning.has(id)) b.returning += 1;
      }
    }
    if (!this.open.has(id)) {
      this.open.set(id, locationId);
      this.concurrency.change(locationId, e.at, +1);
    }
  }

  private closed(e: EventOf<"conversation.ended" | "conversation.abandoned">, here: boolean): void {
    const id = e.conversationId;
    const locationId = e.locationId ?? (id && this.open.get(id)) ?? NO_LOCATION;
    if (id && this.open.has(id)) {
      this.concurrency.change(this.open.get(id)!, e.at, -1);
      this.open.delete(id);
    }
    if (!here) return;
    const b = this.bucketAt(locationId, e.at);
    if (e.type === "conversation.ended") {
      b.chatsCompleted += 1;
      if (typeof e.data?.durationMs === "number") b.durationsMs.push(e.data?.durationMs);
    } else {
      b.abandoned += 1;
      if (typeof e.data?.waitMs === "number") b.abandonedWaitsMs.push(e.data?.waitMs);
    }
  }

  private wrapUpFiled(e: EventOf<"wrapup.filed">): void {
    const b = this.bucketAt(e.locationId ?? NO_LOCATION, e.at);
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
  }

  private presenceChanged(e: EventOf<"presence.changed">): void {
    if (!e.staffId) return;
    const locationId = e.locationId ?? NO_LOCATION;
    const current = this.shifts.get(e.staffId);
    const onShift = e.data?.status !== "off";
    // Available, break and walk-in are all time on shift; only "off" or another location ends it.
    if (current && (!onShift || current.locationId !== locationId)) {
      addVolunteerTime(current, e.at, this.window, this.bucketAt);
      this.shifts.delete(e.staffId);
    }
    if (onShift && !this.shifts.has(e.staffId)) this.shifts.set(e.staffId, { locationId, since: e.at });
  }

  /** Closes what is still open at the window's end, adds the last feedback answers, and hands the buckets over. */
  finish(): HourBucket[] {
    for (const shift of this.shifts.values()) addVolunteerTime(shift, this.window.to, this.window, this.bucketAt);
    this.concurrency.finish();
    for (const f of this.feedback.values()) {
      if (!this.inWindow(f.at) || (f.helped === undefined && f.wouldReturn === undefined)) continue;
      const b = this.bucketAt(f.locationId, f.at);
      b.feedbackAnswers += 1;
      if (f.helped !== undefined && f.helped >= 1 && f.helped <= 5) b.helped[f.helped - 1]! += 1;
      if (f.wouldReturn === "yes" || f.wouldReturn === "maybe" || f.wouldReturn === "no") b.wouldReturn[f.wouldReturn] += 1;
    }
    return [...this.buckets.values()]
      .filter((b) => !isEmptyBucket(b))
      .sort((a, b) => a.hourStart - b.hourStart || a.locationId.localeCompare(b.locationId));
  }
}

function isLevel(value: unknown): value is FigureLevel {
  return typeof value === "string" && (LEVELS as readonly string[]).includes(value);
}
