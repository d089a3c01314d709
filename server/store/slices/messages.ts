import type { Message } from "../../domain/conversation";

export type AppendResult = { message: Message; duplicate: boolean };

/** The transcript of one conversation. */
export interface MessageStore {
  /**
   * Atomic and idempotent on `message.id`: the first append stores the message with the next seq;
   * a repeat returns the stored message with `duplicate: true` and changes nothing.
   */
  appendMessage(message: Omit<Message, "seq">): Promise<AppendResult>;
  /** Messages with seq greater than `afterSeq`, oldest first. */
  listMessages(conversationId: string, afterSeq: number): Promise<Message[]>;
}
