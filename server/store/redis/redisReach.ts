import type { ClaimDebriefResult, Debrief, DebriefMessage } from "../../domain/debrief/debrief";
import { MAX_SUBSCRIPTIONS_PER_OWNER, type PushSubscriptionRecord } from "../../domain/push/push";
import { pairsToRecord } from "./codec";
import type { RedisClient } from "./connect";
import type { RedisKeys } from "./keys";
import { APPEND_DEBRIEF_MESSAGE, CLAIM_DEBRIEF, CLOSE_DEBRIEF, CREATE_DEBRIEF, PURGE_DEBRIEF } from "./reachScripts";
import type { LuaScript } from "./scripts";

type Run = <Ids>(script: LuaScript<Ids>, ids: Ids, args: (string | number)[]) => Promise<unknown>;

const NUMBER_FIELDS = ["requestedAt", "claimedAt", "closedAt", "lastSeq"] as const;

function encodeDebrief(d: Debrief): string[] {
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(d)) if (value !== undefined) pairs.push(key, String(value));
  return pairs;
}

function decodeDebrief(fields: Record<string, string>): Debrief {
  const d: Record<string, string | number> = { ...fields };
  for (const key of NUMBER_FIELDS) if (fields[key] !== undefined) d[key] = Number(fields[key]);
  return d as unknown as Debrief;
}

/**
 * The Redis store's push subscriptions and debriefs, kept beside RedisStore so that file stays about
 * chats. A subscription list is one hash per owner; debriefs share the `{db}` slot with their threads.
 */
export class RedisReach {
  constructor(
    private readonly redis: RedisClient,
    private readonly k: RedisKeys,
    private readonly run: Run,
  ) {}

  async putPushSubscription(owner: string, subscription: PushSubscriptionRecord, ttlMs?: number): Promise<void> {
    const key = this.k.pushSubscriptions(owner);
    await this.redis.hset(key, subscription.endpoint, JSON.stringify(subscription));
    if (ttlMs !== undefined) await this.redis.pexpire(key, ttlMs);
    const all = await this.listPushSubscriptions(owner);
    // Oldest devices go first once there are too many.
    const extra = all.sort((a, b) => a.createdAt - b.createdAt).slice(0, Math.max(0, all.length - MAX_SUBSCRIPTIONS_PER_OWNER));
    if (extra.length > 0) await this.redis.hdel(key, ...extra.map((s) => s.endpoint));
  }
  async listPushSubscriptions(owner: string): Promise<PushSubscriptionRecord[]> {
    return (await this.redis.hvals(this.k.pushSubscriptions(owner))).map((json) => JSON.parse(json) as PushSubscriptionRecord);
  }
  async deletePushSubscription(owner: string, endpoint: string): Promise<boolean> {
    return (await this.redis.hdel(this.k.pushSubscriptions(owner), endpoint)) > 0;
  }
  async deletePushSubscriptionsOf(owner: string): Promise<number> {
    const key = this.k.pushSubscriptions(owner);
    const n = await this.redis.hlen(key);
    await this.redis.del(key);
    return n;
  }

  async createDebrief(debrief: Debrief): Promise<void> {
    await this.run(CREATE_DEBRIEF, { debriefId: debrief.id }, [debrief.id, ...encodeDebrief(debrief)]);
  }
  async getDebrief(id: string): Promise<Debrief | undefined> {
    const fields = await this.redis.hgetall(this.k.debrief(id));
    return Object.keys(fields).length === 0 ? undefined : decodeDebrief(fields);
  }
  async listDebriefs(): Promise<Debrief[]> {
    const ids = await this.redis.smembers(this.k.debriefIds);
    const found = await Promise.all(ids.map((id) => this.getDebrief(id)));
    return found.filter((d): d is Debrief => d !== undefined);
  }
  async claimDebrief(id: string, staffId: string, now: number): Promise<ClaimDebriefResult> {
    const [status, fields] = (await this.run(CLAIM_DEBRIEF, { debriefId: id }, [staffId, now])) as [string, unknown];
    if (status !== "ok") return { ok: false, reason: status as "not_found" | "not_open" };
    return { ok: true, debrief: decodeDebrief(pairsToRecord(fields)) };
  }
  async closeDebrief(id: string, now: number): Promise<Debrief | undefined> {
    const fields = await this.run(CLOSE_DEBRIEF, { debriefId: id }, [now]);
    return fields ? decodeDebrief(pairsToRecord(fields)) : undefined;
  }
  async appendDebriefMessage(message: Omit<DebriefMessage, "seq">): Promise<{ message: DebriefMessage; duplicate: boolean } | undefined> {
    const reply = (await this.run(APPEND_DEBRIEF_MESSAGE, { debriefId: message.debriefId }, [message.id, JSON.stringify(message)])) as [
      string,
      number | string,
      string?,
    ];
    if (reply[0] === "missing") return undefined;
    if (reply[0] === "dup")
      return { message: { ...(JSON.parse(reply[2]!) as Omit<DebriefMessage, "seq">), seq: Number(reply[1]) }, duplicate: true };
    return { message: { ...message, seq: Number(reply[1]) }, duplicate: false };
  }
  async listDebriefMessages(debriefId: string): Promise<DebriefMessage[]> {
    const flat = await this.redis.zrange(this.k.debriefThread(debriefId), "0", "-1", "WITHSCORES");
    const out: DebriefMessage[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2)
      out.push({ ...(JSON.parse(flat[i]!) as Omit<DebriefMessage, "seq">), seq: Number(flat[i + 1]) });
    return out;
  }
  async purgeDebrief(id: string): Promise<boolean> {
    return Number(await this.run(PURGE_DEBRIEF, { debriefId: id }, [id])) > 0;
  }
}
