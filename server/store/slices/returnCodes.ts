import type { ReturnCodeRecord } from "../../domain/returnCodes/returnCode";

/** Return codes and the volunteer's note that goes with one. */
export interface ReturnCodeStore {
  /**
   * Atomic: keeps a return code for `ttlMs` (then it is gone, note and all) and makes it the code of
   * its conversation, forgetting the one taken there before.
   */
  putReturnCode(record: ReturnCodeRecord, ttlMs: number): Promise<void>;
  getReturnCode(codeHash: string): Promise<ReturnCodeRecord | undefined>;
  /** Forgets a code and its note; false if it was not there (any more). */
  deleteReturnCode(codeHash: string): Promise<boolean>;
  /**
   * Keeps the note of the code taken at the end of a conversation in step with the volunteer's
   * later edits ("" removes it); false if that conversation has no live code.
   */
  setReturnCodeNote(conversationId: string, note: string): Promise<boolean>;
}
