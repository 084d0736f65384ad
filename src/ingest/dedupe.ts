/**
 * Duplicate articles. Exact duplicates share a content hash: sha256 over the text's words after
 * rasd's normalization (tashkeel and tatweel dropped, alef, ta marbuta and alef maqsura folded,
 * Arabic digits made ASCII, Latin lower-cased), punctuation and spacing left out. The same
 * article fetched twice, re-wrapped, or republished with «» for "" hashes the same.
 *
 * Near duplicates (one wire story republished by several outlets, a headline or a line added, a
 * few words changed) are found by MinHash over normalized 3-word shingles: the share of equal
 * MinHash values estimates the Jaccard similarity of two texts' shingle sets. An LSH index of
 * bands of MinHash values answers "which stored story is this near?" without comparing against
 * every story. See docs/ingest.md for the threshold and how it was chosen.
 */
import { createHash } from "node:crypto";
import { normalizeForMatch } from "../text/normalize.js";

/** Words per shingle: 3 keeps the story's phrasing, not just its vocabulary. */
export const SHINGLE_WORDS = 3;
/** MinHash values per signature: the estimate's standard error is about 0.045 at 0.5. */
export const MINHASH_SIZE = 128;
/** Values per LSH band: two texts become candidates when one band agrees entirely. */
const BAND_ROWS = 3;
/**
 * Estimated Jaccard similarity from which two texts are one story republished. Measured on
 * SaudiNewsNet (docs/ingest.md): every pair at 0.5 or more was one text with edits; between 0.2
 * and 0.5 lie the same news written up separately, which are not duplicates.
 */
export const NEAR_DUPLICATE_THRESHOLD = 0.5;

/** sha256 (hex) of the normalized words: equal for exact duplicates. */
export function contentHash(text: string): string {
  return hashWords(words(text));
}

function hashWords(w: readonly string[]): string {
  return createHash("sha256").update(w.join(" "), "utf8").digest("hex");
}

