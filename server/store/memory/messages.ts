import type { Message } from "../../domain/conversation";
import type { AppendResult, MessageStore } from "../Store";
import type { MemoryState } from "./state";

/**
 * The transcript of one conversation. In memory: no method awaits, so each is atomic on Node's one
 * thread.
 */
export function memoryMessages(state: MemoryState): MessageStore {
  return {
    async appendMessage(message: Omit<Message, "seq">): Promise<AppendResult> {
      const ids = state.messageIds.get(message.conversationId) ?? new Map<string, number>();
      const list = state.messages.get(message.conversationId) ?? [];
      const existing = ids.get(message.id);
      if (existing !== undefined) return { message: { ...list[existing - 1]! }, duplicate: true };
      const stored: Message = { ...message, seq: list.length + 1 };
      list.push(stored);
      ids.set(message.id, stored.seq);
      state.messages.set(message.conversationId, list);
      state.messageIds.set(message.conversationId, ids);
      const c = state.conversations.get(message.conversationId);
      if (c) c.lastSeq = stored.seq;
      return { message: { ...stored }, duplicate: false };
    },
    async listMessages(conversationId: string, afterSeq: number): Promise<Message[]> {
      return (state.messages.get(conversationId) ?? []).slice(afterSeq).map((m) => ({ ...m }));
    },
  };
}
