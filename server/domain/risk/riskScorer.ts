/**
 * Risk triage: a pure, fast reader of one youth message (with the conversation's last few messages
 * as context) that says whether it suggests danger. It is a safety net for the volunteer and the
 * on-duty professional, not a diagnosis: see docs/RISK.md. Two kinds of data drive it: phrases
 * (phrases.nl.json, phrases.en.json: word sequences, idioms, negations) and meaning units
 * (units.nl.json, units.en.json: sets of stemmed words in any order within a clause). Nothing here
 * logs or keeps the text.
 */

import { applyContext, contextCouldMatter, INTENT_SIGNALS, type MessageScore, type RiskContext } from "./context";
import { baseNormalize, buildVariantRewriter, variantTable } from "./normalise";
import { compileList, RISK_WINDOWS } from "./phrases";
import en from "./phrases.en.json" with { type: "json" };
import nl from "./phrases.nl.json" with { type: "json" };
import { createRiskReader, type ReaderWeights, type RiskReader } from "./reader";
import readerWeights from "./reader.weights.json" with { type: "json" };
import { tokenKeys } from "./stems";
import { type Token, tokenize, type UnitEntry, type UnitFile, UnitMatcher } from "./units";
import unitsEn from "./units.en.json" with { type: "json" };
import unitsNl from "./units.nl.json" with { type: "json" };

export type { RiskContext } from "./context";
export { RISK_WINDOWS } from "./phrases";

export type RiskLevel = "none" | "concern" | "high";

export interface RiskResult {
  level: RiskLevel;
  /** Ids of the signals found (after negation, topic and idiom checks), high first. */
  signals: string[];
  /**
   * The top grade within high: intent with a plan, means or a time; an attempt or overdose in
   * progress; danger happening now. Always false below high.
   */
  acute: boolean;
  /**
   * False when the conversation's earlier messages cannot change this score: a caller scoring
   * without context may then skip reading them (see `contextCouldMatter`).
   */
  contextMatters: boolean;
}

export interface PhraseEntry {
  /** Signal id, shared across languages for the same meaning (e.g. "self-harm"). */
  id: string;
  about?: string;
  /** A match of this entry at high is acute (an overdose taken, danger now). */
  acute?: boolean;
  patterns: string[];
}

/** One language's phrase file. Every list is applied to every message, whatever its language. */
export interface PhraseLists {
  about?: string;
  language: string;
  high: PhraseEntry[];
  concern: PhraseEntry[];
  /** Words that cancel a phrase when they come just before it (or inside its `..` gap). */
  negations: string[];
  /** Phrases that turn a high match into concern: past tense, other people's words. */
  downgrades: string[];
  /** Phrases that mark talk about a school topic, book or film: a match after one is dropped. */
  topics: string[];
  /** Idioms and names: a match that overlaps one is dropped ("dood van het lachen"). */
  ignore: string[];
  /** Words that end the reach of negations, downgrades and topics ("maar", "but"). */
  breakers: string[];
  /** Subject pronouns: a negation does not reach past one ("im not ok i want to die"). */
  subjects: string[];
  /** Spelling variants rewritten before matching ("mn" -> "mijn", "kwil" -> "ik wil"). */
  variants: Record<string, string>;
}

/** One language's meaning units, with the words the context rules need. */
export interface UnitLists extends UnitFile {
  /** Words that put an intent in time ("vanavond", "tonight"): intent with one is acute. */
  time: string[];
  /** Short answers that mean yes ("ja", "soms", "yeah") to a volunteer's question. */
  affirmatives: string[];
  /**
   * Laughter and embarrassment markers ("haha", "lol", "genant"): with one in the message, wanting
   * to die or to kill oneself is read as hyperbole and counts as concern, never higher.
   */
  jokes: string[];
  /** Topics of a volunteer's question about suicide or self-harm; the id is the answer's signal. */
  questions: UnitEntry[];
}

/** Scores one youth message; `context` holds the conversation's recent messages (see context.ts). */
export type RiskScorer = (text: string, context?: RiskContext) => RiskResult;

const LEVEL_RANK: Record<RiskLevel, number> = { none: 0, concern: 1, high: 2 };
/** Signals a joke marker caps at concern ("ik wil dood haha zo genant"); plans, means and harm are never capped. */
const HYPERBOLE: ReadonlySet<string> = new Set(["suicidal-ideation", "suicide-intent"]);

interface CompiledEntry {
  id: string;
  level: "concern" | "high";
  acute: boolean;
  regex: RegExp;
}

