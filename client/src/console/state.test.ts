import { describe, expect, it } from "vitest";
import { msg, run, synced, view } from "./consoleTestFactories";
import { matchSnippets } from "./snippetMatch";
import { liveChats, reduceConsole, totalUnread, waitingForMe } from "./state";

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

describe("youths offered to me first", () => {
  it("keeps the offer until the youth is mine", () => {
    const offered = run([{ type: "offered", conversationId: "c_offered00001", reason: "return", until: 45_000 }]);
    expect(offered.offers).toEqual({ c_offered00001: { reason: "return", until: 45_000 } });
    const mine = reduceConsole(offered, { type: "assigned", view: view("c_offered00001") });
    expect(mine.offers).toEqual({});
    expect(mine.order).toEqual(["c_offered00001"]);
  });
});
