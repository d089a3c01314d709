/** Blocks, by keyed hashes of a session, a browser or a network. */
export interface AbuseStore {
  /** Blocks these keys (hashes, never raw addresses) for `ttlMs`. */
  block(keys: string[], ttlMs: number): Promise<void>;
  isBlocked(keys: string[]): Promise<boolean>;
}
