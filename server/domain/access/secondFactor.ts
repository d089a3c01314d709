import type { Millis } from "../clock";
import type { Location } from "../location";
import type { Staff } from "../staff";

/**
 * A staff member's second factor (TOTP, RFC 6238). `secret` is sealed (AES-GCM, see auth/totp.ts);
 * it is never sent anywhere after enrolment. `lastStep` is the newest 30-second step a code was
 * accepted for, so every code works once. Recovery codes are kept only as keyed hashes.
 */
export interface SecondFactor {
  staffId: string;
  secret: string;
  enrolledAt: Millis;
  lastStep: number;
  recoveryCodeHashes: string[];
}

/**
 * Who must use a second factor: coordinators and professionals always (they read any chat of
 * their locations, or run them); volunteers when their home location switches it on. Someone who
 * enrolled of their own accord is asked for a code anyway (see `loginStepAfterPassword`).
 */
export function secondFactorRequired(staff: Staff, home: Location | undefined): boolean {
  if (staff.role === "coordinator" || staff.role === "professional") return true;
  return home?.volunteerSecondFactor === true;
}

/** What follows a right password: a session at once, a code, or enrolling first. */
export type LoginStep = "done" | "code" | "enrol";

export function loginStepAfterPassword(required: boolean, enrolled: boolean): LoginStep {
  if (enrolled) return "code";
  return required ? "enrol" : "done";
}

/** Wrong codes allowed within one password step; then the password must be given again. */
export const MAX_CODE_ATTEMPTS = 5;

/** How long the half-way state between password and code lasts. */
export const PENDING_LOGIN_MS = 5 * 60_000;
