import { z } from "zod";
import { ANY_LOCATION, LocationId } from "./vocabulary";

/**
 * The anonymous figures a coordinator reads (flow 7): `GET /api/figures` (JSON for the dashboard)
 * and `GET /api/figures.csv` (the export for the municipality, with small counts shown as "<5").
 */

/**
 * Youths who chose any location and were abandoned before anyone took them are counted here (no
 * location is known); only national coordinators see it.
 */
export const NO_LOCATION = ANY_LOCATION;

/** Longest period one request may cover: a year and a bit, so a yearly report fits. */
export const FIGURES_MAX_DAYS = 400;

const LocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), "not a date");

/** The query string of both routes. `locations` is a comma list; absent means every location I run. */
export const FiguresQuery = z
  .object({
    from: LocalDate,
    to: LocalDate,
    locations: z
      .string()
      .max(2000)
      .transform((s) => [
        ...new Set(
          s
            .split(",")
            .map((id) => id.trim())
            .filter((id) => id.length > 0),
        ),
      ])
      .pipe(z.array(LocationId).min(1).max(100))
      .optional(),
  })
  .strict()
  .refine((q) => q.from <= q.to, { message: "from must not be after to", path: ["from"] })
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < FIGURES_MAX_DAYS, {
    message: `at most ${FIGURES_MAX_DAYS} days`,
    path: ["to"],
  });
export type FiguresQuery = z.infer<typeof FiguresQuery>;

/** A spread of durations: how many, and the median and 90th percentile in milliseconds (null when none). */
export const Distribution = z.object({ count: z.number().int(), p50Ms: z.number().nullable(), p90Ms: z.number().nullable() });
export type Distribution = z.infer<typeof Distribution>;

export const FIGURE_LEVELS = ["consult", "urgent", "crisis"] as const;
export const WOULD_RETURN = ["yes", "maybe", "no"] as const;

/** Everything counted over one set of hours (a location's period, a day, the whole selection). */
/**
 * The risk triage against the volunteer's own judgement of the highest risk in each chat (from the
 * wrap-up): chats judged, judged high by the volunteer, of those flagged high by the triage too (the
 * triage's recall is bothHigh / volunteerHigh), and flagged high where the volunteer saw none.
 */
export const RiskAgreement = z.object({
  judged: z.number().int(),
  volunteerHigh: z.number().int(),
  bothHigh: z.number().int(),
  scorerHighVolunteerNone: z.number().int(),
});
export type RiskAgreement = z.infer<typeof RiskAgreement>;

export const FigureSummary = z.object({
  chatsStarted: z.number().int(),
  chatsCompleted: z.number().int(),
  /** Conversations abandoned: ended while still queued (left the queue, quick exit, or released as gone). */
  abandoned: z.number().int(),
  /** Chats started by a youth who came back with a return code. */
  returning: z.number().int(),
  wait: Distribution,
  /** How long the youths of abandoned conversations had waited. */
  abandonedWait: Distribution,
  duration: Distribution,
  escalations: z.object({ consult: z.number().int(), urgent: z.number().int(), crisis: z.number().int() }),
  /** Escalations nobody acknowledged in time (the volunteer saw the crisis protocol). */
  unrouted: z.number().int(),
  debriefs: z.number().int(),
  timeToClaim: z.object({ consult: Distribution, urgent: Distribution, crisis: Distribution }),
  topics: z.record(z.string(), z.number().int()),
  referrals: z.record(z.string(), z.number().int()),
  wrapUps: z.object({ chat: z.number().int(), walkIn: z.number().int() }),
  /** Walk-in talks registered by volunteers and professionals: how many, their minutes, their topics. */
  walkIns: z.object({ count: z.number().int(), minutes: z.number().int(), topics: z.record(z.string(), z.number().int()) }),
  feedback: z.object({
    answers: z.number().int(),
    /** Counts of "did this help?" answers 1..5, index 0 is 1. */
    helped: z.array(z.number().int()).length(5),
    helpedMean: z.number().nullable(),
    wouldReturn: z.object({ yes: z.number().int(), maybe: z.number().int(), no: z.number().int() }),
  }),
  volunteerHours: z.number(),
  /** Most chats open at once in one location; over several locations the highest hourly sum (an upper bound). */
  peakConcurrent: z.number().int(),
  riskAgreement: RiskAgreement,
});
export type FigureSummary = z.infer<typeof FigureSummary>;

export const FiguresDay = z.object({
  date: z.string(),
  chatsStarted: z.number().int(),
  chatsCompleted: z.number().int(),
  abandoned: z.number().int(),
  waitP50Ms: z.number().nullable(),
  volunteerHours: z.number(),
});
export type FiguresDay = z.infer<typeof FiguresDay>;

/** The dashboard's answer. Exact counts: the "<5" rule applies to what leaves the service (the CSV). */
export const FiguresReport = z.object({
  from: z.string(),
  to: z.string(),
  locations: z.array(z.object({ id: z.string(), name: z.string() })),
  total: FigureSummary,
  byLocation: z.array(z.object({ locationId: z.string(), summary: FigureSummary })),
  byDay: z.array(FiguresDay),
  /** Chats started per local hour of the day (0–23), over the whole period. */
  byHourOfDay: z.array(z.number().int()).length(24),
  /** The risk triage against the volunteers' judgement, per calendar month ("2026-12") in the period. */
  riskByMonth: z.array(RiskAgreement.extend({ month: z.string() })),
});
export type FiguresReport = z.infer<typeof FiguresReport>;
