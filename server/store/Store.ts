import type { ClaimDebriefResult, Debrief, DebriefMessage } from "../domain/debrief/debrief";
import type { AccessLogStore, SecondFactorStore } from "./AccessStore";
import type { RetentionStore } from "./RetentionStore";
import type { Duty, Escalation } from "../domain/escalation/escalation";
import type { PushSubscriptionRecord } from "../domain/push/push";
import type { HourBucket } from "../domain/figures/buckets";
import type { ReturnCodeRecord } from "../domain/returnCodes/returnCode";
import type { Shift } from "../domain/roster/roster";
import type {
  Conversation,
  DomainEvent,
  Invite,
  Location,
  Message,
  Millis,
  Presence,
  QueueEntry,
  Staff,
  StaffSession,
  WrapUp,
  YouthSession,
} from "../domain/types";

export type ClaimResult =
  | { ok: true; conversation: Conversation }
  | { ok: false; reason: "not_queued" | "not_available" | "at_capacity" | "disconnected" };

export type OpenEscalationResult = { escalation: Escalation; created: boolean; raised: boolean };

export type EndResult =
  | { ok: true; conversation: Conversation }
  | { ok: false; reason: "not_found" | "already_ended" };

export type AppendResult = { message: Message; duplicate: boolean };

export type ClaimEscalationResult =
  | { ok: true; escalation: Escalation }
  | { ok: false; reason: "not_found" | "not_open" };

export type TransferTarget = { staffId: string } | { locationChoice: string };
export type TransferResult =
  | { ok: true; conversation: Conversation }
  | { ok: false; reason: "not_yours" | "not_available" | "at_capacity" };

/**
 * All state of the service. One interface, two implementations (memory, Redis), one contract suite.
 * Methods documented as atomic must stay atomic across server processes.
 */
export interface Store extends SecondFactorStore, AccessLogStore, RetentionStore {
  // Configuration ------------------------------------------------------------------------------
  putLocation(location: Location): Promise<void>;
  listLocations(): Promise<Location[]>;
  putStaff(staff: Staff): Promise<void>;
  getStaff(id: string): Promise<Staff | undefined>;
  getStaffByEmail(email: string): Promise<Staff | undefined>;
  listStaff(): Promise<Staff[]>;

  // Sessions -------------------------------------------------------------------------------------
  /** Staff login sessions; expire `ttlMs` after the last `touch`. */
  putStaffSession(session: StaffSession, ttlMs: number): Promise<void>;
  getStaffSession(sidHash: string): Promise<StaffSession | undefined>;
  deleteStaffSession(sidHash: string): Promise<void>;
  /** Ends every session of one staff member ("log out everywhere", deactivation); resolves how many there were. */
  deleteStaffSessionsOf(staffId: string): Promise<number>;
  /** Anonymous youth sessions, looked up by the hash of their token; expire `ttlMs` after the last put. */
  putYouthSession(session: YouthSession, ttlMs: number): Promise<void>;
  getYouthSession(tokenHash: string): Promise<YouthSession | undefined>;
  /** Ends a youth session at once (quick exit): its token no longer resumes anything. */
  deleteYouthSession(tokenHash: string): Promise<void>;

