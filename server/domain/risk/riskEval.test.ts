/**
 * The risk scorer on the independent evaluation sets in test/fixtures/risk-eval/ (written by people
 * who never saw the phrase lists, the fixtures or each other's set). Set A is the tuning set: it must
 * meet the targets. Every other set is a hold-out: its figures are printed and only a
 * regression floor is asserted (see docs/RISK.md for how the floor was set).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RISK_SIGNALS } from "../../../shared/protocol/risk";
import { type EvalItem, evaluate, formatReport } from "./evaluation";
import { DEFAULT_LISTS, DEFAULT_UNITS, loadDefaultRiskScorer } from "./riskScorer";

const DIR = join(import.meta.dirname, "../../../test/fixtures/risk-eval");
const SETS = readdirSync(DIR)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((file) => ({ name: file.replace(/\.json$/, ""), items: JSON.parse(readFileSync(join(DIR, file), "utf8")) as EvalItem[] }));

const HIGH_KINDS_MIN = 0.7;
/**
 * Regression floors for hold-out sets, a few points under what was measured the first (and only)
 * time the set's figures were looked at, with nothing tuned after (docs/RISK.md). Set B measured
 * 2026-12-03: high recall 0.613, none scored high 12.5 %, lowest high kind 0.464 (acute-danger).
 * These are NOT the targets, which set B does not meet.
 */
const HOLD_OUT_FLOORS: Record<string, { highRecall: number; noneToHigh: number; kindMin: number }> = {
  "set-b": { highRecall: 0.58, noneToHigh: 0.15, kindMin: 0.43 },
};

const score = loadDefaultRiskScorer();

describe("independent evaluation sets", () => {
  it("finds set A", () => {
    expect(SETS.map((s) => s.name)).toContain("set-a");
  });

  for (const set of SETS) {
    describe(set.name, () => {
      const report = evaluate(set.items, score);

      it("is well formed: at least 400 messages, at least 55 % Dutch, every item labelled", () => {
        expect(report.n).toBeGreaterThanOrEqual(400);
        expect(report.nl / report.n).toBeGreaterThanOrEqual(0.55);
        for (const item of set.items) {
          expect(["none", "concern", "high"]).toContain(item.level);
          expect(item.text.trim()).not.toBe("");
        }
      });

      it("prints precision and recall per level, per kind, and none scored high", () => {
        console.log(formatReport(set.name, report));
        const highKinds = report.kinds.filter((k) => k.expected === "high");
        expect(highKinds.length).toBeGreaterThan(0);
        if (set.name === "set-a") {
          expect(report.highRecall).toBeGreaterThanOrEqual(0.85);
          expect(report.noneToHigh.rate).toBeLessThanOrEqual(0.05);
          for (const k of highKinds) expect((k.high + k.concern) / k.n, k.kind).toBeGreaterThanOrEqual(HIGH_KINDS_MIN);
          return;
        }
        const floor = HOLD_OUT_FLOORS[set.name];
        expect(floor, `no regression floor recorded for ${set.name}`).toBeDefined();
        if (!floor) return;
        expect(report.highRecall).toBeGreaterThanOrEqual(floor.highRecall);
        expect(report.noneToHigh.rate).toBeLessThanOrEqual(floor.noneToHigh);
        for (const k of highKinds) expect((k.high + k.concern) / k.n, k.kind).toBeGreaterThanOrEqual(floor.kindMin);
      });
    });
  }
});

describe("signal ids", () => {
  it("every id in the phrase and unit files is a protocol signal (so the console has words for it)", () => {
    const known = new Set<string>(RISK_SIGNALS);
    const ids = [
      ...DEFAULT_LISTS.flatMap((l) => [...l.high, ...l.concern].map((e) => e.id)),
      ...DEFAULT_UNITS.flatMap((u) => [...u.units, ...u.questions].map((e) => e.id)),
    ];
    expect(ids.filter((id) => !known.has(id))).toEqual([]);
  });

  it("every unit has an about", () => {
    for (const u of DEFAULT_UNITS) for (const e of [...u.units, ...u.questions]) expect(e.about.trim(), e.id).not.toBe("");
  });
});

describe("risk bench", () => {
  it("runs over every evaluation message and measures something sensible", async () => {
    const { benchRisk } = await import("../../../scripts/bench/risk");
    const figures = await benchRisk(1);
    expect(figures.risk_messages).toBe(SETS.reduce((n, s) => n + s.items.length, 0));
    expect(figures.risk_us_per_message).toBeGreaterThan(0);
    expect(figures.risk_us_p99).toBeGreaterThanOrEqual(0);
    expect(figures.risk_us_per_message_3_before).toBeGreaterThan(0);
  });
});
