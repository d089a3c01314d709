import { createHmac } from "node:crypto";
import type { Clock } from "../domain/types";
import type { Store } from "../store/Store";
import { fail } from "./errors";

const DAY_MS = 86_400_000;
const dayOf = (at: number) => new Date(at).toISOString().slice(0, 10);

/**
 * Blocks an abusive youth without keeping where they connect from: the address only ever exists
 * in memory, hashed with a random salt that changes every day. The session is blocked for the
 * whole block time; the network only briefly, because a school or a mobile carrier puts many
 * youths behind one address and none of them may be kept from help for long.
 */
export class AbuseGuard {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly blockMs: { session: number; network: number },
  ) {}

  private async hash(address: string, day: string): Promise<string> {
    const salt = await this.store.dailySalt(day);
    return createHmac("sha256", salt).update(address).digest("base64url");
  }

  /** Today's key for an address; stored with the session, never the address itself. */
  async keyFor(address: string | undefined): Promise<string | undefined> {
    return address ? this.hash(address, dayOf(this.clock.now())) : undefined;
  }

  /** Refuses a youth whose session, or whose network today or yesterday, is blocked. */
  async check(youthId: string | undefined, address: string | undefined): Promise<void> {
    const now = this.clock.now();
    const keys = youthId ? [`youth:${youthId}`] : [];
    if (address) {
      const days = [dayOf(now), dayOf(now - DAY_MS)];
      keys.push(...(await Promise.all(days.map((d) => this.hash(address, d)))).map((h) => `net:${h}`));
    }
    if (keys.length && (await this.store.isBlocked(keys))) fail("BLOCKED", "This chat is not available to you for a while");
  }

  async block(youthId: string, abuseKey: string | undefined): Promise<void> {
    await this.store.block([`youth:${youthId}`], this.blockMs.session);
    if (abuseKey) await this.store.block([`net:${abuseKey}`], this.blockMs.network);
  }
}
