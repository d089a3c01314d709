import { describe, expect, it } from "vitest";
import type { Message } from "../domain/conversation";
import { triageContext } from "./messageTriage";

const msg = (seq: number, senderRole: Message["senderRole"], text: string, visibility?: "staff"): Message => ({
  id: `m${seq}`,
  conversationId: "c1",
  seq,
  senderRole,
  text,
  sentAt: seq,
  ...(visibility && { visibility }),
});

describe("triageContext", () => {
  it("gives the youth's earlier messages oldest first and the last staff message, before this one", () => {
    const earlier = [
      msg(1, "youth", "hoi"),
      msg(2, "volunteer", "Hoi! Waar wil je over praten?"),
      msg(3, "youth", "het gaat niet goed"),
      msg(4, "volunteer", "Denk je aan zelfmoord?"),
      msg(5, "youth", "ja"), // the message being scored: never its own context
    ];
    expect(triageContext(earlier, 5)).toEqual({ recent: ["hoi", "het gaat niet goed"], lastStaff: "Denk je aan zelfmoord?" });
  });

  it("leaves out whispers, which the youth never saw", () => {
    const earlier = [msg(1, "volunteer", "Hoe gaat het?"), msg(2, "volunteer", "Denk je aan zelfmoord? (vraag ik zo)", "staff")];
    expect(triageContext(earlier, 3)).toEqual({ recent: [], lastStaff: "Hoe gaat het?" });
  });

  it("has no staff message at the start of a chat", () => {
    expect(triageContext([], 1)).toEqual({ recent: [] });
  });
});
