import type { Location } from "../../domain/location";
import type { Staff } from "../../domain/staff";

/** Locations and staff accounts: the configuration the rest reads. */
export interface DirectoryStore {
  putLocation(location: Location): Promise<void>;
  listLocations(): Promise<Location[]>;
  putStaff(staff: Staff): Promise<void>;
  getStaff(id: string): Promise<Staff | undefined>;
  getStaffByEmail(email: string): Promise<Staff | undefined>;
  listStaff(): Promise<Staff[]>;
}
