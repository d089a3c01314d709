import { type FigureSummary, NO_LOCATION, type RiskAgreement, TOPICS } from "../../../../shared/protocol";
import type { Lang, useI18n } from "../../i18n/i18n";
import type { MessageKey } from "../../i18n/nl";
import type { FiguresLocation } from "./figuresState";

type Translate = ReturnType<typeof useI18n>["t"];

const REFERRAL_KEYS = ["none", "gp", "mental-health-care", "113", "other"] as const;

/** How the figures page writes its numbers and names, in the page's language. */
export interface FiguresFormat {
  number(n: number, digits?: number): string;
  /** A mean of 1–5 answers, one decimal; a dash when nobody answered. */
  mean(n: number | null): string;
  /** A duration in minutes, one decimal; a dash when there was none to measure. */
  minutes(ms: number | null): string;
  locationName(l: FiguresLocation): string;
  topicLabel(key: string): string;
  referralLabel(key: string): string;
}

/** The figures' wording for one language; the catalogue decides the words, `Intl` the digits. */
export function figuresFormat(t: Translate, lang: Lang): FiguresFormat {
  const locale = lang === "nl" ? "nl-NL" : "en-GB";
  const number = (n: number, digits = 0) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n);
  return {
    number,
    mean: (n) =>
      n === null ? t("figures.none") : new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n),
    minutes: (ms) => (ms === null ? t("figures.none") : t("figures.minutes", { n: number(ms / 60_000, 1) })),
    locationName: (l) => (l.id === NO_LOCATION ? t("figures.noLocation") : l.name),
    // Keys the catalogue does not know (an older topic, a free-text referral) are shown as they were stored.
    topicLabel: (key) => ((TOPICS as readonly string[]).includes(key) ? t(`topic.${key}` as MessageKey) : key),
    referralLabel: (key) => ((REFERRAL_KEYS as readonly string[]).includes(key) ? t(`console.wrapup.referral.${key}` as MessageKey) : key),
  };
}

/** Counts as ranking rows, the largest first, each under its label. */
export function ranked(counts: Record<string, number>, label: (key: string) => string): { label: string; value: number }[] {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([key, value]) => ({ label: label(key), value }));
}

/** Every escalation of a summary, whatever its level. */
export function escalationCount(s: FigureSummary): number {
  return s.escalations.consult + s.escalations.urgent + s.escalations.crisis;
}

/** The share of chats a volunteer judged high that the scorer also flagged high, as the table shows it. */
export function recallText(m: RiskAgreement, none: string): string {
  if (m.volunteerHigh === 0) return none;
  // A share of fewer than five chats is nearly one youth's own: withheld, as in the export.
  if (m.volunteerHigh < 5) return "n<5";
  return `${Math.round((100 * m.bothHigh) / m.volunteerHigh)}%`;
}
