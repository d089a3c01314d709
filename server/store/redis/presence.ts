import type { Presence } from "../../domain/staff";
import type { PresenceStore } from "../Store";
import { decodePresence, pairsToRecord } from "./codec";
import type { RedisContext } from "./context";
import { PUT_PRESENCE, READ_PRESENCES } from "./scripts";

/** Volunteers' status and capacity (their load is derived from the conversations they hold). */
export function redisPresence(ctx: RedisContext): PresenceStore {
  return {
    async putPresence(presence: Omit<Presence, "load">): Promise<Presence> {
      const { staffId, locationId, status, capacity, lastAssignedAt } = presence;
      const since = presence.since ?? 0;
      const args = [staffId, locationId, status, capacity, lastAssignedAt, since];
      const load = await ctx.run(PUT_PRESENCE, { staffId }, args);
      return { staffId, locationId, status, capacity, lastAssignedAt, since, load: Number(load) };
    },
    async getPresence(staffId: string): Promise<Presence | undefined> {
      const [fields, load] = await Promise.all([ctx.redis.hgetall(ctx.k.presence(staffId)), ctx.redis.scard(ctx.k.active(staffId))]);
      return Object.keys(fields).length === 0 ? undefined : decodePresence(fields, load);
    },
    async listPresence(): Promise<Presence[]> {
      const ids = await ctx.redis.smembers(ctx.k.presenceIds);
      if (ids.length === 0) return [];
      const rows = (await ctx.run(READ_PRESENCES, { staffIds: ids }, [])) as [unknown, number][];
      return rows
        .map(([flat, load]) => ({ fields: pairsToRecord(flat), load: Number(load) }))
        .filter(({ fields }) => Object.keys(fields).length > 0)
        .map(({ fields, load }) => decodePresence(fields, load));
    },
  };
}
