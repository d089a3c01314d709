import { hashPassword, hashSecret, newSecret, verifyPassword } from "../auth/secrets";
import type { Staff, StaffSession } from "../domain/staff";
import type { DirectoryStore, EscalationStore, SessionStore } from "../store/Store";
import type { ServiceDeps } from "./context";
import type { EscalationService } from "./EscalationService";
import { fail } from "./errors";
import type { SecondFactorService } from "./SecondFactorService";

/** Computed once so a login for an unknown e-mail costs as much as a real one (no account probing). */
const decoyHash = hashPassword("inloop-decoy-password");

/** A staff session found valid: whose it is, and when it ends unless something extends it. */
export interface ValidSession {
  staff: Staff;
  expiresAt: number;
}

/** What StaffSessions are made of (StaffServiceOptions adds what the rest of StaffService uses). */
export interface StaffSessionsOptions {
  deps: ServiceDeps<DirectoryStore & EscalationStore & SessionStore>;
  /** Logged out is off duty: a professional's escalations are released. */
  escalations: EscalationService;
  sessionIdleMs: number;
  /** A session ends this long after login however active it is (a forgotten console on a shared PC). */
  sessionMaxMs?: number;
  /** Without it (unit tests of other things), a password alone logs in. */
  secondFactor?: SecondFactorService;
}

/** Staff logins and sessions: a password (and second factor) in, a session's life, logging out. */
export class StaffSessions {
  private readonly deps: ServiceDeps<DirectoryStore & EscalationStore & SessionStore>;
  private readonly escalations: EscalationService;
  private readonly sessionIdleMs: number;
  private readonly sessionMaxMs: number;
  private readonly secondFactor?: SecondFactorService;

  constructor(o: StaffSessionsOptions) {
    this.deps = o.deps;
    this.escalations = o.escalations;
    this.sessionIdleMs = o.sessionIdleMs;
    this.sessionMaxMs = o.sessionMaxMs ?? Number.POSITIVE_INFINITY;
    if (o.secondFactor) this.secondFactor = o.secondFactor;
  }

  /**
   * Checks the password (argon2id) and starts a fresh session; the raw session id goes only into the
   * cookie. The session this browser had before (`previousSid`) ends: a login never keeps an id
   * that existed before it (session fixation). When a second factor is due (`next`), the session is
   * only a pending one that opens the second-factor routes and nothing else.
   */
  async login(email: string, password: string, previousSid?: string): Promise<{ sid: string; staff: Staff; next?: "code" | "enrol" }> {
    const staff = await this.deps.store.getStaffByEmail(email);
    // Always one full argon2 verification: an unknown e-mail, or an invited account without a
    // password yet (whose empty hash would fail at once), must take as long as a wrong password.
    const usable = staff?.active && staff.passwordHash ? staff.passwordHash : await decoyHash;
    const ok = await verifyPassword(usable, password);
    if (!staff || !ok || !staff.active || usable !== staff.passwordHash) fail("BAD_CREDENTIALS", "E-mail or password is not right");
    if (previousSid) {
      await this.deps.store.deleteStaffSession(hashSecret(previousSid));
      // A console still open with the old session must not go on hearing under the new login.
      await this.deps.notifier.revoke({ session: hashSecret(previousSid), close: true });
    }
    const next = this.secondFactor ? await this.secondFactor.stepAfterPassword(staff) : "done";
    if (next !== "done") {
      const { sid } = await this.secondFactor!.startPending(staff, next);
      this.deps.log.info({ event: "staff.login.password", staffId: staff.id, next }, "password right; second factor due");
      return { sid, staff, next };
    }
    const sid = newSecret();
    const now = this.deps.clock.now();
    const session = { sidHash: hashSecret(sid), staffId: staff.id, createdAt: now, lastSeenAt: now };
    await this.deps.store.putStaffSession(session, this.ttlOf(session, now));
    this.deps.log.info({ event: "staff.login", staffId: staff.id }, "staff logged in");
    return { sid, staff };
  }

  /**
   * A session for someone who proved who they are another way: an invite just accepted (a second
   * factor may still be due: then a pending session and `next`), or a second factor just given.
   */
  async startSession(staff: Staff, options: { secondFactorDone?: boolean } = {}): Promise<{ sid: string; next?: "code" | "enrol" }> {
    if (!staff.active) fail("FORBIDDEN", "This account is not active");
    const next = this.secondFactor && !options.secondFactorDone ? await this.secondFactor.stepAfterPassword(staff) : "done";
    if (next !== "done") return { sid: (await this.secondFactor!.startPending(staff, next)).sid, next };
    const sid = newSecret();
    const now = this.deps.clock.now();
    const session = { sidHash: hashSecret(sid), staffId: staff.id, createdAt: now, lastSeenAt: now };
    await this.deps.store.putStaffSession(session, this.ttlOf(session, now));
    this.deps.log.info(
      { event: "staff.login", staffId: staff.id, via: options.secondFactorDone ? "second-factor" : "invite" },
      "staff logged in",
    );
    return { sid };
  }

