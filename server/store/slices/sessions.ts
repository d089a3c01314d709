import type { YouthSession } from "../../domain/conversation";
import type { StaffSession } from "../../domain/staff";

/** Staff login sessions and anonymous youth sessions. */
export interface SessionStore {
  /** Staff login sessions; expire `ttlMs` after the last `touch`. */
  putStaffSession(session: StaffSession, ttlMs: number): Promise<void>;
  /**
   * Extends a session that is still there (a console in use); resolves false, writing nothing, when
   * it is gone: a touch read before a logout must not bring the session back.
   */
  touchStaffSession(session: StaffSession, ttlMs: number): Promise<boolean>;
  getStaffSession(sidHash: string): Promise<StaffSession | undefined>;
  deleteStaffSession(sidHash: string): Promise<void>;
  /**
   * Ends every session of one staff member ("log out everywhere", deactivation); resolves how many
   * there were.
   */
  deleteStaffSessionsOf(staffId: string): Promise<number>;
  /** Anonymous youth sessions, looked up by the hash of their token; expire `ttlMs` after the last put. */
  putYouthSession(session: YouthSession, ttlMs: number): Promise<void>;
  getYouthSession(tokenHash: string): Promise<YouthSession | undefined>;
  /** Ends a youth session at once (quick exit): its token no longer resumes anything. */
  deleteYouthSession(tokenHash: string): Promise<void>;
}
