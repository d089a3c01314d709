import { describe, expect, it } from "vitest";
import type { EscalationView, MessageView, ProfessionalStateView, StaffConversationView, StaffState } from "../../../../shared/protocol";
import { view as conversationView, msg } from "../consoleTestFactories";
import {
  heldUpTo,
  initialProfessional,
  openAlerts,
  type ProfessionalAction,
  type ProfessionalState,
  professionalGapBefore,
  reduceProfessional,
  sortedInbox,
  titleOf,
} from "./state";

/** The console's conversation view, as a professional sees it: with its location. */
const view = (id: string, over: Partial<StaffConversationView> = {}): StaffConversationView =>
  conversationView(id, { locationId: "leiden", ...over });
const escalation = (id: string, over: Partial<EscalationView> = {}): EscalationView => ({
  id,
  conversationId: "c1",
  locationId: "leiden",
  level: "urgent",
  source: "risk",
  raisedAt: 10,
  status: "open",
  offeredTo: ["st_eva"],
  offeredAt: 10,
  ...over,
});
const synced = (conversations: StaffConversationView[]): StaffState => ({
  staff: { id: "st_eva", email: "eva@x", displayName: "Eva", role: "professional", locationId: "leiden" },
  presence: { staffId: "st_eva", locationId: "leiden", status: "off", capacity: 2, load: 0, since: 0 },
  conversations,
  queue: { at: 0, locations: [] },
  locations: [{ id: "leiden", name: "Leiden", autoAssign: false, snippets: [], wrapUpTopics: [] }],
  wrapUpsTodo: [],
  duty: { staffId: "st_eva", onDuty: true, locationIds: ["leiden"], since: 0 },
  escalations: [],
});
const proState = (over: Partial<ProfessionalStateView> = {}): ProfessionalStateView => ({
  duty: { staffId: "st_eva", onDuty: true, locationIds: ["leiden"], since: 0 },
  inbox: [],
  live: [],
  watching: [],
  queue: [],
  ...over,
});
const run = (actions: ProfessionalAction[], start: ProfessionalState = initialProfessional) => actions.reduce(reduceProfessional, start);

