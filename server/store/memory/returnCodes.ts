import type { ReturnCodeRecord } from "../../domain/returnCodes/returnCode";
import type { ReturnCodeStore } from "../Store";
import type { MemoryState } from "./state";

/**
 * Return codes and the volunteer's note that goes with one. In memory: no method awaits, so each is
 * atomic on Node's one thread.
 */
export function memoryReturnCodes(state: MemoryState): ReturnCodeStore {
  return {
    async putReturnCode(record: ReturnCodeRecord, ttlMs: number): Promise<void> {
      const previous = state.returnCodeOf.get(record.conversationId);
      if (previous) state.returnCodes.delete(previous);
      state.returnCodes.set(record.codeHash, { value: { ...record }, expiresAt: Date.now() + ttlMs });
      state.returnCodeOf.set(record.conversationId, record.codeHash);
    },
    async getReturnCode(codeHash: string): Promise<ReturnCodeRecord | undefined> {
      return state.live(state.returnCodes, codeHash);
    },
    async deleteReturnCode(codeHash: string): Promise<boolean> {
      const record = state.live(state.returnCodes, codeHash);
      if (!record) return false;
      state.returnCodes.delete(codeHash);
      if (state.returnCodeOf.get(record.conversationId) === codeHash) state.returnCodeOf.delete(record.conversationId);
      return true;
    },
    async setReturnCodeNote(conversationId: string, note: string): Promise<boolean> {
      const codeHash = state.returnCodeOf.get(conversationId);
      const hit = codeHash === undefined ? undefined : state.returnCodes.get(codeHash);
      if (!codeHash || !hit || !state.live(state.returnCodes, codeHash)) return false;
      if (note) hit.value.note = note;
      else delete hit.value.note;
      return true;
    },
  };
}
