import type { EscalationView } from "../../shared/protocol";
import type { Escalation } from "../domain/escalation/escalation";
import type { ConversationStore, DirectoryStore } from "../store/Store";

/**
 * The escalation as staff see it: names instead of ids, and who and what it is about (the youth as
 * far as they shared, waiting or in a chat with whom), so an alert can be read without opening it.
 */
export async function escalationView(
  store: Pick<DirectoryStore, "getStaff"> & Pick<ConversationStore, "getConversation">,
  e: Escalation,
): Promise<EscalationView> {
  const offeredTo = e.status === "open" && e.unroutedAt === undefined ? e.offeredTo.at(-1) : undefined;
  const [raiser, claimer, offered, c] = await Promise.all([
    e.raisedBy ? store.getStaff(e.raisedBy) : undefined,
    e.claimedBy ? store.getStaff(e.claimedBy) : undefined,
    offeredTo ? store.getStaff(offeredTo) : undefined,
    e.conversationId ? store.getConversation(e.conversationId) : undefined,
  ]);
  const holder = c?.holderId ? await store.getStaff(c.holderId) : undefined;
  return {
    ...e,
    ...(raiser && { raisedByName: raiser.displayName }),
    ...(claimer && { claimedByName: claimer.displayName }),
    ...(offered && { offeredToName: offered.displayName }),
    ...(c && {
      about: {
        status: c.status,
        ...(c.nickname && { nickname: c.nickname }),
        ...(c.ageBand && { ageBand: c.ageBand }),
        ...(c.topic && { topic: c.topic }),
        locationChoice: c.locationId ?? c.locationChoice,
        ...(holder && { holderName: holder.displayName, holderRole: holder.role }),
        ...(c.disconnectedAt !== undefined && { disconnected: true }),
      },
    }),
  };
}
