import { ANY_LOCATION, type Topic } from "../../shared/protocol";
import type { Millis } from "./clock";
import type { QueueEntry } from "./conversation";
import type { Location } from "./location";
import type { Presence } from "./staff";

/** What routing needs to know besides the queue: the time, the locations, who is available. */
export interface RoutingContext {
  now: Millis;
  locations: ReadonlyMap<string, Location>;
  /** Presence of every staff member who may take chats (volunteers). */
  presence: readonly Presence[];
  /** Skills (booster trainings and free-form) by staff id; someone missing has none. */
  staffSkills: ReadonlyMap<string, readonly string[]>;
}

/** A youth's topic that matches a booster training: volunteers who hold it are offered them first. */
export const TOPIC_SKILLS: Readonly<Partial<Record<Topic, string>>> = {
  "self-harm-suicide": "suicidality",
  "body-eating": "eating-disorders",
  "abuse-exploitation": "sexual-exploitation",
  migration: "migrant-refugee",
};

/** For locations stored before the window was configurable. */
export const DEFAULT_SKILL_WINDOW_SECONDS = 45;

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

/**
 * Whether a youth can be handed to someone now: not while their page is disconnected. They keep
 * their place (position and queue time stay), so once back they are first again.
 */
export function isReachable(entry: QueueEntry): boolean {
  return entry.disconnectedAt === undefined;
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
 * Whether `volunteerLocationId`'s volunteers may take this entry now, by location alone. A youth who
 * chose a location is kept for that location's volunteers until its overflow time has passed, or at
 * once goes to everyone when nobody there is available; "any" is for everyone.
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

/** Why some volunteers are offered a youth first. */
export type PreferenceReason = "return" | "skill";

/** Volunteers offered a youth first, until `until`; then the usual rules apply. */
export interface Preference {
  reason: PreferenceReason;
  staffIds: ReadonlySet<string>;
  until: Millis;
}

/**
 * Who suits this youth best among the volunteers with room for a chat now: the volunteer of their
 * return code (wherever that volunteer works: the youth asked for them), else those with the booster
 * training for their topic whom the location rules let take the youth. Undefined when nobody suits
 * or nobody suitable is free: then nobody is waited for.
 */
export function bestMatch(
  entry: QueueEntry,
  ctx: RoutingContext,
  staffed: ReadonlySet<string>,
  presence: readonly Presence[] = ctx.presence,
): { reason: PreferenceReason; volunteers: Presence[] } | undefined {
  const free = presence.filter(hasFreeSlot);
  const returning = entry.preferredStaffId ? free.filter((p) => p.staffId === entry.preferredStaffId) : [];
  if (returning.length > 0) return { reason: "return", volunteers: returning };
  const skill = entry.topic && TOPIC_SKILLS[entry.topic];
  if (!skill) return undefined;
  const skilled = free.filter((p) => ctx.staffSkills.get(p.staffId)?.includes(skill) && isEligible(entry, p.locationId, ctx, staffed));
  return skilled.length > 0 ? { reason: "skill", volunteers: skilled } : undefined;
}

/**
 * The preference window in force for this entry now, or null when there is none. Never for a flagged youth (priority
 * > 0): they go to whoever is free first. The window runs from the moment they joined the queue and
 * lasts the chosen location's `skillWindowSeconds` (for "any": the shortest among the locations of
 * the volunteers preferred), so a preference can delay a youth by at most that much.
 */
export function preferenceFor(
  entry: QueueEntry,
  ctx: RoutingContext,
  staffed: ReadonlySet<string> = locationsWithAvailableVolunteer(ctx.presence),
  presence: readonly Presence[] = ctx.presence,
): Preference | null {
  if (entry.priority > 0) return null;
  const match = bestMatch(entry, ctx, staffed, presence);
  if (!match) return null;
  const until = entry.queuedAt + windowSeconds(entry, match.volunteers, ctx) * 1000;
  if (ctx.now >= until) return null;
  return { reason: match.reason, staffIds: new Set(match.volunteers.map((p) => p.staffId)), until };
}

function windowSeconds(entry: QueueEntry, preferred: readonly Presence[], ctx: RoutingContext): number {
  const of = (locationId: string) => ctx.locations.get(locationId)?.skillWindowSeconds ?? DEFAULT_SKILL_WINDOW_SECONDS;
  if (entry.locationChoice !== ANY_LOCATION && ctx.locations.has(entry.locationChoice)) return of(entry.locationChoice);
  return Math.min(...preferred.map((p) => of(p.locationId)));
}

/**
 * Whether this volunteer may take the entry now: during a preference window only the preferred
 * volunteers may; otherwise the location rules decide.
 */
export function mayTake(
  entry: QueueEntry,
  volunteer: Pick<Presence, "staffId" | "locationId">,
  ctx: RoutingContext,
  staffed: ReadonlySet<string> = locationsWithAvailableVolunteer(ctx.presence),
  /** Already worked out by the caller, or null for "no window"; worked out here when left out. */
  preference: Preference | null = preferenceFor(entry, ctx, staffed),
): boolean {
  if (preference) return preference.staffIds.has(volunteer.staffId);
  return isEligible(entry, volunteer.locationId, ctx, staffed);
}

/** The entry a volunteer gets when they press "take next", or undefined when none is theirs to take. */
export function nextEntryFor(volunteer: Presence, queue: readonly QueueEntry[], ctx: RoutingContext): QueueEntry | undefined {
  const staffed = locationsWithAvailableVolunteer(ctx.presence);
  return orderQueue(queue).find((e) => isReachable(e) && mayTake(e, volunteer, ctx, staffed));
}

export interface ProposedAssignment {
  conversationId: string;
  staffId: string;
}

/**
 * Pairs queued youths with free auto-assign volunteers, best entry first. Among the volunteers who
 * may take a youth it prefers the best match (their return-code volunteer or one with the training
 * for their topic, even for a flagged youth, as long as that costs no wait), then the youth's chosen
 * location, then the lightest load, then whoever has been idle longest. A youth kept for a preferred
 * volunteer at a take-next location waits for them to press "take next", at most the window.
 * These are proposals: the store's atomic claim decides.
 */
export function planAutoAssignments(queue: readonly QueueEntry[], ctx: RoutingContext): ProposedAssignment[] {
  const staffed = locationsWithAvailableVolunteer(ctx.presence);
  // Loads change as the plan fills slots, so matches and windows are judged on this working copy.
  const working = ctx.presence.map((p) => ({ ...p }));
  const free = working.filter((p) => hasFreeSlot(p) && ctx.locations.get(p.locationId)?.autoAssign);
  const plan: ProposedAssignment[] = [];
  for (const entry of orderQueue(queue)) {
    if (!isReachable(entry)) continue;
    const preference = preferenceFor(entry, ctx, staffed, working);
    const candidates = free.filter((p) => hasFreeSlot(p) && mayTake(entry, p, ctx, staffed, preference));
    if (candidates.length === 0) continue;
    const matched = new Set(bestMatch(entry, ctx, staffed, working)?.volunteers.map((p) => p.staffId));
    candidates.sort(
      (a, b) =>
        Number(matched.has(b.staffId)) - Number(matched.has(a.staffId)) ||
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
    .filter((e) => me.locationChoice === ANY_LOCATION || e.locationChoice === ANY_LOCATION || e.locationChoice === me.locationChoice);
  return ahead.length + 1;
}
