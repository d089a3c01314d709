import { ANY_LOCATION } from "../../shared/protocol";
import { managedLocationIds } from "../domain/access/scope";
import type { Staff } from "../domain/staff";
import type { AccessLogStore, ConversationStore, DebriefStore, DirectoryStore, RetentionStore, ReturnCodeStore } from "../store/Store";
import { conversationLocation, recordAccess } from "./AccessLog";
import type { ServiceDeps } from "./context";
import { fail } from "./errors";
import { purgeConversationTraces } from "./RetentionJob";

/**
 * A coordinator erases one conversation on request (a youth who asks, a safeguarding decision):
 * the same purge as retention, now, and any debrief thread about it. The anonymous events stay, so the figures keep counting it;
 * the access record says who erased it, when and why, before anything is removed.
 */
export class ErasureService {
  constructor(
    private readonly deps: ServiceDeps<
      AccessLogStore & ConversationStore & DebriefStore & DirectoryStore & RetentionStore & ReturnCodeStore
    >,
  ) {}

  async erase(
    actor: Staff,
    conversationId: string,
    reason: "youth-request" | "safeguarding" | "other",
  ): Promise<{ conversationId: string; messages: number; escalations: number }> {
    if (actor.role !== "coordinator") fail("FORBIDDEN", "Only coordinators erase conversations");
    const [c, locations] = await Promise.all([this.deps.store.getConversation(conversationId), this.deps.store.listLocations()]);
    const mine = managedLocationIds(
      actor,
      locations.map((l) => l.id),
    );
    const location = c && conversationLocation(c);
    // "any" (never picked up) belongs to national coordinators; unknown and foreign look the same.
    if (!c || !location || !(mine.includes(location) || (location === ANY_LOCATION && actor.manages === "all")))
      fail("NOT_FOUND", "No such conversation in your locations");
    if (c.status === "queued" || c.status === "active") fail("CONFLICT", "End the conversation first");
    await recordAccess(this.deps, actor, "erase", reason, { conversation: c });
    const { escalations } = await purgeConversationTraces(this.deps, c.id);
    // A debrief about this chat is staff talking about what the youth told them: it goes too.
    let debriefs = 0;
    for (const d of await this.deps.store.listDebriefs())
      if (d.conversationId === c.id && (await this.deps.store.purgeDebrief(d.id))) debriefs += 1;
    await this.deps.store.forgetEnded([c.id]);
    this.deps.log.info(
      { event: "conversation.erased", conversationId: c.id, by: actor.id, reason, escalations, debriefs },
      "conversation erased",
    );
    return { conversationId: c.id, messages: c.lastSeq, escalations };
  }
}
