import { describe, expect, it } from "vitest";
import { rosterFormat } from "./rosterFormat";

const amsterdam = rosterFormat("nl-NL", "Europe/Amsterdam");
const at = (iso: string) => Date.parse(iso);

describe("rosterFormat", () => {
  it("writes times in the location's clock", () => {
    expect(amsterdam.time(at("2026-06-01T12:00:00Z"))).toBe("14:00");
  });

  it("names a day by its own date, wherever the viewer is", () => {
    expect(amsterdam.dayName("2026-06-01")).toBe(
      new Intl.DateTimeFormat("nl-NL", { weekday: "long", day: "numeric", month: "short" }).format(new Date(2026, 5, 1)),
    );
  });

  it("writes a stretch within one day once, and midnight at its end as 24:00", () => {
    const day = amsterdam.dayName("2026-06-01");
    expect(amsterdam.span({ start: at("2026-06-01T12:00:00Z"), end: at("2026-06-01T16:00:00Z") })).toBe(`${day} 14:00–18:00`);
    expect(amsterdam.span({ start: at("2026-06-01T18:00:00Z"), end: at("2026-06-01T22:00:00Z") })).toBe(`${day} 20:00–24:00`);
  });

  it("gives both ends their day when a stretch runs past midnight", () => {
    const span = amsterdam.span({ start: at("2026-06-01T20:00:00Z"), end: at("2026-06-02T06:00:00Z") });
    expect(span).toBe(`${amsterdam.dayName("2026-06-01")} 22:00 – ${amsterdam.dayName("2026-06-02")} 08:00`);
  });
});
