import { describe, expect, it } from "vitest";
import type { TimeWindow } from "./location";
import { isOpenAt, nextChangeAt, serviceStatusAt, zonedLocalToInstant } from "./openingHours";
import { buildLocation } from "./testFactories";

const at = (iso: string) => Date.parse(iso);
const none: TimeWindow[] = [];
const weekday: TimeWindow[] = [
  { start: "13:00", end: "17:00" },
  { start: "19:00", end: "22:00" },
];

// Mon-Fri afternoons and evenings, closed at weekends.
const leiden = buildLocation({
  id: "leiden",
  name: "Leiden",
  timeZone: "Europe/Amsterdam",
  weeklyHours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: none, sun: none },
  exceptions: [
    { date: "2026-12-25", windows: [], note: "Christmas" },
    { date: "2026-06-13", windows: [{ start: "19:00", end: "23:00" }], note: "extra Saturday evening" },
    { date: "2026-12-31", windows: [{ start: "20:00", end: "23:30" }], note: "New Year's Eve only" },
  ],
});

const evening: TimeWindow[] = [{ start: "18:00", end: "23:00" }];
const newYork = buildLocation({
  id: "nyc",
  name: "New York",
  timeZone: "America/New_York",
  weeklyHours: { mon: evening, tue: evening, wed: evening, thu: evening, fri: evening, sat: none, sun: none },
});

describe("zonedLocalToInstant", () => {
  it("uses the offset in force on that date", () => {
    expect(zonedLocalToInstant("2026-01-15", "13:00", "Europe/Amsterdam")).toBe(at("2026-01-15T12:00:00Z"));
    expect(zonedLocalToInstant("2026-07-15", "13:00", "Europe/Amsterdam")).toBe(at("2026-07-15T11:00:00Z"));
    expect(zonedLocalToInstant("2026-07-15", "13:00", "America/New_York")).toBe(at("2026-07-15T17:00:00Z"));
  });

  it("reads 24:00 as the following midnight", () => {
    expect(zonedLocalToInstant("2026-03-28", "24:00", "Europe/Amsterdam")).toBe(at("2026-03-28T23:00:00Z"));
    expect(zonedLocalToInstant("2026-12-31", "24:00", "Europe/Amsterdam")).toBe(at("2026-12-31T23:00:00Z"));
  });

  it("maps a time skipped by spring-forward to the end of the gap (03:00 local)", () => {
    expect(zonedLocalToInstant("2026-03-29", "02:30", "Europe/Amsterdam")).toBe(at("2026-03-29T01:00:00Z"));
    expect(zonedLocalToInstant("2026-03-29", "02:00", "Europe/Amsterdam")).toBe(at("2026-03-29T01:00:00Z"));
    expect(zonedLocalToInstant("2026-03-29", "03:00", "Europe/Amsterdam")).toBe(at("2026-03-29T01:00:00Z"));
    expect(zonedLocalToInstant("2026-03-29", "01:59", "Europe/Amsterdam")).toBe(at("2026-03-29T00:59:00Z"));
  });

  it("maps a time repeated by fall-back to its first occurrence", () => {
    expect(zonedLocalToInstant("2026-10-25", "02:30", "Europe/Amsterdam")).toBe(at("2026-10-25T00:30:00Z"));
    expect(zonedLocalToInstant("2026-10-25", "03:00", "Europe/Amsterdam")).toBe(at("2026-10-25T02:00:00Z"));
  });

  it("rejects malformed times", () => {
    expect(() => zonedLocalToInstant("2026-01-15", "9:00", "Europe/Amsterdam")).toThrow(RangeError);
    expect(() => zonedLocalToInstant("2026-01-15", "24:30", "Europe/Amsterdam")).toThrow(RangeError);
  });
});

