import type { CoordinationStore } from "../Store";
import type { RedisContext } from "./context";
import { LEASE, RELEASE_LEASE } from "./scripts";

/** Leases for periodic jobs, health and lifecycle of the backing store. */
export function redisCoordination(ctx: RedisContext): CoordinationStore {
  return {
    async tryLease(name: string, owner: string, ttlMs: number): Promise<boolean> {
      return (await ctx.run(LEASE, { name }, [owner, ttlMs])) === 1;
    },
    async releaseLease(name: string, owner: string): Promise<void> {
      await ctx.run(RELEASE_LEASE, { name }, [owner]);
    },
    async ping(): Promise<void> {
      // A write, not PING: with noeviction, a full Redis answers PING and refuses every SET.
      await ctx.redis.set(ctx.k.readyProbe, "1", "PX", 10_000);
    },
    async memoryUse(): Promise<{ usedBytes: number; maxBytes: number } | undefined> {
      const info = await ctx.redis.info("memory");
      const field = (name: string) => Number(new RegExp(`^${name}:(\\d+)`, "m").exec(info)?.[1] ?? Number.NaN);
      const usedBytes = field("used_memory");
      const maxBytes = field("maxmemory");
      return Number.isFinite(usedBytes) && Number.isFinite(maxBytes) ? { usedBytes, maxBytes } : undefined;
    },
    async close(): Promise<void> {
      await ctx.redis.quit();
    },
  };
}
