import type { YouthSession } from "../../domain/conversation";
import type { StaffSession } from "../../domain/staff";
import type { SessionStore } from "../Store";
import type { MemoryState } from "./state";

/**
 * Staff login sessions and anonymous youth sessions. In memory: no method awaits, so each is atomic on
 * Node's one thread.
 */
export function memorySessions(state: MemoryState): SessionStore {
  return {
    async putStaffSession(session: StaffSession, ttlMs: number): Promise<void> {
      state.staffSessions.set(session.sidHash, { value: { ...session }, expiresAt: Date.now() + ttlMs });
    },
    async touchStaffSession(session: StaffSession, ttlMs: number): Promise<boolean> {
      if (!state.live(state.staffSessions, session.sidHash)) return false;
      state.staffSessions.set(session.sidHash, { value: { ...session }, expiresAt: Date.now() + ttlMs });
      return true;
    },
    async getStaffSession(sidHash: string): Promise<StaffSession | undefined> {
      return state.live(state.staffSessions, sidHash);
    },
    async deleteStaffSession(sidHash: string): Promise<void> {
      state.staffSessions.delete(sidHash);
    },
    async deleteStaffSessionsOf(staffId: string): Promise<number> {
      let removed = 0;
      for (const [sidHash, session] of state.staffSessions) {
        if (session.value.staffId !== staffId) continue;
        state.staffSessions.delete(sidHash);
        if (session.expiresAt > Date.now()) removed += 1;
      }
      return removed;
    },
    async putYouthSession(session: YouthSession, ttlMs: number): Promise<void> {
      state.youthSessions.set(session.tokenHash, { value: { ...session }, expiresAt: Date.now() + ttlMs });
    },
    async getYouthSession(tokenHash: string): Promise<YouthSession | undefined> {
      return state.live(state.youthSessions, tokenHash);
    },
    async deleteYouthSession(tokenHash: string): Promise<void> {
      state.youthSessions.delete(tokenHash);
    },
  };
}
