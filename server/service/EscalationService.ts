import type { EscalationView, RequestOf } from "../../shared/protocol";
import { newId } from "../auth/secrets";
import type { Conversation } from "../domain/conversation";
import {
  applyStep,
  compareEscalations,
  DEFAULT_ACK_TIMEOUTS_MS,
  type Escalation,
  type EscalationLevel,
  nextStep,
  reachableDuties,
} from "../domain/escalation/escalation";
import type { Staff } from "../domain/staff";
import type {
  AccessLogStore,
  ConversationStore,
  DirectoryStore,
  EscalationStore,
  EventStore,
  MessageStore,
  PresenceStore,
} from "../store/Store";
import type { StaffActor } from "./actors";
import type { ServiceDeps } from "./context";
import { coveredBy, dutyOf } from "./dutyLookup";
import { fail } from "./errors";

/**
 * Gets a volunteer's call for help to a professional within seconds, and never drops it: the
 * routing steps come from the domain; claiming is atomic in the store; an escalation nobody
 * acknowledged stays open for everyone on duty while the volunteer sees the crisis protocol.
 */
export class EscalationService {
  constructor(
    private readonly deps: ServiceDeps<
      AccessLogStore & ConversationStore & DirectoryStore & EscalationStore & EventStore & MessageStore & PresenceStore
    >,
    private readonly timeouts: Record<EscalationLevel, number> = DEFAULT_ACK_TIMEOUTS_MS,
  ) {}

  /**
   * The escalation as staff see it: names instead of ids, and who and what it is about (the youth as
   * far as they shared, waiting or in a chat with whom), so an alert can be read without opening it.
   */
  private async view(e: Escalation): Promise<EscalationView> {
    const { store } = this.deps;
    const offeredTo = e.status === "open" && e.unroutedAt === undefined ? e.offeredTo.at(-1) : undefined;
    const [raiser, claimer, offered, c] = await Promise.all([
      e.raisedBy ? store.getStaff(e.raisedBy) : undefined,
      e.claimedBy ? store.getStaff(e.claimedBy) : undefined,
      offeredTo ? store.getStaff(offeredTo) : undefined,
      e.conversationId ? store.getConversation(e.conversationId) : undefined,
    ]);
    const holder = c?.volunteerId ? await store.getStaff(c.volunteerId) : undefined;
    return {
      ...e,
      ...(raiser && { raisedByName: raiser.displayName }),
      ...(claimer && { claimedByName: claimer.displayName }),
      ...(offered && { offeredToName: offered.displayName }),
      ...(c && {
        about: {
          status: c.status,
          ...(c.nickname && { nickname: c.nickname }),
          ...(c.ageBand && { ageBand: c.ageBand }),
          ...(c.topic && { topic: c.topic }),
          locationChoice: c.locationId ?? c.locationChoice,
          ...(holder && { volunteerName: holder.displayName, volunteerRole: holder.role }),
          ...(c.disconnectedAt !== undefined && { disconnected: true }),
        },
      }),
    };
  }

  private async broadcast(e: Escalation): Promise<EscalationView> {
    const view = await this.view(e);
    this.deps.notifier.emit({ onDuty: true }, "escalation:updated", view);
    if (e.conversationId) this.deps.notifier.emit({ conversationStaff: e.conversationId }, "escalation:updated", view);
    return view;
  }

  /** The volunteer asks for the professional at one of three levels. */
  async raise(actor: StaffActor, request: RequestOf<"escalation:raise">) {
    const c = await this.deps.store.getConversation(request.conversationId);
    if (!c) fail("NOT_FOUND", "No such conversation");
    if (c.volunteerId !== actor.staff.id) fail("FORBIDDEN", "This is not your conversation");
    if (c.status !== "active") fail("CONVERSATION_ENDED", "This conversation is not active");
    // One per conversation: a second "escalate" raises the open one's level instead of filing another.
    const escalation = await this.create(c, { level: request.level, source: "volunteer", raisedBy: actor.staff.id, note: request.note });
    return { escalation: await this.view(escalation), unrouted: escalation.status === "open" && escalation.unroutedAt !== undefined };
  }

  /**
   * A high-risk youth message raises an escalation (crisis when acute, else urgent), waiting or in a
   * chat; one already open for this conversation is raised instead, never doubled. The volunteer in
   * the chat is prompted too.
   */
  async raiseFromRisk(c: Conversation, signals: string[], acute = false): Promise<void> {
    if (c.status === "active") {
      this.deps.notifier.emit({ conversationStaff: c.id }, "risk:flagged", {
        conversationId: c.id,
        level: "high",
        signals,
        acute,
        at: this.deps.clock.now(),
      });
    }
    await this.create(c, { level: acute ? "crisis" : "urgent", source: "risk", raisedBy: c.volunteerId, signals });
  }

