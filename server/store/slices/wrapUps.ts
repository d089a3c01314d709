import type { Millis } from "../../domain/clock";
import type { WrapUp } from "../../domain/wrapUp";

/** Wrap-ups owed and filed. */
export interface WrapUpStore {
  /** Remembers that a staff member still owes a wrap-up for this conversation. */
  addWrapUpTodo(staffId: string, conversationId: string): Promise<void>;
  listWrapUpTodo(staffId: string): Promise<string[]>;
  /** Stores a wrap-up and clears its to-do; filing twice for one conversation keeps the last. */
  putWrapUp(wrapUp: WrapUp): Promise<void>;
  listWrapUps(sinceMs: Millis): Promise<WrapUp[]>;
}
