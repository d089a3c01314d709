import { describe, expect, it } from "vitest";
import type { MessageView, ServiceStatus, YouthConversationView } from "../../../shared/protocol";
import { mergeBySeq } from "../lib/messages";
import { contiguousSeq, gapBefore, initialModel, reduce, type YouthAction, type YouthModel } from "./machine";

const open: ServiceStatus = { anyOpen: true, locations: [{ id: "leiden", name: "Leiden", open: true }] };
const closed: ServiceStatus = {
  anyOpen: false,
  nextOpenAt: 1,
  locations: [{ id: "leiden", name: "Leiden", open: false, nextChangeAt: 1 }],
};
const conversation = (over: Partial<YouthConversationView> = {}): YouthConversationView => ({
  id: "c_abcdefghijkl",
  status: "queued",
  locationChoice: "any",
  queuedAt: 0,
  staffDeliveredSeq: 0,
  lastSeq: 0,
  ...over,
});
const msg = (seq: number, role: MessageView["sender"]["role"] = "volunteer", id = `m${seq}`): MessageView => ({
  id,
  conversationId: "c_abcdefghijkl",
  seq,
  sender: { role, ...(role !== "youth" && { name: "Sam" }) },
  text: `t${seq}`,
  sentAt: seq,
});
const run = (actions: YouthAction[], start: YouthModel = initialModel()) => actions.reduce(reduce, start);

