/** The protocol's words: roles, age bands, topics, locations, ids and limits that every payload is built from. */
import { z } from "zod";

/** Limits shared by client (to warn early) and server (to enforce). */
export const LIMITS = {
  messageChars: 2000,
  nicknameChars: 30,
  noteChars: 500,
} as const;

export const ROLES = ["youth", "volunteer", "professional", "coordinator"] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const STAFF_ROLES = ["volunteer", "professional", "coordinator"] as const;
export const StaffRole = z.enum(STAFF_ROLES);
export type StaffRole = z.infer<typeof StaffRole>;

/** Age bands a youth may pick; the out-of-range bands exist so we can point them elsewhere kindly. */
export const AGE_BANDS = ["under-12", "12-15", "16-18", "19-21", "22-25", "over-25"] as const;
export const AgeBand = z.enum(AGE_BANDS);
export type AgeBand = z.infer<typeof AgeBand>;

/** Topic keys a youth may pick; labels live in the client catalogues. */
export const TOPICS = [
  "feeling-down",
  "anxiety-stress",
  "loneliness",
  "relationships",
  "sexuality-identity",
  "home-family",
  "school-work",
  "body-eating",
  "self-harm-suicide",
  "abuse-exploitation",
  "migration",
  "something-else",
] as const;
export const Topic = z.enum(TOPICS);
export type Topic = z.infer<typeof Topic>;

/** Booster trainings a volunteer can hold; staff may also carry free-form skills. */
export const BOOSTER_SKILLS = ["suicidality", "eating-disorders", "sexual-exploitation", "migrant-refugee"] as const;
export const SkillKey = z.string().regex(/^[a-z0-9-]{1,40}$/);

export const ANY_LOCATION = "any";
export const LocationId = z.string().regex(/^[a-z0-9-]{1,40}$/);
export const LocationChoice = z.union([z.literal(ANY_LOCATION), LocationId]);

export const PRESENCE_STATUSES = ["available", "break", "walk-in", "off"] as const;
export const PresenceStatus = z.enum(PRESENCE_STATUSES);
export type PresenceStatus = z.infer<typeof PresenceStatus>;

export const Capacity = z.number().int().min(1).max(3);

/** Ids that clients make (message ids) are UUIDs, so a resend after reconnect is recognised. */
export const ClientId = z.uuid();
export const ConversationId = z.string().regex(/^c_[A-Za-z0-9_-]{10,40}$/);

export const MessageText = z
  .string()
  .max(LIMITS.messageChars)
  .refine((t) => t.trim().length > 0, "empty message");

/** "unknown" is honest: no recent service times or nobody on shift to measure against. */
export const Estimate = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("unknown") }),
  z.object({ kind: z.literal("minutes"), low: z.number().int().min(0), high: z.number().int().min(0) }),
]);
export type Estimate = z.infer<typeof Estimate>;

export const REFERRALS = ["none", "gp", "mental-health-care", "113", "other"] as const;
export const Referral = z.enum(REFERRALS);
export type Referral = z.infer<typeof Referral>;
