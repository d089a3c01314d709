import type { AbuseStore } from "../Store";
import type { RedisContext } from "./context";

/** Blocks, by keyed hashes of a session, a browser or a network. */
export function redisAbuse(ctx: RedisContext): AbuseStore {
  return {
    async block(keys: string[], ttlMs: number): Promise<void> {
      const px = Math.floor(ttlMs);
      if (!(px > 0)) return; // a block that is already over; PX must be a positive integer
      // One single-key SET per value: a multi-key command would cross slots on a cluster.
      await Promise.all(keys.map((key) => ctx.redis.set(ctx.k.block(key), "1", "PX", px)));
    },
    async isBlocked(keys: string[]): Promise<boolean> {
      const found = await Promise.all(keys.map((key) => ctx.redis.exists(ctx.k.block(key))));
      return found.some((n) => n > 0);
    },
  };
}
