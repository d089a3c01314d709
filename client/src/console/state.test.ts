import { describe, expect, it } from "vitest";
import type { MessageView, StaffConversationView, StaffState } from "../../../shared/protocol";
import { mergeBySeq } from "../lib/messages";
import { gapBefore, lastContiguousSeq, openEscalation } from "./chatState";
import { matchSnippets } from "./snippetMatch";
import {
  type ConsoleAction,
  type ConsoleState,
  chatGapBefore,
  initialConsole,
  liveChats,
  reduceConsole,
  totalUnread,
  waitingForMe,
} from "./state";
import { wrapUpProblems } from "./wrapUpRules";

const view = (id: string, over: Partial<StaffConversationView> = {}): StaffConversationView => ({
  id,
  status: "active",
  locationChoice: "leiden",
  priority: 0,
  queuedAt: 0,
  lastSeq: 0,
  youthDeliveredSeq: 0,
  transfers: 0,
  ...over,
});
const msg = (conversationId: string, seq: number, role: MessageView["sender"]["role"] = "youth"): MessageView => ({
  id: `m${conversationId}${seq}`,
  conversationId,
  seq,
  sender: { role },
  text: `t${seq}`,
  sentAt: seq * 1000,
});
const run = (actions: ConsoleAction[], start: ConsoleState = initialConsole) => actions.reduce(reduceConsole, start);
const synced = (conversations: StaffConversationView[]): StaffState => ({
  staff: { id: "st_sam", email: "sam@x", displayName: "Sam", role: "volunteer", locationId: "leiden" },
  presence: { staffId: "st_sam", locationId: "leiden", status: "available", capacity: 2, load: conversations.length, since: 0 },
  conversations,
  queue: {
    at: 0,
    locations: [
      { locationId: "leiden", waiting: 2, longestWaitMs: 0, flagged: 0, availableVolunteers: 1 },
      { locationId: "any", waiting: 1, longestWaitMs: 0, flagged: 0, availableVolunteers: 0 },
      { locationId: "amsterdam", waiting: 5, longestWaitMs: 0, flagged: 0, availableVolunteers: 0 },
    ],
  },
  locations: [
    {
      id: "leiden",
      name: "Leiden",
      autoAssign: false,
      snippets: [
        { key: "welkom", lang: "nl", text: "Hoi!" },
        { key: "welcome", lang: "en", text: "Hi!" },
        { key: "113", lang: "nl", text: "Bel 113" },
      ],
      wrapUpTopics: [],
    },
  ],
  wrapUpsTodo: [],
  escalations: [],
});

