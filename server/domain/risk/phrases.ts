/**
 * The phrase pattern compiler: a phrase file's patterns ("wil .. dood", "zelfmoord*", "# pillen",
 * "ik wil niet meer $") become one regular expression per entry over normalised text. Syntax: see
 * README.md in this folder.
 */
import { baseNormalize, escapeRegExp } from "./normalise";
import type { PhraseLists } from "./riskTypes";

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

const WORD = "[a-z0-9]";

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

/** One expression for a list of patterns, longest first; throws naming the list and the pattern. */
export function compileList(patterns: string[], rewrite: (s: string) => string, where: string): RegExp | undefined {
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

/** Checks a phrase file's shape before anything is compiled, naming what is wrong. */
export function validateLists(lists: PhraseLists[]): void {
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

export interface CompiledEntry {
  id: string;
  level: "concern" | "high";
  acute: boolean;
  regex: RegExp;
}

export function testWords(re: RegExp | undefined, words: string[]): boolean {
  if (!re || words.length === 0) return false;
  re.lastIndex = 0;
  return re.test(words.join(" "));
}

/** Phrase entries with the same id and level across languages, merged into one expression each. */
export function compileEntries(lists: PhraseLists[], rewrite: (s: string) => string): CompiledEntry[] {
  const entries: CompiledEntry[] = [];
  for (const level of ["high", "concern"] as const) {
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
  return entries;
}
