import type { Estimate, QueueSummary, StaffConversationView } from "../../shared/protocol";
import { ANY_LOCATION } from "../../shared/protocol";
import type { Conversation, QueueEntry } from "../domain/conversation";
import { estimateWait } from "../domain/estimate";
import { nextEntryFor, orderQueue, planAutoAssignments, positionOf, preferenceFor, type RoutingContext } from "../domain/queue";
import type { Staff } from "../domain/staff";
import type { ConversationStore, DirectoryStore, EscalationStore, EventStore, PresenceStore } from "../store/Store";
import type { ServiceDeps } from "./context";
import { fail } from "./errors";
import { freshRead } from "./freshRead";
import { pushPresence } from "./presencePush";
import { staffView, youthView } from "./views";

/** Queue state as one process last saw it: enough to tell a youth where they stand. */
interface Snapshot {
  ctx: RoutingContext;
  queue: QueueEntry[];
  serviceTimes: { durationMs: number; at: number }[];
}

/**
 * Moves youths from the queue to volunteers (take-next and auto-assign) and keeps everyone told
 * where the queue stands. Routing rules live in the domain; the store's atomic claim decides races.
 */
export class Dispatcher {
  private pending: Promise<void> | undefined;
  private again = false;
  private readonly lastSent = new Map<string, string>();
  /** "<conversationId> <staffId>" pairs this process already told about a preference window. */
  private readonly offered = new Set<string>();

  /** Concurrent callers (a burst of joins, many "take next") share one fresh read of the store. */
  private readonly snapshot: () => Promise<Snapshot>;

  constructor(
    private readonly deps: ServiceDeps<ConversationStore & DirectoryStore & EscalationStore & EventStore & PresenceStore>,
    /** Called for a youth picked up after a high-risk message while waiting. */
    private readonly onFlaggedAssigned: (conversation: Conversation) => Promise<void> = async () => {},
  ) {
    this.snapshot = freshRead(() => this.readSnapshot());
  }

  private async readSnapshot(): Promise<Snapshot> {
    const { store, clock } = this.deps;
    const [locations, presence, queue, serviceTimes, staff] = await Promise.all([
      store.listLocations(),
      store.listPresence(),
      store.listQueue(),
      store.recentServiceTimes(),
      store.listStaff(),
    ]);
    const volunteers = presence.filter((p) => p.status !== "off");
    // Skills decide who is offered a youth first (booster trainings for their topic).
    const staffSkills = new Map(staff.map((s) => [s.id, s.skills]));
    return {
      ctx: { now: clock.now(), locations: new Map(locations.map((l) => [l.id, l])), presence: volunteers, staffSkills },
      queue,
      serviceTimes,
    };
  }