  // Queue and conversations ----------------------------------------------------------------------
  /** Creates the conversation in status "queued" and puts it in the queue, in one step. */
  enqueue(entry: QueueEntry): Promise<void>;
  /** Every queued conversation, in no particular order (the domain orders them). */
  listQueue(): Promise<QueueEntry[]>;
  getConversation(id: string): Promise<Conversation | undefined>;
  /** Atomic: raises or lowers a queued entry's priority; false when it is no longer queued. */
  setPriority(conversationId: string, priority: number): Promise<boolean>;
  /**
   * Atomic: assigns a queued conversation to a volunteer if it is still queued, the volunteer is
   * available and under capacity. Exactly one of two racing claims for one entry wins.
   */
  claim(conversationId: string, staffId: string, now: Millis): Promise<ClaimResult>;
  /**
   * Atomic, like `claim`, for a professional taking a waiting youth straight from the queue: no
   * presence or capacity, but still queued and connected ("disconnected" otherwise). The
   * professional becomes both the conversation's holder and its joined professional. Of a
   * volunteer's claim and a professional's racing for one entry, exactly one wins.
   */
  claimAsProfessional(conversationId: string, staffId: string, locationId: string, now: Millis): Promise<ClaimResult>;
  /**
   * Marks a queued or active conversation's youth as disconnected since `at`, or connected again
   * (`undefined`). A queued entry marked disconnected is refused by `claim`. True if it changed.
   */
  setYouthDisconnected(conversationId: string, at: Millis | undefined): Promise<boolean>;
  /**
   * Atomic: ends a queued ("abandoned") or active ("ended") conversation, takes it out of the queue
   * and frees the volunteer's slot. Ending twice reports "already_ended". The network and device
   * hashes (`abuseKey`, `deviceKey`) go with it: no limit or block needs them once it is over (a
   * block is written before the conversation ends).
   */
  endConversation(
    conversationId: string,
    end: { at: Millis; by: Conversation["endedBy"]; reason: string },
  ): Promise<EndResult>;
  /** Sets staff-only text fields of a conversation; false if it does not exist. */
  setConversationNotes(conversationId: string, notes: { note?: string; handoverNote?: string }): Promise<boolean>;
  /**
   * Atomic: moves an active conversation from one volunteer to another (who must be available and
   * under capacity) or back into the queue for a location or "any", keeping its original queue
   * time so the youth goes ahead of newcomers. Counts the transfer.
   */
  transfer(conversationId: string, fromStaffId: string, target: TransferTarget, now: Millis): Promise<TransferResult>;
  /**
   * Retention: removes a conversation's transcript and record (messages, notes, nickname). Idempotent;
   * the anonymous domain events stay for the figures. True if anything was there.
   */
  purgeConversation(conversationId: string): Promise<boolean>;
  /** Retention: removes a resolved escalation (its notes and outcome); open or claimed ones stay. True if removed. */
  purgeEscalation(id: string): Promise<boolean>;
  /** Active conversations of one staff member. */
  listActiveFor(staffId: string): Promise<Conversation[]>;
  /** Raises (never lowers) the delivered-up-to mark of one side. */
  markDelivered(conversationId: string, side: "youth" | "staff", upToSeq: number): Promise<void>;

  // Presence -------------------------------------------------------------------------------------
  /** Creates or updates status and capacity; `load` is derived and ignored here. */
  putPresence(presence: Omit<Presence, "load">): Promise<Presence>;
  getPresence(staffId: string): Promise<Presence | undefined>;
  listPresence(): Promise<Presence[]>;

  // Messages -------------------------------------------------------------------------------------
  /**
   * Atomic and idempotent on `message.id`: the first append stores the message with the next seq;
   * a repeat returns the stored message with `duplicate: true` and changes nothing.
   */
  appendMessage(message: Omit<Message, "seq">): Promise<AppendResult>;
  /** Messages with seq greater than `afterSeq`, oldest first. */
  listMessages(conversationId: string, afterSeq: number): Promise<Message[]>;

  // Wrap-ups ---------------------------------------------------------------------------------------
  /** Remembers that a staff member still owes a wrap-up for this conversation. */
  addWrapUpTodo(staffId: string, conversationId: string): Promise<void>;
  listWrapUpTodo(staffId: string): Promise<string[]>;
  /** Stores a wrap-up and clears its to-do; filing twice for one conversation keeps the last. */
  putWrapUp(wrapUp: WrapUp): Promise<void>;
  listWrapUps(sinceMs: Millis): Promise<WrapUp[]>;

