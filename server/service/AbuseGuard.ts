import { createHmac } from "node:crypto";
import type { Clock } from "../domain/clock";
import type { AbuseStore } from "../store/Store";
import { fail } from "./errors";

const dayOf = (at: number) => new Date(at).toISOString().slice(0, 10);

/**
 * Blocks an abusive youth: their session and their browser, never their network. The browser is a
 * random device id the youth page keeps in its storage; only an HMAC of it under
 * `NETWORK_HASH_SECRET` is stored. The network (an IPv4 address or an IPv6 /64) only ever exists in
 * memory, and what is stored is an HMAC of it under a key derived for each day from the same secret;
 * it feeds rate limits set far above one youth's use, because a school or a mobile carrier puts many
 * youths behind one address and none of them may be kept from help. The secret lives in the
 * environment, never in Redis, so a copy of Redis cannot be searched by hashing candidates.
 */
export class AbuseGuard {
  private readonly dayKeys = new Map<string, Buffer>();

  constructor(
    private readonly store: AbuseStore,
    private readonly clock: Clock,
    private readonly blockMs: { session: number },
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

  /** The stored form of a browser's device id: a keyed hash, never the id itself. */
  deviceKeyFor(deviceId: string | undefined): string | undefined {
    return deviceId ? createHmac("sha256", this.secret).update(`device:${deviceId}`).digest("base64url") : undefined;
  }

  /** Refuses a youth whose session or whose browser (device key) is blocked. */
  async check(youthId: string | undefined, deviceKey: string | undefined): Promise<void> {
    const keys = [...(youthId ? [`youth:${youthId}`] : []), ...(deviceKey ? [`dev:${deviceKey}`] : [])];
    if (keys.length && (await this.store.isBlocked(keys))) fail("BLOCKED", "This chat is not available to you for a while");
  }

  /** Keeps this session and this browser out for the block time; the network is left alone. */
  async block(youthId: string, deviceKey: string | undefined): Promise<void> {
    await this.store.block([`youth:${youthId}`, ...(deviceKey ? [`dev:${deviceKey}`] : [])], this.blockMs.session);
  }
}
