import type { Millis } from "../../domain/clock";
import type { HourBucket } from "../../domain/figures/buckets";
import type { FigureStore } from "../Store";
import type { MemoryState } from "./state";

/**
 * Anonymous hourly buckets per location, rolled up from the events; kept after purges. In memory: no
 * method awaits, so each is atomic on Node's one thread.
 */
export function memoryFigures(state: MemoryState): FigureStore {
  return {
    async replaceFigureBuckets(fromHour: Millis, toHour: Millis, buckets: HourBucket[]): Promise<void> {
      const kept = state.figureBuckets.filter((b) => b.hourStart < fromHour || b.hourStart >= toHour);
      state.figureBuckets = [...kept, ...buckets.map((b) => structuredClone(b))].sort((a, b) => a.hourStart - b.hourStart);
      state.rolledUpTo = toHour;
    },
    async listFigureBuckets(fromMs: Millis, toMs: Millis): Promise<HourBucket[]> {
      return state.figureBuckets.filter((b) => b.hourStart >= fromMs && b.hourStart < toMs).map((b) => structuredClone(b));
    },
    async figuresRolledUpTo(): Promise<Millis> {
      return state.rolledUpTo;
    },
  };
}
