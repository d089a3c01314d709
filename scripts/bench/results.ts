import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const dir = path.resolve(import.meta.dirname, "../../loadtest/results");

/** What the issue asks for, shown next to the measured value in the summary. */
export const TARGETS: Record<string, string> = {
  relay_ratio: "≥ 0.6",
  relay_cpu_ratio: "≤ 2 (relay_server_cpu_us_per_msg / baseline_server_cpu_us_per_msg)",
  delivery_p99_ms: "< 15 (at 2,000 msgs/s)",
  connections_held: "≥ 19,000",
  rss_kb_per_connection: "≤ 25",
  assignment_p99_ms: "< 100",
  two_node_scaling: "≥ 1.6 (where cores allow)",
  escalation_alert_p99_ms: "< 2,000",
  flagged_waiting_alert_p99_ms: "< 2,000",
  risk_us_per_message: "< 200",
};

/** The machine, for every table: cores, memory, Node, and how busy it was when the run started. */
export function machineLine(): string {
  return `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(2)} at start`;
}

/** One markdown table of every key in latest.json, with the targets beside them. */
export function writeSummary(figures: Record<string, number>, startedAt: Date, machine: string): void {
  const rows = Object.keys(figures)
    .sort()
    .map((k) => `| ${k} | ${figures[k]} | ${TARGETS[k] ?? ""} |`);
  const text = [
    `# npm run bench (${startedAt.toISOString()}, ${machine})`,
    "",
    "| key | value | target |",
    "|---|---|---|",
    ...rows,
    "",
  ].join("\n");
  writeFileSync(path.join(dir, "bench-summary.md"), text);
}

export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/**
 * Merges one benchmark's figures into latest.json (flat keys, numbers) and writes its own
 * markdown table, with the date and the machine.
 */
export async function writeResults(name: string, figures: Record<string, number>): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "latest.json");
  const previous = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, number>) : {};
  writeFileSync(file, `${JSON.stringify({ ...previous, ...figures }, null, 2)}\n`);
  const machine = machineLine();
  const rows = Object.entries(figures).map(([k, v]) => `| ${k} | ${v} |`);
  writeFileSync(
    path.join(dir, `${name}.md`),
    [`# ${name} (${new Date().toISOString()}, ${machine})`, "", "| key | value |", "|---|---|", ...rows, ""].join("\n"),
  );
}
