/**
 * `npm run bench -- fuzz`: the property-based fuzzer of test/integration/fuzz.test.ts at full size,
 * at least 100,000 cases over every socket event, events out of order, and every HTTP route. Two
 * worker processes (one per core), each with its own in-process server on the memory store, so a
 * case's "store unchanged" check sees only its own requests. Any failed property stops the run
 * with fast-check's counterexample.
 */
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { type RequestName, Requests } from "../../shared/protocol";
import {
  emptyCounts,
  FUZZ_ENV,
  type FuzzCounts,
  FuzzWorld,
  fuzzEventOrder,
  fuzzHttp,
  fuzzSocketEvent,
  listRoutes,
} from "../../test/helpers/fuzz";
import { startTestServer, stopServer } from "../../test/helpers/servers";

const WORKERS = 2;

/** One worker's share: cases split over socket events (85%), event order (5%, ~4.5 events each) and HTTP (10%). */
async function runShare(total: number): Promise<FuzzCounts> {
  const server = await startTestServer(FUZZ_ENV);
  const world = new FuzzWorld(server);
  const counts = emptyCounts();
  try {
    await world.build();
    const events = Object.keys(Requests) as RequestName[];
    const perEvent = Math.ceil((total * 0.85) / events.length);
    for (const event of events) await fuzzSocketEvent(world, counts, event, perEvent);
    await fuzzEventOrder(world, counts, Math.ceil((total * 0.05) / 4.5));
    await fuzzHttp(world, counts, listRoutes(server), Math.ceil(total * 0.1));
    // Out-of-order sequences vary in length: top up with socket cases until the share is reached.
    for (let i = 0; counts.cases < total; i++)
      await fuzzSocketEvent(world, counts, events[i % events.length]!, Math.min(100, total - counts.cases));
    return counts;
  } finally {
    world.close();
    await stopServer(server);
  }
}

/** Runs the workers and adds up what they saw. */
export async function benchFuzz(total = Number(process.env.BENCH_FUZZ_CASES ?? 100_000)): Promise<Record<string, number>> {
  const t0 = performance.now();
  const shares = await Promise.all(
    Array.from(
      { length: WORKERS },
      () =>
        new Promise<FuzzCounts>((resolve, reject) => {
          const child = spawn(process.execPath, ["--import", "tsx", import.meta.filename, "--worker", String(Math.ceil(total / WORKERS))], {
            stdio: ["ignore", "pipe", "inherit"],
          });
          let out = "";
          child.stdout.on("data", (d: Buffer) => (out += d.toString()));
          child.on("exit", (code) => {
            const line = out.trim().split("\n").at(-1) ?? "";
            if (code === 0) resolve(JSON.parse(line) as FuzzCounts);
            else reject(new Error(`fuzz worker failed (exit ${code}):\n${out}`));
          });
        }),
    ),
  );
  const sum = shares.reduce(
    (a, b) =>
      Object.fromEntries(Object.keys(a).map((k) => [k, a[k as keyof FuzzCounts] + b[k as keyof FuzzCounts]])) as unknown as FuzzCounts,
    emptyCounts(),
  );
  return {
    fuzz_cases: sum.cases,
    fuzz_rejected_unchanged: sum.rejected,
    fuzz_accepted: sum.accepted,
    fuzz_without_ack: sum.noAck,
    fuzz_frames_too_large_closed: sum.framesTooLarge,
    fuzz_http_requests: sum.httpRequests,
    fuzz_failures: 0,
    fuzz_seconds: Math.round((performance.now() - t0) / 1000),
  };
}

if (process.argv[2] === "--worker") {
  const counts = await runShare(Number(process.argv[3]));
  console.log(JSON.stringify(counts));
  process.exit(0);
}
