import { describe, expect, it } from "vitest";
import type { Ack, Responses } from "../../../shared/protocol";
import { type AppSocket, sendWithResend } from "./socket";

type Answer = Ack<Responses["message:send"]> | "no answer";

/** A socket whose acks are scripted, one per emit, recording what was sent. */
function scripted(answers: Answer[]) {
  const sent: unknown[] = [];
  const socket = {
    connected: true,
    timeout: () => ({
      emitWithAck: async (_event: string, payload: unknown) => {
        sent.push(payload);
        const next = answers.shift();
        if (next === undefined || next === "no answer") throw new Error("timeout");
        return next;
      },
    }),
  } as unknown as AppSocket;
  return { socket, sent };
}

const payload = { conversationId: "c_abcdefghijkl", id: "2f1c1f3e-8a7b-4c7e-9f00-1d2e3f4a5b6c", text: "hoi" };
const noWait = async () => {};

describe("a console message is resent with the same id until the server answers (PROTOCOL.md §5.1)", () => {
  it("resends after no answer and after RATE_LIMITED, always the same payload, and stops at the first real answer", async () => {
    const { socket, sent } = scripted([
      "no answer",
      { ok: false, code: "RATE_LIMITED", message: "slow" },
      { ok: true, data: { seq: 4, sentAt: 1, duplicate: true } },
    ]);
    const ack = await sendWithResend(() => socket, "message:send", payload, noWait);
    expect(ack).toEqual({ ok: true, data: { seq: 4, sentAt: 1, duplicate: true } });
    expect(sent).toEqual([payload, payload, payload]);
  });

  it("does not resend a refusal that will not change", async () => {
    const { socket, sent } = scripted([
      { ok: false, code: "CONVERSATION_ENDED", message: "ended" },
      { ok: true, data: { seq: 1, sentAt: 1, duplicate: false } },
    ]);
    expect(await sendWithResend(() => socket, "message:send", payload, noWait)).toMatchObject({ ok: false, code: "CONVERSATION_ENDED" });
    expect(sent).toHaveLength(1);
  });

  it("waits while there is no socket, then sends on the one that is there", async () => {
    const { socket, sent } = scripted([{ ok: true, data: { seq: 2, sentAt: 1, duplicate: false } }]);
    let current: AppSocket | undefined;
    const ack = await sendWithResend(
      () => current,
      "message:send",
      payload,
      async () => {
        current = socket;
      },
    );
    expect(ack.ok).toBe(true);
    expect(sent).toEqual([payload]);
  });
});
