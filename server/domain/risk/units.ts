/**
 * Meaning units: a set of words that must all occur, in any order, within a few words of each other
 * inside one clause ("vanavond maak ik er een eind aan" holds {eind, maak, vanavond}). Words match
 * by stem (stems.ts), so inflections and irregular forms need no listing. The scorer applies the
 * same negation, idiom, topic and past-tense checks to a unit match as to a phrase match.
 */
import { stemKey, tokenKeys, type StemLanguage } from "./stems";

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

interface SlotRef {
  unit: number;
  slot: number;
}

/** The compiled units of all files, indexed by key for a single pass over a message's tokens. */
export class UnitMatcher {
  readonly units: CompiledUnit[] = [];
  private readonly byKey = new Map<string, SlotRef[]>();
  private readonly prefixes: Array<{ prefix: string; ref: SlotRef }> = [];
  /** "#" (any number) and "#N" (a number of at least N) slots. */
  private readonly numberRefs: Array<{ min: number; ref: SlotRef }> = [];

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
    entry.words.forEach((item, slot) => {
      for (const alt of item.split("/")) {
        const ref = { unit: index, slot };
        const number = /^#([0-9]*)$/.exec(alt);
        if (number) {
          this.numberRefs.push({ min: Number(number[1] || 0), ref });
          continue;
        }
        if (alt.endsWith("*")) {
          const prefix = normalizeWord(alt.slice(0, -1));
          if (prefix.length < 3 || prefix.includes(" ")) throw new UnitError(`prefix too short: "${alt}"`);
          this.prefixes.push({ prefix, ref });
          continue;
        }
        const key = wordKey(alt, lang, normalizeWord);
        ownKeys.add(key);
        this.byKey.set(key, [...(this.byKey.get(key) ?? []), ref]);
      }
    });
    const unless = new Set((entry.unless ?? []).map((w) => wordKey(w, lang, normalizeWord)));
    const window = entry.window ?? RISK_UNIT_WINDOW;
    if (window < entry.words.length) throw new UnitError("window is smaller than the number of words");
    this.units.push({ id: entry.id, level: entry.level, acute: entry.acute === true, window, slots: entry.words.length, unless, ownKeys });
  }

  /** Every unit whose words all occur within its window in one clause, once per unit. */
  match(tokens: Token[]): UnitMatch[] {
    // hits[unit][slot] = token positions, filled in one pass over the tokens.
    const hits = new Map<number, number[][]>();
    const keysAt: (readonly string[])[] = [];
    const note = (ref: SlotRef, pos: number) => {
      let slots = hits.get(ref.unit);
      if (!slots) {
        slots = Array.from({ length: this.units[ref.unit]!.slots }, () => []);
        hits.set(ref.unit, slots);
      }
      const list = slots[ref.slot]!;
      if (list[list.length - 1] !== pos) list.push(pos);
    };
    tokens.forEach((tok, pos) => {
      const keys = tokenKeys(tok.text);
      keysAt.push(keys);
      for (const key of keys) for (const ref of this.byKey.get(key) ?? []) note(ref, pos);
      for (const p of this.prefixes) if (tok.text.startsWith(p.prefix)) note(p.ref, pos);
      if (this.numberRefs.length > 0 && /^[0-9]+$/.test(tok.text)) {
        const n = Number(tok.text);
        for (const { min, ref } of this.numberRefs) if (n >= min) note(ref, pos);
      }
    });

    const found: UnitMatch[] = [];
    for (const [u, slots] of hits) {
      if (slots.some((s) => s.length === 0)) continue;
      const unit = this.units[u]!;
      const positions = placeWithin(slots, tokens, unit.window);
      if (!positions) continue;
      const cancelled = unit.unless.size > 0 && keysAt.some((keys) => keys.some((k) => unit.unless.has(k)));
      if (!cancelled) found.push({ unit, positions });
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
