import { ANY_LOCATION } from "../../shared/protocol";
import type { Location, Millis, Presence, QueueEntry } from "./types";

/** What routing needs to know besides the queue: the time, the locations, who is available. */
export interface RoutingContext {
  now: Millis;
  locations: ReadonlyMap<string, Location>;
  /** Presence of every staff member who may take chats (volunteers). */
  presence: readonly Presence[];
}

/** Priority first (higher first), then longest waiting, then id so the order is total. */
export function compareEntries(a: QueueEntry, b: QueueEntry): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  if (a.queuedAt !== b.queuedAt) return a.queuedAt - b.queuedAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The queue in the order youths are served. */
export function orderQueue(entries: readonly QueueEntry[]): QueueEntry[] {
  return [...entries].sort(compareEntries);
}

/** A volunteer may take chats when on shift as available and below their capacity. */
export function hasFreeSlot(p: Presence): boolean {
  return p.status === "available" && p.load < p.capacity;
}

/** Locations with at least one volunteer set to available, busy or not. */
export function locationsWithAvailableVolunteer(presence: readonly Presence[]): Set<string> {
  return new Set(presence.filter((p) => p.status === "available").map((p) => p.locationId));
}

/**
 * Whether `volunteerLocationId`'s volunteers may take this entry now. A youth who chose a location
 * is kept for that location's volunteers until its overflow time has passed, or at once goes to
 * everyone when nobody there is available; "any" is for everyone.
 */
export function isEligible(
  entry: QueueEntry,
  volunteerLocationId: string,
  ctx: RoutingContext,
  staffedLocations: ReadonlySet<string> = locationsWithAvailableVolunteer(ctx.presence),
): boolean {
  if (entry.locationChoice === ANY_LOCATION || entry.locationChoice === volunteerLocationId) return true;
  const chosen = ctx.locations.get(entry.locationChoice);
  if (!chosen) return true;
  if (!staffedLocations.has(chosen.id)) return true;
  return ctx.now - entry.queuedAt >= chosen.overflowSeconds * 1000;
}

/** The entry a volunteer gets when they press "take next", or undefined when none is theirs to take. */
export function nextEntryFor(
  volunteer: Presence,
  queue: readonly QueueEntry[],
  ctx: RoutingContext,
): QueueEntry | undefined {
  const staffed = locationsWithAvailableVolunteer(ctx.presence);
  return orderQueue(queue).find((e) => isEligible(e, volunteer.locationId, ctx, staffed));
}

export interface ProposedAssignment {
  conversationId: string;
  staffId: string;
}

/**
 * Pairs queued youths with free auto-assign volunteers, best entry first. Among eligible volunteers
 * it prefers the youth's chosen location, then the lightest load, then whoever has been idle longest.
 * These are proposals: the store's atomic claim decides.
 */
export function planAutoAssignments(queue: readonly QueueEntry[], ctx: RoutingContext): ProposedAssignment[] {
  const staffed = locationsWithAvailableVolunteer(ctx.presence);
  const free = ctx.presence
    .filter((p) => hasFreeSlot(p) && ctx.locations.get(p.locationId)?.autoAssign)
    .map((p) => ({ ...p }));
  const plan: ProposedAssignment[] = [];
  for (const entry of orderQueue(queue)) {
    const candidates = free.filter((p) => p.load < p.capacity && isEligible(entry, p.locationId, ctx, staffed));
    if (candidates.length === 0) continue;
    candidates.sort(
      (a, b) =>
        Number(b.locationId === entry.locationChoice) - Number(a.locationId === entry.locationChoice) ||
        a.load / a.capacity - b.load / b.capacity ||
        a.lastAssignedAt - b.lastAssignedAt,
    );
    const chosen = candidates[0]!;
    chosen.load += 1;
    chosen.lastAssignedAt = ctx.now;
    plan.push({ conversationId: entry.id, staffId: chosen.staffId });
  }
  return plan;
}

/**
 * A youth's place in line: 1 + the entries ahead of them that compete for the same volunteers
 * (same chosen location or "any"; for "any", everyone ahead).
 */
export function positionOf(entryId: string, queue: readonly QueueEntry[]): number | undefined {
  const ordered = orderQueue(queue);
  const index = ordered.findIndex((e) => e.id === entryId);
  if (index < 0) return undefined;
  const me = ordered[index]!;
  const ahead = ordered
    .slice(0, index)
    .filter(
      (e) =>
        me.locationChoice === ANY_LOCATION ||
        e.locationChoice === ANY_LOCATION ||
        e.locationChoice === me.locationChoice,
    );
  return ahead.length + 1;
}
