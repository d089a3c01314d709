/**
 * The second reader: a linear model over a message's words that says how likely the message as a
 * whole is high risk. The phrase and unit lists reach what someone foresaw; this reader weighs every
 * word and word pair it has seen in labelled messages, so it also reaches danger told in words no list
 * holds. It is trained offline (`npm run train:risk`, scripts/risk/trainReader.ts) on the tuning
 * evaluation sets only; its weights are data (reader.weights.json). Pure and fast: one map lookup
 * per feature. How it combines with the lists: readerVerdict.ts and docs/RISK.md.
 */
import { tokenKeys } from "./stems";

/** The trained weights as stored in reader.weights.json. */
export interface ReaderWeights {
  about: string;
  /** The evaluation sets it learnt from, with their sha256 (never a hold-out). */
  trainedOn: Array<{ set: string; sha256: string }>;
  bias: number;
  weights: Record<string, number>;
}

/** Probability (0..1) that a normalised message is high risk. */
export type RiskReader = (norm: string) => number;

/**
 * The features of a normalised message ("a b | c"): every word's keys (exact form and its Dutch and
 * English stems, see stems.ts) and every pair of neighbouring words in their exact form.
 */
export function readerFeatures(norm: string): string[] {
  const words = norm.split(" ").filter((w) => w !== "" && w !== "|");
  const features: string[] = [];
  for (const w of words) for (const k of tokenKeys(w)) features.push(k);
  for (let i = 0; i + 1 < words.length; i++) features.push(`${words[i]}_${words[i + 1]}`);
  return [...new Set(features)];
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function createRiskReader(model: ReaderWeights): RiskReader {
  const weights = new Map(Object.entries(model.weights));
  return (norm) => {
    let z = model.bias;
    for (const f of readerFeatures(norm)) z += weights.get(f) ?? 0;
    return sigmoid(z);
  };
}
