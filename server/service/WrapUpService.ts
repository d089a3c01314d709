import type { RequestOf, WrapUpTodoView } from "../../shared/protocol";
import { newId } from "../auth/secrets";
import type { Conversation } from "../domain/conversation";
import type { Staff } from "../domain/staff";
import type { WrapUp } from "../domain/wrapUp";
import type { ConversationStore, DirectoryStore, EventStore, WrapUpStore } from "../store/Store";
import type { ServiceDeps } from "./context";
import type { DebriefService } from "./DebriefService";
import { fail } from "./errors";
import { staffView } from "./views";

/** The volunteer's short registration after a chat or a walk-in, and the list of ones still owed. */
export class WrapUpService {
  constructor(
    private readonly deps: ServiceDeps<ConversationStore & DirectoryStore & EventStore & WrapUpStore>,
    private readonly debriefs: Pick<DebriefService, "request">,
  ) {}

  static todoOf(c: Conversation): WrapUpTodoView {
    const durationMs = c.assignedAt !== undefined && c.endedAt !== undefined ? c.endedAt - c.assignedAt : 0;
    return { conversation: staffView(c), durationMs, transfers: c.transfers ?? 0 };
  }

  /** Called when a chat ends: the volunteer owes a wrap-up and the console nags gently. */
  async owe(conversation: Conversation): Promise<void> {
    if (!conversation.holderId || conversation.status !== "ended") return;
    // Whoever holds the chat when it ends registers it: a professional who took it over (or took
    // the youth from the queue) files it like a volunteer would.
    const holder = await this.deps.store.getStaff(conversation.holderId);
    const owner = holder && holder.role !== "coordinator" ? holder.id : conversation.previousVolunteerId;
    if (!owner) return;
    await this.deps.store.addWrapUpTodo(owner, conversation.id);
    this.deps.notifier.emit({ staff: owner }, "wrapup:due", WrapUpService.todoOf(conversation));
  }

  async todo(staff: Staff): Promise<WrapUpTodoView[]> {
    const ids = await this.deps.store.listWrapUpTodo(staff.id);
    const found = await Promise.all(ids.map((id) => this.deps.store.getConversation(id)));
    return found.filter((c): c is Conversation => c !== undefined).map(WrapUpService.todoOf);
  }

  /** Files a wrap-up for one's own ended chat, or for a walk-in; duration and transfers are filled in. */
  async submit(staff: Staff, request: RequestOf<"wrapup:submit">): Promise<{ id: string }> {
    const { store, clock } = this.deps;
    if (staff.role === "coordinator") fail("FORBIDDEN", "Wrap-ups are filed by volunteers and professionals");
    // Checked before anything is written: a professional's debrief would be with themselves.
    if (request.debrief && staff.role !== "volunteer") fail("FORBIDDEN", "Debriefs are asked for by volunteers");
    const now = clock.now();
    let base: Pick<WrapUp, "kind" | "locationId" | "durationMs" | "transfers" | "escalations" | "conversationId">;
    // The highest level the risk triage gave this chat, beside the volunteer's own judgement.
    let scorerRisk: "none" | "concern" | "high" | undefined;
    if (request.conversationId) {
      const c = await store.getConversation(request.conversationId);
      if (!c) fail("NOT_FOUND", "No such conversation");
      if (c.holderId !== staff.id && c.previousVolunteerId !== staff.id) fail("FORBIDDEN", "This is not your conversation");
      if (c.status !== "ended") fail("FORBIDDEN", "A wrap-up is for a chat that has ended");
      const todo = WrapUpService.todoOf(c);
      const events = await store.listEventsOf(c.id);
      const consults = events.filter((e) => e.type === "escalation.raised");
      const flagged = events.filter((e) => e.type === "risk.flagged").map((e) => e.data?.level);
      scorerRisk = flagged.includes("high") ? "high" : flagged.includes("concern") ? "concern" : "none";
      base = {
        kind: "chat",
        conversationId: c.id,
        locationId: c.locationId ?? staff.locationId,
        durationMs: todo.durationMs,
        transfers: todo.transfers,
        escalations: consults.length,
      };
    } else {
      base = { kind: "walk-in", locationId: staff.locationId, durationMs: request.walkInMinutes! * 60_000, transfers: 0, escalations: 0 };
    }
    const wrapUp: WrapUp = {
      id: newId("w"),
      ...base,
      staffId: staff.id,
      topics: [...new Set(request.topics)],
      referral: request.referral,
      rating: request.rating,
      debrief: request.debrief,
      ...(request.riskJudgement && { riskJudgement: request.riskJudgement }),
      at: now,
    };
    await store.putWrapUp(wrapUp);
    await store.appendEvent({
      type: "wrapup.filed",
      at: now,
      staffId: staff.id,
      locationId: wrapUp.locationId,
      ...(wrapUp.conversationId && { conversationId: wrapUp.conversationId }),
      data: {
        kind: wrapUp.kind,
        referral: wrapUp.referral,
        rating: wrapUp.rating,
        topics: wrapUp.topics.join(","),
        ...(wrapUp.kind === "walk-in" && { minutes: Math.round(wrapUp.durationMs / 60_000) }),
        // Levels only: the volunteer's judgement and the triage's, for the agreement figures.
        ...(wrapUp.riskJudgement && scorerRisk && { riskJudgement: wrapUp.riskJudgement, scorerRisk }),
      },
    });
    // The same request as "praat even na" from the console: its own kind in the professional's inbox.
    if (request.debrief) await this.debriefs.request(staff, wrapUp.conversationId);
    return { id: wrapUp.id };
  }
}