describe("the youth page's steps", () => {
  it("goes closed → (opens) intro → waiting → chatting → ended → goodbye → intro", () => {
    let m = run([{ type: "status", status: closed }]);
    expect(m.phase).toBe("closed");
    m = reduce(m, { type: "status", status: open });
    expect(m.phase).toBe("intro");
    m = reduce(m, { type: "joined", conversation: conversation(), queue: { position: 2, estimate: { kind: "unknown" } } });
    expect(m.phase).toBe("waiting");
    m = reduce(m, { type: "queueUpdated", conversationId: "c_abcdefghijkl", position: 1, estimate: { kind: "minutes", low: 0, high: 1 } });
    expect(m.queue?.position).toBe(1);
    m = reduce(m, { type: "assigned", conversation: conversation({ status: "active", peer: { role: "volunteer", name: "Sam" } }) });
    expect([m.phase, m.queue]).toEqual(["chatting", undefined]);
    m = reduce(m, { type: "ended", conversationId: "c_abcdefghijkl", endedBy: "volunteer" });
    expect([m.phase, m.conversation?.endedBy]).toEqual(["ended", "volunteer"]);
    m = reduce(m, { type: "feedbackDone" });
    expect(m.phase).toBe("goodbye");
    m = reduce(m, { type: "restart" });
    expect([m.phase, m.conversation, m.messages]).toEqual(["intro", undefined, []]);
  });

  it("a status update does not pull a youth out of a chat", () => {
    const m = run([
      { type: "status", status: open },
      { type: "joined", conversation: conversation(), queue: { position: 1, estimate: { kind: "unknown" } } },
      { type: "status", status: closed },
    ]);
    expect(m.phase).toBe("waiting");
  });

  it("resumes into the step the server says, with the missed messages", () => {
    const m = run([
      { type: "status", status: open },
      {
        type: "resumed",
        state: { conversation: conversation({ status: "active", peer: { role: "volunteer", name: "Sam" } }) },
        missed: [msg(2), msg(1, "youth")],
      },
    ]);
    expect(m.phase).toBe("chatting");
    expect(m.messages.map((x) => x.seq)).toEqual([1, 2]);
    const again = reduce(m, {
      type: "resumed",
      state: { conversation: conversation({ status: "active", staffDeliveredSeq: 1, lastSeq: 5 }) },
      missed: [],
    });
    expect(again.deliveredSeq).toBe(1);
    // Seqs 3 and 4 were whispers between staff: the youth still knows everything up to 5.
    expect(again.cursor).toBe(5);
  });

  it("does not ask for feedback again after a reload past goodbye", () => {
    const m = run([
      { type: "status", status: open },
      { type: "resumed", state: { conversation: conversation({ status: "ended" }) }, missed: [], closedHere: true },
    ]);
    expect([m.phase, m.conversation]).toEqual(["intro", undefined]);
  });

  it("starts over when the session is gone", () => {
    const m = run([
      { type: "status", status: open },
      { type: "joined", conversation: conversation(), queue: { position: 1, estimate: { kind: "unknown" } } },
      { type: "sessionLost" },
    ]);
    expect([m.phase, m.conversation]).toEqual(["intro", undefined]);
  });

  it("leaving the queue goes back to the start", () => {
    const m = run([
      { type: "status", status: open },
      { type: "joined", conversation: conversation(), queue: { position: 1, estimate: { kind: "unknown" } } },
      { type: "leftQueue" },
    ]);
    expect(m.phase).toBe("intro");
  });

  it("shows a professional joining and labels typing only from staff", () => {
    let m = run([
      { type: "status", status: open },
      { type: "assigned", conversation: conversation({ status: "active" }) },
    ]);
    m = reduce(m, { type: "typing", role: "youth", typing: true });
    expect(m.peerTyping).toBe(false);
    m = reduce(m, { type: "typing", role: "volunteer", typing: true });
    expect(m.peerTyping).toBe(true);
    m = reduce(m, { type: "messageReceived", message: msg(1, "professional") });
    expect([m.professionalJoined, m.peerTyping]).toEqual([true, false]);
  });

  it("ignores an assignment for a conversation it is not in", () => {
    const m = run([
      { type: "status", status: open },
      { type: "joined", conversation: conversation(), queue: { position: 1, estimate: { kind: "unknown" } } },
      { type: "assigned", conversation: conversation({ id: "c_otherotherot", status: "active" }) },
    ]);
    expect(m.phase).toBe("waiting");
  });

  it("keeps unsent words visible, marked not sent, when the chat ends", () => {
    const m = run([
      { type: "status", status: open },
      { type: "assigned", conversation: conversation({ status: "active" }) },
      { type: "messageQueued", message: { id: "u1", conversationId: "c_abcdefghijkl", text: "nog één ding" } },
      { type: "ended", conversationId: "c_abcdefghijkl", endedBy: "volunteer" },
    ]);
    expect(m.pending).toEqual([{ id: "u1", conversationId: "c_abcdefghijkl", text: "nog één ding", failed: true }]);
  });

  it("shows that a professional joined, for this conversation only", () => {
    let m = run([
      { type: "status", status: open },
      { type: "assigned", conversation: conversation({ status: "active" }) },
    ]);
    m = reduce(m, { type: "professionalJoined", conversationId: "c_otherotherot" });
    expect(m.professionalJoined).toBe(false);
    m = reduce(m, { type: "professionalJoined", conversationId: "c_abcdefghijkl" });
    expect(m.professionalJoined).toBe(true);
  });

  it("ignores broadcasts for another conversation", () => {
    const m = run([
      { type: "status", status: open },
      { type: "joined", conversation: conversation(), queue: { position: 1, estimate: { kind: "unknown" } } },
      { type: "messageReceived", message: { ...msg(1), conversationId: "c_otherotherot" } },
      { type: "queueUpdated", conversationId: "c_otherotherot", position: 9, estimate: { kind: "unknown" } },
    ]);
    expect(m.messages).toEqual([]);
    expect(m.queue?.position).toBe(1);
  });
});

describe("a transfer", () => {
  it("keeps every message, shows a calm notice and lands with the new volunteer", () => {
    let m = run([
      { type: "status", status: open },
      { type: "assigned", conversation: conversation({ status: "active", peer: { role: "volunteer", name: "Sam" } }) },
      { type: "messageReceived", message: msg(1) },
      { type: "transferring", conversationId: "c_abcdefghijkl", queued: true },
    ]);
    expect([m.phase, m.notice, m.messages.length, m.conversation?.peer]).toEqual(["waiting", "transferring", 1, undefined]);
    m = reduce(m, { type: "assigned", conversation: conversation({ status: "active", peer: { role: "volunteer", name: "Lotte" } }) });
    expect([m.phase, m.notice, m.messages.length, m.conversation?.peer?.name]).toEqual(["chatting", undefined, 1, "Lotte"]);
  });
});

