import type { RequestOf, Role } from "../../shared/protocol";
import { staffMayRead } from "../domain/access/conversationAccess";
import type { Conversation } from "../domain/conversation";
import type { RiskScorer } from "../domain/risk/riskScorer";
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
import type { AfterAck } from "./AfterAck";
import type { Actor } from "./actors";
import type { ServiceDeps } from "./context";
import { finishConversation } from "./conversationEnding";
import type { Dispatcher } from "./Dispatcher";
import type { EscalationService } from "./EscalationService";
import { fail } from "./errors";
import { type MessageTriageParts, triageMessage } from "./messageTriage";
import { isSpeaker, type KnownRights } from "./rights";
import { messageView, staffView, visibleToYouth, youthView } from "./views";
import type { WrapUpService } from "./WrapUpService";

/** Limits how fast one sender may send; `consume` resolves false when they must slow down. */
export interface RateLimit {
  consume(key: string): Promise<boolean>;
}

/** An allowance only failures spend (wrong codes, wrong passwords), shared by every process. */
export interface FailureBudget {
  /** True once this window's allowance for `key` (default: everyone) is used up. */
  spent(key?: string): Promise<boolean>;
  spend(key?: string): Promise<void>;
}

const isLive = (c: Conversation) => c.status === "queued" || c.status === "active";

/** What a ConversationService is made of (named, so a new collaborator cannot be passed in the wrong place). */
export interface ConversationServiceOptions {
  deps: ServiceDeps<AccessLogStore & ConversationStore & DirectoryStore & EscalationStore & EventStore & MessageStore & PresenceStore>;
  dispatcher: Dispatcher;
  rateLimit: RateLimit;
  wrapUps: WrapUpService;
  /** Triage runs after the ack (`later`), so a youth's message never waits for it. */
  risk: { score: RiskScorer; escalations: EscalationService; later: AfterAck };
  /** Typing and delivery marks: cheap signals, but a flood of them must not reach everyone. */
  signalLimit: RateLimit;
}

/** Everything that happens inside one conversation, for whichever side is allowed to do it. */
export class ConversationService {
  private readonly deps: ServiceDeps<
    AccessLogStore & ConversationStore & DirectoryStore & EscalationStore & EventStore & MessageStore & PresenceStore
  >;
  private readonly dispatcher: Dispatcher;
  private readonly rateLimit: RateLimit;
  private readonly wrapUps: WrapUpService;
  private readonly risk: { score: RiskScorer; escalations: EscalationService; later: AfterAck };
  private readonly signalLimit: RateLimit;

  constructor(o: ConversationServiceOptions) {
    this.deps = o.deps;
    this.dispatcher = o.dispatcher;
    this.rateLimit = o.rateLimit;
    this.wrapUps = o.wrapUps;
    this.risk = o.risk;
    this.signalLimit = o.signalLimit;
  }

  /** The conversation, if this actor is part of it; a youth may write while still queued. */
  async authorise(actor: Actor, conversationId: string, options?: { lastSeq?: boolean }): Promise<Conversation> {
    const conversation = await this.deps.store.getConversation(conversationId, options);
    if (!conversation) fail("NOT_FOUND", "No such conversation");
    if (!(await this.isParty(actor, conversation))) fail("FORBIDDEN", "This is not your conversation");
    return conversation;
  }

  /**
   * `authorise`, answered from what this connection already knows when it holds the right (no store
   * read: the common case for a message), else from the store, and then remembered if the actor
   * speaks in it and it is active. Either way the conversation returned is one the actor is a party
   * to; a known one comes without its `lastSeq`.
   */
  async authoriseKnown(actor: Actor, conversationId: string, known: KnownRights | undefined): Promise<Conversation> {
    const held = known?.speakerIn(conversationId);
    // Checked again against this actor: what is known is only what the store said when it was read.
    if (held && held.status === "active" && isSpeaker(actor, held)) return held;
    if (!known) return this.authorise(actor, conversationId, { lastSeq: false });
    const mark = known.readStarted(conversationId);
    let granted: Conversation | undefined;
    try {
      const conversation = await this.authorise(actor, conversationId, { lastSeq: false });
      // Only an active chat's speakers: a queued one changes hands without a revocation (a claim adds rights).
      if (conversation.status === "active" && isSpeaker(actor, conversation)) granted = conversation;
      return conversation;
    } finally {
      known.readEnded(conversationId, granted, mark);
    }
  }

  /**
   * The youth and the volunteer are parties; a professional is one once joined, or while on duty
   * for the conversation's location (reading along, whispering to the volunteer).
   */
  private async isParty(actor: Actor, c: Conversation): Promise<boolean> {
    if (actor.kind === "youth") return c.youthId === actor.youthId;
    if (c.holderId === actor.staff.id) return true;
    if (actor.staff.role !== "professional") return false;
    const [duties, escalations] = await Promise.all([this.deps.store.listDuty(), this.deps.store.listEscalations()]);
    return staffMayRead(actor.staff, c, duties, escalations);
  }

  /**
   * Speaking in the conversation (messages, typing, delivery marks, ending it) is for the youth, the
   * volunteer, and a professional only once joined: reading along stays invisible to the youth.
   */
  requireSpeaker(actor: Actor, c: Conversation): void {
    if (actor.kind === "youth" || isSpeaker(actor, c)) return;
    fail("FORBIDDEN", "Join the conversation first");
  }

