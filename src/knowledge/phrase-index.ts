/**
 * Longest-match lookup of multi-word names (places, actors, triggers) over token sequences.
 * Keys are normalized words; the first word of a match may carry proclitics in the text
 * ("وبمدينة", "والرقة"), which are stripped using the tokenizer's clitic segmentation.
 */
import { type SurfaceForms, surfaceFormsOf } from "../text/index.js";
import { normalize } from "../text/normalize.js";
import { tokenize } from "../text/tokenize.js";
import { WordTable } from "../text/word-table.js";
import type { Token } from "../types.js";

/** Trie nodes are keyed by word id (see `wordIds`), not by the word itself. */
interface TrieNode<T> {
  next: Map<number, TrieNode<T>> | undefined;
  values: T[] | undefined;
}

/**
 * One id per word of any index key, shared by every index: a document's tokens are looked up
 * here once (see `encode`), and each index then walks its trie on small integers instead of
 * hashing the same strings again. Words of documents are never added (the table stays the size
 * of the knowledge).
 */
const wordIds = new WordTable(1 << 16);

/**
 * For each word id, one bit per index that has the word as the first word of a name: most
 * tokens start no name in a given index, and this lets its loop step over them on one bit.
 * Indexes past the 31st get no bit (0) and look every token up.
 */
let firstWords = new Int32Array(1 << 16);
let nextBit = 0;

/** Gives every word id its place in `firstWords`, so that encoding never reads past it. */
function coverWordIds(): void {
  if (firstWords.length >= wordIds.size) return;
  const grown = new Int32Array(Math.max(wordIds.size, firstWords.length * 2));
  grown.set(firstWords);
  firstWords = grown;
}

/** Bumped whenever any index gains a key: encodings made before are stale. */
let version = 0;

/**
 * A token array as the indexes read it. `ids`: the forms under which each token may take part
 * in a name, as word ids (-1: none, or a word no index knows), three per token in
 * `firstWordForms` order — as written, with ال, without clitics; only the first applies to
 * the later words of a name, and non-words get -1 throughout. `firsts`: per token, the bits of
 * the indexes where one of those forms starts a name.
 */
interface Encoded {
  version: number;
  ids: Int32Array;
  firsts: Int32Array;
}

// Every index matches the same document's tokens (actors, roles, triggers, cues, reporting
// verbs, places): the encoding is made once per token array. Tokens must not change after
// they are first matched (the pipeline segments them before any stage matches).
const encodings = new WeakMap<readonly Token[], Encoded>();

/**
 * The encoding of each surface form (see `surfaceFormsOf`), four numbers per form id: the three
 * word ids and the first-word bits, NOT_YET until the form is first met. News vocabulary is
 * Zipfian: most tokens are encoded by copying these rather than by one to three lookups.
 */
interface FormMemo {
  generation: number;
  version: number;
  data: Int32Array;
}
const NOT_YET = -2;
const formMemos = new WeakMap<object, FormMemo>();

function memoFor(forms: SurfaceForms): FormMemo {
  let memo = formMemos.get(forms.numbering);
  if (!memo || memo.generation !== forms.generation || memo.version !== version) {
    memo = { generation: forms.generation, version, data: new Int32Array(1 << 12).fill(NOT_YET) };
    formMemos.set(forms.numbering, memo);
  }
  return memo;
}

function encode(tokens: readonly Token[]): Encoded {
  const cached = encodings.get(tokens);
  if (cached !== undefined && cached.version === version) return cached;
  const ids = new Int32Array(tokens.length * 3).fill(-1);
  const firsts = new Int32Array(tokens.length);
  const forms = surfaceFormsOf(tokens);
  const memo = forms ? memoFor(forms) : undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (!isWord(t)) continue;
    const form = forms ? (forms.ids[i] as number) : -1;
    let out: Int32Array = scratch;
    let at = 0;
    if (memo && form >= 0) {
      at = 4 * form;
      if (memo.data.length < at + 4) {
        const grown = new Int32Array(Math.max(at + 4, memo.data.length * 2)).fill(NOT_YET);
        grown.set(memo.data);
        memo.data = grown;
      }
      out = memo.data;
      if (out[at] === NOT_YET) encodeToken(t, out, at);
    } else encodeToken(t, out, at);
    ids[3 * i] = out[at] as number;
    ids[3 * i + 1] = out[at + 1] as number;
    ids[3 * i + 2] = out[at + 2] as number;
    firsts[i] = out[at + 3] as number;
  }
  const encoded = { version, ids, firsts };
  encodings.set(tokens, encoded);
  return encoded;
}

const scratch: Int32Array = new Int32Array(4);

/** A word token's three word ids and first-word bits, written at `out[at ..]`. */
function encodeToken(t: Token, out: Int32Array, at: number): void {
  const norm = wordIds.find(t.norm);
  let withArticle = -1;
  let bare = -1;
  let bits = norm >= 0 ? (firstWords[norm] as number) : 0;
  const stem = t.stem;
  if (stem !== undefined && stem !== t.norm) {
    if (t.definite && !stem.startsWith("ال")) {
      withArticle = wordIds.findJoined("ال", stem);
      if (withArticle >= 0) bits |= firstWords[withArticle] as number;
    }
    bare = wordIds.find(stem);
    if (bare >= 0) bits |= firstWords[bare] as number;
  }
  out[at] = norm;
  out[at + 1] = withArticle;
  out[at + 2] = bare;
  out[at + 3] = bits;
}

