import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { build } from "vite";

const root = path.resolve(import.meta.dirname, "..");
export const CLIENT_DIST = path.join(root, "client/dist");
const sources = ["client/src", "client/index.html", "shared", "vite.config.ts", "package-lock.json"];

function newestMtime(p: string): number {
  const stat = statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(p).reduce((max, name) => Math.max(max, newestMtime(path.join(p, name))), stat.mtimeMs);
}

/**
 * Builds the pages when client/dist is missing or older than any source it is made from, so a fresh
 * clone serves the real pages without a separate build step. Returns whether it built.
 */
export async function buildClientIfStale(): Promise<boolean> {
  const output = path.join(CLIENT_DIST, "index.html");
  const newestSource = Math.max(
    ...sources
      .map((s) => path.join(root, s))
      .filter(existsSync)
      .map(newestMtime),
  );
  if (existsSync(output) && statSync(output).mtimeMs >= newestSource) return false;
  console.log("Building the pages (client/dist)…");
  // Test runners set NODE_ENV=test, which would make Vite bundle React's development build.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ configFile: path.join(root, "vite.config.ts"), mode: "production", logLevel: "warn" });
  } finally {
    process.env.NODE_ENV = previous;
  }
  return true;
}
