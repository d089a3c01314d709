/**
 * The lists' reading of one message: phrases (word sequences with short gaps) and meaning units
 * (stemmed words in any order within a clause), each judged against idioms, negations, school
 * topics, past tense and jokes. Everything that can be compiled once is compiled in the constructor;
 * `read` is pure and keeps nothing.
 */
import { type MessageScore, PLAIN_YES, type StaffAsk } from "./context";
import { baseNormalize, buildVariantRewriter, variantTable } from "./normalise";
import { type CompiledEntry, compileEntries, compileList, RISK_WINDOWS, testWords, validateLists } from "./phrases";
import { Reading, type Span } from "./reading";
import { NO_WORDS, opensWithNo, pastObjects, STOPPED } from "./replies";
import { LEVEL_RANK, type PhraseLists, type UnitLists } from "./riskTypes";
import { tokenKeys } from "./stems";
import { type CompiledUnit, type Token, tokenize, UnitMatcher } from "./units";

function emptyScore(): MessageScore {
  return {
    signals: new Map(),
    acute: false,
    intentInTime: false,
    tokens: 0,
    affirmative: false,
    leadingYes: false,
    leadingNo: false,
    negative: false,
    concernHits: 0,
    cues: new Set(),
    highAt: [],
    declined: false,
    softened: false,
  };
}

export class ListReader {
  readonly normalize: (text: string) => string;
  private readonly entries: CompiledEntry[];
  private readonly units: UnitMatcher;
  private readonly questions: UnitMatcher;
  private readonly safetyQuestions: UnitMatcher;
  private readonly followUps: UnitMatcher;
  private readonly timeWords: ReadonlySet<string>;
  private readonly affirmatives: ReadonlySet<string>;
  private readonly jokes: ReadonlySet<string>;
  private readonly breakers: ReadonlySet<string>;
  private readonly subjects: ReadonlySet<string>;
  private readonly negations: ReadonlySet<string>;
  private readonly negationRe: RegExp | undefined;
  private readonly downgradeRe: RegExp | undefined;
  private readonly topicRe: RegExp | undefined;
  private readonly ignoreRe: RegExp | undefined;
  private readonly seriousRe: RegExp | undefined;

  /** Throws on a malformed list, naming the entry and pattern. */
  constructor(lists: PhraseLists[], unitLists: UnitLists[]) {
    validateLists(lists);
    const rewrite = buildVariantRewriter(variantTable(lists.map((l) => l.variants)));
    const normalize = (text: string): string => rewrite(baseNormalize(text));
    this.normalize = normalize;
    this.entries = compileEntries(lists, rewrite);
    this.units = new UnitMatcher(unitLists, normalize);
    const asking = (key: "questions" | "safetyQuestions" | "followUpQuestions") =>
      new UnitMatcher(
        unitLists.map((u) => ({
          about: u.about,
          language: u.language,
          units: (u[key] ?? []).map((q) => ({ ...q, level: "high" as const })),
        })),
        normalize,
      );
    this.questions = asking("questions");
    this.safetyQuestions = asking("safetyQuestions");
    this.followUps = asking("followUpQuestions");
    const wordSet = (words: string[]) => new Set(words.flatMap((w) => normalize(w).split(" ")).filter((w) => w && w !== "|"));
    const all = (key: "negations" | "downgrades" | "topics" | "ignore") => lists.flatMap((l) => l[key]);
    this.timeWords = wordSet(unitLists.flatMap((u) => u.time));
    this.affirmatives = wordSet(unitLists.flatMap((u) => u.affirmatives));
    this.jokes = wordSet(unitLists.flatMap((u) => u.jokes));
    this.breakers = wordSet(lists.flatMap((l) => l.breakers));
    this.subjects = wordSet(lists.flatMap((l) => l.subjects));
    this.negations = wordSet(all("negations"));
    this.negationRe = compileList(all("negations"), rewrite, "negations");
    this.downgradeRe = compileList(all("downgrades"), rewrite, "downgrades");
    this.topicRe = compileList(all("topics"), rewrite, "topics");
    this.ignoreRe = compileList(all("ignore"), rewrite, "ignore");
    this.seriousRe = compileList(
      unitLists.flatMap((u) => u.serious ?? []),
      rewrite,
      "serious",
    );
  }

