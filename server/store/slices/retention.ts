import type { Millis } from "../../domain/clock";

/**
 * What retention and erasure need beyond the transcript itself: an ended-at index and escalations by
 * conversation.
 */
export interface RetentionStore {
  /**
   * Conversations that ended or were abandoned before `before`, oldest first, at most `limit`: the
   * index the retention job reads instead of the event log. Kept by `endConversation`.
   */
  listEndedBefore(before: Millis, limit: number): Promise<string[]>;
  /** Takes purged conversations out of the ended index. */
  forgetEnded(conversationIds: string[]): Promise<void>;
  /**
   * Removes every escalation of one conversation whatever its status (open, claimed, resolved):
   * notes, outcomes, and its place among the unresolved ones, so it alerts nobody any more.
   * Resolves how many went.
   */
  purgeEscalationsOf(conversationId: string): Promise<number>;
}
