import { describe, expect, it } from "vitest";
import { benchAdapters } from "../../scripts/bench/adapters";
import { benchAssignment, benchConnections } from "../../scripts/bench/capacity";
import { benchEscalation } from "../../scripts/bench/escalation";
import { benchBaseline, benchRelay, benchRelayRounds, benchTwoNode } from "../../scripts/bench/relay";
import { redisAvailable } from "../helpers/redis";

const reachable = await redisAvailable("bench smoke");

// The benchmarks' own code paths, briefly and small: the full run (`npm run bench`) is not part of the tests.
describe.skipIf(!reachable)("bench smoke", () => {
  it("escalation bench runs end to end and measures something sensible", async () => {
    const figures = await benchEscalation(20);
    expect(figures.escalation_alert_runs).toBe(20);
    expect(figures.escalation_alert_p50_ms).toBeGreaterThan(0);
    expect(figures.escalation_alert_p99_ms).toBeGreaterThanOrEqual(figures.escalation_alert_p50_ms!);
  }, 60_000);

  it("relay benches: bare baseline, Inloop on Redis (with delivery latency), two nodes", async () => {
    const tiny = { pairs: 3, workers: 1, window: 2, warmupMs: 200, measureMs: 800, offeredPerS: 100 };
    const baseline = await benchBaseline(tiny);
    expect(baseline.baseline_relay_msgs_per_s).toBeGreaterThan(0);
    expect(baseline.baseline_server_cpu_us_per_msg).toBeGreaterThan(0);
    const relay = await benchRelay(tiny, {
      perS: baseline.baseline_relay_msgs_per_s,
      cpuUsPerMsg: baseline.baseline_server_cpu_us_per_msg,
    });
    expect(relay.relay_msgs_per_s).toBeGreaterThan(0);
    expect(relay.relay_refused).toBe(0);
    expect(relay.relay_ratio).toBeCloseTo(relay.relay_msgs_per_s! / baseline.baseline_relay_msgs_per_s!, 1);
    expect(relay.relay_server_cpu_us_per_msg).toBeGreaterThan(0);
    expect(relay.relay_cpu_ratio).toBeCloseTo(relay.relay_server_cpu_us_per_msg! / baseline.baseline_server_cpu_us_per_msg!, 1);
    expect(relay.delivery_offered_msgs_per_s).toBeGreaterThan(0);
    expect(relay.delivery_p99_ms).toBeGreaterThanOrEqual(relay.delivery_p50_ms!);
    expect(relay.delivery_late_or_refused).toBe(0);
    expect(relay.delivery_at_target_p99_ms).toBeGreaterThan(0);
    const twoNode = await benchTwoNode(tiny, relay.relay_msgs_per_s);
    expect(twoNode.two_node_relay_msgs_per_s).toBeGreaterThan(0);
    expect(twoNode.two_node_scaling).toBeGreaterThan(0);
    const rounds = await benchRelayRounds(tiny, 2);
    const ratios = [1, 2].map((r) => rounds[`rounds_${r}_relay_msgs_per_s`]! / rounds[`rounds_${r}_baseline_msgs_per_s`]!);
    expect(rounds.rounds_relay_ratio_median).toBeCloseTo((ratios[0]! + ratios[1]!) / 2, 1);
    expect(rounds.rounds_relay_ratio_min).toBeCloseTo(Math.min(...ratios), 1);
    expect(rounds.rounds_relay_cpu_ratio_median).toBeGreaterThan(0);
  }, 120_000);

  it("capacity benches: idle connections held with RSS per connection, assignment latency", async () => {
    const held = await benchConnections({ target: 200, workers: 2, concurrency: 20 });
    expect(held.connections_held).toBe(200);
    expect(held.rss_kb_per_connection).toBeGreaterThan(0);
    const assigned = await benchAssignment({ youths: 20, spreadMs: 1000, workers: 1 });
    expect(assigned.assignment_failed).toBe(0);
    expect(assigned.assignment_p99_ms).toBeGreaterThanOrEqual(assigned.assignment_p50_ms!);
  }, 90_000);

  it("adapter comparison relays across two processes (the Streams adapter; the others share its code path)", async () => {
    const figures = await benchAdapters({
      pairs: 2,
      workers: 1,
      window: 2,
      warmupMs: 200,
      measureMs: 600,
      offeredPerS: 50,
      adapters: ["streams"],
    });
    expect(figures.adapter_streams_two_node_msgs_per_s).toBeGreaterThan(0);
    expect(figures.adapter_streams_p99_ms).toBeGreaterThan(0);
  }, 60_000);
});
