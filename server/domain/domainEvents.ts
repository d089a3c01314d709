/** The audit log's events: every kind, what each carries, and how they read back. */
import type { Millis } from "./clock";

export const DOMAIN_EVENT_TYPES = [
  "conversation.queued",
  "conversation.assigned",
  "conversation.message",
  "conversation.ended",
  "conversation.abandoned",
  "conversation.feedback",
  "presence.changed",
  "conversation.transferred",
  "conversation.blocked",
  "debrief.requested",
  "debrief.claimed",
  "debrief.closed",
  "wrapup.filed",
  "escalation.raised",
  /** A second call about a conversation raised its open escalation's level (no second escalation). */
  "escalation.levelRaised",
  "escalation.offered",
  "escalation.unrouted",
  "escalation.claimed",
  "escalation.resolved",
  "escalation.released",
  "duty.changed",
  "professional.joined",
  "professional.tookOver",
  "professional.handedBack",
  "risk.flagged",
  /** A waiting youth whose page was gone longer than the grace time left the queue (data.flagged). */
  "queue.swept",
  "location.created",
  "location.changed",
  "staff.invited",
  "staff.joined",
  "staff.changed",
  "staff.deactivated",
  "staff.reactivated",
  "shift.added",
  "shift.removed",
] as const;
export type DomainEventType = (typeof DOMAIN_EVENT_TYPES)[number];

/**
 * What each kind of event carries beside its ids: flat numbers, words and flags (lists are
 * comma-joined), never message text. `undefined`: the ids and the time say it all.
 */
export interface DomainEventData {
  "conversation.queued": { ageBand: string; topic: string; returning?: boolean };
  "conversation.assigned": { waitMs: number; priority: number };
  /** Written until 2026-12: one per message. No longer recorded (the log is not a message counter). */
  "conversation.message": { role: string; seq: number };
  "conversation.ended": { durationMs: number; endedBy: string; reason: string };
  "conversation.abandoned": { waitMs: number; reason: string };
  "conversation.feedback": { helped?: number; wouldReturn?: string };
  "presence.changed": { status: string; capacity: number; reason?: string };
  "conversation.transferred": { to: "volunteer" } | { to: "queue"; locationChoice: string };
  "conversation.blocked": undefined;
  "debrief.requested": { debriefId: string };
  "debrief.claimed": { debriefId: string; timeToClaimMs: number };
  "debrief.closed": { debriefId: string };
  "wrapup.filed": {
    kind: "chat" | "walk-in";
    referral: string;
    rating: number;
    /** Topic keys, comma-joined. */
    topics: string;
    /** A walk-in's length. */
    minutes?: number;
    /** The volunteer's judgement of the highest risk and the triage's highest level (chats only). */
    riskJudgement?: string;
    scorerRisk?: string;
  };
  "escalation.raised": { level: string; source: string; escalationId: string };
  "escalation.levelRaised": { level: string; source: string; escalationId: string };
  "escalation.offered": { level: string; source: string };
  "escalation.unrouted": { level: string; source: string };
  "escalation.claimed": { level: string; timeToClaimMs: number; source: string };
  "escalation.resolved": { referral: string; escalationId: string };
  "escalation.released": undefined;
  "duty.changed": { onDuty: boolean; locations?: string; source?: string };
  "professional.joined": undefined;
  "professional.tookOver": undefined;
  "professional.handedBack": undefined;
  /** Signal ids comma-joined. */
  "risk.flagged": { level: string; signals: string; acute: boolean };
  "queue.swept": { flagged: boolean; waitMs: number };
  "location.created": undefined;
  "location.changed": undefined;
  "staff.invited": { by: string; role: string };
  "staff.joined": undefined;
  "staff.changed": { by: string; role: string };
  "staff.deactivated": { by: string; role: string };
  "staff.reactivated": { by: string; role: string };
  "shift.added": { by: string; role: string; start: number; end: number };
  "shift.removed": { by: string };
}

interface EventIds {
  at: Millis;
  conversationId?: string;
  locationId?: string;
  staffId?: string;
}

/** One kind of event: its type, its ids, and the data of that type (none when it has none). */
export type DomainEventOf<T extends DomainEventType> = EventIds & { type: T } & (DomainEventData[T] extends undefined
    ? { data?: undefined }
    : { data: DomainEventData[T] });

/**
 * An audit record of one transition, as a union discriminated by `type`: a `switch (e.type)` knows
 * the shape of `e.data`. Carries ids and numbers, never message text.
 */
export type DomainEvent = { [T in DomainEventType]: DomainEventOf<T> }[DomainEventType];

/**
 * An event as it is read back: written by this version or an earlier one, so any field of its data
 * may be missing. What reads the log (the figures) takes these and checks each field it counts.
 */
export type StoredEvent = {
  [T in DomainEventType]: EventIds & { type: T; data?: Partial<NonNullable<DomainEventData[T]>> };
}[DomainEventType];
