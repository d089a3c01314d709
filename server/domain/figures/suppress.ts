/**
 * The "<5" rule for what leaves the service: a count of 1–4 could single out a youth at a small
 * location, so it is written "<5"; 0 stays 0 (nothing happened reveals nobody).
 */
export const SMALL_COUNT_LIMIT = 5;
export const SUPPRESSED_COUNT = "<5";
/** A median or mean over fewer than five chats or answers is nearly one youth's own figure. */
export const SUPPRESSED_DERIVED = "n<5";

export function suppressCount(n: number): string {
  return n > 0 && n < SMALL_COUNT_LIMIT ? SUPPRESSED_COUNT : String(n);
}

/**
 * A figure derived from `basedOn` observations (a percentile, a mean): empty when there were none,
 * "n<5" when there were too few to publish, else the formatted value.
 */
export function suppressDerived(value: number | null, basedOn: number, format: (v: number) => string): string {
  if (value === null || basedOn === 0) return "";
  if (basedOn < SMALL_COUNT_LIMIT) return SUPPRESSED_DERIVED;
  return format(value);
}