describe("the professional's workplace", () => {
  it("rebuilds everything after a reload from the server alone: held chats, inbox, queue, duty", () => {
    const s = run([
      { type: "connection", online: true },
      { type: "synced", state: synced([view("c_taken", { holderId: "st_eva", professionalId: "st_eva" })]) },
      {
        type: "state",
        state: proState({
          inbox: [escalation("e1", { conversationId: "c_taken", status: "claimed", claimedBy: "st_eva" })],
          queue: [view("c_wait", { status: "queued", priority: 10 })],
        }),
      },
    ]);
    expect(s.held.order).toEqual(["c_taken"]);
    expect(s.held.chats.c_taken?.view.holderId).toBe("st_eva");
    // The escalation of a held chat also drives that chat's banner.
    expect(s.held.chats.c_taken?.escalation?.id).toBe("e1");
    expect([s.inbox.map((i) => i.id), s.queue.map((c) => c.id), s.duty?.onDuty]).toEqual([["e1"], ["c_wait"], true]);
  });

  it("keeps one inbox item per escalation, drops it once resolved, and counts new alerts", () => {
    let s = run([
      { type: "escalation", escalation: escalation("e1"), alert: true },
      { type: "escalation", escalation: escalation("e1", { level: "crisis" }), alert: true },
      { type: "escalation", escalation: escalation("e2", { level: "consult", raisedAt: 1, conversationId: "c2" }) },
    ]);
    expect(s.inbox.map((i) => [i.kind, i.id, i.escalation.level])).toEqual([
      ["escalation", "e1", "crisis"],
      ["escalation", "e2", "consult"],
    ]);
    expect(sortedInbox(s).map((i) => i.id)).toEqual(["e1", "e2"]);
    expect([s.newAlerts, openAlerts(s)]).toEqual([2, 2]);
    s = reduceProfessional(s, { type: "seenAlerts" });
    s = reduceProfessional(s, { type: "escalation", escalation: escalation("e1", { status: "resolved" }) });
    expect([s.inbox.map((i) => i.id), s.newAlerts]).toEqual([["e2"], 0]);
  });

  it("follows a chat on screen, merges its messages, and marks it joined", () => {
    let s = run([
      { type: "watched", conversation: view("c1", { holderId: "st_sam" }), messages: [msg("c1", 1)], joined: false, show: true },
    ]);
    expect(s.watchId).toBe("c1");
    s = reduceProfessional(s, { type: "message", message: msg("c1", 2, "volunteer"), visible: false });
    s = reduceProfessional(s, { type: "message", message: msg("c1", 2, "volunteer"), visible: false });
    s = reduceProfessional(s, { type: "joined", conversationId: "c1" });
    expect([s.watched.c1?.messages.map((m) => m.seq), s.watched.c1?.joined, s.watched.c1?.conversation.lastSeq]).toEqual([[1, 2], true, 2]);
    s = reduceProfessional(s, { type: "ended", conversationId: "c1", endedBy: "youth", reason: "quick-exit" });
    expect(s.watched.c1?.conversation).toMatchObject({ status: "ended", endReason: "quick-exit" });
  });

  it("turns a followed chat into a held one when she takes it over, with the volunteer's signals: unread badge and title", () => {
    let s = run([
      { type: "synced", state: synced([]) },
      { type: "watched", conversation: view("c1", { holderId: "st_sam" }), messages: [msg("c1", 1)], joined: true, show: true },
      { type: "held", action: { type: "assigned", view: view("c1", { holderId: "st_eva", professionalId: "st_eva" }) } },
    ]);
    expect([s.watched.c1, s.watchId, s.held.order]).toEqual([undefined, undefined, ["c1"]]);
    s = reduceProfessional(s, { type: "held", action: { type: "assigned", view: view("c2", { holderId: "st_eva" }) } });
    // The youth writes in the chat not on screen: a badge and the title say so.
    s = reduceProfessional(s, { type: "message", message: msg("c2", 1), visible: false });
    expect(s.held.chats.c2?.unread).toBe(1);
    expect(titleOf(s)).toEqual({ kind: "unread", n: 1 });
    s = reduceProfessional(s, { type: "held", action: { type: "focus", conversationId: "c2" } });
    expect(titleOf(s)).toEqual({ kind: "none" });
    s = reduceProfessional(s, { type: "escalation", escalation: escalation("e9", { conversationId: "c9" }) });
    expect(titleOf(s)).toEqual({ kind: "open", n: 1 });
  });

  it("keeps a held chat that the youth ended on screen, saying how, until she closes it", () => {
    let s = run([{ type: "synced", state: synced([view("c1", { holderId: "st_eva" })]) }]);
    s = reduceProfessional(s, { type: "ended", conversationId: "c1", endedBy: "youth", reason: "ended" });
    expect(s.held.chats.c1?.closed).toEqual({ kind: "ended", by: "youth", reason: "ended" });
    s = reduceProfessional(s, { type: "held", action: { type: "dismiss", conversationId: "c1" } });
    expect(s.held.order).toEqual([]);
  });

  it("does not show a held chat as followed too", () => {
    const s = run([
      { type: "synced", state: synced([view("c1", { holderId: "st_eva" })]) },
      { type: "watched", conversation: view("c1"), messages: [], joined: true, show: true },
    ]);
    expect([s.watched, s.watchId]).toEqual([{}, undefined]);
  });
});

describe("a gap in a followed or held chat's seqs is filled through conversation:sync (PROTOCOL.md §5.2)", () => {
  const run = (actions: ProfessionalAction[]) => actions.reduce(reduceProfessional, initialProfessional);

  it("in a chat read along: sees the gap, asks from the last contiguous seq, and the answer closes it", () => {
    let s = run([
      { type: "synced", state: synced([]) },
      { type: "watched", conversation: view("w"), messages: [msg("w", 1)], joined: false, show: true },
    ]);
    expect(professionalGapBefore(s, msg("w", 2))).toBeUndefined();
    // Seq 2 was stored, but the broadcast died with the volunteer's process.
    expect(professionalGapBefore(s, msg("w", 3))).toBe(1);
    s = reduceProfessional(s, { type: "message", message: msg("w", 3), visible: true });
    expect(heldUpTo(s, "w")).toBe(1);
    s = reduceProfessional(s, { type: "watchedHistory", conversationId: "w", messages: [msg("w", 2), msg("w", 3)] });
    expect(s.watched.w!.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(professionalGapBefore(s, msg("w", 4))).toBeUndefined();
  });

  it("in a chat the professional holds (taken over): the volunteer console's rules", () => {
    let s = run([
      { type: "synced", state: synced([view("h")]) },
      { type: "held", action: { type: "history", conversationId: "h", messages: [msg("h", 1), msg("h", 2)] } },
    ]);
    expect(professionalGapBefore(s, msg("h", 3))).toBeUndefined();
    expect(professionalGapBefore(s, msg("h", 5))).toBe(2);
    s = reduceProfessional(s, { type: "message", message: msg("h", 2), visible: true }); // broadcast again after a resend: kept once
    expect(s.held.chats.h!.messages).toHaveLength(2);
    expect(professionalGapBefore(s, msg("x", 9))).toBeUndefined(); // a chat this workplace does not hold
  });
});