describe("console state", () => {
  it("opens chats as tabs, counts unread only for chats not in view, and clears on focus", () => {
    let s = run([
      { type: "synced", state: synced([]) },
      { type: "assigned", view: view("a") },
      { type: "assigned", view: view("b") },
    ]);
    expect([s.order, s.activeId]).toEqual([["a", "b"], "a"]);
    s = reduceConsole(s, { type: "message", message: msg("b", 1), visible: false });
    s = reduceConsole(s, { type: "message", message: msg("b", 1), visible: false }); // a repeat is not news
    s = reduceConsole(s, { type: "message", message: msg("a", 1), visible: true });
    expect([s.chats.b?.unread, s.chats.a?.unread, totalUnread(s)]).toEqual([1, 0, 1]);
    expect(s.chats.b?.lastYouthAt).toBe(1000);
    s = reduceConsole(s, { type: "focus", conversationId: "b" });
    expect([s.activeId, totalUnread(s)]).toEqual(["b", 0]);
  });

  it("takes a coordinator's changed snippets and topics without touching the chats", () => {
    const before = run([{ type: "synced", state: synced([view("c1")]) }]);
    const locations = [
      {
        id: "leiden",
        name: "Leiden",
        autoAssign: true,
        snippets: [{ key: "doei", lang: "nl" as const, text: "Doei!" }],
        wrapUpTopics: ["loneliness"],
      },
    ];
    const after = reduceConsole(before, { type: "locations", locations });
    expect(after.locations).toEqual(locations);
    expect(after.chats).toBe(before.chats);
    expect(matchSnippets(after.locations[0], "/doe", "nl").map((s) => s.key)).toEqual(["doei"]);
  });

  it("does not count my own messages or whispers as unread", () => {
    let s = run([
      { type: "assigned", view: view("a") },
      { type: "assigned", view: view("b") },
    ]);
    s = reduceConsole(s, { type: "message", message: msg("b", 1, "volunteer"), visible: false });
    expect(totalUnread(s)).toBe(0);
  });

  it("keeps a chat that ended on screen, saying how, until it is closed; drops one handed on; owes a wrap-up once", () => {
    let s = run([
      { type: "assigned", view: view("a") },
      { type: "assigned", view: view("b") },
      { type: "focus", conversationId: "b" },
    ]);
    s = reduceConsole(s, { type: "ended", conversationId: "b", endedBy: "youth", reason: "quick-exit" });
    expect([s.order, s.activeId, s.chats.b?.closed, s.chats.b?.view.status, liveChats(s)]).toEqual([
      ["a", "b"],
      "b",
      { kind: "ended", by: "youth", reason: "quick-exit" },
      "ended",
      1,
    ]);
    // A resync does not drop it while it is still on screen.
    s = reduceConsole(s, { type: "synced", state: synced([view("a")]) });
    expect(s.order).toEqual(["a", "b"]);
    s = reduceConsole(s, { type: "dismiss", conversationId: "b" });
    expect([s.order, s.activeId]).toEqual([["a"], "a"]);
    const todo = { conversation: view("b", { status: "ended" }), durationMs: 60_000, transfers: 0 };
    s = reduceConsole(reduceConsole(s, { type: "wrapUpDue", todo }), { type: "wrapUpDue", todo });
    expect(s.wrapUpsTodo).toHaveLength(1);
    s = reduceConsole(s, { type: "wrapUpFiled", conversationId: "b" });
    expect(s.wrapUpsTodo).toEqual([]);
    s = reduceConsole(s, { type: "transferred", conversationId: "a" });
    expect([s.order, s.activeId]).toEqual([[], undefined]);
  });

  it("a resync removes chats that ended meanwhile and keeps loaded messages of the rest", () => {
    let s = run([
      { type: "assigned", view: view("a") },
      { type: "assigned", view: view("b") },
      { type: "history", conversationId: "a", messages: [msg("a", 1), msg("a", 2, "volunteer")] },
    ]);
    s = reduceConsole(s, { type: "synced", state: synced([view("a")]) });
    expect(s.order).toEqual(["a"]);
    expect(s.chats.a?.messages.map((m) => m.seq)).toEqual([1, 2]);
  });

  it("tracks the youth's typing and delivery marks", () => {
    let s = run([
      { type: "assigned", view: view("a") },
      { type: "typing", conversationId: "a", role: "youth", typing: true },
    ]);
    expect(s.chats.a?.youthTyping).toBe(true);
    s = reduceConsole(s, { type: "message", message: msg("a", 1), visible: true });
    expect(s.chats.a?.youthTyping).toBe(false);
    s = reduceConsole(s, { type: "delivered", conversationId: "a", by: "youth", upToSeq: 3 });
    s = reduceConsole(s, { type: "delivered", conversationId: "a", by: "youth", upToSeq: 2 });
    expect(s.chats.a?.view.youthDeliveredSeq).toBe(3);
  });

  it("counts the youths waiting for me: my location and 'any'", () => {
    expect(waitingForMe(run([{ type: "synced", state: synced([]) }]))).toBe(3);
  });
});

