import type { DutyView } from "../../shared/protocol";
import { dutyLocationIds } from "../domain/access/scope";
import type { Staff } from "../domain/staff";
import type { DirectoryStore, EscalationStore } from "../store/Store";

/** What duty reads: the duty list and the locations (read fresh, so a coordinator's change holds at once). */
type DutyReads = Pick<EscalationStore, "listDuty"> & Pick<DirectoryStore, "listLocations">;

/** Locations this professional may be on duty for, as the coordinators set them now. */
export async function mayCover(store: DutyReads, staff: Staff): Promise<string[]> {
  return dutyLocationIds(
    staff,
    (await store.listLocations()).map((l) => l.id),
  );
}

/** A professional's duty now, with what they may cover. */
export async function dutyOf(store: DutyReads, staff: Staff): Promise<DutyView> {
  const [duty, covers] = await Promise.all([
    store.listDuty().then((all) => all.find((d) => d.staffId === staff.id)),
    mayCover(store, staff),
  ]);
  return duty
    ? { staffId: staff.id, onDuty: true, locationIds: duty.locationIds, since: duty.since, mayCover: covers }
    : { staffId: staff.id, onDuty: false, locationIds: [staff.locationId], mayCover: covers };
}

/** The locations a professional looks after now: only while on duty. */
export async function coveredBy(store: DutyReads, pro: Staff): Promise<Set<string>> {
  const duty = await dutyOf(store, pro);
  return new Set(duty.onDuty ? duty.locationIds : []);
}
