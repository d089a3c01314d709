/**
 * `npm run bench -- risk`: how long the risk scorer takes per youth message, over every message of
 * the evaluation sets in test/fixtures/risk-eval/ (each with its context, as the triage calls it).
 * The first pass runs on an empty stem cache (a fresh process); later passes are the steady state,
 * timed by the wall clock and by CPU time (which a busy machine inflates less).
 * Prints figures only, never message text.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { contextOf, type EvalItem } from "../../server/domain/risk/evaluation";
import { loadDefaultRiskScorer } from "../../server/domain/risk/riskScorer";
import { percentile } from "./results";

const dir = path.resolve(import.meta.dirname, "../../test/fixtures/risk-eval");

/** µs per message: the cold first pass, then the mean and p99 over `rounds` warm passes. */
export async function benchRisk(rounds = 20): Promise<Record<string, number>> {
  const items = readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .flatMap((f) => JSON.parse(readFileSync(path.join(dir, f), "utf8")) as EvalItem[]);
  const calls = items.map((item) => ({ text: item.text, context: contextOf(item) }));
  const t0 = performance.now();
  const score = loadDefaultRiskScorer();
  const compileMs = performance.now() - t0;

  const cold = performance.now();
  for (const c of calls) score(c.text, c.context);
  const coldUs = ((performance.now() - cold) * 1000) / calls.length;

  const each: number[] = [];
  const cpu = process.cpuUsage();
  const warm = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const c of calls) {
      const s = performance.now();
      score(c.text, c.context);
      each.push((performance.now() - s) * 1000);
    }
  }
  const meanUs = ((performance.now() - warm) * 1000) / (rounds * calls.length);
  // CPU time too: on a shared machine wall time also counts the waits for a core.
  const used = process.cpuUsage(cpu);
  const cpuUs = (used.user + used.system) / (rounds * calls.length);
  each.sort((a, b) => a - b);

  // The worst case in a chat: every message read with three earlier youth messages and a question.
  const withContext = calls.map((c, i) => ({
    text: c.text,
    context: { recent: calls.slice(Math.max(0, i - 3), i).map((p) => p.text), lastStaff: "Hoe gaat het nu met je?" },
  }));
  const busy = performance.now();
  for (let r = 0; r < rounds; r++) for (const c of withContext) score(c.text, c.context);
  const contextUs = ((performance.now() - busy) * 1000) / (rounds * calls.length);
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    risk_messages: calls.length,
    risk_compile_ms: round(compileMs),
    risk_us_per_message_cold: round(coldUs),
    risk_us_per_message: round(meanUs),
    risk_cpu_us_per_message: round(cpuUs),
    risk_us_p99: round(percentile(each, 0.99)),
    risk_us_per_message_3_before: round(contextUs),
  };
}
