/** The parts of artillery 2's JSON report (`artillery run --output`) that the summary reads. */
export interface ArtilleryReport {
  aggregate: {
    counters: Record<string, number>;
    summaries: Record<string, { min: number; max: number; count: number; p50: number; p95: number; p99: number }>;
    firstMetricAt?: number;
    lastMetricAt?: number;
  };
}

/** One markdown section per scenario file: virtual users, emits, ack latency, errors. */
export function summariseReport(name: string, report: ArtilleryReport): string {
  const { counters, summaries } = report.aggregate;
  const seconds =
    report.aggregate.firstMetricAt && report.aggregate.lastMetricAt
      ? (report.aggregate.lastMetricAt - report.aggregate.firstMetricAt) / 1000
      : NaN;
  const emits = counters["socketio.emit"] ?? 0;
  const rows: [string, string | number][] = [
    ["duration (s)", Number.isFinite(seconds) ? Math.round(seconds) : "?"],
    ["virtual users created", counters["vusers.created"] ?? 0],
    ["virtual users completed", counters["vusers.completed"] ?? 0],
    ["virtual users failed", counters["vusers.failed"] ?? 0],
    ["socket.io emits", emits],
    ["emits per second (mean)", Number.isFinite(seconds) && seconds > 0 ? Math.round(emits / seconds) : "?"],
  ];
  for (const [metric, label] of [
    ["socketio.response_time", "ack round trip"],
    ["http.response_time", "HTTP response"],
  ] as const) {
    const s = summaries[metric];
    if (s) rows.push([`${label} p50 / p95 / p99 / max (ms)`, `${s.p50} / ${s.p95} / ${s.p99} / ${s.max}`]);
  }
  const errors = Object.entries(counters).filter(([k]) => k.startsWith("errors."));
  for (const [k, v] of errors) rows.push([k, v]);
  if (errors.length === 0) rows.push(["errors", 0]);
  return [`## ${name}`, "", "| measure | value |", "|---|---|", ...rows.map(([k, v]) => `| ${k} | ${v} |`), ""].join("\n");
}
