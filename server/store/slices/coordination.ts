/** Leases for periodic jobs, health and lifecycle of the backing store. */
export interface CoordinationStore {
  /** A lease that one process holds at a time (periodic jobs); true if `owner` holds it now. */
  tryLease(name: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Gives a lease back early, if `owner` still holds it. */
  releaseLease(name: string, owner: string): Promise<void>;
  /**
   * Health: resolves when the backing store answers and accepts a write. A Redis at `maxmemory`
   * (noeviction) still answers PING but refuses every write, which is an outage for the service.
   */
  ping(): Promise<void>;
  /**
   * How full the backing store is, for /metrics and its alert; undefined when it has no memory limit
   * of its own.
   */
  memoryUse(): Promise<{ usedBytes: number; maxBytes: number } | undefined>;
  close(): Promise<void>;
}
