import type { Millis } from "../types";

/**
 * What a staff member did with a youth's words (or, for a reset, with a colleague's login). Every
 * read of a transcript is one of these; the record never holds the words themselves.
 */
export const ACCESS_ACTIONS = ["open", "sync", "watch", "take-over", "export", "erase", "second-factor-reset"] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

/**
 * Why: what gave the reader the right. `assigned`: their own chat; `escalation`: a professional
 * reading along on an alert; `supervision`: a professional joining or taking over; `figures`: the
 * anonymous export; `youth-request` and `safeguarding`: an erasure's reason; `lost-device`,
 * `left-service` and `other`: a reset's reason (erasures may say `other` too).
 */
export const ACCESS_REASONS = ["assigned", "escalation", "supervision", "figures", "youth-request", "safeguarding", "lost-device", "left-service", "other"] as const;
export type AccessReason = (typeof ACCESS_REASONS)[number];

/** One append-only entry of the access record: who, what, which conversation (or colleague), when, why. */
export interface AccessEntry {
  id: string;
  at: Millis;
  /** Who read (or erased, or reset). */
  staffId: string;
  action: AccessAction;
  reason: AccessReason;
  conversationId?: string;
  /** The location the entry belongs to (the conversation's, or the colleague's home): what scopes it. */
  locationId: string;
  /** For a reset: whose second factor. */
  subjectStaffId?: string;
}

/** A search of the record: a period, optionally one reader, within some locations (or all). */
export interface AccessQuery {
  from: Millis;
  to: Millis;
  staffId?: string;
  locationIds: string[] | "all";
  limit: number;
}

/** Whether an entry answers a query (the memory store filters with it; Redis narrows by index first). */
export function matchesAccessQuery(entry: AccessEntry, q: AccessQuery): boolean {
  if (entry.at < q.from || entry.at >= q.to) return false;
  if (q.staffId !== undefined && entry.staffId !== q.staffId) return false;
  return q.locationIds === "all" || q.locationIds.includes(entry.locationId);
}
