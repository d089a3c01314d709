import type { Millis } from "../clock";
import { HOUR_MS, type HourBucket, hourStartOf } from "./buckets";

/**
 * A volunteer who closed the laptop on a break never sends "off"; an interval on shift counts for
 * at most this long, so one forgotten status does not add days of volunteer hours.
 */
export const MAX_SHIFT_MS = 12 * HOUR_MS;

/** A volunteer's stretch on shift at one location, since when. */
export interface Shift {
  locationId: string;
  since: Millis;
}

/** Where time is counted: an hour's bucket of a location. */
export type BucketAt = (locationId: string, at: Millis) => HourBucket;

/** Splits one stretch on shift over the hours it covers, clipped to the window and the cap. */
export function addVolunteerTime(shift: Shift, end: Millis, window: { from: Millis; to: Millis }, bucketAt: BucketAt): void {
  const start = Math.max(shift.since, window.from);
  const stop = Math.min(end, shift.since + MAX_SHIFT_MS, window.to);
  for (let t = start; t < stop; ) {
    const next = Math.min(hourStartOf(t) + HOUR_MS, stop);
    bucketAt(shift.locationId, t).volunteerMs += next - t;
    t = next;
  }
}

/**
 * Open chats per location over time; each hour in the window records the most that were open at
 * once, including chats carried over from the hour before.
 */
export class ConcurrencyTracker {
  private readonly open = new Map<string, number>();
  private readonly lastHour = new Map<string, Millis>();

  constructor(
    private readonly from: Millis,
    private readonly to: Millis,
    private readonly bucketAt: BucketAt,
  ) {}

  change(locationId: string, at: Millis, delta: number): void {
    this.carry(locationId, at);
    const n = Math.max(0, (this.open.get(locationId) ?? 0) + delta);
    this.open.set(locationId, n);
    this.record(locationId, at, n);
  }

  finish(): void {
    for (const locationId of this.open.keys()) this.carry(locationId, this.to - 1);
  }

  /** Hours passed without a change still had the chats that were open. */
  private carry(locationId: string, at: Millis): void {
    const n = this.open.get(locationId) ?? 0;
    const last = this.lastHour.get(locationId);
    const target = hourStartOf(at);
    if (n > 0 && last !== undefined) for (let h = last + HOUR_MS; h <= target; h += HOUR_MS) this.record(locationId, h, n);
    this.lastHour.set(locationId, target);
  }

  private record(locationId: string, at: Millis, n: number): void {
    if (n === 0 || at < this.from || at >= this.to) return;
    const b = this.bucketAt(locationId, at);
    b.peakConcurrent = Math.max(b.peakConcurrent, n);
  }
}
