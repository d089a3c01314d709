import type { AgeBand, ConversationStatus, PresenceStatus, Role, StaffRole, SystemEvent, Topic } from "../../shared/protocol";

/** Milliseconds since the epoch. Every time in the domain is one of these, taken from a Clock. */
export type Millis = number;

/** Injected everywhere time matters, so tests can move it. */
export interface Clock {
  now(): Millis;
}

export const systemClock: Clock = { now: () => Date.now() };

export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";
export const WEEKDAYS: readonly Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/** Local wall-clock window, "HH:MM" to "HH:MM" (end may be "24:00"), in the location's time zone. */
export interface TimeWindow {
  start: string;
  end: string;
}

/** A date (local, "YYYY-MM-DD") whose hours differ from the week: a holiday (no windows) or extra hours. */
export interface OpeningException {
  date: string;
  windows: TimeWindow[];
  note?: string;
}

export interface Location {
  id: string;
  name: string;
  timeZone: string;
  weeklyHours: Record<Weekday, TimeWindow[]>;
  exceptions: OpeningException[];
  /** After this long, a youth who chose this location may be taken by any location's volunteer. */
  overflowSeconds: number;
  /**
   * A youth whose topic matches a booster training is kept this long for volunteers who hold it
   * (never a flagged youth). Absent in records from before skill routing: treat as the default.
   */
  skillWindowSeconds?: number;
  /** Volunteers here get youths pushed to them instead of pressing "take next". */
  autoAssign: boolean;
  /** Canned responses volunteers insert by typing "/" and a few letters. */
  snippets: Snippet[];
  /** Topics a wrap-up can name (keys of the shared topic list). */
  wrapUpTopics: string[];
  /** Volunteers of this location must log in with a second factor too (coordinators and professionals always do). */
  volunteerSecondFactor?: boolean;
}

export interface Snippet {
  key: string;
  lang: "nl" | "en";
  text: string;
}

export interface Staff {
  id: string;
  email: string;
  displayName: string;
  role: StaffRole;
  locationId: string;
  passwordHash: string;
  active: boolean;
  skills: string[];
  /**
   * For coordinators: the locations they run. "all" is a national coordinator; absent means their
   * home location only.
   */
  manages?: string[] | "all";
  /**
   * For professionals: locations besides their home location they may go on duty for, set by a
   * coordinator who runs each of them. Absent means their home location only.
   */
  covers?: string[];
  /** Set while an invite is outstanding: the hash of the only invite token that may set the password. */
  inviteTokenHash?: string;
}

/** A conversation from queue entry to end. While `status` is "queued" it is the queue entry. */
export interface Conversation {
  id: string;
  youthId: string;
  status: ConversationStatus;
  /** What the youth chose: a location id or "any". */
  locationChoice: string;
  /** The location of the volunteer who took it. */
  locationId?: string;
  priority: number;
  queuedAt: Millis;
  assignedAt?: Millis;
  endedAt?: Millis;
  endedBy?: Role | "system";
  endReason?: string;
  volunteerId?: string;
  nickname?: string;
  ageBand?: AgeBand;
  topic?: Topic;
  /** The language of the youth's page when they joined. */
  lang?: "nl" | "en";
  lastSeq: number;
  youthDeliveredSeq: number;
  staffDeliveredSeq: number;
  /** The volunteer's internal note: staff only, never shown to the youth. */
  note?: string;
  /** What the previous volunteer wrote when transferring. */
  handoverNote?: string;
  transfers?: number;
  /** The volunteer a professional took the conversation over from, for handing it back. */
  previousVolunteerId?: string;
  /** A professional who joined the conversation (the youth sees "a professional joined"). */
  professionalId?: string;
  /** The youth session's network key at queue time, for the per-network limits while it waits. */
  abuseKey?: string;
  /** The youth session's device key (keyed hash of the browser's random id), so a block reaches that browser. */
  deviceKey?: string;
  /**
   * Set while the youth's page is disconnected (since when); absent while connected. A waiting youth
   * keeps their place but is never handed to anyone meanwhile.
   */
  disconnectedAt?: Millis;
  /** The youth came back with a return code: its volunteer is offered them first, for a while. */
  returning?: boolean;
  preferredStaffId?: string;
  /** The preferred volunteer's own note from last time, only if the youth agreed to share it. */
  returnNote?: string;
}

export type QueueEntry = Conversation & { status: "queued" };

/** A staff member's availability; `load` is derived by the store from their active conversations. */
export interface Presence {
  staffId: string;
  locationId: string;
  status: PresenceStatus;
  capacity: number;
  /** When the volunteer last got a conversation; "whoever is free first" prefers the longest idle. */
  lastAssignedAt: Millis;
  /** When the status last changed (start of the shift, the break, the walk-in). */
  since: Millis;
  load: number;
}

export interface Message {
  id: string;
  conversationId: string;
  seq: number;
  senderRole: Role;
  /** Staff id for staff; absent for youths, who have no identity beyond the session. */
  senderId?: string;
  senderName?: string;
  text: string;
  sentAt: Millis;
  /** "staff": a whisper or consult inside the conversation, never sent to the youth. */
  visibility?: "staff";
  /** A transcript event for staff (joined, took over, ended, page closed…); always staff-only. */
  system?: SystemEvent;
}

export interface YouthSession {
  youthId: string;
  tokenHash: string;
  /** Keyed hash (key rotates daily) of where the youth connects from; used only for per-network limits. */
  abuseKey?: string;
  /** Keyed hash of the random device id the youth page keeps in its storage; a block holds it out. */
  deviceKey?: string;
  createdAt: Millis;
  lastSeenAt: Millis;
  conversationId?: string;
}

/** A one-time link to set a password; only the latest invite of a staff member works. */
export interface Invite {
  tokenHash: string;
  staffId: string;
  invitedBy?: string;
  expiresAt: Millis;
}

export interface StaffSession {
  sidHash: string;
  staffId: string;
  createdAt: Millis;
  lastSeenAt: Millis;
  /**
   * Set between the password and the second factor: such a session opens nothing but the
   * second-factor routes ("code": a code is due; "enrol": the staff member must enrol first).
   */
  pending?: "code" | "enrol";
  /** During enrolment: the new TOTP secret, sealed, until a first code confirms it. */
  enrolSecret?: string;
  /** Wrong codes given in this pending session. */
  codeAttempts?: number;
}

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

export const REFERRALS = ["none", "gp", "mental-health-care", "113", "other"] as const;
export type Referral = (typeof REFERRALS)[number];

/** The volunteer's short registration after a chat or a walk-in. Anonymous: no youth detail. */
export interface WrapUp {
  id: string;
  kind: "chat" | "walk-in";
  staffId: string;
  locationId: string;
  conversationId?: string;
  topics: string[];
  referral: Referral;
  rating: number;
  debrief: boolean;
  durationMs: number;
  transfers: number;
  escalations: number;
  /** The volunteer's judgement of the highest risk in the chat (absent: not given). */
  riskJudgement?: "none" | "concern" | "high";
  at: Millis;
}