  /** One message on its own, from raw text. */
  readText(text: string): MessageScore {
    return this.read(typeof text === "string" ? this.normalize(text) : "");
  }

  /** One message on its own, from normalised text. */
  read(norm: string): MessageScore {
    const result = emptyScore();
    if (norm.length === 0) return result;
    const tokens = tokenize(norm);
    result.tokens = tokens.length;
    result.affirmative = tokens.some((t) => this.affirmatives.has(t.text));
    result.leadingYes = tokens[0] !== undefined && PLAIN_YES.has(tokens[0].text);
    result.leadingNo = opensWithNo(tokens, this.negations);
    result.negative = tokens.some((t) => this.negations.has(t.text) || NO_WORDS.has(t.text));
    const joking = tokens.some((t) => this.jokes.has(t.text)) && !this.saysSerious(norm);
    const reading = new Reading(this, norm, tokens, result, joking);
    this.matchPhrases(reading);
    this.matchUnits(reading);
    // A laughing message or an idiom ("dood van de honger") is the lists' reading too.
    if (reading.joking || reading.spans().length > 0) result.softened = true;
    return result;
  }

  private saysSerious(norm: string): boolean {
    const re = this.seriousRe;
    if (!re) return false;
    re.lastIndex = 0;
    return re.test(norm);
  }

  /** What a volunteer's message asks ("denk je aan zelfmoord?", "ben je nu veilig?", "gebeurt het nu?"). */
  staffAsks(staff: string): StaffAsk {
    const norm = this.normalize(staff);
    if (!norm) return { safety: false, followUp: false };
    const tokens = tokenize(norm);
    const topic = this.questions.match(tokens)[0]?.unit.id;
    return {
      ...(topic !== undefined && { topic }),
      safety: this.safetyQuestions.match(tokens).length > 0,
      followUp: this.followUps.match(tokens).length > 0,
    };
  }

