import type { EscalationView, MessageView, PeerView, Role, StaffConversationView } from "../../../shared/protocol";
import { mergeBySeq } from "../lib/messages";

/** One open chat in the console. */
export interface ChatState {
  view: StaffConversationView;
  messages: MessageView[];
  unread: number;
  youthTyping: boolean;
  /** This chat's unresolved escalations by id; the newest drives the status line. */
  escalations: Record<string, EscalationView>;
  escalation?: EscalationView;
  /** The risk scorer flagged a youth message: the volunteer is prompted until they act on it. */
  risk?: { level: "concern" | "high"; at: number };
  /** Nobody acknowledged (or nobody is on duty) any call about the youth: the crisis protocol shows. */
  crisisProtocol: boolean;
  /** The volunteer closed the protocol; a new unrouted call opens it again. */
  protocolClosed: boolean;
  /** When the youth last wrote, for "last message 4 min ago". */
  lastYouthAt?: number;
  /**
   * The chat is over for me, but stays on screen until I close it, saying why: it ended (how, by
   * whom) or a professional took it over. It never just vanishes.
   */
  closed?: { kind: "ended"; by: string; reason: string } | { kind: "taken-over"; to?: PeerView };
}

/** What the server or the volunteer did to one chat, whichever chat it is. */
export type ChatAction =
  | { type: "history"; conversationId: string; messages: MessageView[] }
  | { type: "message"; message: MessageView; visible: boolean }
  | { type: "typing"; conversationId: string; role: Role; typing: boolean }
  | { type: "delivered"; conversationId: string; by: Role; upToSeq: number }
  | { type: "note"; conversationId: string; note: string }
  | { type: "ended"; conversationId: string; endedBy?: string; reason?: string }
  | { type: "escalation"; escalation: EscalationView; unrouted?: boolean }
  | { type: "risk"; conversationId: string; level: "concern" | "high"; at: number }
  | { type: "dismissRisk"; conversationId: string }
  | { type: "closeProtocol"; conversationId: string };

/** The chat an action is about; an escalation without a conversation (a debrief) is about none. */
export function chatOf(action: ChatAction): string | undefined {
  if (action.type === "message") return action.message.conversationId;
  if (action.type === "escalation") return action.escalation.conversationId;
  return action.conversationId;
}

/** A chat as it opens: nothing read yet, nothing flagged. */
export function newChat(view: StaffConversationView): ChatState {
  return { view, messages: [], unread: 0, youthTyping: false, escalations: {}, crisisProtocol: false, protocolClosed: false };
}

const lastYouthAt = (messages: readonly MessageView[]) => messages.filter((m) => m.sender.role === "youth").at(-1)?.sentAt;

/** One chat's state as a pure function of what happened to it. */
export function reduceChat(c: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case "history": {
      const messages = mergeBySeq(c.messages, action.messages);
      return { ...c, messages, lastYouthAt: lastYouthAt(messages) };
    }
    case "message": {
      const messages = mergeBySeq(c.messages, [action.message]);
      const fromYouth = action.message.sender.role === "youth";
      const isNew = !c.messages.some((m) => m.seq === action.message.seq);
      return {
        ...c,
        messages,
        view: { ...c.view, lastSeq: Math.max(c.view.lastSeq, action.message.seq) },
        unread: fromYouth && isNew && !action.visible ? c.unread + 1 : c.unread,
        youthTyping: fromYouth ? false : c.youthTyping,
        lastYouthAt: lastYouthAt(messages),
      };
    }
    case "typing":
      return action.role === "youth" ? { ...c, youthTyping: action.typing } : c;
    case "delivered":
      return action.by === "youth"
        ? { ...c, view: { ...c.view, youthDeliveredSeq: Math.max(c.view.youthDeliveredSeq, action.upToSeq) } }
        : c;
    case "note":
      return { ...c, view: { ...c.view, note: action.note } };
    case "ended":
      return {
        ...c,
        view: {
          ...c.view,
          status: "ended",
          ...(action.endedBy && { endedBy: action.endedBy }),
          ...(action.reason && { endReason: action.reason }),
        },
        youthTyping: false,
        crisisProtocol: false,
        risk: undefined,
        closed: c.closed ?? { kind: "ended", by: action.endedBy ?? "system", reason: action.reason ?? "ended" },
      };
    case "escalation": {
      const e = action.escalation;
      const { [e.id]: _old, ...rest } = c.escalations;
      const escalations = e.status === "resolved" ? rest : { ...rest, [e.id]: e };
      const newlyUnrouted = Boolean(action.unrouted) || (e.unroutedAt !== undefined && c.escalations[e.id]?.unroutedAt === undefined);
      const protocolClosed = newlyUnrouted ? false : c.protocolClosed;
      return { ...c, escalations, escalation: e, protocolClosed, crisisProtocol: !protocolClosed && needsProtocol(escalations) };
    }
    case "risk":
      // A lower flag never hides a higher one; a new high flag replaces the old one (its time), so the
      // risk signals (riskAttention.ts) sound again for it.
      return c.risk?.level === "high" && action.level !== "high" ? c : { ...c, risk: { level: action.level, at: action.at } };
    case "dismissRisk":
      return { ...c, risk: undefined };
    case "closeProtocol":
      return { ...c, crisisProtocol: false, protocolClosed: true };
  }
}

/** The crisis protocol is needed while a call about the youth is open and nobody could be reached. */
function needsProtocol(escalations: Record<string, EscalationView>): boolean {
  return Object.values(escalations).some((e) => e.status === "open" && e.unroutedAt !== undefined && e.source !== "debrief");
}

/** The chat's unresolved escalation that is not a debrief, if any: there is one per conversation. */
export function openEscalation(chat: ChatState): EscalationView | undefined {
  return Object.values(chat.escalations).find((e) => e.status !== "resolved" && e.source !== "debrief");
}

/** The highest seq up to which every message is held (staff see every seq, whispers included). */
export function lastContiguousSeq(messages: readonly MessageView[]): number {
  const seqs = new Set(messages.map((m) => m.seq));
  let seq = 0;
  while (seqs.has(seq + 1)) seq += 1;
  return seq;
}

/**
 * Whether a live message shows a gap in what is held (a broadcast lost with a server process):
 * then the console asks `conversation:sync` for everything after the returned seq (PROTOCOL.md
 * §5.2). Undefined: no gap.
 */
export function gapBefore(messages: readonly MessageView[], message: MessageView): number | undefined {
  const held = lastContiguousSeq(messages);
  return message.seq > held + 1 ? held : undefined;
}
