/**
 * Evidence for the adapter choice: a bare socket.io relay on two processes, each chat's two
 * clients on different processes, so every message crosses Redis. Classic Pub/Sub
 * (@socket.io/redis-adapter), its sharded mode (SPUBLISH, what a Redis Cluster needs) and Redis
 * Streams (@socket.io/redis-streams-adapter, the one with connection-state recovery) side by side:
 * saturation throughput and latency at a fixed offered load.
 */
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { destroyRedisPrefix } from "../../server/store/redis/RedisStore";
import { REDIS_URL } from "../../test/helpers/redis";
import { askAll, spawnBare, startWorkers } from "./lib/processes";
import { percentile } from "./results";

export interface AdapterOptions {
  pairs: number;
  workers: number;
  window: number;
  warmupMs: number;
  measureMs: number;
  offeredPerS: number;
  adapters: readonly Adapter[];
}

export const FULL_ADAPTERS: AdapterOptions = {
  pairs: 40,
  workers: 2,
  window: 4,
  warmupMs: 1000,
  measureMs: 5000,
  offeredPerS: 1000,
  adapters: ["redis", "sharded", "streams"],
};

type Adapter = "redis" | "sharded" | "streams";
const round = (n: number) => Math.round(n * 100) / 100;

async function one(adapter: Adapter, o: AdapterOptions): Promise<Record<string, number>> {
  const prefix = `inloop-bench-${randomUUID()}:`;
  const env = { BENCH_ADAPTER: adapter, REDIS_URL, REDIS_PREFIX: prefix };
  const [a, b] = await Promise.all([spawnBare(env), spawnBare(env)]);
  const workers = startWorkers(o.workers);
  try {
    const all = Array.from({ length: o.pairs }, (_, i) =>
      i % 2 ? { youthUrl: a.url, staffUrl: b.url } : { youthUrl: b.url, staffUrl: a.url },
    );
    await askAll(workers, (i) => ({ cmd: "bare-pairs", pairs: all.filter((_, j) => j % o.workers === i) }), "ready");
    const saturated = await askAll(
      workers,
      () => ({ cmd: "saturate", warmupMs: o.warmupMs, measureMs: o.measureMs, window: o.window }),
      "saturated",
    );
    const perS = saturated.reduce((n, r) => n + r.relayed, 0) / (Math.max(...saturated.map((r) => r.measuredMs)) / 1000);
    const paced = await askAll(
      workers,
      () => ({ cmd: "paced", warmupMs: o.warmupMs, measureMs: o.measureMs, ratePerS: o.offeredPerS / o.workers }),
      "paced",
    );
    const samples = paced.flatMap((r) => r.latenciesMs).sort((x, y) => x - y);
    return {
      [`adapter_${adapter}_two_node_msgs_per_s`]: Math.round(perS),
      [`adapter_${adapter}_p50_ms`]: round(percentile(samples, 0.5)),
      [`adapter_${adapter}_p99_ms`]: round(percentile(samples, 0.99)),
    };
  } finally {
    await Promise.all(workers.map((w) => w.close()));
    await Promise.all([a.stop(), b.stop()]);
    const redis = new Redis(REDIS_URL);
    await destroyRedisPrefix(redis, prefix);
    redis.disconnect();
  }
}

export async function benchAdapters(o: AdapterOptions = FULL_ADAPTERS): Promise<Record<string, number>> {
  const figures: Record<string, number> = { adapter_offered_msgs_per_s: o.offeredPerS };
  for (const adapter of o.adapters) Object.assign(figures, await one(adapter, o));
  return figures;
}
