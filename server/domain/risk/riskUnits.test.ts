import { describe, expect, it } from "vitest";
import { createRiskScorer, DEFAULT_LISTS, DEFAULT_UNITS, loadDefaultRiskScorer, normalizeForRisk, type UnitLists } from "./riskScorer";
import { stemKey, tokenKeys } from "./stems";
import { tokenize, UnitMatcher } from "./units";

const score = loadDefaultRiskScorer();

describe("youth spelling is normalised before matching", () => {
  it.each([
    ["kwil dood", "ik wil dood"],
    ["kheb het gedaan", "ik heb het gedaan"],
    ["kzie het nie meer zitten", "ik zie het niet meer zitten"],
    ["kben op", "ik ben op"],
    ["tis goed zo", "het is goed zo"],
    ["da is mn laatste", "dat is mijn laatste"],
    ["ni meer", "niet meer"],
    ["i wnat to die", "i want to die"],
    ["💊💊 op", "pills pills op"],
  ])("%s -> %s", (text, expected) => {
    expect(normalizeForRisk(text)).toBe(expected);
  });
});

describe("stems and irregular forms", () => {
  it("reduces inflections to one key per language", () => {
    expect(stemKey("hitting", "en")).toBe(stemKey("hits", "en"));
    expect(stemKey("bloeden", "nl")).toBe(stemKey("bloed", "nl"));
    expect(stemKey("branden", "nl")).toBe(stemKey("brand", "nl"));
  });
  it("maps irregular forms the stemmer leaves alone", () => {
    expect(stemKey("gesneden", "nl")).toBe(stemKey("snijden", "nl"));
    expect(stemKey("sneed", "nl")).toBe(stemKey("snijden", "nl"));
    expect(stemKey("gebrand", "nl")).toBe(stemKey("branden", "nl"));
    expect(stemKey("took", "en")).toBe(stemKey("take", "en"));
  });
  it("matches short words and numbers only exactly", () => {
    expect(tokenKeys("me")).toEqual(["=me"]);
    expect(tokenKeys("30")).toEqual(["=30"]);
  });
});

/** A unit list with one unit, for tests of the matcher itself. */
function units(over: Partial<UnitLists["units"][number]>): UnitLists {
  return {
    about: "test",
    language: "nl",
    time: ["vanavond"],
    affirmatives: ["ja"],
    jokes: ["haha"],
    questions: [],
    units: [{ id: "x", level: "high", about: "test", words: ["eind", "maken"], ...over }],
  };
}

describe("clause matching: a set of stems in any order within one clause", () => {
  const m = new UnitMatcher([units({ window: 5 })], (w) => normalizeForRisk(w));
  const hits = (text: string) => m.match(tokenize(normalizeForRisk(text))).length;

  it("matches in any order, with inflections and filler words", () => {
    expect(hits("ik wil er een eind aan maken")).toBe(1);
    expect(hits("vanavond maak ik er een eind aan")).toBe(1);
    expect(hits("het einde maken")).toBe(1);
  });
  it("does not match across a sentence end or beyond the window", () => {
    expect(hits("het is het eind. we maken huiswerk")).toBe(0);
    expect(hits("eind van de hele lange dag maken")).toBe(0);
  });
  it("a word in unless cancels the unit anywhere in the message", () => {
    const u = new UnitMatcher([units({ unless: ["=ruzie"] })], (w) => normalizeForRisk(w));
    expect(u.match(tokenize(normalizeForRisk("ik wil een eind maken aan de ruzie"))).length).toBe(0);
  });
  it("numbers: # any number, #5 at least five", () => {
    const u = new UnitMatcher([units({ words: ["#5", "pillen"] })], (w) => normalizeForRisk(w));
    expect(u.match(tokenize("30 pillen")).length).toBe(1);
    expect(u.match(tokenize("2 pillen")).length).toBe(0);
  });
  it("rejects malformed units, naming the entry", () => {
    expect(() => new UnitMatcher([units({ words: [] })], (w) => w)).toThrow(/"x".*at least one word/);
    expect(() => new UnitMatcher([units({ words: ["a", "b", "c"], window: 2 })], (w) => w)).toThrow(/window/);
    expect(() => new UnitMatcher([units({ id: "Not Kebab" })], (w) => w)).toThrow(/kebab/);
  });
  it("applies negation, also the Dutch negation after the verb, with the shipped lists", () => {
    const s = createRiskScorer(DEFAULT_LISTS, [units({ words: ["snijden", "mezelf"] })]);
    expect(s("ik snij mezelf").level).toBe("high");
    expect(s("ik wil mezelf niet snijden").level).toBe("none");
  });
});

