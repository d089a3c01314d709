import type { InviteBody, InviteInfoView, InviteView, StaffAdminView, StaffUpdateBody } from "../../../shared/protocol";
import { isWeakPassword } from "../../auth/passwordStrength";
import { hashPassword, hashSecret, newId, newSecret } from "../../auth/secrets";
import { managedLocationIds } from "../../domain/access/scope";
import type { Staff } from "../../domain/staff";
import type {
  ConversationStore,
  DirectoryStore,
  EscalationStore,
  EventStore,
  PresenceStore,
  RosterStore,
  SecondFactorStore,
  SessionStore,
} from "../../store/Store";
import type { ServiceDeps } from "../context";
import type { DutyService } from "../DutyService";
import type { EscalationService } from "../EscalationService";
import { fail } from "../errors";
import type { StaffConversationService } from "../StaffConversationService";

export function staffAdminView(s: Staff): StaffAdminView {
  return {
    id: s.id,
    email: s.email,
    displayName: s.displayName,
    role: s.role,
    locationId: s.locationId,
    skills: s.skills,
    ...(s.role === "coordinator" && { manages: s.manages ?? [s.locationId] }),
    ...(s.role === "professional" && s.covers && { covers: s.covers }),
    active: s.active,
    invitePending: s.inviteTokenHash !== undefined,
  };
}

export interface InviteSettings {
  ttlMs: number;
  /** The public address of the service, for the link in the invite (known once the server listens). */
  baseUrl(): string;
}

/**
 * Coordinators invite, change and deactivate staff of the locations they run. An invitee sets
 * their own password through a one-time link; nobody else ever knows it.
 */
export class StaffAdminService {
  constructor(
    private readonly deps: ServiceDeps<
      ConversationStore & DirectoryStore & EscalationStore & EventStore & PresenceStore & RosterStore & SecondFactorStore & SessionStore
    >,
    private readonly staffConversations: StaffConversationService,
    private readonly escalations: EscalationService,
    private readonly duty: DutyService,
    private readonly invites: InviteSettings,
  ) {}

  async list(actor: Staff): Promise<StaffAdminView[]> {
    const mine = new Set(await this.managed(actor));
    const all = await this.deps.store.listStaff();
    const shown = all
      .filter((s) => mine.has(s.locationId))
      .sort((a, b) => a.locationId.localeCompare(b.locationId) || a.displayName.localeCompare(b.displayName));
    const enrolled = await Promise.all(shown.map(async (s) => (await this.deps.store.getSecondFactor(s.id)) !== undefined));
    return shown.map((s, i) => ({ ...staffAdminView(s), secondFactor: enrolled[i]! }));
  }

  async invite(actor: Staff, body: InviteBody): Promise<InviteView> {
    await this.checkPlacement(actor, body);
    if (await this.deps.store.getStaffByEmail(body.email)) fail("CONFLICT", "Someone with this e-mail address exists");
    const staff: Staff = {
      id: newId("st"),
      email: body.email,
      displayName: body.displayName,
      role: body.role,
      locationId: body.locationId,
      skills: body.skills,
      ...(body.role === "coordinator" && body.manages && { manages: body.manages }),
      ...(body.role === "professional" && body.covers && { covers: body.covers }),
      passwordHash: "",
      active: false,
    };
    return this.issueInvite(actor, staff);
  }

  /** A fresh link for someone who lost theirs or never used it; the older link stops working. */
  async reinvite(actor: Staff, staffId: string): Promise<InviteView> {
    const staff = await this.inScope(actor, staffId);
    if (staff.active) fail("CONFLICT", "This person has set a password already");
    return this.issueInvite(actor, staff);
  }

  async update(actor: Staff, staffId: string, body: StaffUpdateBody): Promise<StaffAdminView> {
    const staff = await this.inScope(actor, staffId);
    if (staff.id === actor.id && (body.role !== staff.role || body.manages !== undefined)) {
      fail("FORBIDDEN", "You cannot change your own role or locations");
    }
    await this.checkPlacement(actor, body);
    const next: Staff = {
      ...staff,
      displayName: body.displayName,
      role: body.role,
      locationId: body.locationId,
      skills: body.skills,
    };
    if (body.role === "coordinator") next.manages = body.manages ?? staff.manages ?? [body.locationId];
    else delete next.manages;
    const covers = body.covers ?? staff.covers;
    if (body.role === "professional" && covers) next.covers = covers;
    else delete next.covers;
    await this.deps.store.putStaff(next);
    await this.record("staff.changed", actor, next);
    // A role or location change must show in their console at once: they reconnect into the new one.
    if (next.role !== staff.role || next.locationId !== staff.locationId) {
      await this.offboard(staff, { dropFutureShifts: next.role !== staff.role });
      return staffAdminView(next);
    }
    // Their open consoles read the changed record (name, skills, cover) before their next event.
    await this.deps.notifier.revoke({ staff: next.id, close: false });
    // Fewer locations to cover: duty elsewhere ends now (with what it opened), not at their next change.
    if (next.role === "professional") await this.duty.trimDuty(next);
    return staffAdminView(next);
  }

