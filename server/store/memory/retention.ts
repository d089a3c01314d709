import type { Millis } from "../../domain/clock";
import type { RetentionStore } from "../Store";
import type { MemoryState } from "./state";

/**
 * The retention index and escalations by conversation. In memory: no method awaits, so each is atomic
 * on Node's one thread.
 */
export function memoryRetention(state: MemoryState): RetentionStore {
  return {
    // Retention index and escalations by conversation (see RetentionStore.ts) --------------------------
    async listEndedBefore(before: Millis, limit: number): Promise<string[]> {
      return [...state.endedAt]
        .filter(([, at]) => at < before)
        .sort((a, b) => a[1] - b[1])
        .slice(0, limit)
        .map(([id]) => id);
    },
    async forgetEnded(conversationIds: string[]): Promise<void> {
      for (const id of conversationIds) state.endedAt.delete(id);
    },
    async purgeEscalationsOf(conversationId: string): Promise<number> {
      let removed = 0;
      for (const [id, e] of state.escalations) if (e.conversationId === conversationId && state.escalations.delete(id)) removed += 1;
      return removed;
    },
  };
}
