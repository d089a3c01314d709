import { z } from "zod";
import { ANY_LOCATION, LocationId, SkillKey, StaffRole, Topic } from "./vocabulary";

/** Bodies and views of the coordinator's JSON API (/api/admin/..., /api/invites/...). */

const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "HH:MM");
const LocalDate = z.iso.date();

export const TimeWindowBody = z
  .object({ start: LocalTime, end: LocalTime })
  .strict()
  .refine((w) => w.end > w.start, "a window must end after it starts");

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const dayWindows = z.array(TimeWindowBody).max(6);

export const LocationSettings = z
  .object({
    name: z.string().trim().min(1).max(60),
    timeZone: z.string().max(60).refine(isTimeZone, "unknown time zone"),
    weeklyHours: z
      .object({ mon: dayWindows, tue: dayWindows, wed: dayWindows, thu: dayWindows, fri: dayWindows, sat: dayWindows, sun: dayWindows })
      .strict(),
    exceptions: z
      .array(z.object({ date: LocalDate, windows: dayWindows, note: z.string().trim().max(100).optional() }).strict())
      .max(200)
      .refine((list) => new Set(list.map((e) => e.date)).size === list.length, "one exception per date"),
    /** Seconds before a youth who chose this location may be taken by any location. */
    overflowSeconds: z.number().int().min(0).max(3600),
    autoAssign: z.boolean(),
    /** Seconds a youth whose topic matches a booster training is kept for volunteers who hold it. */
    skillWindowSeconds: z.number().int().min(0).max(600),
    wrapUpTopics: z.array(Topic).max(30),
    /** Volunteers here log in with a second factor too (coordinators and professionals always do). */
    volunteerSecondFactor: z.boolean().optional(),
    snippets: z
      .array(
        z
          .object({ key: z.string().regex(/^[a-z0-9-]{1,30}$/), lang: z.enum(["nl", "en"]), text: z.string().trim().min(1).max(1000) })
          .strict(),
      )
      .max(100),
  })
  .strict();
export type LocationSettings = z.infer<typeof LocationSettings>;

/** "any" is what a youth picks for "whichever location": never a location's own id. */
export const NewLocationId = LocationId.refine((id) => id !== ANY_LOCATION, `"${ANY_LOCATION}" is reserved`);
export const CreateLocationBody = LocationSettings.extend({ id: NewLocationId }).strict();
export { isTimeZone };
export const LocationAdminView = LocationSettings.extend({ id: z.string(), wrapUpTopics: z.array(z.string()) });
export type LocationAdminView = z.infer<typeof LocationAdminView>;

const Skills = z.array(SkillKey).max(20);
const Manages = z.union([z.literal("all"), z.array(LocationId).max(50)]);

export const InviteBody = z
  .object({
    email: z.email().max(200),
    displayName: z.string().trim().min(1).max(40),
    role: StaffRole,
    locationId: LocationId,
    skills: Skills.default([]),
    manages: Manages.optional(),
    /** Professionals: other locations they may go on duty for (each one run by the coordinator). */
    covers: z.array(LocationId).max(50).optional(),
  })
  .strict();
export type InviteBody = z.infer<typeof InviteBody>;

export const StaffUpdateBody = z
  .object({
    displayName: z.string().trim().min(1).max(40),
    role: StaffRole,
    locationId: LocationId,
    skills: Skills,
    manages: Manages.optional(),
    covers: z.array(LocationId).max(50).optional(),
  })
  .strict();
export type StaffUpdateBody = z.infer<typeof StaffUpdateBody>;

export const StaffAdminView = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: StaffRole,
  locationId: z.string(),
  skills: z.array(z.string()),
  manages: Manages.optional(),
  covers: z.array(z.string()).optional(),
  active: z.boolean(),
  invitePending: z.boolean(),
  /** Has an authenticator app enrolled (a coordinator can reset it). */
  secondFactor: z.boolean().optional(),
});
export type StaffAdminView = z.infer<typeof StaffAdminView>;

/** What the coordinator passes on to the invitee; the link works once, until `expiresAt`. */
export const InviteView = z.object({ staff: StaffAdminView, link: z.string(), expiresAt: z.number() });
export type InviteView = z.infer<typeof InviteView>;

export const InviteToken = z.string().regex(/^[A-Za-z0-9_-]{40,50}$/);
export const AcceptInviteBody = z.object({ token: InviteToken, password: z.string().min(12, "at least 12 characters").max(200) }).strict();
export const InviteInfoView = z.object({ email: z.string(), displayName: z.string(), role: StaffRole });
export type InviteInfoView = z.infer<typeof InviteInfoView>;

/** In the location's own clock: a coordinator thinks "Monday 14:00 to 18:00"; an end at or before the start is the next day. */
export const ShiftBody = z
  .object({ locationId: LocationId, staffId: z.string().min(1).max(60), date: LocalDate, start: LocalTime, end: LocalTime })
  .strict();
export type ShiftBody = z.infer<typeof ShiftBody>;

export const ShiftView = z.object({
  id: z.string(),
  locationId: z.string(),
  staffId: z.string(),
  staffName: z.string(),
  role: StaffRole,
  start: z.number(),
  end: z.number(),
});
export type ShiftView = z.infer<typeof ShiftView>;

/** One week of one location; `week` is any date in it (the week starts on Monday). */
export const RosterQuery = z.object({ locationId: LocationId, week: LocalDate }).strict();

/** The roster of one location for a range: shifts, and open hours without a rostered professional. */
export const RosterView = z.object({
  locationId: z.string(),
  timeZone: z.string(),
  /** The seven local dates of the week, Monday first. */
  days: z.array(z.string()),
  from: z.number(),
  to: z.number(),
  shifts: z.array(ShiftView),
  uncovered: z.array(z.object({ start: z.number(), end: z.number() })),
});
export type RosterView = z.infer<typeof RosterView>;
