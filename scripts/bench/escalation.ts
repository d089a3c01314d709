/**
 * `npm run bench -- escalation`: time from a youth's high-risk message to the escalation alert on
 * the on-duty professional's socket (scored, escalation created, routed, alerted), over two real
 * server processes on Redis. Writes its keys into
 * loadtest/results/latest.json and a short markdown table.
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import { ok, openStaff, openYouth } from "../../test/helpers/clients";
import { REDIS_URL } from "../../test/helpers/redis";
import { spawnServer } from "../../test/helpers/servers";
import { percentile, writeResults } from "./results";

export async function benchEscalation(RUNS = Number(process.env.BENCH_ESCALATION_RUNS ?? 500)): Promise<Record<string, number>> {
  const prefix = `inloop-bench-${randomUUID()}:`;
  // Two processes: the youth on one, the professional on the other, so the alert crosses Redis.
  const env = { REDIS_URL, REDIS_PREFIX: prefix, DEMO: "true", MESSAGE_RATE_PER_10S: "100000", PRESENCE_GRACE_MS: "600000" };
  const [a, b] = await Promise.all([spawnServer(env), spawnServer(env)]);
  try {
    const eva = (await openStaff(b.url, "eva@inloop.demo", DEMO_PASSWORD)).socket;
    await ok(eva, "duty:set", { onDuty: true });
    const sam = (await openStaff(a.url, "sam@leiden.demo", DEMO_PASSWORD)).socket;
    await ok(sam, "presence:set", { status: "available" });
    const youth = (await openYouth(a.url)).socket;

    // One escalation per run: a new chat, a high-risk message, the professional's alert, then close it.
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const { conversation } = await ok(youth, "queue:join", { locationChoice: "leiden" });
      await ok(sam, "queue:take");
      const alerted = new Promise<{ at: number; id: string }>((resolve) => {
        const listener = (e: { id: string; source: string; conversationId?: string }) => {
          if (e.source !== "risk" || e.conversationId !== conversation.id) return;
          eva.off("escalation:alert", listener);
          resolve({ at: performance.now(), id: e.id });
        };
        eva.on("escalation:alert", listener);
      });
      const sent = performance.now();
      await ok(youth, "message:send", { conversationId: conversation.id, id: randomUUID(), text: "ik wil dood, ik kan niet meer" });
      const alert = await alerted;
      samples.push(alert.at - sent);
      await ok(eva, "escalation:claim", { escalationId: alert.id });
      await ok(eva, "escalation:resolve", { escalationId: alert.id, outcome: "bench", referral: "none" });
      await ok(sam, "conversation:end", { conversationId: conversation.id });
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
    await Promise.all([a.stop(), b.stop()]);
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
