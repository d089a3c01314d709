/**
 * What one message's matches add up to while the lists read it: the signals and their ranks, where
 * the highs are, how many separate concerns, and whether a match was turned down or softened.
 */
import { INTENT_SIGNALS, type MessageScore } from "./context";
import { LEVEL_RANK } from "./riskTypes";
import type { Token } from "./units";

export type Span = [number, number];

/** Signals a joke marker caps at concern ("ik wil dood haha zo genant"); plans, means and harm are never capped. */
const HYPERBOLE: ReadonlySet<string> = new Set(["suicidal-ideation", "suicide-intent"]);

/** What a reading asks of the lists it belongs to. */
export interface ReadingLists {
  ignoreSpans(text: string): Span[];
  timeInClause(tokens: Token[], at: number): boolean;
}

/** What one message's matches add up to while it is read. */
export class Reading {
  private idiomSpans: Span[] | undefined;
  private readonly farewellAt: Span[] = [];
  private readonly counted = new Set<string>();
  private readonly concernAt: Span[] = [];
  private readonly kept: Array<{ id: string; at: Span }> = [];

  constructor(
    private readonly lists: ReadingLists,
    readonly norm: string,
    readonly tokens: Token[],
    readonly result: MessageScore,
    readonly joking: boolean,
  ) {}

  /** The idioms' spans, found on first need: most messages match nothing and never look. */
  spans(): Span[] {
    this.idiomSpans ??= this.lists.ignoreSpans(this.norm);
    return this.idiomSpans;
  }

  /** Whether a kept match of this signal covers the span. */
  matchedAround(id: string, [start, end]: Span): boolean {
    return this.kept.some((k) => k.id === id && k.at[0] <= start && end <= k.at[1]);
  }

  /** Records a match; one turned down (past, other people's words, a joke) never adds up with another. */
  found(id: string, level: "concern" | "high", matched: number, acute: boolean, at: number, end: number): void {
    const { result } = this;
    const rank = this.joking && HYPERBOLE.has(id) ? Math.min(matched, LEVEL_RANK.concern) : matched;
    if (matched < LEVEL_RANK[level]) result.declined = true;
    if (rank < matched) result.softened = true;
    if (rank === 0) return;
    this.kept.push({ id, at: [at, end] });
    const countable = rank === LEVEL_RANK[level];
    // Two signals read from the same words ("vanavond gaan we het doen": a time and a plan) are one sign.
    if (rank === LEVEL_RANK.concern && countable && !this.counted.has(id) && !this.concernAt.some(([s, e]) => s < end && at < e)) {
      this.counted.add(id);
      this.concernAt.push([at, end]);
      result.concernHits++;
    }
    if (rank === LEVEL_RANK.concern && countable && id === "farewell" && !this.farewellAt.some(([s, e]) => s < end && at < e)) {
      this.farewellAt.push([at, end]);
      if (this.farewellAt.length === 2) result.concernHits++; // two separate goodbyes
    }
    if (rank > (result.signals.get(id) ?? 0)) result.signals.set(id, rank);
    if (rank === LEVEL_RANK.high) result.highAt.push([at, end]);
    if (rank === LEVEL_RANK.high && acute) result.acute = true;
    if (rank === LEVEL_RANK.high && INTENT_SIGNALS.has(id) && this.lists.timeInClause(this.tokens, at)) result.intentInTime = true;
  }
}
