import type { Redis } from "ioredis";
import type { Store } from "../Store";
import { accessMethods } from "../slices/access";
import { redisAbuse } from "./abuse";
import type { RedisClient } from "./connect";
import { RedisContext } from "./context";
import { redisConversations } from "./conversations";
import { redisCoordination } from "./coordination";
import { redisDebriefs } from "./debriefs";
import { redisDirectory } from "./directory";
import { redisEscalations } from "./escalations";
import { redisEvents } from "./events";
import { redisFigures } from "./figures";
import { redisMessages } from "./messages";
import { redisPresence } from "./presence";
import { redisPush } from "./push";
import { RedisAccessSlice } from "./RedisAccessSlice";
import { redisRetention } from "./retention";
import { redisReturnCodes } from "./returnCodes";
import { redisRoster } from "./roster";
import { redisSessions } from "./sessions";
import { redisWrapUps } from "./wrapUps";

/**
 * The shared store for several server processes, one module per slice over one connection. Atomic
 * operations are Lua scripts whose keys share one hash slot (see keys.ts), so the layout works
 * unchanged on Redis Cluster. Reads that span slots (a conversation and its message counter) are
 * separate commands, never MULTI. Takes over `redis`: `close()` quits it.
 */
export function createRedisStore(redis: RedisClient, options: { prefix: string }): Store {
  const ctx = new RedisContext(redis, options.prefix);
  const access = new RedisAccessSlice(redis, ctx.k);
  const escalations = redisEscalations(ctx);
  return {
    ...redisDirectory(ctx),
    ...redisSessions(ctx),
    ...redisConversations(ctx),
    ...redisMessages(ctx),
    ...redisPresence(ctx),
    ...redisWrapUps(ctx),
    ...escalations,
    ...redisAbuse(ctx),
    ...redisReturnCodes(ctx),
    ...redisEvents(ctx),
    ...redisFigures(ctx),
    ...redisRoster(ctx),
    ...redisPush(ctx),
    ...redisDebriefs(ctx),
    ...redisCoordination(ctx),
    ...redisRetention(ctx, escalations),
    ...accessMethods(access),
  };
}

/**
 * Deletes every key under `prefix` (tests, demo resets). SCAN plus one UNLINK per key, because a
 * multi-key UNLINK would cross slots on a cluster.
 */
export async function destroyRedisPrefix(redis: Redis, prefix: string): Promise<void> {
  if (prefix === "") throw new Error("destroyRedisPrefix: refusing an empty prefix (would delete everything)");
  const pattern = `${prefix.replace(/[*?[\]\\]/g, "\\$&")}*`;
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 500);
    cursor = next;
    await Promise.all(keys.map((key) => redis.unlink(key)));
  } while (cursor !== "0");
}
