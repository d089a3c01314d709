/**
 * `npm run bench -- escalation`: time from a youth's high-risk message to the alert on the on-duty
 * professional's socket, over real server processes on Redis. Writes its keys into
 * loadtest/results/latest.json and a short markdown table.
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import { ok, openStaff, openYouth } from "../../test/helpers/clients";
import { REDIS_URL } from "../../test/helpers/redis";
import { spawnServer, stopServerProcess } from "./processes";
import { percentile, writeResults } from "./results";

export async function benchEscalation(RUNS = Number(process.env.BENCH_ESCALATION_RUNS ?? 500)): Promise<Record<string, number>> {
  const prefix = `inloop-bench-${randomUUID()}:`;
  // Two processes: the youth on one, the professional on the other, so the alert crosses Redis.
  const env = { REDIS_URL, REDIS_PREFIX: prefix, DEMO: "true", MESSAGE_RATE_PER_10S: "100000" };
  const [a, b] = await Promise.all([spawnServer(env), spawnServer(env)]);
  try {
    const eva = (await openStaff(b.url, "eva@inloop.demo", DEMO_PASSWORD)).socket;
    await ok(eva, "duty:set", { onDuty: true });
    const sam = (await openStaff(a.url, "sam@leiden.demo", DEMO_PASSWORD)).socket;
    await ok(sam, "presence:set", { status: "available" });
    const youth = (await openYouth(a.url)).socket;
    const { conversation } = await ok(youth, "queue:join", { locationChoice: "leiden" });
    await ok(sam, "queue:take");

    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const alerted = new Promise<number>((resolve) => eva.once("risk:flagged", () => resolve(performance.now())));
      const sent = performance.now();
      await ok(youth, "message:send", { conversationId: conversation.id, id: randomUUID(), text: "ik wil dood, ik kan niet meer" });
      samples.push((await alerted) - sent);
    }
    for (const s of [eva, sam, youth]) s.disconnect();
    samples.sort((x, y) => x - y);
    return {
      escalation_alert_runs: RUNS,
      escalation_alert_p50_ms: round(percentile(samples, 0.5)),
      escalation_alert_p99_ms: round(percentile(samples, 0.99)),
      escalation_alert_max_ms: round(samples.at(-1)!),
    };
  } finally {
    await Promise.all([stopServerProcess(a), stopServerProcess(b)]);
    const { Redis } = await import("ioredis");
    const { destroyRedisPrefix } = await import("../../server/store/redis/RedisStore");
    const redis = new Redis(REDIS_URL);
    await destroyRedisPrefix(redis, prefix);
    redis.disconnect();
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

export async function main(): Promise<void> {
  const figures = await benchEscalation();
  await writeResults("escalation", figures);
  console.log(figures);
}
