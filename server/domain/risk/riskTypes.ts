/**
 * The risk triage's types: what a scorer returns, and the two kinds of data files it reads (phrase
 * lists and meaning units). Kept apart so the readers and the scorer share them without a cycle.
 */
import type { RiskContext } from "./context";
import type { UnitEntry, UnitFile } from "./units";

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
  /** Phrases that say it is no joke ("geen grapje", "not kidding"): a joke word beside one does not count. */
  serious?: string[];
  /** Topics of a volunteer's question about suicide or self-harm; the id is the answer's signal. */
  questions: UnitEntry[];
  /** A volunteer asking whether the youth is safe ("ben je nu veilig?"): an answer opening with no is danger now. */
  safetyQuestions?: UnitEntry[];
  /**
   * A volunteer asking whether what the youth just told is happening now or how ("gebeurt het nu
   * ook?", "hoe dan?"): a yes-like answer takes the signal of the youth's earlier messages.
   */
  followUpQuestions?: UnitEntry[];
}

/** Scores one youth message; `context` holds the conversation's recent messages (see context.ts). */
export type RiskScorer = (text: string, context?: RiskContext) => RiskResult;

export const LEVEL_RANK: Record<RiskLevel, number> = { none: 0, concern: 1, high: 2 };
