import { expect, it } from "vitest";
import { benchEscalation } from "../../scripts/bench/escalation";
import { redisAvailable } from "../helpers/redis";

const reachable = await redisAvailable("bench smoke");

// The benchmark's own code path, briefly: the full run (`npm run bench`) is not part of the tests.
it.skipIf(!reachable)("escalation bench runs end to end and measures something sensible", async () => {
  const figures = await benchEscalation(20);
  expect(figures.escalation_alert_runs).toBe(20);
  expect(figures.escalation_alert_p50_ms).toBeGreaterThan(0);
  expect(figures.escalation_alert_p99_ms).toBeGreaterThanOrEqual(figures.escalation_alert_p50_ms!);
}, 60_000);
