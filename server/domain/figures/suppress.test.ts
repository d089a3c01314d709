import { describe, expect, it } from "vitest";
import { publishCount } from "./suppress";

/**
 * Differencing: an attacker who sees the published cells of a group (a location's days) and its
 * published total tries every table of true counts that would publish the same, and learns a
 * suppressed cell if only one value of 1–4 fits. Tried exhaustively on small groups.
 */
function recoverable(cells: number, max: number, publish: (n: number, group?: number) => string, total: (n: number) => string): number[][] {
  const tables: number[][] = [[]];
  for (let i = 0; i < cells; i++)
    tables.splice(0, tables.length, ...tables.flatMap((t) => Array.from({ length: max + 1 }, (_, v) => [...t, v])));
  const seen = (t: number[]) => {
    const sum = t.reduce((a, b) => a + b, 0);
    return [...t.map((v) => publish(v, sum)), total(sum)].join(",");
  };
  const alike = new Map<string, number[][]>();
  for (const t of tables) alike.set(seen(t), [...(alike.get(seen(t)) ?? []), t]);
  const leaks: number[][] = [];
  // Only tables well inside the enumerated range: at its edge the attacker's options are cut off by the test, not by the data.
  for (const t of tables.filter((x) => x.every((v) => v <= max - 4))) {
    const same = alike.get(seen(t))!;
    for (let i = 0; i < cells; i++) if (t[i]! >= 1 && t[i]! <= 4 && new Set(same.map((s) => s[i])).size < 2) leaks.push(t);
  }
  return leaks;
}

describe("publishing counts safely", () => {
  it("writes 0 as 0, 1–4 as <5, and rounds the rest down to a multiple of five", () => {
    expect([0, 1, 4, 5, 9, 10, 14, 15, 123].map((n) => publishCount(n))).toEqual(["0", "<5", "<5", "5", "5", "10", "10", "15", "120"]);
    expect(publishCount(0, 3)).toBe("<5"); // a zero in a group whose total is itself below five
    expect(publishCount(0, 7)).toBe("0");
  });

  it("with exact totals (the old rule) a suppressed cell is often recovered by subtraction", () => {
    const old = (n: number) => (n > 0 && n < 5 ? "<5" : String(n));
    expect(recoverable(2, 20, old, old).length).toBeGreaterThan(0);
    expect(recoverable(2, 20, old, old)).toContainEqual([3, 10]); // 13 − 10 = 3
  });

  for (const [cells, max] of [
    [2, 30],
    [3, 22],
    [4, 12],
  ] as const) {
    it(`no suppressed cell among ${cells} can be recovered from the rounded total (every table up to ${max} per cell)`, () => {
      expect(recoverable(cells, max, publishCount, (n) => publishCount(n))).toEqual([]);
    });
  }
});
