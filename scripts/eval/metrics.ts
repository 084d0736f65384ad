/** Counting helpers for the GSR evaluation: binary detection scores and span agreement. */
import type { Span } from "../../src/types.js";
import type { GoldSpan, Word } from "./gsr-data.js";

export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface Scores extends Confusion {
  /** Sentences scored (with a gold answer). */
  n: number;
  goldPositives: number;
  predictedPositives: number;
  precision: number;
  recall: number;
  f1: number;
}

export function emptyConfusion(): Confusion {
  return { tp: 0, fp: 0, fn: 0, tn: 0 };
}

export function add(c: Confusion, gold: boolean, predicted: boolean): void {
  if (gold && predicted) c.tp++;
  else if (gold) c.fn++;
  else if (predicted) c.fp++;
  else c.tn++;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

export function scores(c: Confusion): Scores {
  const precision = ratio(c.tp, c.tp + c.fp);
  const recall = ratio(c.tp, c.tp + c.fn);
  const f1 = ratio(2 * precision * recall, precision + recall);
  return {
    ...c,
    n: c.tp + c.fp + c.fn + c.tn,
    goldPositives: c.tp + c.fn,
    predictedPositives: c.tp + c.fp,
    precision: round(precision),
    recall: round(recall),
    f1: round(f1),
  };
}

export function round(x: number, digits = 4): number {
  return Number(x.toFixed(digits));
}

/** How a predicted span agrees with a gold span. */
export interface Agreement {
  /** Same characters: identical [start, end). */
  exact: boolean;
  /** Same words: the same first and last whitespace-delimited word (clitics, punctuation aside). */
  sameWords: boolean;
  /** At least one character in common. */
  overlap: boolean;
}

/** Index of the word that holds offset `at` (or the next word, if `at` falls on a space). */
export function wordAt(ws: Word[], at: number): number {
  let lo = 0;
  let hi = ws.length - 1;
  let ans = ws.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ws[mid]!.end > at) {
      ans = mid;
      hi = mid - 1;
    } else lo = mid + 1;
  }
  return ans;
}

export function agreement(predicted: Span, gold: GoldSpan, ws: Word[]): Agreement {
  const overlap = predicted.start < gold.end && gold.start < predicted.end;
  return {
    exact: predicted.start === gold.start && predicted.end === gold.end,
    sameWords:
      overlap &&
      wordAt(ws, predicted.start) === gold.firstWord &&
      wordAt(ws, predicted.end - 1) === gold.lastWord,
    overlap,
  };
}

/** The best agreement of any of the predicted spans with the gold span. */
export function bestAgreement(predicted: Span[], gold: GoldSpan, ws: Word[]): Agreement {
  const best: Agreement = { exact: false, sameWords: false, overlap: false };
  for (const p of predicted) {
    const a = agreement(p, gold, ws);
    best.exact ||= a.exact;
    best.sameWords ||= a.sameWords;
    best.overlap ||= a.overlap;
  }
  return best;
}

/** Tallies of span agreement against one kind of gold span. */
export interface SpanTally {
  /** Records with this gold span. */
  gold: number;
  /** …of which rasd produced a matching-type event. */
  withEvent: number;
  /** …and that event had a span in the compared role(s). */
  predicted: number;
  exact: number;
  sameWords: number;
  overlap: number;
}

export function emptyTally(): SpanTally {
  return { gold: 0, withEvent: 0, predicted: 0, exact: 0, sameWords: 0, overlap: 0 };
}

export function tallySpan(
  t: SpanTally,
  gold: GoldSpan,
  hasEvent: boolean,
  predicted: Span[],
  ws: Word[],
): Agreement {
  t.gold++;
  if (hasEvent) t.withEvent++;
  if (predicted.length > 0) t.predicted++;
  const a = bestAgreement(predicted, gold, ws);
  if (a.exact) t.exact++;
  if (a.sameWords) t.sameWords++;
  if (a.overlap) t.overlap++;
  return a;
}

export interface SpanRates extends SpanTally {
  exactRate: number;
  sameWordsRate: number;
  overlapRate: number;
  /** Overlap among records where rasd produced a span in the role: how right it is when it tries. */
  overlapWhenPredicted: number;
}

export function spanRates(t: SpanTally): SpanRates {
  return {
    ...t,
    exactRate: round(ratio(t.exact, t.gold)),
    sameWordsRate: round(ratio(t.sameWords, t.gold)),
    overlapRate: round(ratio(t.overlap, t.gold)),
    overlapWhenPredicted: round(ratio(t.overlap, t.predicted)),
  };
}
