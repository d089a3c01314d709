/**
 * `npm start` runs this first: builds the pages when client/dist is missing or older than any
 * source it is made from, so a fresh clone serves the real pages without a separate build step.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { build } from "vite";

const root = path.resolve(import.meta.dirname, "..");
const output = path.join(root, "client/dist/index.html");
const sources = ["client/src", "client/index.html", "shared", "vite.config.ts", "package-lock.json"];

function newestMtime(p: string): number {
  const stat = statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(p).reduce((max, name) => Math.max(max, newestMtime(path.join(p, name))), stat.mtimeMs);
}

const newestSource = Math.max(...sources.map((s) => path.join(root, s)).filter(existsSync).map(newestMtime));
if (!existsSync(output) || statSync(output).mtimeMs < newestSource) {
  console.log("Building the pages (client/dist)…");
  await build({ configFile: path.join(root, "vite.config.ts"), logLevel: "warn" });
}
