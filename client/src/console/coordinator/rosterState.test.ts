import { describe, expect, it } from "vitest";
import type { LocationAdminView, RosterView, StaffAdminView } from "../../../../shared/protocol";
import { initialRoster, localDate, type RosterAction, type RosterState, reduceRoster, rosterPath, shiftDate } from "./rosterState";

const location = (id: string, timeZone = "Europe/Amsterdam") => ({ id, name: id, timeZone }) as LocationAdminView;
const member = (id: string, active = true) => ({ id, active }) as StaffAdminView;
const run = (state: RosterState, ...actions: RosterAction[]) => actions.reduce(reduceRoster, state);
// 23:30 UTC on 31 December 2026: already 1 January in Amsterdam, still 31 December on Curaçao.
const newYearsEve = Date.UTC(2026, 11, 31, 23, 30);

describe("dates", () => {
  it("reads an instant on the location's own calendar", () => {
    expect(localDate(newYearsEve, "Europe/Amsterdam")).toBe("2027-01-01");
    expect(localDate(newYearsEve, "America/Curacao")).toBe("2026-12-31");
  });

  it("moves a date by whole days, over a month's end and a change to summer time", () => {
    expect(shiftDate("2026-03-26", 7)).toBe("2026-04-02");
    expect(shiftDate("2026-01-03", -7)).toBe("2025-12-27");
  });
});

describe("reduceRoster", () => {
  it("opens on the first location and its own today, and offers shifts to active staff only", () => {
    const opened = run(initialRoster, {
      type: "opened",
      locations: [location("willemstad", "America/Curacao"), location("leiden")],
      staff: [member("eva"), member("bo", false)],
      now: newYearsEve,
    });
    expect(opened).toMatchObject({ locationId: "willemstad", week: "2026-12-31" });
    expect(opened.staff.map((s) => s.id)).toEqual(["eva"]);
    expect(rosterPath(opened)).toBe("/api/admin/roster?locationId=willemstad&week=2026-12-31");
  });

  it("asks for no roster until it knows a location and a week", () => {
    expect(rosterPath(initialRoster)).toBeUndefined();
    const none = run(initialRoster, { type: "opened", locations: [], staff: [], now: newYearsEve });
    expect(none.locations).toEqual([]);
    expect(rosterPath(none)).toBeUndefined();
  });

  it("keeps what it had when a list could not be loaded", () => {
    const noLocations = run(initialRoster, { type: "opened", staff: [member("eva")], now: newYearsEve });
    expect(noLocations.locations).toBeUndefined();
    expect(noLocations.staff).toHaveLength(1);
    expect(run(noLocations, { type: "opened", now: newYearsEve }).staff).toBe(noLocations.staff);
  });

  it("keeps the week when the location changes, and the location when the week does", () => {
    const opened = run(initialRoster, { type: "opened", locations: [location("leiden"), location("delft")], now: newYearsEve });
    const moved = run(opened, { type: "location", id: "delft" }, { type: "week", week: "2027-01-08" });
    expect(rosterPath(moved)).toBe("/api/admin/roster?locationId=delft&week=2027-01-08");
  });

  it("holds the last roster the server sent", () => {
    const roster = { locationId: "leiden", days: ["2027-01-04"] } as RosterView;
    expect(run(initialRoster, { type: "roster", roster }).roster).toBe(roster);
  });
});
