import type { Millis } from "../../domain/clock";
import type { Conversation, QueueEntry } from "../../domain/conversation";

export type ClaimResult =
  | { ok: true; conversation: Conversation }
  | { ok: false; reason: "not_queued" | "not_available" | "at_capacity" | "disconnected" };

export type EndResult = { ok: true; conversation: Conversation } | { ok: false; reason: "not_found" | "already_ended" };

export type TransferTarget = { staffId: string } | { locationChoice: string };
export type TransferResult =
  | { ok: true; conversation: Conversation }
  | { ok: false; reason: "not_yours" | "not_available" | "at_capacity" };

/**
 * The queue and the conversations in it and after it: who holds which chat. Methods documented as
 * atomic stay atomic across server processes.
 */
export interface ConversationStore {
  /** Creates the conversation in status "queued" and puts it in the queue, in one step. */
  enqueue(entry: QueueEntry): Promise<void>;
  /** Every queued conversation, in no particular order (the domain orders them). */
  listQueue(): Promise<QueueEntry[]>;
  /**
   * The conversation with its `lastSeq`; with `{ lastSeq: false }` its `lastSeq` may be stale (0 on
   * Redis): one read instead of two, for a caller that does not need it (a message being sent).
   */
  getConversation(id: string, options?: { lastSeq?: boolean }): Promise<Conversation | undefined>;
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
  endConversation(conversationId: string, end: { at: Millis; by: Conversation["endedBy"]; reason: string }): Promise<EndResult>;
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
  /** Active conversations of one staff member. */
  listActiveFor(staffId: string): Promise<Conversation[]>;
  /**
   * Raises (never lowers) the delivered-up-to mark of one side, never past the last message.
   * Resolves `upToSeq` capped at the last message's seq (0 when the conversation is gone): what the
   * reader confirmed, whether or not it raised the mark.
   */
  markDelivered(conversationId: string, side: "youth" | "staff", upToSeq: number): Promise<number>;
  /**
   * Atomic: moves an active conversation from one holder (or none) to another (or none),
   * keeping both active sets right; `previousVolunteerId` is remembered for a hand back. No capacity
   * check: this is a professional taking over or handing back, not routing. False if the
   * conversation is not active with `from` as its holder.
   */
  reassignHolder(conversationId: string, from: string | undefined, to: string | undefined): Promise<boolean>;
  /** The professional taking part in a conversation (joined), or none. */
  setConversationProfessional(conversationId: string, staffId: string | undefined): Promise<boolean>;
}
