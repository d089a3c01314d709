/**
 * The risk scorer on the independent evaluation sets in test/fixtures/risk-eval/ (written by people
 * who never saw the phrase lists, the fixtures or each other's set). Each set is either tuning data
 * (in-sample) or a hold-out; the figures of every set are printed, and a floor per set is asserted
 * (docs/RISK.md says how each was set).
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RISK_SIGNALS } from "../../../shared/protocol/risk";
import { type EvalItem, evaluate, formatReport } from "./evaluation";
import { DEFAULT_LISTS, DEFAULT_UNITS, loadDefaultRiskScorer } from "./riskScorer";

const DIR = join(import.meta.dirname, "../../../test/fixtures/risk-eval");
const SETS = readdirSync(DIR)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((file) => ({ name: file.replace(/\.json$/, ""), items: JSON.parse(readFileSync(join(DIR, file), "utf8")) as EvalItem[] }));

interface Floors {
  highRecall: number;
  noneToHigh: number;
  /** Lowest high-or-concern share of any kind of high-risk message. */
  kindMin: number;
}

/** The targets (issue 12). */
const TARGETS: Floors = { highRecall: 0.85, noneToHigh: 0.05, kindMin: 0.7 };

/**
 * Sets the lists were tuned on and the reader trained on: their figures are in-sample, a regression
 * guard and not the scorer's quality. B, E, J and K were hold-outs once (each measured once first:
 * B high recall 0.613, none->high 12.5 %; E 0.918, 2.2 %; J 0.910, 8.8 %; K 0.877, 12.5 %), tuning
 * data since.
 * Floors a little under what they measured when tuning stopped (2026-12-04, after the reader was
 * retrained on nine sets).
 */
const TUNING: Record<string, Floors> = {
  "set-a": TARGETS,
  "set-b": { highRecall: 0.9, noneToHigh: 0.05, kindMin: 0.85 },
  "set-d": { highRecall: 0.93, noneToHigh: 0.04, kindMin: 0.85 },
  "set-e": { highRecall: 0.93, noneToHigh: 0.03, kindMin: 0.85 },
  "set-j": { highRecall: 0.92, noneToHigh: 0.04, kindMin: 0.85 },
  // Measured once as the hold-out, 2026-12-04 (at 93e2c4d, the scorer as tuned at d17ea7d): high
  // recall 0.877, none scored high 12.5 % (17 of 136; the 5 % NOT met, the lists alone
  // 12.5 % too), lowest kind 0.806. Its writers were asked for hard traps and negations.
  "set-k": { highRecall: 0.9, noneToHigh: 0.07, kindMin: 0.84 },
};

/**
 * Set C: the hold-out of 2026-12-04 (measured once after the lists' last tuning commit d8e074b: high
 * recall 0.619, none->high 8.8 %), then development data: the lists' narrowing was checked on it
 * and the second reader's thresholds chosen on it (never trained on). Floors a few points under
 * what it measured when the thresholds were last chosen (high recall 0.852, none->high 1.9 %).
 */
const DEVELOPMENT: Record<string, Floors> = {
  "set-c": { highRecall: 0.82, noneToHigh: 0.04, kindMin: 0.72 },
};

/**
 * Hold-outs: never read while tuning, figures looked at once, nothing tuned after (docs/RISK.md).
 * Their floors sit a few points under that one measurement; they are the figures that count.
 */
const HOLD_OUT: Record<string, Floors> = {
  // Measured once, 2026-12-04 (at 5447238, the scorer as tuned at b5750eb): high recall 0.926, none
  // scored high 4.4 % (6 of 136), lowest kind 0.844 (farewell): the targets met.
  "set-m": { highRecall: 0.9, noneToHigh: 0.06, kindMin: 0.8 },
};

/** Sets of everyday traffic (no high items): how many ordinary or worrying messages score high. */
interface EverydayFloors {
  noneToHigh: number;
  concernToHigh: number;
}

/**
 * Everyday sets the lists were narrowed and the reader trained on (in-sample). F, H and I were
 * hold-outs first, each measured once (none scored high 4.4 %, 6.0 %, 4.3 %).
 */
const EVERYDAY_TUNING: Record<string, EverydayFloors> = {
  "set-f": { noneToHigh: 0.03, concernToHigh: 0.1 },
  "set-g": { noneToHigh: 0.03, concernToHigh: 0.06 },
  "set-h": { noneToHigh: 0.04, concernToHigh: 0.06 },
  "set-i": { noneToHigh: 0.03, concernToHigh: 0.05 },
};

/** Everyday hold-outs: measured once, nothing tuned on them. */
const EVERYDAY_HOLD_OUT: Record<string, EverydayFloors> = {
  // Measured once, 2026-12-04 (at 93e2c4d): none 6 of 200 high (3.0 %: everyday 3 of 150, negation 1
  // of 12, trap 2 of 38), concern 3 of 50 (6.0 %); the lists alone 2.5 %. A second look with the
  // shipped scorer (5447238): the same 3.0 % and 6.0 %.
  "set-l": { noneToHigh: 0.045, concernToHigh: 0.08 },
};

