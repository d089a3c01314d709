import { type FiguresQuery, type FiguresReport, NO_LOCATION } from "../../shared/protocol/figures";
import { managedLocationIds } from "../domain/access/scope";
import { aggregateEvents, WARM_UP_MS } from "../domain/figures/aggregate";
import type { HourBucket } from "../domain/figures/buckets";
import { figuresCsv } from "../domain/figures/csv";
import { buildReport, type FigureLocation, type Period } from "../domain/figures/report";
import { zonedLocalToInstant } from "../domain/openingHours";
import type { Staff } from "../domain/staff";
import type { AccessLogStore, DirectoryStore, EventStore, FigureStore } from "../store/Store";
import { recordAccess } from "./AccessLog";
import type { ServiceDeps } from "./context";
import { fail } from "./errors";

/** The zone days are told in for youths who left the queue without choosing a location. */
const SERVICE_TIME_ZONE = "Europe/Amsterdam";

/**
 * The figures a coordinator may read: only the locations they run (a national coordinator: all,
 * plus the youths who chose no location). Reads the rolled-up buckets and adds the hours not
 * rolled up yet straight from the events, so the dashboard is current to the minute.
 */
export class FiguresService {
  constructor(private readonly deps: ServiceDeps<AccessLogStore & DirectoryStore & EventStore & FigureStore>) {}

  async report(staff: Staff, query: FiguresQuery): Promise<FiguresReport> {
    const locations = await this.scope(staff, query.locations);
    return buildReport(await this.buckets(locations, query), locations, query);
  }

  /** The CSV export and the file name it is offered under. */
  async csv(staff: Staff, query: FiguresQuery): Promise<{ filename: string; body: string }> {
    const locations = await this.scope(staff, query.locations);
    // The export leaves the service: recorded per location, like a read (it holds no words, only counts).
    for (const l of locations) await recordAccess(this.deps, staff, "export", "figures", { locationId: l.id });
    const body = figuresCsv(await this.buckets(locations, query), locations, query);
    return { filename: `inloop-figures-${query.from}-${query.to}.csv`, body };
  }

  /** The locations asked for, each one checked against what this coordinator runs; none asked: all of those. */
  private async scope(staff: Staff, requested: readonly string[] | undefined): Promise<FigureLocation[]> {
    const all = await this.deps.store.listLocations();
    const managed = new Set(
      managedLocationIds(
        staff,
        all.map((l) => l.id),
      ),
    );
    if (managed.size === 0) fail("FORBIDDEN", "You run no locations");
    const national = staff.manages === "all";
    const mine: FigureLocation[] = all
      .filter((l) => managed.has(l.id))
      .map(({ id, name, timeZone }) => ({ id, name, timeZone }))
      .sort((a, b) => a.name.localeCompare(b.name));
    if (national) mine.push({ id: NO_LOCATION, name: "(no location chosen)", timeZone: SERVICE_TIME_ZONE });
    if (!requested) return mine;
    // Unknown and foreign ids get the same answer, so the reply does not tell which locations exist.
    const foreign = requested.filter((id) => !mine.some((l) => l.id === id));
    if (foreign.length > 0) fail("FORBIDDEN", `Not a location you run: ${foreign.join(", ")}`);
    return mine.filter((l) => requested.includes(l.id));
  }

  /** Stored buckets of the period, plus the hours since the last rollup computed from the events. */
  private async buckets(locations: readonly FigureLocation[], period: Period): Promise<HourBucket[]> {
    const { store, clock } = this.deps;
    const zones = [...new Set(locations.map((l) => l.timeZone))];
    const from = Math.min(...zones.map((z) => zonedLocalToInstant(period.from, "00:00", z)));
    const to = Math.min(clock.now() + 1, Math.max(...zones.map((z) => zonedLocalToInstant(period.to, "24:00", z))));
    if (to <= from) return [];
    const mark = await store.figuresRolledUpTo();
    const stored = mark > from ? await store.listFigureBuckets(from, Math.min(mark, to)) : [];
    if (to <= mark) return stored;
    const tailFrom = Math.max(from, mark);
    const recent = aggregateEvents(await store.listEvents(tailFrom - WARM_UP_MS), { from: tailFrom, to });
    return [...stored, ...recent];
  }
}
