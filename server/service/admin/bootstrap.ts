import { ANY_LOCATION, isTimeZone, NewLocationId } from "../../../shared/protocol";
import { hashSecret, newId, newSecret } from "../../auth/secrets";
import { type Location, type TimeWindow, WEEKDAYS, type Weekday } from "../../domain/location";
import type { Staff } from "../../domain/staff";
import type { DirectoryStore, EventStore, RosterStore } from "../../store/Store";
import { DEFAULT_SKILL_WINDOW_SECONDS } from "./LocationAdminService";

/**
 * The first steps of a fresh production deployment, run from the command line (`npm run admin`)
 * because nobody can log in yet: a first location, and a national coordinator who sets their own
 * password through a one-time link. Everything after that happens in the console.
 */
export async function createLocation(store: DirectoryStore, p: { id: string; name: string; timeZone?: string }): Promise<Location> {
  // The same rules as the console's: an id the API could never address again is refused here too.
  if (!NewLocationId.safeParse(p.id).success)
    throw new Error(`"${p.id}" cannot be a location id: use a-z, 0-9 and - (and not "${ANY_LOCATION}")`);
  if (!isTimeZone(p.timeZone ?? "Europe/Amsterdam")) throw new Error(`unknown time zone "${p.timeZone}"`);
  const existing = (await store.listLocations()).find((l) => l.id === p.id);
  if (existing) throw new Error(`location "${p.id}" exists already`);
  // Closed until a coordinator sets the hours: a new location must not open by accident.
  const closed = Object.fromEntries(WEEKDAYS.map((d) => [d, [] as TimeWindow[]])) as Record<Weekday, TimeWindow[]>;
  const location: Location = {
    id: p.id,
    name: p.name,
    timeZone: p.timeZone ?? "Europe/Amsterdam",
    weeklyHours: closed,
    exceptions: [],
    overflowSeconds: 60,
    skillWindowSeconds: DEFAULT_SKILL_WINDOW_SECONDS,
    autoAssign: false,
    snippets: [],
    wrapUpTopics: [],
  };
  await store.putLocation(location);
  return location;
}

export async function inviteNationalCoordinator(
  store: DirectoryStore & EventStore & RosterStore,
  p: { email: string; displayName: string; locationId: string },
  invite: { ttlMs: number; baseUrl: string; now: number },
): Promise<{ staff: Staff; link: string; expiresAt: number }> {
  if (!(await store.listLocations()).some((l) => l.id === p.locationId)) throw new Error(`no location "${p.locationId}": create it first`);
  if (await store.getStaffByEmail(p.email)) throw new Error(`someone with e-mail ${p.email} exists already`);
  const token = newSecret();
  const tokenHash = hashSecret(token);
  const staff: Staff = {
    id: newId("st"),
    email: p.email,
    displayName: p.displayName,
    role: "coordinator",
    locationId: p.locationId,
    manages: "all",
    skills: [],
    passwordHash: "",
    active: false,
    inviteTokenHash: tokenHash,
  };
  const expiresAt = invite.now + invite.ttlMs;
  await store.putStaff(staff);
  await store.putInvite({ tokenHash, staffId: staff.id, expiresAt }, invite.ttlMs);
  await store.appendEvent({
    type: "staff.invited",
    at: invite.now,
    staffId: staff.id,
    locationId: p.locationId,
    data: { by: "admin-cli", role: "coordinator" },
  });
  return { staff, link: `${invite.baseUrl}/console/invite#${token}`, expiresAt };
}
