/**
 * How the second reader's probability (reader.ts) moves the lists' level: it may raise a message the
 * lists pass, or turn a listed high down, within limits that keep the lists' own reading of
 * negations, jokes, acute danger and context.
 */
import { LEVEL_RANK } from "./riskTypes";

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

export interface Ranked {
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
export function withReader(listed: Ranked, withoutContext: Ranked, declined: boolean, p: number, at: ReaderThresholds): Ranked {
  if (listed.rank === LEVEL_RANK.high) {
    const ownHigh = withoutContext.rank === LEVEL_RANK.high;
    if (p < at.veto && ownHigh && !listed.acute) return { ...listed, rank: LEVEL_RANK.concern, acute: false };
    return listed;
  }
  if (declined) return listed;
  if (p >= at.alone) return { rank: LEVEL_RANK.high, signals: ["reader", ...listed.signals], acute: false };
  return listed;
}
