/**
 * How a short reply or the words after a match read: a reply that opens with a no ("nee", "niet
 * echt"), and the pronouns and fillers a negation may stand behind ("ik snij mezelf ook niet").
 */
import type { Token } from "./units";

export const NO_WORDS: ReadonlySet<string> = new Set(["nee", "no", "nope"]);
/** Second words that make "niet …" / "not …" at the start of a reply a no ("niet echt", "not really"). */
const HEDGED_NO: ReadonlySet<string> = new Set(["echt", "really", "helemaal", "totally", "zo", "rly"]);

/**
 * The reply opens with a no ("nee", "nah", "niet echt", "nee nie echt") and the rest of that clause
 * denies nothing: "nee ik word niet geslagen" answers the worry behind the question, not the question.
 */
export function opensWithNo(tokens: Token[], negations: ReadonlySet<string>): boolean {
  let at = 0;
  const isNo = (t: Token | undefined) => t !== undefined && (NO_WORDS.has(t.text) || t.text === "nah" || t.text === "neen");
  const isHedge = (i: number) => (tokens[i]?.text === "niet" || tokens[i]?.text === "not") && HEDGED_NO.has(tokens[i + 1]?.text ?? "");
  if (isNo(tokens[0])) at = 1;
  if (isHedge(at)) at += 2;
  if (at === 0) return false;
  const clause = tokens[0]!.clause;
  return !tokens.slice(at).some((t) => t.clause === clause && negations.has(t.text));
}
/** Object pronouns and fillers a negation may stand behind ("ik snij mezelf niet", "ik kras ook nie"). */
const OBJECTS: ReadonlySet<string> = new Set([
  "me",
  "mezelf",
  "mij",
  "mijzelf",
  "zichzelf",
  "jezelf",
  "myself",
  "herself",
  "himself",
  "ook",
  "echt",
  "gewoon",
  "eigenlijk",
  "also",
  "really",
  "actually",
]);

/** Index of the first word after up to two object pronouns or fillers, from `from`. */
export function pastObjects(words: Array<string | undefined>, from: number): number {
  let at = from;
  while (at < from + 2 && OBJECTS.has(words[at] ?? "")) at++;
  return at;
}
/** After a negation: stopped, not denied ("ik snij mezelf niet meer"). */
export const STOPPED: ReadonlySet<string> = new Set(["meer", "anymore"]);