describe("meaning units on messages nobody listed", () => {
  it.each([
    "ik zie het echt gewoon niet meer zitten",
    "vanavond maak ik er een eind aan",
    "i took like 30 pills",
    "ik ben er volgende week niet meer",
    "everyone would be better off without me honestly",
    "i think im gonna catch the bus soon if u know what i mean",
    "hij komt achter me aan",
    "i cant keep myself safe tonight",
  ])("high: %s", (text) => {
    expect(score(text).level).toBe("high");
  });

  it.each([
    "we bouwen een vlot met touw",
    "ik sta op het dak om mn vader te helpen met de antenne",
    "ik schrijf een afscheidskaart voor de juf",
    "my cat scratched me so bad lmao",
    "i need to catch the bus to school",
  ])("not high: %s", (text) => {
    expect(score(text).level).not.toBe("high");
  });
});

describe("severity: acute is the top grade within high", () => {
  it.each([
    "ik heb 40 paracetamol gespaard",
    "i took all my pills",
    "ik wil vanavond dood",
    "het bloedt en het stopt niet",
    "papa slaat mama nu",
    "ik sta op de brug",
  ])("acute: %s", (text) => {
    expect(score(text)).toMatchObject({ level: "high", acute: true });
  });

  it.each(["ik wil dood", "i want to die", "mijn vader slaat me"])("high, not acute: %s", (text) => {
    expect(score(text)).toMatchObject({ level: "high", acute: false });
  });

  it("is never acute below high", () => {
    expect(score("ik voel me hopeloos").acute).toBe(false);
    expect(score("").acute).toBe(false);
  });
});

describe("conversation context", () => {
  it("'ja' or 'soms' after a volunteer's question about suicide or self-harm counts", () => {
    expect(score("ja").level).toBe("none");
    expect(score("ja", { lastStaff: "Denk je weleens aan zelfmoord?" })).toMatchObject({ level: "high", signals: ["suicidal-ideation"] });
    expect(score("soms", { lastStaff: "Doe je jezelf weleens pijn?" })).toMatchObject({ level: "high", signals: ["self-harm"] });
    expect(score("yeah sometimes", { lastStaff: "are you having thoughts of suicide?" }).level).toBe("high");
  });

  it("a reply that opens with a plain yes answers the question even when it says more", () => {
    const asked = { lastStaff: "Denk je weleens aan zelfmoord?" };
    expect(score("ja. elke dag nu, vandaag het ergst", asked)).toMatchObject({ level: "high", signals: ["suicidal-ideation"] });
    expect(score("ja 2 doosjes van mn slaappillen, half uur geleden", { lastStaff: "Heb je iets ingenomen?" }).level).toBe("high");
    // A weak yes-word ("net", "soms") only counts in a short reply; a no-word anywhere stops it.
    expect(score("net thuis van school en nu even op de bank met thee", asked).level).toBe("none");
    expect(score("ja nee ik bedoel het niet zo, ik ben gewoon moe", asked).level).toBe("none");
  });

  it("a no, or a yes to another question, is not a signal", () => {
    expect(score("nee joh", { lastStaff: "Denk je aan zelfmoord?" }).level).toBe("none");
    expect(score("ja", { lastStaff: "Zit je nog op school?" }).level).toBe("none");
  });

  it("two concerns in one message raise to high", () => {
    // The rule of the lists; the second reader may turn this message down (riskReader.test.ts).
    const lists = createRiskScorer(DEFAULT_LISTS, DEFAULT_UNITS);
    expect(lists("ik word gepest").level).toBe("concern");
    expect(lists("ik word gepest en ik heb een eetstoornis").level).toBe("high");
  });

  it("a concern after an earlier signal in a short run is high; older messages do not count", () => {
    expect(score("ik word gepest").level).toBe("concern");
    expect(score("ik word gepest", { recent: ["alles is zinloos"] }).level).toBe("high");
    expect(score("ik word gepest", { recent: ["alles is zinloos", "hoi", "ok", "ja"] }).level).toBe("concern");
  });

  it("means named after a stated intent is high and acute", () => {
    expect(score("pillen").level).toBe("none");
    expect(score("pillen", { recent: ["ik ga er vanavond een eind aan maken"] })).toMatchObject({ level: "high", acute: true });
  });

  it("a joke marker turns wanting to die into concern, never a plan", () => {
    expect(score("ik wil dood haha zo genant").level).toBe("concern");
    expect(score("haha ik heb 40 pillen gespaard").level).toBe("high");
  });
});

describe("unit files", () => {
  it("use no word the variants rewrite (a unit '=sewerslide' would be read as 'suicide' and fire on every mention)", () => {
    const variants = new Map(DEFAULT_LISTS.flatMap((l) => Object.entries(l.variants ?? {})));
    const rewritten = DEFAULT_UNITS.flatMap((f) =>
      [...f.units, ...f.questions].flatMap((u) =>
        u.words.flatMap((slot) => slot.split("/")).filter((w) => w.startsWith("=") && variants.has(w.slice(1))),
      ),
    );
    expect(rewritten).toEqual([]);
  });

  it("do not turn any mention of suicide into a high signal by itself", () => {
    const score = loadDefaultRiskScorer();
    expect(score("for school we read a poem that mentions suicide").level).not.toBe("high");
    expect(score("my friend talked about suicide yesterday").level).not.toBe("high");
  });
});
