/**
 * Normalization for matching, never for display: the original text is kept untouched and
 * every normalized character maps back to the `[start, end)` of the original characters it
 * came from.
 */
import type { Span } from "../types.js";

export interface NormalizeOptions {
  /** Fold ة (ta marbuta) to ه. Default true: news writes both for the same word. */
  taMarbuta?: boolean;
  /** Fold ى (alef maqsura) to ي. Default true. */
  alefMaqsura?: boolean;
  /** Fold أ إ آ ٱ to ا. Default true. */
  alef?: boolean;
  /** Lower-case ASCII Latin letters. Default true. */
  latinLowercase?: boolean;
}

export interface NormalizedText {
  /** The normalized text. */
  text: string;
  /** For each normalized UTF-16 unit, the original offset it starts at. */
  starts: Uint32Array;
  /** For each normalized UTF-16 unit, the original offset one past its source. */
  ends: Uint32Array;
  /** Length of the original text. */
  originalLength: number;
}

// Per code unit: KEEP, DROP, or the replacement code unit (always >= 0x20).
const KEEP = 0;
const DROP = 1;
// Arabic presentation forms are expanded through NFKC (e.g. ﻻ → لا).
const EXPAND = 2;
// Dropped, but belongs to the preceding character (a haraka, tatweel): a span ending on that
// character reaches over it, so highlighting never cuts a word's last vowel off.
const ATTACH = 3;

function buildTable(o: Required<NormalizeOptions>): Uint16Array {
  const t = new Uint16Array(0x10000);
  const drop = (from: number, to = from) => {
    for (let c = from; c <= to; c++) t[c] = DROP;
  };
  const attach = (from: number, to = from) => {
    for (let c = from; c <= to; c++) t[c] = ATTACH;
  };
  const map = (from: number, to: number) => {
    t[from] = to;
  };
  // Tashkeel: harakat, tanwin, shadda, sukun, maddah/hamza marks, dagger alef, Quranic marks.
  attach(0x0610, 0x061a);
  attach(0x064b, 0x065f);
  attach(0x0670);
  attach(0x06d6, 0x06dc);
  attach(0x06df, 0x06e8);
  attach(0x06ea, 0x06ed);
  attach(0x08d3, 0x08ff);
  // Tatweel (kashida).
  attach(0x0640);
  // Zero-width and bidi controls, BOM, soft hyphen.
  drop(0x200b, 0x200f);
  drop(0x061c);
  drop(0x202a, 0x202e);
  drop(0x2066, 0x2069);
  drop(0xfeff);
  drop(0x00ad);
  // Digits: Arabic-Indic and Extended (Persian) to ASCII; Arabic percent, decimal and thousands signs.
  for (let d = 0; d < 10; d++) {
    map(0x0660 + d, 0x30 + d);
    map(0x06f0 + d, 0x30 + d);
  }
  map(0x066a, 0x25); // ٪ → %
  map(0x066b, 0x2e); // ٫ → .
  map(0x066c, 0x2c); // ٬ → ,
  if (o.alef) {
    for (const c of [0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673]) map(c, 0x0627);
  }
  if (o.alefMaqsura) map(0x0649, 0x064a);
  if (o.taMarbuta) map(0x0629, 0x0647);
  // Persian/Urdu letter variants common in web text.
  map(0x06cc, 0x064a); // ی → ي
  map(0x06a9, 0x0643); // ک → ك
  map(0x06c1, 0x0647); // ہ → ه
  // Space variants to a plain space (one for one, so offsets stay simple).
  for (const c of [0x00a0, 0x1680, 0x202f, 0x205f, 0x3000]) map(c, 0x20);
  for (let c = 0x2000; c <= 0x200a; c++) map(c, 0x20);
  if (o.latinLowercase) for (let c = 0x41; c <= 0x5a; c++) map(c, c + 32);
  for (let c = 0xfb50; c <= 0xfdff; c++) t[c] = EXPAND;
  for (let c = 0xfe70; c <= 0xfefc; c++) t[c] = EXPAND;
  return t;
}

function resolveOptions(options?: NormalizeOptions): Required<NormalizeOptions> {
  return {
    taMarbuta: options?.taMarbuta ?? true,
    alefMaqsura: options?.alefMaqsura ?? true,
    alef: options?.alef ?? true,
    latinLowercase: options?.latinLowercase ?? true,
  };
}

const tables = new Map<string, Uint16Array>();
let defaultTableCache: Uint16Array | undefined;
function tableFor(options?: NormalizeOptions): Uint16Array {
  if (options === undefined && defaultTableCache) return defaultTableCache;
  const o = resolveOptions(options);
  const key = `${+o.taMarbuta}${+o.alefMaqsura}${+o.alef}${+o.latinLowercase}`;
  let t = tables.get(key);
  if (!t) {
    t = buildTable(o);
    tables.set(key, t);
  }
  if (options === undefined) defaultTableCache = t;
  return t;
}

