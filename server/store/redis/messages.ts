import type { Message } from "../../domain/conversation";
import type { AppendResult, MessageStore } from "../Store";
import { decodeMessage } from "./codec";
import type { RedisContext } from "./context";
import { APPEND_MESSAGE } from "./scripts";

/** The transcript of one conversation. */
export function redisMessages(ctx: RedisContext): MessageStore {
  return {
    async appendMessage(message: Omit<Message, "seq">): Promise<AppendResult> {
      const { seq: _ignored, ...withoutSeq } = message as Message;
      const { conversationId } = message;
      const reply = await ctx.run(APPEND_MESSAGE, { conversationId }, [message.id, JSON.stringify(withoutSeq)]);
      const [duplicate, seq, json] = reply as [number, number, string];
      return { message: decodeMessage(json, seq), duplicate: duplicate === 1 };
    },
    async listMessages(conversationId: string, afterSeq: number): Promise<Message[]> {
      const flat = await ctx.redis.zrangebyscore(ctx.k.messages(conversationId), `(${afterSeq}`, "+inf", "WITHSCORES");
      const messages: Message[] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) messages.push(decodeMessage(flat[i]!, flat[i + 1]!));
      return messages;
    },
  };
}
