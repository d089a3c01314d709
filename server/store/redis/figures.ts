import type { Millis } from "../../domain/clock";
import type { HourBucket } from "../../domain/figures/buckets";
import type { FigureStore } from "../Store";
import { decodeBucket, encodeBucket } from "./codec";
import type { RedisContext } from "./context";

/** Anonymous hourly buckets per location, rolled up from the events; kept after purges. */
export function redisFigures(ctx: RedisContext): FigureStore {
  return {
    async replaceFigureBuckets(fromHour: Millis, toHour: Millis, buckets: HourBucket[]): Promise<void> {
      // One MULTI on two keys of the {f} slot: a reader sees the old hours or the new, never a gap.
      const tx = ctx.redis.multi().zremrangebyscore(ctx.k.figureBuckets, fromHour, `(${toHour}`);
      if (buckets.length > 0) tx.zadd(ctx.k.figureBuckets, ...buckets.flatMap((b) => [b.hourStart, encodeBucket(b)]));
      tx.set(ctx.k.figuresRolledUpTo, String(toHour));
      const results = await tx.exec();
      const failed = results?.find(([error]) => error);
      if (!results || failed) throw failed?.[0] ?? new Error("replaceFigureBuckets: transaction aborted");
    },
    async listFigureBuckets(fromMs: Millis, toMs: Millis): Promise<HourBucket[]> {
      const members = await ctx.redis.zrangebyscore(ctx.k.figureBuckets, fromMs, `(${toMs}`);
      return members.map(decodeBucket);
    },
    async figuresRolledUpTo(): Promise<Millis> {
      return Number((await ctx.redis.get(ctx.k.figuresRolledUpTo)) ?? 0);
    },
  };
}