describe("escalation in the console", () => {
  const escalation = {
    id: "e1",
    conversationId: "a",
    locationId: "leiden",
    level: "crisis" as const,
    source: "volunteer" as const,
    raisedAt: 0,
    status: "open" as const,
    offeredTo: [],
    offeredAt: 0,
  };
  it("prompts on a risk flag, shows the crisis protocol when unrouted, and hides it once claimed", () => {
    let s = run([
      { type: "assigned", view: view("a") },
      { type: "risk", conversationId: "a", level: "high", at: 1 },
    ]);
    expect(s.chats.a?.risk?.level).toBe("high");
    s = reduceConsole(s, { type: "risk", conversationId: "a", level: "concern", at: 2 });
    expect(s.chats.a?.risk?.level).toBe("high"); // a lower flag never hides a higher one
    expect(s.chats.a?.risk?.at).toBe(1);
    expect(reduceConsole(s, { type: "risk", conversationId: "a", level: "high", at: 3 }).chats.a?.risk).toEqual({ level: "high", at: 3 }); // a new high flag is new
    s = reduceConsole(s, { type: "escalation", escalation: { ...escalation, unroutedAt: 5 }, unrouted: true });
    // The prompt stays until the volunteer acts on it; the protocol shows.
    expect([s.chats.a?.crisisProtocol, s.chats.a?.risk?.level]).toEqual([true, "high"]);
    // Another escalation of the same chat being claimed does not hide this one's protocol.
    s = reduceConsole(s, {
      type: "escalation",
      escalation: { ...escalation, id: "e2", level: "consult", status: "claimed", claimedBy: "st_eva" },
    });
    expect(s.chats.a?.crisisProtocol).toBe(true);
    s = reduceConsole(s, { type: "escalation", escalation: { ...escalation, unroutedAt: 5, status: "claimed", claimedBy: "st_eva" } });
    expect(s.chats.a?.crisisProtocol).toBe(false);
  });

  it("tells the volunteer a professional took the chat over instead of dropping it", () => {
    let s = run([
      { type: "assigned", view: view("a") },
      { type: "risk", conversationId: "a", level: "high", at: 1 },
    ]);
    s = reduceConsole(s, { type: "transferred", conversationId: "a", reason: "takeover", to: { role: "professional", name: "Eva" } });
    expect([s.order, s.chats.a?.closed, s.chats.a?.risk]).toEqual([
      ["a"],
      { kind: "taken-over", to: { role: "professional", name: "Eva" } },
      undefined,
    ]);
  });

  it("knows the chat's one open escalation, whatever the system or the volunteer raised", () => {
    let s = run([{ type: "assigned", view: view("a") }]);
    expect(openEscalation(s.chats.a!)).toBeUndefined();
    s = reduceConsole(s, { type: "escalation", escalation: { ...escalation, source: "risk", level: "urgent" } });
    expect(openEscalation(s.chats.a!)?.level).toBe("urgent");
    s = reduceConsole(s, {
      type: "escalation",
      escalation: { ...escalation, source: "risk", level: "crisis", status: "claimed", claimedBy: "st_eva", claimedByName: "Eva" },
    });
    expect(openEscalation(s.chats.a!)).toMatchObject({ level: "crisis", claimedByName: "Eva" });
    s = reduceConsole(s, { type: "escalation", escalation: { ...escalation, status: "resolved" } });
    expect(openEscalation(s.chats.a!)).toBeUndefined();
  });

  it("shows the protocol again after a reload while nobody took the call", () => {
    const open = { ...escalation, unroutedAt: 5 };
    const s = run([{ type: "synced", state: { ...synced([view("a")]), escalations: [open] } }]);
    expect(s.chats.a?.crisisProtocol).toBe(true);
  });
});

describe("wrap-up form", () => {
  it("needs a referral and a rating; a walk-in also its minutes; topics may be empty", () => {
    expect(wrapUpProblems({ topics: [], debrief: false }, false)).toEqual(["referral", "rating", "risk"]);
    expect(wrapUpProblems({ topics: [], referral: "none", rating: 3, debrief: false }, false)).toEqual(["risk"]);
    expect(wrapUpProblems({ topics: [], referral: "none", rating: 3, debrief: false, riskJudgement: "none" }, false)).toEqual([]);
    expect(wrapUpProblems({ topics: ["loneliness"], referral: "gp", rating: 5, debrief: true }, true)).toEqual(["minutes"]);
    expect(wrapUpProblems({ topics: [], referral: "gp", rating: 5, debrief: true, walkInMinutes: 20 }, true)).toEqual([]);
  });
});

