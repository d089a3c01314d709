import type { z } from "zod";
import type { CreateLocationBody, LocationAdminView, LocationSettings, LocationView } from "../../../shared/protocol";
import { managedLocationIds } from "../../domain/access/scope";
import type { Location } from "../../domain/location";
import { serviceStatusAt } from "../../domain/openingHours";
import type { Staff } from "../../domain/staff";
import type { DirectoryStore, EventStore } from "../../store/Store";
import type { ServiceDeps } from "../context";
import { fail } from "../errors";

/** Used where a location was stored before it had its own skill window. */
export const DEFAULT_SKILL_WINDOW_SECONDS = 45;

export function locationAdminView(l: Location): LocationAdminView {
  return {
    id: l.id,
    name: l.name,
    timeZone: l.timeZone,
    weeklyHours: l.weeklyHours,
    exceptions: l.exceptions,
    overflowSeconds: l.overflowSeconds,
    autoAssign: l.autoAssign,
    skillWindowSeconds: l.skillWindowSeconds ?? DEFAULT_SKILL_WINDOW_SECONDS,
    wrapUpTopics: l.wrapUpTopics,
    volunteerSecondFactor: l.volunteerSecondFactor ?? false,
    snippets: l.snippets,
  };
}

export function consoleLocationView(l: Location): LocationView {
  return { id: l.id, name: l.name, autoAssign: l.autoAssign, snippets: l.snippets ?? [], wrapUpTopics: l.wrapUpTopics ?? [] };
}

/**
 * Coordinators run their locations: opening hours, overflow, routing, topics and snippets. Every
 * process reads locations from the store, so a change counts everywhere at once; pages are told.
 */
export class LocationAdminService {
  constructor(private readonly deps: ServiceDeps<DirectoryStore & EventStore>) {}

  async list(actor: Staff): Promise<LocationAdminView[]> {
    const all = await this.deps.store.listLocations();
    const mine = new Set(
      managedLocationIds(
        actor,
        all.map((l) => l.id),
      ),
    );
    return all.filter((l) => mine.has(l.id)).map(locationAdminView);
  }

  async update(actor: Staff, id: string, settings: LocationSettings): Promise<LocationAdminView> {
    const all = await this.deps.store.listLocations();
    const current = all.find((l) => l.id === id);
    if (!current) fail("NOT_FOUND", "No such location");
    if (
      !managedLocationIds(
        actor,
        all.map((l) => l.id),
      ).includes(id)
    )
      fail("FORBIDDEN", "You do not run this location");
    const next: Location = { ...current, ...settings, id };
    await this.deps.store.putLocation(next);
    await this.changed(actor, "location.changed", id);
    return locationAdminView(next);
  }

  /** Only a national coordinator opens a new location. */
  async create(actor: Staff, body: z.infer<typeof CreateLocationBody>): Promise<LocationAdminView> {
    if (actor.role !== "coordinator" || actor.manages !== "all" || !actor.active)
      fail("FORBIDDEN", "Only a national coordinator adds locations");
    const all = await this.deps.store.listLocations();
    if (all.some((l) => l.id === body.id)) fail("CONFLICT", "A location with this id exists");
    const location: Location = { ...body };
    await this.deps.store.putLocation(location);
    await this.changed(actor, "location.created", body.id);
    return locationAdminView(location);
  }

  private async changed(actor: Staff, type: "location.changed" | "location.created", locationId: string): Promise<void> {
    const { store, clock, notifier, log } = this.deps;
    const now = clock.now();
    const locations = await store.listLocations();
    await store.appendEvent({ type, at: now, staffId: actor.id, locationId });
    notifier.emit({ everyone: true }, "service:changed", serviceStatusAt(locations, now));
    notifier.emit({ allStaff: true }, "locations:changed", { locations: locations.map(consoleLocationView) });
    log.info({ event: type, locationId, staffId: actor.id }, "location settings changed");
  }
}
