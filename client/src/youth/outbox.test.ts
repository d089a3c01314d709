import { describe, expect, it } from "vitest";
import type { Ack, ErrorCode, Responses } from "../../../shared/protocol";
import type { PendingMessage } from "./machine";
import { flushOutbox } from "./outbox";

const pending = (id: string, failed = false): PendingMessage => ({
  id,
  conversationId: "c_abcdefghijkl",
  text: id,
  ...(failed && { failed }),
});
const okAck: Ack<Responses["message:send"]> = { ok: true, data: { seq: 1, sentAt: 1, duplicate: false } };
const err = (code: ErrorCode): Ack<Responses["message:send"]> => ({ ok: false, code, message: code });

function recorder() {
  const acked: string[] = [];
  const failed: string[] = [];
  return { acked, failed, report: { acked: (id: string) => acked.push(id), failed: (id: string) => failed.push(id) } };
}

describe("the outbox", () => {
  it("sends oldest first with the original ids", async () => {
    const sent: string[] = [];
    const r = recorder();
    const outcome = await flushOutbox([pending("a"), pending("b")], async (p) => (sent.push(p.id), okAck), new Set(), r.report);
    expect([outcome, sent, r.acked]).toEqual([{ kind: "done" }, ["a", "b"], ["a", "b"]]);
  });

  it("stops when the connection is gone and keeps the rest", async () => {
    const sent: string[] = [];
    const r = recorder();
    const outcome = await flushOutbox(
      [pending("a"), pending("b")],
      async (p) => (sent.push(p.id), err("UNAVAILABLE")),
      new Set(),
      r.report,
    );
    expect([outcome, sent, r.acked, r.failed]).toEqual([{ kind: "offline" }, ["a"], [], []]);
  });

  it("backs off when rate limited and gives up only on a final refusal", async () => {
    const r = recorder();
    expect(await flushOutbox([pending("a")], async () => err("RATE_LIMITED"), new Set(), r.report)).toEqual({ kind: "slowDown" });
    expect(
      await flushOutbox([pending("b"), pending("c")], async (p) => (p.id === "b" ? err("CONVERSATION_ENDED") : okAck), new Set(), r.report),
    ).toEqual({ kind: "done" });
    expect([r.failed, r.acked]).toEqual([["b"], ["c"]]);
  });

  it("keeps a message the server could not take yet (not resumed, store failover) for a retry", async () => {
    for (const code of ["UNAUTHENTICATED", "INTERNAL"] as const) {
      const r = recorder();
      expect(await flushOutbox([pending("a")], async () => err(code), new Set(), r.report)).toEqual({ kind: "retry" });
      expect(r.failed).toEqual([]);
    }
  });

  it("never sends a message twice at once, nor one that failed for good", async () => {
    const inFlight = new Set(["a"]);
    const sent: string[] = [];
    await flushOutbox([pending("a"), pending("b", true), pending("c")], async (p) => (sent.push(p.id), okAck), inFlight, recorder().report);
    expect(sent).toEqual(["c"]);
    expect([...inFlight]).toEqual(["a"]);
  });
});
