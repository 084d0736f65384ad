/**
 * Training the recognizer: an averaged structured perceptron (Collins 2002) over hashed
 * features, decoded with the same constrained Viterbi as tagging. Deterministic: sentences are
 * visited in an order drawn from a fixed-seed generator, and nothing else is random.
 */
import type { Token } from "../../types.js";
import { NER_LABELS, type TaggedSentence } from "./conll.js";
import type { NerLexicons, SentenceFeatures } from "./features.js";
import { sentenceFeatures } from "./features.js";
import { LABELS, NerModel, type NerModelMeta, tokensForWords, viterbi } from "./model.js";

export interface TrainConfig {
  /** Log2 of the number of feature buckets. */
  bits: number;
  epochs: number;
  seed: number;
  /** Which lexicons to consult (they must be given in `lexicons`). */
  lexicons: NerModelMeta["lexicons"];
}

export interface Example {
  features: SentenceFeatures;
  gold: Uint8Array;
}

/** Label indices of IOB2 tags. */
export function labelIndices(tags: readonly string[]): Uint8Array {
  return Uint8Array.from(tags, (t) => {
    const y = NER_LABELS.indexOf(t);
    if (y < 0) throw new Error(`unknown tag ${t}`);
    return y;
  });
}

/** rasd tokens of every sentence (segmented once; features are then computed per model). */
export function sentenceTokens(sentences: readonly TaggedSentence[]): Token[][] {
  return sentences.map((s) => tokensForWords(s.words).tokens);
}

export function examples(
  sentences: readonly TaggedSentence[],
  tokens: readonly Token[][],
  lexicons: NerLexicons,
  bits: number,
): Example[] {
  const mask = (1 << bits) - 1;
  return sentences.map((s, i) => ({
    features: sentenceFeatures(tokens[i] as Token[], lexicons, mask),
    gold: labelIndices(s.tags),
  }));
}

/** A small fixed-seed generator (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface TrainProgress {
  epoch: number;
  mistakes: number;
  model: NerModel;
}

/**
 * Trains an averaged perceptron. `onEpoch` sees the averaged model after each epoch (to follow
 * development scores); it must not keep it beyond the call.
 */
