import type { ReturnCodeRecord } from "../../domain/returnCodes/returnCode";
import type { ReturnCodeStore } from "../Store";
import { RETURN_CODE_ATTEMPTS, type RedisContext } from "./context";
import { DELETE_RETURN_CODE, PUT_RETURN_CODE, SET_RETURN_CODE_NOTE } from "./returnCodeScripts";

/** Return codes and the volunteer's note that goes with one. */
export function redisReturnCodes(ctx: RedisContext): ReturnCodeStore {
  return {
    async putReturnCode(record: ReturnCodeRecord, ttlMs: number): Promise<void> {
      const px = Math.max(1, Math.floor(ttlMs));
      const { codeHash, conversationId } = record;
      const pairs = Object.entries(record).flatMap(([field, value]) => (value === undefined ? [] : [field, String(value)]));
      // The conversation's earlier code is read first (its key must be declared); the script checks it.
      // Each round of racers lets one through, so the budget must exceed the racers a conversation can see.
      for (let attempt = 0; attempt < RETURN_CODE_ATTEMPTS; attempt++) {
        const previousHash = (await ctx.redis.get(ctx.k.returnCodeOf(conversationId))) ?? undefined;
        const ids = { codeHash, conversationId, ...(previousHash && { previousHash }) };
        if ((await ctx.run(PUT_RETURN_CODE, ids, [previousHash ?? "", px, codeHash, ...pairs])) === "ok") return;
      }
      throw new Error(`putReturnCode(${conversationId}): the conversation's code kept changing`);
    },
    async getReturnCode(codeHash: string): Promise<ReturnCodeRecord | undefined> {
      const fields = await ctx.redis.hgetall(ctx.k.returnCode(codeHash));
      if (Object.keys(fields).length === 0) return undefined;
      return {
        codeHash: fields.codeHash ?? codeHash,
        staffId: fields.staffId ?? "",
        conversationId: fields.conversationId ?? "",
        ...(fields.note && { note: fields.note }),
        createdAt: Number(fields.createdAt),
        expiresAt: Number(fields.expiresAt),
      };
    },
    async deleteReturnCode(codeHash: string): Promise<boolean> {
      const conversationId = await ctx.redis.hget(ctx.k.returnCode(codeHash), "conversationId");
      if (conversationId === null) return false;
      return (await ctx.run(DELETE_RETURN_CODE, { codeHash, conversationId }, [codeHash, conversationId])) === 1;
    },
    async setReturnCodeNote(conversationId: string, note: string): Promise<boolean> {
      const codeHash = await ctx.redis.get(ctx.k.returnCodeOf(conversationId));
      if (codeHash === null) return false;
      return (await ctx.run(SET_RETURN_CODE_NOTE, { codeHash, conversationId }, [codeHash, note])) === 1;
    },
  };
}
