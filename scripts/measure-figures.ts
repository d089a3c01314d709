/**
 * Should the figures be computed on read (listEvents of the period, then aggregate) or kept as
 * rolled-up buckets? Seeds a month of events for 12 locations into each store and times both paths.
 *
 *   npx tsx scripts/measure-figures.ts            # memory, and Redis when REDIS_URL or 127.0.0.1:6379 answers
 */
import { Redis } from "ioredis";
import { demoFigureEvents } from "../server/demo/figuresDemo";
import { aggregateEvents, WARM_UP_MS } from "../server/domain/figures/aggregate";
import { buildReport } from "../server/domain/figures/report";
import { createMemoryStore } from "../server/store/memory/MemoryStore";
import { createRedisStore, destroyRedisPrefix } from "../server/store/redis/RedisStore";
import type { Store } from "../server/store/Store";

const DAY = 86_400_000;
const locationIds = Array.from({ length: 12 }, (_, i) => `loc-${i + 1}`);
const endAt = Date.UTC(2025, 4, 1);
// The demo scales smaller locations and weekends down; 72 a day on paper is ~40 a day on average.
const events = demoFigureEvents({ locationIds, days: 30, chatsPerDay: 72, endAt, messagesPerChat: 16 });
const from = endAt - 30 * DAY;
const locations = locationIds.map((id) => ({ id, name: id, timeZone: "Europe/Amsterdam" }));
const period = { from: new Date(from).toISOString().slice(0, 10), to: new Date(endAt - DAY).toISOString().slice(0, 10) };

async function time<T>(f: () => Promise<T> | T): Promise<[T, number]> {
  const start = performance.now();
  const value = await f();
  return [value, Math.round(performance.now() - start)];
}

async function measure(name: string, store: Store): Promise<void> {
  const [, seedMs] = await time(async () => {
    for (let i = 0; i < events.length; i += 2000) await Promise.all(events.slice(i, i + 2000).map((e) => store.appendEvent(e)));
  });
  const runs: number[][] = [];
  let report: ReturnType<typeof buildReport> | undefined;
  for (let run = 0; run < 3; run++) {
    const [listed, listMs] = await time(() => store.listEvents(from - WARM_UP_MS));
    const [buckets, aggMs] = await time(() => aggregateEvents(listed, { from, to: endAt }));
    const [r, reportMs] = await time(() => buildReport(buckets, locations, period));
    report = r;
    runs.push([listMs, aggMs, reportMs, buckets.length]);
  }
  const best = runs.sort((a, b) => a[0]! + a[1]! - (b[0]! + b[1]!))[0]!;
  await store.replaceFigureBuckets(from, endAt, aggregateEvents(events, { from, to: endAt }));
  const fromBuckets: number[][] = [];
  for (let run = 0; run < 3; run++) {
    const [stored, listMs] = await time(() => store.listFigureBuckets(from, endAt));
    const [, reportMs] = await time(() => buildReport(stored, locations, period));
    fromBuckets.push([listMs, reportMs, stored.length]);
  }
  const b = fromBuckets.sort((x, y) => x[0]! + x[1]! - (y[0]! + y[1]!))[0]!;
  const queued = events.filter((e) => e.type === "conversation.queued").length;
  console.log(
    `${name}: ${events.length} events (${queued} youths queued, ${report!.total.chatsStarted} chats) seeded in ${seedMs} ms\n` +
      `  on read:      listEvents ${best[0]} ms + aggregate ${best[1]} ms + report ${best[2]} ms\n` +
      `  from buckets: listFigureBuckets ${b[0]} ms (${b[2]} buckets) + report ${b[1]} ms`,
  );
}

await measure("memory", createMemoryStore());
const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { lazyConnect: true, maxRetriesPerRequest: 1 });
try {
  await redis.connect();
  const prefix = `inloop-measure-${Date.now()}:`;
  await measure("redis", createRedisStore(redis, { prefix }));
  await destroyRedisPrefix(redis, prefix);
} catch (error) {
  console.log(`redis: skipped (${error instanceof Error ? error.message : error})`);
} finally {
  redis.disconnect();
}
