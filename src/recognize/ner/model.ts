/**
 * The entity recognizer: a linear sequence model over BIO labels (averaged structured
 * perceptron, see train.ts) with hashed features and first-order label transitions, decoded by
 * Viterbi under the constraint that I-X only follows B-X or I-X. It tags rasd tokens and
 * returns entity spans with UTF-16 offsets into the original text.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { gunzipSync, gzipSync } from "node:zlib";
import { loadActors, loadRoles } from "../../knowledge/actors.js";
import { loadGazetteer } from "../../knowledge/gazetteer.js";
import { segmentTokens } from "../../text/index.js";
import {
  defaultFunctionWords,
  defaultProtectedWords,
  defaultVocabulary,
} from "../../text/lexicon.js";
import { normalize, normalizeForMatch } from "../../text/normalize.js";
import { tokenize } from "../../text/tokenize.js";
import type { Token } from "../../types.js";
import { NER_LABELS, type NerType } from "./conll.js";
import { type NerLexicons, type SentenceFeatures, sentenceFeatures } from "./features.js";

/** Number of labels: O, then B-/I- for PERS, LOC, ORG, MISC. */
export const LABELS = NER_LABELS.length;

/** Whether label `cur` may follow label `prev` (-1: sentence start). */
export function allowedTransition(prev: number, cur: number): boolean {
  const inside = cur > 0 && cur % 2 === 0;
  if (!inside) return true;
  return prev === cur || prev === cur - 1;
}

/** An entity the model found. */
export interface NerSpan {
  /** UTF-16 offsets into the original text, end exclusive (clitics of the first word left out). */
  start: number;
  end: number;
  type: NerType;
  /** Index of the first token and one past the last. */
  tokenStart: number;
  tokenEnd: number;
  /**
   * Confidence in [0, 1]: how far the best labelling is above the best one without this entity,
   * through a logistic calibrated on the development split.
   */
  score: number;
}

/** What a model file records besides its weights. */
export interface NerModelMeta {
  format: 1;
  /** Log2 of the number of feature buckets. */
  bits: number;
  labels: string[];
  /** Which lexicons the features consulted in training (the same are used when tagging). */
  lexicons: {
    places: boolean;
    actors: boolean;
    roles: boolean;
    frequency: boolean;
    functionWords: boolean;
  };
  /** Training configuration, data and results, for the record. */
  training: Record<string, unknown>;
  /** Margin → score logistic: score = 1 / (1 + exp(-(a * margin + b))). */
  calibration: { a: number; b: number };
}

const MAGIC = "RASDNER1";

/** An entity of a decoded sentence: token range, B- label index and margin. */
export interface DecodedEntity {
  start: number;
  end: number;
  label: number;
  margin: number;
}

/** Default model shipped with rasd. */
export const DEFAULT_MODEL = new URL("../../../data/models/ner-anercorp.bin", import.meta.url);

/** Sentence-final punctuation: the recognizer tags each sentence on its own. */
const SENTENCE_END = /^(\.+|!+|\?+|؟+|…|۔)$/;

export class NerModel {
  readonly meta: NerModelMeta;
  /** Emission weights: `weights[bucket * LABELS + label]`. */
  readonly weights: Float32Array;
  /** Transition weights: `trans[prev * LABELS + cur]`, and from the sentence start. */
  readonly trans: Float32Array;
  readonly start: Float32Array;
  /** Hash of the weights and the training configuration. */
  readonly version: string;
  private readonly mask: number;
  private lex: NerLexicons | undefined;

  /**
   * A model from its parts. `version` is given by `deserialize` (a hash of the stored model);
   * a model fresh from training has none until it is stored and read back (`NerModel.seal`).
   */
  constructor(
    meta: NerModelMeta,
    weights: Float32Array,
    trans: Float32Array,
    start: Float32Array,
    version = "unsaved",
    /** The quantization step the weights were stored with (so that writing them again is exact). */
    private readonly storedScale?: number,
  ) {
    this.meta = meta;
    this.weights = weights;
    this.trans = trans;
    this.start = start;
    this.mask = (1 << meta.bits) - 1;
    this.version = version;
    if (weights.length !== (1 << meta.bits) * LABELS) {
      throw new Error(`NER model: ${weights.length} weights for ${meta.bits} bits`);
    }
  }

  /** The model as it will be once stored: quantized, and with its version. */
  static seal(model: NerModel): { model: NerModel; bytes: Buffer } {
    const bytes = model.serialize();
    return { model: NerModel.deserialize(bytes), bytes };
  }

