import { ANY_LOCATION, type RequestOf } from "../../shared/protocol";
import type { Conversation } from "../domain/conversation";
import type { Staff } from "../domain/staff";
import type { ConversationStore, DirectoryStore, EventStore, MessageStore, PresenceStore } from "../store/Store";
import type { AbuseGuard } from "./AbuseGuard";
import type { StaffActor } from "./actors";
import type { ConversationService, RateLimit } from "./ConversationService";
import type { ServiceDeps } from "./context";
import type { Dispatcher } from "./Dispatcher";
import type { EscalationService } from "./EscalationService";
import { fail } from "./errors";
import { pushPresence } from "./presencePush";
import type { ReturnCodeService } from "./ReturnCodeService";
import type { KnownRights } from "./rights";
import { recordSystemLine } from "./transcript";
import { messageView, staffView, youthView } from "./views";

/** What a StaffConversationService is made of (named, so a new collaborator cannot be passed in the wrong place). */
export interface StaffConversationServiceOptions {
  deps: ServiceDeps<ConversationStore & DirectoryStore & EventStore & MessageStore & PresenceStore>;
  conversations: ConversationService;
  dispatcher: Dispatcher;
  abuse: AbuseGuard;
  rateLimit: RateLimit;
  escalations: EscalationService;
  returnCodes: Pick<ReturnCodeService, "noteChanged">;
}

/** What only staff do inside a conversation: notes, whispers and consults, transfers, blocks. */
export class StaffConversationService {
  private readonly deps: ServiceDeps<ConversationStore & DirectoryStore & EventStore & MessageStore & PresenceStore>;
  private readonly conversations: ConversationService;
  private readonly dispatcher: Dispatcher;
  private readonly abuse: AbuseGuard;
  private readonly rateLimit: RateLimit;
  private readonly escalations: EscalationService;
  private readonly returnCodes: Pick<ReturnCodeService, "noteChanged">;

  constructor(o: StaffConversationServiceOptions) {
    this.deps = o.deps;
    this.conversations = o.conversations;
    this.dispatcher = o.dispatcher;
    this.abuse = o.abuse;
    this.rateLimit = o.rateLimit;
    this.escalations = o.escalations;
    this.returnCodes = o.returnCodes;
  }

  private async mineAndActive(actor: StaffActor, conversationId: string, known?: KnownRights): Promise<Conversation> {
    const conversation = await this.conversations.authoriseKnown(actor, conversationId, known);
    if (conversation.status !== "active") fail("CONVERSATION_ENDED", "This conversation is not active");
    return conversation;
  }

  /** The internal note: staff only, replaced as a whole. */
  async setNote(actor: StaffActor, request: RequestOf<"note:set">) {
    const conversation = await this.conversations.authorise(actor, request.conversationId);
    await this.deps.store.setConversationNotes(conversation.id, { note: request.note });
    await this.returnCodes.noteChanged(conversation, request.note);
    this.deps.notifier.emit({ conversationStaff: conversation.id }, "note:updated", {
      conversationId: conversation.id,
      note: request.note,
    });
    return { conversationId: conversation.id };
  }

  /**
   * A staff-only message inside the conversation. With `consult`, it also asks the on-duty
   * professionals for advice; their side of the thread comes with the escalation work.
   */
  async whisper(actor: StaffActor, request: RequestOf<"whisper:send">, known?: KnownRights) {
    const { store, clock, notifier } = this.deps;
    const conversation = await this.mineAndActive(actor, request.conversationId, known);
    if (!(await this.rateLimit.consume(actor.staff.id))) fail("RATE_LIMITED", "Too many messages; wait a moment");
    const now = clock.now();
    const { message, duplicate } = await store.appendMessage({
      id: request.id,
      conversationId: conversation.id,
      senderRole: actor.staff.role,
      senderId: actor.staff.id,
      senderName: actor.staff.displayName,
      text: request.text,
      sentAt: now,
      visibility: "staff",
    });
    // Broadcast again on a resend, as message:send does: the first broadcast may never have left.
    notifier.emit({ conversationStaff: conversation.id }, "message:received", messageView(message));
    if (!duplicate) {
      // A consult lands in the professionals' inbox as a consult-level escalation (routed, timed, claimable).
      if (request.consult) await this.escalations.raiseConsult(conversation, actor.staff.id, request.text);
    }
    return { seq: message.seq, sentAt: message.sentAt, duplicate };
  }

