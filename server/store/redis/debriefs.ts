import type { Millis } from "../../domain/clock";
import type { ClaimDebriefResult, Debrief, DebriefMessage } from "../../domain/debrief/debrief";
import type { DebriefStore } from "../Store";
import type { RedisContext } from "./context";

/** A volunteer's "praat even na" and its staff-only thread. */
export function redisDebriefs(ctx: RedisContext): DebriefStore {
  return {
    async createDebrief(debrief: Debrief): Promise<void> {
      return ctx.reach.createDebrief(debrief);
    },
    async getDebrief(id: string): Promise<Debrief | undefined> {
      return ctx.reach.getDebrief(id);
    },
    async listDebriefs(): Promise<Debrief[]> {
      return ctx.reach.listDebriefs();
    },
    async claimDebrief(id: string, staffId: string, now: Millis): Promise<ClaimDebriefResult> {
      return ctx.reach.claimDebrief(id, staffId, now);
    },
    async closeDebrief(id: string, now: Millis): Promise<Debrief | undefined> {
      return ctx.reach.closeDebrief(id, now);
    },
    async appendDebriefMessage(message: Omit<DebriefMessage, "seq">): Promise<{ message: DebriefMessage; duplicate: boolean } | undefined> {
      return ctx.reach.appendDebriefMessage(message);
    },
    async listDebriefMessages(debriefId: string): Promise<DebriefMessage[]> {
      return ctx.reach.listDebriefMessages(debriefId);
    },
    async purgeDebrief(id: string): Promise<boolean> {
      return ctx.reach.purgeDebrief(id);
    },
  };
}