function validateLists(lists: PhraseLists[]): void {
  const arrays = ["high", "concern", "negations", "downgrades", "topics", "ignore", "breakers", "subjects"] as const;
  for (const list of lists) {
    const name = typeof list?.language === "string" ? list.language : "?";
    for (const key of arrays) {
      if (!Array.isArray(list[key])) throw new Error(`risk phrase list ${name}: "${key}" must be an array`);
    }
    if (typeof list.variants !== "object" || list.variants === null || Array.isArray(list.variants)) {
      throw new Error(`risk phrase list ${name}: "variants" must be an object`);
    }
    for (const level of ["high", "concern"] as const) {
      for (const entry of list[level]) {
        if (typeof entry.id !== "string" || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(entry.id)) {
          throw new Error(`risk phrase list ${name}: ${level} entry id "${String(entry.id)}" must be kebab-case`);
        }
        if (!Array.isArray(entry.patterns) || entry.patterns.length === 0) {
          throw new Error(`risk phrase list ${name}: entry "${entry.id}" needs at least one pattern`);
        }
      }
    }
  }
}

/**
 * Where the second reader's probability (reader.ts) moves the lists' level. Chosen on set C, the
 * development set, before the hold-outs (sets E and F) were measured; docs/RISK.md has the figures.
 */
export interface ReaderThresholds {
  veto: number;
  alone: number;
}

export const READER: ReaderThresholds = {
  /** A listed high the reader gives less than this is read as harmless use of the words: concern. */
  veto: 0.2,
  /** At or above this the reader alone makes a message high (signal "reader"). */
  alone: 0.6,
};

interface Ranked {
  rank: number;
  signals: string[];
  acute: boolean;
}

/**
 * The lists' result with the reader's probability `p` for the message on its own. The reader can
 * only turn down a high the message reached by itself (not one its context raised, such as "ja"
 * after a question about suicide), and never an acute one. It raises nothing in a message where the
 * lists turned a match down (negated, an idiom, a joke): a bag of words cannot read "niet".
 */
function withReader(listed: Ranked, withoutContext: Ranked, declined: boolean, p: number, at: ReaderThresholds): Ranked {
  if (listed.rank === LEVEL_RANK.high) {
    const ownHigh = withoutContext.rank === LEVEL_RANK.high;
    if (p < at.veto && ownHigh && !listed.acute) return { ...listed, rank: LEVEL_RANK.concern, acute: false };
    return listed;
  }
  if (declined) return listed;
  if (p >= at.alone) return { rank: LEVEL_RANK.high, signals: ["reader", ...listed.signals], acute: false };
  return listed;
}

/** Words that open a plain yes; weaker affirmatives ("net", "soms", "wel") only count in short replies. */
const PLAIN_YES: ReadonlySet<string> = new Set([
  "ja",
  "jaa",
  "jah",
  "jawel",
  "jep",
  "jup",
  "yes",
  "yess",
  "yeah",
  "yea",
  "yep",
  "yup",
  "ya",
]);

/**
 * Builds a scorer from phrase lists and unit lists, and optionally the second reader. All work that can be done once (normalising,
 * compiling every pattern and stemming every unit word) is done here. Throws on a malformed list,
 * naming the entry and pattern.
 */
