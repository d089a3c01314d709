import { z } from "zod";

/** Bodies and views of the second-factor login and the access record (docs/PROTOCOL.md, "Accountable access"). */

/** What POST /api/auth/login answers when a second step is due (otherwise it answers the StaffView). */
export const LoginNext = z.object({ next: z.enum(["code", "enrol"]) });
export type LoginNext = z.infer<typeof LoginNext>;

/** Step two: a six-digit code from the app, or one of the ten recovery codes. */
export const SecondFactorBody = z.union([
  z.object({ code: z.string().regex(/^\d{6}$/, "six digits") }).strict(),
  z.object({ recoveryCode: z.string().trim().min(8).max(20) }).strict(),
]);
export type SecondFactorBody = z.infer<typeof SecondFactorBody>;

/** Enrolment: the secret for typing in by hand, and the same as a QR code (an SVG data URL). */
export const EnrolmentView = z.object({ secret: z.string(), qr: z.string(), uri: z.string() });
export type EnrolmentView = z.infer<typeof EnrolmentView>;

export const EnrolConfirmBody = z.object({ code: z.string().regex(/^\d{6}$/, "six digits") }).strict();

/** The half-way state a page can ask for after a reload: which second step is due, if any. */
export const PendingLoginView = z.object({ pending: z.enum(["code", "enrol"]).nullable() });
export type PendingLoginView = z.infer<typeof PendingLoginView>;

export const ACCESS_ACTIONS = ["open", "sync", "watch", "take-over", "export", "erase", "second-factor-reset"] as const;
export const ACCESS_REASONS = [
  "assigned",
  "escalation",
  "supervision",
  "figures",
  "youth-request",
  "safeguarding",
  "lost-device",
  "left-service",
  "other",
] as const;
export const AccessAction = z.enum(ACCESS_ACTIONS);
export const AccessReason = z.enum(ACCESS_REASONS);

/** A coordinator's reset of a colleague's second factor: why, as a code. */
export const SecondFactorResetBody = z.object({ reason: z.enum(["lost-device", "left-service", "other"]) }).strict();

/** Search the access record: a period of local dates (inclusive), optionally one reader. */
export const AccessQueryParams = z
  .object({
    from: z.iso.date(),
    to: z.iso.date(),
    staffId: z
      .string()
      .regex(/^st_[A-Za-z0-9_-]{1,40}$/)
      .optional(),
  })
  .strict()
  .refine((q) => q.from <= q.to, "from must not be after to");

export const AccessEntryView = z.object({
  id: z.string(),
  at: z.number(),
  staffId: z.string(),
  staffName: z.string(),
  action: AccessAction,
  reason: AccessReason,
  conversationId: z.string().optional(),
  locationId: z.string(),
  subjectStaffId: z.string().optional(),
  subjectStaffName: z.string().optional(),
});
export type AccessEntryView = z.infer<typeof AccessEntryView>;

/** The entries found (newest first) and whether there were more than the page shows. */
export const AccessSearchView = z.object({ entries: z.array(AccessEntryView), truncated: z.boolean() });
export type AccessSearchView = z.infer<typeof AccessSearchView>;

/** A coordinator's erasure of one conversation: why, as a code. */
export const EraseBody = z.object({ reason: z.enum(["youth-request", "safeguarding", "other"]) }).strict();
