import type { EscalationView, RequestOf } from "../../shared/protocol";
import type { Conversation } from "../domain/conversation";
import { compareEscalations, DEFAULT_ACK_TIMEOUTS_MS, type Escalation, type EscalationLevel } from "../domain/escalation/escalation";
import type {
  AccessLogStore,
  ConversationStore,
  DirectoryStore,
  EscalationStore,
  EventStore,
  MessageStore,
  PresenceStore,
} from "../store/Store";
import { requireProfessional, type StaffActor } from "./actors";
import type { ServiceDeps } from "./context";
import { coveredBy, dutyOf } from "./dutyLookup";
import { EscalationRouter } from "./EscalationRouter";
import { fail } from "./errors";
import { escalationView } from "./escalationView";

/**
 * Gets a volunteer's call for help to a professional within seconds, and never drops it: the
 * routing steps come from the domain (through the EscalationRouter); claiming is atomic in the
 * store; an escalation nobody acknowledged stays open for everyone on duty while the volunteer sees
 * the crisis protocol.
 */
export class EscalationService {
  private readonly router: EscalationRouter;

  constructor(
    private readonly deps: ServiceDeps<
      AccessLogStore & ConversationStore & DirectoryStore & EscalationStore & EventStore & MessageStore & PresenceStore
    >,
    timeouts: Record<EscalationLevel, number> = DEFAULT_ACK_TIMEOUTS_MS,
  ) {
    this.router = new EscalationRouter(deps, timeouts);
  }

  /** The volunteer asks for the professional at one of three levels. */
  async raise(actor: StaffActor, request: RequestOf<"escalation:raise">) {
    const c = await this.deps.store.getConversation(request.conversationId);
    if (!c) fail("NOT_FOUND", "No such conversation");
    if (c.holderId !== actor.staff.id) fail("FORBIDDEN", "This is not your conversation");
    if (c.status !== "active") fail("CONVERSATION_ENDED", "This conversation is not active");
    // One per conversation: a second "escalate" raises the open one's level instead of filing another.
    const escalation = await this.router.open(c, {
      level: request.level,
      source: "volunteer",
      raisedBy: actor.staff.id,
      note: request.note,
    });
    return {
      escalation: await escalationView(this.deps.store, escalation),
      unrouted: escalation.status === "open" && escalation.unroutedAt !== undefined,
    };
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
    await this.router.open(c, { level: acute ? "crisis" : "urgent", source: "risk", raisedBy: c.holderId, signals });
  }

  /**
   * A youth flagged while waiting was just picked up: their escalation now says who has them, and
   * the one who took them sees the risk prompt. Taken by a professional, it is theirs at once.
   */
  async flaggedAssigned(c: Conversation): Promise<void> {
    const open = (await this.deps.store.listEscalations()).find((e) => e.conversationId === c.id && e.source !== "debrief");
    if (!open) return this.raiseFromRisk(c, []);
    const holder = c.holderId ? await this.deps.store.getStaff(c.holderId) : undefined;
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
    await this.router.broadcast(current);
  }

  /** A volunteer's consult question becomes a consult-level escalation, so it lands in the same inbox. */
  async raiseConsult(c: Conversation, raisedBy: string, question: string): Promise<void> {
    await this.router.open(c, { level: "consult", source: "volunteer", raisedBy, note: question });
  }

  /** One routing step for one escalation: alert the next professional, or fall back to the crisis protocol. */
  route(e: Escalation): Promise<Escalation> {
    return this.router.route(e);
  }

  /** The periodic pass (one process at a time): timeouts move escalations on. */
  tick(): Promise<void> {
    return this.router.tick();
  }

  /** Unresolved escalations that match, as views. */
  async viewsFor(match: (e: Escalation) => boolean): Promise<EscalationView[]> {
    const all = (await this.deps.store.listEscalations()).filter(match).sort(compareEscalations);
    return Promise.all(all.map((e) => escalationView(this.deps.store, e)));
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
    return this.router.broadcast(e);
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
    return this.router.broadcast(e);
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
      await this.router.broadcast(reopened);
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
