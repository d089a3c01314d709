import { describe, expect, it } from "vitest";
import { mergeBySeq } from "../lib/messages";
import { contiguousSeq, gapBefore } from "./chatMessages";
import { initialModel, reduce } from "./machine";
import { conversation, msg, open, run } from "./youthTestFactories";

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
