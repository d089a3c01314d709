/**
 * Meaning units: a set of words that must all occur, in any order, within a few words of each other
 * inside one clause ("vanavond maak ik er een eind aan" holds {eind, maak, vanavond}). Words match
 * by stem (stems.ts), so inflections and irregular forms need no listing. The scorer applies the
 * same negation, idiom, topic and past-tense checks to a unit match as to a phrase match.
 */
import { type StemLanguage, stemKey, tokenKeys } from "./stems";

/** One unit as written in units.<lang>.json. */
export interface UnitEntry {
  id: string;
  /** "cue": not a signal alone; counts with a concern or after an earlier signal (context.ts). */
  level: "concern" | "high" | "cue";
  /** The top grade: intent with a plan, means or a time, an attempt in progress, danger now. */
  acute?: boolean;
  about: string;
  /**
   * One item per word that must be present; "a/b" are alternatives. A word matches by stem in the
   * file's language; "=word" only exactly; "word*" any token starting with it; "#" any number;
   * "#5" a number of at least 5.
   */
  words: string[];
  /** How many tokens the matched words may span (default RISK_UNIT_WINDOW). */
  window?: number;
  /** Words (by stem, or "=exact") that cancel the unit when they occur anywhere in the message. */
  unless?: string[];
}

export interface UnitFile {
  about: string;
  language: StemLanguage;
  units: UnitEntry[];
}

/** Default span of a unit in tokens: a clause's worth, a filler word or two to spare. */
export const RISK_UNIT_WINDOW = 7;

/** A token of the normalised text: its characters' place and its clause. */
export interface Token {
  text: string;
  start: number;
  end: number;
  clause: number;
}

/** A unit found in a text: which tokens carried its words. */
export interface UnitMatch {
  unit: CompiledUnit;
  /** Token indices of the unit's words, ascending. */
  positions: number[];
}

export interface CompiledUnit {
  id: string;
  level: "concern" | "high" | "cue";
  acute: boolean;
  window: number;
  slots: number;
  /** Keys that cancel the unit anywhere in the message. */
  unless: ReadonlySet<string>;
  /** Keys that are the unit's own words: a negation among them is part of its meaning. */
  ownKeys: ReadonlySet<string>;
}

class UnitError extends Error {}

/** Splits normalised text ("a b | c") into word tokens, numbering clauses at each "|". */
export function tokenize(norm: string): Token[] {
  const tokens: Token[] = [];
  let clause = 0;
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(norm)) !== null) {
    if (m[0] === "|") {
      clause++;
      continue;
    }
    tokens.push({ text: m[0], start: m.index, end: m.index + m[0].length, clause });
  }
  return tokens;
}

/** What one word of a unit accepts: stem or exact keys, prefixes, or a number of at least N. */
interface SlotSpec {
  keys: Set<string>;
  prefixes: string[];
  numberMin: number | undefined;
}

/**
 * The compiled units of all files. Each unit is indexed by one "anchor" word, its most specific
 * (longest) one, so a message only checks the few units whose anchor it contains; common words
 * ("ik", "me", "niet") then cost nothing.
 */
export class UnitMatcher {
  readonly units: CompiledUnit[] = [];
  private readonly specs: SlotSpec[][] = [];
  private readonly anchorKeys = new Map<string, number[]>();
  private readonly anchorPrefixes: Array<{ prefix: string; unit: number }> = [];
  private readonly anchorNumbers: Array<{ min: number; unit: number }> = [];

  constructor(files: UnitFile[], normalizeWord: (w: string) => string) {
    for (const file of files) {
      for (const entry of file.units) {
        try {
          this.add(entry, file.language, normalizeWord);
        } catch (err) {
          if (err instanceof UnitError) throw new Error(`risk units ${file.language}: "${entry.id}": ${err.message}`);
          throw err;
        }
      }
    }
  }

  private add(entry: UnitEntry, lang: StemLanguage, normalizeWord: (w: string) => string): void {
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(entry.id)) throw new UnitError("id must be kebab-case");
    if (!["high", "concern", "cue"].includes(entry.level)) throw new UnitError("level must be high, concern or cue");
    if (!Array.isArray(entry.words) || entry.words.length === 0) throw new UnitError("needs at least one word");
    if (typeof entry.about !== "string" || entry.about.trim() === "") throw new UnitError("needs an about");
    const index = this.units.length;
    const ownKeys = new Set<string>();
    // How specific a slot is: its shortest alternative's length (a bare number counts as 0).
    const specificity: number[] = [];
    const specs = entry.words.map((item): SlotSpec => {
      const spec: SlotSpec = { keys: new Set(), prefixes: [], numberMin: undefined };
      let shortest = Infinity;
      for (const alt of item.split("/")) {
        const number = /^#([0-9]*)$/.exec(alt);
        if (number) {
          const min = Number(number[1] || 0);
          spec.numberMin = spec.numberMin === undefined ? min : Math.min(spec.numberMin, min);
          shortest = 0;
          continue;
        }
        if (alt.endsWith("*")) {
          const prefix = normalizeWord(alt.slice(0, -1));
          if (prefix.length < 3 || prefix.includes(" ")) throw new UnitError(`prefix too short: "${alt}"`);
          spec.prefixes.push(prefix);
          shortest = Math.min(shortest, prefix.length);
          continue;
        }
        const key = wordKey(alt, lang, normalizeWord);
        ownKeys.add(key);
        spec.keys.add(key);
        shortest = Math.min(shortest, key.length - key.indexOf(":") - 1);
      }
      specificity.push(shortest);
      return spec;
    });
    const unless = new Set((entry.unless ?? []).map((w) => wordKey(w, lang, normalizeWord)));
    const window = entry.window ?? RISK_UNIT_WINDOW;
    if (window < entry.words.length) throw new UnitError("window is smaller than the number of words");
    this.units.push({ id: entry.id, level: entry.level, acute: entry.acute === true, window, slots: entry.words.length, unless, ownKeys });
    this.specs.push(specs);

