import type { Distribution } from "../../../shared/protocol/figures";

/** Nearest-rank percentile (p in 0..1) of unsorted samples: always one of the samples, never interpolated. */
export function percentile(samples: readonly number[], p: number): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1]!;
}

export function distribution(samples: readonly number[]): Distribution {
  return { count: samples.length, p50Ms: percentile(samples, 0.5), p90Ms: percentile(samples, 0.9) };
}
