import type { Millis } from "../../domain/clock";
import type { DomainEvent, StoredEvent } from "../../domain/domainEvents";
import { type EventStore, SERVICE_TIME_WINDOW } from "../Store";
import type { RedisContext } from "./context";
import { APPEND_EVENT } from "./scripts";

/** The anonymous domain events the figures are made of, and recent chat lengths for the wait estimate. */
export function redisEvents(ctx: RedisContext): EventStore {
  return {
    async appendEvent(event: DomainEvent): Promise<void> {
      const json = JSON.stringify(event);
      // The log and the conversation's own index live in different slots: two commands, sent together.
      await Promise.all([
        ctx.run(APPEND_EVENT, {}, [event.at, json]),
        event.conversationId ? ctx.redis.rpush(ctx.k.conversationEvents(event.conversationId), json) : undefined,
      ]);
    },
    async purgeEventsBefore(before: Millis): Promise<number> {
      return ctx.redis.zremrangebyscore(ctx.k.events, "-inf", `(${before}`);
    },
    async listEventsOf(conversationId: string): Promise<StoredEvent[]> {
      const list = await ctx.redis.lrange(ctx.k.conversationEvents(conversationId), 0, -1);
      return list.map((json) => JSON.parse(json) as StoredEvent);
    },
    async listEvents(sinceMs: Millis): Promise<StoredEvent[]> {
      const members = await ctx.redis.zrangebyscore(ctx.k.events, sinceMs, "+inf");
      return members.map((m) => JSON.parse(m.slice(m.indexOf("|") + 1)) as DomainEvent);
    },
    async recordServiceTime(durationMs: number, at: Millis): Promise<void> {
      // Two single-key commands: a reader between them sees one extra entry, which LRANGE cuts off.
      await ctx.redis.lpush(ctx.k.serviceTimes, JSON.stringify({ durationMs, at }));
      await ctx.redis.ltrim(ctx.k.serviceTimes, 0, SERVICE_TIME_WINDOW - 1);
    },
    async recentServiceTimes(): Promise<{ durationMs: number; at: Millis }[]> {
      const list = await ctx.redis.lrange(ctx.k.serviceTimes, 0, SERVICE_TIME_WINDOW - 1);
      return list.map((json) => JSON.parse(json) as { durationMs: number; at: Millis });
    },
  };
}
