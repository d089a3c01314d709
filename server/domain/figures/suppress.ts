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

/**
 * A count as it leaves the service, safe against differencing: 0 stays "0", 1–4 is "<5", and 5 or
 * more is rounded down to a multiple of five ("10" means 10 to 14), totals too. With exact totals a
 * suppressed cell is the total minus the others; with every figure rounded down, at least two
 * values of 1–4 fit what is published (`suppress.test.ts` tries every table it can). Where the
 * group's own total is 1–4, a zero is "<5" as well: otherwise four cells of "<5" under a total of
 * "<5" could only be 1 each.
 */
export function publishCount(n: number, groupTotal?: number): string {
  if (n === 0) return groupTotal !== undefined && groupTotal > 0 && groupTotal < SMALL_COUNT_LIMIT ? SUPPRESSED_COUNT : "0";
  if (n < SMALL_COUNT_LIMIT) return SUPPRESSED_COUNT;
  return String(SMALL_COUNT_LIMIT * Math.floor(n / SMALL_COUNT_LIMIT));
}
