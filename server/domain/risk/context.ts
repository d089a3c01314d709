/**
 * Conversation context for the risk triage, as pure rules over per-message scores: two concerns in
 * one message or in a short run of youth messages raise to high; a short "ja" or "soms" after a
 * volunteer's question about suicide or self-harm counts as that signal; intent together with means,
 * a method or a time is acute.
 */

/** What the caller knows of the conversation before this message; the scorer keeps nothing. */
export interface RiskContext {
  /** The youth's own messages before this one, oldest first; only the last few are read. */
  recent?: string[];
  /** The last message a volunteer or professional sent the youth before this one. */
  lastStaff?: string;
}

/** What a volunteer's last message asks, as the context rules read it. */
export interface StaffAsk {
  /** The signal a question about suicide or self-harm asks about ("denk je aan zelfmoord?"). */
  topic?: string;
  /** Whether the youth is safe now: an answer that opens with no is danger now. */
  safety: boolean;
  /** Whether what the youth just told is happening now, or how: a yes takes the earlier signal. */
  followUp: boolean;
}

/** One message scored on its own: signal id -> rank (1 concern, 2 high), and what the rules need. */
export interface MessageScore {
  signals: Map<string, number>;
  /** An acute entry matched at high. */
  acute: boolean;
  /** An intent matched at high in a clause with a time word ("vanavond", "tonight"). */
  intentInTime: boolean;
  /** Words in the message. */
  tokens: number;
  /** The message holds a yes-word ("ja", "soms", "yeah"). */
  affirmative: boolean;
  /** The message opens with a yes-word ("ja. elke dag nu"): an answer even when it says more. */
  leadingYes: boolean;
  /** The message opens with a no ("nee", "niet echt", "not really"). */
  leadingNo: boolean;
  /** The message holds a no-word or a negation. */
  negative: boolean;
  /** Phrase or unit matches at concern (two in one message are high). */
  concernHits: number;
  /** Cue signals: means named, a goodbye; not a signal alone. */
  cues: Set<string>;
  /** Where in the normalised text the matches that count at high are (character spans). */
  highAt: Array<[number, number]>;
  /**
   * A phrase or unit matched and was turned down: negated, a school topic, past tense, other
   * people's words, or inside an idiom. The lists read the danger words as harmless here, and the
   * second reader may not overrule them.
   */
  declined: boolean;
  /**
   * The message laughs, holds an idiom, or a high unit's `unless` word cancelled it ("touw" for a
   * raft): the second reader needs to be surer to raise it.
   */
  softened: boolean;
}

