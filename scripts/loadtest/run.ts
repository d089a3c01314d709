/**
 * `npm run loadtest [-- scenario…]`: starts an Inloop server on Redis (its own key prefix), adds
 * volunteer accounts, runs the artillery scenarios in loadtest/scenarios/ against it (127.0.0.1
 * only), stops it and deletes its keys, and writes each artillery JSON report plus loadtest-summary.md to
 * loadtest/results/. Installs loadtest/'s own dependencies (artillery 2.0.21) on first use.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { REDIS_URL, redisAnswers } from "../../test/helpers/redis";
import { addVolunteers, startInloop } from "../bench/lib/processes";
import { type ArtilleryReport, summariseReport } from "./summary";

const dir = path.resolve(import.meta.dirname, "../../loadtest");
const results = path.join(dir, "results");
const artillery = path.join(dir, "node_modules/.bin/artillery");

/** Runs a command to the end with inherited output; rejects on a non-zero exit. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: dir, env, stdio: "inherit" });
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(command)} ${args[0]} exited with ${code}`))));
  });
}

/** Assignments and messages relayed (by sender role) from the server's /metrics, summed over labels. */
async function serverCounts(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const counts: Record<string, number> = { "youths assigned": 0, "messages from youths": 0, "messages from volunteers": 0 };
  for (const line of text.split("\n")) {
    const value = Number(line.slice(line.lastIndexOf(" ") + 1));
    if (line.startsWith("inloop_assignments_total{")) counts["youths assigned"]! += value;
    if (line.startsWith('inloop_messages_relayed_total{role="youth"}')) counts["messages from youths"]! += value;
    if (line.startsWith('inloop_messages_relayed_total{role="volunteer"}')) counts["messages from volunteers"]! += value;
  }
  return counts;
}

async function main(): Promise<void> {
  if (!(await redisAnswers(1000))) throw new Error(`npm run loadtest needs Redis at ${REDIS_URL}`);
  // artillery's install pulls a Playwright browser package whose install step downloads a browser: never here.
  const env = { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" };
  if (!existsSync(artillery)) {
    console.log("loadtest: installing loadtest/ dependencies (artillery 2.0.21)…");
    await run("npm", ["ci", "--no-audit", "--no-fund"], env);
  }
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
  const scenarios = readdirSync(path.join(dir, "scenarios"))
    .filter((f) => f.endsWith(".yml"))
    .map((f) => f.replace(/\.yml$/, ""))
    .filter((name) => wanted.length === 0 || wanted.includes(name));
  if (scenarios.length === 0) throw new Error(`no scenario matches ${wanted.join(", ")}`);

  const service = await startInloop(1);
  const url = service.servers[0]!.url;
  // Traffic goes to this machine only.
  if (new URL(url).hostname !== "127.0.0.1") throw new Error(`refusing to load-test ${url}: 127.0.0.1 only`);
  mkdirSync(results, { recursive: true });
  const started = new Date();
  const sections: string[] = [];
  try {
    const volunteers = await addVolunteers(service.prefix, 30, "leiden", "lt");
    for (const name of scenarios) {
      console.log(`loadtest: ${name} against ${url}`);
      const output = path.join(results, `artillery-${name}.json`);
      const before = await serverCounts(url);
      await run(artillery, ["run", "--quiet", "--target", url, "--output", output, `scenarios/${name}.yml`], {
        ...env,
        INLOOP_VOLUNTEERS: JSON.stringify(volunteers),
      });
      const after = await serverCounts(url);
      // What the server itself counted (its /metrics), next to what artillery saw.
      const served = Object.entries(after).map(([k, v]) => `| server: ${k} | ${v - (before[k] ?? 0)} |`);
      sections.push(
        `${summariseReport(name, JSON.parse(readFileSync(output, "utf8")) as ArtilleryReport).trimEnd()}\n${served.join("\n")}\n`,
      );
    }
  } finally {
    await service.cleanup();
  }
  const machine = `${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(2)} at the end`;
  const text = [
    `# npm run loadtest (${started.toISOString()}, ${machine})`,
    "",
    `Server: one Inloop process on Redis (${REDIS_URL}), limits lifted for one test network; artillery 2.0.21 on the same cores.`,
    "",
    ...sections,
  ].join("\n");
  writeFileSync(path.join(results, "loadtest-summary.md"), text);
  console.log(`\n${text}\nloadtest: reports in loadtest/results/`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
