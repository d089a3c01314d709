import type {
  Estimate,
  MessageView,
  ServiceStatus,
  VolunteerAvailability,
  YouthConversationView,
  YouthState,
} from "../../../shared/protocol";
import { mergeBySeq } from "../lib/messages";
import { advanceCursor, contiguousSeq, type MessageAction, reduceMessages } from "./chatMessages";

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
  | MessageAction
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

/** The page's whole behaviour as a pure function: easy to test, no socket inside. */
export function reduce(model: YouthModel, action: YouthAction): YouthModel {
  switch (action.type) {
    case "messageReceived":
    case "synced":
    case "messageQueued":
    case "messageAcked":
    case "messageFailed":
    case "messageRetry":
    case "typing":
    case "delivered":
      return reduceMessages(model, action);
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
    case "resumed":
      return resumed(model, action);
    case "sessionLost":
      return { ...initialModel(), online: model.online, status: model.status, phase: phaseOf(undefined, model.status) };
    case "joined":
      return joined(model, action);
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
      return transferring(model, action);
    case "ended":
      return ended(model, action);
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

/** Back on a connection: the server's state of the session, and the messages missed meanwhile. */
function resumed(model: YouthModel, action: Extract<YouthAction, { type: "resumed" }>): YouthModel {
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

/** In the queue now: a fresh chat (a code from the last one is forgotten), maybe a returning youth's. */
function joined(model: YouthModel, action: Extract<YouthAction, { type: "joined" }>): YouthModel {
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
}

/** Handed to a colleague: the messages stay, the page says so calmly, maybe back in the queue a moment. */
function transferring(model: YouthModel, action: Extract<YouthAction, { type: "transferring" }>): YouthModel {
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
}

/** The chat ended (or the wait did): the feedback step, or the start page for one who only waited. */
function ended(model: YouthModel, action: Extract<YouthAction, { type: "ended" }>): YouthModel {
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
}