  /**
   * A youth flagged while waiting was just picked up: their escalation now says who has them, and
   * the one who took them sees the risk prompt. Taken by a professional, it is theirs at once.
   */
  async flaggedAssigned(c: Conversation): Promise<void> {
    const open = (await this.deps.store.listEscalations()).find((e) => e.conversationId === c.id && e.source !== "debrief");
    if (!open) return this.raiseFromRisk(c, []);
    const holder = c.volunteerId ? await this.deps.store.getStaff(c.volunteerId) : undefined;
    let current = open;
    if (holder?.role === "professional" && open.status === "open") {
      const claimed = await this.deps.store.claimEscalation(open.id, holder.id, this.deps.clock.now());
      if (claimed.ok) current = claimed.escalation;
    }
    this.deps.notifier.emit({ conversationStaff: c.id }, "risk:flagged", {
      conversationId: c.id,
      level: "high",
      signals: open.signals ?? [],
      acute: open.level === "crisis",
      at: open.signalAt ?? open.raisedAt,
    });
    await this.broadcast(current);
  }

  /** A volunteer's consult question becomes a consult-level escalation, so it lands in the same inbox. */
  async raiseConsult(c: Conversation, volunteerId: string, question: string): Promise<void> {
    await this.create(c, { level: "consult", source: "volunteer", raisedBy: volunteerId, note: question });
  }

  private async create(
    about: { id?: string; locationId?: string; locationChoice?: string },
    what: { level: EscalationLevel; source: Escalation["source"]; raisedBy?: string; note?: string; signals?: string[] },
  ): Promise<Escalation> {
    const c = { id: about.id, locationId: about.locationId ?? about.locationChoice ?? "" };
    const now = this.deps.clock.now();
    const escalation: Escalation = {
      id: newId("e"),
      ...(c.id && { conversationId: c.id }),
      locationId: c.locationId,
      level: what.level,
      source: what.source,
      ...(what.note && { note: what.note }),
      ...(what.raisedBy && { raisedBy: what.raisedBy }),
      raisedAt: now,
      status: "open",
      offeredTo: [],
      offeredAt: now,
      ...(what.signals && what.signals.length > 0 && { signals: what.signals }),
      signalAt: now,
    };
    const opened = await this.deps.store.openEscalation(escalation);
    if (!opened.created) return this.raised(opened.escalation, opened.raised, what.source);
    await this.deps.store.appendEvent({
      type: "escalation.raised",
      at: now,
      ...(c.id && { conversationId: c.id }),
      locationId: escalation.locationId,
      ...(what.raisedBy && { staffId: what.raisedBy }),
      data: { level: what.level, source: what.source, escalationId: escalation.id },
    });
    this.deps.log.info({ event: "escalation.raised", escalationId: escalation.id, level: what.level }, "escalation raised");
    return this.route(escalation);
  }

  /**
   * A second call about a conversation that already has an escalation: it was merged into that
   * one. Everyone sees the new level; whoever holds it (or is being asked) is alerted again, and a
   * higher level may move the routing on sooner.
   */
  private async raised(e: Escalation, raised: boolean, source: Escalation["source"]): Promise<Escalation> {
    const { notifier, store, clock, log } = this.deps;
    const view = await this.broadcast(e);
    if (!raised) return e;
    await store.appendEvent({
      type: "escalation.levelRaised",
      at: clock.now(),
      ...(e.conversationId && { conversationId: e.conversationId }),
      locationId: e.locationId,
      data: { level: e.level, source, escalationId: e.id },
    });
    log.info({ event: "escalation.level.raised", escalationId: e.id, level: e.level }, "escalation level raised");
    if (e.status === "claimed" && e.claimedBy) notifier.emit({ staff: e.claimedBy }, "escalation:alert", view);
    else if (e.unroutedAt !== undefined) notifier.emit({ onDuty: true }, "escalation:alert", view);
    else if (e.offeredTo.at(-1)) notifier.emit({ staff: e.offeredTo.at(-1)! }, "escalation:alert", view);
    return e.status === "open" ? this.route(e) : e;
  }

  /** One routing step for one escalation: alert the next professional, or fall back to the crisis protocol. */
  async route(e: Escalation): Promise<Escalation> {
    const { store, clock, notifier, log } = this.deps;
    const now = clock.now();
    // Only professionals who can be reached (an open console, or a device paged by push) can answer:
    // alerting one nobody can reach would waste the timeout.
    const duties = await store.listDuty();
    const reach = new Map(await Promise.all(duties.map(async (d) => [d.staffId, await notifier.reachOf(d.staffId)] as const)));
    const step = nextStep(e, reachableDuties(duties, reach), now, this.timeouts);
    if (step.kind === "wait") return e;
    const next = applyStep(e, step, now);
    const recorded = await store.recordOffer(e.id, {
      offeredTo: next.offeredTo,
      offeredAt: next.offeredAt,
      ...(next.unroutedAt !== undefined && { unroutedAt: next.unroutedAt }),
    });
    if (!recorded) return e; // claimed meanwhile: nothing to route
    const view = await this.broadcast(next);
    if (step.kind === "offer") {
      notifier.emit({ staff: step.staffId }, "escalation:alert", view);
      log.info({ event: "escalation.offered", escalationId: e.id, staffId: step.staffId }, "escalation offered");
    } else if (step.kind === "realert") {
      notifier.emit({ onDuty: true }, "escalation:alert", view);
      return next;
    } else {
      // Whoever has the conversation now (after a transfer, not necessarily who raised it) sees the
      // crisis protocol; a debrief waits calmly. Everyone on duty is alerted to what nobody took.
      if (e.conversationId && e.source !== "debrief") notifier.emit({ conversationStaff: e.conversationId }, "escalation:unrouted", view);
      notifier.emit({ onDuty: true }, "escalation:alert", view);
      log.warn({ event: "escalation.unrouted", escalationId: e.id }, "no professional acknowledged; crisis protocol shown");
    }
    await store.appendEvent({
      type: step.kind === "offer" ? "escalation.offered" : "escalation.unrouted",
      at: now,
      ...(e.conversationId && { conversationId: e.conversationId }),
      locationId: e.locationId,
      ...(step.kind === "offer" && { staffId: step.staffId }),
      data: { level: e.level, source: e.source },
    });
    return next;
  }

