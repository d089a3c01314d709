import type { Millis } from "../../domain/clock";
import type { WrapUp } from "../../domain/wrapUp";
import type { WrapUpStore } from "../Store";
import type { MemoryState } from "./state";

/** Wrap-ups owed and filed. In memory: no method awaits, so each is atomic on Node's one thread. */
export function memoryWrapUps(state: MemoryState): WrapUpStore {
  return {
    async addWrapUpTodo(staffId: string, conversationId: string): Promise<void> {
      const todo = state.wrapUpTodo.get(staffId) ?? new Set<string>();
      todo.add(conversationId);
      state.wrapUpTodo.set(staffId, todo);
    },
    async listWrapUpTodo(staffId: string): Promise<string[]> {
      return [...(state.wrapUpTodo.get(staffId) ?? [])];
    },
    async putWrapUp(wrapUp: WrapUp): Promise<void> {
      state.wrapUps.set(wrapUp.conversationId ?? wrapUp.id, structuredClone(wrapUp));
      if (wrapUp.conversationId) state.wrapUpTodo.get(wrapUp.staffId)?.delete(wrapUp.conversationId);
    },
    async listWrapUps(sinceMs: Millis): Promise<WrapUp[]> {
      return [...state.wrapUps.values()]
        .filter((w) => w.at >= sinceMs)
        .sort((a, b) => a.at - b.at)
        .map((w) => structuredClone(w));
    },
  };
}
