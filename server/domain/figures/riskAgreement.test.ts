import { describe, expect, it } from "vitest";
import type { DomainEvent } from "../domainEvents";
import { aggregateEvents } from "./aggregate";
import { figuresCsv } from "./csv";
import { buildReport } from "./report";
import { summarise } from "./summarise";

const DAY = 86_400_000;
const DEC = Date.UTC(2026, 11, 1, 12);
const JAN = Date.UTC(2027, 0, 5, 12);
const LOCATIONS = [{ id: "leiden", name: "Leiden", timeZone: "Europe/Amsterdam" }];

/** A chat wrap-up carrying the volunteer's judgement and the triage's highest level. */
const filed = (at: number, riskJudgement?: string, scorerRisk?: string): DomainEvent => ({
  type: "wrapup.filed",
  at,
  conversationId: `c${at}`,
  locationId: "leiden",
  staffId: "v1",
  data: { kind: "chat", referral: "none", rating: 3, topics: "", ...(riskJudgement && scorerRisk && { riskJudgement, scorerRisk }) },
});

describe("risk triage against the volunteer's judgement", () => {
  const events = [
    // December: the volunteer judged 6 chats high; the triage had 5 of them high, one only concern.
    ...[0, 1, 2, 3, 4].map((i) => filed(DEC + i * DAY, "high", "high")),
    filed(DEC + 5 * DAY, "high", "concern"),
    // A false alarm and two agreements on lower levels.
    filed(DEC + 6 * DAY, "none", "high"),
    filed(DEC + 7 * DAY, "none", "none"),
    filed(DEC + 8 * DAY, "concern", "high"),
    // A wrap-up without a judgement does not count.
    filed(DEC + 9 * DAY),
    // January: two high, both caught.
    filed(JAN, "high", "high"),
    filed(JAN + DAY, "high", "high"),
  ];
  const buckets = aggregateEvents(events, { from: DEC - DAY, to: JAN + 10 * DAY });

  it("counts judged chats, the volunteer's highs, the triage's catches and its false alarms", () => {
    expect(summarise(buckets).riskAgreement).toEqual({ judged: 11, volunteerHigh: 8, bothHigh: 7, scorerHighVolunteerNone: 1 });
  });

  it("reports the agreement per month", () => {
    const report = buildReport(buckets, LOCATIONS, { from: "2026-12-01", to: "2027-01-31" });
    expect(report.riskByMonth).toEqual([
      { month: "2026-12", judged: 9, volunteerHigh: 6, bothHigh: 5, scorerHighVolunteerNone: 1 },
      { month: "2027-01", judged: 2, volunteerHigh: 2, bothHigh: 2, scorerHighVolunteerNone: 0 },
    ]);
  });

  it("the export follows the <5 rule: small counts and a recall over fewer than five highs are withheld", () => {
    const csv = figuresCsv(buckets, LOCATIONS, { from: "2027-01-01", to: "2027-01-31" });
    const [header, ...rows] = csv.trim().split("\n");
    const cols = header!.split(",").map((c) => c.replace(/"/g, ""));
    const row = rows[rows.length - 1]!.split(",").map((c) => c.replace(/"/g, ""));
    const cell = (name: string) => row[cols.indexOf(name)];
    expect(cell("risk_volunteer_high")).toBe("<5");
    expect(cell("risk_triage_recall")).toBe("n<5");
    const december = figuresCsv(buckets, LOCATIONS, { from: "2026-12-01", to: "2026-12-31" });
    const decRow = december
      .trim()
      .split("\n")
      .at(-1)!
      .split(",")
      .map((c) => c.replace(/"/g, ""));
    expect(decRow[cols.indexOf("risk_volunteer_high")]).toBe("5"); // 6, rounded down to five against differencing
    expect(decRow[cols.indexOf("risk_triage_recall")]).toBe("0.83");
  });
});
