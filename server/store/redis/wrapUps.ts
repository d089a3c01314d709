import type { Millis } from "../../domain/clock";
import type { WrapUp } from "../../domain/wrapUp";
import type { WrapUpStore } from "../Store";
import type { RedisContext } from "./context";
import { PUT_WRAP_UP, READ_WRAP_UPS } from "./scripts";

/** Wrap-ups owed and filed. */
export function redisWrapUps(ctx: RedisContext): WrapUpStore {
  return {
    async addWrapUpTodo(staffId: string, conversationId: string): Promise<void> {
      await ctx.redis.sadd(ctx.k.wrapUpTodo(staffId), conversationId);
    },
    async listWrapUpTodo(staffId: string): Promise<string[]> {
      return await ctx.redis.smembers(ctx.k.wrapUpTodo(staffId));
    },
    async putWrapUp(wrapUp: WrapUp): Promise<void> {
      const key = wrapUp.conversationId ?? wrapUp.id;
      const args = [key, JSON.stringify(wrapUp), wrapUp.at, wrapUp.conversationId ?? ""];
      await ctx.run(PUT_WRAP_UP, { staffId: wrapUp.staffId }, args);
    },
    async listWrapUps(sinceMs: Millis): Promise<WrapUp[]> {
      const list = (await ctx.run(READ_WRAP_UPS, {}, [sinceMs])) as (string | null)[];
      return list.filter((json): json is string => json !== null).map((json) => JSON.parse(json) as WrapUp);
    },
  };
}
