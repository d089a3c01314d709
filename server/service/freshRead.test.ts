import { describe, expect, it } from "vitest";
import { freshRead } from "./freshRead";

describe("freshRead", () => {
  it("gives callers who arrive during a read the next read, shared", async () => {
    let version = 0;
    let loads = 0;
    const release: (() => void)[] = [];
    const read = freshRead(async () => {
      loads += 1;
      const seen = version;
      await new Promise<void>((r) => release.push(r));
      return seen;
    });
    const first = read();
    version = 1; // a write after the first read began: later callers must see it
    const second = read();
    const third = read();
    release.shift()!();
    expect(await first).toBe(0);
    await new Promise((r) => setTimeout(r, 0));
    release.shift()!();
    expect(await second).toBe(1);
    expect(await third).toBe(1);
    expect(loads).toBe(2);
  });

  it("starts a new read after a failed one", async () => {
    let calls = 0;
    const read = freshRead(async () => {
      calls += 1;
      if (calls === 1) throw new Error("down");
      return "up";
    });
    await expect(read()).rejects.toThrow("down");
    expect(await read()).toBe("up");
  });
});
