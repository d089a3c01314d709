import type { StaffRole } from "../../../shared/protocol";
import type { Millis } from "../clock";
import type { Duty } from "../escalation/escalation";
import type { Location } from "../location";
import { type Interval, openIntervalsBetween } from "../openingHours";
import type { Staff } from "../staff";

/** A staff member on the roster at a location for a time. */
export interface Shift {
  id: string;
  locationId: string;
  staffId: string;
  role: StaffRole;
  start: Millis;
  end: Millis;
  /** Set once the roster put this professional on duty for the shift, so turning duty off by hand sticks. */
  dutyAppliedAt?: Millis;
}

/** Longer than this is a typing mistake, not a shift. */
export const MAX_SHIFT_MS = 16 * 3_600_000;

export type ShiftProblem = "ends_before_start" | "too_long" | "staff_inactive" | "wrong_location";

/** Why a shift cannot go on the roster, or undefined when it can. */
export function shiftProblem(
  shift: Pick<Shift, "start" | "end" | "locationId">,
  staff: Staff,
  managed: readonly string[],
): ShiftProblem | undefined {
  if (shift.end <= shift.start) return "ends_before_start";
  if (shift.end - shift.start > MAX_SHIFT_MS) return "too_long";
  if (!staff.active) return "staff_inactive";
  if (!managed.includes(shift.locationId)) return "wrong_location";
  return undefined;
}

export function isOnShift(shift: Pick<Shift, "start" | "end">, at: Millis): boolean {
  return shift.start <= at && at < shift.end;
}

export interface RosterDutyPlan {
  /** Professionals whose rostered shift has begun and who were not yet put on duty for it. */
  start: { staffId: string; locationIds: string[]; shiftIds: string[] }[];
  /** Professionals on duty because of the roster whose shifts have all ended. */
  stop: string[];
}

/**
 * What the roster asks of duty now. A shift puts its professional on duty once, when it begins;
 * if they turn duty off by hand during the shift, that sticks. Duty the professional set by hand is
 * never ended by the roster; duty the roster set ends with the last shift, but not while the
 * professional still holds a claimed escalation (`holding`): nobody is taken out of a crisis by the clock.
 */
export function planRosterDuty(
  shifts: readonly Shift[],
  duties: readonly Duty[],
  professionals: ReadonlySet<string>,
  now: Millis,
  holding: ReadonlySet<string> = new Set(),
): RosterDutyPlan {
  const current = shifts.filter((s) => s.role === "professional" && professionals.has(s.staffId) && isOnShift(s, now));
  const byStaff = new Map<string, Shift[]>();
  for (const s of current) byStaff.set(s.staffId, [...(byStaff.get(s.staffId) ?? []), s]);

  const start: RosterDutyPlan["start"] = [];
  for (const [staffId, mine] of byStaff) {
    const fresh = mine.filter((s) => s.dutyAppliedAt === undefined);
    if (fresh.length === 0) continue;
    const duty = duties.find((d) => d.staffId === staffId);
    const locationIds = [...new Set([...(duty?.locationIds ?? []), ...mine.map((s) => s.locationId)])];
    start.push({ staffId, locationIds, shiftIds: fresh.map((s) => s.id) });
  }
  const stop = duties.filter((d) => d.source === "roster" && !byStaff.has(d.staffId) && !holding.has(d.staffId)).map((d) => d.staffId);
  return { start, stop };
}

/**
 * The stretches in [from, to) when the location is open but no professional is rostered there:
 * the roster page warns about them, because escalations would then depend on someone elsewhere.
 */
export function uncoveredOpenHours(location: Location, shifts: readonly Shift[], from: Millis, to: Millis): Interval[] {
  const cover = shifts
    .filter((s) => s.role === "professional" && s.locationId === location.id)
    .map((s) => ({ start: s.start, end: s.end }))
    .sort((a, b) => a.start - b.start);
  const gaps: Interval[] = [];
  for (const open of openIntervalsBetween(location, from, to)) {
    let cursor = open.start;
    for (const c of cover) {
      if (c.end <= cursor || c.start >= open.end) continue;
      if (c.start > cursor) gaps.push({ start: cursor, end: c.start });
      cursor = Math.max(cursor, c.end);
      if (cursor >= open.end) break;
    }
    if (cursor < open.end) gaps.push({ start: cursor, end: open.end });
  }
  return gaps;
}
