/**
 * Risk triage: a pure, fast phrase matcher that reads one youth message and says whether it
 * suggests danger. It is a safety net for the volunteer and the on-duty professional, not a
 * diagnosis: see docs/RISK.md. The phrase lists are data (phrases.nl.json, phrases.en.json; the
 * format is described in README.md next to them). Nothing here logs or keeps the text.
 */
import en from "./phrases.en.json" with { type: "json" };
import nl from "./phrases.nl.json" with { type: "json" };

export type RiskLevel = "none" | "concern" | "high";

export interface RiskResult {
  level: RiskLevel;
  /** Ids of the phrase entries that matched (after negation, topic and idiom checks), high first. */
  signals: string[];
}

export interface PhraseEntry {
  /** Signal id, shared across languages for the same meaning (e.g. "self-harm"). */
  id: string;
  about?: string;
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
  /** Spelling variants rewritten before matching ("mn" -> "mijn", "wanna" -> "want to"). */
  variants: Record<string, string>;
}

export type RiskScorer = (text: string) => RiskResult;

/** How far (in words, within one sentence) each kind of context reaches. */
export const RISK_WINDOWS = {
  /** Words a `..` gap in a pattern may skip. */
  gap: 3,
  /** Words before a match searched for a negation. */
  negation: 3,
  /** Words before a match searched for a topic marker. */
  topic: 6,
  /** Words before a match searched for a downgrade marker. */
  downgradeBefore: 10,
  /** Words after a match searched for a downgrade marker. */
  downgradeAfter: 6,
} as const;

const LEVEL_RANK: Record<RiskLevel, number> = { none: 0, concern: 1, high: 2 };
const RANK_LEVEL: RiskLevel[] = ["none", "concern", "high"];
const LEET: Record<string, string> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", $: "s" };
const WORD = "[a-z0-9]";

// ---------------------------------------------------------------------------------------------
// Normalisation: the same steps for message text and for the words in patterns.
// ---------------------------------------------------------------------------------------------

/**
 * Lower case, accents off, apostrophes out ("don't" -> "dont"), censor stars out ("sh*t" -> "sht"),
 * leetspeak inside words ("d00d" -> "dood", "113" stays), sentence punctuation to " | ", anything
 * else to a space, and letters repeated three or more times cut to two ("dooooood" -> "dood").
 */
