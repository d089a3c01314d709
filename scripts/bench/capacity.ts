/**
 * Capacity benchmarks:
 * - connections: idle youth sockets one Inloop process holds (< 1% errors), and its RSS per socket;
 * - assignment: queue join → `conversation:assigned` for youths arriving over a few seconds at an
 *   auto-assign location with enough free volunteers.
 */

import { addVolunteers, askAll, rssKb, startInloop, startWorkers } from "./lib/processes";
import { percentile } from "./results";

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export interface ConnectionOptions {
  /** Sockets to open in total; the process's open-file limit (20,000 here) bounds it. */
  target: number;
  workers: number;
  /** Connection attempts in flight per worker. */
  concurrency: number;
}

export const FULL_CONNECTIONS: ConnectionOptions = { target: 19_300, workers: 4, concurrency: 100 };

export async function benchConnections(o: ConnectionOptions = FULL_CONNECTIONS): Promise<Record<string, number>> {
  const service = await startInloop(1);
  const workers = startWorkers(o.workers);
  try {
    const server = service.servers[0]!;
    await new Promise((r) => setTimeout(r, 1000));
    const before = rssKb(server.pid);
    const started = Date.now();
    const share = (i: number) => Math.floor(o.target / o.workers) + (i < o.target % o.workers ? 1 : 0);
    const replies = await askAll(workers, (i) => ({ cmd: "hold", url: server.url, count: share(i), concurrency: o.concurrency }), "held");
    const rampSeconds = (Date.now() - started) / 1000;
    const connected = replies.reduce((n, r) => n + r.connected, 0);
    const errors = replies.reduce((n, r) => n + r.errors, 0);
    const after = rssKb(server.pid);
    const errorRate = errors / o.target;
    return {
      connections_attempted: o.target,
      // Held only counts when the error rate stays under 1%.
      connections_held: errorRate < 0.01 ? connected : 0,
      connections_error_rate: round(errorRate, 4),
      connections_ramp_per_s: Math.round(connected / rampSeconds),
      rss_kb_per_connection: round((after - before) / Math.max(1, connected), 1),
      server_rss_mb_at_held: Math.round(after / 1024),
    };
  } finally {
    await Promise.all(workers.map((w) => w.close()));
    await service.cleanup();
  }
}

export interface AssignmentOptions {
  youths: number;
  spreadMs: number;
  workers: number;
}

export const FULL_ASSIGNMENT: AssignmentOptions = { youths: 500, spreadMs: 10_000, workers: 2 };

export async function benchAssignment(o: AssignmentOptions = FULL_ASSIGNMENT): Promise<Record<string, number>> {
  const service = await startInloop(1);
  const workers = startWorkers(o.workers);
  try {
    const url = service.servers[0]!.url;
    // Amsterdam assigns automatically. Enough free volunteers: a chat slot (3 per volunteer) for every youth.
    const volunteers = await addVolunteers(service.prefix, Math.ceil(o.youths / 3) + 1, "amsterdam", "assign");
    const staffWorker = startWorkers(1)[0]!;
    workers.push(staffWorker);
    await staffWorker.ask(
      {
        cmd: "inloop-pairs",
        groups: volunteers.map((v) => ({
          staffUrl: url,
          email: v.email,
          password: v.password,
          youthUrls: [],
          locationChoice: "amsterdam",
        })),
      },
      "ready",
    );
    const youthWorkers = workers.slice(0, o.workers);
    const share = (i: number) => Math.floor(o.youths / o.workers) + (i < o.youths % o.workers ? 1 : 0);
    await askAll(youthWorkers, (i) => ({ cmd: "arm-youths", url, count: share(i) }), "armed");
    const replies = await askAll(youthWorkers, () => ({ cmd: "join-spread", spreadMs: o.spreadMs, locationChoice: "amsterdam" }), "joined");
    const samples = replies.flatMap((r) => r.latenciesMs).sort((a, b) => a - b);
    return {
      assignment_youths: o.youths,
      assignment_spread_s: o.spreadMs / 1000,
      assignment_volunteers: volunteers.length,
      assignment_p50_ms: round(percentile(samples, 0.5)),
      assignment_p99_ms: round(percentile(samples, 0.99)),
      assignment_max_ms: round(samples.at(-1) ?? NaN),
      assignment_failed: replies.reduce((n, r) => n + r.errors, 0),
    };
  } finally {
    await Promise.all(workers.map((w) => w.close()));
    await service.cleanup();
  }
}
