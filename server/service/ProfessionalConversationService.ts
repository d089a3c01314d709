import { ANY_LOCATION, type LiveConversationView, type ProfessionalStateView, type RequestOf } from "../../shared/protocol";
import type {
  AccessLogStore,
  ConversationStore,
  DirectoryStore,
  EscalationStore,
  EventStore,
  MessageStore,
  PresenceStore,
} from "../store/Store";
import { recordAccess } from "./AccessLog";
import type { StaffActor } from "./actors";
import { requireProfessional } from "./actors";
import type { ServiceDeps } from "./context";
import { coveredBy, dutyOf } from "./dutyLookup";
import type { EscalationService } from "./EscalationService";
import { fail } from "./errors";
import { pushPresence } from "./presencePush";
import { recordSystemLine } from "./transcript";
import { messageView, staffView, youthView } from "./views";

/**
 * A professional in the chats of her locations: the live list, her console's state, reading along
 * (recorded in the access record), joining, taking over and handing back. Escalations and duty are
 * EscalationService's; this service asks it what she covers.
 */
export class ProfessionalConversationService {
  constructor(
    private readonly deps: ServiceDeps<
      AccessLogStore & ConversationStore & DirectoryStore & EscalationStore & EventStore & MessageStore & PresenceStore
    >,
    private readonly escalations: EscalationService,
  ) {}

  /** Every live chat of the professional's locations, with its holder and whether it is flagged. */
  async live(actor: StaffActor): Promise<LiveConversationView[]> {
    const pro = requireProfessional(actor);
    const { store } = this.deps;
    const [covered, presence, staff, escalations] = await Promise.all([
      coveredBy(this.deps.store, pro),
      store.listPresence(),
      store.listStaff(),
      store.listEscalations(),
    ]);
    const names = new Map(staff.map((s) => [s.id, s.displayName]));
    const holders = new Set([...presence.map((p) => p.staffId), pro.id]);
    const active = (await Promise.all([...holders].map((id) => store.listActiveFor(id)))).flat();
    const flagged = new Set(escalations.map((e) => e.conversationId));
    return active
      .filter((c) => covered.has(c.locationId ?? ""))
      .map((c) => ({
        conversation: staffView(c),
        ...(c.holderId && { holderName: names.get(c.holderId) }),
        flagged: flagged.has(c.id) || c.priority > 0,
      }));
  }

  /**
   * Everything the professional's workplace shows besides \`staff:sync\`: the inbox, the live chats,
   * the chats they follow (claimed an escalation of, or joined without holding), and who waits in
   * the queues they are on duty for. A reload rebuilds the workplace from this alone.
   */
  async professionalState(actor: StaffActor): Promise<ProfessionalStateView> {
    const pro = requireProfessional(actor);
    const { store } = this.deps;
    const [duty, inbox, live, queue, escalations, active, watching] = await Promise.all([
      dutyOf(this.deps.store, pro),
      this.escalations.list(actor),
      this.live(actor),
      store.listQueue(),
      store.listEscalations(),
      store.listActiveFor(pro.id),
      store.listWatching(pro.id),
    ]);
    const held = new Set(active.map((c) => c.id));
    const followed = new Set(escalations.filter((e) => e.claimedBy === pro.id && e.conversationId).map((e) => e.conversationId!));
    for (const l of live) if (l.conversation.professionalId === pro.id) followed.add(l.conversation.id);
    // What she read along with and has not closed, while the chat is still going.
    const stillLive = await Promise.all(
      watching.map(async (id) => ((await store.getConversation(id))?.status === "active" ? id : undefined)),
    );
    for (const [i, id] of stillLive.entries()) {
      if (id) followed.add(id);
      else await store.setWatching(pro.id, watching[i]!, false); // ended or purged: nothing to reopen
    }
    const covered = new Set(duty.onDuty ? [...duty.locationIds, ANY_LOCATION] : []);
    const waiting = queue
      .filter((e) => covered.has(e.locationChoice))
      .sort((a, b) => b.priority - a.priority || a.queuedAt - b.queuedAt)
      .map(staffView);
    return { duty, inbox, live, watching: [...followed].filter((id) => !held.has(id)), queue: waiting };
  }

  /** Read along: the professional sees the conversation and its whispers, without the youth knowing. */
  async watch(actor: StaffActor, request: RequestOf<"conversation:watch">) {
    const pro = requireProfessional(actor);
    const c = await this.deps.store.getConversation(request.conversationId);
    if (!c) fail("NOT_FOUND", "No such conversation");
    const covered = await coveredBy(this.deps.store, pro);
    const claimedHere = (await this.deps.store.listEscalations()).some((e) => e.conversationId === c.id && e.claimedBy === pro.id);
    if (!covered.has(c.locationId ?? "") && !claimedHere && c.professionalId !== pro.id)
      fail("FORBIDDEN", "Not a conversation of your locations");
    await recordAccess(this.deps, pro, "watch", claimedHere ? "escalation" : c.professionalId === pro.id ? "supervision" : "escalation", {
      conversation: c,
    });
    await this.deps.notifier.join({ staff: pro.id }, c.id);
    if (c.status === "queued" || c.status === "active") await this.deps.store.setWatching(pro.id, c.id, true);
    const messages = (await this.deps.store.listMessages(c.id, 0)).map(messageView);
    return { conversation: staffView(c), messages };
  }

