import type { Millis } from "../../domain/clock";
import type { DomainEvent, StoredEvent } from "../../domain/domainEvents";

/** How many recent service times are kept for the estimate. */
export const SERVICE_TIME_WINDOW = 30;

/** The anonymous domain events the figures are made of, and recent chat lengths for the wait estimate. */
export interface EventStore {
  appendEvent(event: DomainEvent): Promise<void>;
  /** Events since `sinceMs`, oldest first, as stored (an earlier version may have written fewer fields). */
  listEvents(sinceMs: Millis): Promise<StoredEvent[]>;
  /**
   * One conversation's events, oldest first (an index kept by `appendEvent`, gone with
   * `purgeConversation`): what a chat's wrap-up reads, instead of the whole log since it began.
   */
  listEventsOf(conversationId: string): Promise<StoredEvent[]>;
  /** Retention: removes every event of the log older than `before` (not the per-conversation lists); resolves how many. */
  purgeEventsBefore(before: Millis): Promise<number>;
  /** Keeps the most recent service times (chat durations), newest first, for the wait estimate. */
  recordServiceTime(durationMs: number, at: Millis): Promise<void>;
  recentServiceTimes(): Promise<{ durationMs: number; at: Millis }[]>;
}
