import type { Logger } from "pino";
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { Config } from "../config/config";
import type { FailureBudget, RateLimit } from "../service/ConversationService";
import type { RedisClient } from "../store/redis/connect";

function rateLimit(limiter: RateLimiterAbstract, log: Logger): RateLimit {
  return {
    async consume(key) {
      try {
        await limiter.consume(key);
        return true;
      } catch (error) {
        if (error instanceof RateLimiterRes) return false;
        // A limiter that cannot reach Redis must not stop a youth's message from getting through.
        log.warn({ event: "ratelimit.unavailable" }, "rate limiter failed open");
        return true;
      }
    },
  };
}

/**
 * Every rate limit and failure budget of one process. Limits are shared by every process when Redis
 * is there, so a second process is no way around them.
 */
export function createLimits(config: Config, redis: RedisClient | undefined, log: Logger) {
  const backing = (name: string, points: number, duration: number): RateLimiterAbstract =>
    redis
      ? new RateLimiterRedis({ storeClient: redis, keyPrefix: `${config.redisPrefix}rl:${name}`, points, duration })
      : new RateLimiterMemory({ keyPrefix: name, points, duration });
  const limiter = (name: string, points: number, duration: number) => rateLimit(backing(name, points, duration), log);
  /**
   * In this process's memory: for limits on what one socket sends (messages, typing), checked on
   * every message. A socket lives on one process, so the limit holds without a Redis round trip; a
   * sender with sockets on two processes gets at most twice the rate, and everything that must hold
   * across processes (joins, sessions, logins, codes) stays shared.
   */
  const local = (name: string, points: number, duration: number) =>
    rateLimit(new RateLimiterMemory({ keyPrefix: name, points, duration }), log);
  /** A shared allowance that only failures spend: `spent()` asks without spending, `spend()` takes one. */
  const budget = (name: string, points: number, duration: number): FailureBudget => {
    const l = backing(name, points, duration);
    return {
      async spent(key = "all") {
        try {
          return ((await l.get(key))?.consumedPoints ?? 0) >= points;
        } catch {
          log.warn({ event: "ratelimit.unavailable" }, "budget check failed open");
          return false;
        }
      },
      async spend(key = "all") {
        await l.penalty(key, 1).catch(() => log.warn({ event: "ratelimit.unavailable" }, "budget not recorded"));
      },
    };
  };
  return {
    message: local("msg", config.messageRatePer10s, 10),
    join: limiter("join", config.joinsPer10Min, 600),
    signal: local("signal", config.messageRatePer10s * 4, 10),
    login: {
      perAccount: limiter("login", config.loginAttemptsPer15Min, 900),
      perAccountSlow: limiter("login-slow", 1, config.loginSlowAttemptSeconds),
      perDevice: limiter("login-device", config.loginAttemptsPer15Min, 900),
      perNetwork: limiter("login-net", config.loginAttemptsPerNetworkPer15Min, 900),
      failures: budget("login-failures", config.loginFailuresPerMinute, 60),
    },
    returnCode: limiter("return-code", config.returnCodes.attemptsPer10Min, 600),
    // Wrong codes from everywhere together: a guesser with many networks still gets nowhere.
    returnCodeFailures: budget("return-code-failures", config.returnCodes.failuresPerHour, 3600),
    sessions: {
      perNetwork: limiter("session", config.sessionsPerNetworkPer10Min, 600),
      global: limiter("session-all", config.sessionsPerMinute, 60),
    },
    invite: limiter("invite", config.loginAttemptsPer15Min * 3, 900),
  };
}

export type Limits = ReturnType<typeof createLimits>;
