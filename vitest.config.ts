import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

/**
 * The screen galleries: every youth and console screen at phone and laptop sizes, each checked with
 * axe-core (two minutes on two cores). `npm run test:slow` runs them; CI runs both commands.
 */
const SCREENS = ["test/e2e/youthScreens.e2e.test.ts", "test/e2e/consoleScreens.e2e.test.ts"];

/**
 * Long runs that `npm test` leaves to `npm run test:slow` (CI runs both): fault scenarios (SIGKILL,
 * Redis restarts), the fuzzer, the bench smoke run and the conformance kill rounds.
 */
const SLOW = [
  "test/integration/faults.test.ts",
  "test/integration/fuzz.test.ts",
  "test/integration/bench.smoke.test.ts",
  "test/conformance/kills.test.ts",
];

/**
 * The projects of `npm test` run their files without a fresh module graph each (`isolate: false`):
 * every integration and browser file imports the whole server (and playwright), about two seconds
 * per file on this two-core machine, a third of the run. No such test file mocks modules or changes
 * globals; each starts its own servers and browser, and Redis state lives under a prefix per file.
 * The client project stays isolated: its DOM environment does change globals.
 * A file that came to need a fresh graph would set `isolate: true` in a project of its own.
 */
const SHARED_MODULES = { isolate: false };

export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores: one on a two-core machine. Most files
    // wait on sockets, Redis and Chromium more than they compute, so two files at once save about a
    // sixth of `npm test` there (328 s to 271 s, measured 2026-12-04); slow scenarios keep their
    // own timing (`npm run test:slow` passes --maxWorkers=1).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        test: {
          name: "unit",
          ...SHARED_MODULES,
          include: ["server/**/*.test.ts", "shared/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "client",
          // Isolated: happy-dom puts a window's globals (timers among them) on the worker, and a
          // server file that ran after it in the same worker once had a timer never fire (the
          // connections test's idle socket stayed open, two CI runs in four).
          include: ["client/**/*.test.{ts,tsx}"],
          environment: "happy-dom",
        },
      },
      {
        test: {
          name: "integration",
          ...SHARED_MODULES,
          include: ["test/integration/**/*.test.ts"],
          exclude: SLOW,
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          // The protocol as a contract: two processes over Redis, driven as docs/PROTOCOL.md says.
          name: "conformance",
          ...SHARED_MODULES,
          include: ["test/conformance/**/*.test.ts"],
          exclude: SLOW,
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 90_000,
        },
      },
      {
        test: {
          name: "slow",
          include: SLOW,
          environment: "node",
          testTimeout: 300_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "e2e",
          ...SHARED_MODULES,
          include: ["test/e2e/**/*.e2e.test.ts"],
          exclude: SCREENS,
          environment: "node",
          globalSetup: ["test/e2e/globalSetup.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "screens",
          include: SCREENS,
          environment: "node",
          globalSetup: ["test/e2e/globalSetup.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
