import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { FailureBudget, RateLimit } from "./ConversationService";
import { fail } from "./errors";

export interface LoginLimits {
  /** Attempts per e-mail address from browsers that have not logged in to it before. */
  perAccount: RateLimit;
  /** One attempt per account per short window, counted on every attempt: what still gets through once `perAccount` is spent. */
  perAccountSlow: RateLimit;
  /** Attempts per browser that has (its device token): the real owner's own allowance. */
  perDevice: RateLimit;
  /** Attempts per client network, whichever e-mail: password spraying. */
  perNetwork: RateLimit;
  /** Failed log-ins over every account and network; once spent, only known browsers may try. */
  failures: FailureBudget;
}

/**
 * Slows password guessing down without letting a stranger lock the owner out. A browser that logged
 * in to an account before carries a device token (HMAC of the e-mail and a nonce, under a server
 * key) and is counted on its own; everyone else shares the account's allowance, their network's,
 * and one budget of failures for the whole service. A guesser therefore spends only allowances the
 * owner does not need: the right password from the owner's usual browser always gets through.
 * Beyond an account's allowance it is slowed down to one attempt per `LOGIN_SLOW_ATTEMPT_SECONDS`,
 * never locked; allowances come back by themselves.
 */
export class LoginGuard {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly limits: LoginLimits,
    /** The keyed hash of a network (AbuseGuard), so no address reaches Redis. */
    private readonly networkKey: (network: string | undefined) => string | undefined,
  ) {
    this.key = createHmac("sha256", secret).update("login-device-token").digest();
  }

  /** Counts one attempt; refuses RATE_LIMITED when an allowance is used up. Tells whether the browser is known. */
  async admit(email: string, network: string | undefined, deviceToken: string | undefined): Promise<{ known: boolean }> {
    const account = email.toLowerCase();
    if (!(await this.limits.perNetwork.consume(`login-net:${this.networkKey(network) ?? "unknown"}`))) {
      fail("RATE_LIMITED", "Too many log-in attempts from this network; try again in a quarter of an hour");
    }
    const nonce = deviceToken && this.verify(account, deviceToken);
    if (nonce) {
      if (!(await this.limits.perDevice.consume(`login-device:${nonce}`)))
        fail("RATE_LIMITED", "Too many attempts; try again in a quarter of an hour");
      return { known: true };
    }
    if (await this.limits.failures.spent())
      fail("RATE_LIMITED", "Many failed log-ins right now; log in from a browser you used before, or wait a minute");
    // Slowed down, not locked: beyond the allowance an account still takes one attempt per short
    // window, so the right password from a new browser gets in within seconds, and a guesser gets
    // no more than that trickle.
    const [allowed, slow] = await Promise.all([this.limits.perAccount.consume(account), this.limits.perAccountSlow.consume(account)]);
    if (!allowed && !slow) fail("RATE_LIMITED", "Too many attempts; try again in a little while");
    return { known: false };
  }

  /** A wrong password or unknown account: spends the shared failure budget (known browsers too). */
  async failed(): Promise<void> {
    await this.limits.failures.spend();
  }

  /** A fresh device token for a browser that just logged in to this account. */
  issue(email: string): string {
    const nonce = randomBytes(16).toString("base64url");
    return `${nonce}.${this.mac(email.toLowerCase(), nonce)}`;
  }

  /** The token's nonce when it was issued by us for this e-mail, else undefined. */
  private verify(account: string, token: string): string | undefined {
    const [nonce, mac] = token.split(".");
    if (!nonce || !mac || !/^[A-Za-z0-9_-]{22}$/.test(nonce)) return undefined;
    const expected = Buffer.from(this.mac(account, nonce));
    const given = Buffer.from(mac);
    return given.length === expected.length && timingSafeEqual(given, expected) ? nonce : undefined;
  }

  private mac(account: string, nonce: string): string {
    return createHmac("sha256", this.key).update(`${account}\n${nonce}`).digest("base64url");
  }
}
