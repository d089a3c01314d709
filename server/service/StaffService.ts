import type { ColleagueView, RequestOf, StaffState, StaffView } from "../../shared/protocol";
import { hashPassword, hashSecret, newSecret, verifyPassword } from "../auth/secrets";
import type { Presence, Staff, StaffSession } from "../domain/staff";
import type { ConversationStore, DirectoryStore, EscalationStore, EventStore, PresenceStore, SessionStore } from "../store/Store";
import type { ServiceDeps } from "./context";
import type { Dispatcher } from "./Dispatcher";
import { summarise } from "./Dispatcher";
import { dutyOf } from "./dutyLookup";
import type { EscalationService } from "./EscalationService";
import { fail } from "./errors";
import type { SecondFactorService } from "./SecondFactorService";
import { staffView } from "./views";
import type { WrapUpService } from "./WrapUpService";

/** Computed once so a login for an unknown e-mail costs as much as a real one (no account probing). */
const decoyHash = hashPassword("inloop-decoy-password");

export function staffPublicView(s: Staff): StaffView {
  return {
    id: s.id,
    email: s.email,
    displayName: s.displayName,
    role: s.role,
    locationId: s.locationId,
    ...(s.role === "coordinator" && { manages: s.manages ?? [s.locationId] }),
  };
}

/** A staff session found valid: whose it is, and when it ends unless something extends it. */
export interface ValidSession {
  staff: Staff;
  expiresAt: number;
}

/** What a StaffService is made of (named, so a new collaborator cannot be passed in the wrong place). */
export interface StaffServiceOptions {
  deps: ServiceDeps<ConversationStore & DirectoryStore & EscalationStore & EventStore & PresenceStore & SessionStore>;
  dispatcher: Dispatcher;
  wrapUps: WrapUpService;
  escalations: EscalationService;
  sessionIdleMs: number;
  /** A session ends this long after login however active it is (a forgotten console on a shared PC). */
  sessionMaxMs?: number;
  /** Without it (unit tests of other things), a password alone logs in. */
  secondFactor?: SecondFactorService;
}

/** Staff logins, sessions and availability. */
export class StaffService {
  private readonly deps: ServiceDeps<ConversationStore & DirectoryStore & EscalationStore & EventStore & PresenceStore & SessionStore>;
  private readonly dispatcher: Dispatcher;
  private readonly wrapUps: WrapUpService;
  private readonly escalations: EscalationService;
  private readonly sessionIdleMs: number;
  private readonly sessionMaxMs: number;
  private readonly secondFactor?: SecondFactorService;

  constructor(o: StaffServiceOptions) {
    this.deps = o.deps;
    this.dispatcher = o.dispatcher;
    this.wrapUps = o.wrapUps;
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

  /** Presence as stored, or the default for someone who has not set it yet: off, two chats. */
  async presenceOf(staff: Staff): Promise<Presence> {
    return (
      (await this.deps.store.getPresence(staff.id)) ?? {
        staffId: staff.id,
        locationId: staff.locationId,
        status: "off",
        capacity: 2,
        lastAssignedAt: 0,
        since: this.deps.clock.now(),
        load: 0,
      }
    );
  }

  /** Everything a console needs after (re)connecting. */
  async sync(staff: Staff): Promise<StaffState> {
    const { store, clock } = this.deps;
    const [presence, active, locations, allPresence, queue, wrapUpsTodo] = await Promise.all([
      this.presenceOf(staff),
      store.listActiveFor(staff.id),
      store.listLocations(),
      store.listPresence(),
      store.listQueue(),
      this.wrapUps.todo(staff),
    ]);
    const duty = staff.role === "professional" ? await dutyOf(this.deps.store, staff) : undefined;
    const mine = new Set(active.map((c) => c.id));
    const escalations = await this.escalations.viewsFor((e) => e.conversationId !== undefined && mine.has(e.conversationId));
    // The summary only counts; it routes nobody, so skills do not matter here.
    const ctx = { now: clock.now(), locations: new Map(locations.map((l) => [l.id, l])), presence: allPresence, staffSkills: new Map() };
    return {
      staff: staffPublicView(staff),
      presence,
      conversations: active.map(staffView),
      queue: summarise({ ctx, queue, serviceTimes: [] }),
      locations: locations.map((l) => ({
        id: l.id,
        name: l.name,
        autoAssign: l.autoAssign,
        snippets: l.snippets ?? [],
        wrapUpTopics: l.wrapUpTopics ?? [],
      })),
      wrapUpsTodo,
      escalations,
      ...(duty && { duty }),
    };
  }

  /** Available, on break, in a walk-in or off; capacity 1–3. Volunteers only. */
  async setPresence(staff: Staff, request: RequestOf<"presence:set">): Promise<Presence> {
    if (staff.role !== "volunteer") fail("FORBIDDEN", "Only volunteers take chats");
    const current = await this.presenceOf(staff);
    const status = request.status ?? current.status;
    const presence = await this.deps.store.putPresence({
      staffId: staff.id,
      locationId: staff.locationId,
      status,
      capacity: request.capacity ?? current.capacity,
      lastAssignedAt: current.lastAssignedAt,
      since: status === current.status ? current.since : this.deps.clock.now(),
    });
    await this.deps.store.appendEvent({
      type: "presence.changed",
      at: this.deps.clock.now(),
      staffId: staff.id,
      locationId: staff.locationId,
      data: { status: presence.status, capacity: presence.capacity },
    });
    this.deps.notifier.emit({ staff: staff.id }, "presence:changed", presence);
    this.dispatcher.kick();
    return presence;
  }

  /** Volunteers who could take a transfer now: available with a free slot, oneself excluded. */
  async colleagues(staff: Staff): Promise<ColleagueView[]> {
    const [presence, everyone] = await Promise.all([this.deps.store.listPresence(), this.deps.store.listStaff()]);
    const byId = new Map(everyone.map((s) => [s.id, s]));
    return presence
      .filter((p) => p.staffId !== staff.id && p.status === "available" && p.load < p.capacity && byId.get(p.staffId)?.active)
      .map((p) => ({
        staffId: p.staffId,
        displayName: byId.get(p.staffId)!.displayName,
        locationId: p.locationId,
        freeSlots: p.capacity - p.load,
      }))
      .sort(
        (a, b) =>
          Number(b.locationId === staff.locationId) - Number(a.locationId === staff.locationId) ||
          a.displayName.localeCompare(b.displayName),
      );
  }

  /** After the grace period, a volunteer with no open console gets no new youths; their chats stay theirs. */
  async markGoneIfDisconnected(staffId: string): Promise<void> {
    if (await this.deps.notifier.isStaffConnected(staffId)) return;
    const presence = await this.deps.store.getPresence(staffId);
    if (presence?.status !== "available") return;
    const now = this.deps.clock.now();
    await this.deps.store.putPresence({ ...presence, status: "off", since: now });
    // Recorded like a hand-set "off", so volunteer hours in the figures stop here too.
    await this.deps.store.appendEvent({
      type: "presence.changed",
      at: now,
      staffId,
      locationId: presence.locationId,
      data: { status: "off", capacity: presence.capacity, reason: "disconnected" },
    });
    this.deps.log.info({ event: "presence.gone", staffId }, "volunteer disconnected; set to off");
    this.dispatcher.kick();
  }
}
