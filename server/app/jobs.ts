import type { Logger } from "pino";
import type { Config } from "../config/config";
import type { Store } from "../store/Store";
import type { Services } from "./services";

/**
 * The periodic work: overflow timers and estimates change with time alone, escalations wait for a
 * claim, retention and the figures' rollup run now and then. One process at a time (a lease), each
 * job on its own so one failing does not stop escalations or the queue. Returns a stop function.
 */
export function startPeriodicJobs(config: Config, store: Store, services: Services, instanceId: string, log: Logger): () => void {
  const { roster, escalations, dispatcher, retention, figuresRollup, sweeper } = services;
  let ticks = 0;
  // Look for gone youths a few times per grace period, at most every 15 s.
  const sweepEvery = Math.max(1, Math.round(Math.min(15_000, config.queueGoneMs / 4) / config.tickMs));
  const tick = setInterval(async () => {
    try {
      if (!(await store.tryLease("dispatch-tick", instanceId, config.tickMs * 3))) return;
      const jobs: [string, () => Promise<unknown>][] = [
        // Roster first: a professional whose shift just began is offered what waits in this same pass.
        ["roster", () => roster.syncDuty()],
        ["escalations", () => escalations.tick()],
        ["dispatch", () => dispatcher.run({ force: true })],
        ["retention", () => retention.maybeRun()],
        ["figures", () => figuresRollup.maybeRun()],
      ];
      if (++ticks % sweepEvery === 0) jobs.unshift(["sweep", () => sweeper.sweep()]);
      for (const [name, job] of jobs) {
        await job().catch((error: unknown) => log.warn({ event: "tick.job.failed", job: name, err: error }, "periodic job failed"));
      }
    } catch (error) {
      log.warn({ event: "tick.failed", err: error }, "tick failed");
    }
  }, config.tickMs);
  tick.unref();
  return () => clearInterval(tick);
}
