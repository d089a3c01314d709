import type { Millis } from "../../domain/clock";
import type { Duty, Escalation } from "../../domain/escalation/escalation";
import type { ClaimEscalationResult, EscalationStore, OpenEscalationResult } from "../Store";
import { decodeEscalation, encodeEscalation, pairsToRecord } from "./codec";
import { ESCALATION_ATTEMPTS, type RedisContext } from "./context";
import {
  CLAIM_ESCALATION,
  CREATE_ESCALATION,
  OPEN_ESCALATION,
  READ_ESCALATIONS,
  RECORD_OFFER,
  RELEASE_ESCALATION,
  RESOLVE_ESCALATION,
} from "./scripts";

/** Professionals on duty, escalations to them, and the chats they read along with. */
export function redisEscalations(ctx: RedisContext): EscalationStore {
  const self: EscalationStore = {
    async putDuty(duty: Duty): Promise<void> {
      await ctx.redis.hset(ctx.k.duty, duty.staffId, JSON.stringify(duty));
    },
    async removeDuty(staffId: string): Promise<void> {
      await ctx.redis.hdel(ctx.k.duty, staffId);
    },
    async listDuty(): Promise<Duty[]> {
      return (await ctx.redis.hvals(ctx.k.duty)).map((json) => JSON.parse(json) as Duty);
    },
    async createEscalation(escalation: Escalation): Promise<void> {
      const { id, status } = escalation;
      const indexed = escalation.source === "debrief" ? "0" : "1";
      await ctx.run(
        CREATE_ESCALATION,
        { escalationId: id, ...(escalation.conversationId && { conversationId: escalation.conversationId }) },
        [id, status, escalation.conversationId ?? "", indexed, ...encodeEscalation(escalation)],
      );
    },
    async openEscalation(escalation: Escalation): Promise<OpenEscalationResult> {
      const { id, conversationId } = escalation;
      if (!conversationId || escalation.source === "debrief") {
        await self.createEscalation(escalation);
        return { escalation, created: true, raised: false };
      }
      for (let attempt = 0; attempt < ESCALATION_ATTEMPTS; attempt++) {
        const existingId = (await ctx.redis.hget(ctx.k.escalationByConversation, conversationId)) ?? undefined;
        const args = [
          id,
          conversationId,
          existingId ?? "",
          escalation.level,
          JSON.stringify(escalation.signals ?? []),
          escalation.note ?? "",
          escalation.raisedAt,
        ];
        const reply = (await ctx.run(OPEN_ESCALATION, { escalationId: id, existingId, conversationId }, [
          ...args,
          ...encodeEscalation(escalation),
        ])) as unknown[];
        const status = reply[0] as string;
        if (status === "retry") continue;
        if (status === "created") return { escalation: decodeEscalation(pairsToRecord(reply[1])), created: true, raised: false };
        return { escalation: decodeEscalation(pairsToRecord(reply[2])), created: false, raised: Number(reply[1]) === 1 };
      }
      throw new Error(`openEscalation(${conversationId}): the conversation's escalation kept changing`);
    },
    async getEscalation(id: string): Promise<Escalation | undefined> {
      const fields = await ctx.redis.hgetall(ctx.k.escalation(id));
      return Object.keys(fields).length === 0 ? undefined : decodeEscalation(fields);
    },
    async listEscalations(): Promise<Escalation[]> {
      const ids = await ctx.redis.smembers(ctx.k.unresolvedEscalations);
      if (ids.length === 0) return [];
      const hashes = (await ctx.run(READ_ESCALATIONS, { escalationIds: ids }, [])) as unknown[];
      return (
        hashes
          .map((flat) => pairsToRecord(flat))
          .filter((fields) => Object.keys(fields).length > 0)
          .map((fields) => decodeEscalation(fields))
          // One resolved between SMEMBERS and the read is no longer listed.
          .filter((e) => e.status !== "resolved")
      );
    },
    async recordOffer(id: string, offer: { offeredTo: string[]; offeredAt: number; unroutedAt?: number }): Promise<boolean> {
      const args = [JSON.stringify(offer.offeredTo), offer.offeredAt, offer.unroutedAt ?? ""];
      return (await ctx.run(RECORD_OFFER, { escalationId: id }, args)) === 1;
    },
    async claimEscalation(id: string, staffId: string, now: Millis): Promise<ClaimEscalationResult> {
      const reply = await ctx.run(CLAIM_ESCALATION, { escalationId: id }, [staffId, now]);
      const [status, fields] = reply as [string, string[]?];
      if (status !== "ok") return { ok: false, reason: status as Extract<ClaimEscalationResult, { ok: false }>["reason"] };
      return { ok: true, escalation: decodeEscalation(pairsToRecord(fields)) };
    },
    async releaseEscalation(id: string, staffId: string, now: Millis): Promise<boolean> {
      return (await ctx.run(RELEASE_ESCALATION, { escalationId: id }, [staffId, now])) === 1;
    },
    async resolveEscalation(id: string, staffId: string, resolution: { at: Millis; outcome: string; referral: string }): Promise<boolean> {
      const args = [id, staffId, resolution.at, resolution.outcome, resolution.referral];
      return (await ctx.run(RESOLVE_ESCALATION, { escalationId: id }, args)) === 1;
    },
    async purgeEscalation(id: string): Promise<boolean> {
      // Resolved is final, so checking first and deleting after cannot race with a claim or release.
      if ((await ctx.redis.hget(ctx.k.escalation(id), "status")) !== "resolved") return false;
      return (await ctx.redis.del(ctx.k.escalation(id))) > 0;
    },
    async setWatching(staffId: string, conversationId: string, watching: boolean): Promise<void> {
      // Two keys in two slots, each idempotent: the staff member's list and the conversation's readers.
      if (watching)
        await Promise.all([
          ctx.redis.sadd(ctx.k.watching(staffId), conversationId),
          ctx.redis.sadd(ctx.k.watchers(conversationId), staffId),
        ]);
      else
        await Promise.all([
          ctx.redis.srem(ctx.k.watching(staffId), conversationId),
          ctx.redis.srem(ctx.k.watchers(conversationId), staffId),
        ]);
    },
    async listWatching(staffId: string): Promise<string[]> {
      return await ctx.redis.smembers(ctx.k.watching(staffId));
    },
  };
  return self;
}
