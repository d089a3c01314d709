import { describe, expect, it } from "vitest";
import { type TimeWindow, WEEKDAYS, type Weekday } from "../location";
import { zonedLocalToInstant } from "../openingHours";
import { buildLocation, buildStaff } from "../testFactories";
import { planRosterDuty, type Shift, shiftProblem, uncoveredOpenHours } from "./roster";

const H = 3_600_000;
const at = (date: string, time: string) => zonedLocalToInstant(date, time, "Europe/Amsterdam");
const shift = (over: Partial<Shift>): Shift => ({
  id: "sh1",
  locationId: "leiden",
  staffId: "st_eva",
  role: "professional",
  start: 0,
  end: H,
  ...over,
});

describe("planRosterDuty", () => {
  const pros = new Set(["st_eva", "st_bram"]);
  const now = at("2026-11-23", "14:00");

  it("puts a professional on duty when their shift has begun, for the shift's locations", () => {
    const plan = planRosterDuty([shift({ start: now - H, end: now + H })], [], pros, now);
    expect(plan).toEqual({ start: [{ staffId: "st_eva", locationIds: ["leiden"], shiftIds: ["sh1"] }], stop: [] });
  });

  it("applies a shift once: duty turned off by hand during the shift stays off", () => {
    const plan = planRosterDuty([shift({ start: now - H, end: now + H, dutyAppliedAt: now - H })], [], pros, now);
    expect(plan).toEqual({ start: [], stop: [] });
  });

  it("keeps the locations a professional already covers by hand and adds the shift's", () => {
    const plan = planRosterDuty(
      [shift({ start: now, end: now + H })],
      [{ staffId: "st_eva", locationIds: ["apeldoorn"], since: 0, source: "manual" }],
      pros,
      now,
    );
    expect(plan.start[0]?.locationIds).toEqual(["apeldoorn", "leiden"]);
  });

  it("ends roster duty when the last shift is over, never duty set by hand", () => {
    const duties = [
      { staffId: "st_eva", locationIds: ["leiden"], since: 0, source: "roster" as const },
      { staffId: "st_bram", locationIds: ["amsterdam"], since: 0, source: "manual" as const },
    ];
    const plan = planRosterDuty([shift({ start: now - 2 * H, end: now, dutyAppliedAt: now - 2 * H })], duties, pros, now);
    expect(plan).toEqual({ start: [], stop: ["st_eva"] });
  });

  it("keeps roster duty past the shift while the professional holds a claimed escalation", () => {
    const duties = [{ staffId: "st_eva", locationIds: ["leiden"], since: 0, source: "roster" as const }];
    expect(planRosterDuty([], duties, pros, now, new Set(["st_eva"]))).toEqual({ start: [], stop: [] });
    expect(planRosterDuty([], duties, pros, now, new Set())).toEqual({ start: [], stop: ["st_eva"] });
  });

  it("ignores volunteers' shifts, future shifts and staff who are no longer professionals", () => {
    const shifts = [
      shift({ id: "a", role: "volunteer", staffId: "st_sam", start: now - H, end: now + H }),
      shift({ id: "b", start: now + H, end: now + 2 * H }),
      shift({ id: "c", staffId: "st_gone", start: now - H, end: now + H }),
    ];
    expect(planRosterDuty(shifts, [], pros, now)).toEqual({ start: [], stop: [] });
  });
});

describe("uncoveredOpenHours", () => {
  const weekday = (windows: TimeWindow[]) =>
    Object.fromEntries(WEEKDAYS.map((d) => [d, d === "sat" || d === "sun" ? [] : windows])) as Record<Weekday, TimeWindow[]>;
  const location = buildLocation({ weeklyHours: weekday([{ start: "14:00", end: "18:00" }]) });
  const monday = at("2026-11-23", "00:00");
  const tuesday = at("2026-11-24", "00:00");

  it("reports the whole opening when no professional is rostered", () => {
    expect(uncoveredOpenHours(location, [], monday, tuesday)).toEqual([
      { start: at("2026-11-23", "14:00"), end: at("2026-11-23", "18:00") },
    ]);
  });

  it("reports only the gaps between professional shifts; volunteers do not cover", () => {
    const shifts = [
      shift({ start: at("2026-11-23", "13:00"), end: at("2026-11-23", "15:00") }),
      shift({ id: "2", start: at("2026-11-23", "16:00"), end: at("2026-11-23", "17:00") }),
      shift({ id: "3", role: "volunteer", staffId: "st_sam", start: at("2026-11-23", "14:00"), end: at("2026-11-23", "18:00") }),
    ];
    expect(uncoveredOpenHours(location, shifts, monday, tuesday)).toEqual([
      { start: at("2026-11-23", "15:00"), end: at("2026-11-23", "16:00") },
      { start: at("2026-11-23", "17:00"), end: at("2026-11-23", "18:00") },
    ]);
  });

  it("is empty when covered, when closed, and for another location's shifts", () => {
    const full = [shift({ start: at("2026-11-23", "14:00"), end: at("2026-11-23", "18:00") })];
    expect(uncoveredOpenHours(location, full, monday, tuesday)).toEqual([]);
    const saturday = at("2026-11-28", "00:00");
    expect(uncoveredOpenHours(location, [], saturday, saturday + 24 * H)).toEqual([]);
    const elsewhere = [shift({ locationId: "amsterdam", start: at("2026-11-23", "14:00"), end: at("2026-11-23", "18:00") })];
    expect(uncoveredOpenHours(location, elsewhere, monday, tuesday)).toHaveLength(1);
  });

  it("follows the local clock across the end of summer time", () => {
    // 25 October 2026: clocks go back; 14:00-18:00 local is still four hours, one hour later in UTC.
    const before = uncoveredOpenHours(location, [], at("2026-10-23", "00:00"), at("2026-10-24", "00:00"))[0]!;
    const after = uncoveredOpenHours(location, [], at("2026-10-26", "00:00"), at("2026-10-27", "00:00"))[0]!;
    expect(before.end - before.start).toBe(4 * H);
    expect(new Date(after.start).getUTCHours() - new Date(before.start).getUTCHours()).toBe(1);
  });
});

describe("shiftProblem", () => {
  const staff = buildStaff();
  it("refuses impossible, overlong, inactive and out-of-scope shifts", () => {
    expect(shiftProblem({ start: 2, end: 1, locationId: "leiden" }, staff, ["leiden"])).toBe("ends_before_start");
    expect(shiftProblem({ start: 0, end: 17 * H, locationId: "leiden" }, staff, ["leiden"])).toBe("too_long");
    expect(shiftProblem({ start: 0, end: H, locationId: "leiden" }, buildStaff({ active: false }), ["leiden"])).toBe("staff_inactive");
    expect(shiftProblem({ start: 0, end: H, locationId: "amsterdam" }, staff, ["leiden"])).toBe("wrong_location");
    expect(shiftProblem({ start: 0, end: H, locationId: "leiden" }, staff, ["leiden"])).toBeUndefined();
  });
});
