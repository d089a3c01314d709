import { describe, expect, it } from "vitest";
import { buildPresence } from "../testFactories";
import { availabilityOf, isLive, makeReturnCode, normaliseReturnCode, RETURN_CODE_WORD_COUNT } from "./returnCode";
import { RETURN_CODE_WORDS } from "./words";

/** A scripted "random" source: returns the given values in turn. */
const scripted = (...values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length]!;
};

describe("return codes", () => {
  it("are four words from the list and a two-digit number", () => {
    expect(makeReturnCode(scripted(0, 1, 2, 3, 32))).toBe(
      `${RETURN_CODE_WORDS[0]}-${RETURN_CODE_WORDS[1]}-${RETURN_CODE_WORDS[2]}-${RETURN_CODE_WORDS[3]}-42`,
    );
    expect(makeReturnCode(scripted(0, 0, 0, 0, 0))).toMatch(/-10$/);
    expect(makeReturnCode(scripted(0, 0, 0, 0, 89))).toMatch(/-99$/);
  });

  it("have a word list without duplicates, spelled with plain letters only, big enough for codes of over 38 bits", () => {
    expect(new Set(RETURN_CODE_WORDS).size).toBe(RETURN_CODE_WORDS.length);
    for (const w of RETURN_CODE_WORDS) expect(w).toMatch(/^[a-z]{2,9}$/);
    // One in 2^38: a thousand live codes and the daily budget of wrong guesses leave a guesser nowhere.
    const codes = RETURN_CODE_WORDS.length ** RETURN_CODE_WORD_COUNT * 90;
    expect(Math.log2(codes)).toBeGreaterThan(38);
  });

  it("read back what a youth typed, forgiving capitals and separators", () => {
    const code = makeReturnCode(scripted(5, 6, 7, 8, 20));
    expect(normaliseReturnCode(code)).toBe(code);
    const [a, b, c, d, n] = code.split("-");
    expect(normaliseReturnCode(`  ${a!.toUpperCase()} ${b}.${c}   ${d} ${n} `)).toBe(code);
  });

  it("reject anything that cannot be a code, without a store lookup", () => {
    const [a, b, c, d] = RETURN_CODE_WORDS;
    for (const wrong of [
      "",
      "hallo",
      `${a}-${b}-${c}-${d}`,
      `${a}-${b}-${c}-42`,
      `${a}-${b}-${c}-${d}-9`,
      `${a}-${b}-${c}-${d}-100`,
      `${a}-${b}-${c}-nietbestaand-42`,
      `${a}-${b}-${c}-${d}-42-1`,
    ]) {
      expect(normaliseReturnCode(wrong)).toBeUndefined();
    }
  });

  it("live until their expiry, not at it", () => {
    const record = { codeHash: "h", staffId: "s", conversationId: "c", createdAt: 0, expiresAt: 1000 };
    expect(isLive(record, 999)).toBe(true);
    expect(isLive(record, 1000)).toBe(false);
  });

  it("tell the youth honestly whether their volunteer is here, busy or away", () => {
    expect(availabilityOf(undefined)).toBe("away");
    expect(availabilityOf(buildPresence({ status: "break" }))).toBe("away");
    expect(availabilityOf(buildPresence({ status: "off" }))).toBe("away");
    expect(availabilityOf(buildPresence({ capacity: 2, load: 1 }))).toBe("here");
    expect(availabilityOf(buildPresence({ capacity: 2, load: 2 }))).toBe("busy");
  });
});