describe("isOpenAt", () => {
  it("is open inside a window and closed outside, start inclusive and end exclusive", () => {
    // Tuesday 2026-06-09, CEST (UTC+2).
    expect(isOpenAt(leiden, at("2026-06-09T12:00:00Z"))).toBe(true); // 14:00
    expect(isOpenAt(leiden, at("2026-06-09T11:00:00Z"))).toBe(true); // 13:00 sharp
    expect(isOpenAt(leiden, at("2026-06-09T10:59:59Z"))).toBe(false);
    expect(isOpenAt(leiden, at("2026-06-09T15:00:00Z"))).toBe(false); // 17:00 sharp
    expect(isOpenAt(leiden, at("2026-06-09T16:30:00Z"))).toBe(false); // 18:30, between windows
    expect(isOpenAt(leiden, at("2026-06-09T19:59:00Z"))).toBe(true); // 21:59
    expect(isOpenAt(leiden, at("2026-06-09T21:30:00Z"))).toBe(false); // 23:30
    expect(isOpenAt(leiden, at("2026-06-07T12:00:00Z"))).toBe(false); // Sunday
  });

  it("stays open until midnight for a 24:00 end", () => {
    const late = buildLocation({
      weeklyHours: { ...leiden.weeklyHours, sat: [{ start: "12:00", end: "24:00" }] },
    });
    expect(isOpenAt(late, at("2026-06-13T21:59:00Z"))).toBe(true); // Sat 23:59
    expect(isOpenAt(late, at("2026-06-13T22:00:00Z"))).toBe(false); // Sun 00:00
  });

  it("follows the local clock across the spring change (2026-03-29)", () => {
    // Friday before: CET, 13:00 local is 12:00Z. Monday after: CEST, 13:00 local is 11:00Z.
    expect(isOpenAt(leiden, at("2026-03-27T11:30:00Z"))).toBe(false);
    expect(isOpenAt(leiden, at("2026-03-27T12:00:00Z"))).toBe(true);
    expect(isOpenAt(leiden, at("2026-03-30T11:00:00Z"))).toBe(true);
    expect(isOpenAt(leiden, at("2026-03-30T10:59:00Z"))).toBe(false);
    expect(isOpenAt(leiden, at("2026-03-30T15:00:00Z"))).toBe(false); // 17:00 CEST
  });

  it("follows the local clock across the autumn change (2026-10-25)", () => {
    expect(isOpenAt(leiden, at("2026-10-23T11:00:00Z"))).toBe(true); // Fri 13:00 CEST
    expect(isOpenAt(leiden, at("2026-10-26T11:00:00Z"))).toBe(false); // Mon 12:00 CET
    expect(isOpenAt(leiden, at("2026-10-26T12:00:00Z"))).toBe(true); // Mon 13:00 CET
    expect(isOpenAt(leiden, at("2026-10-26T15:59:00Z"))).toBe(true); // 16:59 CET
  });

  it("is closed all day on a holiday exception", () => {
    // Friday 2026-12-25 would normally be open 13:00-17:00 and 19:00-22:00 CET.
    expect(isOpenAt(leiden, at("2026-12-25T13:00:00Z"))).toBe(false);
    expect(isOpenAt(leiden, at("2026-12-25T19:00:00Z"))).toBe(false);
    expect(isOpenAt(leiden, at("2026-12-24T13:00:00Z"))).toBe(true);
  });

  it("opens for an extra evening, and an exception replaces the day's weekly hours", () => {
    expect(isOpenAt(leiden, at("2026-06-13T18:00:00Z"))).toBe(true); // Sat 20:00 CEST
    expect(isOpenAt(leiden, at("2026-06-13T12:00:00Z"))).toBe(false); // Sat 14:00
    expect(isOpenAt(leiden, at("2026-12-31T13:00:00Z"))).toBe(false); // Thu 14:00, weekly says open
    expect(isOpenAt(leiden, at("2026-12-31T22:00:00Z"))).toBe(true); // 23:00 CET
  });

  it("uses the location's own time zone for the hour and the weekday", () => {
    // 2026-06-10T02:00Z is Wednesday 04:00 in Leiden but Tuesday 22:00 in New York.
    expect(isOpenAt(newYork, at("2026-06-10T02:00:00Z"))).toBe(true);
    expect(isOpenAt(leiden, at("2026-06-10T02:00:00Z"))).toBe(false);
    // Tuesday 14:00 in Leiden is 08:00 in New York.
    expect(isOpenAt(newYork, at("2026-06-09T12:00:00Z"))).toBe(false);
    expect(isOpenAt(leiden, at("2026-06-09T12:00:00Z"))).toBe(true);
  });
});

