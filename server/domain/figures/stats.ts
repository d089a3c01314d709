import type { Distribution } from "../../../shared/protocol/figures";

/** Nearest-rank percentile (p in 0..1) of ascending samples: always one of the samples, never interpolated. */
function percentileOfSorted(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1]!;
}

/** Nearest-rank percentile (p in 0..1) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number | null {
  return percentileOfSorted(Float64Array.from(samples).sort(), p);
}

/** Count, median and 90th percentile; one numeric sort (a typed array sorts without a comparator). */
export function distribution(samples: readonly number[]): Distribution {
  const sorted = Float64Array.from(samples).sort();
  return { count: sorted.length, p50Ms: percentileOfSorted(sorted, 0.5), p90Ms: percentileOfSorted(sorted, 0.9) };
}
