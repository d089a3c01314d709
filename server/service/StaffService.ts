import type { ColleagueView, RequestOf, StaffState, StaffView } from "../../shared/protocol";
import type { Presence, Staff } from "../domain/staff";
import type { ConversationStore, DirectoryStore, EscalationStore, EventStore, PresenceStore, SessionStore } from "../store/Store";
import type { ServiceDeps } from "./context";
import type { Dispatcher } from "./Dispatcher";
import { summarise } from "./Dispatcher";
import { dutyOf } from "./dutyLookup";
import type { EscalationService } from "./EscalationService";
import { fail } from "./errors";
import { StaffSessions, type StaffSessionsOptions } from "./StaffSessions";
import { staffView } from "./views";

import type { WrapUpService } from "./WrapUpService";

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

/** What a StaffService is made of (named, so a new collaborator cannot be passed in the wrong place). */
export interface StaffServiceOptions extends StaffSessionsOptions {
  deps: ServiceDeps<ConversationStore & DirectoryStore & EscalationStore & EventStore & PresenceStore & SessionStore>;
  dispatcher: Dispatcher;
  wrapUps: WrapUpService;
}

/** Staff logins and sessions (handed on to StaffSessions), a console's state, and availability. */
export class StaffService {
  private readonly deps: ServiceDeps<ConversationStore & DirectoryStore & EscalationStore & EventStore & PresenceStore & SessionStore>;
  private readonly dispatcher: Dispatcher;
  private readonly wrapUps: WrapUpService;
  private readonly escalations: EscalationService;
  /** Logins and sessions (StaffSessions.ts): the six methods after the constructor hand them on. */
  private readonly sessions: StaffSessions;

  constructor(o: StaffServiceOptions) {
    this.deps = o.deps;
    this.dispatcher = o.dispatcher;
    this.wrapUps = o.wrapUps;
    this.escalations = o.escalations;
    this.sessions = new StaffSessions(o);
  }

  login(...args: Parameters<StaffSessions["login"]>) {
    return this.sessions.login(...args);
  }

  startSession(...args: Parameters<StaffSessions["startSession"]>) {
    return this.sessions.startSession(...args);
  }

  authenticate(...args: Parameters<StaffSessions["authenticate"]>) {
    return this.sessions.authenticate(...args);
  }

  openConsole(...args: Parameters<StaffSessions["openConsole"]>) {
    return this.sessions.openConsole(...args);
  }

  stillValid(...args: Parameters<StaffSessions["stillValid"]>) {
    return this.sessions.stillValid(...args);
  }

  logout(...args: Parameters<StaffSessions["logout"]>) {
    return this.sessions.logout(...args);
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
