import type { Conversation } from "../conversation";
import type { Duty, Escalation } from "../escalation/escalation";
import type { Staff } from "../staff";

/**
 * Whether a staff member may read a conversation (and so be in its rooms): the volunteer who has
 * it; a professional who joined it, holds a claimed escalation on it, or is on duty for its
 * location. The one rule for both the check before a request and the sweep of rooms after a right
 * ends (off duty, duty moved, escalation given back).
 */
export function staffMayRead(
  staff: Pick<Staff, "id" | "role">,
  c: Conversation,
  duties: readonly Duty[],
  escalations: readonly Escalation[],
): boolean {
  if (c.holderId === staff.id) return true;
  if (staff.role !== "professional") return false;
  if (c.professionalId === staff.id) return true;
  if (escalations.some((e) => e.conversationId === c.id && e.status === "claimed" && e.claimedBy === staff.id)) return true;
  const duty = duties.find((d) => d.staffId === staff.id);
  return Boolean(c.locationId && duty?.locationIds.includes(c.locationId));
}
