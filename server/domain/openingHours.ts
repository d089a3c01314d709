import type { Millis } from "./clock";
import { type Location, type TimeWindow, WEEKDAYS } from "./location";

const DAY_MS = 86_400_000;
/** How far ahead nextChangeAt looks before giving up. */
const HORIZON_MS = 14 * DAY_MS;

export interface Interval {
  start: Millis;
  end: Millis;
}

/** One location's state at an instant, as shown to youths and staff. */
export interface LocationOpenStatus {
  id: string;
  name: string;
  open: boolean;
  nextChangeAt?: Millis;
}

/** Whether the chat service as a whole is open, and per location. */
export interface ServiceOpenStatus {
  anyOpen: boolean;
  nextOpenAt?: Millis;
  locations: LocationOpenStatus[];
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // h23: with hour12 false some engines print midnight as "24".
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock reading at `at` in `timeZone`, encoded as if that reading were UTC. */
function wallClock(at: Millis, timeZone: string): number {
  const p: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of formatterFor(timeZone).formatToParts(at)) p[part.type] = Number(part.value);
  const ms = ((at % 1000) + 1000) % 1000;
  return Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0) + ms;
}

function offsetAt(at: Millis, timeZone: string): number {
  return wallClock(at, timeZone) - at;
}

function parseDate(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`Bad local date "${date}", expected YYYY-MM-DD`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

function parseTime(time: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  const h = Number(m?.[1]);
  const min = Number(m?.[2]);
  if (!m || min > 59 || h > 24 || (h === 24 && min !== 0)) {
    throw new RangeError(`Bad local time "${time}", expected HH:MM`);
  }
  return (h * 60 + min) * 60_000;
}

function isoDate(utcMidnight: number): string {
  return new Date(utcMidnight).toISOString().slice(0, 10);
}

/**
 * The instant at which the wall clock in `timeZone` reads `time` ("HH:MM"; "24:00" is the next
 * midnight) on local `date` ("YYYY-MM-DD"). A time skipped by a spring-forward gap maps to the
 * first instant after the gap; a time repeated by a fall-back maps to its first occurrence.
 */
export function zonedLocalToInstant(date: string, time: string, timeZone: string): Millis {
  const naive = parseDate(date) + parseTime(time);
  // Offsets a day either side bracket any transition near this wall-clock time.
  const before = offsetAt(naive - DAY_MS, timeZone);
  const after = offsetAt(naive + DAY_MS, timeZone);
  const early = naive - before;
  const late = naive - after;
  const valid = [early, late].filter((t) => wallClock(t, timeZone) === naive);
  if (valid.length > 0) return Math.min(...valid);
  if (after <= before) return early; // not a gap after all; nothing better to offer
  // In the gap: bisect for the transition, which is the first instant after it.
  let lo = late;
  let hi = early;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid, timeZone) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

function windowsOn(location: Location, date: string): readonly TimeWindow[] {
  const exception = location.exceptions.find((e) => e.date === date);
  if (exception) return exception.windows;
  // getUTCDay counts from Sunday; WEEKDAYS starts on Monday.
  const weekday = WEEKDAYS[(new Date(parseDate(date)).getUTCDay() + 6) % 7];
  return weekday ? (location.weeklyHours[weekday] ?? []) : [];
}

/** Open intervals from the local day before `at` through `daysAhead` local days after it, merged. */
function openIntervals(location: Location, at: Millis, daysAhead: number): Interval[] {
  const tz = location.timeZone;
  const local = wallClock(at, tz);
  const today = local - (local % DAY_MS);
  const raw: Interval[] = [];
  // The day before is included because its windows can end (at "24:00") at or after `at`.
  for (let d = -1; d <= daysAhead; d++) {
    const date = isoDate(today + d * DAY_MS);
    for (const w of windowsOn(location, date)) {
      const start = zonedLocalToInstant(date, w.start, tz);
      const end = zonedLocalToInstant(date, w.end, tz);
      if (end > start) raw.push({ start, end });
    }
  }
  raw.sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const iv of raw) {
    const last = merged[merged.length - 1];
    // Touching windows (12:00-24:00 then 00:00-02:00) are one stretch: no close in between.
    if (last && iv.start <= last.end) last.end = Math.max(last.end, iv.end);
    else merged.push({ ...iv });
  }
  return merged;
}

/** The open stretches of a location between two instants, clipped to [from, to). */
export function openIntervalsBetween(location: Location, from: Millis, to: Millis): Interval[] {
  const days = Math.ceil((to - from) / DAY_MS) + 1;
  return openIntervals(location, from, days)
    .map((iv) => ({ start: Math.max(iv.start, from), end: Math.min(iv.end, to) }))
    .filter((iv) => iv.end > iv.start);
}

/** Whether the location's chat is open at `at`, per its weekly hours and date exceptions. */
export function isOpenAt(location: Location, at: Millis): boolean {
  return openIntervals(location, at, 1).some((iv) => iv.start <= at && at < iv.end);
}

function openAndNext(location: Location, at: Millis): { open: boolean; next: Millis | undefined } {
  // 15 local days always reach past the horizon, so a stretch cut off by the scan is never reported.
  const intervals = openIntervals(location, at, 15);
  const current = intervals.find((iv) => iv.start <= at && at < iv.end);
  const change = current ? current.end : intervals.find((iv) => iv.start > at)?.start;
  return { open: current !== undefined, next: change !== undefined && change - at <= HORIZON_MS ? change : undefined };
}

/**
 * When the location next opens (if closed at `at`) or really closes (if open), looking at most
 * 14 days ahead; undefined when nothing changes in that time.
 */
export function nextChangeAt(location: Location, at: Millis): Millis | undefined {
  return openAndNext(location, at).next;
}

/**
 * Open/closed per location and for the service as a whole; `nextOpenAt` (the earliest opening)
 * is only given when every location is closed.
 */
export function serviceStatusAt(locations: readonly Location[], at: Millis): ServiceOpenStatus {
  const statuses = locations.map((l): LocationOpenStatus => {
    const { open, next } = openAndNext(l, at);
    const status: LocationOpenStatus = { id: l.id, name: l.name, open };
    if (next !== undefined) status.nextChangeAt = next;
    return status;
  });
  const anyOpen = statuses.some((s) => s.open);
  const result: ServiceOpenStatus = { anyOpen, locations: statuses };
  if (!anyOpen) {
    const opens = statuses.flatMap((s) => (s.nextChangeAt === undefined ? [] : [s.nextChangeAt]));
    if (opens.length > 0) result.nextOpenAt = Math.min(...opens);
  }
  return result;
}
