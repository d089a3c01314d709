import type { MessageView, Role } from "../../../shared/protocol";
import { mergeBySeq } from "../lib/messages";
import type { PendingMessage, YouthModel } from "./machine";

/** What happens to the chat's messages: staff's arriving, the youth's own going out, marks and gaps. */
export type MessageAction =
  | { type: "messageReceived"; message: MessageView }
  /** The answer to conversation:sync, asked for after a gap in the seqs (PROTOCOL.md §5.2). */
  | { type: "synced"; conversationId: string; messages: MessageView[]; lastSeq: number; staffDeliveredSeq: number }
  | { type: "messageQueued"; message: PendingMessage }
  | { type: "messageAcked"; id: string }
  | { type: "messageFailed"; id: string }
  | { type: "messageRetry"; id: string }
  | { type: "typing"; role: Role; typing: boolean }
  | { type: "delivered"; by: Role; upToSeq: number };

const isStaff = (role: Role) => role !== "youth";

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

/** The messages of the page's chat as a pure function of what arrived and what the youth sent. */
export function reduceMessages(model: YouthModel, action: MessageAction): YouthModel {
  switch (action.type) {
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
  }
}

/** How a message of mine shows its progress. */
export function deliveryOf(model: YouthModel, message: MessageView): "sent" | "delivered" {
  return message.seq <= model.deliveredSeq ? "delivered" : "sent";
}
