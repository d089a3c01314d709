import { createHmac } from "node:crypto";
import type { Clock } from "../domain/types";
import type { Store } from "../store/Store";
import { fail } from "./errors";

const DAY_MS = 86_400_000;
const dayOf = (at: number) => new Date(at).toISOString().slice(0, 10);

/**
 * Blocks an abusive youth without keeping where they connect from: the network (an IPv4 address or
 * an IPv6 /64) only ever exists in memory, and what is stored is an HMAC of it under a key derived
 * for each day from `NETWORK_HASH_SECRET`. That secret lives in the environment, never in Redis, so
 * a copy of Redis cannot be searched by hashing every address; and yesterday's key cannot be
 * recomputed without it either. The session is blocked for the whole block time; the network only
 * briefly, because a school or a mobile carrier puts many youths behind one address and none of them
 * may be kept from help for long.
 */
export class AbuseGuard {
  private readonly dayKeys = new Map<string, Buffer>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly blockMs: { session: number; network: number },
    private readonly secret: string,
  ) {}

  /** The day's key: derived, so rotating daily needs no shared state. */
  private dayKey(day: string): Buffer {
    let key = this.dayKeys.get(day);
    if (!key) {
      key = createHmac("sha256", this.secret).update(`network-day:${day}`).digest();
      if (this.dayKeys.size > 4) this.dayKeys.clear();
      this.dayKeys.set(day, key);
    }
    return key;
  }

  private hash(network: string, day: string): string {
    return createHmac("sha256", this.dayKey(day)).update(network).digest("base64url");
  }

  /** Today's key for a network; stored with the session, never the network itself. */
  keyFor(network: string | undefined): string | undefined {
    return network ? this.hash(network, dayOf(this.clock.now())) : undefined;
  }

  /**
   * Refuses a youth whose session, or whose network today or yesterday, is blocked. `abuseKey` is a
   * session's stored network hash: a session opened on that network before the block (another tab
   * of the same browser) may not start a chat while the network block lasts either.
   */
  async check(youthId: string | undefined, network: string | undefined, abuseKey?: string): Promise<void> {
    const now = this.clock.now();
    const keys = youthId ? [`youth:${youthId}`] : [];
    if (abuseKey) keys.push(`net:${abuseKey}`);
    if (network) keys.push(...[dayOf(now), dayOf(now - DAY_MS)].map((d) => `net:${this.hash(network, d)}`));
    if (keys.length && (await this.store.isBlocked(keys))) fail("BLOCKED", "This chat is not available to you for a while");
  }

  async block(youthId: string, abuseKey: string | undefined): Promise<void> {
    await this.store.block([`youth:${youthId}`], this.blockMs.session);
    if (abuseKey) await this.store.block([`net:${abuseKey}`], this.blockMs.network);
  }
}