  // Escalations and duty -----------------------------------------------------------------------------
  /** A professional on duty for some locations (replaces their earlier duty). */
  putDuty(duty: Duty): Promise<void>;
  removeDuty(staffId: string): Promise<void>;
  listDuty(): Promise<Duty[]>;
  createEscalation(escalation: Escalation): Promise<void>;
  /**
   * Atomic: one unresolved escalation per conversation. If the conversation (not for debriefs) has
   * an unresolved one, it is raised instead (`mergeEscalation`: level up, signals merged) and no
   * second one is made; otherwise `escalation` is created. Racing calls make exactly one.
   */
  openEscalation(escalation: Escalation): Promise<OpenEscalationResult>;
  getEscalation(id: string): Promise<Escalation | undefined>;
  /** Every escalation not yet resolved, in no particular order. */
  listEscalations(): Promise<Escalation[]>;
  /** Records a routing step; false (and nothing written) once it is no longer open. */
  recordOffer(id: string, offer: { offeredTo: string[]; offeredAt: number; unroutedAt?: number }): Promise<boolean>;
  /** Atomic: exactly one of several professionals racing to claim an open escalation wins. */
  claimEscalation(id: string, staffId: string, now: Millis): Promise<ClaimEscalationResult>;
  /** Atomic: a claimed escalation goes back to open (routing starts again), only if `staffId` holds it. */
  releaseEscalation(id: string, staffId: string, now: Millis): Promise<boolean>;
  /** Resolves a claimed escalation; only by the professional who claimed it. */
  resolveEscalation(id: string, staffId: string, resolution: { at: Millis; outcome: string; referral: string }): Promise<boolean>;
  /**
   * Atomic: moves an active conversation from one volunteer (or none) to another (or none),
   * keeping both active sets right; `previousVolunteerId` is remembered for a hand back. No capacity
   * check: this is a professional taking over or handing back, not routing. False if the
   * conversation is not active with `from` as its volunteer.
   */
  reassignVolunteer(conversationId: string, from: string | undefined, to: string | undefined): Promise<boolean>;
  /** The professional taking part in a conversation (joined), or none. */
  setConversationProfessional(conversationId: string, staffId: string | undefined): Promise<boolean>;

  // Abuse blocks -----------------------------------------------------------------------------------
  /** Blocks these keys (hashes, never raw addresses) for `ttlMs`. */
  block(keys: string[], ttlMs: number): Promise<void>;
  isBlocked(keys: string[]): Promise<boolean>;

  // Return codes ---------------------------------------------------------------------------------
  /**
   * Atomic: keeps a return code for `ttlMs` (then it is gone, note and all) and makes it the code of
   * its conversation, forgetting the one taken there before.
   */
  putReturnCode(record: ReturnCodeRecord, ttlMs: number): Promise<void>;
  getReturnCode(codeHash: string): Promise<ReturnCodeRecord | undefined>;
  /** Forgets a code and its note; false if it was not there (any more). */
  deleteReturnCode(codeHash: string): Promise<boolean>;
  /**
   * Keeps the note of the code taken at the end of a conversation in step with the volunteer's
   * later edits ("" removes it); false if that conversation has no live code.
   */
  setReturnCodeNote(conversationId: string, note: string): Promise<boolean>;

  // Events and measurements ------------------------------------------------------------------------
  appendEvent(event: DomainEvent): Promise<void>;
  listEvents(sinceMs: Millis): Promise<DomainEvent[]>;
  /** Keeps the most recent service times (chat durations), newest first, for the wait estimate. */
  recordServiceTime(durationMs: number, at: Millis): Promise<void>;
  recentServiceTimes(): Promise<{ durationMs: number; at: Millis }[]>;

  // Figures: anonymous hourly buckets per location, rolled up from the events; kept after purges ---
  /**
   * Replaces every stored bucket whose hour starts in [fromHour, toHour) with `buckets` (so a
   * recomputed hour that became empty disappears) and records `toHour` as rolled up. Atomic.
   */
  replaceFigureBuckets(fromHour: Millis, toHour: Millis, buckets: HourBucket[]): Promise<void>;
  /** Stored buckets whose hour starts in [fromMs, toMs), oldest first. */
  listFigureBuckets(fromMs: Millis, toMs: Millis): Promise<HourBucket[]>;
  /** The hour (exclusive) up to which buckets are rolled up; 0 before the first rollup. */
  figuresRolledUpTo(): Promise<Millis>;

