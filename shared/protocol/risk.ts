import { z } from "zod";

/**
 * The risk triage's vocabulary on the wire: the signal ids the scorer may report and its grades.
 * Clients show each signal in words from their catalogue (never the raw id); a new signal needs a
 * catalogue entry in nl and en, which the typed catalogue enforces.
 */
export const RISK_SIGNALS = [
  // high
  "suicidal-ideation",
  "suicide-intent",
  "suicide-plan",
  "overdose",
  "self-harm",
  "burdensomeness",
  "abuse-home",
  "sexual-abuse",
  "sexual-exploitation",
  "farewell",
  "means",
  "cannot-keep-safe",
  "self-harm-now",
  "acute-danger",
  // high or concern: the second reader (no listed phrase; the message as a whole reads as danger)
  "reader",
  // concern
  "bullying",
  "eating-disorder",
  "grooming-signs",
  "helpline-mention",
  "hopelessness",
  "others-at-risk",
  "possible-plan",
  "self-harm-past",
  "suicide-mention",
  "unsafe-home",
] as const;

export const RiskSignalSchema = z.enum(RISK_SIGNALS);
export type RiskSignal = z.infer<typeof RiskSignalSchema>;

/** none < concern < high. */
export const RiskLevelSchema = z.enum(["none", "concern", "high"]);
export type RiskLevel = z.infer<typeof RiskLevelSchema>;

/**
 * Within `high`, `acute` marks the top grade: intent with a plan, means or a time; an attempt or
 * overdose in progress; danger happening now. An acute signal is escalated at level crisis.
 */
export type RiskGrade = "none" | "concern" | "high" | "acute";
