import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TRAINING_SETS, trainOnTuningSets, WEIGHTS_FILE } from "../../../scripts/risk/trainReader";
import { createRiskReader, type ReaderWeights, type RiskReader, readerFeatures } from "./reader";
import { createRiskScorer, DEFAULT_LISTS, DEFAULT_UNITS, READER, sentencesAt } from "./riskScorer";

describe("reader features", () => {
  it("are each word's exact form and stems, and each pair of neighbouring words", () => {
    const f = readerFeatures("ik neem | pillen");
    expect(f).toEqual(expect.arrayContaining(["=ik", "=neem", "=pillen", "nl:pill", "ik_neem", "neem_pillen"]));
    expect(f).not.toContain("|");
    expect(new Set(f).size).toBe(f.length);
  });

  it("of an empty message are none", () => {
    expect(readerFeatures("")).toEqual([]);
  });
});

describe("reader", () => {
  it("adds the weights of the features it knows to the bias", () => {
    const model: ReaderWeights = { about: "", trainedOn: [], bias: -1, weights: { "=pillen": 3, "=ik": 0.5 } };
    const read = createRiskReader(model);
    expect(read("ik pillen")).toBeCloseTo(1 / (1 + Math.exp(-2.5)), 6);
    expect(read("")).toBeCloseTo(1 / (1 + Math.exp(1)), 6);
  });

  // Training takes a second or two alone, ten under a loaded CI: a timeout of its own.
  it("ships weights that a fresh training run on the tuning sets reproduces exactly", { timeout: 60_000 }, () => {
    const shipped = JSON.parse(readFileSync(WEIGHTS_FILE, "utf8")) as ReaderWeights;
    expect(trainOnTuningSets()).toEqual(shipped);
  });

  it("was trained only on tuning sets, never on a hold-out", () => {
    const shipped = JSON.parse(readFileSync(WEIGHTS_FILE, "utf8")) as ReaderWeights;
    const readme = readFileSync(join(import.meta.dirname, "../../../test/fixtures/risk-eval/README.md"), "utf8");
    expect(shipped.trainedOn.map((t) => t.set)).toEqual([...TRAINING_SETS]);
    for (const set of TRAINING_SETS) expect(readme).toMatch(new RegExp(`\`${set}\\.json\`[^\\n]*\\n?[^\\n]*tuning`));
    expect(shipped.trainedOn.map((t) => t.set)).not.toContain("set-c");
    expect(shipped.trainedOn.map((t) => t.set)).not.toContain("set-l");
    expect(shipped.trainedOn.map((t) => t.set)).not.toContain("set-m");
  });
});

/** A scorer over the shipped lists with a reader that always says `p`. */
const withP = (p: number) => {
  const reader: RiskReader = () => p;
  return createRiskScorer(DEFAULT_LISTS, DEFAULT_UNITS, reader);
};

describe("the reader beside the lists", () => {
  it("makes a message the lists pass high when it is sure, with its own signal, never acute", () => {
    const r = withP(READER.alone)("alles is zo zwaar vandaag");
    expect(r).toMatchObject({ level: "high", acute: false });
    expect(r.signals[0]).toBe("reader");
  });

  it("leaves a message the lists pass alone when it is not sure", () => {
    expect(withP(READER.alone - 0.01)("hoe gaat het met je")).toMatchObject({ level: "none", signals: [] });
  });

  it("turns a listed high down to concern when it reads the message as harmless", () => {
    const card = "mijn klas maakt een kaart voor de juf: dit is mijn laatste bericht, bedankt voor alles";
    // Not acute, not someone's own suicidal thoughts, self-harm or violence at home: the reader may turn it down.
    const listedHigh = "ik moet seks hebben met zijn vrienden";
    expect(withP(READER.veto)(listedHigh).level).toBe("high");
    expect(withP(READER.veto - 0.01)(listedHigh)).toMatchObject({ level: "concern", signals: ["sexual-exploitation"] });
    expect(withP(READER.strictVeto - 0.01)(card)).toMatchObject({ level: "concern", acute: false });
    expect(withP(READER.strictVeto + 0.01)(card).level).toBe("high");
  });

  it("never turns down someone saying they think of suicide, hurt themselves, are hit at home or were abused", () => {
    for (const text of [
      "ik wil dood",
      "can i talk about my suicidal thoughts",
      "after school i play fortnite with my friends and then i cut myself in the bathroom",
      "ik word gepest op school en thuis slaat mijn vader me",
      "i was raped at a party on saturday",
    ]) {
      expect(withP(0)(text).level, text).toBe("high");
    }
  });

  it("never turns down a high the conversation backs", () => {
    const text = "ik moet seks hebben met zijn vrienden";
    expect(withP(0)(text, { recent: ["ik trek het niet meer"] }).level).toBe("high");
    expect(withP(0)(text, { lastStaff: "Doe je jezelf weleens pijn?" }).level).toBe("high");
    // A conversation without a signal or a question about danger backs nothing.
    expect(withP(0)(text, { recent: ["hoi", "ik heb vandaag school"], lastStaff: "Hoe was je dag?" }).level).toBe("concern");
  });

  it("reads the veto over the sentences where the lists matched, not the whole message", () => {
    const norm = "hoi | ik moet seks hebben met zijn vrienden | verder gaat het goed";
    const at = norm.indexOf("seks");
    expect(sentencesAt(norm, [[at, at + 4]])).toBe("ik moet seks hebben met zijn vrienden");
    expect(sentencesAt(norm, [])).toBe(norm);
    const seen: string[] = [];
    const reader: RiskReader = (text) => {
      seen.push(text);
      return 0.5;
    };
    createRiskScorer(DEFAULT_LISTS, DEFAULT_UNITS, reader)("hoi. ik moet seks hebben met zijn vrienden. verder gaat het goed");
    expect(seen).toContain("ik moet seks hebben met zijn vrienden");
  });

  it("never turns down an acute high", () => {
    const r = withP(0)("ik heb net 30 pillen genomen");
    expect(r).toMatchObject({ level: "high", acute: true });
  });

  it("never turns down a high the context raised ('ja' after a question about suicide)", () => {
    expect(withP(0)("ja", { lastStaff: "Denk je weleens aan zelfmoord?" }).level).toBe("high");
  });

  it("does not overrule a negation; needs to be surer beside an idiom or a joke", () => {
    expect(withP(0.99)("ik wil niet dood, ik ben gewoon moe").level).toBe("none");
    expect(withP(READER.softened - 0.01)("ik ga dood van de honger").level).toBe("none");
    expect(withP(READER.softened - 0.01)("hahaha ik kan niet meer 😂").level).not.toBe("high");
    expect(withP(READER.softened)("hahaha ik kan niet meer 😂").level).toBe("high");
  });
});
