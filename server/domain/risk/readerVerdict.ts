/**
 * How the second reader's probability (reader.ts) moves the lists' level: it may raise a message the
 * lists pass, or turn a listed high down, within limits that keep the lists' own reading of
 * negations, jokes, acute danger and context.
 */
import { LEVEL_RANK } from "./riskTypes";

/**
 * Where the second reader's probability (reader.ts) moves the lists' level. Chosen on set C, the
 * development set; every hold-out was measured after (docs/RISK.md has the figures).
 */
export interface ReaderThresholds {
  veto: number;
  strictVeto: number;
  alone: number;
  softened: number;
}

export const READER: ReaderThresholds = {
  /**
   * A listed high the reader gives less than this, read over the sentences where the lists found
   * it, is read as harmless use of the words: concern.
   */
  veto: 0.2,
  /** The same for a goodbye (STRICT_VETO). */
  strictVeto: 0.05,
  /**
   * At or above this the reader alone makes a message high (signal "reader"). Chosen on the
   * development set C (never trained on) after the reader was retrained on nine sets: 0.6 -> 0.5
   * raised its high recall 0.805 -> 0.852 with none scored high unchanged (1.9 %); 0.45 gained one
   * more point there but made farewell-sounding everyday goodbyes high ("doei iedereen tot morgen").
   */
  alone: 0.5,
  /** The same where the message laughs, holds an idiom or an `unless` word cancelled a unit. */
  softened: 0.9,
};

/**
 * Signals the reader never turns down: a person saying they think of suicide, hurt themselves, are
 * hit at home or were sexually abused ("i was raped at a party on saturday": days matter for care
 * and evidence), in words the lists know. The reader weighs every word of the message, so the
 * ordinary words around such a sentence ("after school i play fortnite and then i cut myself")
 * would pull it down; a wrong alert costs less than that miss.
 */
export const NEVER_TURNED_DOWN: ReadonlySet<string> = new Set([
  "suicidal-ideation",
  "suicide-intent",
  "self-harm",
  "abuse-home",
  "sexual-abuse",
]);

/**
 * A goodbye is turned down only when the reader is very sure (`strictVeto`): a card for a
 * retiring teacher, yes; "ik schrijf een afscheidsbrief voor mijn ouders", no.
 */
const STRICT_VETO: ReadonlySet<string> = new Set(["farewell"]);

export interface Ranked {
  rank: number;
  signals: string[];
  acute: boolean;
}

/** What the lists and the conversation say about one message, for the reader's verdict. */
export interface ListedReading {
  /** The lists' level with the conversation's context. */
  listed: Ranked;
  /** The lists' level of the message without its context (asked for only when the lists say high). */
  withoutContext: () => Ranked;
  /** The lists turned a match down (negation, topic, past, a match inside an idiom): the reader may not raise. */
  declined: boolean;
  /** A joke, an idiom or an `unless` word: the reader needs `softened` to raise. */
  softened: boolean;
  /** The conversation backs a danger reading (contextSupports): the reader may not turn it down. */
  supported: () => boolean;
}

/**
 * The lists' result with the reader's probability for the whole message (`p`) and for the
 * sentences where the lists found their high matches (`pAtMatches`), each read only when needed. The reader turns down only a
 * high the message reached by itself and the conversation does not back, never an acute one; it
 * raises nothing in a message where the lists turned a match down: a bag of words cannot read
 * "niet".
 */
export function withReader(r: ListedReading, p: () => number, pAtMatches: () => number, at: ReaderThresholds): Ranked {
  const { listed } = r;
  if (listed.rank === LEVEL_RANK.high) {
    const firstPerson = listed.signals.some((id) => NEVER_TURNED_DOWN.has(id));
    const limit = listed.signals.some((id) => STRICT_VETO.has(id)) ? at.strictVeto : at.veto;
    const ownHigh = () => r.withoutContext().rank === LEVEL_RANK.high;
    if (!listed.acute && !firstPerson && ownHigh() && pAtMatches() < limit && !r.supported()) {
      return { ...listed, rank: LEVEL_RANK.concern, acute: false };
    }
    return listed;
  }
  if (r.declined) return listed;
  if (p() >= (r.softened ? Math.max(at.alone, at.softened) : at.alone)) {
    return { rank: LEVEL_RANK.high, signals: ["reader", ...listed.signals], acute: false };
  }
  return listed;
}
