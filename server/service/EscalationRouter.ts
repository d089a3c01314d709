import type { EscalationView } from "../../shared/protocol";
import { newId } from "../auth/secrets";
import {
  applyStep,
  DEFAULT_ACK_TIMEOUTS_MS,
  type Escalation,
  type EscalationLevel,
  nextStep,
  reachableDuties,
} from "../domain/escalation/escalation";
import type { ConversationStore, DirectoryStore, EscalationStore, EventStore } from "../store/Store";
import type { ServiceDeps } from "./context";
import { escalationView } from "./escalationView";

/** What an escalation is about: a conversation (or, for a debrief, only a location). */
export interface EscalationSubject {
  id?: string;
  locationId?: string;
  locationChoice?: string;
}

/** Who raises it and why. */
export interface EscalationCall {
  level: EscalationLevel;
  source: Escalation["source"];
  raisedBy?: string;
  note?: string;
  signals?: string[];
}

/**
 * An escalation's path from the call to a professional who has it: opened once per conversation
 * (a second call raises the open one), offered to one reachable professional at a time by the
 * domain's routing steps, and shown as the crisis protocol when nobody acknowledged.
 */
export class EscalationRouter {
  constructor(
    private readonly deps: ServiceDeps<ConversationStore & DirectoryStore & EscalationStore & EventStore>,
    private readonly timeouts: Record<EscalationLevel, number> = DEFAULT_ACK_TIMEOUTS_MS,
  ) {}

  /** Tells everyone on duty, and the staff in its conversation, how the escalation stands now. */
  async broadcast(e: Escalation): Promise<EscalationView> {
    const view = await escalationView(this.deps.store, e);
    this.deps.notifier.emit({ onDuty: true }, "escalation:updated", view);
    if (e.conversationId) this.deps.notifier.emit({ conversationStaff: e.conversationId }, "escalation:updated", view);
    return view;
  }

  /** Opens an escalation and routes it, or raises the one already open for the same conversation. */
  async open(about: EscalationSubject, what: EscalationCall): Promise<Escalation> {
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
}