  /** Idle expiry, but never past the absolute limit counted from login. */
  private ttlOf(session: StaffSession, now: number): number {
    return Math.max(1, Math.min(this.sessionIdleMs, session.createdAt + this.sessionMaxMs - now));
  }

  /**
   * The session behind a sid and its staff member while both are valid: not expired (idle or
   * absolute), not deactivated. `expected` is whose session the caller believes it is (an open
   * console knows): then both are read at once.
   */
  private async liveSession(sid: string | undefined, expected?: string): Promise<{ session: StaffSession; staff: Staff } | undefined> {
    if (!sid) return undefined;
    const { store, clock } = this.deps;
    const [session, known] = await Promise.all([
      store.getStaffSession(hashSecret(sid)),
      expected === undefined ? undefined : store.getStaff(expected),
    ]);
    // Half-way through a login (password given, second factor not yet): not a session for anything.
    if (!session || session.pending) return undefined;
    if (clock.now() - session.createdAt >= this.sessionMaxMs) {
      await store.deleteStaffSession(session.sidHash);
      return undefined;
    }
    const staff = session.staffId === expected ? known : await store.getStaff(session.staffId);
    if (!staff?.active) return undefined;
    return { session, staff };
  }

  /** The staff member behind a session id, extending the idle timeout; undefined when expired or deactivated. */
  async authenticate(sid: string | undefined): Promise<Staff | undefined> {
    return (await this.openConsole(sid))?.staff;
  }

  /**
   * Like `authenticate`, for a console's socket: also when the session ends if nothing extends it
   * (idle or absolute), so the socket can trust it until then without reading it again, unless a
   * revocation is pushed first (`Notifier.revoke`).
   */
  async openConsole(sid: string | undefined): Promise<ValidSession | undefined> {
    const live = await this.liveSession(sid);
    if (!live) return undefined;
    const now = this.deps.clock.now();
    const touched = { ...live.session, lastSeenAt: now };
    if (!(await this.deps.store.touchStaffSession(touched, this.ttlOf(live.session, now)))) return undefined;
    return { staff: live.staff, expiresAt: this.expiryOf(touched) };
  }

  /**
   * For an open console whose standing is not known (revoked, or trusted long enough): the staff
   * member as stored now, if the session the socket was opened with is still valid and still theirs,
   * and when it ends unless extended. `touch` extends the idle timeout, so a console in use does not
   * idle out.
   */
  async stillValid(sid: string | undefined, staffId: string, touch: boolean): Promise<ValidSession | undefined> {
    const live = await this.liveSession(sid, staffId);
    if (!live || live.staff.id !== staffId) return undefined;
    if (!touch) return { staff: live.staff, expiresAt: this.expiryOf(live.session) };
    const now = this.deps.clock.now();
    const touched = { ...live.session, lastSeenAt: now };
    // Ended while we read it (a logout on another process): it stays ended.
    if (!(await this.deps.store.touchStaffSession(touched, this.ttlOf(live.session, now)))) return undefined;
    return { staff: live.staff, expiresAt: this.expiryOf(touched) };
  }

  /** When a session ends if nobody extends it: idle, or the absolute limit from login, whichever is first. */
  private expiryOf(session: StaffSession): number {
    return Math.min(session.lastSeenAt + this.sessionIdleMs, session.createdAt + this.sessionMaxMs);
  }

  /**
   * Ends this session and closes its open consoles at once: a shared office PC shows nothing after
   * logout. `everywhere` ends every other session of theirs too (a lost phone, a shared password).
   */
  async logout(sid: string | undefined, options: { everywhere?: boolean } = {}): Promise<void> {
    if (!sid) return;
    const session = await this.deps.store.getStaffSession(hashSecret(sid));
    await this.deps.store.deleteStaffSession(hashSecret(sid));
    // An abandoned half-way login ends alone: it never put anyone on duty or opened a console.
    if (!session || session.pending) return;
    if (options.everywhere) {
      const ended = await this.deps.store.deleteStaffSessionsOf(session.staffId);
      this.deps.log.info({ event: "staff.logout.everywhere", staffId: session.staffId, sessions: ended + 1 }, "every session ended");
    }
    // Before the answer: every console of theirs, on every process, is closed and acts on nothing more.
    await this.deps.notifier.revoke({ staff: session.staffId, close: true });
    // Logged out is off duty: no escalation may wait for someone who left.
    await this.deps.store.removeDuty(session.staffId);
    await this.escalations.releaseAllOf(session.staffId);
  }
}
