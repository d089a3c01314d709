/**
 * `npm run bench [-- name…]`: runs the named benchmarks (all by default, in this order) and merges
 * their keys into loadtest/results/latest.json plus one markdown table each. Figures that compare
 * two runs (relay_ratio, two_node_scaling) use this run's figures, or latest.json's when only one
 * side was run now.
 */
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { benchAdapters } from "./adapters";
import { benchAssignment, benchConnections } from "./capacity";
import { benchEscalation } from "./escalation";
import { benchFaults } from "./faults";
import { benchFlagged } from "./flagged";
import { benchFuzz } from "./fuzz";
import { benchBaseline, benchRelay, benchRelayRounds, benchTwoNode } from "./relay";
import { machineLine, writeResults, writeSummary } from "./results";
import { benchRisk } from "./risk";

const latestFile = path.resolve(import.meta.dirname, "../../loadtest/results/latest.json");
const figures: Record<string, number> = existsSync(latestFile)
  ? (JSON.parse(readFileSync(latestFile, "utf8")) as Record<string, number>)
  : {};

const benches: Record<string, () => Promise<Record<string, number>>> = {
  baseline: () => benchBaseline(),
  relay: () => benchRelay(undefined, { perS: figures.baseline_relay_msgs_per_s, cpuUsPerMsg: figures.baseline_server_cpu_us_per_msg }),
  // Baseline and relay again, alternating, judged by the median of adjacent pairs (relay.ts).
  rounds: () => benchRelayRounds(),
  "two-node": () => benchTwoNode(undefined, figures.relay_msgs_per_s),
  connections: () => benchConnections(),
  assignment: () => benchAssignment(),
  escalation: () => benchEscalation(),
  flagged: () => benchFlagged(),
  adapters: () => benchAdapters(),
  risk: () => benchRisk(),
};

/** Long runs (issue 7), only when named: the default run must stay within its time budget. */
const byNameOnly: Record<string, () => Promise<Record<string, number>>> = {
  faults: () => benchFaults(),
  fuzz: () => benchFuzz(),
};

/** Load average below which a bench may start, and how long to wait for it at most. */
const SETTLED_LOAD = 1.0;
const SETTLE_MAX_MS = 90_000;

/** Waits for the load average to settle; returns the seconds waited (recorded beside the bench's figures). */
async function settle(): Promise<number> {
  const from = Date.now();
  while (os.loadavg()[0]! >= SETTLED_LOAD && Date.now() - from < SETTLE_MAX_MS) await new Promise((r) => setTimeout(r, 2_000));
  const waited = Math.round((Date.now() - from) / 1000);
  if (waited > 0) console.log(`bench: waited ${waited} s for the load average to settle (now ${os.loadavg()[0]!.toFixed(2)})`);
  return waited;
}

const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const started = Date.now();
// Taken before any load: the benches share the machine's cores with whatever else is running.
const machine = machineLine();
console.log(`bench: ${machine}`);
// The summary shows what this run measured; latest.json keeps every key ever measured.
const thisRun: Record<string, number> = {};
for (const name of wanted.length ? wanted : Object.keys(benches)) {
  const run = benches[name] ?? byNameOnly[name];
  if (!run) {
    console.error(`unknown benchmark "${name}"; known: ${[...Object.keys(benches), ...Object.keys(byNameOnly)].join(", ")}`);
    process.exit(2);
  }
  // A bench leaves the load average raised for a minute (two cores): each waits for it to settle,
  // so a figure is not taken in the wake of the bench (or anything else) before it.
  thisRun[`settle_wait_s_before_${name.replace(/-/g, "_")}`] = await settle();
  const t0 = Date.now();
  // The machine is shared: each bench's figures sit next to how busy it was when that bench began.
  const load = Math.round(os.loadavg()[0]! * 100) / 100;
  console.log(`bench: ${name} (load average ${load})`);
  thisRun[`loadavg_at_${name.replace(/-/g, "_")}_start`] = load;
  const result = await run();
  Object.assign(figures, result);
  Object.assign(thisRun, result);
  await writeResults(name, result);
  console.log(result, `(${Math.round((Date.now() - t0) / 1000)} s)`);
}
writeSummary(thisRun, new Date(started), machine);
console.log(`bench: done in ${Math.round((Date.now() - started) / 1000)} s; loadtest/results/latest.json and bench-summary.md`);
process.exit(0);
