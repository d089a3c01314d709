import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { ANY_LOCATION } from "../../shared/protocol";
import type { DomainEvent } from "../domain/domainEvents";
import type { Store } from "../store/Store";
import { instrumentStore } from "./instrumentStore";

/** Where a socket stands, for the connected-sockets gauge: a role, never who. */
export type SocketRole = "youth" | "volunteer" | "professional" | "coordinator" | "unidentified";

/** What the metrics read at scrape time from the running server. */
export interface MetricsSources {
  /** The roles of this process's connected sockets. */
  socketRoles(): Iterable<SocketRole>;
}

/** Location label for a queue entry or event: known location ids, "any", or "other" (keeps cardinality bounded). */
function locationLabel(value: string | undefined, known: ReadonlySet<string>): string {
  if (value === undefined) return "none";
  if (value === ANY_LOCATION || known.has(value)) return value;
  return "other";
}

/**
 * The Prometheus metrics of one server process. Labels are roles, location ids, levels, event
 * types and store operation names: never a youth's id, a staff id or any text.
 *
 * Counters count what this process did (sum them over processes); gauges read from the shared
 * store (queue, escalations) show the same value on every process (take `max` over processes).
 */
export class Metrics {
  readonly registry = new Registry();
  private knownLocations: ReadonlySet<string> = new Set();

  private readonly sockets = new Gauge({
    name: "inloop_connected_sockets",
    help: "Sockets connected to this process, by role",
    labelNames: ["role"],
    registers: [this.registry],
  });
  private readonly queueLength = new Gauge({
    name: "inloop_queue_length",
    help: "Youths waiting, by the location they chose",
    labelNames: ["location"],
    registers: [this.registry],
  });
  private readonly longestWait = new Gauge({
    name: "inloop_queue_longest_wait_seconds",
    help: "How long the longest-waiting youth has waited, by the location they chose",
    labelNames: ["location"],
    registers: [this.registry],
  });
  private readonly openEscalations = new Gauge({
    name: "inloop_escalations_open",
    help: "Escalations not yet resolved, by level and status (open = nobody claimed it yet)",
    labelNames: ["level", "status"],
    registers: [this.registry],
  });
  private readonly oldestUnclaimed = new Gauge({
    name: "inloop_escalation_oldest_unclaimed_seconds",
    help: "Age of the oldest escalation nobody has claimed, by level (0 when none)",
    labelNames: ["level"],
    registers: [this.registry],
  });
  private readonly storeMemory = new Gauge({
    name: "inloop_store_memory_used_ratio",
    help: "Redis used_memory / maxmemory (absent without a maxmemory); at 1 every write fails",
    registers: [this.registry],
  });
  private readonly storeUp = new Gauge({
    name: "inloop_store_up",
    help: "1 if the store (Redis) accepted the last scrape's write probe, else 0",
    registers: [this.registry],
  });
  private readonly events = new Counter({
    name: "inloop_domain_events_total",
    help: "Domain events recorded by this process, by type",
    labelNames: ["type"],
    registers: [this.registry],
  });
  private readonly assignments = new Counter({
    name: "inloop_assignments_total",
    help: "Youths assigned to a volunteer by this process, by location",
    labelNames: ["location"],
    registers: [this.registry],
  });
  private readonly messages = new Counter({
    name: "inloop_messages_relayed_total",
    help: "Messages persisted and relayed by this process, by the sender's role",
    labelNames: ["role"],
    registers: [this.registry],
  });
  private readonly waitSeconds = new Histogram({
    name: "inloop_queue_wait_seconds",
    help: "Time from queue join to assignment, by location",
    labelNames: ["location"],
    buckets: [5, 30, 60, 120, 300, 600, 1200, 1800, 3600],
    registers: [this.registry],
  });
  private readonly storeSeconds = new Histogram({
    name: "inloop_store_operation_seconds",
    help: "Latency of store calls (on Redis: the command or script round trip), by operation",
    labelNames: ["operation", "outcome"],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });

