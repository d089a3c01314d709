import type { Millis } from "../../domain/clock";
import { MAX_SHIFT_MS, type Shift } from "../../domain/roster/roster";
import type { Invite } from "../../domain/staff";
import type { RosterStore } from "../Store";
import { parse, type RedisContext } from "./context";

/** Planned shifts and staff invites. */
export function redisRoster(ctx: RedisContext): RosterStore {
  return {
    async putShift(shift: Shift): Promise<void> {
      await ctx.redis.multi().hset(ctx.k.shifts, shift.id, JSON.stringify(shift)).zadd(ctx.k.shiftsByStart, shift.start, shift.id).exec();
    },
    async getShift(id: string): Promise<Shift | undefined> {
      return parse<Shift>(await ctx.redis.hget(ctx.k.shifts, id));
    },
    async deleteShift(id: string): Promise<boolean> {
      const replies = await ctx.redis.multi().hdel(ctx.k.shifts, id).zrem(ctx.k.shiftsByStart, id).exec();
      return Number(replies?.[0]?.[1] ?? 0) > 0;
    },
    async listShifts(from: Millis, to: Millis): Promise<Shift[]> {
      // A shift that overlaps the range started at most MAX_SHIFT_MS before it.
      const ids = await ctx.redis.zrangebyscore(ctx.k.shiftsByStart, from - MAX_SHIFT_MS, `(${to}`);
      if (ids.length === 0) return [];
      const found = (await ctx.redis.hmget(ctx.k.shifts, ...ids)).flatMap((json) => (json ? [JSON.parse(json) as Shift] : []));
      return found.filter((s) => s.end > from).sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1));
    },
    async putInvite(invite: Invite, ttlMs: number): Promise<void> {
      await ctx.redis.set(ctx.k.invite(invite.tokenHash), JSON.stringify(invite), "PX", ttlMs);
    },
    async getInvite(tokenHash: string): Promise<Invite | undefined> {
      return parse<Invite>(await ctx.redis.get(ctx.k.invite(tokenHash)));
    },
    async takeInvite(tokenHash: string): Promise<Invite | undefined> {
      return parse<Invite>(await ctx.redis.getdel(ctx.k.invite(tokenHash)));
    },
  };
}
