import type {
  Estimate,
  MessageView,
  Role,
  ServiceStatus,
  VolunteerAvailability,
  YouthConversationView,
  YouthState,
} from "../../../shared/protocol";
import { mergeBySeq } from "../lib/messages";

/** The steps a youth goes through; `ended` asks for feedback, `goodbye` closes. */
export type Phase = "loading" | "closed" | "intro" | "waiting" | "chatting" | "ended" | "goodbye";

/** A message the youth wrote that the server has not acknowledged yet. */
export interface PendingMessage {
  id: string;
  conversationId: string;
  text: string;
  failed?: boolean;
}

export interface YouthModel {
  phase: Phase;
  online: boolean;
  status?: ServiceStatus;
  conversation?: YouthConversationView;
  queue?: { position: number; estimate: Estimate };
  /** Confirmed messages, ordered by seq, each once. */
  messages: MessageView[];
  pending: PendingMessage[];
  peerTyping: boolean;
  /** Up to which seq the staff side confirmed having the messages on screen. */
  deliveredSeq: number;
  /**
   * Everything up to this seq is known: it moves on with each message that follows it, and to the
   * conversation's lastSeq after a resume or a sync (staff whispers leave gaps a youth never fills).
   */
  cursor: number;
  professionalJoined: boolean;
  /**
   * The return code taken at the end of this chat: shown once, held only in memory (never in
   * storage: on a shared device the next person must not find it), gone on reload or restart.
   */
  returnCode?: { state: "shown"; code: string; expiresAt: number } | { state: "forgotten" };
  /** This youth came back with a code: who they asked for and whether that volunteer is here. */
  returning?: { name: string; availability: VolunteerAvailability };
  /** "leftQueue": they left the queue themselves, and are told so on the start page. */
  notice?: "reload" | "generic" | "slowDown" | "transferring" | "blocked" | "leftQueue";
}

export type YouthAction =
  | { type: "connection"; online: boolean }
  | { type: "status"; status: ServiceStatus }
  | { type: "resumed"; state: YouthState; missed: MessageView[]; closedHere?: boolean }
  | { type: "sessionLost" }
  | {
      type: "joined";
      conversation: YouthConversationView;
      queue: { position: number; estimate: Estimate };
      returning?: { name: string; availability: VolunteerAvailability };
    }
  | { type: "returnCodeTaken"; code: string; expiresAt: number }
  | { type: "returnCodeForgotten" }
  | { type: "queueUpdated"; conversationId: string; position: number; estimate: Estimate }
  | { type: "assigned"; conversation: YouthConversationView }
  | { type: "transferring"; conversationId: string; queued: boolean }
  | { type: "professionalJoined"; conversationId: string }
  | { type: "messageReceived"; message: MessageView }
  /** The answer to conversation:sync, asked for after a gap in the seqs (PROTOCOL.md §5.2). */
  | { type: "synced"; conversationId: string; messages: MessageView[]; lastSeq: number; staffDeliveredSeq: number }
  | { type: "messageQueued"; message: PendingMessage }
  | { type: "messageAcked"; id: string }
  | { type: "messageFailed"; id: string }
  | { type: "messageRetry"; id: string }
  | { type: "typing"; role: Role; typing: boolean }
  | { type: "delivered"; by: Role; upToSeq: number }
  | { type: "ended"; conversationId: string; endedBy: string }
  | { type: "leftQueue" }
  | { type: "feedbackDone" }
  | { type: "restart" }
  | { type: "notice"; notice: YouthModel["notice"] };

export const initialModel = (pending: PendingMessage[] = []): YouthModel => ({
  phase: "loading",
  online: false,
  messages: [],
  pending,
  peerTyping: false,
  deliveredSeq: 0,
  cursor: 0,
  professionalJoined: false,
});

function phaseOf(conversation: YouthConversationView | undefined, status: ServiceStatus | undefined): Phase {
  switch (conversation?.status) {
    case "queued":
      return "waiting";
    case "active":
      return "chatting";
    case "ended":
      return "ended";
    default:
      if (!status) return "loading";
      return status.anyOpen ? "intro" : "closed";
  }
}

