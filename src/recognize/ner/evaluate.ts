/** Scoring a model on a tagged corpus. */
import type { TaggedSentence } from "./conll.js";
import type { NerModel } from "./model.js";
import { tokensForWords } from "./model.js";
import { type NerScore, type PRF, scoreNer } from "./score.js";

export interface EvaluateOptions {
  /** Entity types left out of the comparison: predictions of these types are dropped. */
  ignoreTypes?: readonly string[];
}

/** Tags every sentence's words with `model` and scores the result against the gold tags. */
export function evaluateModel(
  model: NerModel,
  sentences: readonly TaggedSentence[],
  options: EvaluateOptions = {},
): NerScore {
  const ignore = new Set(options.ignoreTypes ?? []);
  const keep = (t: string) => (t !== "O" && ignore.has(t.slice(2)) ? "O" : t);
  const pred = sentences.map((s) => model.tagSentence(tokensForWords(s.words).tokens).map(keep));
  return scoreNer(
    sentences.map((s) => s.tags.map(keep)),
    pred,
  );
}

/** One line per type and one overall: precision, recall, F1 (percent) and counts. */
export function formatScore(score: NerScore): string {
  const pct = (x: number) => (100 * x).toFixed(2).padStart(6);
  const row = (name: string, s: PRF) =>
    `${name.padEnd(8)} ${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)} ${String(s.support).padStart(7)} ${String(s.predicted).padStart(9)} ${String(s.correct).padStart(7)}`;
  const lines = [
    `${"type".padEnd(8)} ${"P".padStart(6)} ${"R".padStart(6)} ${"F1".padStart(6)} ${"gold".padStart(7)} ${"predicted".padStart(9)} ${"correct".padStart(7)}`,
  ];
  for (const [t, s] of Object.entries(score.perType)) lines.push(row(t, s));
  lines.push(row("overall", score));
  return lines.join("\n");
}