  /**
   * Ends everything the person is doing now: live consoles closed, chats handed back to the queue
   * (keeping each youth's place), claimed escalations routed again. Nobody is dropped.
   */
  async deactivate(actor: Staff, staffId: string): Promise<StaffAdminView> {
    const staff = await this.inScope(actor, staffId);
    if (staff.id === actor.id) fail("FORBIDDEN", "You cannot deactivate yourself");
    const next: Staff = { ...staff, active: false };
    delete next.inviteTokenHash;
    // Inactive first: from here on no login, no socket and no new chat reaches them. Old cookies
    // go too, so a reactivation later does not bring back a session on a lost phone.
    await this.deps.store.putStaff(next);
    await this.deps.store.deleteStaffSessionsOf(staff.id);
    await this.offboard(staff, { dropFutureShifts: true });
    await this.record("staff.deactivated", actor, next);
    return staffAdminView(next);
  }

  async reactivate(actor: Staff, staffId: string): Promise<StaffAdminView> {
    const staff = await this.inScope(actor, staffId);
    if (!staff.passwordHash) fail("CONFLICT", "This person has not set a password yet: send a new invite");
    const next: Staff = { ...staff, active: true };
    // A link sent while they were inactive must not reset the password of the active account.
    delete next.inviteTokenHash;
    await this.deps.store.putStaff(next);
    await this.record("staff.reactivated", actor, next);
    return staffAdminView(next);
  }

  /** Public: what the invite page shows before the password is set. */
  async inviteInfo(token: string): Promise<InviteInfoView> {
    const { staff } = await this.validInvite(token, false);
    return { email: staff.email, displayName: staff.displayName, role: staff.role };
  }

  /** Public: sets the password once; the caller logs the new staff member in. */
  async acceptInvite(token: string, password: string): Promise<Staff> {
    // Check and hash before taking the link: a wrong token costs no argon2, and the slow hash does
    // not sit between reading the record and writing it back.
    const { staff: invitee } = await this.validInvite(token, false);
    if (isWeakPassword(password, [invitee.email, invitee.displayName]))
      fail("WEAK_PASSWORD", "This password is too common or easy to guess; choose a longer one, a sentence works well");
    const passwordHash = await hashPassword(password);
    const { staff } = await this.validInvite(token, true);
    const next: Staff = { ...staff, passwordHash, active: true };
    delete next.inviteTokenHash;
    await this.deps.store.putStaff(next);
    // Whoever held a session before the (re)set password is out.
    await this.deps.store.deleteStaffSessionsOf(staff.id);
    await this.deps.store.appendEvent({ type: "staff.joined", at: this.deps.clock.now(), staffId: staff.id, locationId: staff.locationId });
    this.deps.log.info({ event: "staff.joined", staffId: staff.id }, "invite accepted");
    return next;
  }

  private async validInvite(token: string, take: boolean): Promise<{ staff: Staff }> {
    const tokenHash = hashSecret(token);
    const invite = take ? await this.deps.store.takeInvite(tokenHash) : await this.deps.store.getInvite(tokenHash);
    const staff = invite && (await this.deps.store.getStaff(invite.staffId));
    // Only the newest link of someone not deactivated since counts.
    if (!invite || !staff || staff.active || staff.inviteTokenHash !== tokenHash || invite.expiresAt < this.deps.clock.now()) {
      fail("NOT_FOUND", "This invite link is not valid (any more); ask your coordinator for a new one");
    }
    return { staff };
  }

