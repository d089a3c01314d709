/** Staff as the domain knows them: the account, their presence on shift, invites and login sessions. */
import type { PresenceStatus, StaffRole } from "../../shared/protocol";
import type { Millis } from "./clock";

export interface Staff {
  id: string;
  email: string;
  displayName: string;
  role: StaffRole;
  locationId: string;
  passwordHash: string;
  active: boolean;
  skills: string[];
  /**
   * For coordinators: the locations they run. "all" is a national coordinator; absent means their
   * home location only.
   */
  manages?: string[] | "all";
  /**
   * For professionals: locations besides their home location they may go on duty for, set by a
   * coordinator who runs each of them. Absent means their home location only.
   */
  covers?: string[];
  /** Set while an invite is outstanding: the hash of the only invite token that may set the password. */
  inviteTokenHash?: string;
}

/** A staff member's availability; `load` is derived by the store from their active conversations. */
export interface Presence {
  staffId: string;
  locationId: string;
  status: PresenceStatus;
  capacity: number;
  /** When the volunteer last got a conversation; "whoever is free first" prefers the longest idle. */
  lastAssignedAt: Millis;
  /** When the status last changed (start of the shift, the break, the walk-in). */
  since: Millis;
  load: number;
}

/** A one-time link to set a password; only the latest invite of a staff member works. */
export interface Invite {
  tokenHash: string;
  staffId: string;
  invitedBy?: string;
  expiresAt: Millis;
}

export interface StaffSession {
  sidHash: string;
  staffId: string;
  createdAt: Millis;
  lastSeenAt: Millis;
  /**
   * Set between the password and the second factor: such a session opens nothing but the
   * second-factor routes ("code": a code is due; "enrol": the staff member must enrol first).
   */
  pending?: "code" | "enrol";
  /** During enrolment: the new TOTP secret, sealed, until a first code confirms it. */
  enrolSecret?: string;
  /** Wrong codes given in this pending session. */
  codeAttempts?: number;
}
