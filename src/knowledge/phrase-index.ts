/**
 * Longest-match lookup of multi-word names (places, actors, triggers) over token sequences.
 * Keys are normalized words; the first word of a match may carry proclitics in the text
 * ("وبمدينة", "والرقة"), which are stripped using the tokenizer's clitic segmentation.
 */
import { normalize } from "../text/normalize.js";
import { tokenize } from "../text/tokenize.js";
import type { Token } from "../types.js";

interface TrieNode<T> {
  next: Map<string, TrieNode<T>> | undefined;
  values: T[] | undefined;
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
  private readonly root = new Map<string, TrieNode<T>>();
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
    let level = this.root;
    let node: TrieNode<T> | undefined;
    for (let k = 0; k < words.length; k++) {
      const w = words[k] as string;
      node = level.get(w);
      if (!node) {
        node = { next: undefined, values: undefined };
        level.set(w, node);
      }
      if (k < words.length - 1) {
        node.next ??= new Map();
        level = node.next;
      }
    }
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

  /**
   * The longest name starting at token `i`, or null. Hot: called at every token for every
   * index, so it allocates nothing until a match is found.
   */
  matchAt(tokens: Token[], i: number): PhraseMatch<T> | null {
    const first = tokens[i];
    if (!isWord(first)) return null;
    let bestEnd = -1;
    let bestNode: TrieNode<T> | undefined;
    let bestForm = "";
    const stem = first.stem !== undefined && first.stem !== first.norm ? first.stem : undefined;
    // The forms of firstWordForms, in its order: as written, with ال, without clitics.
    for (let f = 0; f < 3; f++) {
      let form: string;
      if (f === 0) form = first.norm;
      else if (stem === undefined) break;
      else if (f === 1) {
        if (!first.definite || stem.startsWith("ال")) continue;
        form = `ال${stem}`;
      } else form = stem;
      let node = this.root.get(form);
      let j = i;
      while (node) {
        if (node.values && j + 1 > bestEnd) {
          bestEnd = j + 1;
          bestNode = node;
          bestForm = form;
        }
        const t = tokens[j + 1];
        if (!node.next || !isWord(t)) break;
        node = node.next.get(t.norm);
        j++;
      }
    }
    if (!bestNode?.values) return null;
    let key = bestForm;
    for (let k = i + 1; k < bestEnd; k++) key += ` ${(tokens[k] as Token).norm}`;
    return {
      tokenStart: i,
      tokenEnd: bestEnd,
      start: bestForm === first.norm ? first.start : (first.baseStart ?? first.start),
      end: (tokens[bestEnd - 1] as Token).end,
      key,
      values: bestNode.values,
    };
  }

  /** Non-overlapping longest matches, left to right. */
  matchAll(tokens: Token[]): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    for (let i = 0; i < tokens.length; ) {
      const m = this.matchAt(tokens, i);
      if (m) {
        out.push(m);
        i = m.tokenEnd;
      } else i++;
    }
    return out;
  }
}