/** The highest seq up to which we have every message: what to ask for after a reconnect. */
export function contiguousSeq(messages: readonly MessageView[]): number {
  let seq = 0;
  for (const m of messages) {
    if (m.seq !== seq + 1) break;
    seq = m.seq;
  }
  return seq;
}

/** The cursor moved past every message that directly follows it. */
export function advanceCursor(cursor: number, messages: readonly MessageView[]): number {
  const seqs = new Set(messages.map((m) => m.seq));
  let next = cursor;
  while (seqs.has(next + 1)) next += 1;
  return next;
}

/**
 * Whether this live message shows a gap (a message between the cursor and it never arrived here):
 * then the page asks `conversation:sync` for everything after the returned seq. Undefined: no gap,
 * or not this page's conversation.
 */
export function gapBefore(model: YouthModel, message: MessageView): number | undefined {
  if (!model.conversation || message.conversationId !== model.conversation.id) return undefined;
  return message.seq > model.cursor + 1 ? model.cursor : undefined;
}

const isStaff = (role: Role) => role !== "youth";

/** The page's whole behaviour as a pure function: easy to test, no socket inside. */
export function reduce(model: YouthModel, action: YouthAction): YouthModel {
  switch (action.type) {
    case "connection":
      return { ...model, online: action.online, peerTyping: action.online && model.peerTyping };
    case "status":
      return {
        ...model,
        status: action.status,
        phase:
          model.phase === "loading" || model.phase === "closed" || model.phase === "intro"
            ? phaseOf(model.conversation, action.status)
            : model.phase,
      };
    case "resumed": {
      // A chat this tab already said goodbye to is over: a reload starts afresh.
      if (action.closedHere && action.state.conversation?.status === "ended") {
        return { ...model, conversation: undefined, messages: [], pending: [], phase: phaseOf(undefined, model.status) };
      }
      const conversation = action.state.conversation;
      const messages = mergeBySeq(model.messages, action.missed);
      // A chat that ended while we were away still offers the feedback step, once.
      const phase = conversation ? phaseOf(conversation, model.status) : phaseOf(undefined, model.status);
      return {
        ...model,
        conversation,
        queue: action.state.queue,
        messages,
        deliveredSeq: Math.max(model.deliveredSeq, conversation?.staffDeliveredSeq ?? 0),
        cursor: advanceCursor(
          Math.max(model.conversation?.id === conversation?.id ? model.cursor : 0, contiguousSeq(messages), conversation?.lastSeq ?? 0),
          messages,
        ),
        phase: model.phase === "goodbye" && conversation?.status === "ended" ? "goodbye" : phase,
        professionalJoined: model.professionalJoined || messages.some((m) => m.sender.role === "professional"),
        pending: model.pending.filter((p) => !messages.some((m) => m.id === p.id)),
      };
    }
    case "sessionLost":
      return { ...initialModel(), online: model.online, status: model.status, phase: phaseOf(undefined, model.status) };
    case "joined":
      return {
        ...model,
        conversation: action.conversation,
        queue: action.queue,
        messages: [],
        deliveredSeq: 0,
        cursor: 0,
        phase: "waiting",
        professionalJoined: false,
        returnCode: undefined,
        returning: action.returning,
        notice: model.notice === "leftQueue" ? undefined : model.notice,
      };
    case "returnCodeTaken":
      return { ...model, returnCode: { state: "shown", code: action.code, expiresAt: action.expiresAt } };
    case "returnCodeForgotten":
      // The code leaves memory too: nothing of it stays on the page.
      return { ...model, returnCode: { state: "forgotten" } };
    case "queueUpdated":
      if (model.conversation?.id !== action.conversationId) return model;
      return { ...model, queue: { position: action.position, estimate: action.estimate } };
    case "assigned":
      // Only the conversation this page is in (a stale assignment for another is ignored).
      if (model.conversation && model.conversation.id !== action.conversation.id) return model;
      return {
        ...model,
        conversation: action.conversation,
        queue: undefined,
        phase: "chatting",
        peerTyping: false,
        notice: model.notice === "transferring" ? undefined : model.notice,
      };
    case "professionalJoined":
      return model.conversation?.id === action.conversationId ? { ...model, professionalJoined: true } : model;
    case "transferring":
      // Every message stays; only the peer changes, possibly after a short wait in the queue.
      if (model.conversation?.id !== action.conversationId) return model;
      return {
        ...model,
        notice: "transferring",
        peerTyping: false,
        ...(action.queued && {
          phase: "waiting" as const,
          conversation: { ...model.conversation, status: "queued" as const, peer: undefined },
        }),
      };
    case "messageReceived": {
      if (model.conversation && action.message.conversationId !== model.conversation.id) return model;
      const messages = mergeBySeq(model.messages, [action.message]);
      const fromStaff = isStaff(action.message.sender.role);
      return {
        ...model,
        messages,
        cursor: model.conversation ? advanceCursor(model.cursor, messages) : model.cursor,
        pending: model.pending.filter((p) => p.id !== action.message.id),
        peerTyping: fromStaff ? false : model.peerTyping,
        professionalJoined: model.professionalJoined || action.message.sender.role === "professional",
      };
    }
    case "synced": {
      if (model.conversation?.id !== action.conversationId) return model;
      const messages = mergeBySeq(model.messages, action.messages);
      return {
        ...model,
        messages,
        // Everything up to lastSeq came with this answer, whatever gaps whispers leave.
        cursor: advanceCursor(Math.max(model.cursor, action.lastSeq), messages),
        deliveredSeq: Math.max(model.deliveredSeq, action.staffDeliveredSeq),
        pending: model.pending.filter((p) => !messages.some((m) => m.id === p.id)),
        professionalJoined: model.professionalJoined || messages.some((m) => m.sender.role === "professional"),
      };
    }
    case "messageQueued":
      return { ...model, pending: [...model.pending, action.message] };
    case "messageAcked":
      // The broadcast carries the stored message; until it arrives the bubble stays "sending".
      return model.notice === "slowDown" ? { ...model, notice: undefined } : model;
    case "messageFailed":
      return { ...model, pending: model.pending.map((p) => (p.id === action.id ? { ...p, failed: true } : p)) };
    case "messageRetry":
      return { ...model, pending: model.pending.map((p) => (p.id === action.id ? { ...p, failed: false } : p)) };
    case "typing":
      return isStaff(action.role) ? { ...model, peerTyping: action.typing } : model;
    case "delivered":
      return isStaff(action.by) ? { ...model, deliveredSeq: Math.max(model.deliveredSeq, action.upToSeq) } : model;
    case "ended":
      if (model.conversation?.id !== action.conversationId) return model;
      return {
        ...model,
        conversation: { ...model.conversation, status: model.phase === "waiting" ? "abandoned" : "ended", endedBy: action.endedBy },
        phase: model.phase === "waiting" ? phaseOf(undefined, model.status) : "ended",
        peerTyping: false,
        queue: undefined,
        // Unsent words stay visible, marked as not sent: never vanish silently.
        pending: model.pending.map((p) => ({ ...p, failed: true })),
      };
    case "leftQueue":
      return {
        ...model,
        conversation: undefined,
        queue: undefined,
        messages: [],
        pending: [],
        returning: undefined,
        phase: phaseOf(undefined, model.status),
        notice: "leftQueue",
      };
    case "feedbackDone":
      return { ...model, phase: "goodbye" };
    case "restart":
      return { ...initialModel(), online: model.online, status: model.status, phase: phaseOf(undefined, model.status) };
    case "notice":
      return { ...model, notice: action.notice };
  }
}

/** How a message of mine shows its progress. */
export function deliveryOf(model: YouthModel, message: MessageView): "sent" | "delivered" {
  return message.seq <= model.deliveredSeq ? "delivered" : "sent";
}