/** The normalized words of a text (letters and digits; punctuation and symbols dropped). */
export function words(text: string): string[] {
  return normalizeForMatch(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** FNV-1a over UTF-16 code units: a fast 32-bit hash of a shingle. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** MurmurHash3's finalizer: a bijection on 32 bits that mixes every input bit into every output bit. */
function fmix32(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** One seed per MinHash function, fixed, so signatures stay comparable across runs and machines. */
const SEEDS = (() => {
  const seeds = new Uint32Array(MINHASH_SIZE);
  let s = 0x9e3779b9;
  for (let i = 0; i < MINHASH_SIZE; i++) {
    s = (s + 0x9e3779b9) >>> 0;
    seeds[i] = fmix32(s);
  }
  return seeds;
})();

/** The 32-bit hashes of a text's word shingles (a text shorter than a shingle is one shingle). */
export function shingleHashes(text: string, size = SHINGLE_WORDS): Set<number> {
  return shinglesOf(words(text), size);
}

/**
 * `shingleHashes` of the words: FNV-1a of each shingle's words joined by spaces, hashed word by
 * word as they come (the same values, without building each shingle's string).
 */
function shinglesOf(w: readonly string[], size: number): Set<number> {
  const out = new Set<number>();
  if (w.length === 0) return out;
  if (w.length < size) {
    out.add(fnv1a(w.join(" ")));
    return out;
  }
  for (let i = 0; i + size <= w.length; i++) {
    let h = 0x811c9dc5;
    for (let j = i; j < i + size; j++) {
      if (j > i) h = Math.imul(h ^ 0x20, 0x01000193);
      const word = w[j] as string;
      for (let k = 0; k < word.length; k++) h = Math.imul(h ^ word.charCodeAt(k), 0x01000193);
    }
    out.add(h >>> 0);
  }
  return out;
}

/** The MinHash signature of a text: per hash function, the least value over its shingles. */
export function minhash(text: string): Uint32Array {
  return minhashOf(shingleHashes(text));
}

function minhashOf(shingles: Set<number>): Uint32Array {
  const sig = new Uint32Array(MINHASH_SIZE).fill(0xffffffff);
  const seeds = SEEDS;
  for (const h of shingles) {
    for (let i = 0; i < MINHASH_SIZE; i++) {
      // fmix32 of (h ^ seed), written out: this loop is most of a signature's cost.
      let x = (h ^ (seeds[i] as number)) >>> 0;
      x ^= x >>> 16;
      x = Math.imul(x, 0x85ebca6b);
      x ^= x >>> 13;
      x = Math.imul(x, 0xc2b2ae35);
      x ^= x >>> 16;
      x >>>= 0;
      if (x < (sig[i] as number)) sig[i] = x;
    }
  }
  return sig;
}

const EMPTY = 0xffffffff;

/** Estimated Jaccard similarity of two signatures' shingle sets (0 when either text was empty). */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) throw new RangeError("signatures of different sizes");
  if (a[0] === EMPTY || b[0] === EMPTY) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

export interface DuplicateMatch {
  id: string;
  /** "exact" when the content hashes are equal, else "near". */
  kind: "exact" | "near";
  /** Estimated Jaccard similarity (1 for an exact duplicate). */
  similarity: number;
}

/** What the index keeps of a story: enough to persist and reload it without the text. */
export interface DuplicateSignature {
  contentHash: string;
  minhash: Uint32Array;
}

export function signatureOf(text: string): DuplicateSignature {
  // The words once, for both.
  const w = words(text);
  return { contentHash: hashWords(w), minhash: minhashOf(shinglesOf(w, SHINGLE_WORDS)) };
}

/**
 * Stories seen so far, by content hash and by MinHash bands. `find` answers which stored
 * stories a text duplicates (exactly, or nearly above the threshold), most similar first.
 */
export class DuplicateIndex {
  readonly threshold: number;
  private readonly byHash = new Map<string, Set<string>>();
  private readonly bands = new Map<number, Set<string>>();
  private readonly signatures = new Map<string, DuplicateSignature>();

  constructor(options: { threshold?: number } = {}) {
    this.threshold = options.threshold ?? NEAR_DUPLICATE_THRESHOLD;
  }

  get size(): number {
    return this.signatures.size;
  }

  /** Stores a story under `id` (replacing what was stored under it). */
  add(id: string, textOrSignature: string | DuplicateSignature): void {
    const sig =
      typeof textOrSignature === "string" ? signatureOf(textOrSignature) : textOrSignature;
    this.remove(id);
    this.signatures.set(id, sig);
    addTo(this.byHash, sig.contentHash, id);
    if (sig.minhash[0] === EMPTY) return;
    for (const key of bandKeys(sig.minhash)) addTo(this.bands, key, id);
  }

  remove(id: string): void {
    const sig = this.signatures.get(id);
    if (!sig) return;
    this.signatures.delete(id);
    removeFrom(this.byHash, sig.contentHash, id);
    for (const key of bandKeys(sig.minhash)) removeFrom(this.bands, key, id);
  }

  /** Stored stories this text duplicates: exact ones first, then near ones by similarity. */
  find(textOrSignature: string | DuplicateSignature): DuplicateMatch[] {
    const sig =
      typeof textOrSignature === "string" ? signatureOf(textOrSignature) : textOrSignature;
    const matches: DuplicateMatch[] = [];
    const exact = this.byHash.get(sig.contentHash) ?? new Set<string>();
    for (const id of exact) matches.push({ id, kind: "exact", similarity: 1 });
    const candidates = new Set<string>();
    if (sig.minhash[0] !== EMPTY) {
      for (const key of bandKeys(sig.minhash)) {
        for (const id of this.bands.get(key) ?? []) if (!exact.has(id)) candidates.add(id);
      }
    }
    const near: DuplicateMatch[] = [];
    for (const id of candidates) {
      const s = similarity(sig.minhash, (this.signatures.get(id) as DuplicateSignature).minhash);
      if (s >= this.threshold) near.push({ id, kind: "near", similarity: s });
    }
    near.sort((a, b) => b.similarity - a.similarity || (a.id < b.id ? -1 : 1));
    return matches.concat(near);
  }
}

/**
 * One key per band: a 52-bit hash of the band's number and values (a number, which a Map finds
 * faster than a string). Equal bands give equal keys; two bands giving one key by chance only
 * make a candidate more, which the similarity check then turns down.
 */
function bandKeys(sig: Uint32Array): number[] {
  const keys: number[] = [];
  for (let b = 0; b + BAND_ROWS <= sig.length; b += BAND_ROWS) {
    let h1 = fmix32(b + 1);
    let h2 = fmix32((b + 1) ^ 0x5bd1e995);
    for (let i = b; i < b + BAND_ROWS; i++) {
      const v = sig[i] as number;
      h1 = fmix32((h1 ^ v) >>> 0);
      h2 = fmix32((Math.imul(h2, 31) + v) >>> 0);
    }
    keys.push((h1 >>> 0) * 0x100000 + (h2 >>> 12));
  }
  return keys;
}

function addTo<K>(map: Map<K, Set<string>>, key: K, id: string): void {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  set.add(id);
}

function removeFrom<K>(map: Map<K, Set<string>>, key: K, id: string): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(id);
  if (set.size === 0) map.delete(key);
}