  /** The lexicons the features consult (loaded once, on first use). */
  lexicons(): NerLexicons {
    if (!this.lex) {
      const l = this.meta.lexicons;
      this.lex = {
        ...(l.places ? { places: loadGazetteer() } : {}),
        ...(l.actors ? { actors: loadActors() } : {}),
        ...(l.roles ? { roles: loadRoles() } : {}),
        ...(l.frequency ? { frequency: defaultVocabulary() } : {}),
        ...(l.functionWords ? { functionWords: defaultFunctionWords() } : {}),
      };
    }
    return this.lex;
  }

  /** Replaces the lexicons (tests, training on a slice without the knowledge base). */
  setLexicons(lex: NerLexicons): void {
    this.lex = lex;
  }

  featuresOf(tokens: Token[]): SentenceFeatures {
    return sentenceFeatures(tokens, this.lexicons(), this.mask);
  }

  /** Emission scores, `n * LABELS`. */
  emissions(f: SentenceFeatures): Float64Array {
    const n = f.offsets.length - 1;
    const out = new Float64Array(n * LABELS);
    const w = this.weights;
    const ids = f.ids;
    for (let i = 0; i < n; i++) {
      const row = i * LABELS;
      for (let k = f.offsets[i] as number; k < (f.offsets[i + 1] as number); k++) {
        const base = (ids[k] as number) * LABELS;
        for (let y = 0; y < LABELS; y++)
          out[row + y] = (out[row + y] as number) + (w[base + y] as number);
      }
    }
    return out;
  }

  /** Best label sequence under the BIO constraint; also returns its score. */
  viterbi(em: Float64Array, n: number, forbid?: (i: number, y: number) => boolean): Uint8Array {
    return viterbi(em, n, this.trans, this.start, forbid).labels;
  }

  /** Label indices for one sentence of tokens. */
  labelSentence(tokens: Token[]): Uint8Array {
    if (tokens.length === 0) return new Uint8Array(0);
    const em = this.emissions(this.featuresOf(tokens));
    return viterbi(em, tokens.length, this.trans, this.start).labels;
  }

  /** BIO tags for one sentence of tokens. */
  tagSentence(tokens: Token[]): string[] {
    return [...this.labelSentence(tokens)].map((y) => NER_LABELS[y] as string);
  }

