import type { Millis } from "../../domain/clock";
import { MAX_SHIFT_MS, type Shift } from "../../domain/roster/roster";
import type { Invite } from "../../domain/staff";
import type { RosterStore } from "../Store";
import type { MemoryState } from "./state";

/** Planned shifts and staff invites. In memory: no method awaits, so each is atomic on Node's one thread. */
export function memoryRoster(state: MemoryState): RosterStore {
  return {
    async putShift(shift: Shift): Promise<void> {
      state.shifts.set(shift.id, { ...shift });
    },
    async getShift(id: string): Promise<Shift | undefined> {
      const s = state.shifts.get(id);
      return s && { ...s };
    },
    async deleteShift(id: string): Promise<boolean> {
      return state.shifts.delete(id);
    },
    async listShifts(from: Millis, to: Millis): Promise<Shift[]> {
      return [...state.shifts.values()]
        .filter((s) => s.start < to && s.end > from && s.start >= from - MAX_SHIFT_MS)
        .sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1))
        .map((s) => ({ ...s }));
    },
    async putInvite(invite: Invite, ttlMs: number): Promise<void> {
      state.invites.set(invite.tokenHash, { value: { ...invite }, expiresAt: Date.now() + ttlMs });
    },
    async getInvite(tokenHash: string): Promise<Invite | undefined> {
      return state.live(state.invites, tokenHash);
    },
    async takeInvite(tokenHash: string): Promise<Invite | undefined> {
      const invite = state.live(state.invites, tokenHash);
      state.invites.delete(tokenHash);
      return invite;
    },
  };
}