describe("nextChangeAt", () => {
  it("gives the closing time when open", () => {
    expect(nextChangeAt(leiden, at("2026-06-09T12:00:00Z"))).toBe(at("2026-06-09T15:00:00Z"));
    expect(nextChangeAt(leiden, at("2026-12-24T19:00:00Z"))).toBe(at("2026-12-24T21:00:00Z")); // 22:00 CET
  });

  it("gives the next opening later the same day and the next morning", () => {
    expect(nextChangeAt(leiden, at("2026-06-09T15:30:00Z"))).toBe(at("2026-06-09T17:00:00Z")); // 19:00
    expect(nextChangeAt(leiden, at("2026-06-09T21:00:00Z"))).toBe(at("2026-06-10T11:00:00Z")); // Wed 13:00
    expect(nextChangeAt(leiden, at("2026-06-09T22:30:00Z"))).toBe(at("2026-06-10T11:00:00Z")); // after midnight
  });

  it("skips a closed weekend, also across a DST change", () => {
    expect(nextChangeAt(leiden, at("2026-06-05T20:00:00Z"))).toBe(at("2026-06-08T11:00:00Z"));
    // Friday 22:00 CET to Monday 13:00 CEST: 63 wall-clock hours, but the change takes one out.
    expect(nextChangeAt(leiden, at("2026-03-27T21:00:00Z"))).toBe(at("2026-03-30T11:00:00Z"));
    expect(nextChangeAt(leiden, at("2026-10-23T20:00:00Z"))).toBe(at("2026-10-26T12:00:00Z"));
  });

  it("skips a holiday", () => {
    // Thursday 2026-12-24 evening: Friday is Christmas, then the weekend; Monday 13:00 CET.
    expect(nextChangeAt(leiden, at("2026-12-24T21:30:00Z"))).toBe(at("2026-12-28T12:00:00Z"));
  });

  it("reports the real close when windows touch at midnight", () => {
    const late = buildLocation({
      weeklyHours: {
        ...leiden.weeklyHours,
        sat: [{ start: "12:00", end: "24:00" }],
        sun: [{ start: "00:00", end: "02:00" }],
      },
    });
    expect(isOpenAt(late, at("2026-06-13T22:30:00Z"))).toBe(true); // Sun 00:30
    expect(nextChangeAt(late, at("2026-06-13T12:00:00Z"))).toBe(at("2026-06-14T00:00:00Z")); // Sun 02:00
  });

  it("is undefined when nothing changes within 14 days", () => {
    expect(nextChangeAt(buildLocation(), at("2026-06-09T12:00:00Z"))).toBeUndefined(); // always open
    const dark = buildLocation({
      weeklyHours: { mon: none, tue: none, wed: none, thu: none, fri: none, sat: none, sun: none },
      exceptions: [{ date: "2026-06-30", windows: [{ start: "10:00", end: "12:00" }] }],
    });
    expect(nextChangeAt(dark, at("2026-06-09T12:00:00Z"))).toBeUndefined(); // 21 days away
    expect(nextChangeAt(dark, at("2026-06-20T12:00:00Z"))).toBe(at("2026-06-30T08:00:00Z"));
  });

  it("honours another time zone", () => {
    expect(nextChangeAt(newYork, at("2026-06-09T12:00:00Z"))).toBe(at("2026-06-09T22:00:00Z")); // 18:00 EDT
    expect(nextChangeAt(newYork, at("2026-06-10T02:00:00Z"))).toBe(at("2026-06-10T03:00:00Z")); // 23:00 EDT
    // Mid-March New York is already on EDT while Amsterdam is still on CET.
    expect(nextChangeAt(newYork, at("2026-03-16T12:00:00Z"))).toBe(at("2026-03-16T22:00:00Z"));
  });
});

describe("serviceStatusAt", () => {
  it("is open when any location is open, without a nextOpenAt", () => {
    const status = serviceStatusAt([leiden, newYork], at("2026-06-09T12:00:00Z"));
    expect(status).toStrictEqual({
      anyOpen: true,
      locations: [
        { id: "leiden", name: "Leiden", open: true, nextChangeAt: at("2026-06-09T15:00:00Z") },
        { id: "nyc", name: "New York", open: false, nextChangeAt: at("2026-06-09T22:00:00Z") },
      ],
    });
  });

  it("gives the earliest opening when all are closed", () => {
    // 23:30 in Leiden (opens tomorrow 13:00), 17:30 in New York (opens at 18:00).
    const status = serviceStatusAt([leiden, newYork], at("2026-06-09T21:30:00Z"));
    expect(status.anyOpen).toBe(false);
    expect(status.nextOpenAt).toBe(at("2026-06-09T22:00:00Z"));
    expect(status.locations.map((l) => [l.id, l.open, l.nextChangeAt])).toEqual([
      ["leiden", false, at("2026-06-10T11:00:00Z")],
      ["nyc", false, at("2026-06-09T22:00:00Z")],
    ]);
  });

  it("leaves out unknown times", () => {
    expect(serviceStatusAt([], 0)).toStrictEqual({ anyOpen: false, locations: [] });
    const always = serviceStatusAt([buildLocation({ id: "a", name: "A" })], at("2026-06-09T12:00:00Z"));
    expect(always).toStrictEqual({ anyOpen: true, locations: [{ id: "a", name: "A", open: true }] });
  });
});
