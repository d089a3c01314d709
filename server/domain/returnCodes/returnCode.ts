import type { Millis } from "../clock";
import type { Presence } from "../staff";
import { RETURN_CODE_WORDS } from "./words";

/**
 * A return code: four words and a number from 10 to 99, written "appel-fiets-zon-kaas-42". About 39
 * bits (271^4 × 90): with a thousand live codes, one guess in about 500 million hits one. It is
 * stored only as a keyed hash (a copy of the store is no list of codes), and guessing is also
 * bounded by a per-network limit and a budget of wrong codes shared by every network.
 */
export const RETURN_CODE_WORD_COUNT = 4;
const NUMBER_LOW = 10;
const NUMBER_HIGH = 99;

const WORDS = new Set(RETURN_CODE_WORDS);

/** What is kept of a return code: a keyed hash and the little it takes to offer the same volunteer. */
export interface ReturnCodeRecord {
  /** Keyed hash of the canonical code; the code itself is never stored. */
  codeHash: string;
  /** The volunteer the youth talked with. */
  staffId: string;
  /** The conversation the code was taken at the end of; taking another there replaces this one. */
  conversationId: string;
  /** The volunteer's own note of that conversation, kept after the transcript is purged. */
  note?: string;
  createdAt: Millis;
  expiresAt: Millis;
}

/** A fresh code; `randomInt(n)` returns a uniform integer in [0, n) (crypto in production). */
export function makeReturnCode(randomInt: (n: number) => number): string {
  const words = Array.from({ length: RETURN_CODE_WORD_COUNT }, () => RETURN_CODE_WORDS[randomInt(RETURN_CODE_WORDS.length)]!);
  const number = NUMBER_LOW + randomInt(NUMBER_HIGH - NUMBER_LOW + 1);
  return [...words, String(number)].join("-");
}

/**
 * The canonical form of what a youth typed, or undefined when it cannot be a code. Forgiving about
 * what does not matter (capitals, spaces, dashes, dots between the parts), strict about the parts.
 */
export function normaliseReturnCode(input: string): string | undefined {
  const parts = input
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (parts.length !== RETURN_CODE_WORD_COUNT + 1) return undefined;
  const words = parts.slice(0, RETURN_CODE_WORD_COUNT);
  const number = parts[RETURN_CODE_WORD_COUNT]!;
  if (!words.every((w) => WORDS.has(w))) return undefined;
  if (!/^\d{2}$/.test(number) || Number(number) < NUMBER_LOW) return undefined;
  return [...words, number].join("-");
}

/** Whether a record still counts at `now`; the store also drops it by its own clock. */
export function isLive(record: ReturnCodeRecord, now: Millis): boolean {
  return record.expiresAt > now;
}

/**
 * How the youth is told about their volunteer: "here" (on shift with room for a chat: offered
 * first), "busy" (on shift, but every slot taken), "away" (not on shift).
 */
export type VolunteerAvailability = "here" | "busy" | "away";

export function availabilityOf(presence: Presence | undefined): VolunteerAvailability {
  if (presence?.status !== "available") return "away";
  return presence.load < presence.capacity ? "here" : "busy";
}
