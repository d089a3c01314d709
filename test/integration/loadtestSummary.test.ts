import { describe, expect, it } from "vitest";
import { type ArtilleryReport, summariseReport } from "../../scripts/loadtest/summary";

describe("the load test summary", () => {
  it("turns artillery's aggregate into one table: users, emits per second, ack latency, errors", () => {
    const report: ArtilleryReport = {
      aggregate: {
        counters: { "vusers.created": 300, "vusers.completed": 297, "vusers.failed": 3, "socketio.emit": 18_900, "errors.Failed match": 3 },
        summaries: { "socketio.response_time": { min: 0.4, max: 3529.9, count: 18_900, p50: 596, p95: 1107.9, p99: 1495.5 } },
        firstMetricAt: 1_000,
        lastMetricAt: 61_000,
      },
    };
    const text = summariseReport("storm", report);
    expect(text).toContain("## storm");
    expect(text).toContain("| virtual users failed | 3 |");
    expect(text).toContain("| emits per second (mean) | 315 |");
    expect(text).toContain("| ack round trip p50 / p95 / p99 / max (ms) | 596 / 1107.9 / 1495.5 / 3529.9 |");
    expect(text).toContain("| errors.Failed match | 3 |");
    expect(text).not.toContain("HTTP response");
  });

  it("says zero errors when there were none", () => {
    const text = summariseReport("chat", { aggregate: { counters: { "vusers.created": 1 }, summaries: {} } });
    expect(text).toContain("| errors | 0 |");
    expect(text).toContain("| duration (s) | ? |");
  });
});
