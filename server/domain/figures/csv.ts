import { REFERRALS, TOPICS } from "../../../shared/protocol";
import type { FigureSummary } from "../../../shared/protocol/figures";
import type { HourBucket } from "./buckets";
import { datesBetween } from "./localTime";
import { type FigureLocation, type Period, selectBuckets } from "./report";
import { summarise } from "./summarise";
import { publishCount, suppressDerived } from "./suppress";

const minutes = (ms: number) => (ms / 60_000).toFixed(1);
const LEVELS = ["consult", "urgent", "crisis"] as const;

/**
 * One CSV cell. Spreadsheets run a cell that starts with = + - @ (or a tab or CR before one) as a
 * formula, and location names are typed by people: such cells get a leading apostrophe. Every
 * cell is quoted, so commas, quotes and line breaks stay inside it.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

interface Column {
  header: string;
  /** `group`: the summary of the row this one adds up into (a day's location total, a location's grand total). */
  value(s: FigureSummary, group?: FigureSummary): string;
}

function columns(topicKeys: readonly string[], referralKeys: readonly string[]): Column[] {
  const count = (header: string, pick: (s: FigureSummary) => number): Column => ({
    header,
    value: (s, group) => publishCount(pick(s), group && pick(group)),
  });
  return [
    count("chats_started", (s) => s.chatsStarted),
    count("chats_completed", (s) => s.chatsCompleted),
    // The export's columns keep their names for whoever reads them in: "left_queue" is `abandoned`.
    count("left_queue", (s) => s.abandoned),
    count("returning", (s) => s.returning),
    { header: "wait_p50_min", value: (s) => suppressDerived(s.wait.p50Ms, s.wait.count, minutes) },
    { header: "wait_p90_min", value: (s) => suppressDerived(s.wait.p90Ms, s.wait.count, minutes) },
    { header: "left_queue_wait_p50_min", value: (s) => suppressDerived(s.abandonedWait.p50Ms, s.abandonedWait.count, minutes) },
    { header: "duration_p50_min", value: (s) => suppressDerived(s.duration.p50Ms, s.duration.count, minutes) },
    { header: "duration_p90_min", value: (s) => suppressDerived(s.duration.p90Ms, s.duration.count, minutes) },
    ...LEVELS.map((l) => count(`escalations_${l}`, (s) => s.escalations[l])),
    ...LEVELS.map(
      (l): Column => ({
        header: `time_to_claim_p50_min_${l}`,
        value: (s) => suppressDerived(s.timeToClaim[l].p50Ms, s.timeToClaim[l].count, minutes),
      }),
    ),
    count("escalations_unrouted", (s) => s.unrouted),
    count("debriefs", (s) => s.debriefs),
    count("wrapups_chat", (s) => s.wrapUps.chat),
    count("wrapups_walk_in", (s) => s.wrapUps.walkIn),
    // One talk's length is nearly that youth's own: withheld under five talks, like a median.
    { header: "walk_in_minutes", value: (s) => suppressDerived(s.walkIns.minutes, s.walkIns.count, String) },
    ...topicKeys.map((t) => count(`topic_${t}`, (s) => s.topics[t] ?? 0)),
    ...referralKeys.map((r) => count(`referral_${r}`, (s) => s.referrals[r] ?? 0)),
    count("feedback_answers", (s) => s.feedback.answers),
    {
      header: "helped_mean_1_5",
      value: (s) =>
        suppressDerived(
          s.feedback.helpedMean,
          s.feedback.helped.reduce((a, b) => a + b, 0),
          (v) => v.toFixed(2),
        ),
    },
    count("would_return_yes", (s) => s.feedback.wouldReturn.yes),
    count("would_return_maybe", (s) => s.feedback.wouldReturn.maybe),
    count("would_return_no", (s) => s.feedback.wouldReturn.no),
    count("peak_concurrent_chats", (s) => s.peakConcurrent),
    count("risk_judged_chats", (s) => s.riskAgreement.judged),
    count("risk_volunteer_high", (s) => s.riskAgreement.volunteerHigh),
    count("risk_volunteer_high_triage_high", (s) => s.riskAgreement.bothHigh),
    count("risk_triage_high_volunteer_none", (s) => s.riskAgreement.scorerHighVolunteerNone),
    {
      header: "risk_triage_recall",
      value: (s) =>
        suppressDerived(
          s.riskAgreement.volunteerHigh ? s.riskAgreement.bothHigh / s.riskAgreement.volunteerHigh : null,
          s.riskAgreement.volunteerHigh,
          (v) => v.toFixed(2),
        ),
    },
    // Staff time, not a count of youths: published as is.
    { header: "volunteer_hours", value: (s) => s.volunteerHours.toFixed(1) },
  ];
}

/**
 * The export for the municipality: a row per location per day, a row per location for the whole
 * period, and one row for everything selected. Small counts are "<5", larger ones rounded down to
 * a multiple of five (`publishCount`), thin medians "n<5".
 */
export function figuresCsv(buckets: readonly HourBucket[], locations: readonly FigureLocation[], period: Period): string {
  const dated = selectBuckets(buckets, locations, period);
  const seenTopics = new Set(dated.flatMap((d) => Object.keys(d.bucket.topics)));
  const seenReferrals = new Set(dated.flatMap((d) => Object.keys(d.bucket.referrals)));
  const topicKeys = [
    ...TOPICS.filter((t) => seenTopics.has(t)),
    ...[...seenTopics].filter((t) => !(TOPICS as readonly string[]).includes(t)).sort(),
  ];
  const referralKeys = [
    ...REFERRALS.filter((r) => seenReferrals.has(r)),
    ...[...seenReferrals].filter((r) => !(REFERRALS as readonly string[]).includes(r)).sort(),
  ];
  const cols = columns(topicKeys, referralKeys);
  const line = (cells: string[]) => cells.map(csvCell).join(",");
  const row = (locationId: string, name: string, date: string, selected: HourBucket[], group?: FigureSummary) => {
    const s = summarise(selected);
    return line([locationId, name, date, ...cols.map((c) => c.value(s, group))]);
  };

  const lines = [line(["location_id", "location", "date", ...cols.map((c) => c.header)])];
  const periodLabel = `${period.from}/${period.to}`;
  const overall = summarise(dated.map((d) => d.bucket));
  for (const l of locations) {
    const mine = dated.filter((d) => d.bucket.locationId === l.id);
    const total = summarise(mine.map((d) => d.bucket));
    for (const date of datesBetween(period.from, period.to)) {
      lines.push(
        row(
          l.id,
          l.name,
          date,
          mine.filter((d) => d.date === date).map((d) => d.bucket),
          total,
        ),
      );
    }
    lines.push(
      row(
        l.id,
        l.name,
        periodLabel,
        mine.map((d) => d.bucket),
        overall,
      ),
    );
  }
  lines.push(
    row(
      "",
      "total",
      periodLabel,
      dated.map((d) => d.bucket),
    ),
  );
  // CRLF per RFC 4180; the byte-order mark makes spreadsheet programs read UTF-8 names correctly.
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
