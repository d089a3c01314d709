import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ReturnCodeRecord } from "../../domain/returnCodes/returnCode";
import type { Store } from "../Store";
import type { DestroyStore, MakeStore } from "./fixtures";

/** The store's contract for return codes, one per conversation: the same behaviour on every implementation. */
export function returnCodesContract(name: string, make: MakeStore, destroy: DestroyStore): void {
  describe(`Store contract: ${name}: return codes`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await make();
    });
    afterEach(async () => {
      await destroy(store);
    });

    it("keeps a return code by its hash until it expires or is forgotten, one per conversation", async () => {
      const code = (codeHash: string, over: Partial<ReturnCodeRecord> = {}): ReturnCodeRecord => ({
        codeHash,
        staffId: "s1",
        conversationId: "c_returning01",
        note: "wil over school praten",
        createdAt: 1,
        expiresAt: 2,
        ...over,
      });
      await store.putReturnCode(code("h1"), 60_000);
      expect(await store.getReturnCode("h1")).toEqual(code("h1"));
      expect(await store.getReturnCode("unknown")).toBeUndefined();

      // The volunteer edits the note after the code was taken: the code follows.
      expect(await store.setReturnCodeNote("c_returning01", "school en thuis")).toBe(true);
      expect((await store.getReturnCode("h1"))?.note).toBe("school en thuis");
      expect(await store.setReturnCodeNote("c_returning01", "")).toBe(true);
      expect((await store.getReturnCode("h1"))?.note).toBeUndefined();
      expect(await store.setReturnCodeNote("c_nocode00001", "x")).toBe(false);

      // A second code at the end of the same conversation replaces the first.
      await store.putReturnCode(code("h2"), 60_000);
      expect(await store.getReturnCode("h1")).toBeUndefined();
      expect((await store.getReturnCode("h2"))?.note).toBe("wil over school praten");

      // A code without a note stays without one.
      await store.putReturnCode(code("h3", { conversationId: "c_other00001", note: undefined }), 60_000);
      expect(await store.getReturnCode("h3")).toEqual(code("h3", { conversationId: "c_other00001", note: undefined }));

      expect(await store.deleteReturnCode("h2")).toBe(true);
      expect(await store.deleteReturnCode("h2")).toBe(false);
      expect(await store.getReturnCode("h2")).toBeUndefined();
      expect(await store.setReturnCodeNote("c_returning01", "x")).toBe(false);

      await store.putReturnCode(code("h4", { conversationId: "c_short000001" }), 50);
      await new Promise((r) => setTimeout(r, 120));
      expect(await store.getReturnCode("h4")).toBeUndefined();
      expect(await store.setReturnCodeNote("c_short000001", "x")).toBe(false);
      expect(await store.deleteReturnCode("h4")).toBe(false);
    });

    it("stores racing return codes of one conversation so that exactly one stays", async () => {
      const record = (codeHash: string): ReturnCodeRecord => ({
        codeHash,
        staffId: "s1",
        conversationId: "c_race0000001",
        createdAt: 1,
        expiresAt: 2,
      });
      await Promise.all(["r1", "r2", "r3", "r4"].map((h) => store.putReturnCode(record(h), 60_000)));
      const left = await Promise.all(["r1", "r2", "r3", "r4"].map((h) => store.getReturnCode(h)));
      expect(left.filter(Boolean)).toHaveLength(1);
    });
  });
}
