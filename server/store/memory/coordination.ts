import type { CoordinationStore } from "../Store";
import type { MemoryState } from "./state";

/**
 * Leases for periodic jobs, health and lifecycle of the backing store. In memory: no method awaits, so
 * each is atomic on Node's one thread.
 */
export function memoryCoordination(state: MemoryState): CoordinationStore {
  return {
    async tryLease(name: string, owner: string, ttlMs: number): Promise<boolean> {
      const current = state.leases.get(name);
      if (current && current.expiresAt > Date.now() && current.value !== owner) return false;
      state.leases.set(name, { value: owner, expiresAt: Date.now() + ttlMs });
      return true;
    },
    async releaseLease(name: string, owner: string): Promise<void> {
      if (state.leases.get(name)?.value === owner) state.leases.delete(name);
    },
    async ping(): Promise<void> {},
    /** The embedded store lives in the process's heap; its limit is the process's, not the store's. */
    async memoryUse(): Promise<undefined> {
      return undefined;
    },
    async close(): Promise<void> {},
  };
}
