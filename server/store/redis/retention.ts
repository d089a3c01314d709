import type { Millis } from "../../domain/clock";
import type { EscalationStore, RetentionStore } from "../Store";
import type { RedisContext } from "./context";
import { PURGE_ESCALATIONS_OF } from "./scripts";

/** The retention index and escalations by conversation. */
export function redisRetention(ctx: RedisContext, escalations: Pick<EscalationStore, "listEscalations">): RetentionStore {
  return {
    // Retention index and escalations by conversation (see RetentionStore.ts) --------------------------
    async listEndedBefore(before: Millis, limit: number): Promise<string[]> {
      return ctx.redis.zrangebyscore(ctx.k.endedConversations, "-inf", `(${before}`, "LIMIT", 0, limit);
    },
    async forgetEnded(conversationIds: string[]): Promise<void> {
      if (conversationIds.length > 0) await ctx.redis.zrem(ctx.k.endedConversations, ...conversationIds);
    },
    async purgeEscalationsOf(conversationId: string): Promise<number> {
      // The index, plus the unresolved set for escalations raised before the index existed.
      const [indexed, unresolved] = await Promise.all([
        ctx.redis.smembers(ctx.k.escalationsOf(conversationId)),
        escalations.listEscalations(),
      ]);
      const ids = [...new Set([...indexed, ...unresolved.filter((e) => e.conversationId === conversationId).map((e) => e.id)])];
      return Number(await ctx.run(PURGE_ESCALATIONS_OF, { conversationId, escalationIds: ids }, [conversationId, ...ids]));
    },
  };
}
