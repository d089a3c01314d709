import type { FigureSummary } from "../../../shared/protocol/figures";
import type { HourBucket, LEVELS } from "./buckets";
import { distribution } from "./stats";

function addCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [key, n] of Object.entries(from)) into[key] = (into[key] ?? 0) + n;
}

/** Highest number of chats open at once: per hour the location peaks are summed, then the highest hour. */
function peakOf(buckets: readonly HourBucket[]): number {
  const perHour = new Map<number, number>();
  for (const b of buckets) perHour.set(b.hourStart, (perHour.get(b.hourStart) ?? 0) + b.peakConcurrent);
  return Math.max(0, ...perHour.values());
}

/** Adds up any set of hourly buckets into the figures a coordinator reads. */
export function summarise(buckets: readonly HourBucket[]): FigureSummary {
  const sum = (pick: (b: HourBucket) => number) => buckets.reduce((n, b) => n + pick(b), 0);
  const samples = (pick: (b: HourBucket) => number[]) => buckets.flatMap(pick);
  const helped = [0, 1, 2, 3, 4].map((i) => sum((b) => b.helped[i] ?? 0));
  const helpedAnswers = helped.reduce((a, b) => a + b, 0);
  const wouldReturn = { yes: sum((b) => b.wouldReturn.yes), maybe: sum((b) => b.wouldReturn.maybe), no: sum((b) => b.wouldReturn.no) };
  const topics: Record<string, number> = {};
  const referrals: Record<string, number> = {};
  const walkInTopics: Record<string, number> = {};
  for (const b of buckets) {
    addCounts(topics, b.topics);
    addCounts(walkInTopics, b.walkInTopics);
    addCounts(referrals, b.referrals);
  }
  const byLevel = <T>(f: (level: (typeof LEVELS)[number]) => T) => ({ consult: f("consult"), urgent: f("urgent"), crisis: f("crisis") });
  return {
    chatsStarted: sum((b) => b.chatsStarted),
    chatsCompleted: sum((b) => b.chatsCompleted),
    abandoned: sum((b) => b.abandoned),
    returning: sum((b) => b.returning),
    wait: distribution(samples((b) => b.waitsMs)),
    abandonedWait: distribution(samples((b) => b.abandonedWaitsMs)),
    duration: distribution(samples((b) => b.durationsMs)),
    escalations: byLevel((l) => sum((b) => b.escalations[l])),
    unrouted: sum((b) => b.unrouted),
    debriefs: sum((b) => b.debriefs),
    timeToClaim: byLevel((l) => distribution(samples((b) => b.claimMs[l]))),
    topics,
    referrals,
    wrapUps: { chat: sum((b) => b.wrapUpsChat), walkIn: sum((b) => b.wrapUpsWalkIn) },
    walkIns: { count: sum((b) => b.wrapUpsWalkIn), minutes: sum((b) => b.walkInMinutes), topics: walkInTopics },
    feedback: {
      answers: sum((b) => b.feedbackAnswers),
      helped,
      helpedMean: helpedAnswers === 0 ? null : helped.reduce((s, n, i) => s + n * (i + 1), 0) / helpedAnswers,
      wouldReturn,
    },
    volunteerHours: Math.round(sum((b) => b.volunteerMs) / 360_000) / 10,
    peakConcurrent: peakOf(buckets),
    riskAgreement: {
      judged: sum((b) => b.risk.judged),
      volunteerHigh: sum((b) => b.risk.volunteerHigh),
      bothHigh: sum((b) => b.risk.bothHigh),
      scorerHighVolunteerNone: sum((b) => b.risk.scorerHighVolunteerNone),
    },
  };
}
