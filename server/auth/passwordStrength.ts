import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";

let checker: ZxcvbnFactory | undefined;

/** zxcvbn's 0–4 estimate; below 3 a password falls to an offline or a patient online guess. */
export const MIN_PASSWORD_SCORE = 3;

/**
 * Whether a new staff password is too easy to guess: common passwords, keyboard walks, repeats
 * ("aaaaaaaaaaaa", twelve spaces), and the person's own e-mail or name. Checked offline
 * (@zxcvbn-ts with its common-password lists); the dictionaries load on first use.
 */
export function isWeakPassword(password: string, personal: readonly string[] = []): boolean {
  checker ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  // The whole e-mail and name, and each of their words ("eva", "devries"), count as known words.
  const words = personal.flatMap((p) => [
    p.toLowerCase(),
    ...p
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length >= 3),
  ]);
  return checker.check(password, words).score < MIN_PASSWORD_SCORE;
}
