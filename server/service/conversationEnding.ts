import { ANY_LOCATION, type Role } from "../../shared/protocol";
import type { ConversationStore, EventStore, MessageStore, PresenceStore } from "../store/Store";
import type { AfterAck } from "./AfterAck";
import type { ServiceDeps } from "./context";
import type { Dispatcher } from "./Dispatcher";
import { pushPresence } from "./presencePush";
import { recordSystemLine } from "./transcript";
import type { WrapUpService } from "./WrapUpService";

/** What ending a conversation works with. */
export interface ConversationEndingParts {
  deps: ServiceDeps<ConversationStore & EventStore & MessageStore & PresenceStore>;
  dispatcher: Dispatcher;
  wrapUps: WrapUpService;
  /** A message's triage still under way is waited for: it belongs to the chat's record. */
  risk: { later: AfterAck };
}

/**
 * Ends a conversation once, whoever asks, and tells both sides. Returns false if it had already
 * ended (a race with the other side, which is fine).
 */
export async function finishConversation(
  o: ConversationEndingParts,
  conversationId: string,
  by: Role | "system",
  reason: string,
): Promise<boolean> {
  const { store, notifier, log } = o.deps;
  // A message's triage still under way belongs to this chat's record (its flags, the wrap-up's level).
  await o.risk.later.settledFor(conversationId);
  const result = await store.endConversation(conversationId, { at: o.deps.clock.now(), by, reason });
  if (!result.ok) return false;
  // No connection on any process speaks in it on what it knew before: settled before anyone hears it ended.
  await notifier.revoke({ conversation: conversationId });
  const c = result.conversation;
  const abandoned = c.status === "abandoned";
  const durationMs = c.assignedAt === undefined ? 0 : c.endedAt! - c.assignedAt;
  // Left while queued: no volunteer's location yet, so the figures count the one the youth chose.
  const locationId = c.locationId ?? (c.locationChoice !== ANY_LOCATION ? c.locationChoice : undefined);
  await Promise.all([
    store.appendEvent({
      at: c.endedAt!,
      conversationId: c.id,
      ...(locationId && { locationId }),
      ...(c.holderId && { staffId: c.holderId }),
      ...(abandoned
        ? { type: "conversation.abandoned", data: { waitMs: c.endedAt! - c.queuedAt, reason } }
        : { type: "conversation.ended", data: { durationMs, endedBy: by, reason } }),
    }),
    abandoned ? undefined : store.recordServiceTime(durationMs, c.endedAt!),
  ]);
  // Staff keep a line saying how it ended (quick exit, left the queue, page gone…), before the rooms close.
  await recordSystemLine(o.deps, c.id, { kind: "ended", by, reason }, { role: by === "system" ? "youth" : by });
  notifier.emit({ conversation: c.id }, "conversation:ended", { conversationId: c.id, endedBy: by, reason });
  await notifier.closeConversation(c.id);
  await pushPresence(o.deps, c.holderId);
  await o.wrapUps.owe(c);
  log.info({ event: abandoned ? "conversation.abandoned" : "conversation.ended", conversationId: c.id }, "ended");
  o.dispatcher.kick();
  return true;
}
