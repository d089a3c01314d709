import type { Millis } from "../../domain/clock";
import type { DomainEvent, StoredEvent } from "../../domain/domainEvents";
import { type EventStore, SERVICE_TIME_WINDOW } from "../Store";
import type { MemoryState } from "./state";

/**
 * The anonymous domain events the figures are made of, and recent chat lengths for the wait estimate.
 * In memory: no method awaits, so each is atomic on Node's one thread.
 */
export function memoryEvents(state: MemoryState): EventStore {
  return {
    async appendEvent(event: DomainEvent): Promise<void> {
      state.events.push(structuredClone(event));
      if (event.conversationId) {
        let list = state.eventsOf.get(event.conversationId);
        if (!list) state.eventsOf.set(event.conversationId, (list = []));
        list.push(structuredClone(event));
      }
    },
    async purgeEventsBefore(before: Millis): Promise<number> {
      const kept = state.events.filter((e) => e.at >= before);
      const removed = state.events.length - kept.length;
      state.events.splice(0, state.events.length, ...kept);
      return removed;
    },
    async listEventsOf(conversationId: string): Promise<StoredEvent[]> {
      return (state.eventsOf.get(conversationId) ?? []).map((e) => structuredClone(e));
    },
    async listEvents(sinceMs: Millis): Promise<StoredEvent[]> {
      return state.events.filter((e) => e.at >= sinceMs).map((e) => structuredClone(e));
    },
    async recordServiceTime(durationMs: number, at: Millis): Promise<void> {
      state.serviceTimes = [{ durationMs, at }, ...state.serviceTimes].slice(0, SERVICE_TIME_WINDOW);
    },
    async recentServiceTimes(): Promise<{ durationMs: number; at: Millis }[]> {
      return state.serviceTimes.map((s) => ({ ...s }));
    },
  };
}
