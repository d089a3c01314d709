import { describe, expect, it } from "vitest";
import { emptyBucket, HOUR_MS, type HourBucket } from "./buckets";
import { csvCell, figuresCsv } from "./csv";
import { buildReport } from "./report";
import { suppressCount, suppressDerived } from "./suppress";

const ZONE = "Europe/Amsterdam";
const LOCATIONS = [
  { id: "leiden", name: "Leiden", timeZone: ZONE },
  { id: "delft", name: '=HYPERLINK("http://evil")', timeZone: ZONE },
];
const MIN = 60_000;

/** A bucket at a UTC hour with a few figures filled in. */
function bucket(locationId: string, isoHour: string, over: Partial<HourBucket>): HourBucket {
  return { ...emptyBucket(locationId, Date.parse(isoHour)), ...over };
}

describe("the <5 rule", () => {
  it("writes 1–4 as <5 and keeps 0 and 5+", () => {
    expect([0, 1, 4, 5, 12].map(suppressCount)).toEqual(["0", "<5", "<5", "5", "12"]);
  });

  it("withholds a median over fewer than five observations, and leaves it empty over none", () => {
    const fmt = (v: number) => String(v);
    expect(suppressDerived(null, 0, fmt)).toBe("");
    expect(suppressDerived(60_000, 4, fmt)).toBe("n<5");
    expect(suppressDerived(60_000, 5, fmt)).toBe("60000");
  });
});

describe("csvCell", () => {
  it("defuses formulas and quotes everything", () => {
    expect(csvCell("=1+1")).toBe(`"'=1+1"`);
    expect(csvCell("+31")).toBe(`"'+31"`);
    expect(csvCell("-2")).toBe(`"'-2"`);
    expect(csvCell("@SUM(A1)")).toBe(`"'@SUM(A1)"`);
    expect(csvCell('say "hi", ok')).toBe(`"say ""hi"", ok"`);
    expect(csvCell("<5")).toBe(`"<5"`);
  });
});

describe("buildReport", () => {
  const buckets = [
    // 23:00 UTC on 31 March is 01:00 on 1 April in Amsterdam (summer time): it belongs to April.
    bucket("leiden", "2025-03-31T23:00:00Z", { chatsStarted: 2, waitsMs: [MIN, 3 * MIN] }),
    bucket("leiden", "2025-04-02T10:00:00Z", {
      chatsStarted: 6,
      waitsMs: [1, 2, 3, 4, 5, 6].map((m) => m * MIN),
      volunteerMs: 2 * HOUR_MS,
    }),
    bucket("delft", "2025-04-02T10:00:00Z", { chatsStarted: 1, abandoned: 3 }),
    // Before the period in local time (00:00 on 31 March Amsterdam is 22:00 UTC on 30 March).
    bucket("leiden", "2025-03-30T21:00:00Z", { chatsStarted: 9 }),
    // A location not asked for.
    bucket("utrecht", "2025-04-02T10:00:00Z", { chatsStarted: 7 }),
  ];
  const period = { from: "2025-04-01", to: "2025-04-03" };

  it("counts per location and per local day, in the location's time zone", () => {
    const report = buildReport(buckets, LOCATIONS, period);
    expect(report.total.chatsStarted).toBe(9);
    expect(report.byLocation.map((l) => [l.locationId, l.summary.chatsStarted])).toEqual([
      ["leiden", 8],
      ["delft", 1],
    ]);
    expect(report.byDay.map((d) => [d.date, d.chatsStarted])).toEqual([
      ["2025-04-01", 2],
      ["2025-04-02", 7],
      ["2025-04-03", 0],
    ]);
    expect(report.byDay[1]).toMatchObject({ abandoned: 3, volunteerHours: 2, waitP50Ms: 3 * MIN });
    // 01:00 and 12:00 local
    expect(report.byHourOfDay[1]).toBe(2);
    expect(report.byHourOfDay[12]).toBe(7);
  });

  it("exports a row per location per day plus period totals, with small counts suppressed", () => {
    const csv = figuresCsv(buckets, LOCATIONS, period);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const rows = csv
      .slice(1)
      .trimEnd()
      .split("\r\n")
      .map((line) => line.split(/,(?=")/).map((c) => c.slice(1, -1)));
    const header = rows[0]!;
    const col = (name: string) => header.indexOf(name);
    expect(rows).toHaveLength(1 + 2 * (3 + 1) + 1);
    const leidenApril2 = rows.find((r) => r[0] === "leiden" && r[2] === "2025-04-02")!;
    expect(leidenApril2[col("chats_started")]).toBe("5"); // 6, rounded down to five against differencing
    expect(leidenApril2[col("wait_p50_min")]).toBe("3.0");
    const leidenApril1 = rows.find((r) => r[0] === "leiden" && r[2] === "2025-04-01")!;
    expect(leidenApril1[col("chats_started")]).toBe("<5");
    expect(leidenApril1[col("wait_p50_min")]).toBe("n<5");
    const delft = rows.find((r) => r[0] === "delft" && r[2] === "2025-04-02")!;
    expect(delft[1]).toBe(`'=HYPERLINK(""http://evil"")`);
    expect(delft[col("left_queue")]).toBe("<5");
    expect(delft[col("chats_completed")]).toBe("0");
    const total = rows.at(-1)!;
    expect(total.slice(0, 3)).toEqual(["", "total", "2025-04-01/2025-04-03"]);
    expect(total[col("chats_started")]).toBe("5"); // 9 (rounded down): 9 − 6 would have given Leiden's "<5" day away
    expect(csv).not.toContain("utrecht");
  });
});