  /**
   * Entities in a document's tokens (segmented by rasd's text engine). With `text`, a line break
   * between two tokens also ends a sentence.
   */
  tag(tokens: Token[], text?: string): NerSpan[] {
    const out: NerSpan[] = [];
    let from = 0;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as Token;
      const next = tokens[i + 1];
      const ends =
        i === tokens.length - 1 ||
        (t.kind === "punct" && SENTENCE_END.test(t.norm)) ||
        (text !== undefined &&
          next !== undefined &&
          /[\n\r\u2028\u2029]/.test(text.slice(t.end, next.start)));
      if (!ends) continue;
      this.tagRange(tokens, from, i + 1, out);
      from = i + 1;
    }
    return out;
  }

  /**
   * Entities of the best labelling of one sentence, each with its margin: how much higher the
   * best labelling scores than the best one without this entity's type over its tokens.
   */
  decode(em: Float64Array, n: number): { labels: Uint8Array; entities: DecodedEntity[] } {
    const best = viterbi(em, n, this.trans, this.start);
    const entities: DecodedEntity[] = [];
    for (let i = 0; i < n; ) {
      const y = best.labels[i] as number;
      if (y === 0) {
        i++;
        continue;
      }
      const inside = y % 2 === 1 ? y + 1 : y;
      let j = i + 1;
      while (j < n && (best.labels[j] as number) === inside) j++;
      const s0 = i;
      const s1 = j;
      const alt = viterbi(em, n, this.trans, this.start, (k, lab) =>
        k >= s0 && k < s1 ? lab === y || lab === inside : false,
      );
      entities.push({ start: i, end: j, label: y, margin: best.score - alt.score });
      i = j;
    }
    return { labels: best.labels, entities };
  }

  /** Confidence of an entity with this margin (logistic calibrated on the development split). */
  confidence(margin: number): number {
    const { a, b } = this.meta.calibration;
    return 1 / (1 + Math.exp(-(a * margin + b)));
  }

  private tagRange(tokens: Token[], from: number, to: number, out: NerSpan[]): void {
    const sent = tokens.slice(from, to);
    const { entities } = this.decode(this.emissions(this.featuresOf(sent)), sent.length);
    for (const e of entities) {
      const first = sent[e.start] as Token;
      const last = sent[e.end - 1] as Token;
      out.push({
        start: first.baseStart ?? first.start,
        end: last.end,
        type: (NER_LABELS[e.label] as string).slice(2) as NerType,
        tokenStart: from + e.start,
        tokenEnd: from + e.end,
        score: this.confidence(e.margin),
      });
    }
  }

  /**
   * The model as bytes (gzip): magic, header length, JSON header, the transition and start
   * weights (float32), then the emission rows that hold a non-zero weight: their bucket numbers
   * (uint32) and their weights quantized to int16 with one scale (`header.scale`).
   */
  serialize(): Buffer {
    const nb = 1 << this.meta.bits;
    let maxAbs = 0;
    for (const w of this.weights) if (Math.abs(w) > maxAbs) maxAbs = Math.abs(w);
    const scale = this.storedScale ?? (maxAbs > 0 ? maxAbs / 32767 : 1);
    // Rows whose weights all quantize to zero are left out (so that writing is idempotent).
    const rows: number[] = [];
    const q = new Int16Array(LABELS);
    const quantized: number[] = [];
    for (let bkt = 0; bkt < nb; bkt++) {
      let any = false;
      for (let y = 0; y < LABELS; y++) {
        q[y] = Math.round((this.weights[bkt * LABELS + y] as number) / scale);
        if (q[y] !== 0) any = true;
      }
      if (!any) continue;
      rows.push(bkt);
      for (const v of q) quantized.push(v);
    }
    const idx = Uint32Array.from(rows);
    const vals = Int16Array.from(quantized);
    const header = Buffer.from(JSON.stringify({ ...this.meta, rows: rows.length, scale }), "utf8");
    const len = Buffer.alloc(4);
    len.writeUInt32LE(header.length);
    const pad = Buffer.alloc((4 - ((MAGIC.length + 4 + header.length) % 4)) % 4, 0x20);
    const body = Buffer.concat([
      Buffer.from(MAGIC, "ascii"),
      len,
      header,
      pad,
      Buffer.from(this.trans.buffer, this.trans.byteOffset, this.trans.byteLength),
      Buffer.from(this.start.buffer, this.start.byteOffset, this.start.byteLength),
      Buffer.from(idx.buffer),
      Buffer.from(vals.buffer),
    ]);
    return gzipSync(body, { level: 9 });
  }

  /** Reads a stored model; its version is a hash of the stored bytes (before compression). */
  static deserialize(bytes: Uint8Array, origin = "model"): NerModel {
    let body: Buffer;
    try {
      body = gunzipSync(bytes);
    } catch {
      throw new Error(`${origin}: not a rasd NER model (not gzip data)`);
    }
    if (
      body.length < MAGIC.length + 4 ||
      body.subarray(0, MAGIC.length).toString("ascii") !== MAGIC
    ) {
      throw new Error(`${origin}: not a rasd NER model (bad magic)`);
    }
    const hlen = body.readUInt32LE(MAGIC.length);
    let off = MAGIC.length + 4;
    const header = JSON.parse(body.subarray(off, off + hlen).toString("utf8")) as NerModelMeta & {
      rows: number;
      scale: number;
    };
    if (header.format !== 1 || header.labels.join(" ") !== NER_LABELS.join(" ")) {
      throw new Error(`${origin}: unsupported NER model format or labels`);
    }
    off += hlen;
    off += (4 - (off % 4)) % 4;
    const expected = off + (LABELS * LABELS + LABELS) * 4 + header.rows * (4 + LABELS * 2);
    if (body.length !== expected) {
      throw new Error(
        `${origin}: truncated NER model (${body.length} bytes, ${expected} expected)`,
      );
    }
    // Copied into fresh, aligned arrays (the gunzipped buffer may sit at any offset).
    const take = (n: number) => {
      const a = new Uint8Array(n);
      a.set(body.subarray(off, off + n));
      off += n;
      return a.buffer;
    };
    const trans = new Float32Array(take(LABELS * LABELS * 4));
    const start = new Float32Array(take(LABELS * 4));
    const idx = new Uint32Array(take(header.rows * 4));
    const vals = new Int16Array(take(header.rows * LABELS * 2));
    const weights = new Float32Array((1 << header.bits) * LABELS);
    const scale = header.scale;
    for (let r = 0; r < header.rows; r++) {
      const base = (idx[r] as number) * LABELS;
      for (let y = 0; y < LABELS; y++) weights[base + y] = (vals[r * LABELS + y] as number) * scale;
    }
    const { rows: _rows, scale: _scale, ...meta } = header;
    const version = `ner-${createHash("sha256").update(body).digest("hex").slice(0, 12)}`;
    return new NerModel(meta, weights, trans, start, version, scale);
  }
}

