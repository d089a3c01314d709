import type { DomainEvent, Millis } from "../../domain/types";

/** How many recent service times are kept for the estimate. */
export const SERVICE_TIME_WINDOW = 30;

/** The anonymous domain events the figures are made of, and recent chat lengths for the wait estimate. */
export interface EventStore {
  appendEvent(event: DomainEvent): Promise<void>;
  listEvents(sinceMs: Millis): Promise<DomainEvent[]>;
  /** Keeps the most recent service times (chat durations), newest first, for the wait estimate. */
  recordServiceTime(durationMs: number, at: Millis): Promise<void>;
  recentServiceTimes(): Promise<{ durationMs: number; at: Millis }[]>;
}