/** Frozen and committed, not yet measured: only checked for form, its figures not computed. */
const UNMEASURED: ReadonlySet<string> = new Set<string>([]);

const score = loadDefaultRiskScorer();

describe("independent evaluation sets", () => {
  it("finds set A", () => {
    expect(SETS.map((s) => s.name)).toContain("set-a");
  });

  for (const set of SETS) {
    describe(set.name, () => {
      const everyday = !set.items.some((i) => i.level === "high");
      it("is well formed: at least 400 messages (200 of everyday traffic), at least 55 % Dutch, every item labelled", () => {
        expect(set.items.length).toBeGreaterThanOrEqual(everyday ? 200 : 400);
        expect(set.items.filter((i) => i.lang === "nl").length / set.items.length).toBeGreaterThanOrEqual(0.55);
        for (const item of set.items) {
          expect(["none", "concern", "high"]).toContain(item.level);
          expect(item.text.trim()).not.toBe("");
        }
      });
      if (UNMEASURED.has(set.name)) return;
      const report = evaluate(set.items, score);

      if (everyday) {
        it("prints how many everyday and concern messages score high", () => {
          console.log(formatReport(set.name, report));
          const floor = EVERYDAY_TUNING[set.name] ?? EVERYDAY_HOLD_OUT[set.name];
          expect(floor, `${set.name} is neither an everyday tuning set nor an everyday hold-out`).toBeDefined();
          if (!floor) return;
          expect(report.noneToHigh.rate).toBeLessThanOrEqual(floor.noneToHigh);
          expect(report.concernToHigh.rate).toBeLessThanOrEqual(floor.concernToHigh);
        });
        return;
      }

      it("prints precision and recall per level, per kind, and none scored high", () => {
        console.log(formatReport(set.name, report));
        const highKinds = report.kinds.filter((k) => k.expected === "high");
        expect(highKinds.length).toBeGreaterThan(0);
        const floor = TUNING[set.name] ?? DEVELOPMENT[set.name] ?? HOLD_OUT[set.name];
        expect(floor, `${set.name} is not a tuning, development or hold-out set`).toBeDefined();
        if (!floor) return;
        expect(report.highRecall).toBeGreaterThanOrEqual(floor.highRecall);
        expect(report.noneToHigh.rate).toBeLessThanOrEqual(floor.noneToHigh);
        for (const k of highKinds) expect((k.high + k.concern) / k.n, k.kind).toBeGreaterThanOrEqual(floor.kindMin);
      });
    });
  }
});

describe("frozen sets", () => {
  it("are byte for byte what the README's sha256 list says, and every set is listed", () => {
    const readme = readFileSync(join(DIR, "README.md"), "utf8");
    const listed = new Map([...readme.matchAll(/^([0-9a-f]{64}) {2}(set-[a-z]+\.json)$/gm)].map((m) => [m[2], m[1]]));
    for (const set of SETS) {
      const sum = createHash("sha256")
        .update(readFileSync(join(DIR, `${set.name}.json`)))
        .digest("hex");
      expect(sum, set.name).toBe(listed.get(`${set.name}.json`));
    }
  });
});

describe("signal ids", () => {
  it("every id in the phrase and unit files is a protocol signal (so the console has words for it)", () => {
    const known = new Set<string>(RISK_SIGNALS);
    const ids = [
      ...DEFAULT_LISTS.flatMap((l) => [...l.high, ...l.concern].map((e) => e.id)),
      ...DEFAULT_UNITS.flatMap((u) =>
        [...u.units, ...u.questions, ...(u.safetyQuestions ?? []), ...(u.followUpQuestions ?? [])].map((e) => e.id),
      ),
    ];
    expect(ids.filter((id) => !known.has(id))).toEqual([]);
  });

  it("every unit has an about", () => {
    for (const u of DEFAULT_UNITS) {
      for (const e of [...u.units, ...u.questions, ...(u.safetyQuestions ?? []), ...(u.followUpQuestions ?? [])]) {
        expect(e.about.trim(), e.id).not.toBe("");
      }
    }
  });
});

describe("risk bench", () => {
  it("runs over every evaluation message and measures something sensible", { timeout: 60_000 }, async () => {
    const { benchRisk } = await import("../../../scripts/bench/risk");
    const figures = await benchRisk(1);
    expect(figures.risk_messages).toBe(SETS.reduce((n, s) => n + s.items.length, 0));
    expect(figures.risk_us_per_message).toBeGreaterThan(0);
    expect(figures.risk_us_p99).toBeGreaterThanOrEqual(0);
    expect(figures.risk_us_per_message_3_before).toBeGreaterThan(0);
  });
});
