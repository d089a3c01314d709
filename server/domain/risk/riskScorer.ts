/**
 * Risk triage: a pure, fast reader of one youth message (with the conversation's last few messages
 * as context) that says whether it suggests danger. It is a safety net for the volunteer and the
 * on-duty professional, not a diagnosis: see docs/RISK.md. It composes three pure parts: the lists'
 * reading (listReader.ts: phrases and stemmed meaning units as data), the conversation's context
 * (context.ts) and the second reader (reader.ts, a trained linear model; readerVerdict.ts says how it
 * moves the level). Nothing here logs or keeps the text.
 */

import { applyContext, contextCouldMatter, contextSupports, type RiskContext } from "./context";
import { ListReader } from "./listReader";
import { baseNormalize, buildVariantRewriter, variantTable } from "./normalise";
import en from "./phrases.en.json" with { type: "json" };
import nl from "./phrases.nl.json" with { type: "json" };
import { createRiskReader, type ReaderWeights, type RiskReader } from "./reader";
import readerWeights from "./reader.weights.json" with { type: "json" };
import { READER, type ReaderThresholds, withReader } from "./readerVerdict";
import { LEVEL_RANK, type PhraseLists, type RiskResult, type RiskScorer, type UnitLists } from "./riskTypes";
import unitsEn from "./units.en.json" with { type: "json" };
import unitsNl from "./units.nl.json" with { type: "json" };

export type { RiskContext } from "./context";
export { RISK_WINDOWS } from "./phrases";
export type { RiskReader } from "./reader";
export { READER, type ReaderThresholds } from "./readerVerdict";
export type { PhraseEntry, PhraseLists, RiskLevel, RiskResult, RiskScorer, UnitLists } from "./riskTypes";

/**
 * Builds a scorer from phrase lists and unit lists, and optionally the second reader. All work that
 * can be done once (normalising, compiling every pattern and stemming every unit word) is done here.
 * Throws on a malformed list, naming the entry and pattern.
 */
export function createRiskScorer(
  lists: PhraseLists[],
  unitLists: UnitLists[] = [],
  reader?: RiskReader,
  thresholds: ReaderThresholds = READER,
): RiskScorer {
  const lr = new ListReader(lists, unitLists);
  const readOne = (text: string) => lr.readText(text);
  const staffAsks = (staff: string) => lr.staffAsks(staff);
  return (text: string, context?: RiskContext): RiskResult => {
    const norm = typeof text === "string" ? lr.normalize(text) : "";
    const current = lr.read(norm);
    const contextMatters = contextCouldMatter(current);
    const listed = applyContext(current, context, readOne, staffAsks);
    const { rank, signals, acute } = reader
      ? withReader(
          {
            listed,
            withoutContext: () => applyContext(current, undefined, readOne, () => ({ safety: false, followUp: false })),
            declined: current.declined,
            softened: current.softened,
            supported: () => contextSupports(context, readOne, staffAsks),
          },
          () => reader(norm),
          () => reader(sentencesAt(norm, current.highAt)),
          thresholds,
        )
      : listed;
    if (rank === 0) return { level: "none", signals: [], acute: false, contextMatters };
    return { level: rank === LEVEL_RANK.high ? "high" : "concern", signals, acute: rank === LEVEL_RANK.high && acute, contextMatters };
  };
}

/** The sentences ("|"-separated) of normalised text that hold any of the spans. */
export function sentencesAt(norm: string, spans: Array<[number, number]>): string {
  const kept: string[] = [];
  let start = 0;
  for (const sentence of norm.split("|")) {
    const end = start + sentence.length;
    if (spans.some(([s, e]) => s < end && start < e)) kept.push(sentence.trim());
    start = end + 1;
  }
  return kept.length > 0 ? kept.join(" | ") : norm;
}

/** For tests and tooling: the text exactly as the patterns see it. */
export function normalizeForRisk(text: string, lists: PhraseLists[] = DEFAULT_LISTS): string {
  return buildVariantRewriter(variantTable(lists.map((l) => l.variants)))(baseNormalize(text));
}

/** The shipped phrase lists, read once when this module loads. */
export const DEFAULT_LISTS: PhraseLists[] = [nl as PhraseLists, en as PhraseLists];
/** The shipped meaning units. */
export const DEFAULT_UNITS: UnitLists[] = [unitsNl as UnitLists, unitsEn as UnitLists];

let defaultScorer: RiskScorer | undefined;

/** The scorer over the shipped Dutch and English lists, compiled once and reused. */
export function loadDefaultRiskScorer(): RiskScorer {
  defaultScorer ??= createRiskScorer(DEFAULT_LISTS, DEFAULT_UNITS, createRiskReader(readerWeights as ReaderWeights));
  return defaultScorer;
}