  /** Spans of idioms in the text. */
  ignoreSpans(text: string): Span[] {
    const spans: Span[] = [];
    const re = this.ignoreRe;
    if (!re) return spans;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      spans.push([m.index, m.index + m[0].length]);
      re.lastIndex = m.index + 1;
    }
    return spans;
  }

  /** Whether the clause around a character position holds a time word ("vanavond", "tonight"). */
  timeInClause(tokens: Token[], at: number): boolean {
    const tok = tokens.find((t) => t.end >= at) ?? tokens[tokens.length - 1];
    return tok !== undefined && tokens.some((t) => t.clause === tok.clause && this.timeWords.has(t.text));
  }

  private matchPhrases(reading: Reading): void {
    const { norm } = reading;
    for (const entry of this.entries) {
      const re = entry.regex;
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(norm)) !== null) {
        const start = m.index;
        const end = start + m[0].length;
        re.lastIndex = start + 1;
        const gapWords = m
          .slice(1)
          .filter((g): g is string => typeof g === "string" && g.length > 0)
          .flatMap((g) => g.split(" ").filter(Boolean));
        const negatedInside = gapWords.some((w) => testWords(this.negationRe, [w]));
        const after = this.negationAfter(norm, end);
        const judged = this.judge(reading, start, end, entry.level, negatedInside || after === "denied");
        const rank = after === "stopped" ? Math.min(judged, LEVEL_RANK.concern) : judged;
        reading.found(entry.id, entry.level, rank, entry.acute, start, end);
        if (rank === LEVEL_RANK.high) break; // this entry cannot do better in this message
      }
    }
  }

  private matchUnits(reading: Reading): void {
    const { tokens, result } = reading;
    const cancelled = (unit: CompiledUnit) => {
      if (unit.level === "high") result.softened = true;
    };
    const cues: Array<{ id: string; at: Span }> = [];
    for (const { unit, positions } of this.units.match(tokens, cancelled)) {
      const first = tokens[positions[0]!]!;
      const last = tokens[positions[positions.length - 1]!]!;
      const negatedInside = this.negatedInsideUnit(tokens, positions, unit);
      if (unit.level === "cue") {
        if (this.judge(reading, first.start, last.end, "concern", negatedInside) > 0)
          cues.push({ id: unit.id, at: [first.start, last.end] });
        continue;
      }
      const rank = this.judge(reading, first.start, last.end, unit.level, negatedInside);
      reading.found(unit.id, unit.level, rank, unit.acute, first.start, last.end);
    }
    // A cue inside a match of its own signal is that match's word ("bedankt" in "bedankt voor alles"), not a second sign.
    for (const cue of cues) if (!reading.matchedAround(cue.id, cue.at)) result.cues.add(cue.id);
  }

  /**
   * A negation between a unit's words or right after its last ("ik kras niet", "ik snij mezelf niet"). A negation that is
   * one of the unit's own words ("niet meer leven") is part of its meaning.
   */
  private negatedInsideUnit(tokens: Token[], positions: number[], unit: CompiledUnit): boolean {
    const lastAt = positions[positions.length - 1]!;
    const after =
      tokens[
        pastObjects(
          tokens.map((t) => t.text),
          lastAt + 1,
        )
      ];
    if (after && after.clause === tokens[lastAt]!.clause && this.negations.has(after.text) && !unit.ownKeys.has(`=${after.text}`)) {
      return true;
    }
    for (let i = positions[0]! + 1; i < lastAt; i++) {
      const t = tokens[i]!;
      if (this.negations.has(t.text) && !tokenKeys(t.text).some((k) => unit.ownKeys.has(k))) return true;
    }
    return false;
  }

  /**
   * A negation right after a phrase, in its clause: denied ("ik snij mezelf nie"), as for units, or
   * stopped ("ik snij mezelf niet meer"), which is the past: concern.
   */
  private negationAfter(norm: string, end: number): "denied" | "stopped" | undefined {
    const words = this.around(norm, end, end).after;
    const [next, then] = words.slice(pastObjects(words, 0));
    if (next === undefined || !this.negations.has(next)) return undefined;
    return STOPPED.has(then ?? "") ? "stopped" : "denied";
  }

  /** The rank a match keeps after idiom, negation, topic and past-tense checks (0: dropped). */
  private judge(reading: Reading, start: number, end: number, level: "concern" | "high", negatedInside: boolean): number {
    const { norm } = reading;
    if (reading.spans().some(([s, e]) => s < end && start < e)) return 0;
    const { before, after } = this.around(norm, start, end);
    if (negatedInside || testWords(this.negationRe, this.negationReach(before, norm.slice(start, end)))) return 0;
    if (testWords(this.topicRe, before.slice(-RISK_WINDOWS.topic))) return 0;
    const pastOrOthers =
      testWords(this.downgradeRe, before.slice(-RISK_WINDOWS.downgradeBefore)) ||
      testWords(this.downgradeRe, after.slice(0, RISK_WINDOWS.downgradeAfter));
    if (level === "high" && pastOrOthers) return LEVEL_RANK.concern;
    return LEVEL_RANK[level];
  }

  /** The words a negation may stand in: up to N before the match, not past a subject pronoun. */
  private negationReach(before: string[], matched: string): string[] {
    const first = matched.split(" ", 1)[0] ?? "";
    if (this.subjects.has(first)) return [];
    const reach: string[] = [];
    for (let i = before.length - 1; i >= 0 && reach.length < RISK_WINDOWS.negation; i--) {
      const w = before[i] as string;
      if (this.subjects.has(w)) break;
      reach.unshift(w);
    }
    return reach;
  }

  /** The words of the sentence before and after a match, cut at the nearest breaker word. */
  private around(text: string, start: number, end: number): { before: string[]; after: string[] } {
    const sentenceStart = text.lastIndexOf("|", start) + 1;
    let sentenceEnd = text.indexOf("|", end);
    if (sentenceEnd === -1) sentenceEnd = text.length;
    const beforeAll = text.slice(sentenceStart, start).split(" ").filter(Boolean);
    const afterAll = text.slice(end, sentenceEnd).split(" ").filter(Boolean);
    let from = 0;
    for (let i = beforeAll.length - 1; i >= 0; i--) {
      if (this.breakers.has(beforeAll[i] as string)) {
        from = i + 1;
        break;
      }
    }
    let to = afterAll.findIndex((w) => this.breakers.has(w));
    if (to === -1) to = afterAll.length;
    return { before: beforeAll.slice(from), after: afterAll.slice(0, to) };
  }
}
