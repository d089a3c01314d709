import { aggregateEvents, WARM_UP_MS } from "../domain/figures/aggregate";
import { HOUR_MS, hourStartOf } from "../domain/figures/buckets";
import type { EventStore, FigureStore } from "../store/Store";
import type { ServiceDeps } from "./context";
import { atMostEvery } from "./throttle";

/** How often the periodic pass rolls the finished hours up. */
export const ROLLUP_EVERY_MS = 5 * 60_000;

/**
 * Hours behind the mark that every pass computes again: some facts land after their hour has been
 * rolled up (a youth changing a feedback answer, a shift still running), and recomputing is cheap.
 */
export const RECOMPUTE_MS = 24 * HOUR_MS;

/**
 * Keeps the anonymous figures as hourly buckets per location, so a dashboard reads a few thousand
 * buckets instead of every event of the period (docs/ARCHITECTURE.md, "Figures"). Runs on the tick
 * process only; each pass replaces whole hours, so running twice is harmless.
 */
export class FiguresRollup {
  private readonly due: () => boolean;

  constructor(
    private readonly deps: ServiceDeps<EventStore & FigureStore>,
    everyMs = ROLLUP_EVERY_MS,
  ) {
    this.due = atMostEvery(deps.clock, everyMs);
  }

  /** Runs at most once per `everyMs`; returns how many buckets it wrote. */
  async maybeRun(): Promise<number> {
    return this.due() ? this.run() : 0;
  }

  /** Rolls up every finished hour since the mark (the first pass: since the first event). */
  async run(): Promise<number> {
    const { store, clock, log } = this.deps;
    const upTo = hourStartOf(clock.now());
    const mark = await store.figuresRolledUpTo();
    const events = await store.listEvents(mark === 0 ? 0 : mark - RECOMPUTE_MS - WARM_UP_MS);
    const first = events.reduce((min, e) => Math.min(min, e.at), Infinity);
    const from = mark === 0 ? Math.min(hourStartOf(Number.isFinite(first) ? first : upTo), upTo) : Math.min(mark - RECOMPUTE_MS, upTo);
    const buckets = aggregateEvents(events, { from, to: upTo });
    await store.replaceFigureBuckets(from, upTo, buckets);
    log.info({ event: "figures.rolledUp", hours: (upTo - from) / HOUR_MS, buckets: buckets.length }, "figures rolled up");
    return buckets.length;
  }
}
