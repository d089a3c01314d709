import { describe, expect, it } from "vitest";
import { mergeBySeq } from "../lib/messages";
import { gapBefore, lastContiguousSeq, openEscalation } from "./chatState";
import { msg, run, synced, view } from "./consoleTestFactories";
import { chatGapBefore, reduceConsole } from "./state";

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