/** Viterbi over `n` tokens; `forbid(i, y)` excludes label y at token i. */
export function viterbi(
  em: Float64Array,
  n: number,
  trans: Float32Array,
  start: Float32Array,
  forbid?: (i: number, y: number) => boolean,
): { labels: Uint8Array; score: number } {
  const L = LABELS;
  const labels = new Uint8Array(n);
  if (n === 0) return { labels, score: 0 };
  const delta = new Float64Array(n * L);
  const back = new Uint8Array(n * L);
  for (let y = 0; y < L; y++) {
    delta[y] =
      allowedTransition(-1, y) && !forbid?.(0, y)
        ? (start[y] as number) + (em[y] as number)
        : Number.NEGATIVE_INFINITY;
  }
  for (let i = 1; i < n; i++) {
    const row = i * L;
    const prevRow = row - L;
    for (let y = 0; y < L; y++) {
      if (forbid?.(i, y)) {
        delta[row + y] = Number.NEGATIVE_INFINITY;
        continue;
      }
      let best = Number.NEGATIVE_INFINITY;
      let arg = 0;
      for (let p = 0; p < L; p++) {
        if (!ALLOWED[p * L + y]) continue;
        const v = (delta[prevRow + p] as number) + (trans[p * L + y] as number);
        if (v > best) {
          best = v;
          arg = p;
        }
      }
      delta[row + y] = best + (em[row + y] as number);
      back[row + y] = arg;
    }
  }
  let best = Number.NEGATIVE_INFINITY;
  let arg = 0;
  const last = (n - 1) * L;
  for (let y = 0; y < L; y++) {
    if ((delta[last + y] as number) > best) {
      best = delta[last + y] as number;
      arg = y;
    }
  }
  labels[n - 1] = arg;
  for (let i = n - 1; i > 0; i--) labels[i - 1] = back[i * L + (labels[i] as number)] as number;
  return { labels, score: best };
}

const ALLOWED = (() => {
  const a = new Uint8Array(LABELS * LABELS);
  for (let p = 0; p < LABELS; p++)
    for (let y = 0; y < LABELS; y++) a[p * LABELS + y] = allowedTransition(p, y) ? 1 : 0;
  return a;
})();

// ---------------------------------------------------------------------------------------------
// Tokens for pre-tokenized text (corpora) and for raw text

/**
 * rasd tokens for words already split (a CoNLL sentence): one token per word, over the words
 * joined by single spaces, segmented by the text engine as the pipeline does.
 */
export function tokensForWords(words: readonly string[]): { text: string; tokens: Token[] } {
  const tokens: Token[] = [];
  let text = "";
  for (const word of words) {
    if (text.length > 0) text += " ";
    const start = text.length;
    text += word;
    const inner = tokenize(normalize(word));
    tokens.push({
      kind: inner.length === 1 ? (inner[0] as Token).kind : (inner[0]?.kind ?? "other"),
      start,
      end: text.length,
      norm: normalizeForMatch(word),
      stem: undefined,
      proclitics: undefined,
      enclitics: undefined,
      definite: undefined,
      baseStart: undefined,
    });
  }
  segmentTokens(text, tokens, defaultProtectedWords(), defaultVocabulary());
  return { text, tokens };
}

/** rasd tokens of a raw text (normalized, tokenized and segmented as the pipeline does). */
export function tokensForText(text: string): Token[] {
  const tokens = tokenize(normalize(text));
  segmentTokens(text, tokens, defaultProtectedWords(), defaultVocabulary());
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Loading

const loaded = new Map<string, NerModel>();

/** Loads a model file (default: the shipped ANERcorp model), once per path. */
export function loadNerModel(path?: string | URL): NerModel {
  const p = path ?? DEFAULT_MODEL;
  const key = String(p);
  let m = loaded.get(key);
  if (!m) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(p);
    } catch (e) {
      throw new Error(`cannot read NER model ${key}: ${(e as Error).message}`);
    }
    m = NerModel.deserialize(bytes, key);
    loaded.set(key, m);
  }
  return m;
}

/** Entities in a raw text, with the shipped model. */
export function tagText(text: string, model: NerModel = loadNerModel()): NerSpan[] {
  return model.tag(tokensForText(text), text);
}

/** Stable short hash of any JSON-able value (training configurations). */
export function configHash(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 12);
}
