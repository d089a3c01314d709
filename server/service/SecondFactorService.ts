import type { EnrolmentView, SecondFactorBody } from "../../shared/protocol";
import { hashSecret, newSecret } from "../auth/secrets";
import {
  hashRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  openSecret,
  sealSecret,
  totpQrDataUrl,
  totpUri,
  verifyTotp,
} from "../auth/totp";
import { managesLocation } from "../domain/access/scope";
import {
  type LoginStep,
  loginStepAfterPassword,
  MAX_CODE_ATTEMPTS,
  PENDING_LOGIN_MS,
  secondFactorRequired,
} from "../domain/access/secondFactor";
import { type Clock, systemClock } from "../domain/clock";
import type { Staff, StaffSession } from "../domain/staff";
import type { DirectoryStore, SecondFactorStore, SessionStore } from "../store/Store";
import type { AccessLog } from "./AccessLog";
import type { ServiceDeps } from "./context";
import { fail } from "./errors";

/**
 * The second step of a staff login (TOTP, RFC 6238) and everything around it: enrolment with a QR
 * code, ten one-time recovery codes, and a coordinator's reset of a colleague's factor.
 *
 * Codes are checked against `totpClock`, the real time, not the service clock: the phone computes
 * its code from the real time, while tests move the service clock by days.
 */
export class SecondFactorService {
  constructor(
    private readonly deps: ServiceDeps<DirectoryStore & SecondFactorStore & SessionStore>,
    /** SECOND_FACTOR_KEY: seals secrets, keys recovery-code hashes. */
    private readonly key: string,
    private readonly access: AccessLog,
    private readonly totpClock: Clock = systemClock,
  ) {}

  /** What a right password leads to for this staff member. */
  async stepAfterPassword(staff: Staff): Promise<LoginStep> {
    const [locations, factor] = await Promise.all([this.deps.store.listLocations(), this.deps.store.getSecondFactor(staff.id)]);
    return loginStepAfterPassword(
      secondFactorRequired(
        staff,
        locations.find((l) => l.id === staff.locationId),
      ),
      factor !== undefined,
    );
  }

  /** Starts the half-way session between password and code (no consoles, no routes but these). */
  async startPending(staff: Staff, step: "code" | "enrol"): Promise<{ sid: string; session: StaffSession }> {
    const sid = newSecret();
    const now = this.deps.clock.now();
    const session: StaffSession = { sidHash: hashSecret(sid), staffId: staff.id, createdAt: now, lastSeenAt: now, pending: step };
    await this.deps.store.putStaffSession(session, PENDING_LOGIN_MS);
    return { sid, session };
  }

  /** The pending session behind a cookie and its (still active) staff member, if any. */
  async pending(sid: string | undefined): Promise<{ session: StaffSession; staff: Staff } | undefined> {
    if (!sid) return undefined;
    const session = await this.deps.store.getStaffSession(hashSecret(sid));
    if (!session?.pending) return undefined;
    const staff = await this.deps.store.getStaff(session.staffId);
    if (!staff?.active) return undefined;
    return { session, staff };
  }

  /** Step two: a code or a recovery code. The pending session ends either way once it is right or used up. */
  async verify(sid: string | undefined, body: SecondFactorBody): Promise<Staff> {
    const found = await this.pending(sid);
    if (found?.session.pending !== "code") fail("UNAUTHENTICATED", "Log in with your password first");
    const { session, staff } = found;
    const ok =
      "code" in body
        ? await this.acceptCode(staff.id, body.code)
        : await this.deps.store.useRecoveryCode(staff.id, hashRecoveryCode(this.key, body.recoveryCode));
    if (!ok) return this.wrongCode(session);
    await this.deps.store.deleteStaffSession(session.sidHash);
    this.deps.log.info(
      { event: "staff.secondFactor.ok", staffId: staff.id, via: "code" in body ? "totp" : "recovery" },
      "second factor accepted",
    );
    return staff;
  }

  /** Enrolment, first half: a new secret (kept sealed in the pending session) as a QR code and as text. */
  async enrolStart(sid: string | undefined): Promise<EnrolmentView> {
    const found = await this.pending(sid);
    if (found?.session.pending !== "enrol") fail("UNAUTHENTICATED", "Log in with your password first");
    const { session, staff } = found;
    // A reload of the page shows the same secret, so an app that scanned it already keeps working.
    let secret = session.enrolSecret ? openSecret(this.key, session.enrolSecret) : undefined;
    if (!secret) {
      secret = newTotpSecret();
      await this.deps.store.putStaffSession({ ...session, enrolSecret: sealSecret(this.key, secret) }, this.remaining(session));
    }
    const uri = totpUri(secret, staff.email);
    return { secret, uri, qr: await totpQrDataUrl(uri) };
  }

