/**
 * Normalisation for the risk triage: the same steps for message text and for the words in phrase
 * and unit files, so that lists are written in plain spelling.
 */

const LEET: Record<string, string> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", $: "s" };

/**
 * Emoji that stand for a word in youth messages (means, blood), read as that word; every other
 * emoji is dropped with the rest of the punctuation.
 */
const EMOJI_WORDS: Record<string, string> = {
  "💊": " pills ",
  "😂": " haha ",
  "🤣": " haha ",
  // "I'm dead (of laughing)": a laughter marker in youth writing (47 of 52 messages with it in the sets are harmless).
  "💀": " skull ",
  "🔪": " knife ",
  "🩸": " blood ",
  "🪢": " rope ",
  "✂": " cut ",
  "🦓": " zebra ",
  "🔫": " gun ",
  "⚰": " coffin ",
  "🪦": " grave ",
};
const EMOJI_RE = new RegExp(Object.keys(EMOJI_WORDS).join("|"), "gu");

/**
 * Lower case, accents off, apostrophes out ("don't" -> "dont"), censor stars out ("sh*t" -> "sht"),
 * leetspeak inside words ("d00d" -> "dood", "113" stays), a few emoji to words, sentence punctuation
 * to " | ", anything else to a space, and letters repeated three or more times cut to two
 * ("dooooood" -> "dood").
 */
export function baseNormalize(text: string): string {
  let s = text.replace(EMOJI_RE, (e) => EMOJI_WORDS[e] ?? " ");
  s = s
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
  s = s.replace(/['’‘`´]/g, "");
  s = s.replace(/(?<=[a-z])\*+(?=[a-z])/g, "");
  s = s.replace(/[.!?,;:()[\]"“”\n\r\u2026|]+/g, " | ");
  s = s.replace(/[a-z0-9@$]+/g, (tok) => (/[a-z]/.test(tok) && /[0-9@$]/.test(tok) ? tok.replace(/[0-9@$]/g, (c) => LEET[c] ?? c) : tok));
  s = s.replace(/[^a-z0-9|]+/g, " ");
  s = s.replace(/([a-z])\1{2,}/g, "$1$1");
  s = s
    .replace(/\s*\|[\s|]*/g, " | ")
    .replace(/ +/g, " ")
    .trim();
  return s;
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Rewrites whole words (or word runs) by a table: "kwil" -> "ik wil", "mn" -> "mijn". */
export function buildVariantRewriter(variants: Map<string, string>): (s: string) => string {
  if (variants.size === 0) return (s) => s;
  const keys = [...variants.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const re = new RegExp(`(?<![a-z0-9])(?:${keys.join("|")})(?![a-z0-9])`, "g");
  return (s) => s.replace(re, (m) => variants.get(m) ?? m);
}

/** The variant tables of some files, normalised the way the text will be. */
export function variantTable(tables: Array<Record<string, string>>): Map<string, string> {
  const variants = new Map<string, string>();
  for (const table of tables) {
    for (const [from, to] of Object.entries(table)) {
      const key = baseNormalize(from);
      if (key && !key.includes("|")) variants.set(key, baseNormalize(to));
    }
  }
  return variants;
}