describe("never losing a word", () => {
  it("keeps a typed message pending until the server's copy arrives, then shows it once", () => {
    let m = run([
      { type: "status", status: open },
      { type: "assigned", conversation: conversation({ status: "active" }) },
    ]);
    m = reduce(m, { type: "messageQueued", message: { id: "u1", conversationId: "c_abcdefghijkl", text: "hoi" } });
    m = reduce(m, { type: "connection", online: false });
    expect(m.pending).toHaveLength(1);
    m = reduce(m, { type: "messageAcked", id: "u1" });
    m = reduce(m, { type: "messageReceived", message: msg(1, "youth", "u1") });
    m = reduce(m, { type: "messageReceived", message: msg(1, "youth", "u1") });
    expect(m.pending).toEqual([]);
    expect(m.messages.map((x) => x.id)).toEqual(["u1"]);
  });

  it("lets a message that failed be tried again, with the same id", () => {
    let m = reduce(initialModel(), { type: "messageQueued", message: { id: "u1", conversationId: "c_abcdefghijkl", text: "hoi" } });
    m = reduce(m, { type: "messageFailed", id: "u1" });
    m = reduce(m, { type: "messageRetry", id: "u1" });
    expect(m.pending).toEqual([{ id: "u1", conversationId: "c_abcdefghijkl", text: "hoi", failed: false }]);
  });

  it("drops pending messages that a resume shows were stored", () => {
    const start = {
      ...initialModel([
        { id: "u1", conversationId: "c_abcdefghijkl", text: "hoi" },
        { id: "u2", conversationId: "c_abcdefghijkl", text: "nog" },
      ]),
    };
    const m = run(
      [{ type: "resumed", state: { conversation: conversation({ status: "active" }) }, missed: [msg(1, "youth", "u1")] }],
      start,
    );
    expect(m.pending.map((p) => p.id)).toEqual(["u2"]);
  });

  it("merges messages by seq and knows the last contiguous one", () => {
    const merged = mergeBySeq([msg(1), msg(3)], [msg(3), msg(2), msg(5)]);
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3, 5]);
    expect(contiguousSeq(merged)).toBe(3);
    expect(contiguousSeq([])).toBe(0);
  });

  it("raises the delivered mark only for staff confirmations", () => {
    let m = reduce(initialModel(), { type: "delivered", by: "volunteer", upToSeq: 3 });
    m = reduce(m, { type: "delivered", by: "volunteer", upToSeq: 2 });
    m = reduce(m, { type: "delivered", by: "youth", upToSeq: 9 });
    expect(m.deliveredSeq).toBe(3);
  });
});

