import type { Clock } from "../domain/clock";

/** For periodic jobs on the tick: true at most once per `everyMs` (the first call always). */
export function atMostEvery(clock: Clock, everyMs: number): () => boolean {
  let lastRun = Number.NEGATIVE_INFINITY;
  return () => {
    const now = clock.now();
    if (now - lastRun < everyMs) return false;
    lastRun = now;
    return true;
  };
}
