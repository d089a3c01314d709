import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildEntry } from "../../domain/testFactories";
import type { Store } from "../Store";
import { type DestroyStore, type MakeStore, msg } from "./fixtures";

/** The store's contract for transcripts: idempotent appends, delivery marks, staff-only lines: the same behaviour on every implementation. */
export function messagesContract(name: string, make: MakeStore, destroy: DestroyStore): void {
  describe(`Store contract: ${name}: transcripts`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await make();
    });
    afterEach(async () => {
      await destroy(store);
    });

    it("appends messages idempotently with consecutive sequence numbers", async () => {
      const entry = buildEntry();
      await store.enqueue(entry);
      const first = msg(entry.id, { text: "eerste" });
      const a = await store.appendMessage(first);
      const b = await store.appendMessage(msg(entry.id, { text: "tweede", senderRole: "volunteer", senderId: "s1", senderName: "Sam" }));
      const again = await store.appendMessage({ ...first, text: "changed on resend" });
      expect(a).toEqual({ message: { ...first, seq: 1 }, duplicate: false });
      expect(b.message.seq).toBe(2);
      expect(again).toEqual({ message: { ...first, seq: 1 }, duplicate: true });
      expect((await store.listMessages(entry.id, 0)).map((m) => m.text)).toEqual(["eerste", "tweede"]);
      expect((await store.listMessages(entry.id, 1)).map((m) => m.seq)).toEqual([2]);
      expect((await store.getConversation(entry.id))?.lastSeq).toBe(2);
      expect(await store.listMessages("c_nomessages0000", 0)).toEqual([]);
    });

    it("stores racing resends of one message once", async () => {
      const entry = buildEntry();
      await store.enqueue(entry);
      const m = msg(entry.id);
      const results = await Promise.all(Array.from({ length: 10 }, () => store.appendMessage(m)));
      expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
      expect(await store.listMessages(entry.id, 0)).toHaveLength(1);
    });

    it("only raises delivery marks, and never past the last message", async () => {
      const entry = buildEntry();
      await store.enqueue(entry);
      await store.appendMessage(msg(entry.id));
      await store.appendMessage(msg(entry.id));
      expect(await store.markDelivered(entry.id, "staff", 2)).toBe(2);
      expect(await store.markDelivered(entry.id, "staff", 1)).toBe(1);
      // Answers the mark as capped at the last message: what the reader can have seen.
      expect(await store.markDelivered(entry.id, "youth", 99)).toBe(2);
      const c = await store.getConversation(entry.id);
      expect([c?.staffDeliveredSeq, c?.youthDeliveredSeq]).toEqual([2, 2]);
      expect(await store.markDelivered("c_doesnotexist00", "youth", 3)).toBe(0);
    });

    it("keeps staff-only notes and whispers apart from what the youth sees", async () => {
      const entry = buildEntry();
      await store.enqueue(entry);
      expect(await store.setConversationNotes(entry.id, { note: "lijkt gespannen" })).toBe(true);
      expect(await store.setConversationNotes(entry.id, { handoverNote: "wil over school praten" })).toBe(true);
      expect(await store.getConversation(entry.id)).toMatchObject({ note: "lijkt gespannen", handoverNote: "wil over school praten" });
      expect(await store.setConversationNotes("c_doesnotexist00", { note: "x" })).toBe(false);
      const whisper = msg(entry.id, { senderRole: "volunteer", senderId: "s1", visibility: "staff" });
      await store.appendMessage(whisper);
      expect((await store.listMessages(entry.id, 0))[0]).toEqual({ ...whisper, seq: 1 });
    });
  });
}