/**
 * The expansion of one presentation-form code unit, itself normalized (no maps needed).
 * Spaces inside a ligature (ﷺ is a whole phrase) are dropped: one original character must
 * stay one token, or tokens would overlap.
 */
function expand(c: number, table: Uint16Array): string {
  const nfkc = String.fromCharCode(c).normalize("NFKC").replace(/ /g, "");
  let out = "";
  for (let i = 0; i < nfkc.length; i++) {
    const d = nfkc.charCodeAt(i);
    const t = table[d] as number;
    if (t === KEEP || t === EXPAND) out += nfkc[i];
    else if (t !== DROP && t !== ATTACH) out += String.fromCharCode(t);
  }
  return out;
}

/**
 * Normalizes `input` for matching and returns the offset map back to the original.
 * Runs in one pass over the code units; unchanged runs are copied as slices.
 */
export function normalize(input: string, options?: NormalizeOptions): NormalizedText {
  const table = tableFor(options);
  const n = input.length;
  let cap = n + 16;
  let starts = new Uint32Array(cap);
  let ends = new Uint32Array(cap);
  const parts: string[] = [];
  let out = 0; // normalized length so far
  let runStart = 0; // start of the current unchanged run in the input

  const grow = (need: number) => {
    if (need <= cap) return;
    cap = Math.max(need, cap * 2);
    const s = new Uint32Array(cap);
    s.set(starts.subarray(0, out));
    starts = s;
    const e = new Uint32Array(cap);
    e.set(ends.subarray(0, out));
    ends = e;
  };
  const flushRun = (until: number) => {
    if (until > runStart) parts.push(input.slice(runStart, until));
  };

  for (let i = 0; i < n; i++) {
    const t = table[input.charCodeAt(i)] as number;
    if (t === KEEP) {
      starts[out] = i;
      ends[out] = i + 1;
      out++;
      continue;
    }
    flushRun(i);
    runStart = i + 1;
    if (t === DROP) continue;
    if (t === ATTACH) {
      if (out > 0 && ends[out - 1] === i) ends[out - 1] = i + 1;
      continue;
    }
    const rep = t === EXPAND ? expand(input.charCodeAt(i), table) : String.fromCharCode(t);
    grow(out + rep.length + (n - i));
    parts.push(rep);
    for (let k = 0; k < rep.length; k++) {
      starts[out] = i;
      ends[out] = i + 1;
      out++;
    }
  }
  flushRun(n);
  return {
    text: parts.length === 1 ? (parts[0] as string) : parts.join(""),
    starts: starts.subarray(0, out),
    ends: ends.subarray(0, out),
    originalLength: n,
  };
}

/**
 * The last long text normalised with the default options, and its normal form: storing an article
 * normalises its whole text several times (its searchable text, its text hash, its near-duplicate
 * signature's words), one after the other.
 */
let lastText: string | undefined;
let lastNormal = "";
/** Texts this long or longer are remembered (short ones are dictionary keys: never again). */
const REMEMBER_FROM = 512;

/** The normalized form of a string, without the offset map (for dictionary keys and queries). */
export function normalizeForMatch(input: string, options?: NormalizeOptions): string {
  if (options !== undefined || input.length < REMEMBER_FROM) return normalizeWith(input, options);
  if (input === lastText) return lastNormal;
  const normal = normalizeWith(input, undefined);
  lastText = input;
  lastNormal = normal;
  return normal;
}

function normalizeWith(input: string, options: NormalizeOptions | undefined): string {
  const table = tableFor(options);
  let result = "";
  let runStart = 0;
  for (let i = 0; i < input.length; i++) {
    const t = table[input.charCodeAt(i)] as number;
    if (t === KEEP) continue;
    result += input.slice(runStart, i);
    runStart = i + 1;
    if (t === DROP || t === ATTACH) continue;
    result += t === EXPAND ? expand(input.charCodeAt(i), table) : String.fromCharCode(t);
  }
  return runStart === 0 ? input : result + input.slice(runStart);
}

/** Maps a span of the normalized text back to the original text. */
export function toOriginalSpan(norm: NormalizedText, span: Span): Span {
  const len = norm.starts.length;
  if (span.start >= len) return { start: norm.originalLength, end: norm.originalLength };
  const start = norm.starts[span.start] as number;
  if (span.end <= span.start) return { start, end: start };
  const end = norm.ends[Math.min(span.end, len) - 1] as number;
  return { start, end };
}

const defaultTable = tableFor();

/** True for code units that normalization removes (tashkeel, tatweel, bidi and zero-width marks). */
export function isRemovedByNormalization(code: number): boolean {
  const t = defaultTable[code];
  return t === DROP || t === ATTACH;
}
