import type { Location } from "../../domain/location";
import type { Staff } from "../../domain/staff";
import type { DirectoryStore } from "../Store";
import type { MemoryState } from "./state";

/**
 * Locations and staff accounts: the configuration the rest reads. In memory: no method awaits, so each
 * is atomic on Node's one thread.
 */
export function memoryDirectory(state: MemoryState): DirectoryStore {
  return {
    async putLocation(location: Location): Promise<void> {
      state.locations.set(location.id, structuredClone(location));
    },
    async listLocations(): Promise<Location[]> {
      return [...state.locations.values()].map((l) => structuredClone(l));
    },
    async putStaff(staff: Staff): Promise<void> {
      state.staff.set(staff.id, structuredClone(staff));
    },
    async getStaff(id: string): Promise<Staff | undefined> {
      const s = state.staff.get(id);
      return s && structuredClone(s);
    },
    async getStaffByEmail(email: string): Promise<Staff | undefined> {
      const wanted = email.toLowerCase();
      const s = [...state.staff.values()].find((x) => x.email.toLowerCase() === wanted);
      return s && structuredClone(s);
    },
    async listStaff(): Promise<Staff[]> {
      return [...state.staff.values()].map((s) => structuredClone(s));
    },
  };
}
