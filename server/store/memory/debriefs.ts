import type { Millis } from "../../domain/clock";
import type { ClaimDebriefResult, Debrief, DebriefMessage } from "../../domain/debrief/debrief";
import type { DebriefStore } from "../Store";
import type { MemoryState } from "./state";

/**
 * A volunteer's "praat even na" and its staff-only thread. In memory: no method awaits, so each is
 * atomic on Node's one thread.
 */
export function memoryDebriefs(state: MemoryState): DebriefStore {
  return {
    async createDebrief(debrief: Debrief): Promise<void> {
      state.reach.createDebrief(debrief);
    },
    async getDebrief(id: string): Promise<Debrief | undefined> {
      return state.reach.getDebrief(id);
    },
    async listDebriefs(): Promise<Debrief[]> {
      return state.reach.listDebriefs();
    },
    async claimDebrief(id: string, staffId: string, now: Millis): Promise<ClaimDebriefResult> {
      return state.reach.claimDebrief(id, staffId, now);
    },
    async closeDebrief(id: string, now: Millis): Promise<Debrief | undefined> {
      return state.reach.closeDebrief(id, now);
    },
    async appendDebriefMessage(message: Omit<DebriefMessage, "seq">): Promise<{ message: DebriefMessage; duplicate: boolean } | undefined> {
      return state.reach.appendDebriefMessage(message);
    },
    async listDebriefMessages(debriefId: string): Promise<DebriefMessage[]> {
      return state.reach.listDebriefMessages(debriefId);
    },
    async purgeDebrief(id: string): Promise<boolean> {
      return state.reach.purgeDebrief(id);
    },
  };
}
