/**
 * Word forms for meaning-unit matching: a token's Dutch and English Snowball stems, after a small
 * table of irregular forms the stemmers do not reduce (irregular.json: "gesneden" -> "snijden").
 * Stemming costs a few microseconds a word, so results are memoised (bounded); the function stays
 * pure: the same word always gives the same forms.
 */
import { newStemmer } from "snowball-stemmers";
import irregular from "./irregular.json" with { type: "json" };

export type StemLanguage = "nl" | "en";

const stemmers = { nl: newStemmer("dutch"), en: newStemmer("english") } as const;
const IRREGULAR: Record<StemLanguage, Record<string, string>> = {
  nl: irregular.nl.forms as Record<string, string>,
  en: irregular.en.forms as Record<string, string>,
};

/** The key a word has in one language: "nl:snijd" for snijden, sneed, gesneden, snijdt. */
export function stemKey(word: string, lang: StemLanguage): string {
  const base = IRREGULAR[lang][word] ?? word;
  return `${lang}:${stemmers[lang].stem(base)}`;
}

const MAX_CACHED = 20_000;
const cache = new Map<string, readonly string[]>();

/**
 * Every key a text token can match: itself exactly ("=word"), and its stem key in both languages
 * (youths mix them). Tokens of one or two letters and numbers match only exactly.
 */
export function tokenKeys(token: string): readonly string[] {
  const hit = cache.get(token);
  if (hit) return hit;
  const keys = token.length <= 2 || /^[0-9]+$/.test(token) ? [`=${token}`] : [`=${token}`, stemKey(token, "nl"), stemKey(token, "en")];
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(token, keys);
  return keys;
}
