import type { Millis } from "../../domain/clock";
import { type Duty, type Escalation, mergeEscalation } from "../../domain/escalation/escalation";
import type { ClaimEscalationResult, EscalationStore, OpenEscalationResult } from "../Store";
import type { MemoryState } from "./state";

/**
 * Professionals on duty, escalations to them, and the chats they read along with. In memory: no method
 * awaits, so each is atomic on Node's one thread.
 */
export function memoryEscalations(state: MemoryState): EscalationStore {
  return {
    async putDuty(duty: Duty): Promise<void> {
      state.duties.set(duty.staffId, structuredClone(duty));
    },
    async removeDuty(staffId: string): Promise<void> {
      state.duties.delete(staffId);
    },
    async listDuty(): Promise<Duty[]> {
      return [...state.duties.values()].map((d) => structuredClone(d));
    },
    async createEscalation(escalation: Escalation): Promise<void> {
      state.escalations.set(escalation.id, structuredClone(escalation));
    },
    async openEscalation(escalation: Escalation): Promise<OpenEscalationResult> {
      const open =
        escalation.conversationId && escalation.source !== "debrief"
          ? [...state.escalations.values()].find(
              (e) => e.conversationId === escalation.conversationId && e.status !== "resolved" && e.source !== "debrief",
            )
          : undefined;
      if (!open) {
        state.escalations.set(escalation.id, structuredClone(escalation));
        return { escalation: structuredClone(escalation), created: true, raised: false };
      }
      const merged = mergeEscalation(open, escalation);
      state.escalations.set(open.id, structuredClone(merged.escalation));
      return { escalation: structuredClone(merged.escalation), created: false, raised: merged.raised };
    },
    async getEscalation(id: string): Promise<Escalation | undefined> {
      const e = state.escalations.get(id);
      return e && structuredClone(e);
    },
    async listEscalations(): Promise<Escalation[]> {
      return [...state.escalations.values()].filter((e) => e.status !== "resolved").map((e) => structuredClone(e));
    },
    async recordOffer(id: string, offer: { offeredTo: string[]; offeredAt: number; unroutedAt?: number }): Promise<boolean> {
      const e = state.escalations.get(id);
      if (e?.status !== "open") return false;
      Object.assign(
        e,
        { offeredTo: [...offer.offeredTo], offeredAt: offer.offeredAt },
        offer.unroutedAt === undefined ? {} : { unroutedAt: offer.unroutedAt },
      );
      return true;
    },
    async claimEscalation(id: string, staffId: string, now: Millis): Promise<ClaimEscalationResult> {
      const e = state.escalations.get(id);
      if (!e) return { ok: false, reason: "not_found" };
      if (e.status !== "open") return { ok: false, reason: "not_open" };
      Object.assign(e, { status: "claimed", claimedBy: staffId, claimedAt: now });
      return { ok: true, escalation: structuredClone(e) };
    },
    async releaseEscalation(id: string, staffId: string, now: Millis): Promise<boolean> {
      const e = state.escalations.get(id);
      if (e?.status !== "claimed" || e.claimedBy !== staffId) return false;
      Object.assign(e, { status: "open", offeredTo: [], offeredAt: now });
      delete e.claimedBy;
      delete e.claimedAt;
      delete e.unroutedAt;
      return true;
    },
    async resolveEscalation(id: string, staffId: string, resolution: { at: Millis; outcome: string; referral: string }): Promise<boolean> {
      const e = state.escalations.get(id);
      if (e?.status !== "claimed" || e.claimedBy !== staffId) return false;
      Object.assign(e, { status: "resolved", resolvedAt: resolution.at, outcome: resolution.outcome, referral: resolution.referral });
      return true;
    },
    async purgeEscalation(id: string): Promise<boolean> {
      if (state.escalations.get(id)?.status !== "resolved") return false;
      return state.escalations.delete(id);
    },
    async setWatching(staffId: string, conversationId: string, watching: boolean): Promise<void> {
      const set = state.watching.get(staffId) ?? new Set<string>();
      if (watching) set.add(conversationId);
      else set.delete(conversationId);
      state.watching.set(staffId, set);
    },
    async listWatching(staffId: string): Promise<string[]> {
      return [...(state.watching.get(staffId) ?? [])];
    },
  };
}