  private async issueInvite(actor: Staff, staff: Staff): Promise<InviteView> {
    const token = newSecret();
    const tokenHash = hashSecret(token);
    const expiresAt = this.deps.clock.now() + this.invites.ttlMs;
    const next: Staff = { ...staff, inviteTokenHash: tokenHash };
    await this.deps.store.putStaff(next);
    await this.deps.store.putInvite({ tokenHash, staffId: staff.id, invitedBy: actor.id, expiresAt }, this.invites.ttlMs);
    await this.record("staff.invited", actor, next);
    // The token rides in the fragment, so it never reaches a server log or a Referer header.
    return { staff: staffAdminView(next), link: `${this.invites.baseUrl()}/console/invite#${token}`, expiresAt };
  }

  private async offboard(staff: Staff, options: { dropFutureShifts: boolean }): Promise<void> {
    const { store, clock, notifier, log } = this.deps;
    const now = clock.now();
    // Closed on every process before anything else happens (and before the request is answered):
    // no console of theirs acts on the chats being handed back below.
    await notifier.revoke({ staff: staff.id, close: true });
    // Off before the chats go back: the atomic claim then refuses them, so a youth handed back is
    // never routed straight to the person leaving.
    const presence = await store.getPresence(staff.id);
    if (presence && presence.status !== "off") {
      await store.putPresence({ ...presence, status: "off", since: now });
      await store.appendEvent({
        type: "presence.changed",
        at: now,
        staffId: staff.id,
        locationId: presence.locationId,
        data: { status: "off", capacity: presence.capacity, reason: "offboarded" },
      });
    }
    for (const conversation of await store.listActiveFor(staff.id)) {
      // One chat that ended meanwhile must not leave the others with someone who is gone.
      await this.staffConversations
        .transfer({ kind: "staff", staff }, { conversationId: conversation.id, to: { locationChoice: conversation.locationChoice } })
        .catch((error: unknown) =>
          log.warn(
            { event: "offboard.transfer.failed", staffId: staff.id, conversationId: conversation.id, err: error },
            "chat not handed back",
          ),
        );
    }
    await store.removeDuty(staff.id);
    await this.escalations.releaseAllOf(staff.id);
    // Shifts of someone who left (or changed role) would show as cover that never comes.
    if (options.dropFutureShifts) {
      for (const shift of await store.listShifts(now, now + 366 * 86_400_000))
        if (shift.staffId === staff.id && shift.end > now) await store.deleteShift(shift.id);
    }
  }

  /** Where a coordinator may place someone: a location they run; only a national coordinator makes another. */
  private async checkPlacement(
    actor: Staff,
    body: { role: Staff["role"]; locationId: string; manages?: string[] | "all" | undefined; covers?: string[] | undefined },
  ): Promise<void> {
    const mine = await this.managed(actor);
    if (!mine.includes(body.locationId)) fail("FORBIDDEN", "You do not run this location");
    // Cover elsewhere is given only by someone who runs there too.
    if (body.covers?.some((id) => !mine.includes(id))) fail("FORBIDDEN", "You do not run all of these locations");
    if (body.role !== "coordinator") return;
    if (body.manages === "all" && actor.manages !== "all") fail("FORBIDDEN", "Only a national coordinator makes another");
    if (Array.isArray(body.manages) && body.manages.some((id) => !mine.includes(id)))
      fail("FORBIDDEN", "You do not run all of these locations");
  }

  private async inScope(actor: Staff, staffId: string): Promise<Staff> {
    const staff = await this.deps.store.getStaff(staffId);
    if (!staff) fail("NOT_FOUND", "No such staff member");
    const mine = await this.managed(actor);
    if (!mine.includes(staff.locationId)) fail("FORBIDDEN", "This person works at a location you do not run");
    // A coordinator who runs more than you (a national one at your location) is not yours to change.
    if (staff.role === "coordinator" && staff.id !== actor.id) {
      const theirs = staff.manages === "all" ? "all" : (staff.manages ?? [staff.locationId]);
      if (theirs === "all" ? actor.manages !== "all" : theirs.some((id) => !mine.includes(id)))
        fail("FORBIDDEN", "This coordinator runs locations you do not");
    }
    return staff;
  }

  private async managed(actor: Staff): Promise<string[]> {
    return managedLocationIds(
      actor,
      (await this.deps.store.listLocations()).map((l) => l.id),
    );
  }

  private async record(
    type: "staff.invited" | "staff.changed" | "staff.deactivated" | "staff.reactivated",
    actor: Staff,
    subject: Staff,
  ): Promise<void> {
    await this.deps.store.appendEvent({
      type,
      at: this.deps.clock.now(),
      staffId: subject.id,
      locationId: subject.locationId,
      data: { by: actor.id, role: subject.role },
    });
  }
}