  /**
   * Hands the conversation to an available colleague, or back to a location's queue ahead of
   * newcomers. The youth keeps every message and is told calmly what is happening.
   */
  async transfer(actor: StaffActor, request: RequestOf<"conversation:transfer">) {
    const { store, clock, notifier } = this.deps;
    const conversation = await this.mineAndActive(actor, request.conversationId);
    if ("locationChoice" in request.to && request.to.locationChoice !== ANY_LOCATION) {
      const exists = (await store.listLocations()).some((l) => l.id === (request.to as { locationChoice: string }).locationChoice);
      if (!exists) fail("NOT_FOUND", "Unknown location");
    }
    if ("staffId" in request.to) {
      const colleague = await store.getStaff(request.to.staffId);
      if (!colleague?.active || colleague.role !== "volunteer") fail("NOT_AVAILABLE", "That colleague cannot take chats now");
    }
    const now = clock.now();
    const result = await store.transfer(conversation.id, actor.staff.id, request.to, now);
    if (!result.ok) {
      if (result.reason === "at_capacity") fail("AT_CAPACITY", "That colleague has no free chat slot");
      if (result.reason === "not_available") fail("NOT_AVAILABLE", "That colleague is not available");
      fail("FORBIDDEN", "This is not your conversation any more");
    }
    // Whoever held it knew it as theirs: dropped on every process before anyone acts on the move.
    await notifier.revoke({ conversation: conversation.id });
    const moved = result.conversation;
    if (request.note) await store.setConversationNotes(moved.id, { handoverNote: request.note });
    const withNote = { ...moved, ...(request.note && { handoverNote: request.note }) };
    const next = moved.status === "active" ? ((await store.getStaff(moved.holderId!)) as Staff) : undefined;
    // Kept in the transcript for whoever reads it next; the sender sees it before leaving the room.
    await recordSystemLine(
      this.deps,
      moved.id,
      { kind: "transferred", by: actor.staff.displayName, ...(next ? { name: next.displayName } : { reason: moved.locationChoice }) },
      { role: actor.staff.role, id: actor.staff.id, name: actor.staff.displayName },
    );
    await notifier.leave({ staff: actor.staff.id }, moved.id);
    notifier.emit({ staff: actor.staff.id }, "conversation:transferred", {
      conversationId: moved.id,
      reason: "transfer",
      ...(next && { to: { role: next.role, name: next.displayName } }),
    });
    notifier.emit({ youth: moved.youthId }, "conversation:transferring", { conversationId: moved.id, queued: moved.status === "queued" });
    await store.appendEvent({
      type: "conversation.transferred",
      at: now,
      conversationId: moved.id,
      staffId: actor.staff.id,
      data: "staffId" in request.to ? { to: "volunteer" } : { to: "queue", locationChoice: request.to.locationChoice },
    });
    if (next) {
      await notifier.join({ staff: next.id }, moved.id);
      const youth = youthView(withNote, next);
      notifier.emit({ youth: moved.youthId }, "conversation:assigned", { youth, ...(youth.peer && { peer: youth.peer }) });
      notifier.emit({ staff: next.id }, "conversation:assigned", { staff: staffView(withNote) });
    }
    await pushPresence(this.deps, actor.staff.id, next?.id);
    this.dispatcher.kick();
    return { conversationId: moved.id };
  }

  /** Ends an abusive conversation and keeps this youth out for the configured time. */
  async block(actor: StaffActor, request: RequestOf<"conversation:block">) {
    const conversation = await this.mineAndActive(actor, request.conversationId);
    this.conversations.requireSpeaker(actor, conversation);
    await this.abuse.block(conversation.youthId, conversation.deviceKey);
    await this.conversations.finish(conversation.id, actor.staff.role, "blocked");
    await this.deps.store.appendEvent({
      type: "conversation.blocked",
      at: this.deps.clock.now(),
      conversationId: conversation.id,
      staffId: actor.staff.id,
      ...(conversation.locationId && { locationId: conversation.locationId }),
    });
    return { conversationId: conversation.id };
  }
}
