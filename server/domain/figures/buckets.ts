import type { Millis } from "../clock";

export const HOUR_MS = 3_600_000;

/** Escalation levels as the figures count them. */
export type FigureLevel = "consult" | "urgent" | "crisis";
export const LEVELS: readonly FigureLevel[] = ["consult", "urgent", "crisis"];

/**
 * What happened at one location in one clock hour (UTC hour start; whole-hour zones map it onto one
 * local hour). Counts add up across buckets; waits and durations are kept as samples so a median
 * over any period stays exact. Anonymous by construction: numbers only, no ids.
 */
export interface HourBucket {
  locationId: string;
  hourStart: Millis;
  chatsStarted: number;
  chatsCompleted: number;
  abandoned: number;
  returning: number;
  waitsMs: number[];
  abandonedWaitsMs: number[];
  durationsMs: number[];
  escalations: Record<FigureLevel, number>;
  claimMs: Record<FigureLevel, number[]>;
  unrouted: number;
  debriefs: number;
  topics: Record<string, number>;
  referrals: Record<string, number>;
  wrapUpsChat: number;
  wrapUpsWalkIn: number;
  /** Minutes of the walk-in talks registered this hour, and their topics (also counted in `topics`). */
  walkInMinutes: number;
  walkInTopics: Record<string, number>;
  /** Youths who answered the feedback questions (either or both). */
  feedbackAnswers: number;
  /** "Did this help?" answers 1..5 (index 0 is 1). */
  helped: number[];
  wouldReturn: Record<"yes" | "maybe" | "no", number>;
  volunteerMs: number;
  peakConcurrent: number;
  /** Chat wrap-ups with the volunteer's risk judgement, and how the triage compared (see RiskAgreement). */
  risk: RiskAgreement;
}

/**
 * The risk triage against the volunteer's own judgement of the highest risk in a chat (from the
 * wrap-up): how many chats were judged, how many the volunteer judged high, how many of those the
 * triage had flagged high (its recall), and how many it flagged high that the volunteer judged none.
 */
export interface RiskAgreement {
  judged: number;
  volunteerHigh: number;
  bothHigh: number;
  scorerHighVolunteerNone: number;
}

export function emptyRiskAgreement(): RiskAgreement {
  return { judged: 0, volunteerHigh: 0, bothHigh: 0, scorerHighVolunteerNone: 0 };
}

export function emptyBucket(locationId: string, hourStart: Millis): HourBucket {
  return {
    locationId,
    hourStart,
    chatsStarted: 0,
    chatsCompleted: 0,
    abandoned: 0,
    returning: 0,
    waitsMs: [],
    abandonedWaitsMs: [],
    durationsMs: [],
    escalations: { consult: 0, urgent: 0, crisis: 0 },
    claimMs: { consult: [], urgent: [], crisis: [] },
    unrouted: 0,
    debriefs: 0,
    topics: {},
    referrals: {},
    wrapUpsChat: 0,
    wrapUpsWalkIn: 0,
    walkInMinutes: 0,
    walkInTopics: {},
    feedbackAnswers: 0,
    helped: [0, 0, 0, 0, 0],
    wouldReturn: { yes: 0, maybe: 0, no: 0 },
    volunteerMs: 0,
    peakConcurrent: 0,
    risk: emptyRiskAgreement(),
  };
}

export function hourStartOf(at: Millis): Millis {
  return Math.floor(at / HOUR_MS) * HOUR_MS;
}

/** True when nothing at all happened in this bucket; such buckets are not stored. */
/** A bucket as stored, completed with the fields added since it was rolled up (they count as zero). */
export function completeBucket(stored: HourBucket): HourBucket {
  return { ...emptyBucket(stored.locationId, stored.hourStart), ...stored };
}

export function isEmptyBucket(b: HourBucket): boolean {
  return (
    b.chatsStarted +
      b.chatsCompleted +
      b.abandoned +
      b.unrouted +
      b.debriefs +
      b.wrapUpsChat +
      b.wrapUpsWalkIn +
      b.volunteerMs +
      b.peakConcurrent +
      b.feedbackAnswers ===
      0 && LEVELS.every((l) => b.escalations[l] === 0 && b.claimMs[l].length === 0)
  );
}