export function createRiskScorer(
  lists: PhraseLists[],
  unitLists: UnitLists[] = [],
  reader?: RiskReader,
  thresholds: ReaderThresholds = READER,
): RiskScorer {
  validateLists(lists);
  const rewrite = buildVariantRewriter(variantTable(lists.map((l) => l.variants)));
  const normalize = (text: string): string => rewrite(baseNormalize(text));
  const normalizeWord = (w: string): string => normalize(w);

  const entries: CompiledEntry[] = [];
  for (const level of ["high", "concern"] as const) {
    // Merge entries with the same id and level across languages into one expression.
    const byId = new Map<string, { patterns: string[]; acute: boolean }>();
    for (const list of lists) {
      for (const entry of list[level]) {
        const had = byId.get(entry.id);
        byId.set(entry.id, { patterns: [...(had?.patterns ?? []), ...entry.patterns], acute: Boolean(had?.acute || entry.acute) });
      }
    }
    for (const [id, { patterns, acute }] of byId) {
      const regex = compileList(patterns, rewrite, `${level} "${id}"`);
      if (regex) entries.push({ id, level, acute, regex });
    }
  }
  const units = new UnitMatcher(unitLists, normalizeWord);
  const questions = new UnitMatcher(
    unitLists.map((u) => ({ about: u.about, language: u.language, units: u.questions.map((q) => ({ ...q, level: "high" as const })) })),
    normalizeWord,
  );
  const wordSet = (words: string[]) => new Set(words.flatMap((w) => normalize(w).split(" ")).filter((w) => w && w !== "|"));
  const timeWords = wordSet(unitLists.flatMap((u) => u.time));
  const affirmatives = wordSet(unitLists.flatMap((u) => u.affirmatives));
  const jokes = wordSet(unitLists.flatMap((u) => u.jokes));

  const all = (key: "negations" | "downgrades" | "topics" | "ignore") => lists.flatMap((l) => l[key]);
  const negationRe = compileList(all("negations"), rewrite, "negations");
  const downgradeRe = compileList(all("downgrades"), rewrite, "downgrades");
  const topicRe = compileList(all("topics"), rewrite, "topics");
  const ignoreRe = compileList(all("ignore"), rewrite, "ignore");
  const breakers = wordSet(lists.flatMap((l) => l.breakers));
  const subjects = wordSet(lists.flatMap((l) => l.subjects));
  const negations = wordSet(all("negations"));

  /** The words a negation may stand in: up to N before the match, not past a subject pronoun. */
  const negationReach = (before: string[], matched: string): string[] => {
    const first = matched.split(" ", 1)[0] ?? "";
    if (subjects.has(first)) return [];
    const reach: string[] = [];
    for (let i = before.length - 1; i >= 0 && reach.length < RISK_WINDOWS.negation; i--) {
      const w = before[i] as string;
      if (subjects.has(w)) break;
      reach.unshift(w);
    }
    return reach;
  };

  const test = (re: RegExp | undefined, words: string[]): boolean => {
    if (!re || words.length === 0) return false;
    re.lastIndex = 0;
    return re.test(words.join(" "));
  };

  /** Spans of idioms in the text. */
  const ignoreSpans = (text: string): Array<[number, number]> => {
    const spans: Array<[number, number]> = [];
    if (!ignoreRe) return spans;
    ignoreRe.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = ignoreRe.exec(text)) !== null) {
      spans.push([m.index, m.index + m[0].length]);
      ignoreRe.lastIndex = m.index + 1;
    }
    return spans;
  };

  /** The words of the sentence before and after a match, cut at the nearest breaker word. */
  const around = (text: string, start: number, end: number): { before: string[]; after: string[] } => {
    const sentenceStart = text.lastIndexOf("|", start) + 1;
    let sentenceEnd = text.indexOf("|", end);
    if (sentenceEnd === -1) sentenceEnd = text.length;
    const beforeAll = text.slice(sentenceStart, start).split(" ").filter(Boolean);
    const afterAll = text.slice(end, sentenceEnd).split(" ").filter(Boolean);
    let from = 0;
    for (let i = beforeAll.length - 1; i >= 0; i--) {
      if (breakers.has(beforeAll[i] as string)) {
        from = i + 1;
        break;
      }
    }
    let to = afterAll.findIndex((w) => breakers.has(w));
    if (to === -1) to = afterAll.length;
    return { before: beforeAll.slice(from), after: afterAll.slice(0, to) };
  };

  /** The rank a match keeps after idiom, negation, topic and past-tense checks (0: dropped). */
  const judge = (
    norm: string,
    spans: Array<[number, number]>,
    start: number,
    end: number,
    level: "concern" | "high",
    negatedInside: boolean,
  ): number => {
    if (spans.some(([s, e]) => s < end && start < e)) return 0;
    const { before, after } = around(norm, start, end);
    if (negatedInside || test(negationRe, negationReach(before, norm.slice(start, end)))) return 0;
    if (test(topicRe, before.slice(-RISK_WINDOWS.topic))) return 0;
    if (
      level === "high" &&
      (test(downgradeRe, before.slice(-RISK_WINDOWS.downgradeBefore)) || test(downgradeRe, after.slice(0, RISK_WINDOWS.downgradeAfter)))
    ) {
      return LEVEL_RANK.concern;
    }
    return LEVEL_RANK[level];
  };

  /** Whether the clause around a character position holds a time word ("vanavond", "tonight"). */
  const timeInClause = (tokens: Token[], at: number): boolean => {
    const tok = tokens.find((t) => t.end >= at) ?? tokens[tokens.length - 1];
    return tok !== undefined && tokens.some((t) => t.clause === tok.clause && timeWords.has(t.text));
  };

  const scoreOne = (text: string): MessageScore => scoreNormalised(typeof text === "string" ? normalize(text) : "");

  const scoreNormalised = (norm: string): MessageScore => {
    const result: MessageScore = {
      signals: new Map(),
      acute: false,
      intentInTime: false,
      tokens: 0,
      affirmative: false,
      leadingYes: false,
      negative: false,
      concernHits: 0,
      cues: new Set(),
      declined: false,
    };
    if (norm.length === 0) return result;
    const tokens = tokenize(norm);
    result.tokens = tokens.length;
    result.affirmative = tokens.some((t) => affirmatives.has(t.text));
    result.leadingYes = tokens[0] !== undefined && PLAIN_YES.has(tokens[0].text);
    result.negative = tokens.some((t) => negations.has(t.text) || t.text === "nee" || t.text === "no" || t.text === "nope");
    let spans: Array<[number, number]> | undefined;
    const joking = tokens.some((t) => jokes.has(t.text));
    const farewellAt: Array<[number, number]> = [];
    const counted = new Set<string>();
    /** Records a match; one turned down (past, other people's words, a joke) never adds up with another. */
    const found = (id: string, level: "concern" | "high", matched: number, acute: boolean, at: number, end: number) => {
      const rank = joking && HYPERBOLE.has(id) ? Math.min(matched, LEVEL_RANK.concern) : matched;
      if (rank < LEVEL_RANK[level]) result.declined = true;
      if (rank === 0) return;
      const countable = rank === LEVEL_RANK[level];
      if (rank === LEVEL_RANK.concern && countable && !counted.has(id)) {
        counted.add(id);
        result.concernHits++;
      }
      if (rank === LEVEL_RANK.concern && countable && id === "farewell" && !farewellAt.some(([s, e]) => s < end && at < e)) {
        farewellAt.push([at, end]);
        if (farewellAt.length === 2) result.concernHits++; // two separate goodbyes
      }
      if (rank > (result.signals.get(id) ?? 0)) result.signals.set(id, rank);
      if (rank === LEVEL_RANK.high && acute) result.acute = true;
      if (rank === LEVEL_RANK.high && INTENT_SIGNALS.has(id) && timeInClause(tokens, at)) result.intentInTime = true;
    };

    for (const entry of entries) {
      const re = entry.regex;
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(norm)) !== null) {
        const start = m.index;
        const end = start + m[0].length;
        re.lastIndex = start + 1;
        spans ??= ignoreSpans(norm);
        const gapWords = m
          .slice(1)
          .filter((g): g is string => typeof g === "string" && g.length > 0)
          .flatMap((g) => g.split(" ").filter(Boolean));
        const rank = judge(
          norm,
          spans,
          start,
          end,
          entry.level,
          gapWords.some((w) => test(negationRe, [w])),
        );
        found(entry.id, entry.level, rank, entry.acute, start, end);
        if (rank === LEVEL_RANK.high) break; // this entry cannot do better in this message
      }
    }

    const cancelledHigh = (unit: { level: string }) => {
      if (unit.level === "high") result.declined = true;
    };
    for (const { unit, positions } of units.match(tokens, cancelledHigh)) {
      const first = tokens[positions[0]!]!;
      const last = tokens[positions[positions.length - 1]!]!;
      spans ??= ignoreSpans(norm);
      let negatedInside = false;
      const after = tokens[positions[positions.length - 1]! + 1];
      if (after && after.clause === last.clause && negations.has(after.text) && !unit.ownKeys.has(`=${after.text}`)) negatedInside = true;
      for (let i = positions[0]! + 1; i < positions[positions.length - 1]!; i++) {
        const t = tokens[i]!;
        if (negations.has(t.text) && !tokenKeys(t.text).some((k) => unit.ownKeys.has(k))) negatedInside = true;
      }
      // A negation that is one of the unit's own words ("niet meer leven") is part of its meaning.
      if (unit.level === "cue") {
        if (judge(norm, spans, first.start, last.end, "concern", negatedInside) > 0) result.cues.add(unit.id);
        continue;
      }
      found(unit.id, unit.level, judge(norm, spans, first.start, last.end, unit.level, negatedInside), unit.acute, first.start, last.end);
    }
    // A laughing message or an idiom ("dood van de honger") is the lists' reading too.
    if (joking || (spans ?? ignoreSpans(norm)).length > 0) result.declined = true;
    return result;
  };

  return (text: string, context?: RiskContext): RiskResult => {
    const norm = typeof text === "string" ? normalize(text) : "";
    const current = scoreNormalised(norm);
    const contextMatters = contextCouldMatter(current);
    const listed = applyContext(current, context, scoreOne, (staff) => staffQuestion(staff));
    const { rank, signals, acute } = reader
      ? withReader(
          listed,
          applyContext(current, undefined, scoreOne, () => undefined),
          current.declined,
          reader(norm),
          thresholds,
        )
      : listed;
    if (rank === 0) return { level: "none", signals: [], acute: false, contextMatters };
    return { level: rank === LEVEL_RANK.high ? "high" : "concern", signals, acute: rank === LEVEL_RANK.high && acute, contextMatters };
  };

  /** The signal a volunteer's question asks about ("denk je aan zelfmoord?"), if any. */
  function staffQuestion(staff: string): string | undefined {
    const norm = normalize(staff);
    if (!norm) return undefined;
    const hits = questions.match(tokenize(norm));
    return hits[0]?.unit.id;
  }
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
