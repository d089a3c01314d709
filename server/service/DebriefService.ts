import type { DebriefMessageView, DebriefView, RequestOf } from "../../shared/protocol";
import { newId } from "../auth/secrets";
import { type Debrief, type DebriefMessage, isDebriefParty, mayWriteDebrief } from "../domain/debrief/debrief";
import type { Staff } from "../domain/staff";
import type { ConversationStore, DebriefStore, DirectoryStore, EventStore } from "../store/Store";
import type { RateLimit } from "./ConversationService";
import type { ServiceDeps } from "./context";
import type { DutyService } from "./DutyService";
import { fail } from "./errors";

/**
 * "Praat even na": a volunteer asks the on-duty professional for a talk, at any time or in the
 * wrap-up. It lands in every on-duty professional's inbox as its own kind; one takes it up
 * (atomic), the volunteer is told who, and the two get a private staff-only thread. Threads are
 * stored like transcripts and purged after the same number of days (RetentionJob).
 */
export class DebriefService {
  constructor(
    private readonly deps: ServiceDeps<ConversationStore & DebriefStore & DirectoryStore & EventStore>,
    private readonly duty: DutyService,
    private readonly messageLimit: RateLimit,
  ) {}

  private async view(d: Debrief): Promise<DebriefView> {
    const [volunteer, claimer] = await Promise.all([
      this.deps.store.getStaff(d.volunteerId),
      d.claimedBy ? this.deps.store.getStaff(d.claimedBy) : undefined,
    ]);
    return { ...d, ...(volunteer && { volunteerName: volunteer.displayName }), ...(claimer && { claimedByName: claimer.displayName }) };
  }

  /** Everyone on duty sees the inbox change; the volunteer (and the professional who took it) see its state. */
  private async broadcast(d: Debrief): Promise<DebriefView> {
    const view = await this.view(d);
    const { notifier } = this.deps;
    notifier.emit({ onDuty: true }, "debrief:updated", view);
    notifier.emit({ staff: d.volunteerId }, "debrief:updated", view);
    if (d.claimedBy) notifier.emit({ staff: d.claimedBy }, "debrief:updated", view);
    return view;
  }

  private async find(id: string): Promise<Debrief> {
    const d = await this.deps.store.getDebrief(id);
    if (!d) fail("NOT_FOUND", "No such debrief");
    return d;
  }

  /** A volunteer asks; while one of theirs is still open or under way, asking again returns that one. */
  async request(staff: Staff, conversationId?: string): Promise<DebriefView> {
    const { store, clock, log } = this.deps;
    if (staff.role !== "volunteer") fail("FORBIDDEN", "Debriefs are asked for by volunteers");
    let locationId = staff.locationId;
    if (conversationId) {
      const c = await store.getConversation(conversationId);
      if (!c) fail("NOT_FOUND", "No such conversation");
      if (c.holderId !== staff.id && c.previousVolunteerId !== staff.id) fail("FORBIDDEN", "This is not your conversation");
      locationId = c.locationId ?? staff.locationId;
    }
    const pending = (await store.listDebriefs()).find((d) => d.volunteerId === staff.id && d.status !== "closed");
    if (pending) return this.view(pending);
    const now = clock.now();
    const debrief: Debrief = {
      id: newId("d"),
      volunteerId: staff.id,
      locationId,
      ...(conversationId && { conversationId }),
      requestedAt: now,
      status: "open",
      lastSeq: 0,
    };
    await store.createDebrief(debrief);
    await store.appendEvent({
      type: "debrief.requested",
      at: now,
      staffId: staff.id,
      locationId,
      ...(conversationId && { conversationId }),
      data: { debriefId: debrief.id },
    });
    log.info({ event: "debrief.requested", debriefId: debrief.id, staffId: staff.id }, "debrief requested");
    return this.broadcast(debrief);
  }

  /** Professionals: every debrief not yet closed. Volunteers: their own not yet closed. */
  async list(staff: Staff): Promise<DebriefView[]> {
    if (staff.role === "coordinator") fail("FORBIDDEN", "Not for coordinators");
    const open = (await this.deps.store.listDebriefs()).filter(
      (d) => d.status !== "closed" && (staff.role === "professional" || d.volunteerId === staff.id),
    );
    return Promise.all(open.sort((a, b) => a.requestedAt - b.requestedAt).map((d) => this.view(d)));
  }