describe("a gap in the seqs is filled through conversation:sync (PROTOCOL.md §5.2)", () => {
  const chatting = () =>
    run([
      { type: "status", status: open },
      { type: "joined", conversation: conversation(), queue: { position: 1, estimate: { kind: "unknown" } } },
      { type: "assigned", conversation: conversation({ status: "active", peer: { role: "volunteer", name: "Sam" } }) },
    ]);

  it("moves the cursor with each message that follows it, and sees no gap then", () => {
    let m = chatting();
    expect(gapBefore(m, msg(1, "youth"))).toBeUndefined();
    m = reduce(m, { type: "messageReceived", message: msg(1, "youth") });
    m = reduce(m, { type: "messageReceived", message: msg(2) });
    expect(m.cursor).toBe(2);
    expect(gapBefore(m, msg(3))).toBeUndefined();
  });

  it("asks for everything after the cursor when a message skips one, and the answer closes the gap", () => {
    let m = reduce(chatting(), { type: "messageReceived", message: msg(1, "youth") });
    // Seq 2 was stored, but its broadcast never came (the volunteer's process died before it left).
    expect(gapBefore(m, msg(3))).toBe(1);
    m = reduce(m, { type: "messageReceived", message: msg(3) });
    expect(m.cursor).toBe(1);
    m = reduce(m, { type: "synced", conversationId: "c_abcdefghijkl", messages: [msg(2), msg(3)], lastSeq: 3, staffDeliveredSeq: 1 });
    expect(m.messages.map((x) => x.seq)).toEqual([1, 2, 3]);
    expect([m.cursor, m.deliveredSeq]).toEqual([3, 1]);
    expect(gapBefore(m, msg(4))).toBeUndefined();
  });

  it("takes a whisper's gap as known once a sync says so, and asks no more about it", () => {
    let m = reduce(chatting(), { type: "messageReceived", message: msg(1) });
    // Seq 2 is a whisper: a youth never gets it, and the sync does not return it either.
    expect(gapBefore(m, msg(3))).toBe(1);
    m = reduce(m, { type: "messageReceived", message: msg(3) });
    m = reduce(m, { type: "synced", conversationId: "c_abcdefghijkl", messages: [msg(3)], lastSeq: 3, staffDeliveredSeq: 0 });
    expect(m.cursor).toBe(3);
    m = reduce(m, { type: "messageReceived", message: msg(4) });
    expect(m.cursor).toBe(4);
  });

  it("keeps each message once however often it comes (a resend is broadcast again)", () => {
    let m = reduce(chatting(), { type: "messageQueued", message: { id: "m1", conversationId: "c_abcdefghijkl", text: "t1" } });
    m = run(
      [
        { type: "messageReceived", message: msg(1, "youth") },
        { type: "messageReceived", message: msg(1, "youth") },
        { type: "synced", conversationId: "c_abcdefghijkl", messages: [msg(1, "youth")], lastSeq: 1, staffDeliveredSeq: 0 },
      ],
      m,
    );
    expect(m.messages).toHaveLength(1);
    expect(m.pending).toEqual([]);
    expect(gapBefore(m, msg(1, "youth"))).toBeUndefined();
  });

  it("ignores messages and syncs of another conversation", () => {
    const m = chatting();
    const other = { ...msg(5), conversationId: "c_otherconvers" };
    expect(gapBefore(m, other)).toBeUndefined();
    expect(reduce(m, { type: "synced", conversationId: "c_otherconvers", messages: [other], lastSeq: 5, staffDeliveredSeq: 0 })).toBe(m);
  });

  it("starts the cursor after a resume at the conversation's lastSeq, so an old whisper is no gap", () => {
    const m = run([{ type: "resumed", state: { conversation: conversation({ status: "active", lastSeq: 4 }) }, missed: [msg(1), msg(3)] }]);
    expect(m.cursor).toBe(4);
    expect(gapBefore(m, msg(5))).toBeUndefined();
    expect(gapBefore(m, msg(6))).toBe(4);
  });
});

describe("return codes on the youth page", () => {
  const ended = (): YouthModel =>
    run([
      { type: "status", status: open },
      { type: "resumed", state: { conversation: conversation({ status: "ended", peer: { role: "volunteer", name: "Sam" } }) }, missed: [] },
    ]);

  it("holds a taken code in memory until it is forgotten, and then keeps nothing of it", () => {
    let m = reduce(ended(), { type: "returnCodeTaken", code: "appel-fiets-zon-42", expiresAt: 5 });
    expect(m.returnCode).toEqual({ state: "shown", code: "appel-fiets-zon-42", expiresAt: 5 });
    m = reduce(m, { type: "returnCodeForgotten" });
    expect(m.returnCode).toEqual({ state: "forgotten" });
    expect(JSON.stringify(m)).not.toContain("appel");
  });

  it("drops the code when a new chat starts or the page starts over", () => {
    const shown = reduce(ended(), { type: "returnCodeTaken", code: "appel-fiets-zon-42", expiresAt: 5 });
    expect(reduce(shown, { type: "restart" }).returnCode).toBeUndefined();
    expect(reduce(shown, { type: "sessionLost" }).returnCode).toBeUndefined();
    const joined = reduce(shown, {
      type: "joined",
      conversation: conversation({ id: "c_secondchat01" }),
      queue: { position: 1, estimate: { kind: "unknown" } },
    });
    expect(joined.returnCode).toBeUndefined();
  });

  it("remembers, while waiting, who a returning youth asked for; leaving the queue forgets it", () => {
    const returning = { name: "Sam", availability: "here" as const };
    const m = run([
      { type: "status", status: open },
      { type: "joined", conversation: conversation(), queue: { position: 1, estimate: { kind: "unknown" } }, returning },
    ]);
    expect(m.returning).toEqual(returning);
    expect(reduce(m, { type: "leftQueue" }).returning).toBeUndefined();
  });
});
