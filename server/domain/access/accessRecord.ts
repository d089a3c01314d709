import type { ACCESS_ACTIONS, ACCESS_REASONS } from "../../../shared/protocol";
import type { Millis } from "../clock";

/**
 * What a staff member did with a youth's words (or, for a reset, with a colleague's login), and why:
 * `assigned` (their own chat), `escalation` (a professional reading along on an alert),
 * `supervision` (joining or taking over), `figures` (the anonymous export), an erasure's or a
 * reset's reason. The lists live in the protocol, which the coordinator's page shares.
 */
export type AccessAction = (typeof ACCESS_ACTIONS)[number];
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
