/**
 * The text engine as one pipeline stage: normalization, tokens with clitic segmentation,
 * quotations, sentences, quantities and dates, all with offsets into the original text.
 */
import type { ArticleMeta, RasdDocument, Stage, Token } from "../types.js";
import {
  type Segmentation,
  segmentWord,
  type WordFrequencies,
  type WordLexicon,
} from "./clitics.js";
import { defaultProtectedWords, defaultVocabulary } from "./lexicon.js";
import { isRemovedByNormalization, type NormalizeOptions, normalize } from "./normalize.js";
import { splitSentences } from "./sentences.js";
import { findQuotes, tokenize } from "./tokenize.js";

export interface TextStageOptions {
  /** Words never cut by clitic segmentation; defaults to data/text/protected-words.txt. */
  lexicon?: WordLexicon;
  /** Corpus word frequencies guiding segmentation; defaults to data/text/vocabulary.tsv. */
  frequencies?: WordFrequencies;
  normalize?: NormalizeOptions;
}

/** A new document over `text`, with no annotations yet. */
export function createDocument(text: string, meta: ArticleMeta = {}): RasdDocument {
  return {
    text,
    meta,
    tokens: [],
    sentences: [],
    quotes: [],
    quantities: [],
    dates: [],
    diagnostics: [],
  };
}

const CACHE_LIMIT = 200_000;

/** Clitic segmentation of every Arabic token, cached per surface form (news vocabulary is Zipfian). */
export function segmentTokens(
  text: string,
  tokens: Token[],
  lexicon: WordLexicon,
  frequencies?: WordFrequencies,
): void {
  const cache = cacheFor(lexicon);
  for (const t of tokens) {
    if (t.kind !== "arabic") continue;
    const surface = text.slice(t.start, t.end);
    let seg = cache.get(surface);
    if (!seg) {
      if (cache.size > CACHE_LIMIT) cache.clear();
      seg = segmentWord(surface, lexicon, frequencies);
      cache.set(surface, seg);
    }
    t.stem = seg.stem;
    t.proclitics = seg.proclitics;
    t.enclitics = seg.enclitics;
    t.definite = seg.definite;
    const lead = seg.proclitics.filter((p) => p !== "ال").join("").length;
    if (lead > 0) t.baseStart = advanceLetters(text, t.start, t.end, lead);
  }
}

const caches = new WeakMap<WordLexicon, Map<string, Segmentation>>();
function cacheFor(lexicon: WordLexicon): Map<string, Segmentation> {
  let c = caches.get(lexicon);
  if (!c) {
    c = new Map();
    caches.set(lexicon, c);
  }
  return c;
}

/** Offset after `count` letters from `from`, stepping over marks that normalization removes. */
function advanceLetters(text: string, from: number, to: number, count: number): number {
  let i = from;
  let seen = 0;
  while (i < to && seen < count) {
    if (!isRemovedByNormalization(text.charCodeAt(i))) seen++;
    i++;
  }
  while (i < to && isRemovedByNormalization(text.charCodeAt(i))) i++;
  return i;
}

/** The text engine stage. */
export function textStage(options: TextStageOptions = {}): Stage {
  const lexicon = options.lexicon ?? defaultProtectedWords();
  const frequencies = options.frequencies ?? defaultVocabulary();
  return (doc) => {
    const norm = normalize(doc.text, options.normalize);
    doc.tokens = tokenize(norm);
    segmentTokens(doc.text, doc.tokens, lexicon, frequencies);
    doc.quotes = findQuotes(doc.text, doc.tokens);
    doc.sentences = splitSentences(doc.text, doc.tokens, doc.quotes);
  };
}