  /** "Take next": the best entry this volunteer may take, claimed atomically; retried if another process wins. */
  async takeNext(staffId: string): Promise<StaffConversationView> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const snap = await this.snapshot();
      const me = snap.ctx.presence.find((p) => p.staffId === staffId);
      if (me?.status !== "available") fail("NOT_AVAILABLE", "Set yourself to available first");
      if (me.load >= me.capacity) fail("AT_CAPACITY", "You already have as many chats as your capacity");
      const entry = nextEntryFor(me, snap.queue, snap.ctx);
      if (!entry) fail("QUEUE_EMPTY", "Nobody is waiting for you right now");
      const result = await this.deps.store.claim(entry.id, staffId, this.deps.clock.now());
      if (result.ok) {
        await this.announceAssignment(result.conversation);
        this.kick();
        return staffView(result.conversation);
      }
      if (result.reason === "at_capacity") fail("AT_CAPACITY", "You already have as many chats as your capacity");
      if (result.reason === "not_available") fail("NOT_AVAILABLE", "Set yourself to available first");
      // not_queued or disconnected: the next pass reads a fresh snapshot without them.
    }
    return fail("QUEUE_EMPTY", "Others took the waiting youths first; try again");
  }

  /**
   * A professional on duty takes one waiting youth (usually a flagged one) straight from the queue:
   * the same atomic claim as a volunteer's, so of two racing takes one wins. They hold the chat as
   * a volunteer would, and the youth sees them as a professional.
   */
  async takeForProfessional(staff: Staff, conversationId: string): Promise<StaffConversationView> {
    const { store, clock } = this.deps;
    if (staff.role !== "professional") fail("FORBIDDEN", "Only professionals take youths from the queue this way");
    const [duty, entry] = await Promise.all([
      store.listDuty().then((all) => all.find((d) => d.staffId === staff.id)),
      store.getConversation(conversationId),
    ]);
    if (!duty) fail("FORBIDDEN", "Go on duty to take youths from the queue");
    if (entry?.status !== "queued") fail("NOT_QUEUED", "This youth is not waiting any more");
    if (entry.locationChoice !== ANY_LOCATION && !duty.locationIds.includes(entry.locationChoice))
      fail("FORBIDDEN", "Not a queue of your locations");
    const locationId =
      entry.locationChoice !== ANY_LOCATION
        ? entry.locationChoice
        : duty.locationIds.includes(staff.locationId)
          ? staff.locationId
          : duty.locationIds[0]!;
    const result = await store.claimAsProfessional(conversationId, staff.id, locationId, clock.now());
    if (!result.ok) {
      if (result.reason === "disconnected") fail("NOT_AVAILABLE", "The youth's page is not connected right now; they keep their place");
      fail("NOT_QUEUED", "Someone else took this youth first");
    }
    await this.announceAssignment(result.conversation);
    this.kick();
    return staffView(result.conversation);
  }

  /** Claims what the auto-assign plan proposes; a lost race just means another process did it. */
  async autoAssign(snap: Snapshot): Promise<number> {
    const plan = planAutoAssignments(snap.queue, snap.ctx);
    let assigned = 0;
    for (const { conversationId, staffId } of plan) {
      const result = await this.deps.store.claim(conversationId, staffId, this.deps.clock.now());
      if (!result.ok) continue;
      assigned += 1;
      await this.announceAssignment(result.conversation);
    }
    return assigned;
  }

  /** Tells the youth who picked them up and gives the conversation to its holder (a volunteer, or a professional from the queue). */
  async announceAssignment(conversation: Conversation): Promise<void> {
    const { store, notifier, log } = this.deps;
    const staffId = conversation.holderId!;
    const holder = await store.getStaff(staffId);
    await Promise.all([
      notifier.join({ staff: staffId }, conversation.id),
      notifier.join({ youth: conversation.youthId }, conversation.id),
      store.appendEvent({
        type: "conversation.assigned",
        at: conversation.assignedAt!,
        conversationId: conversation.id,
        locationId: conversation.locationId,
        staffId,
        data: { waitMs: conversation.assignedAt! - conversation.queuedAt, priority: conversation.priority },
      }),
    ]);
    this.lastSent.delete(conversation.id);
    const youth = youthView(conversation, holder);
    notifier.emit({ youth: conversation.youthId }, "conversation:assigned", { youth, ...(youth.peer && { peer: youth.peer }) });
    notifier.emit({ staff: staffId }, "conversation:assigned", { staff: staffView(conversation) });
    await pushPresence(this.deps, staffId);
    log.info({ event: "conversation.assigned", conversationId: conversation.id, staffId }, "assigned");
    if (conversation.priority > 0) await this.onFlaggedAssigned(conversation);
  }

  /** Where one queued youth stands, for the ack of queue:join and for resume. */
  async standing(conversationId: string): Promise<{ position: number; estimate: Estimate } | undefined> {
    const snap = await this.snapshot();
    return this.standingIn(snap, conversationId);
  }

  private standingIn(snap: Snapshot, conversationId: string) {
    const entry = snap.queue.find((e) => e.id === conversationId);
    const position = positionOf(conversationId, snap.queue);
    if (!entry || position === undefined) return undefined;
    return { position, estimate: estimateWait(entry, position, snap.serviceTimes, snap.ctx) };
  }

  /**
   * Sends each queued youth their position and estimate and staff the summary. Between ticks only
   * changes are sent; the tick sends all, which also corrects what another process last told them.
   */
  publish(snap: Snapshot, force = false): void {
    const { notifier } = this.deps;
    const live = new Set<string>();
    for (const entry of orderQueue(snap.queue)) {
      live.add(entry.id);
      const standing = this.standingIn(snap, entry.id)!;
      const key = JSON.stringify(standing);
      if (!force && this.lastSent.get(entry.id) === key) continue;
      this.lastSent.set(entry.id, key);
      notifier.emit({ youth: entry.youthId }, "queue:updated", { conversationId: entry.id, ...standing });
    }
    for (const id of this.lastSent.keys()) if (!live.has(id)) this.lastSent.delete(id);
    notifier.emit({ allStaff: true }, "queue:summarised", summarise(snap));
    this.announceOffers(snap, live);
  }

  /**
   * Tells a take-next volunteer that a waiting youth is theirs first for a while; without it they
   * would not know to press "take next" before the window closes. Auto-assign needs no telling.
   */
  private announceOffers(snap: Snapshot, live: ReadonlySet<string>): void {
    for (const entry of snap.queue) {
      const preference = preferenceFor(entry, snap.ctx);
      if (!preference) continue;
      for (const staffId of preference.staffIds) {
        const key = `${entry.id} ${staffId}`;
        const where = snap.ctx.presence.find((p) => p.staffId === staffId)?.locationId;
        if (this.offered.has(key) || (where && snap.ctx.locations.get(where)?.autoAssign)) continue;
        this.offered.add(key);
        this.deps.notifier.emit({ staff: staffId }, "queue:offered", {
          conversationId: entry.id,
          reason: preference.reason,
          until: preference.until,
        });
      }
    }
    for (const key of this.offered) if (!live.has(key.split(" ")[0]!)) this.offered.delete(key);
  }

  /** Re-routes and re-publishes soon; bursts of changes collapse into one run. */
  kick(): void {
    if (this.pending) {
      this.again = true;
      return;
    }
    this.pending = this.run().finally(() => {
      this.pending = undefined;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** One pass: auto-assign, then publish. Exposed for the periodic tick and for tests. */
  async run(options: { force?: boolean } = {}): Promise<void> {
    try {
      let snap = await this.snapshot();
      if ((await this.autoAssign(snap)) > 0) snap = await this.snapshot();
      this.publish(snap, options.force);
    } catch (error) {
      this.deps.log.error({ err: error, event: "dispatch.failed" }, "dispatch pass failed");
    }
  }

  /** Resolves when no pass is running; lets shutdown and tests wait for quiet. */
  async settled(): Promise<void> {
    while (this.pending) await this.pending;
  }
}

/** Counts per location for staff; youths who chose "any" are listed under "any". */
export function summarise(snap: Snapshot): QueueSummary {
  const ids = [...snap.ctx.locations.keys(), ANY_LOCATION];
  return {
    at: snap.ctx.now,
    locations: ids.map((locationId) => {
      const waiting = snap.queue.filter((e) => e.locationChoice === locationId);
      return {
        locationId,
        waiting: waiting.length,
        longestWaitMs: waiting.reduce((max, e) => Math.max(max, snap.ctx.now - e.queuedAt), 0),
        flagged: waiting.filter((e) => e.priority > 0).length,
        availableVolunteers: snap.ctx.presence.filter((p) => p.locationId === locationId && p.status === "available").length,
      };
    }),
  };
}
