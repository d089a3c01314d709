import type { Millis } from "../../domain/clock";
import type { HourBucket } from "../../domain/figures/buckets";

/** Anonymous hourly buckets per location, rolled up from the events; kept after purges. */
export interface FigureStore {
  /**
   * Replaces every stored bucket whose hour starts in [fromHour, toHour) with `buckets` (so a
   * recomputed hour that became empty disappears) and records `toHour` as rolled up. Atomic.
   */
  replaceFigureBuckets(fromHour: Millis, toHour: Millis, buckets: HourBucket[]): Promise<void>;
  /** Stored buckets whose hour starts in [fromMs, toMs), oldest first. */
  listFigureBuckets(fromMs: Millis, toMs: Millis): Promise<HourBucket[]>;
  /** The hour (exclusive) up to which buckets are rolled up; 0 before the first rollup. */
  figuresRolledUpTo(): Promise<Millis>;
}
