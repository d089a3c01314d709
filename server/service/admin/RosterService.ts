import type { RosterView, ShiftBody, ShiftView } from "../../../shared/protocol";
import { newId } from "../../auth/secrets";
import { managedLocationIds } from "../../domain/access/scope";
import { MAX_SHIFT_MS, planRosterDuty, shiftProblem, uncoveredOpenHours, type Shift, type ShiftProblem } from "../../domain/roster/roster";
import type { Staff } from "../../domain/types";
import type { ServiceDeps } from "../context";
import { fail } from "../errors";
import type { EscalationService } from "../EscalationService";

const PROBLEM_TEXT: Record<ShiftProblem, string> = {
  ends_before_start: "A shift must end after it starts",
  too_long: "A shift can be at most 16 hours",
  staff_inactive: "This person is not active",
  wrong_location: "You do not run this location",
};

/** Shifts per location, and the on-duty professionals that follow from them. */
export class RosterService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly escalations: EscalationService,
  ) {}

  async roster(actor: Staff, query: { locationId: string; from: number; to: number }): Promise<RosterView> {
    const { store } = this.deps;
    const [locations, staff, shifts] = await Promise.all([store.listLocations(), store.listStaff(), store.listShifts(query.from, query.to)]);
    const location = locations.find((l) => l.id === query.locationId);
    if (!location) fail("NOT_FOUND", "No such location");
    if (!managedLocationIds(actor, locations.map((l) => l.id)).includes(location.id)) fail("FORBIDDEN", "You do not run this location");
    const here = shifts.filter((s) => s.locationId === location.id);
    const names = new Map(staff.map((s) => [s.id, s.displayName]));
    return {
      locationId: location.id,
      from: query.from,
      to: query.to,
      shifts: here.map((s) => shiftView(s, names.get(s.staffId) ?? "?")),
      uncovered: uncoveredOpenHours(location, here, query.from, query.to),
    };
  }

  async add(actor: Staff, body: ShiftBody): Promise<ShiftView> {
    const { store, clock } = this.deps;
    const staff = await store.getStaff(body.staffId);
    if (!staff) fail("NOT_FOUND", "No such staff member");
    const managed = managedLocationIds(actor, (await store.listLocations()).map((l) => l.id));
    const problem = shiftProblem(body, staff, managed);
    if (problem) fail(problem === "wrong_location" ? "FORBIDDEN" : "BAD_REQUEST", PROBLEM_TEXT[problem]);
    const shift: Shift = { id: newId("sh"), locationId: body.locationId, staffId: staff.id, role: staff.role, start: body.start, end: body.end };
    await store.putShift(shift);
    await store.appendEvent({ type: "shift.added", at: clock.now(), staffId: staff.id, locationId: shift.locationId, data: { by: actor.id, role: shift.role, start: shift.start, end: shift.end } });
    return shiftView(shift, staff.displayName);
  }

  async remove(actor: Staff, shiftId: string): Promise<{ id: string }> {
    const { store, clock } = this.deps;
    const shift = await store.getShift(shiftId);
    if (!shift) fail("NOT_FOUND", "No such shift");
    const managed = managedLocationIds(actor, (await store.listLocations()).map((l) => l.id));
    if (!managed.includes(shift.locationId)) fail("FORBIDDEN", "You do not run this location");
    await store.deleteShift(shiftId);
    await store.appendEvent({ type: "shift.removed", at: clock.now(), staffId: shift.staffId, locationId: shift.locationId, data: { by: actor.id } });
    return { id: shiftId };
  }

  /**
   * A periodic job (one process at a time): puts professionals on duty as their rostered shift
   * begins and ends roster duty when the last shift is over, giving back what they still hold.
   */
  async syncDuty(): Promise<void> {
    const { store, clock, notifier } = this.deps;
    const now = clock.now();
    const [shifts, duties, staff] = await Promise.all([store.listShifts(now - MAX_SHIFT_MS, now + 1), store.listDuty(), store.listStaff()]);
    const professionals = new Set(staff.filter((s) => s.active && s.role === "professional").map((s) => s.id));
    const plan = planRosterDuty(shifts, duties, professionals, now);
    for (const start of plan.start) {
      const existing = duties.find((d) => d.staffId === start.staffId);
      const duty = { staffId: start.staffId, locationIds: start.locationIds, since: existing?.since ?? now, source: existing?.source ?? ("roster" as const) };
      await store.putDuty(duty);
      for (const id of start.shiftIds) {
        const shift = shifts.find((s) => s.id === id);
        if (shift) await store.putShift({ ...shift, dutyAppliedAt: now });
      }
      notifier.setOnDuty(start.staffId, true);
      notifier.emit({ staff: start.staffId }, "duty:changed", { staffId: start.staffId, onDuty: true, locationIds: duty.locationIds, since: duty.since });
      await store.appendEvent({ type: "duty.changed", at: now, staffId: start.staffId, data: { onDuty: true, locations: duty.locationIds.join(","), source: "roster" } });
    }
    for (const staffId of plan.stop) {
      await store.removeDuty(staffId);
      await this.escalations.releaseAllOf(staffId);
      notifier.setOnDuty(staffId, false);
      const home = staff.find((s) => s.id === staffId)?.locationId;
      notifier.emit({ staff: staffId }, "duty:changed", { staffId, onDuty: false, locationIds: home ? [home] : [] });
      await store.appendEvent({ type: "duty.changed", at: now, staffId, data: { onDuty: false, source: "roster" } });
    }
  }
}

function shiftView(s: Shift, staffName: string): ShiftView {
  return { id: s.id, locationId: s.locationId, staffId: s.staffId, staffName, role: s.role, start: s.start, end: s.end };
}