  /** The periodic pass (one process at a time): timeouts move escalations on. */
  async tick(): Promise<void> {
    for (const e of await this.deps.store.listEscalations()) if (e.status === "open") await this.route(e);
  }

  /** Unresolved escalations that match, as views. */
  async viewsFor(match: (e: Escalation) => boolean): Promise<EscalationView[]> {
    const all = (await this.deps.store.listEscalations()).filter(match).sort(compareEscalations);
    return Promise.all(all.map((e) => this.view(e)));
  }

  /**
   * The inbox: escalations of the locations the professional is on duty for now, and whatever they
   * claimed themselves. Off duty that is only their own: escalation notes are about youths.
   */
  async list(actor: StaffActor): Promise<EscalationView[]> {
    const pro = requireProfessional(actor);
    const covered = await coveredBy(this.deps.store, pro);
    return this.viewsFor((e) => covered.has(e.locationId) || e.claimedBy === pro.id);
  }

  /** Atomic across processes: of two professionals pressing at once, one gets it, the other is told. */
  async claim(actor: StaffActor, request: RequestOf<"escalation:claim">): Promise<EscalationView> {
    const pro = requireProfessional(actor);
    if (!(await dutyOf(this.deps.store, pro)).onDuty) fail("FORBIDDEN", "Go on duty to take escalations");
    const now = this.deps.clock.now();
    const result = await this.deps.store.claimEscalation(request.escalationId, pro.id, now);
    if (!result.ok) fail(result.reason === "not_found" ? "NOT_FOUND" : "ALREADY_CLAIMED", "Someone else already took this");
    const e = result.escalation;
    if (e.conversationId) await this.deps.notifier.join({ staff: pro.id }, e.conversationId);
    await this.deps.store.appendEvent({
      type: "escalation.claimed",
      at: now,
      staffId: pro.id,
      locationId: e.locationId,
      ...(e.conversationId && { conversationId: e.conversationId }),
      data: { level: e.level, timeToClaimMs: now - e.raisedAt, source: e.source },
    });
    return this.broadcast(e);
  }

  async resolve(actor: StaffActor, request: RequestOf<"escalation:resolve">): Promise<EscalationView> {
    const pro = requireProfessional(actor);
    const now = this.deps.clock.now();
    const ok = await this.deps.store.resolveEscalation(request.escalationId, pro.id, {
      at: now,
      outcome: request.outcome,
      referral: request.referral,
    });
    if (!ok) fail("FORBIDDEN", "Only the professional who took it can resolve it");
    const e = (await this.deps.store.getEscalation(request.escalationId))!;
    await this.deps.store.appendEvent({
      type: "escalation.resolved",
      at: now,
      staffId: pro.id,
      locationId: e.locationId,
      ...(e.conversationId && { conversationId: e.conversationId }),
      data: { referral: request.referral, escalationId: e.id },
    });
    return this.broadcast(e);
  }

  /**
   * A professional leaving duty (or logging out) gives back what they claimed but did not resolve:
   * it is open again and routed afresh, so no youth waits on someone who has gone.
   */
  async releaseAllOf(staffId: string): Promise<number> {
    const { store, clock, log } = this.deps;
    const now = clock.now();
    let released = 0;
    for (const e of await store.listEscalations()) {
      if (e.status !== "claimed" || e.claimedBy !== staffId) continue;
      if (!(await store.releaseEscalation(e.id, staffId, now))) continue;
      released += 1;
      const reopened = (await store.getEscalation(e.id))!;
      await this.broadcast(reopened);
      await store.appendEvent({
        type: "escalation.released",
        at: now,
        staffId,
        locationId: e.locationId,
        ...(e.conversationId && { conversationId: e.conversationId }),
      });
      log.warn({ event: "escalation.released", escalationId: e.id, staffId }, "claimer left; escalation open again");
    }
    return released;
  }
}

/** The staff member behind a professional's request; anyone else is refused. */
export function requireProfessional(actor: StaffActor): Staff {
  if (actor.staff.role !== "professional") fail("FORBIDDEN", "Only professionals do this");
  return actor.staff;
}
