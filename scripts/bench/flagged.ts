/**
 * `npm run bench -- flagged`: alert-to-screen time for a youth flagged while still waiting (issue
 * 13). A youth waits in the queue with no volunteer free, sends a high-risk message, and the clock
 * stops when the escalation alert about them reaches the on-duty professional's socket, on the
 * other server process (scored, prioritised, escalation opened, routed, alerted across Redis).
 * Writes its keys into loadtest/results/latest.json and a short markdown table.
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import type { EscalationView } from "../../shared/protocol";
import { ok, openStaff, openYouth } from "../../test/helpers/clients";
import { REDIS_URL } from "../../test/helpers/redis";
import { spawnServer } from "../../test/helpers/servers";
import { percentile, writeResults } from "./results";

export async function benchFlagged(RUNS = Number(process.env.BENCH_FLAGGED_RUNS ?? 300)): Promise<Record<string, number>> {
  const prefix = `inloop-bench-${randomUUID()}:`;
  // Two processes: the youth on one, the professional on the other, so the alert crosses Redis.
  const env = { REDIS_URL, REDIS_PREFIX: prefix, DEMO: "true", MESSAGE_RATE_PER_10S: "100000", PRESENCE_GRACE_MS: "600000" };
  const [a, b] = await Promise.all([spawnServer(env), spawnServer(env)]);
  try {
    const eva = (await openStaff(b.url, "eva@inloop.demo", DEMO_PASSWORD)).socket;
    await ok(eva, "duty:set", { onDuty: true, locationIds: ["leiden"] });
    const youth = (await openYouth(a.url)).socket;

    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Nobody is available: the youth waits, as in the issue.
      const { conversation } = await ok(youth, "queue:join", { locationChoice: "leiden" });
      const alerted = new Promise<{ at: number; e: EscalationView }>((resolve) => {
        const listener = (e: EscalationView) => {
          if (e.conversationId !== conversation.id) return;
          eva.off("escalation:alert", listener);
          resolve({ at: performance.now(), e });
        };
        eva.on("escalation:alert", listener);
      });
      const sent = performance.now();
      await ok(youth, "message:send", { conversationId: conversation.id, id: randomUUID(), text: "ik wil dood, ik kan niet meer" });
      const { at, e } = await alerted;
      if (e.about?.status !== "queued") throw new Error(`the alert did not say the youth is waiting: ${JSON.stringify(e.about)}`);
      samples.push(at - sent);
      await ok(eva, "escalation:claim", { escalationId: e.id });
      await ok(eva, "escalation:resolve", { escalationId: e.id, outcome: "bench", referral: "none" });
      await ok(youth, "queue:leave");
    }
    for (const s of [eva, youth]) s.disconnect();
    samples.sort((x, y) => x - y);
    return {
      flagged_waiting_alert_runs: RUNS,
      flagged_waiting_alert_p50_ms: round(percentile(samples, 0.5)),
      flagged_waiting_alert_p99_ms: round(percentile(samples, 0.99)),
      flagged_waiting_alert_max_ms: round(samples.at(-1)!),
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
  const figures = await benchFlagged();
  await writeResults("flagged", figures);
  console.log(figures);
}