  constructor(private readonly sources: MetricsSources) {
    // Process memory, CPU, event-loop lag (nodejs_eventloop_lag_*), GC, handles.
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
  }

  /** One labelled child per operation and outcome, so the hot path does not hash labels per call. */
  private readonly storeTimers = new Map<string, { observe(seconds: number): void }>();

  /** The store the services should use: same behaviour, timed and counted. */
  instrument(store: Store): Store {
    return instrumentStore(store, {
      operation: (name, seconds, failed) => {
        const key = failed ? `${name}!` : name;
        let timer = this.storeTimers.get(key);
        if (!timer) {
          timer = this.storeSeconds.labels({ operation: name, outcome: failed ? "error" : "ok" });
          this.storeTimers.set(key, timer);
        }
        timer.observe(seconds);
      },
      event: (event) => this.countEvent(event),
      message: (message) => this.messages.inc({ role: message.senderRole }),
    });
  }

  private countEvent(event: DomainEvent): void {
    this.events.inc({ type: event.type });
    if (event.type === "conversation.assigned") {
      const location = locationLabel(event.locationId, this.knownLocations);
      this.assignments.inc({ location });
      const waitMs = Number(event.data?.waitMs);
      if (Number.isFinite(waitMs)) this.waitSeconds.observe({ location }, waitMs / 1000);
    }
  }

  /** Reads the shared state the gauges show and renders every metric in the text format. */
  async scrape(store: Store, now: number): Promise<string> {
    this.sockets.reset();
    const counts = new Map<SocketRole, number>();
    for (const role of this.sources.socketRoles()) counts.set(role, (counts.get(role) ?? 0) + 1);
    for (const role of ["youth", "volunteer", "professional", "coordinator", "unidentified"] as const)
      this.sockets.set({ role }, counts.get(role) ?? 0);

    try {
      await store.ping();
      const memory = await store.memoryUse();
      this.storeMemory.reset();
      if (memory && memory.maxBytes > 0) this.storeMemory.set(memory.usedBytes / memory.maxBytes);
      const [locations, queue, escalations] = await Promise.all([store.listLocations(), store.listQueue(), store.listEscalations()]);
      this.knownLocations = new Set(locations.map((l) => l.id));
      this.queueLength.reset();
      this.longestWait.reset();
      // Every location shows, 0 when nobody waits, so an alert can tell "empty" from "not scraped".
      for (const label of [...this.knownLocations, ANY_LOCATION]) {
        this.queueLength.set({ location: label }, 0);
        this.longestWait.set({ location: label }, 0);
      }
      const longest = new Map<string, number>();
      for (const entry of queue) {
        const location = locationLabel(entry.locationChoice, this.knownLocations);
        this.queueLength.inc({ location });
        longest.set(location, Math.max(longest.get(location) ?? 0, (now - entry.queuedAt) / 1000));
      }
      for (const [location, seconds] of longest) this.longestWait.set({ location }, seconds);
      this.openEscalations.reset();
      this.oldestUnclaimed.reset();
      for (const level of ["consult", "urgent", "crisis"] as const) {
        const ofLevel = escalations.filter((e) => e.level === level);
        const open = ofLevel.filter((e) => e.status === "open");
        this.openEscalations.set({ level, status: "open" }, open.length);
        this.openEscalations.set({ level, status: "claimed" }, ofLevel.filter((e) => e.status === "claimed").length);
        const oldest = Math.min(...open.map((e) => e.raisedAt));
        this.oldestUnclaimed.set({ level }, open.length ? Math.max(0, (now - oldest) / 1000) : 0);
      }
      this.storeUp.set(1);
    } catch {
      // The store is away: say so, and let the shared-state gauges drop out rather than show stale values.
      this.storeUp.set(0);
      this.storeMemory.reset();
      this.queueLength.reset();
      this.longestWait.reset();
      this.openEscalations.reset();
      this.oldestUnclaimed.reset();
    }
    return this.registry.metrics();
  }
}