  // Roster and invites -----------------------------------------------------------------------------
  /** Creates or replaces a shift. */
  putShift(shift: Shift): Promise<void>;
  getShift(id: string): Promise<Shift | undefined>;
  /** True if the shift was there. */
  deleteShift(id: string): Promise<boolean>;
  /** Shifts overlapping [from, to), ordered by start. Shifts are at most MAX_SHIFT_MS long. */
  listShifts(from: Millis, to: Millis): Promise<Shift[]>;
  /** Keeps an invite for `ttlMs`. */
  putInvite(invite: Invite, ttlMs: number): Promise<void>;
  getInvite(tokenHash: string): Promise<Invite | undefined>;
  /** Atomic: returns the invite and deletes it; of two racing takes, one gets it. */
  takeInvite(tokenHash: string): Promise<Invite | undefined>;

  // Push subscriptions (Web Push), per owner (pushOwner.staff / pushOwner.youth) ----------------------
  /**
   * Keeps a device's subscription for an owner (the same endpoint replaces the earlier one); with
   * `ttlMs`, every subscription of that owner is gone after it (a youth's, while they wait).
   */
  putPushSubscription(owner: string, subscription: PushSubscriptionRecord, ttlMs?: number): Promise<void>;
  listPushSubscriptions(owner: string): Promise<PushSubscriptionRecord[]>;
  /** False if it was not there. */
  deletePushSubscription(owner: string, endpoint: string): Promise<boolean>;
  /** Forgets every device of an owner; resolves how many there were. */
  deletePushSubscriptionsOf(owner: string): Promise<number>;

  // Debriefs: a volunteer's "praat even na" and its staff-only thread ------------------------------
  createDebrief(debrief: Debrief): Promise<void>;
  getDebrief(id: string): Promise<Debrief | undefined>;
  /** Every stored debrief (closed ones until retention purges them), in no particular order. */
  listDebriefs(): Promise<Debrief[]>;
  /** Atomic: exactly one of several professionals racing to take an open debrief wins. */
  claimDebrief(id: string, staffId: string, now: Millis): Promise<ClaimDebriefResult>;
  /** Closes it unless already closed; the closed debrief, or undefined if it was closed already (or does not exist). */
  closeDebrief(id: string, now: Millis): Promise<Debrief | undefined>;
  /** Atomic and idempotent on `message.id`, like appendMessage; undefined if the debrief does not exist. */
  appendDebriefMessage(message: Omit<DebriefMessage, "seq">): Promise<{ message: DebriefMessage; duplicate: boolean } | undefined>;
  listDebriefMessages(debriefId: string): Promise<DebriefMessage[]>;
  /** Retention: removes a debrief and its thread. True if anything was there. */
  purgeDebrief(id: string): Promise<boolean>;

  // Coordination -----------------------------------------------------------------------------------
  /** A lease that one process holds at a time (periodic jobs); true if `owner` holds it now. */
  tryLease(name: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Gives a lease back early, if `owner` still holds it. */
  releaseLease(name: string, owner: string): Promise<void>;

  /**
   * Health: resolves when the backing store answers and accepts a write. A Redis at `maxmemory`
   * (noeviction) still answers PING but refuses every write, which is an outage for the service.
   */
  ping(): Promise<void>;
  /** How full the backing store is, for /metrics and its alert; undefined when it has no memory limit of its own. */
  memoryUse(): Promise<{ usedBytes: number; maxBytes: number } | undefined>;
  close(): Promise<void>;
}

/** How many recent service times are kept for the estimate. */
export const SERVICE_TIME_WINDOW = 30;
