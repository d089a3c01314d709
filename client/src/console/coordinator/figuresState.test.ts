import { describe, expect, it } from "vitest";
import type { FiguresReport } from "../../../../shared/protocol";
import {
  chosenIds,
  type FiguresAction,
  type FiguresState,
  figuresQuery,
  initialFigures,
  lastMonth,
  reduceFigures,
  thisMonth,
} from "./figuresState";
import { localIso } from "./localDay";

const report = (locations: string[]): FiguresReport => ({ locations: locations.map((id) => ({ id, name: id })) }) as FiguresReport;
const run = (state: FiguresState, ...actions: FiguresAction[]) => actions.reduce(reduceFigures, state);
const may = { period: { from: "2026-05-01", to: "2026-05-31" } };
const three = run(may, { type: "loaded", report: report(["leiden", "amsterdam", "any"]) });

describe("periods", () => {
  it("writes a local day, not the UTC one", () => {
    expect(localIso(new Date(2026, 0, 1, 0, 30))).toBe("2026-01-01");
  });

  it("runs this month from its first day to today, last month over all of it, across a new year", () => {
    expect(thisMonth(new Date(2026, 4, 17, 15))).toEqual({ from: "2026-05-01", to: "2026-05-17" });
    expect(lastMonth(new Date(2026, 0, 9))).toEqual({ from: "2025-12-01", to: "2025-12-31" });
    expect(lastMonth(new Date(2024, 2, 31))).toEqual({ from: "2024-02-01", to: "2024-02-29" });
  });

  it("opens on this month, every location, nothing loaded", () => {
    expect(initialFigures(new Date(2026, 4, 17))).toEqual({ period: { from: "2026-05-01", to: "2026-05-17" } });
  });

  it("moves either end of the period, and ignores a date field that was cleared", () => {
    const moved = run(may, { type: "from", date: "2026-05-10" }, { type: "to", date: "2026-05-20" });
    expect(moved.period).toEqual({ from: "2026-05-10", to: "2026-05-20" });
    expect(reduceFigures(moved, { type: "from", date: "" })).toBe(moved);
    expect(reduceFigures(moved, { type: "to", date: "" })).toBe(moved);
    expect(run(moved, { type: "period", period: may.period }).period).toEqual(may.period);
  });
});

describe("the location filter", () => {
  it("takes its choices from the first answer and keeps them when a filtered answer lists fewer", () => {
    expect(three.available?.map((l) => l.id)).toEqual(["leiden", "amsterdam", "any"]);
    const later = run(three, { type: "toggleLocation", id: "amsterdam" }, { type: "loaded", report: report(["leiden", "any"]) });
    expect(later.available?.map((l) => l.id)).toEqual(["leiden", "amsterdam", "any"]);
    expect(later.report?.locations.map((l) => l.id)).toEqual(["leiden", "any"]);
  });

  it("ticks every location while untouched, and the query then names none", () => {
    expect(chosenIds(three)).toEqual(["leiden", "amsterdam", "any"]);
    expect(figuresQuery(three)).toBe("from=2026-05-01&to=2026-05-31");
  });

  it("names the ticked locations in the query once one is left out, in the server's order", () => {
    const some = run(
      three,
      { type: "toggleLocation", id: "leiden" },
      { type: "toggleLocation", id: "any" },
      { type: "toggleLocation", id: "leiden" },
    );
    expect(chosenIds(some)).toEqual(["leiden", "amsterdam"]);
    expect(figuresQuery(some)).toBe("from=2026-05-01&to=2026-05-31&locations=leiden%2Camsterdam");
  });

  it("keeps the last ticked location: figures of none mean nothing", () => {
    const one = run(three, { type: "toggleLocation", id: "leiden" }, { type: "toggleLocation", id: "any" });
    expect(chosenIds(one)).toEqual(["amsterdam"]);
    expect(reduceFigures(one, { type: "toggleLocation", id: "amsterdam" })).toBe(one);
  });

  it("goes back to every location, and ticking all of them by hand asks for all as well", () => {
    const one = run(three, { type: "toggleLocation", id: "leiden" });
    expect(figuresQuery(run(one, { type: "allLocations" }))).toBe("from=2026-05-01&to=2026-05-31");
    expect(figuresQuery(run(one, { type: "toggleLocation", id: "leiden" }))).toBe("from=2026-05-01&to=2026-05-31");
  });
});

describe("answers", () => {
  it("keeps the last figures on screen under an error, and clears the error with the next answer", () => {
    const failed = run(three, { type: "failed", error: "no connection" });
    expect(failed.error).toBe("no connection");
    expect(failed.report).toBe(three.report);
    expect(run(failed, { type: "loaded", report: report(["leiden"]) }).error).toBeUndefined();
  });
});
