import { describe, expect, it } from "vitest";
import { createRiskScorer, DEFAULT_LISTS, loadDefaultRiskScorer, type PhraseLists } from "./riskScorer";

const score = loadDefaultRiskScorer();

/** A minimal list for tests of the engine itself. */
function list(over: Partial<PhraseLists>): PhraseLists {
  return {
    language: "test",
    high: [],
    concern: [],
    negations: [],
    downgrades: [],
    topics: [],
    ignore: [],
    breakers: [],
    subjects: [],
    variants: {},
    ...over,
  };
}

describe("phrase lists as data", () => {
  it("a coordinator can add an entry without touching code", () => {
    const extended = createRiskScorer([
      ...DEFAULT_LISTS,
      list({ high: [{ id: "blue-whale", patterns: ["blauwe walvis/whale challenge"] }] }),
    ]);
    expect(extended("doe jij ook de blauwe walvis challenge")).toEqual({
      level: "high",
      signals: ["blue-whale"],
      acute: false,
      contextMatters: true,
    });
    expect(score("doe jij ook de blauwe walvis challenge").level).toBe("none");
  });

  it("supports prefixes, alternatives, gaps, numbers and sentence ends", () => {
    const s = createRiskScorer([
      list({
        high: [{ id: "x", patterns: ["zelfmoord*", "rood/blauw huis", "wil .. weg", "# pillen", "klaar $"] }],
        negations: ["niet"],
      }),
    ]);
    expect(s("zelfmoordgedachten").level).toBe("high");
    expect(s("een blauw huis").level).toBe("high");
    expect(s("een groen huis").level).toBe("none");
    expect(s("ik wil echt heel graag weg").level).toBe("high");
    expect(s("ik wil een twee drie vier weg").level).toBe("none");
    expect(s("ik wil niet weg").level).toBe("none");
    expect(s("20 pillen").level).toBe("high");
    expect(s("veel pillen").level).toBe("none");
    expect(s("ik ben er klaar mee").level).toBe("none");
    expect(s("ik ben klaar. echt").level).toBe("high");
  });

  it("rejects malformed lists, naming the entry and pattern", () => {
    expect(() => createRiskScorer([list({ high: [{ id: "x", patterns: [".. dood"] }] })])).toThrow(/"x".*\.\. dood/);
    expect(() => createRiskScorer([list({ high: [{ id: "x", patterns: ["klaar $ mee"] }] })])).toThrow(/'\$' may only end/);
    expect(() => createRiskScorer([list({ high: [{ id: "x", patterns: ["zel*fmoord"] }] })])).toThrow(/'\*' may only end/);
    expect(() => createRiskScorer([list({ high: [{ id: "x", patterns: ["!!!"] }] })])).toThrow(/no letters/);
    expect(() => createRiskScorer([list({ high: [{ id: "Not Kebab", patterns: ["a"] }] })])).toThrow(/kebab-case/);
    expect(() => createRiskScorer([list({ high: [{ id: "x", patterns: [] }] })])).toThrow(/at least one pattern/);
    expect(() => createRiskScorer([{ ...list({}), negations: undefined } as unknown as PhraseLists])).toThrow(/negations/);
  });

  it("every shipped entry has a unique id per level and file, and patterns that compile", () => {
    for (const l of DEFAULT_LISTS) {
      for (const lvl of ["high", "concern"] as const) {
        const ids = l[lvl].map((e) => e.id);
        expect(new Set(ids).size, `${l.language} ${lvl}`).toBe(ids.length);
      }
    }
    expect(() => createRiskScorer(DEFAULT_LISTS)).not.toThrow();
  });
});