export function trainPerceptron(
  data: readonly Example[],
  config: TrainConfig,
  meta: Omit<NerModelMeta, "bits" | "labels" | "lexicons" | "format">,
  onEpoch?: (p: TrainProgress) => void,
): NerModel {
  const nb = 1 << config.bits;
  const L = LABELS;
  // Current weights and the sums for averaging (w_avg = w - u / c, c the update counter).
  const w = new Float64Array(nb * L);
  const u = new Float64Array(nb * L);
  const tw = new Float64Array(L * L);
  const tu = new Float64Array(L * L);
  const sw = new Float64Array(L);
  const su = new Float64Array(L);
  const trans32 = new Float32Array(L * L);
  const start32 = new Float32Array(L);
  let c = 1;
  const order = data.map((_, i) => i);
  const random = rng(config.seed);

  const emissions = (f: SentenceFeatures, n: number) => {
    const em = new Float64Array(n * L);
    for (let i = 0; i < n; i++) {
      const row = i * L;
      for (let k = f.offsets[i] as number; k < (f.offsets[i + 1] as number); k++) {
        const base = (f.ids[k] as number) * L;
        for (let y = 0; y < L; y++) em[row + y] = (em[row + y] as number) + (w[base + y] as number);
      }
    }
    return em;
  };
  const bump = (f: SentenceFeatures, i: number, y: number, d: number) => {
    for (let k = f.offsets[i] as number; k < (f.offsets[i + 1] as number); k++) {
      const j = (f.ids[k] as number) * L + y;
      w[j] = (w[j] as number) + d;
      u[j] = (u[j] as number) + c * d;
    }
  };

  const averaged = (): NerModel => {
    const weights = new Float32Array(nb * L);
    for (let j = 0; j < nb * L; j++) {
      const v = (w[j] as number) - (u[j] as number) / c;
      weights[j] = Math.abs(v) < 1e-9 ? 0 : v;
    }
    const trans = new Float32Array(L * L);
    for (let j = 0; j < L * L; j++) trans[j] = (tw[j] as number) - (tu[j] as number) / c;
    const start = new Float32Array(L);
    for (let j = 0; j < L; j++) start[j] = (sw[j] as number) - (su[j] as number) / c;
    return new NerModel(
      {
        format: 1,
        bits: config.bits,
        labels: [...NER_LABELS],
        lexicons: config.lexicons,
        ...meta,
      },
      weights,
      trans,
      start,
    );
  };

  for (let epoch = 1; epoch <= config.epochs; epoch++) {
    // Fisher-Yates with the fixed-seed generator.
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = order[i] as number;
      order[i] = order[j] as number;
      order[j] = t;
    }
    let mistakes = 0;
    for (const idx of order) {
      const ex = data[idx] as Example;
      const n = ex.gold.length;
      if (n === 0) continue;
      for (let j = 0; j < L * L; j++) trans32[j] = tw[j] as number;
      for (let j = 0; j < L; j++) start32[j] = sw[j] as number;
      const pred = viterbi(emissions(ex.features, n), n, trans32, start32).labels;
      let wrong = false;
      for (let i = 0; i < n; i++) {
        const g = ex.gold[i] as number;
        const p = pred[i] as number;
        if (g !== p) {
          wrong = true;
          bump(ex.features, i, g, 1);
          bump(ex.features, i, p, -1);
        }
        const gPrev = i > 0 ? (ex.gold[i - 1] as number) : -1;
        const pPrev = i > 0 ? (pred[i - 1] as number) : -1;
        if (g !== p || gPrev !== pPrev) {
          if (gPrev < 0) {
            sw[g] = (sw[g] as number) + 1;
            su[g] = (su[g] as number) + c;
          } else {
            tw[gPrev * L + g] = (tw[gPrev * L + g] as number) + 1;
            tu[gPrev * L + g] = (tu[gPrev * L + g] as number) + c;
          }
          if (pPrev < 0) {
            sw[p] = (sw[p] as number) - 1;
            su[p] = (su[p] as number) - c;
          } else {
            tw[pPrev * L + p] = (tw[pPrev * L + p] as number) - 1;
            tu[pPrev * L + p] = (tu[pPrev * L + p] as number) - c;
          }
        }
      }
      if (wrong) mistakes++;
      c++;
    }
    if (onEpoch) onEpoch({ epoch, mistakes, model: averaged() });
  }
  return averaged();
}

export interface CrfConfig extends TrainConfig {
  /** L2 regularization strength (over the whole training set). */
  c2: number;
  /** Initial learning rate; decays as eta0 / (1 + epoch). */
  eta0: number;
}

/**
 * Trains a linear-chain CRF by stochastic gradient descent with L2 regularization (the scaled
 * weight vector trick of Bottou; as CRFsuite's l2sgd). Forward-backward runs in scaled
 * probability space under the same BIO constraint as decoding. `onEpoch` sees the model after
 * each epoch.
 */
