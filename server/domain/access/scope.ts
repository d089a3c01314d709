import type { Staff } from "../staff";

/**
 * The locations a coordinator runs: every location for a national coordinator, otherwise the ones
 * named (their home location when none are). Other roles run none.
 */
export function managedLocationIds(staff: Staff, allLocationIds: readonly string[]): string[] {
  if (staff.role !== "coordinator" || !staff.active) return [];
  if (staff.manages === "all") return [...allLocationIds];
  const named = staff.manages && staff.manages.length > 0 ? staff.manages : [staff.locationId];
  return allLocationIds.filter((id) => named.includes(id));
}

/**
 * The locations a professional may be on duty for: their home location and the ones a coordinator
 * gave them to cover, only those that exist. Nobody else may be on duty anywhere.
 */
export function dutyLocationIds(staff: Staff, allLocationIds: readonly string[]): string[] {
  if (staff.role !== "professional" || !staff.active) return [];
  const mine = new Set([staff.locationId, ...(staff.covers ?? [])]);
  return allLocationIds.filter((id) => mine.has(id));
}

export function managesLocation(staff: Staff, locationId: string, allLocationIds: readonly string[]): boolean {
  return managedLocationIds(staff, allLocationIds).includes(locationId);
}
