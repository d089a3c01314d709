import type { AbuseStore } from "../Store";
import type { MemoryState } from "./state";

/**
 * Blocks, by keyed hashes of a session, a browser or a network. In memory: no method awaits, so each
 * is atomic on Node's one thread.
 */
export function memoryAbuse(state: MemoryState): AbuseStore {
  return {
    async block(keys: string[], ttlMs: number): Promise<void> {
      for (const key of keys) state.blocks.set(key, Date.now() + ttlMs);
    },
    async isBlocked(keys: string[]): Promise<boolean> {
      return keys.some((key) => (state.blocks.get(key) ?? 0) > Date.now());
    },
  };
}