export function trainCrf(
  data: readonly Example[],
  config: CrfConfig,
  meta: Omit<NerModelMeta, "bits" | "labels" | "lexicons" | "format">,
  onEpoch?: (p: TrainProgress & { loss: number }) => void,
): NerModel {
  const nb = 1 << config.bits;
  const L = LABELS;
  const w = new Float64Array(nb * L); // weights = scale * w
  const tw = new Float64Array(L * L);
  const sw = new Float64Array(L);
  let scale = 1;
  const N = data.length;
  const order = data.map((_, i) => i);
  const random = rng(config.seed);
  const allowed = new Uint8Array(L * L);
  for (let p = 0; p < L; p++) {
    for (let y = 0; y < L; y++) {
      const inside = y > 0 && y % 2 === 0;
      allowed[p * L + y] = !inside || p === y || p === y - 1 ? 1 : 0;
    }
  }
  const startAllowed = new Uint8Array(L);
  for (let y = 0; y < L; y++) startAllowed[y] = y === 0 || y % 2 === 1 ? 1 : 0;

  let maxN = 1;
  for (const ex of data) maxN = Math.max(maxN, ex.gold.length);
  const em = new Float64Array(maxN * L);
  const pe = new Float64Array(maxN * L); // exp(emission - max)
  const alpha = new Float64Array(maxN * L);
  const beta = new Float64Array(maxN * L);
  const cs = new Float64Array(maxN);
  const pt = new Float64Array(L * L); // exp(transition)
  const ps = new Float64Array(L);
  const gt = new Float64Array(L * L);
  const gs = new Float64Array(L);

  const snapshot = (): NerModel => {
    const weights = new Float32Array(nb * L);
    for (let j = 0; j < nb * L; j++) {
      const v = (w[j] as number) * scale;
      weights[j] = Math.abs(v) < 1e-6 ? 0 : v;
    }
    return new NerModel(
      { format: 1, bits: config.bits, labels: [...NER_LABELS], lexicons: config.lexicons, ...meta },
      weights,
      Float32Array.from(tw),
      Float32Array.from(sw),
    );
  };

  for (let epoch = 1; epoch <= config.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const tmp = order[i] as number;
      order[i] = order[j] as number;
      order[j] = tmp;
    }
    const eta = config.eta0 / (1 + (epoch - 1));
    let loss = 0;
    for (const idx of order) {
      const ex = data[idx] as Example;
      const n = ex.gold.length;
      if (n === 0) continue;
      const f = ex.features;
      // Emissions and their exponentials (shifted by the row maximum).
      for (let i = 0; i < n; i++) {
        const row = i * L;
        for (let y = 0; y < L; y++) em[row + y] = 0;
        for (let k = f.offsets[i] as number; k < (f.offsets[i + 1] as number); k++) {
          const base = (f.ids[k] as number) * L;
          for (let y = 0; y < L; y++)
            em[row + y] = (em[row + y] as number) + (w[base + y] as number);
        }
        let mx = Number.NEGATIVE_INFINITY;
        for (let y = 0; y < L; y++) {
          em[row + y] = (em[row + y] as number) * scale;
          if ((em[row + y] as number) > mx) mx = em[row + y] as number;
        }
        for (let y = 0; y < L; y++) pe[row + y] = Math.exp((em[row + y] as number) - mx);
      }
      for (let j = 0; j < L * L; j++) pt[j] = allowed[j] ? Math.exp(tw[j] as number) : 0;
      for (let y = 0; y < L; y++) ps[y] = startAllowed[y] ? Math.exp(sw[y] as number) : 0;
      // Forward.
      let z = 0;
      for (let y = 0; y < L; y++) {
        alpha[y] = (ps[y] as number) * (pe[y] as number);
        z += alpha[y] as number;
      }
      cs[0] = z;
      for (let y = 0; y < L; y++) alpha[y] = (alpha[y] as number) / z;
      for (let i = 1; i < n; i++) {
        const row = i * L;
        const prev = row - L;
        z = 0;
        for (let y = 0; y < L; y++) {
          let s = 0;
          for (let p = 0; p < L; p++) s += (alpha[prev + p] as number) * (pt[p * L + y] as number);
          const v = s * (pe[row + y] as number);
          alpha[row + y] = v;
          z += v;
        }
        cs[i] = z;
        for (let y = 0; y < L; y++) alpha[row + y] = (alpha[row + y] as number) / z;
      }
      // Backward.
      const lastRow = (n - 1) * L;
      for (let y = 0; y < L; y++) beta[lastRow + y] = 1;
      for (let i = n - 2; i >= 0; i--) {
        const row = i * L;
        const next = row + L;
        const c = cs[i + 1] as number;
        for (let p = 0; p < L; p++) {
          let s = 0;
          for (let y = 0; y < L; y++) {
            s += (pt[p * L + y] as number) * (pe[next + y] as number) * (beta[next + y] as number);
          }
          beta[row + p] = s / c;
        }
      }
      // Log-likelihood of the gold path (for monitoring).
      let goldScore = (sw[ex.gold[0] as number] as number) + (em[ex.gold[0] as number] as number);
      let logZ = 0;
      for (let i = 0; i < n; i++) {
        let mx = Number.NEGATIVE_INFINITY;
        for (let y = 0; y < L; y++)
          if ((em[i * L + y] as number) > mx) mx = em[i * L + y] as number;
        logZ += Math.log(cs[i] as number) + mx;
        if (i > 0) {
          const g = ex.gold[i] as number;
          goldScore +=
            (tw[(ex.gold[i - 1] as number) * L + g] as number) + (em[i * L + g] as number);
        }
      }
      loss += logZ - goldScore;

      // Regularization: decay all weights at once through the scale.
      scale *= 1 - (eta * config.c2) / N;
      if (scale < 1e-9) {
        for (let j = 0; j < w.length; j++) w[j] = (w[j] as number) * scale;
        scale = 1;
      }
      const decay = 1 - (eta * config.c2) / N;
      for (let j = 0; j < L * L; j++) tw[j] = (tw[j] as number) * decay;
      for (let j = 0; j < L; j++) sw[j] = (sw[j] as number) * decay;

      // Gradient step: expected minus observed counts.
      gt.fill(0);
      gs.fill(0);
      const step = eta / scale;
      for (let i = 0; i < n; i++) {
        const row = i * L;
        const g = ex.gold[i] as number;
        for (let y = 0; y < L; y++) {
          const marg = (alpha[row + y] as number) * (beta[row + y] as number);
          const d = marg - (y === g ? 1 : 0);
          if (d === 0) continue;
          for (let k = f.offsets[i] as number; k < (f.offsets[i + 1] as number); k++) {
            const j = (f.ids[k] as number) * L + y;
            w[j] = (w[j] as number) - step * d;
          }
        }
        if (i === 0) {
          for (let y = 0; y < L; y++) {
            gs[y] = (alpha[y] as number) * (beta[y] as number) - (y === g ? 1 : 0);
          }
        } else {
          const prev = row - L;
          const c = cs[i] as number;
          for (let p = 0; p < L; p++) {
            const ap = alpha[prev + p] as number;
            if (ap === 0) continue;
            for (let y = 0; y < L; y++) {
              const pair =
                (ap *
                  (pt[p * L + y] as number) *
                  (pe[row + y] as number) *
                  (beta[row + y] as number)) /
                c;
              gt[p * L + y] = (gt[p * L + y] as number) + pair;
            }
          }
          const gi = (ex.gold[i - 1] as number) * L + g;
          gt[gi] = (gt[gi] as number) - 1;
        }
      }
      for (let j = 0; j < L * L; j++)
        if (allowed[j]) tw[j] = (tw[j] as number) - eta * (gt[j] as number);
      for (let y = 0; y < L; y++)
        if (startAllowed[y]) sw[y] = (sw[y] as number) - eta * (gs[y] as number);
    }
    if (onEpoch) onEpoch({ epoch, mistakes: 0, loss, model: snapshot() });
  }
  return snapshot();
}

/**
 * Drops, in place, every feature bucket seen fewer than `minCount` times in `data` (counted
 * over token occurrences). Returns the number of buckets kept.
 */
export function pruneRareFeatures(
  data: readonly Example[],
  bits: number,
  minCount: number,
): number {
  if (minCount <= 1) return -1;
  const counts = new Uint32Array(1 << bits);
  for (const ex of data) for (const id of ex.features.ids) counts[id] = (counts[id] as number) + 1;
  let kept = 0;
  for (const c of counts) if (c >= minCount) kept++;
  for (const ex of data) {
    const f = ex.features;
    const n = f.offsets.length - 1;
    const ids: number[] = [];
    const offsets = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
      offsets[i] = ids.length;
      for (let k = f.offsets[i] as number; k < (f.offsets[i + 1] as number); k++) {
        const id = f.ids[k] as number;
        if ((counts[id] as number) >= minCount) ids.push(id);
      }
    }
    offsets[n] = ids.length;
    ex.features = { ids: Int32Array.from(ids), offsets };
  }
  return kept;
}