    const anchor = specs[specificity.indexOf(Math.max(...specificity))]!;
    for (const key of anchor.keys) this.anchorKeys.set(key, [...(this.anchorKeys.get(key) ?? []), index]);
    for (const prefix of anchor.prefixes) this.anchorPrefixes.push({ prefix, unit: index });
    if (anchor.numberMin !== undefined) this.anchorNumbers.push({ min: anchor.numberMin, unit: index });
  }

  /**
   * Every unit whose words all occur within its window in one clause, once per unit. A unit whose
   * words occur but an `unless` word cancels it is not returned; `onCancelled` hears of it.
   */
  match(tokens: Token[], onCancelled?: (unit: CompiledUnit) => void): UnitMatch[] {
    const keysAt = tokens.map((t) => tokenKeys(t.text));
    const numbers = tokens.map((t) => (/^[0-9]+$/.test(t.text) ? Number(t.text) : undefined));
    const candidates = new Set<number>();
    tokens.forEach((tok, pos) => {
      for (const key of keysAt[pos]!) for (const u of this.anchorKeys.get(key) ?? []) candidates.add(u);
      for (const a of this.anchorPrefixes) if (tok.text.startsWith(a.prefix)) candidates.add(a.unit);
      const n = numbers[pos];
      if (n !== undefined) for (const a of this.anchorNumbers) if (n >= a.min) candidates.add(a.unit);
    });

    const found: UnitMatch[] = [];
    for (const u of candidates) {
      const accepts = (spec: SlotSpec, pos: number): boolean => {
        if (keysAt[pos]!.some((k) => spec.keys.has(k))) return true;
        if (spec.prefixes.some((p) => tokens[pos]!.text.startsWith(p))) return true;
        const n = numbers[pos];
        return spec.numberMin !== undefined && n !== undefined && n >= spec.numberMin;
      };
      const slots: number[][] = [];
      for (const spec of this.specs[u]!) {
        const at: number[] = [];
        for (let pos = 0; pos < tokens.length; pos++) if (accepts(spec, pos)) at.push(pos);
        if (at.length === 0) break;
        slots.push(at);
      }
      const unit = this.units[u]!;
      if (slots.length < unit.slots) continue;
      const positions = placeWithin(slots, tokens, unit.window);
      if (!positions) continue;
      const cancelled = unit.unless.size > 0 && keysAt.some((keys) => keys.some((k) => unit.unless.has(k)));
      if (!cancelled) found.push({ unit, positions });
      else onCancelled?.(unit);
    }
    return found;
  }
}

/** A word of a unit file as a key: "=word" exact, otherwise its stem in the file's language. */
function wordKey(word: string, lang: StemLanguage, normalizeWord: (w: string) => string): string {
  const exact = word.startsWith("=");
  const norm = normalizeWord(exact ? word.slice(1) : word);
  if (!norm || norm.includes(" ") || norm.includes("|")) throw new UnitError(`not one word: "${word}"`);
  return exact || norm.length <= 2 || /^[0-9]+$/.test(norm) ? `=${norm}` : stemKey(norm, lang);
}

/**
 * One distinct token per slot, all in one clause and within `window` tokens, or undefined. Tries
 * each hit as the window's start (slots filled in order with the first free position) and keeps
 * the tightest placement.
 */
function placeWithin(slots: number[][], tokens: Token[], window: number): number[] | undefined {
  const starts = [...new Set(slots.flat())].sort((a, b) => a - b);
  let best: number[] | undefined;
  for (const start of starts) {
    const clause = tokens[start]!.clause;
    const used: number[] = [];
    for (const list of slots) {
      const pos = list.find((p) => p >= start && p < start + window && !used.includes(p) && tokens[p]!.clause === clause);
      if (pos === undefined) break;
      used.push(pos);
    }
    if (used.length < slots.length) continue;
    used.sort((a, b) => a - b);
    // The tightest placement: context checks (past tense, negation) then look at the right words.
    if (!best || used[used.length - 1]! - used[0]! < best[best.length - 1]! - best[0]!) best = used;
  }
  return best;
}
