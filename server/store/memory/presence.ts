import type { Presence } from "../../domain/staff";
import type { PresenceStore } from "../Store";
import type { MemoryState } from "./state";

/**
 * Volunteers' status and capacity (their load is derived from the conversations they hold). In memory:
 * no method awaits, so each is atomic on Node's one thread.
 */
export function memoryPresence(state: MemoryState): PresenceStore {
  return {
    async putPresence(presence: Omit<Presence, "load">): Promise<Presence> {
      const { load: _ignored, ...rest } = presence as Presence;
      state.presence.set(presence.staffId, { ...rest });
      return { ...rest, load: state.activeSet(presence.staffId).size };
    },
    async getPresence(staffId: string): Promise<Presence | undefined> {
      const p = state.presence.get(staffId);
      return p && { ...p, load: state.activeSet(staffId).size };
    },
    async listPresence(): Promise<Presence[]> {
      return [...state.presence.values()].map((p) => ({ ...p, load: state.activeSet(p.staffId).size }));
    },
  };
}
