/**
 * The labelled fixture set written beside the first lists (test/fixtures/risk-messages.json): in-sample,
 * a regression guard with fixed thresholds; the figures that count are the independent sets'
 * (riskEval.test.ts).
 */
import { describe, expect, it } from "vitest";
import fixtures from "../../../test/fixtures/risk-messages.json" with { type: "json" };
import { loadDefaultRiskScorer, type RiskLevel } from "./riskScorer";

const score = loadDefaultRiskScorer();
const level = (text: string): RiskLevel => score(text).level;

interface Fixture {
  text: string;
  lang: "nl" | "en";
  expected: RiskLevel;
  note?: string;
}
const FIXTURES = fixtures as Fixture[];

describe("evaluation on the labelled fixture set", () => {
  const LEVELS: RiskLevel[] = ["high", "concern", "none"];
  const results = FIXTURES.map((f) => ({ ...f, got: level(f.text) }));

  it("is a realistic set: at least 160 messages, about 55% Dutch, every level present", () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(160);
    const nl = FIXTURES.filter((f) => f.lang === "nl").length / FIXTURES.length;
    expect(nl).toBeGreaterThan(0.45);
    expect(nl).toBeLessThan(0.65);
    for (const lvl of LEVELS) expect(FIXTURES.some((f) => f.expected === lvl)).toBe(true);
    for (const f of FIXTURES) {
      expect(["nl", "en"]).toContain(f.lang);
      expect(LEVELS).toContain(f.expected);
      expect(f.text.trim()).not.toBe("");
    }
  });

  it("reports precision and recall per level; high recall ≥ 0.95 and high precision ≥ 0.8", () => {
    const rows = LEVELS.map((lvl) => {
      const tp = results.filter((r) => r.expected === lvl && r.got === lvl).length;
      const predicted = results.filter((r) => r.got === lvl).length;
      const actual = results.filter((r) => r.expected === lvl).length;
      return {
        level: lvl,
        expected: actual,
        scored: predicted,
        correct: tp,
        precision: predicted === 0 ? 1 : tp / predicted,
        recall: actual === 0 ? 1 : tp / actual,
      };
    });
    const fmt = (x: number) => x.toFixed(3);
    const lines = [
      `risk scorer on ${results.length} fixtures (${results.filter((r) => r.lang === "nl").length} nl, ${results.filter((r) => r.lang === "en").length} en)`,
      "level     expected  scored  correct  precision  recall",
      ...rows.map(
        (r) =>
          `${r.level.padEnd(9)} ${String(r.expected).padStart(8)} ${String(r.scored).padStart(7)} ${String(r.correct).padStart(8)}  ${fmt(r.precision).padStart(9)}  ${fmt(r.recall).padStart(6)}`,
      ),
    ];
    for (const lang of ["nl", "en"] as const) {
      const highs = results.filter((r) => r.lang === lang && r.expected === "high");
      lines.push(`high recall ${lang}: ${highs.filter((r) => r.got === "high").length}/${highs.length}`);
    }
    const wrong = results.filter((r) => r.got !== r.expected);
    lines.push(`disagreements (${wrong.length}):`);
    for (const r of wrong) lines.push(`  expected ${r.expected.padEnd(7)} scored ${r.got.padEnd(7)} ${JSON.stringify(r.text)}`);
    console.log(lines.join("\n"));

    const high = rows.find((r) => r.level === "high");
    expect(high?.recall).toBeGreaterThanOrEqual(0.95);
    expect(high?.precision).toBeGreaterThanOrEqual(0.8);
  });

  it("never scores an expected-high message as none", () => {
    const missed = results.filter((r) => r.expected === "high" && r.got === "none").map((r) => r.text);
    expect(missed, `expected high, scored none:\n${missed.join("\n")}`).toEqual([]);
  });
});
