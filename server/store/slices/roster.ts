import type { Millis } from "../../domain/clock";
import type { Shift } from "../../domain/roster/roster";
import type { Invite } from "../../domain/staff";

/** Planned shifts and staff invites. */
export interface RosterStore {
  /** Creates or replaces a shift. */
  putShift(shift: Shift): Promise<void>;
  getShift(id: string): Promise<Shift | undefined>;
  /** True if the shift was there. */
  deleteShift(id: string): Promise<boolean>;
  /** Shifts overlapping [from, to), ordered by start. Shifts are at most MAX_SHIFT_MS long. */
  listShifts(from: Millis, to: Millis): Promise<Shift[]>;
  /** Keeps an invite for `ttlMs`. */
  putInvite(invite: Invite, ttlMs: number): Promise<void>;
  getInvite(tokenHash: string): Promise<Invite | undefined>;
  /** Atomic: returns the invite and deletes it; of two racing takes, one gets it. */
  takeInvite(tokenHash: string): Promise<Invite | undefined>;
}