  /** Atomic across processes: of two professionals pressing at once, one takes it up, the other is told. */
  async claim(staff: Staff, request: RequestOf<"debrief:claim">): Promise<DebriefView> {
    if (staff.role !== "professional") fail("FORBIDDEN", "Only professionals take debriefs");
    if (!(await this.duty.dutyOf(staff)).onDuty) fail("FORBIDDEN", "Go on duty to take debriefs");
    const now = this.deps.clock.now();
    const result = await this.deps.store.claimDebrief(request.debriefId, staff.id, now);
    if (!result.ok) fail(result.reason === "not_found" ? "NOT_FOUND" : "ALREADY_CLAIMED", "Someone else already took this");
    await this.deps.store.appendEvent({
      type: "debrief.claimed",
      at: now,
      staffId: staff.id,
      locationId: result.debrief.locationId,
      data: { debriefId: result.debrief.id, timeToClaimMs: now - result.debrief.requestedAt },
    });
    return this.broadcast(result.debrief);
  }

  /** A message in the private thread: only the volunteer and the professional who took it up, until it is closed. */
  async send(staff: Staff, request: RequestOf<"debrief:send">): Promise<{ seq: number; sentAt: number; duplicate: boolean }> {
    const d = await this.find(request.debriefId);
    if (!isDebriefParty(d, staff.id)) fail("FORBIDDEN", "Not your debrief");
    if (d.status === "closed") fail("CONVERSATION_ENDED", "This debrief is closed");
    if (!mayWriteDebrief(d, staff.id)) fail("FORBIDDEN", "Nobody has taken this debrief up yet");
    if (!(await this.messageLimit.consume(staff.id))) fail("RATE_LIMITED", "Too many messages; wait a moment");
    const role = staff.role === "professional" ? "professional" : "volunteer";
    const appended = await this.deps.store.appendDebriefMessage({
      id: request.id,
      debriefId: d.id,
      senderId: staff.id,
      senderRole: role,
      senderName: staff.displayName,
      text: request.text,
      sentAt: this.deps.clock.now(),
    });
    if (!appended) fail("NOT_FOUND", "No such debrief");
    const { message, duplicate } = appended;
    if (!duplicate) {
      const view = messageView(message);
      this.deps.notifier.emit({ staff: d.volunteerId }, "debrief:message", view);
      if (d.claimedBy && d.claimedBy !== d.volunteerId) this.deps.notifier.emit({ staff: d.claimedBy }, "debrief:message", view);
    }
    return { seq: message.seq, sentAt: message.sentAt, duplicate };
  }

  /** The debrief and its whole thread, for either of its two people (after a reload). */
  async sync(staff: Staff, request: RequestOf<"debrief:sync">): Promise<{ debrief: DebriefView; messages: DebriefMessageView[] }> {
    const d = await this.find(request.debriefId);
    if (!isDebriefParty(d, staff.id)) fail("FORBIDDEN", "Not your debrief");
    const messages = (await this.deps.store.listDebriefMessages(d.id)).map(messageView);
    return { debrief: await this.view(d), messages };
  }

  /** Either of the two closes it; closing again changes nothing. */
  async close(staff: Staff, request: RequestOf<"debrief:close">): Promise<DebriefView> {
    const d = await this.find(request.debriefId);
    if (!isDebriefParty(d, staff.id)) fail("FORBIDDEN", "Not your debrief");
    const now = this.deps.clock.now();
    const closed = await this.deps.store.closeDebrief(d.id, now);
    if (!closed) return this.view((await this.deps.store.getDebrief(d.id)) ?? d);
    await this.deps.store.appendEvent({
      type: "debrief.closed",
      at: now,
      staffId: staff.id,
      locationId: d.locationId,
      data: { debriefId: d.id },
    });
    return this.broadcast(closed);
  }
}

function messageView(m: DebriefMessage): DebriefMessageView {
  return {
    id: m.id,
    debriefId: m.debriefId,
    seq: m.seq,
    sender: { staffId: m.senderId, role: m.senderRole, name: m.senderName },
    text: m.text,
    sentAt: m.sentAt,
  };
}
