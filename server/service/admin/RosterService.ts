import type { RosterView, ShiftBody, ShiftView } from "../../../shared/protocol";
import { newId } from "../../auth/secrets";
import { managedLocationIds } from "../../domain/access/scope";
import type { Location } from "../../domain/location";
import { zonedLocalToInstant } from "../../domain/openingHours";
import { MAX_SHIFT_MS, planRosterDuty, type Shift, type ShiftProblem, shiftProblem, uncoveredOpenHours } from "../../domain/roster/roster";
import type { Staff } from "../../domain/staff";
import type { DirectoryStore, EscalationStore, EventStore, RosterStore } from "../../store/Store";
import type { ServiceDeps } from "../context";
import type { DutyService } from "../DutyService";
import type { EscalationService } from "../EscalationService";
import { fail } from "../errors";

const PROBLEM_TEXT: Record<ShiftProblem, string> = {
  ends_before_start: "A shift must end after it starts",
  too_long: "A shift can be at most 16 hours",
  staff_inactive: "This person is not active",
  wrong_location: "You do not run this location",
};

/** Shifts per location, and the on-duty professionals that follow from them. */
export class RosterService {
  constructor(
    private readonly deps: ServiceDeps<DirectoryStore & EscalationStore & EventStore & RosterStore>,
    private readonly escalations: EscalationService,
    private readonly duty: DutyService,
  ) {}

  async roster(actor: Staff, query: { locationId: string; week: string }): Promise<RosterView> {
    const { store } = this.deps;
    const location = await this.managedLocation(actor, query.locationId);
    const days = weekOf(query.week);
    const from = zonedLocalToInstant(days[0]!, "00:00", location.timeZone);
    const to = zonedLocalToInstant(days[6]!, "24:00", location.timeZone);
    const [staff, shifts] = await Promise.all([store.listStaff(), store.listShifts(from, to)]);
    const here = shifts.filter((s) => s.locationId === location.id);
    const names = new Map(staff.map((s) => [s.id, s.displayName]));
    return {
      locationId: location.id,
      timeZone: location.timeZone,
      days,
      from,
      to,
      shifts: here.map((s) => shiftView(s, names.get(s.staffId) ?? "?")),
      uncovered: uncoveredOpenHours(location, here, from, to),
    };
  }

  async add(actor: Staff, body: ShiftBody): Promise<ShiftView> {
    const { store, clock } = this.deps;
    const location = await this.managedLocation(actor, body.locationId);
    const staff = await store.getStaff(body.staffId);
    if (!staff) fail("NOT_FOUND", "No such staff member");
    // Cover from another location is rostered by someone who runs both (a national coordinator).
    const managed = managedLocationIds(
      actor,
      (await store.listLocations()).map((l) => l.id),
    );
    if (!managed.includes(staff.locationId)) fail("FORBIDDEN", "This person works at a location you do not run");
    const start = zonedLocalToInstant(body.date, body.start, location.timeZone);
    // An end at or before the start is on the next day: an evening shift past midnight.
    const endDate = body.end > body.start ? body.date : addDays(body.date, 1);
    const end = zonedLocalToInstant(endDate, body.end, location.timeZone);
    const problem = shiftProblem({ start, end, locationId: location.id }, staff, [location.id]);
    if (problem) fail(problem === "wrong_location" ? "FORBIDDEN" : "BAD_REQUEST", PROBLEM_TEXT[problem]);
    const shift: Shift = { id: newId("sh"), locationId: location.id, staffId: staff.id, role: staff.role, start, end };
    await store.putShift(shift);
    await store.appendEvent({
      type: "shift.added",
      at: clock.now(),
      staffId: staff.id,
      locationId: shift.locationId,
      data: { by: actor.id, role: shift.role, start: shift.start, end: shift.end },
    });
    return shiftView(shift, staff.displayName);
  }