  /**
   * Persists before acknowledging; a resend with the same id is stored once and broadcast again.
   * `known`: what the sender's connection already knows of its rights (no store read when it holds them).
   */
  async send(actor: Actor, request: RequestOf<"message:send">, known?: KnownRights) {
    const { store, clock, notifier } = this.deps;
    // The append takes the next seq itself: the stored counter is not needed to authorise.
    const conversation = await this.authoriseKnown(actor, request.conversationId, known);
    if (!isLive(conversation)) fail("CONVERSATION_ENDED", "This conversation has ended");
    if (actor.kind === "staff" && conversation.status !== "active") fail("FORBIDDEN", "Not your conversation yet");
    this.requireSpeaker(actor, conversation);
    if (!(await this.rateLimit.consume(senderOf(actor)))) fail("RATE_LIMITED", "Too many messages; wait a moment");

    const now = clock.now();
    const { message, duplicate } = await store.appendMessage({
      id: request.id,
      conversationId: conversation.id,
      senderRole: roleOf(actor),
      ...(actor.kind === "staff" && { senderId: actor.staff.id, senderName: actor.staff.displayName }),
      text: request.text,
      sentAt: now,
    });
    // A resend may mean the first broadcast never left (the process that stored it died): send the
    // stored message again to its audience; receivers keep each id once (PROTOCOL.md §5.1).
    notifier.emit(
      message.visibility === "staff" ? { conversationStaff: conversation.id } : { conversation: conversation.id },
      "message:received",
      messageView(message),
    );
    // No domain event per message: the figures never read one, and /metrics counts stored messages.
    if (!duplicate && actor.kind === "youth")
      this.risk.later.run("risk.triage", conversation.id, () =>
        triageMessage(this.triageParts(), conversation, request.text, message.seq, now),
      );
    return { seq: message.seq, sentAt: message.sentAt, duplicate };
  }

  private triageParts(): MessageTriageParts {
    const { deps, dispatcher, risk } = this;
    return { deps, dispatcher, risk };
  }

  /** Messages after `afterSeq`, for a client that reconnected or opened the conversation. */
  async sync(actor: Actor, request: RequestOf<"conversation:sync">) {
    const conversation = await this.authorise(actor, request.conversationId);
    // A staff read of the transcript is recorded first (never the words): why they may read it.
    if (actor.kind === "staff") {
      const reason =
        conversation.holderId === actor.staff.id
          ? "assigned"
          : conversation.professionalId === actor.staff.id
            ? "supervision"
            : "escalation";
      await recordAccess(this.deps, actor.staff, "sync", reason, { conversation });
    }
    const stored = await this.deps.store.listMessages(conversation.id, request.afterSeq);
    const messages = (actor.kind === "youth" ? visibleToYouth(stored) : stored).map(messageView);
    const holder = actor.kind === "youth" && conversation.holderId ? await this.deps.store.getStaff(conversation.holderId) : undefined;
    return { messages, conversation: actor.kind === "youth" ? youthView(conversation, holder) : staffView(conversation) };
  }

  /**
   * The reader confirms what reached their screen; the sender sees "delivered". Sent for every
   * message a page shows, so it too is authorised from what the connection knows; the store caps
   * the mark at the last message.
   */
  async confirmDelivery(actor: Actor, request: RequestOf<"delivery:confirm">, known?: KnownRights) {
    const conversation = await this.authoriseKnown(actor, request.conversationId, known);
    this.requireSpeaker(actor, conversation);
    if (!(await this.signalLimit.consume(senderOf(actor)))) fail("RATE_LIMITED", "Too many signals; wait a moment");
    const upToSeq = await this.deps.store.markDelivered(conversation.id, actor.kind === "youth" ? "youth" : "staff", request.upToSeq);
    this.deps.notifier.emit({ conversation: conversation.id }, "delivery:confirmed", {
      conversationId: conversation.id,
      by: roleOf(actor),
      upToSeq,
    });
    return { upToSeq };
  }

  async typing(actor: Actor, request: RequestOf<"typing:set">, known?: KnownRights) {
    const conversation = await this.authoriseKnown(actor, request.conversationId, known);
    this.requireSpeaker(actor, conversation);
    if (!(await this.signalLimit.consume(senderOf(actor)))) fail("RATE_LIMITED", "Too many signals; wait a moment");
    if (conversation.status !== "active") return {};
    this.deps.notifier.emit({ conversation: conversation.id }, "typing:changed", {
      conversationId: conversation.id,
      role: roleOf(actor),
      typing: request.typing,
    });
    return {};
  }

  /** Either side may end; a queued youth ending is leaving the queue. */
  async end(actor: Actor, conversationId: string) {
    const conversation = await this.authorise(actor, conversationId);
    this.requireSpeaker(actor, conversation);
    if (!isLive(conversation)) fail("CONVERSATION_ENDED", "This conversation has already ended");
    await this.finish(conversation.id, roleOf(actor), conversation.status === "queued" ? "left-queue" : "ended");
    return { conversationId };
  }

  /**
   * Ends a conversation once, whoever asks, and tells both sides. Returns false if it had already
   * ended (a race with the other side, which is fine).
   */
  finish(conversationId: string, by: Role | "system", reason: string): Promise<boolean> {
    const { deps, dispatcher, wrapUps, risk } = this;
    return finishConversation({ deps, dispatcher, wrapUps, risk }, conversationId, by, reason);
  }
}

function senderOf(actor: Actor): string {
  return actor.kind === "youth" ? actor.youthId : actor.staff.id;
}

function roleOf(actor: Actor): Role {
  return actor.kind === "youth" ? "youth" : actor.staff.role;
}
