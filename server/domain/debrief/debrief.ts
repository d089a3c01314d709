import type { Millis } from "../clock";

/** A volunteer's request for a talk with the on-duty professional ("praat even na"), and its state. */
export interface Debrief {
  id: string;
  volunteerId: string;
  locationId: string;
  conversationId?: string;
  requestedAt: Millis;
  status: "open" | "claimed" | "closed";
  claimedBy?: string;
  claimedAt?: Millis;
  closedAt?: Millis;
  /** Highest seq in its thread (0 before the first message). */
  lastSeq: number;
}

/** One message of the staff-only thread between the volunteer and the professional who took it. */
export interface DebriefMessage {
  id: string;
  debriefId: string;
  seq: number;
  senderId: string;
  senderRole: "volunteer" | "professional";
  senderName: string;
  text: string;
  sentAt: Millis;
}

export type ClaimDebriefResult = { ok: true; debrief: Debrief } | { ok: false; reason: "not_found" | "not_open" };

/** The two people of a debrief: the volunteer who asked, and the professional who took it up. */
export function isDebriefParty(d: Debrief, staffId: string): boolean {
  return d.volunteerId === staffId || (d.claimedBy !== undefined && d.claimedBy === staffId);
}

/** Who may write in the thread: either party, once a professional took it up and until it is closed. */
export function mayWriteDebrief(d: Debrief, staffId: string): boolean {
  return d.status === "claimed" && isDebriefParty(d, staffId);
}

/**
 * Retention, like transcripts: a closed debrief goes `retentionMs` after it was closed; one never
 * closed goes `retentionMs` after it was asked for (nobody keeps a thread alive by leaving it open).
 */
export function debriefExpired(d: Debrief, now: Millis, retentionMs: number): boolean {
  const from = d.status === "closed" ? (d.closedAt ?? d.requestedAt) : d.requestedAt;
  return now - from >= retentionMs;
}
