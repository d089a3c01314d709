import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const dir = path.resolve(import.meta.dirname, "../../loadtest/results");

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
  writeFileSync(file, JSON.stringify({ ...previous, ...figures }, null, 2) + "\n");
  const machine = `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const rows = Object.entries(figures).map(([k, v]) => `| ${k} | ${v} |`);
  writeFileSync(path.join(dir, `${name}.md`), [`# ${name} (${new Date().toISOString()}, ${machine})`, "", "| key | value |", "|---|---|", ...rows, ""].join("\n"));
}
