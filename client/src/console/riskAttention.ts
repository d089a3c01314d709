/**
 * What a risk signal in a chat that is not on screen must do, as pure functions: which tabs get the
 * red marker, whether the title gets the "⚠ Risico" prefix, whether the alarm keeps sounding (every
 * ALARM_REPEAT_MS until the chat is opened) and what a screen reader is told. The hook
 * (useRiskAttention) only applies it. Works for any console: volunteer chats, a professional's chats.
 */

/** How often the alarm repeats while a flagged chat waits to be opened. */
export const ALARM_REPEAT_MS = 10_000;

/** One chat as this module needs it: its latest risk flag (if any) and whether it is on screen now. */
export interface RiskChat {
  id: string;
  name: string;
  risk?: { level: "concern" | "high"; at: number };
  /** Open in the console and the console itself visible (not a background tab). */
  onScreen: boolean;
}

/** Per chat, the `at` of the last flag the staff member has seen (the chat was on screen since it came). */
export type SeenRisk = Readonly<Record<string, number>>;

/** A high flag counts as seen once its chat has been on screen; a later flag (new `at`) is new again. */
export function markSeen(seen: SeenRisk, chats: readonly RiskChat[]): SeenRisk {
  let next: Record<string, number> | undefined;
  for (const c of chats) {
    if (!c.onScreen || !c.risk || seen[c.id] === c.risk.at) continue;
    next ??= { ...seen };
    next[c.id] = c.risk.at;
  }
  return next ?? seen;
}

/** The chats whose high risk flag has not been on screen yet, oldest first in the given order. */
export function unseenRisk(chats: readonly RiskChat[], seen: SeenRisk): RiskChat[] {
  return chats.filter((c) => c.risk?.level === "high" && !c.onScreen && seen[c.id] !== c.risk.at);
}

export interface RiskAttention {
  /** Tabs that get the red marker. */
  marked: ReadonlySet<string>;
  /** Prefix the document title ("⚠ Risico"). */
  titlePrefix: boolean;
  /** Keep the alarm repeating. */
  alarm: boolean;
  /** Names for the assertive live region, in order; empty when nothing is waiting. */
  announce: string[];
}

/** Everything the console shows and sounds for risk flags it has not yet put on screen. */
export function riskAttention(chats: readonly RiskChat[], seen: SeenRisk): RiskAttention {
  const waiting = unseenRisk(chats, seen);
  return {
    marked: new Set(waiting.map((c) => c.id)),
    titlePrefix: waiting.length > 0,
    alarm: waiting.length > 0,
    announce: waiting.map((c) => c.name),
  };
}

/** The title with the risk prefix in front, once. */
export function withRiskPrefix(title: string, prefix: string, on: boolean): string {
  return on && !title.startsWith(prefix) ? `${prefix} ${title}` : title;
}
