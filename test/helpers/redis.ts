import { Redis } from "ioredis";

export const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/** True if Redis answers a PING within `timeoutMs`; never retries, never throws. */
export async function redisAnswers(timeoutMs = 1000, url = REDIS_URL): Promise<boolean> {
  const probe = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  probe.on("error", () => {}); // the outcome is the boolean; don't crash on the connection error
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  try {
    return await Promise.race([
      probe
        .connect()
        .then(() => probe.ping())
        .then((r) => r === "PONG"),
      timeout,
    ]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
    probe.disconnect();
  }
}

/**
 * Whether Redis suites can run. On CI a missing Redis is a broken pipeline, not a reason to skip
 * silently, so it throws there.
 */
export async function redisAvailable(suite: string): Promise<boolean> {
  const reachable = await redisAnswers();
  if (reachable) return true;
  if (process.env.CI === "true") throw new Error(`Redis did not answer at ${REDIS_URL} within 1 s (CI=true)`);
  console.warn(`Skipping ${suite}: no Redis answered at ${REDIS_URL} within 1 s (set REDIS_URL).`);
  return false;
}