  async remove(actor: Staff, shiftId: string): Promise<{ id: string }> {
    const { store, clock } = this.deps;
    const shift = await store.getShift(shiftId);
    if (!shift) fail("NOT_FOUND", "No such shift");
    const managed = managedLocationIds(
      actor,
      (await store.listLocations()).map((l) => l.id),
    );
    if (!managed.includes(shift.locationId)) fail("FORBIDDEN", "You do not run this location");
    await store.deleteShift(shiftId);
    await store.appendEvent({
      type: "shift.removed",
      at: clock.now(),
      staffId: shift.staffId,
      locationId: shift.locationId,
      data: { by: actor.id },
    });
    return { id: shiftId };
  }

  private async managedLocation(actor: Staff, locationId: string): Promise<Location> {
    const locations = await this.deps.store.listLocations();
    const location = locations.find((l) => l.id === locationId);
    if (!location) fail("NOT_FOUND", "No such location");
    if (
      !managedLocationIds(
        actor,
        locations.map((l) => l.id),
      ).includes(location.id)
    )
      fail("FORBIDDEN", "You do not run this location");
    return location;
  }

  /**
   * A periodic job (one process at a time): puts professionals on duty as their rostered shift
   * begins and ends roster duty when the last shift is over, giving back what they still hold.
   */
  async syncDuty(): Promise<void> {
    const { store, clock, notifier } = this.deps;
    const now = clock.now();
    const [shifts, duties, staff, escalations] = await Promise.all([
      store.listShifts(now - MAX_SHIFT_MS, now + 1),
      store.listDuty(),
      store.listStaff(),
      store.listEscalations(),
    ]);
    const professionals = new Set(staff.filter((s) => s.active && s.role === "professional").map((s) => s.id));
    const holding = new Set(escalations.flatMap((e) => (e.status === "claimed" && e.claimedBy ? [e.claimedBy] : [])));
    const plan = planRosterDuty(shifts, duties, professionals, now, holding);
    for (const start of plan.start) {
      const existing = duties.find((d) => d.staffId === start.staffId);
      const duty = {
        staffId: start.staffId,
        locationIds: start.locationIds,
        since: existing?.since ?? now,
        source: existing?.source ?? ("roster" as const),
      };
      await store.putDuty(duty);
      for (const id of start.shiftIds) {
        // Read again: a shift removed since the listing must not come back.
        const shift = await store.getShift(id);
        if (shift) await store.putShift({ ...shift, dutyAppliedAt: now });
      }
      notifier.setOnDuty(start.staffId, true);
      notifier.emit({ staff: start.staffId }, "duty:changed", {
        staffId: start.staffId,
        onDuty: true,
        locationIds: duty.locationIds,
        since: duty.since,
      });
      await store.appendEvent({
        type: "duty.changed",
        at: now,
        staffId: start.staffId,
        data: { onDuty: true, locations: duty.locationIds.join(","), source: "roster" },
      });
    }
    for (const staffId of plan.stop) {
      await store.removeDuty(staffId);
      await this.escalations.releaseAllOf(staffId);
      notifier.setOnDuty(staffId, false);
      await this.duty.dropLostRooms({ id: staffId, role: "professional" });
      const home = staff.find((s) => s.id === staffId)?.locationId;
      notifier.emit({ staff: staffId }, "duty:changed", { staffId, onDuty: false, locationIds: home ? [home] : [] });
      await store.appendEvent({ type: "duty.changed", at: now, staffId, data: { onDuty: false, source: "roster" } });
    }
  }
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The seven dates of the week (Monday first) that holds `date`. */
export function weekOf(date: string): string[] {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  return Array.from({ length: 7 }, (_, i) => addDays(date, i - weekday));
}

function shiftView(s: Shift, staffName: string): ShiftView {
  return { id: s.id, locationId: s.locationId, staffId: s.staffId, staffName, role: s.role, start: s.start, end: s.end };
}
