import type { AccessSearchView } from "../../shared/protocol";
import { newId } from "../auth/secrets";
import type { AccessAction, AccessEntry, AccessReason } from "../domain/access/accessRecord";
import { managedLocationIds } from "../domain/access/scope";
import type { Conversation } from "../domain/conversation";
import { zonedLocalToInstant } from "../domain/openingHours";
import type { Staff } from "../domain/staff";
import type { AccessLogStore, DirectoryStore } from "../store/Store";
import type { ServiceDeps } from "./context";
import { fail } from "./errors";

const DAY_MS = 86_400_000;
/** A search shows at most this many entries; narrow the period or pick a person for the rest. */
export const ACCESS_PAGE = 500;

/** The location an entry about a conversation belongs to: the volunteer's, else what the youth chose. */
export function conversationLocation(c: Pick<Conversation, "locationId" | "locationChoice">): string {
  return c.locationId ?? c.locationChoice;
}

/** What an entry is about: a conversation, a colleague (a reset), or a whole location (the figures export). */
export type AccessTarget = { conversation: Conversation } | { locationId: string; subjectStaffId?: string };

/**
 * Appends one entry to the access record. Services call it before they hand out a youth's words,
 * so a read that cannot be recorded (the store is down) fails instead of going unrecorded.
 */
export async function recordAccess(
  deps: Pick<ServiceDeps<AccessLogStore & DirectoryStore>, "store" | "clock" | "log">,
  staff: Staff,
  action: AccessAction,
  reason: AccessReason,
  target: AccessTarget,
): Promise<AccessEntry> {
  const entry: AccessEntry = {
    id: newId("acc"),
    at: deps.clock.now(),
    staffId: staff.id,
    action,
    reason,
    ...("conversation" in target
      ? { conversationId: target.conversation.id, locationId: conversationLocation(target.conversation) }
      : { locationId: target.locationId, ...(target.subjectStaffId && { subjectStaffId: target.subjectStaffId }) }),
  };
  await deps.store.appendAccess(entry);
  deps.log.info({ event: "access.recorded", action, reason, staffId: staff.id, conversationId: entry.conversationId }, "access recorded");
  return entry;
}

/**
 * The access record: every read of a transcript (and every erasure and second-factor reset) as one
 * append-only entry, without the words. Recorded before the words are handed out, so a read that
 * cannot be recorded does not happen.
 */
export class AccessLog {
  constructor(private readonly deps: ServiceDeps<AccessLogStore & DirectoryStore>) {}

  async record(staff: Staff, action: AccessAction, reason: AccessReason, target: AccessTarget): Promise<AccessEntry> {
    return recordAccess(this.deps, staff, action, reason, target);
  }

  /** A coordinator's search, within the locations they run; dates are local to Europe/Amsterdam, inclusive. */
  async search(actor: Staff, q: { from: string; to: string; staffId?: string }): Promise<AccessSearchView> {
    if (actor.role !== "coordinator") fail("FORBIDDEN", "Only coordinators read the access record");
    const [locations, staff] = await Promise.all([this.deps.store.listLocations(), this.deps.store.listStaff()]);
    const allIds = locations.map((l) => l.id);
    const mine = managedLocationIds(actor, allIds);
    // A national coordinator also sees reads of youths who chose "any" and were never picked up.
    const locationIds = actor.manages === "all" ? ("all" as const) : mine;
    const from = zonedLocalToInstant(q.from, "00:00", "Europe/Amsterdam");
    const to = zonedLocalToInstant(q.to, "24:00", "Europe/Amsterdam");
    const found = await this.deps.store.listAccess({
      from,
      to,
      locationIds,
      limit: ACCESS_PAGE + 1,
      ...(q.staffId && { staffId: q.staffId }),
    });
    const names = new Map(staff.map((s) => [s.id, s.displayName]));
    return {
      truncated: found.length > ACCESS_PAGE,
      entries: found.slice(0, ACCESS_PAGE).map((e) => ({
        ...e,
        staffName: names.get(e.staffId) ?? "?",
        ...(e.subjectStaffId && { subjectStaffName: names.get(e.subjectStaffId) ?? "?" }),
      })),
    };
  }

  /** Retention of the record itself (ACCESS_LOG_DAYS): resolves how many entries went. */
  async purge(days: number): Promise<number> {
    return this.deps.store.purgeAccessBefore(this.deps.clock.now() - days * DAY_MS);
  }
}