/** Words that open a plain yes; weaker affirmatives ("net", "soms", "wel") only count in short replies. */
export const PLAIN_YES: ReadonlySet<string> = new Set([
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

/** How far the context rules reach. */
export const RISK_CONTEXT = {
  /** Youth messages before this one that count as the same run. */
  run: 3,
  /** At most this many words for a reply to count as an answer to the volunteer's question. */
  answerWords: 6,
  /** A reply that opens with a yes-word may say this much more and still be that answer. */
  answerWordsAfterYes: 14,
} as const;

const HIGH = 2;
const CONCERN = 1;

/** Intent to die: with means, a method or a time it is acute. */
export const INTENT_SIGNALS: ReadonlySet<string> = new Set([
  "suicidal-ideation",
  "suicide-intent",
  "suicide-plan",
  "farewell",
  "cannot-keep-safe",
]);
/** Means or a method named. */
const MEANS = new Set(["means", "suicide-plan", "overdose"]);
/** Signals that are acute whenever they are high. */
const ACUTE = new Set(["suicide-plan", "overdose", "self-harm-now", "acute-danger", "cannot-keep-safe"]);

const hasAt = (signals: Map<string, number>, ids: ReadonlySet<string>, min: number) =>
  [...signals].some(([id, rank]) => ids.has(id) && rank >= min);

/**
 * Combines this message's score with its context into the final rank (0 none, 1 concern, 2 high),
 * the signal ids (high first) and whether it is acute.
 */
/**
 * Whether the conversation's earlier messages could change this message's score: only a signal or a
 * cue can be raised by what came before, and only a short yes-like answer or one opening with no
 * can take its meaning from the volunteer's question. Anything else scores the same with or without context, so the caller
 * need not read the conversation for it.
 */
export function contextCouldMatter(current: MessageScore): boolean {
  if (current.signals.size > 0 || current.cues.size > 0) return true;
  return answersQuestion(current) || current.leadingNo;
}

/** A reply that can take its meaning from the volunteer's question: short, or opening with a yes. */
function answersQuestion(current: MessageScore): boolean {
  if (current.negative) return false;
  return (
    (current.tokens <= RISK_CONTEXT.answerWords && current.affirmative) ||
    (current.leadingYes && current.tokens <= RISK_CONTEXT.answerWordsAfterYes)
  );
}

/**
 * Whether the conversation backs a danger reading of this message: the volunteer's last message
 * asked about suicide, self-harm or a plan, or one of the youth's last few messages had a signal.
 */
export function contextSupports(
  context: RiskContext | undefined,
  scoreOne: (text: string) => MessageScore,
  staffAsks: (staffText: string) => StaffAsk,
): boolean {
  if (context?.lastStaff) {
    const ask = staffAsks(context.lastStaff);
    if (ask.topic !== undefined || ask.safety) return true;
  }
  const recent = context?.recent?.slice(-RISK_CONTEXT.run) ?? [];
  return recent.some((text) => scoreOne(text).signals.size > 0);
}

export function applyContext(
  current: MessageScore,
  context: RiskContext | undefined,
  scoreOne: (text: string) => MessageScore,
  staffAsks: (staffText: string) => StaffAsk,
): { rank: number; signals: string[]; acute: boolean } {
  const signals = new Map(current.signals);
  let rank = Math.max(0, ...signals.values());
  let acute = current.acute || current.intentInTime || hasAt(signals, ACUTE, HIGH);
  if (hasAt(signals, INTENT_SIGNALS, HIGH) && hasAt(signals, MEANS, CONCERN)) acute = true;

  // Two concerns in one message, or a concern with a cue ("sorry voor alles … doei").
  if (rank === CONCERN && (current.concernHits >= 2 || current.cues.size > 0)) {
    rank = HIGH;
    for (const cue of current.cues) signals.set(cue, Math.max(signals.get(cue) ?? 0, HIGH));
  }

  const recent = context?.recent?.slice(-RISK_CONTEXT.run) ?? [];
  let earlier: Map<string, number> | undefined;
  /** The strongest rank of each signal in the youth's last few messages, read once when needed. */
  const before = (): Map<string, number> => {
    if (earlier) return earlier;
    earlier = new Map();
    for (const text of recent) {
      for (const [id, r] of scoreOne(text).signals) earlier.set(id, Math.max(r, earlier.get(id) ?? 0));
    }
    return earlier;
  };

  if (context?.lastStaff && rank < HIGH) {
    const ask = staffAsks(context.lastStaff);
    // "ja" after "denk je aan zelfmoord?"; "pillen" after "hoe zou je het doen?"
    const shortCue = !current.negative && current.tokens <= RISK_CONTEXT.answerWords && current.cues.has("means");
    if (ask.topic && (answersQuestion(current) || shortCue)) {
      signals.set(ask.topic, HIGH);
      for (const cue of current.cues) signals.set(cue, HIGH);
      rank = HIGH;
    }
    // "nee, hij is nog hier" after "ben je nu veilig?"
    if (ask.safety && current.leadingNo && rank < HIGH) {
      signals.set("acute-danger", HIGH);
      rank = HIGH;
      acute = true;
    }
    // "ja, nu ook" after "gebeurt het nu ook?" when the youth had just told of self-harm.
    if (ask.followUp && rank < HIGH && answersQuestion(current) && before().size > 0) {
      for (const [id] of before()) signals.set(id, HIGH);
      rank = HIGH;
    }
  }

  // A short run: a concern or cue now after an earlier signal is high; intent and means across it are acute.
  if ((rank >= CONCERN || current.cues.size > 0) && recent.length > 0) {
    const raise = rank >= CONCERN ? before().size > 0 : hasAt(before(), INTENT_SIGNALS, HIGH);
    if (raise) {
      rank = HIGH;
      for (const cue of current.cues) signals.set(cue, HIGH);
      const intent = hasAt(signals, INTENT_SIGNALS, CONCERN) || hasAt(before(), INTENT_SIGNALS, HIGH);
      const means = hasAt(signals, MEANS, CONCERN) || hasAt(before(), MEANS, CONCERN);
      if (intent && (means || current.intentInTime)) acute = true;
    }
  }

  const ordered = [...signals]
    .filter(([, r]) => r > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([id]) => id);
  return { rank, signals: ordered, acute: rank === HIGH && acute };
}
