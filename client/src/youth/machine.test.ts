import { describe, expect, it } from "vitest";
import { reduce, type YouthModel } from "./machine";
import { closed, conversation, msg, open, run } from "./youthTestFactories";

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
