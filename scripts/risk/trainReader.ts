/**
 * Trains the risk triage's second reader (server/domain/risk/reader.ts) on the tuning evaluation
 * sets and writes server/domain/risk/reader.weights.json. Logistic regression with AdaGrad and a
 * little L2, over a seeded shuffle: the same sets always give the same weights, so the committed
 * file can be checked against a fresh training run (riskReader.test.ts).
 *
 *   npm run train:risk
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { EvalItem } from "../../server/domain/risk/evaluation";
import { type ReaderWeights, readerFeatures, sigmoid } from "../../server/domain/risk/reader";
import { normalizeForRisk } from "../../server/domain/risk/riskScorer";
import { seededRandom } from "../../server/domain/seededRandom";

const EVAL_DIR = path.resolve(import.meta.dirname, "../../test/fixtures/risk-eval");
export const WEIGHTS_FILE = path.resolve(import.meta.dirname, "../../server/domain/risk/reader.weights.json");

/** The tuning sets (test/fixtures/risk-eval/README.md). Never a hold-out. */
export const TRAINING_SETS = ["set-a", "set-b", "set-d", "set-e", "set-f", "set-g", "set-h", "set-i", "set-j", "set-k"] as const;

const OPTIONS = { epochs: 30, rate: 0.5, l2: 0.1, seed: 20261204, keepAbove: 0.005 } as const;

export function trainReader(items: EvalItem[], trainedOn: ReaderWeights["trainedOn"]): ReaderWeights {
  // An item with earlier messages is labelled for the conversation ("ja" after a question about
  // suicide is high); the reader sees the message alone, so those labels would teach it that "ja"
  // is danger. It learns only from messages labelled on their own.
  const data = items
    .filter((it) => !it.context?.length)
    .map((it) => ({ features: readerFeatures(normalizeForRisk(it.text)), y: it.level === "high" ? 1 : 0 }));
  const w = new Map<string, number>();
  const squares = new Map<string, number>();
  let bias = 0;
  let biasSquares = 0;
  const next = seededRandom(OPTIONS.seed);
  for (let epoch = 0; epoch < OPTIONS.epochs; epoch++) {
    for (let i = data.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [data[i], data[j]] = [data[j]!, data[i]!];
    }
    for (const { features, y } of data) {
      let z = bias;
      for (const f of features) z += w.get(f) ?? 0;
      const g = sigmoid(z) - y;
      biasSquares += g * g;
      bias -= (OPTIONS.rate * g) / Math.sqrt(biasSquares + 1e-8);
      for (const f of features) {
        const wf = w.get(f) ?? 0;
        const gf = g + OPTIONS.l2 * wf;
        const s = (squares.get(f) ?? 0) + gf * gf;
        squares.set(f, s);
        w.set(f, wf - (OPTIONS.rate * gf) / Math.sqrt(s + 1e-8));
      }
    }
  }
  const weights: Record<string, number> = {};
  for (const [f, v] of [...w].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (Math.abs(v) >= OPTIONS.keepAbove) weights[f] = Math.round(v * 1e4) / 1e4;
  }
  return {
    about: `Weights of the risk triage's second reader, written by scripts/risk/trainReader.ts (${JSON.stringify(OPTIONS)}). Do not edit by hand: retrain.`,
    trainedOn,
    bias: Math.round(bias * 1e4) / 1e4,
    weights,
  };
}

/** Trains on the tuning sets as they are on disk. */
export function trainOnTuningSets(): ReaderWeights {
  const items: EvalItem[] = [];
  const trainedOn: ReaderWeights["trainedOn"] = [];
  for (const set of TRAINING_SETS) {
    const raw = readFileSync(path.join(EVAL_DIR, `${set}.json`));
    trainedOn.push({ set, sha256: createHash("sha256").update(raw).digest("hex") });
    items.push(...(JSON.parse(raw.toString("utf8")) as EvalItem[]));
  }
  return trainReader(items, trainedOn);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const model = trainOnTuningSets();
  writeFileSync(WEIGHTS_FILE, `${JSON.stringify(model, null, 1)}\n`);
  console.log(`${Object.keys(model.weights).length} weights from ${model.trainedOn.map((t) => t.set).join(", ")} -> ${WEIGHTS_FILE}`);
}