export interface PhraseMatch<T> {
  /** Index of the first token matched and one past the last. */
  tokenStart: number;
  tokenEnd: number;
  /** Original-text span of the match, clitics of the first word excluded. */
  start: number;
  end: number;
  /** The normalized key that matched (words joined by one space). */
  key: string;
  values: T[];
}

/** The words of a name as the index keys them: normalized, punctuation dropped. */
export function phraseWords(phrase: string): string[] {
  return tokenize(normalize(phrase))
    .filter((t) => t.kind === "arabic" || t.kind === "latin" || t.kind === "number")
    .map((t) => t.norm);
}

/** The forms under which a token may start a name: as written, without its clitics, with ال. */
export function firstWordForms(t: Token): string[] {
  const forms = [t.norm];
  if (t.stem !== undefined && t.stem !== t.norm) {
    if (t.definite && !t.stem.startsWith("ال")) forms.push(`ال${t.stem}`);
    forms.push(t.stem);
  }
  return forms;
}

function isWord(t: Token | undefined): t is Token {
  return t !== undefined && (t.kind === "arabic" || t.kind === "latin" || t.kind === "number");
}

export class PhraseIndex<T> {
  /** First words, by word id (a plain array: the hot loop reads it at every token). */
  private readonly root: (TrieNode<T> | undefined)[] = [];
  /** This index's bit in `firstWords`, or 0. */
  private readonly bit = nextBit < 31 ? 1 << nextBit++ : 0;
  private count = 0;

  /** Number of (key, value) pairs added. */
  get size(): number {
    return this.count;
  }

  /** Adds a raw name (normalized and split here). */
  add(phrase: string, value: T): void {
    const words = phraseWords(phrase);
    if (words.length > 0) this.addWords(words, value);
  }

  /** Adds a pre-normalized key: words joined by single spaces (as compiled data stores them). */
  addKey(key: string, value: T): void {
    this.addWords(key.split(" "), value);
  }

  addWords(words: string[], value: T): void {
    if (words.length === 0) return;
    version++;
    const first = wordIds.add(words[0] as string);
    coverWordIds();
    firstWords[first] = (firstWords[first] as number) | this.bit;
    while (this.root.length <= first) this.root.push(undefined);
    let node = this.root[first];
    if (!node) {
      node = { next: undefined, values: undefined };
      this.root[first] = node;
    }
    for (let k = 1; k < words.length; k++) {
      const w = wordIds.add(words[k] as string);
      node.next ??= new Map();
      let child = node.next.get(w);
      if (!child) {
        child = { next: undefined, values: undefined };
        node.next.set(w, child);
      }
      node = child;
    }
    coverWordIds();
    const leaf = node as TrieNode<T>;
    leaf.values ??= [];
    if (!leaf.values.includes(value)) {
      leaf.values.push(value);
      this.count++;
    }
  }

  /** Values stored under exactly this name (clitics of its first word stripped if needed). */
  lookup(phrase: string): T[] {
    const tokens = tokenize(normalize(phrase));
    const m = this.matchAt(tokens, 0);
    return m && m.tokenEnd === tokens.length ? m.values : [];
  }

  /** The longest name starting at token `i`, or null. */
  matchAt(tokens: Token[], i: number): PhraseMatch<T> | null {
    return i >= 0 && i < tokens.length ? this.matchEncoded(tokens, encode(tokens).ids, i) : null;
  }

  /**
   * The longest name starting at token `i`, or null. Hot: called at every token for every
   * index, so it allocates nothing until a match is found.
   */
  private matchEncoded(tokens: Token[], ids: Int32Array, i: number): PhraseMatch<T> | null {
    let bestEnd = -1;
    let bestNode: TrieNode<T> | undefined;
    let bestForm = 0;
    // The forms of firstWordForms, in its order: as written, with ال, without clitics.
    for (let f = 0; f < 3; f++) {
      const id = ids[3 * i + f] as number;
      if (id < 0) continue;
      let node = id < this.root.length ? this.root[id] : undefined;
      let j = i;
      while (node) {
        if (node.values && j + 1 > bestEnd) {
          bestEnd = j + 1;
          bestNode = node;
          bestForm = f;
        }
        if (!node.next || j + 1 >= tokens.length) break;
        node = node.next.get(ids[3 * (j + 1)] as number);
        j++;
      }
    }
    if (!bestNode?.values) return null;
    const first = tokens[i] as Token;
    const stem = first.stem as string;
    let key = bestForm === 0 ? first.norm : bestForm === 1 ? `ال${stem}` : stem;
    const start = key === first.norm ? first.start : (first.baseStart ?? first.start);
    for (let k = i + 1; k < bestEnd; k++) key += ` ${(tokens[k] as Token).norm}`;
    return {
      tokenStart: i,
      tokenEnd: bestEnd,
      start,
      end: (tokens[bestEnd - 1] as Token).end,
      key,
      values: bestNode.values,
    };
  }

  /** Non-overlapping longest matches, left to right. */
  matchAll(tokens: Token[]): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    const { ids, firsts } = encode(tokens);
    const bit = this.bit;
    for (let i = 0; i < tokens.length; ) {
      if (bit !== 0 && ((firsts[i] as number) & bit) === 0) {
        i++;
        continue;
      }
      const m = this.matchEncoded(tokens, ids, i);
      if (m) {
        out.push(m);
        i = m.tokenEnd;
      } else i++;
    }
    return out;
  }
}
