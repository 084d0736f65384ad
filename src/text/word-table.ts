/**
 * A compact set of words, each with a small integer id (0, 1, 2 ... in order of addition).
 * Words are found by their characters, also inside a longer string (`findIn(text, start,
 * end)`), so the hot loops look a token up without slicing a new string for it, and the table
 * holds its words as characters in typed arrays rather than as objects: it is both faster than
 * a Map of strings and a fraction of its size.
 */

const EMPTY = 0;
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** Numbers per slot: hash, id + 1, offset of the characters in the pool, length. */
const SLOT = 4;

export class WordTable {
  /**
   * Open addressing, linear probing. A slot holds everything a lookup needs before reading the
   * characters (16 bytes, one cache line): the word's hash, its id + 1 (EMPTY: no word), and
   * where its characters lie in the pool.
   */
  private slots: Int32Array;
  /** Number of slots - 1 (slots are a power of two). */
  private mask: number;
  /** Characters of every word, one after another; word i is pool[offsets[i] .. offsets[i + 1]). */
  private pool: Uint16Array;
  private poolLength = 0;
  private offsets: Int32Array;
  private count = 0;

  constructor(capacity = 1024) {
    let slots = 16;
    while (slots < capacity * 2) slots *= 2;
    this.slots = new Int32Array(slots * SLOT);
    this.mask = slots - 1;
    this.pool = new Uint16Array(capacity * 8);
    this.offsets = new Int32Array(capacity + 1);
  }

  /** Number of words. */
  get size(): number {
    return this.count;
  }

  /** The id of `word`, or -1. */
  find(word: string): number {
    return this.findIn(word, 0, word.length);
  }

  /** The id of the word `text.slice(start, end)`, or -1 (nothing is sliced). */
  findIn(text: string, start: number, end: number): number {
    const h = hash(text, start, end);
    const length = end - start;
    const { slots, pool, mask } = this;
    for (let p = h & mask; ; p = (p + 1) & mask) {
      const s = p * SLOT;
      const v = slots[s + 1] as number;
      if (v === EMPTY) return -1;
      if (slots[s] !== h || slots[s + 3] !== length) continue;
      const from = slots[s + 2] as number;
      let k = 0;
      while (k < length && pool[from + k] === text.charCodeAt(start + k)) k++;
      if (k === length) return v - 1;
    }
  }

  /** The id of the word `prefix + word`, or -1 (nothing is concatenated). */
  findJoined(prefix: string, word: string): number {
    const h = hashFrom(hashFrom(FNV_OFFSET, prefix, 0, prefix.length), word, 0, word.length);
    const length = prefix.length + word.length;
    const { slots, pool, mask } = this;
    for (let p = h & mask; ; p = (p + 1) & mask) {
      const s = p * SLOT;
      const v = slots[s + 1] as number;
      if (v === EMPTY) return -1;
      if (slots[s] !== h || slots[s + 3] !== length) continue;
      const from = slots[s + 2] as number;
      let k = 0;
      while (k < prefix.length && pool[from + k] === prefix.charCodeAt(k)) k++;
      if (k < prefix.length) continue;
      while (k < length && pool[from + k] === word.charCodeAt(k - prefix.length)) k++;
      if (k === length) return v - 1;
    }
  }

  /** The id of `word`, added if new. */
  add(word: string): number {
    return this.addIn(word, 0, word.length);
  }

  /** The id of the word `text.slice(start, end)`, added if new. */
  addIn(text: string, start: number, end: number): number {
    const found = this.findIn(text, start, end);
    if (found >= 0) return found;
    if ((this.count + 1) * 2 > this.mask + 1) this.rehash((this.mask + 1) * 2);
    const id = this.count++;
    const length = end - start;
    if (this.offsets.length < this.count + 1) this.offsets = grow(this.offsets, this.count + 1);
    if (this.pool.length < this.poolLength + length) {
      this.pool = grow(this.pool, this.poolLength + length);
    }
    const from = this.poolLength;
    for (let k = 0; k < length; k++) this.pool[from + k] = text.charCodeAt(start + k);
    this.offsets[id] = from;
    this.poolLength += length;
    this.offsets[id + 1] = this.poolLength;
    this.place(this.slots, this.mask, hash(text, start, end), id + 1, from, length);
    return id;
  }

  /** The word with this id. */
  word(id: number): string {
    if (id < 0 || id >= this.count) throw new RangeError(`no word ${id}`);
    let s = "";
    for (let k = this.offsets[id] as number; k < (this.offsets[id + 1] as number); k++) {
      s += String.fromCharCode(this.pool[k] as number);
    }
    return s;
  }

  /** Removes every word (ids start again from 0). */
  clear(): void {
    this.slots.fill(EMPTY);
    this.count = 0;
    this.poolLength = 0;
  }

  private place(
    slots: Int32Array,
    mask: number,
    h: number,
    value: number,
    from: number,
    length: number,
  ): void {
    let p = h & mask;
    while (slots[p * SLOT + 1] !== EMPTY) p = (p + 1) & mask;
    slots[p * SLOT] = h;
    slots[p * SLOT + 1] = value;
    slots[p * SLOT + 2] = from;
    slots[p * SLOT + 3] = length;
  }

  private rehash(size: number): void {
    const old = this.slots;
    const slots = new Int32Array(size * SLOT);
    const mask = size - 1;
    for (let s = 0; s < old.length; s += SLOT) {
      const value = old[s + 1] as number;
      if (value === EMPTY) continue;
      this.place(slots, mask, old[s] as number, value, old[s + 2] as number, old[s + 3] as number);
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** FNV-1a over the UTF-16 code units of `text.slice(start, end)`. */
function hash(text: string, start: number, end: number): number {
  return hashFrom(FNV_OFFSET, text, start, end);
}

/** FNV-1a continued from `h` (so that a + b hashes as the two strings joined). */
function hashFrom(h: number, text: string, start: number, end: number): number {
  let x = h;
  for (let i = start; i < end; i++) x = Math.imul(x ^ text.charCodeAt(i), FNV_PRIME);
  return x;
}

function grow<A extends Int32Array | Uint16Array>(a: A, need: number): A {
  const b = new (a.constructor as new (n: number) => A)(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}