describe("snippets", () => {
  it("match by key after '/', in the console's language first", () => {
    const s = run([{ type: "synced", state: synced([]) }]);
    const leiden = s.locations[0];
    expect(matchSnippets(leiden, "/we", "nl").map((x) => x.key)).toEqual(["welkom", "welcome"]);
    expect(matchSnippets(leiden, "/we", "en").map((x) => x.key)).toEqual(["welcome", "welkom"]);
    expect(matchSnippets(leiden, "/", "nl")).toHaveLength(3);
    expect(matchSnippets(leiden, "hallo", "nl")).toEqual([]);
    expect(matchSnippets(leiden, "/we lkom", "nl")).toEqual([]);
  });
});

describe("youths offered to me first", () => {
  it("keeps the offer until the youth is mine", () => {
    const offered = run([{ type: "offered", conversationId: "c_offered00001", reason: "return", until: 45_000 }]);
    expect(offered.offers).toEqual({ c_offered00001: { reason: "return", until: 45_000 } });
    const view = {
      id: "c_offered00001",
      status: "active",
      locationChoice: "leiden",
      priority: 0,
      queuedAt: 0,
      lastSeq: 0,
      youthDeliveredSeq: 0,
      transfers: 0,
    } as const;
    const mine = reduceConsole(offered, { type: "assigned", view });
    expect(mine.offers).toEqual({});
    expect(mine.order).toEqual(["c_offered00001"]);
  });
});

describe("a gap in a chat's seqs is filled through conversation:sync (PROTOCOL.md §5.2)", () => {
  const open = () =>
    run([
      { type: "synced", state: synced([]) },
      { type: "assigned", view: view("a") },
    ]);

  it("sees no gap while every seq follows the one before, whispers included", () => {
    let s = open();
    for (const m of [msg("a", 1), msg("a", 2, "professional"), msg("a", 3, "volunteer")]) {
      expect(chatGapBefore(s, m)).toBeUndefined();
      s = reduceConsole(s, { type: "message", message: m, visible: true });
    }
    expect(lastContiguousSeq(s.chats.a!.messages)).toBe(3);
  });

  it("asks for everything after the last contiguous seq when one is skipped, and the answer closes the gap", () => {
    let s = reduceConsole(open(), { type: "message", message: msg("a", 1), visible: true });
    // Seq 2 was stored, but the youth's process died before its broadcast left.
    expect(chatGapBefore(s, msg("a", 3))).toBe(1);
    s = reduceConsole(s, { type: "message", message: msg("a", 3), visible: true });
    expect(lastContiguousSeq(s.chats.a!.messages)).toBe(1);
    s = reduceConsole(s, { type: "history", conversationId: "a", messages: [msg("a", 2), msg("a", 3)] });
    expect(s.chats.a!.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(chatGapBefore(s, msg("a", 4))).toBeUndefined();
  });

  it("keeps a message broadcast again (a resend) once, and does not count it unread twice", () => {
    let s = run(
      [
        { type: "message", message: msg("a", 1), visible: false },
        { type: "message", message: msg("a", 1), visible: false },
        { type: "history", conversationId: "a", messages: [msg("a", 1)] },
      ],
      open(),
    );
    expect(s.chats.a!.messages).toHaveLength(1);
    expect(s.chats.a!.unread).toBe(1);
    s = reduceConsole(s, { type: "message", message: msg("b", 7), visible: false });
    expect(chatGapBefore(s, msg("b", 9))).toBeUndefined(); // not a chat of this console
  });

  it("the same rules serve the professional's chat read along", () => {
    const held = mergeBySeq([msg("a", 1), msg("a", 2)], [msg("a", 2), msg("a", 4)]);
    expect(held.map((m) => m.seq)).toEqual([1, 2, 4]);
    expect(gapBefore(held, msg("a", 5))).toBe(2);
    expect(gapBefore(mergeBySeq(held, [msg("a", 3)]), msg("a", 5))).toBeUndefined();
  });
});
