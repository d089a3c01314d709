import { type AccessEntry, type AccessQuery, matchesAccessQuery } from "../../domain/access/accessRecord";
import type { SecondFactor } from "../../domain/access/secondFactor";
import type { Millis } from "../../domain/clock";
import type { AccessLogStore, SecondFactorStore } from "../slices/access";
import { ACCEPT_TOTP_STEP, APPEND_ACCESS, PURGE_ACCESS, PUT_SECOND_FACTOR } from "./accessScripts";
import type { RedisClient } from "./connect";
import type { RedisKeys } from "./keys";
import type { LuaScript } from "./scripts";

/** Second factors (`{sf:<staffId>}`) and the access record (`{a}`) on Redis. */
export class RedisAccessSlice implements SecondFactorStore, AccessLogStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly k: RedisKeys,
  ) {}

  async putSecondFactor(r: SecondFactor): Promise<void> {
    await this.run(PUT_SECOND_FACTOR, { staffId: r.staffId }, [r.secret, r.enrolledAt, r.lastStep, ...r.recoveryCodeHashes]);
  }
  async getSecondFactor(staffId: string): Promise<SecondFactor | undefined> {
    const [fields, codes] = await Promise.all([
      this.redis.hgetall(this.k.secondFactor(staffId)),
      this.redis.smembers(this.k.recoveryCodes(staffId)),
    ]);
    if (!fields.secret) return undefined;
    return {
      staffId,
      secret: fields.secret,
      enrolledAt: Number(fields.enrolledAt),
      lastStep: Number(fields.lastStep),
      recoveryCodeHashes: codes,
    };
  }
  async deleteSecondFactor(staffId: string): Promise<boolean> {
    // One slot ({sf:<id>}), so one DEL of both keys is fine on a cluster.
    return (await this.redis.del(this.k.secondFactor(staffId), this.k.recoveryCodes(staffId))) > 0;
  }
  async acceptTotpStep(staffId: string, step: number): Promise<boolean> {
    return (await this.run(ACCEPT_TOTP_STEP, { staffId }, [step])) === 1;
  }
  async useRecoveryCode(staffId: string, codeHash: string): Promise<boolean> {
    return (await this.redis.srem(this.k.recoveryCodes(staffId), codeHash)) === 1;
  }

  async appendAccess(entry: AccessEntry): Promise<void> {
    const ids = { staffId: entry.staffId, locationId: entry.locationId };
    await this.run(APPEND_ACCESS, ids, [entry.at, JSON.stringify(entry), `s:${entry.staffId}`, `l:${entry.locationId}`]);
  }
  async listAccess(q: AccessQuery): Promise<AccessEntry[]> {
    // Narrow by the most selective index: the reader's, else each location's, else the date index.
    const indexes =
      q.staffId !== undefined
        ? [this.k.accessByStaff(q.staffId)]
        : q.locationIds === "all"
          ? [this.k.accessEntries]
          : q.locationIds.map((l) => this.k.accessByLocation(l));
    const lists = await Promise.all(indexes.map((key) => this.redis.zrevrangebyscore(key, `(${q.to}`, q.from, "LIMIT", 0, q.limit)));
    return lists
      .flat()
      .map((json) => JSON.parse(json) as AccessEntry)
      .filter((e) => matchesAccessQuery(e, q))
      .sort((a, b) => b.at - a.at)
      .slice(0, q.limit);
  }
  async purgeAccessBefore(before: Millis): Promise<number> {
    const indexes = await this.redis.smembers(this.k.accessIndexes);
    return Number(await this.run(PURGE_ACCESS, { indexes }, [before, ...indexes]));
  }

  private async run<Ids>(script: LuaScript<Ids>, ids: Ids, args: (string | number)[]): Promise<unknown> {
    const keys = script.keys(this.k, ids);
    try {
      return await this.redis.evalsha(script.sha, keys.length, ...keys, ...args);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith("NOSCRIPT")) throw err;
      return await this.redis.eval(script.lua, keys.length, ...keys, ...args);
    }
  }
}