  /** Enrolment, second half: the first code proves the app has the secret; answers the ten recovery codes, once. */
  async enrolConfirm(sid: string | undefined, code: string): Promise<{ staff: Staff; recoveryCodes: string[] }> {
    const found = await this.pending(sid);
    if (found?.session.pending !== "enrol" || !found.session.enrolSecret) fail("UNAUTHENTICATED", "Start the enrolment first");
    const { session, staff } = found;
    const secret = openSecret(this.key, session.enrolSecret!);
    const step = secret === undefined ? undefined : await verifyTotp(secret, code, this.totpClock.now(), 0);
    if (step === undefined) return this.wrongCode(session);
    const recoveryCodes = newRecoveryCodes();
    await this.deps.store.putSecondFactor({
      staffId: staff.id,
      secret: session.enrolSecret!,
      enrolledAt: this.deps.clock.now(),
      lastStep: step,
      recoveryCodeHashes: recoveryCodes.map((c) => hashRecoveryCode(this.key, c)),
    });
    await this.deps.store.deleteStaffSession(session.sidHash);
    this.deps.log.info({ event: "staff.secondFactor.enrolled", staffId: staff.id }, "second factor enrolled");
    return { staff, recoveryCodes };
  }

  /** Whether someone has a second factor and how many recovery codes are left (never the secret). */
  async status(staffId: string): Promise<{ enrolled: boolean; recoveryCodesLeft: number }> {
    const factor = await this.deps.store.getSecondFactor(staffId);
    return { enrolled: factor !== undefined, recoveryCodesLeft: factor?.recoveryCodeHashes.length ?? 0 };
  }

  /**
   * A coordinator resets a colleague's second factor (a lost phone): the factor and its recovery
   * codes go, every session of theirs ends, and the access record says who did it and why. Their
   * next login asks them to enrol again. Nobody resets their own: that would skip the factor.
   */
  async reset(actor: Staff, staffId: string, reason: "lost-device" | "left-service" | "other"): Promise<{ reset: boolean }> {
    const subject = await this.deps.store.getStaff(staffId);
    const all = (await this.deps.store.listLocations()).map((l) => l.id);
    if (!subject || !managesLocation(actor, subject.locationId, all)) fail("NOT_FOUND", "No such colleague in your locations");
    if (subject.id === actor.id) fail("FORBIDDEN", "Ask another coordinator to reset your own second factor");
    await this.access.record(actor, "second-factor-reset", reason, { locationId: subject.locationId, subjectStaffId: subject.id });
    const reset = await this.deps.store.deleteSecondFactor(subject.id);
    await this.deps.store.deleteStaffSessionsOf(subject.id);
    await this.deps.notifier.revoke({ staff: subject.id, close: true });
    this.deps.log.info({ event: "staff.secondFactor.reset", staffId: subject.id, by: actor.id }, "second factor reset");
    return { reset };
  }

  private async acceptCode(staffId: string, code: string): Promise<boolean> {
    const factor = await this.deps.store.getSecondFactor(staffId);
    const secret = factor && openSecret(this.key, factor.secret);
    if (!factor || secret === undefined) return false;
    const step = await verifyTotp(secret, code, this.totpClock.now(), factor.lastStep);
    // The store decides: of two logins racing with one code, only one gets the step.
    return step !== undefined && (await this.deps.store.acceptTotpStep(staffId, step));
  }

  /** A wrong code counts; after MAX_CODE_ATTEMPTS the pending session ends and the password is due again. */
  private async wrongCode(session: StaffSession): Promise<never> {
    const attempts = (session.codeAttempts ?? 0) + 1;
    if (attempts >= MAX_CODE_ATTEMPTS) await this.deps.store.deleteStaffSession(session.sidHash);
    else await this.deps.store.putStaffSession({ ...session, codeAttempts: attempts }, this.remaining(session));
    this.deps.log.info({ event: "staff.secondFactor.wrong", staffId: session.staffId, attempts }, "wrong second factor");
    fail("BAD_CREDENTIALS", "That code is not right");
  }

  private remaining(session: StaffSession): number {
    return Math.max(1, session.createdAt + PENDING_LOGIN_MS - this.deps.clock.now());
  }
}