function baseNormalize(text: string): string {
  let s = text.normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase();
  s = s.replace(/['’‘`´]/g, "");
  s = s.replace(/(?<=[a-z])\*+(?=[a-z])/g, "");
  s = s.replace(/[.!?,;:()\[\]"“”\n\r\u2026|]+/g, " | ");
  s = s.replace(/[a-z0-9@$]+/g, (tok) =>
    /[a-z]/.test(tok) && /[0-9@$]/.test(tok) ? tok.replace(/[0-9@$]/g, (c) => LEET[c] ?? c) : tok,
  );
  s = s.replace(/[^a-z0-9|]+/g, " ");
  s = s.replace(/([a-z])\1{2,}/g, "$1$1");
  s = s.replace(/\s*\|[\s|]*/g, " | ").replace(/ +/g, " ").trim();
  return s;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function buildVariantRewriter(variants: Map<string, string>): (s: string) => string {
  if (variants.size === 0) return (s) => s;
  const keys = [...variants.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const re = new RegExp(`(?<![a-z0-9])(?:${keys.join("|")})(?![a-z0-9])`, "g");
  return (s) => s.replace(re, (m) => variants.get(m) ?? m);
}

// ---------------------------------------------------------------------------------------------
// Pattern compiler
// ---------------------------------------------------------------------------------------------

/** One word, tolerant of stretched letters in words of three letters or more ("diee" for "die"). */
function wordRegex(word: string): string {
  if (word.length <= 2 || /^[0-9]+$/.test(word)) return escapeRegExp(word);
  return word.replace(/([a-z0-9])\1*/g, (run) => {
    const c = run[0] as string;
    if (/[0-9]/.test(c)) return run;
    return run.length === 1 ? `${c}+` : `${c}{${run.length},}`;
  });
}

class PatternError extends Error {}

interface CompiledPattern {
  source: string;
  /** Literal characters; longer (more specific) patterns are tried first. */
  weight: number;
}

function compilePattern(pattern: string, rewrite: (s: string) => string): CompiledPattern {
  const items = pattern.trim().split(/\s+/);
  if (items.length === 0 || items[0] === "") throw new PatternError("empty pattern");
  let source = "";
  let weight = 0;
  items.forEach((item, i) => {
    if (item === "..") {
      if (i === 0 || i === items.length - 1) throw new PatternError("'..' must stand between words");
      if (items[i - 1] === ".." || items[i + 1] === "$") throw new PatternError("'..' must stand between words");
      source += `((?: ${WORD}+){0,${RISK_WINDOWS.gap}})`;
      return;
    }
    if (item === "$") {
      if (i !== items.length - 1 || i === 0) throw new PatternError("'$' may only end a pattern");
      source += "(?= ?(?:\\||$))";
      return;
    }
    let slotWeight = 0;
    const alts = item.split("/").map((alt) => {
      if (alt === "#") return `[0-9]+`;
      const prefix = alt.endsWith("*");
      const raw = prefix ? alt.slice(0, -1) : alt;
      if (raw.includes("*")) throw new PatternError(`'*' may only end a word: "${alt}"`);
      if (/[|]/.test(raw)) throw new PatternError(`'|' is not allowed: "${alt}"`);
      const words = rewrite(baseNormalize(raw)).split(" ").filter(Boolean);
      if (words.length === 0 || words.includes("|")) throw new PatternError(`no letters or digits in "${alt}"`);
      slotWeight = Math.max(slotWeight, words.join("").length);
      return words.map(wordRegex).join(" ?") + (prefix ? `${WORD}*` : "");
    });
    weight += slotWeight;
    if (i > 0) source += " ?";
    source += alts.length === 1 ? (alts[0] as string) : `(?:${alts.join("|")})`;
  });
  return { source, weight };
}

function compileList(patterns: string[], rewrite: (s: string) => string, where: string): RegExp | undefined {
  const compiled: CompiledPattern[] = [];
  for (const p of patterns) {
    try {
      compiled.push(compilePattern(p, rewrite));
    } catch (err) {
      if (err instanceof PatternError) throw new Error(`risk phrase list: ${where}: pattern "${p}": ${err.message}`);
      throw err;
    }
  }
  if (compiled.length === 0) return undefined;
  compiled.sort((a, b) => b.weight - a.weight);
  return new RegExp(`(?<![a-z0-9])(?:${compiled.map((c) => c.source).join("|")})(?![a-z0-9])`, "g");
}

// ---------------------------------------------------------------------------------------------
// Scorer
// ---------------------------------------------------------------------------------------------

interface CompiledEntry {
  id: string;
  level: "concern" | "high";
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
 * Builds a scorer from one or more phrase lists. All work that can be done once (normalising and
 * compiling every pattern) is done here; scoring a message only runs the compiled expressions.
 * Throws on a malformed list, naming the entry and pattern.
 */
export function createRiskScorer(lists: PhraseLists[]): RiskScorer {
  validateLists(lists);

  const variants = new Map<string, string>();
  for (const list of lists) {
    for (const [from, to] of Object.entries(list.variants)) {
      const key = baseNormalize(from);
      if (key && !key.includes("|")) variants.set(key, baseNormalize(to));
    }
  }
  const rewrite = buildVariantRewriter(variants);
  const normalize = (text: string): string => rewrite(baseNormalize(text));

  const entries: CompiledEntry[] = [];
  for (const level of ["high", "concern"] as const) {
    // Merge entries with the same id and level across languages into one expression.
    const byId = new Map<string, string[]>();
    for (const list of lists) {
      for (const entry of list[level]) byId.set(entry.id, [...(byId.get(entry.id) ?? []), ...entry.patterns]);
    }
    for (const [id, patterns] of byId) {
      const regex = compileList(patterns, rewrite, `${level} "${id}"`);
      if (regex) entries.push({ id, level, regex });
    }
  }

  const all = (key: "negations" | "downgrades" | "topics" | "ignore") => lists.flatMap((l) => l[key]);
  const negationRe = compileList(all("negations"), rewrite, "negations");
  const downgradeRe = compileList(all("downgrades"), rewrite, "downgrades");
  const topicRe = compileList(all("topics"), rewrite, "topics");
  const ignoreRe = compileList(all("ignore"), rewrite, "ignore");
  const breakers = new Set(lists.flatMap((l) => l.breakers).flatMap((b) => normalize(b).split(" ")));
  const subjects = new Set(lists.flatMap((l) => l.subjects).flatMap((b) => normalize(b).split(" ")));

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

  /** Spans of idioms in the text, found once per message and only when something matched. */
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
  const context = (text: string, start: number, end: number): { before: string[]; after: string[] } => {
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

  return (text: string): RiskResult => {
    if (typeof text !== "string" || text.length === 0) return { level: "none", signals: [] };
    const norm = normalize(text);
    if (norm.length === 0) return { level: "none", signals: [] };

    const found = new Map<string, number>();
    let best = 0;
    let spans: Array<[number, number]> | undefined;

    for (const entry of entries) {
      const re = entry.regex;
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(norm)) !== null) {
        const start = m.index;
        const end = start + m[0].length;
        re.lastIndex = start + 1;

        spans ??= ignoreSpans(norm);
        if (spans.some(([s, e]) => s < end && start < e)) continue;

        const { before, after } = context(norm, start, end);
        const gapWords = m
          .slice(1)
          .filter((g): g is string => typeof g === "string" && g.length > 0)
          .flatMap((g) => g.split(" ").filter(Boolean));
        if (test(negationRe, negationReach(before, m[0])) || gapWords.some((w) => test(negationRe, [w]))) {
          continue;
        }
        if (test(topicRe, before.slice(-RISK_WINDOWS.topic))) continue;

        let rank = LEVEL_RANK[entry.level];
        if (
          rank === LEVEL_RANK.high &&
          (test(downgradeRe, before.slice(-RISK_WINDOWS.downgradeBefore)) ||
            test(downgradeRe, after.slice(0, RISK_WINDOWS.downgradeAfter)))
        ) {
          rank = LEVEL_RANK.concern;
        }
        if (rank > (found.get(entry.id) ?? 0)) found.set(entry.id, rank);
        if (rank > best) best = rank;
        if (rank === LEVEL_RANK.high) break; // this entry cannot do better in this message
      }
    }

    if (best === 0) return { level: "none", signals: [] };
    const signals = [...found.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
    return { level: RANK_LEVEL[best] as RiskLevel, signals };
  };
}

/** For tests and tooling: the text exactly as the patterns see it. */
export function normalizeForRisk(text: string, lists: PhraseLists[] = DEFAULT_LISTS): string {
  const variants = new Map<string, string>();
  for (const list of lists) {
    for (const [from, to] of Object.entries(list.variants)) variants.set(baseNormalize(from), baseNormalize(to));
  }
  return buildVariantRewriter(variants)(baseNormalize(text));
}

/** The shipped lists, read once when this module loads. */
export const DEFAULT_LISTS: PhraseLists[] = [nl as PhraseLists, en as PhraseLists];

let defaultScorer: RiskScorer | undefined;

/** The scorer over the shipped Dutch and English lists, compiled once and reused. */
export function loadDefaultRiskScorer(): RiskScorer {
  defaultScorer ??= createRiskScorer(DEFAULT_LISTS);
  return defaultScorer;
}
