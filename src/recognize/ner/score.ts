/**
 * Entity-level scoring as seqeval does by default (conlleval chunking): an entity is a maximal
 * run B-X I-X ... of one type; an I-X after O or after another type starts a new entity. A
 * prediction counts only when its span and type both match a gold entity exactly.
 */

export interface Chunk {
  type: string;
  /** Index of the first word and one past the last. */
  start: number;
  end: number;
}

/** Entities of an IOB2 tag sequence, read the seqeval (conlleval) way. */
export function chunks(tags: readonly string[]): Chunk[] {
  const out: Chunk[] = [];
  let type = "";
  let start = -1;
  for (let i = 0; i <= tags.length; i++) {
    const tag = i < tags.length ? (tags[i] as string) : "O";
    const prefix = tag === "O" ? "O" : tag.slice(0, 1);
    const t = tag === "O" ? "" : tag.slice(2);
    const continues = start >= 0 && prefix === "I" && t === type;
    if (continues) continue;
    if (start >= 0) out.push({ type, start, end: i });
    if (prefix === "B" || prefix === "I") {
      start = i;
      type = t;
    } else {
      start = -1;
      type = "";
    }
  }
  return out;
}

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
  /** Gold entities. */
  support: number;
  /** Predicted entities. */
  predicted: number;
  /** Exact matches. */
  correct: number;
}

export interface NerScore extends PRF {
  perType: Record<string, PRF>;
  sentences: number;
  tokens: number;
}

function prf(correct: number, predicted: number, support: number): PRF {
  const precision = predicted > 0 ? correct / predicted : 0;
  const recall = support > 0 ? correct / support : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, support, predicted, correct };
}

/**
 * Micro-averaged precision, recall and F1 over every entity, and per type. `gold` and `pred`
 * hold one tag sequence per sentence, of equal lengths.
 */
export function scoreNer(
  gold: readonly (readonly string[])[],
  pred: readonly (readonly string[])[],
): NerScore {
  if (gold.length !== pred.length) {
    throw new Error(`scoreNer: ${gold.length} gold sentences but ${pred.length} predicted`);
  }
  const counts = new Map<string, { correct: number; predicted: number; support: number }>();
  const bucket = (t: string) => {
    let c = counts.get(t);
    if (!c) {
      c = { correct: 0, predicted: 0, support: 0 };
      counts.set(t, c);
    }
    return c;
  };
  let tokens = 0;
  for (let s = 0; s < gold.length; s++) {
    const g = gold[s] as readonly string[];
    const p = pred[s] as readonly string[];
    if (g.length !== p.length) {
      throw new Error(
        `scoreNer: sentence ${s} has ${g.length} gold tags but ${p.length} predicted`,
      );
    }
    tokens += g.length;
    const expected = chunks(g);
    const keys = new Set(expected.map((c) => `${c.type}\u0000${c.start}\u0000${c.end}`));
    for (const c of expected) bucket(c.type).support++;
    for (const c of chunks(p)) {
      const b = bucket(c.type);
      b.predicted++;
      if (keys.has(`${c.type}\u0000${c.start}\u0000${c.end}`)) b.correct++;
    }
  }
  let correct = 0;
  let predicted = 0;
  let support = 0;
  const perType: Record<string, PRF> = {};
  for (const t of [...counts.keys()].sort()) {
    const c = counts.get(t) as { correct: number; predicted: number; support: number };
    perType[t] = prf(c.correct, c.predicted, c.support);
    correct += c.correct;
    predicted += c.predicted;
    support += c.support;
  }
  return { ...prf(correct, predicted, support), perType, sentences: gold.length, tokens };
}
