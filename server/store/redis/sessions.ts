import type { YouthSession } from "../../domain/conversation";
import type { StaffSession } from "../../domain/staff";
import type { SessionStore } from "../Store";
import { parse, type RedisContext } from "./context";

/** Staff login sessions and anonymous youth sessions. */
export function redisSessions(ctx: RedisContext): SessionStore {
  return {
    async putStaffSession(session: StaffSession, ttlMs: number): Promise<void> {
      const index = ctx.k.staffSessionsOf(session.staffId);
      // Separate commands, not MULTI: the session and its index live in different hash slots. The
      // index outlives its sessions a little (a stale hash only costs a DEL of a key that is gone).
      await Promise.all([
        ctx.redis.set(ctx.k.staffSession(session.sidHash), JSON.stringify(session), "PX", ttlMs),
        ctx.redis.sadd(index, session.sidHash),
      ]);
      if ((await ctx.redis.pttl(index)) < ttlMs) await ctx.redis.pexpire(index, ttlMs);
    },
    async touchStaffSession(session: StaffSession, ttlMs: number): Promise<boolean> {
      // XX: only over a session that is still there, so a touch that read it before a logout's
      // delete cannot write it back. The index already holds it (putStaffSession).
      const written = await ctx.redis.set(ctx.k.staffSession(session.sidHash), JSON.stringify(session), "PX", ttlMs, "XX");
      if (written === null) return false;
      const index = ctx.k.staffSessionsOf(session.staffId);
      if ((await ctx.redis.pttl(index)) < ttlMs) await ctx.redis.pexpire(index, ttlMs);
      return true;
    },
    async getStaffSession(sidHash: string): Promise<StaffSession | undefined> {
      return parse<StaffSession>(await ctx.redis.get(ctx.k.staffSession(sidHash)));
    },
    async deleteStaffSession(sidHash: string): Promise<void> {
      await ctx.redis.del(ctx.k.staffSession(sidHash));
    },
    async deleteStaffSessionsOf(staffId: string): Promise<number> {
      const index = ctx.k.staffSessionsOf(staffId);
      const hashes = await ctx.redis.smembers(index);
      const removed = await Promise.all(hashes.map((h) => ctx.redis.del(ctx.k.staffSession(h))));
      await ctx.redis.del(index);
      return removed.reduce((sum, n) => sum + n, 0);
    },
    async putYouthSession(session: YouthSession, ttlMs: number): Promise<void> {
      await ctx.redis.set(ctx.k.youthSession(session.tokenHash), JSON.stringify(session), "PX", ttlMs);
    },
    async getYouthSession(tokenHash: string): Promise<YouthSession | undefined> {
      return parse<YouthSession>(await ctx.redis.get(ctx.k.youthSession(tokenHash)));
    },
    async deleteYouthSession(tokenHash: string): Promise<void> {
      await ctx.redis.del(ctx.k.youthSession(tokenHash));
    },
  };
}