  /**
   * Stops reading along: a reload no longer reopens the chat. Someone who only read along leaves
   * its rooms; one who joined it, holds it or claimed its escalation stays in them.
   */
  async unwatch(actor: StaffActor, request: RequestOf<"conversation:unwatch">) {
    const pro = requireProfessional(actor);
    const { store, notifier } = this.deps;
    await store.setWatching(pro.id, request.conversationId, false);
    const c = await store.getConversation(request.conversationId);
    const claimed = (await store.listEscalations()).some((e) => e.conversationId === request.conversationId && e.claimedBy === pro.id);
    if (c && c.professionalId !== pro.id && c.holderId !== pro.id && !claimed) await notifier.leave({ staff: pro.id }, c.id);
    return { conversationId: request.conversationId };
  }

  /** Joins the conversation: from now on the youth sees the professional, labelled as such. */
  async join(actor: StaffActor, request: RequestOf<"conversation:join">) {
    const pro = requireProfessional(actor);
    const { conversation } = await this.watch(actor, { conversationId: request.conversationId });
    if (conversation.status !== "active") fail("CONVERSATION_ENDED", "This conversation is not active");
    await this.deps.store.setConversationProfessional(conversation.id, pro.id);
    await recordSystemLine(
      this.deps,
      conversation.id,
      { kind: "joined", name: pro.displayName },
      { role: "professional", id: pro.id, name: pro.displayName },
    );
    this.deps.notifier.emit({ conversation: conversation.id }, "professional:joined", {
      conversationId: conversation.id,
      peer: { role: "professional", name: pro.displayName },
    });
    await this.deps.store.appendEvent({
      type: "professional.joined",
      at: this.deps.clock.now(),
      conversationId: conversation.id,
      staffId: pro.id,
    });
    return { conversationId: conversation.id };
  }

  /** Takes the conversation over: the volunteer steps out (it leaves their console), the youth is told calmly. */
  async takeOver(actor: StaffActor, request: RequestOf<"conversation:takeover">) {
    const pro = requireProfessional(actor);
    const c = await this.deps.store.getConversation(request.conversationId);
    if (!c) fail("NOT_FOUND", "No such conversation");
    if (c.professionalId !== pro.id) fail("FORBIDDEN", "Join the conversation first");
    if (!c.holderId) fail("FORBIDDEN", "Nobody to take over from");
    if (c.holderId === pro.id) fail("FORBIDDEN", "You already have this conversation");
    await recordAccess(this.deps, pro, "take-over", "supervision", { conversation: c });
    // The professional takes the volunteer's place, so the chat is theirs across reloads and processes.
    if (!(await this.deps.store.reassignHolder(c.id, c.holderId, pro.id)))
      fail("CONVERSATION_ENDED", "This conversation changed; reload it");
    const { notifier } = this.deps;
    // The volunteer's consoles, on every process, stop speaking in it before the youth hears of it.
    await notifier.revoke({ conversation: c.id });
    // The line reaches the volunteer before they leave the room: the chat does not just vanish.
    await recordSystemLine(
      this.deps,
      c.id,
      { kind: "took-over", name: pro.displayName },
      { role: "professional", id: pro.id, name: pro.displayName },
    );
    await notifier.leave({ staff: c.holderId }, c.id);
    await notifier.join({ staff: pro.id }, c.id);
    notifier.emit({ staff: c.holderId }, "conversation:transferred", {
      conversationId: c.id,
      reason: "takeover",
      to: { role: "professional", name: pro.displayName },
    });
    const youth = youthView({ ...c, holderId: pro.id }, pro);
    notifier.emit({ youth: c.youthId }, "conversation:assigned", { youth, ...(youth.peer && { peer: youth.peer }) });
    await this.deps.store.appendEvent({ type: "professional.tookOver", at: this.deps.clock.now(), conversationId: c.id, staffId: pro.id });
    await pushPresence(this.deps, c.holderId, pro.id);
    return { conversationId: c.id };
  }

  /** Hands the conversation back to the volunteer it was taken from. */
  async handBack(actor: StaffActor, request: RequestOf<"conversation:handback">) {
    const pro = requireProfessional(actor);
    const c = await this.deps.store.getConversation(request.conversationId);
    if (!c) fail("NOT_FOUND", "No such conversation");
    if (c.holderId !== pro.id || !c.previousVolunteerId) fail("FORBIDDEN", "Nothing to hand back");
    const volunteerId = c.previousVolunteerId;
    const { notifier, store } = this.deps;
    // Only to someone who is still a volunteer: a former volunteer made coordinator or deactivated
    // since the take-over has no right to the chat any more.
    const target = await store.getStaff(volunteerId);
    if (!target?.active || target.role !== "volunteer")
      fail("NOT_AVAILABLE", "The volunteer can no longer take this chat; transfer instead");
    // Never hand a youth back to someone who is not there to answer.
    if (!(await notifier.isStaffConnected(volunteerId))) fail("NOT_AVAILABLE", "The volunteer is not online; transfer instead");
    if (!(await store.reassignHolder(c.id, pro.id, volunteerId))) fail("CONVERSATION_ENDED", "This conversation changed; reload it");
    // She held it; whatever her consoles knew of it is read again.
    await notifier.revoke({ conversation: c.id });
    const volunteer = target;
    await notifier.join({ staff: volunteerId }, c.id);
    await recordSystemLine(
      this.deps,
      c.id,
      { kind: "handed-back", name: volunteer?.displayName ?? "" },
      { role: "professional", id: pro.id, name: pro.displayName },
    );
    const back = { ...c, holderId: volunteerId };
    notifier.emit({ staff: volunteerId }, "conversation:assigned", { staff: staffView(back) });
    const youth = youthView(back, volunteer);
    notifier.emit({ youth: c.youthId }, "conversation:assigned", { youth, ...(youth.peer && { peer: youth.peer }) });
    await store.appendEvent({ type: "professional.handedBack", at: this.deps.clock.now(), conversationId: c.id, staffId: pro.id });
    await pushPresence(this.deps, volunteerId, pro.id);
    return { conversationId: c.id };
  }
}
