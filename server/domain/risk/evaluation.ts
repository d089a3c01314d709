/**
 * Measuring the risk scorer on a labelled evaluation set (test/fixtures/risk-eval/*.json): precision
 * and recall per level, high-or-concern recall per kind of message, and how often a harmless
 * message scores high. Used by the evaluation test and by `npm run bench`.
 */
import type { RiskContext, RiskLevel, RiskScorer } from "./riskScorer";

/** One message of an evaluation set, as its writers labelled it. */
export interface EvalItem {
  id: string;
  lang: "nl" | "en";
  text: string;
  level: RiskLevel;
  /** What kind of message it is ("farewell", "trap", "negation", …). */
  kind: string;
  /** Earlier messages of the conversation, oldest first. */
  context?: Array<{ from: "youth" | "volunteer" | string; text: string }>;
}

/** The scorer's context for an item: the youth's earlier messages and the volunteer's last one. */
export function contextOf(item: EvalItem): RiskContext | undefined {
  if (!item.context?.length) return undefined;
  const recent = item.context.filter((c) => c.from === "youth").map((c) => c.text);
  const staff = item.context.filter((c) => c.from !== "youth");
  const lastStaff = staff[staff.length - 1]?.text;
  return { recent, ...(lastStaff !== undefined && { lastStaff }) };
}

export interface LevelRow {
  level: RiskLevel;
  expected: number;
  scored: number;
  correct: number;
  precision: number;
  recall: number;
}

export interface KindRow {
  kind: string;
  expected: RiskLevel;
  n: number;
  high: number;
  concern: number;
  none: number;
  acute: number;
}

export interface EvalReport {
  n: number;
  nl: number;
  en: number;
  levels: LevelRow[];
  kinds: KindRow[];
  /** Expected none, scored high. */
  noneToHigh: { n: number; high: number; rate: number };
  /** Expected concern, scored high: an alert where the volunteer alone should have been enough. */
  concernToHigh: { n: number; high: number; rate: number };
  /** Recall of high; share of expected-high scored high or concern, per kind (high kinds only). */
  highRecall: number;
  scored: Array<EvalItem & { got: RiskLevel; acute: boolean }>;
}

const LEVELS: RiskLevel[] = ["high", "concern", "none"];

/** Scores every item (with its context) and tallies the figures. */
export function evaluate(items: EvalItem[], score: RiskScorer): EvalReport {
  const scored = items.map((item) => {
    const r = score(item.text, contextOf(item));
    return { ...item, got: r.level, acute: r.acute };
  });
  const levels = LEVELS.map((level): LevelRow => {
    const expected = scored.filter((s) => s.level === level).length;
    const got = scored.filter((s) => s.got === level).length;
    const correct = scored.filter((s) => s.level === level && s.got === level).length;
    return { level, expected, scored: got, correct, precision: got ? correct / got : 1, recall: expected ? correct / expected : 1 };
  });
  const kindNames = [...new Set(scored.map((s) => `${s.level}\u0000${s.kind}`))].sort();
  const kinds = kindNames.map((key): KindRow => {
    const [expected, kind] = key.split("\u0000") as [RiskLevel, string];
    const of = scored.filter((s) => s.level === expected && s.kind === kind);
    const count = (l: RiskLevel) => of.filter((s) => s.got === l).length;
    return {
      kind,
      expected,
      n: of.length,
      high: count("high"),
      concern: count("concern"),
      none: count("none"),
      acute: of.filter((s) => s.acute).length,
    };
  });
  const toHigh = (level: RiskLevel) => {
    const of = scored.filter((s) => s.level === level);
    const high = of.filter((s) => s.got === "high").length;
    return { n: of.length, high, rate: of.length ? high / of.length : 0 };
  };
  return {
    n: scored.length,
    nl: scored.filter((s) => s.lang === "nl").length,
    en: scored.filter((s) => s.lang === "en").length,
    levels,
    kinds,
    noneToHigh: toHigh("none"),
    concernToHigh: toHigh("concern"),
    highRecall: levels[0]!.recall,
    scored,
  };
}

/** A plain-text table of a report, for the test output and docs/RISK.md. */
export function formatReport(name: string, r: EvalReport): string {
  const f = (x: number) => x.toFixed(3);
  const lines = [
    `${name}: ${r.n} messages (${r.nl} nl, ${r.en} en)`,
    "level     expected  scored  correct  precision  recall",
    ...r.levels.map(
      (l) =>
        `${l.level.padEnd(9)} ${String(l.expected).padStart(8)} ${String(l.scored).padStart(7)} ${String(l.correct).padStart(8)}  ${f(l.precision).padStart(9)}  ${f(l.recall).padStart(6)}`,
    ),
    `none scored high: ${r.noneToHigh.high}/${r.noneToHigh.n} = ${(100 * r.noneToHigh.rate).toFixed(1)} %`,
    `concern scored high: ${r.concernToHigh.high}/${r.concernToHigh.n} = ${(100 * r.concernToHigh.rate).toFixed(1)} %`,
    "expected  kind                    n   high  concern  none  acute  high-or-concern",
    ...r.kinds.map(
      (k) =>
        `${k.expected.padEnd(9)} ${k.kind.padEnd(20)} ${String(k.n).padStart(4)} ${String(k.high).padStart(6)} ${String(k.concern).padStart(8)} ${String(k.none).padStart(5)} ${String(k.acute).padStart(6)}  ${f((k.high + k.concern) / k.n).padStart(15)}`,
    ),
  ];
  return lines.join("\n");
}
