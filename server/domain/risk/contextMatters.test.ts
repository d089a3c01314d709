/**
 * `contextMatters: false` lets the triage skip reading the conversation. It must never change a
 * score: over every evaluation message that has earlier messages, a message that says the context
 * cannot matter scores exactly the same with it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { contextOf, type EvalItem } from "./evaluation";
import { loadDefaultRiskScorer } from "./riskScorer";

const DIR = join(import.meta.dirname, "../../../test/fixtures/risk-eval");
const items = readdirSync(DIR)
  .filter((f) => f.endsWith(".json"))
  .flatMap((f) => JSON.parse(readFileSync(join(DIR, f), "utf8")) as EvalItem[]);
const score = loadDefaultRiskScorer();

describe("contextMatters", () => {
  const withContext = items.filter((i) => contextOf(i));

  it("has messages with context to check", () => {
    expect(withContext.length).toBeGreaterThan(50);
  });

  it("is false only where the context changes nothing", () => {
    const wrong = withContext.filter((item) => {
      const alone = score(item.text);
      if (alone.contextMatters) return false;
      const read = score(item.text, contextOf(item));
      return read.level !== alone.level || read.acute !== alone.acute || read.signals.join() !== alone.signals.join();
    });
    expect(wrong.map((i) => i.id)).toEqual([]);
  });

  it("is true for the answers that take their meaning from the question", () => {
    expect(score("ja").contextMatters).toBe(true);
    expect(score("yes. pills. this weekend").contextMatters).toBe(true);
    expect(score("ik heb vandaag een proefwerk aardrijkskunde gehad en het ging best goed").contextMatters).toBe(false);
  });
});
