import type { DutyView, RequestOf } from "../../shared/protocol";
import { staffMayRead } from "../domain/access/conversationAccess";
import type { Staff } from "../domain/staff";
import type { ConversationStore, DirectoryStore, EscalationStore, EventStore } from "../store/Store";
import type { StaffActor } from "./actors";
import { requireProfessional } from "./actors";
import type { ServiceDeps } from "./context";
import { dutyOf, mayCover } from "./dutyLookup";
import type { EscalationService } from "./EscalationService";
import { fail } from "./errors";

/**
 * Which professional is on call for which locations: going on and off duty, what a coordinator's
 * change of cover takes away, and the reading along a duty allowed, which ends with it.
 */
export class DutyService {
  constructor(
    /** Duty and escalations, the locations, the event log, and conversations (to check the rooms). */
    private readonly deps: ServiceDeps<ConversationStore & DirectoryStore & EscalationStore & EventStore>,
    private readonly escalations: EscalationService,
  ) {}

  /**
   * On duty for one's own location or others a coordinator gave them to cover (never any other);
   * coming on duty picks up whatever is waiting. Going off duty or moving duty ends, at once and on
   * every process, the reading along that the old duty allowed.
   */
  async setDuty(actor: StaffActor, request: RequestOf<"duty:set">): Promise<DutyView> {
    const pro = requireProfessional(actor);
    const now = this.deps.clock.now();
    const locationIds = [...new Set(request.locationIds ?? [pro.locationId])];
    const allowed = await mayCover(this.deps.store, pro);
    if (locationIds.some((id) => !allowed.includes(id))) fail("FORBIDDEN", "You can only be on duty for your own locations");
    if (request.onDuty) await this.deps.store.putDuty({ staffId: pro.id, locationIds, since: now, source: "manual" });
    else {
      await this.deps.store.removeDuty(pro.id);
      await this.escalations.releaseAllOf(pro.id);
    }
    this.deps.notifier.setOnDuty(pro.id, request.onDuty);
    await this.dropLostRooms(pro);
    // Whatever waits is offered to them by the next periodic pass (one process at a time, no double alerts).
    await this.deps.store.appendEvent({
      type: "duty.changed",
      at: now,
      staffId: pro.id,
      data: { onDuty: request.onDuty, locations: locationIds.join(",") },
    });
    return { staffId: pro.id, onDuty: request.onDuty, locationIds, mayCover: allowed, ...(request.onDuty && { since: now }) };
  }

  dutyOf(staff: Staff): Promise<DutyView> {
    return dutyOf(this.deps.store, staff);
  }

  /**
   * After a coordinator took locations off what a professional covers: duty there ends now (all of
   * it if none is left), with its escalations and the rooms it opened.
   */
  async trimDuty(pro: Staff): Promise<void> {
    const { store, clock, notifier } = this.deps;
    const duty = (await store.listDuty()).find((d) => d.staffId === pro.id);
    if (!duty) return;
    const allowed = new Set(await mayCover(this.deps.store, pro));
    const kept = duty.locationIds.filter((id) => allowed.has(id));
    if (kept.length === duty.locationIds.length) return;
    if (kept.length > 0) await store.putDuty({ ...duty, locationIds: kept });
    else {
      await store.removeDuty(pro.id);
      await this.escalations.releaseAllOf(pro.id);
      notifier.setOnDuty(pro.id, false);
    }
    const view: DutyView =
      kept.length > 0
        ? { staffId: pro.id, onDuty: true, locationIds: kept, since: duty.since }
        : { staffId: pro.id, onDuty: false, locationIds: [pro.locationId] };
    notifier.emit({ staff: pro.id }, "duty:changed", view);
    await store.appendEvent({
      type: "duty.changed",
      at: clock.now(),
      staffId: pro.id,
      data: { onDuty: kept.length > 0, locations: kept.join(","), source: "coordinator" },
    });
    await this.dropLostRooms(pro);
  }

  /**
   * Takes a staff member's open consoles, on every process, out of each conversation they may no
   * longer read (`staffMayRead`): what a right let them hear stops when the right ends, not when
   * they next send something.
   */
  async dropLostRooms(staff: Pick<Staff, "id" | "role">): Promise<void> {
    const { store, notifier } = this.deps;
    const ids = await notifier.conversationsOf({ staff: staff.id });
    if (ids.length === 0) return;
    const [duties, escalations] = await Promise.all([store.listDuty(), store.listEscalations()]);
    for (const id of ids) {
      const c = await store.getConversation(id);
      if (!c || !staffMayRead(staff, c, duties, escalations)) await notifier.leave({ staff: staff.id }, id);
    }
  }
}
