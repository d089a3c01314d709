import type { QueueEntry } from "./conversation";
import { type Location, type TimeWindow, WEEKDAYS, type Weekday } from "./location";
import type { RoutingContext } from "./queue";
import type { Presence, Staff } from "./staff";

/** Test factories: the smallest valid object, with the fields a test cares about overridden. */
export function buildLocation(over: Partial<Location> = {}): Location {
  const allDay: TimeWindow[] = [{ start: "00:00", end: "24:00" }];
  return {
    id: "leiden",
    name: "Leiden",
    timeZone: "Europe/Amsterdam",
    weeklyHours: Object.fromEntries(WEEKDAYS.map((d) => [d, allDay])) as Record<Weekday, TimeWindow[]>,
    exceptions: [],
    overflowSeconds: 60,
    skillWindowSeconds: 45,
    autoAssign: false,
    snippets: [],
    wrapUpTopics: [],
    ...over,
  };
}

let entryCounter = 0;
export function buildEntry(over: Partial<QueueEntry> = {}): QueueEntry {
  entryCounter += 1;
  return {
    id: `c_test${String(entryCounter).padStart(8, "0")}`,
    youthId: `y${entryCounter}`,
    status: "queued",
    locationChoice: "any",
    priority: 0,
    queuedAt: 0,
    lastSeq: 0,
    youthDeliveredSeq: 0,
    staffDeliveredSeq: 0,
    ...over,
  };
}

export function buildPresence(over: Partial<Presence> = {}): Presence {
  return { staffId: "v1", locationId: "leiden", status: "available", capacity: 2, load: 0, lastAssignedAt: 0, since: 0, ...over };
}

export function routing(p: {
  now: number;
  locations: Location[];
  presence: Presence[];
  skills?: Record<string, string[]>;
}): RoutingContext {
  return {
    now: p.now,
    locations: new Map(p.locations.map((l) => [l.id, l])),
    presence: p.presence,
    staffSkills: new Map(Object.entries(p.skills ?? {})),
  };
}

export function buildStaff(over: Partial<Staff> = {}): Staff {
  return {
    id: "st_test",
    email: "test@inloop.test",
    displayName: "Test",
    role: "volunteer",
    locationId: "leiden",
    passwordHash: "x",
    active: true,
    skills: [],
    ...over,
  };
}
