/**
 * The text engine as one pipeline stage: normalization, tokens with clitic segmentation,
 * quotations, sentences, quantities and dates, all with offsets into the original text.
 */
import { Buffer } from "node:buffer";
import type { ArticleMeta, RasdDocument, Stage, Token } from "../types.js";
import { segmentWord, type WordFrequencies, type WordLexicon } from "./clitics.js";
import { extractDates } from "./dates.js";
import { defaultProtectedWords, defaultVocabulary } from "./lexicon.js";
import { isRemovedByNormalization, type NormalizeOptions, normalize } from "./normalize.js";
import { extractQuantities } from "./numbers.js";
import { splitSentences } from "./sentences.js";
import { findQuotes, tokenize } from "./tokenize.js";
import { WordTable } from "./word-table.js";

export interface TextStageOptions {
  /** Words never cut by clitic segmentation; defaults to data/text/protected-words.txt. */
  lexicon?: WordLexicon;
  /** Corpus word frequencies guiding segmentation; defaults to data/text/vocabulary.tsv. */
  frequencies?: WordFrequencies;
  normalize?: NormalizeOptions;
  /** ACLED's convention for vague counts (tens = 10, hundreds = 100); default false. */
  acledVague?: boolean;
}

/** A new document over `text`, with no annotations yet. */
export function createDocument(text: string, meta: ArticleMeta = {}): RasdDocument {
  return {
    text,
    meta,
    parts: [],
    tokens: [],
    sentences: [],
    quotes: [],
    quantities: [],
    dates: [],
    entities: [],
    places: [],
    events: [],
    nonEvents: [],
    claims: [],
    disputes: [],
    diagnostics: [],
  };
}

/** Surface forms kept before the cache is emptied (one document may take it past this). */
const CACHE_LIMIT = 200_000;

/**
 * The surface form of each token of an array, as numbered by the segmentation cache: within one
 * `numbering` and `generation`, tokens with the same id have the same norm, stem, clitics and
 * definiteness, so a later stage can compute once per form what it derives from those (the
 * phrase indexes do).
 */
export interface SurfaceForms {
  /** One per tokens stage (its normalization options fix how a surface form normalizes). */
  numbering: object;
  /** Changes when the cache is emptied and its ids are given out again. */
  generation: number;
  /** Per token: its form id, or -1 for tokens other than Arabic words. */
  ids: Int32Array;
}

const surfaceForms = new WeakMap<readonly Token[], SurfaceForms>();

/** The surface forms of a document's tokens, when the tokens stage made them. */
export function surfaceFormsOf(tokens: readonly Token[]): SurfaceForms | undefined {
  return surfaceForms.get(tokens);
}

/** Clitic segmentation of every Arabic token, cached per surface form (news vocabulary is Zipfian). */
export function segmentTokens(
  text: string,
  tokens: Token[],
  lexicon: WordLexicon,
  frequencies?: WordFrequencies,
): void {
  segment(text, tokens, lexicon, frequencies, undefined);
}

/** `segmentTokens`, recording the tokens' surface forms under `numbering` when given. */
function segment(
  text: string,
  tokens: Token[],
  lexicon: WordLexicon,
  frequencies: WordFrequencies | undefined,
  numbering: object | undefined,
): void {
  const cache = cacheFor(lexicon);
  // Emptied between documents, never within one: the ids of a document's tokens must all be of
  // one generation. Emptied halfway, the words read before kept ids that now meant other words,
  // and the phrase indexes, which remember per id, read them as those (an article read while
  // the cache filled up was analysed otherwise than the same article read again).
  if (cache.surfaces.size > CACHE_LIMIT) {
    cache.surfaces.clear();
    cache.fields.length = 0;
    cache.generation++;
  }
  const ids = numbering ? new Int32Array(tokens.length).fill(-1) : undefined;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    if (t.kind !== "arabic") continue;
    // Looked up on the text itself: no string is sliced for a form seen before.
    let id = cache.surfaces.findIn(text, t.start, t.end);
    if (id < 0) {
      const seg = segmentWord(own(text.slice(t.start, t.end)), lexicon, frequencies);
      // Letters of the conjunction/preposition proclitics, before any article.
      const lead = seg.proclitics.reduce((n, p) => (p === "ال" ? n : n + p.length), 0);
      id = cache.surfaces.addIn(text, t.start, t.end);
      cache.fields.push(seg.stem, seg.proclitics, seg.enclitics, (seg.definite ? 1 : 0) + 2 * lead);
    }
    if (ids) ids[k] = id;
    const fields = cache.fields;
    t.stem = fields[FIELDS * id] as string;
    t.proclitics = fields[FIELDS * id + 1] as string[];
    t.enclitics = fields[FIELDS * id + 2] as string[];
    const flags = fields[FIELDS * id + 3] as number;
    t.definite = (flags & 1) === 1;
    const lead = flags >> 1;
    if (lead > 0) t.baseStart = advanceLetters(text, t.start, t.end, lead);
  }
  if (numbering && ids) {
    surfaceForms.set(tokens, { numbering, generation: cache.generation, ids });
  }
}

/**
 * A copy of `s` that holds its own characters. V8 makes a string of 13 or more characters cut
 * from a longer one point into it: a stem cut from it and kept in the cache would keep the
 * whole article alive.
 */
function own(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, "utf16le").toString("utf16le");
}

/**
 * Surface forms seen, and the segmentation of each by its id in `surfaces`: FIELDS values side
 * by side in one array (a token reads one place, not an entry and then its object): the stem,
 * the proclitics, the enclitics, and definite (1) + 2 × the letters of proclitics before any
 * article.
 */
interface SegmentationCache {
  surfaces: WordTable;
  fields: (string | string[] | number)[];
  /** Bumped when the cache is emptied. */
  generation: number;
}
const FIELDS = 4;

const caches = new WeakMap<WordLexicon, SegmentationCache>();
function cacheFor(lexicon: WordLexicon): SegmentationCache {
  let c = caches.get(lexicon);
  if (!c) {
    c = { surfaces: new WordTable(1 << 14), fields: [], generation: 0 };
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

/**
 * Tokens with clitics, quotations and sentences: what every later stage reads. Dates and
 * quantities come in their own stages, so that the article-parts stage can first read the
 * publication date from the date line.
 */
export function tokensStage(options: TextStageOptions = {}): Stage {
  const lexicon = options.lexicon ?? defaultProtectedWords();
  const frequencies = options.frequencies ?? defaultVocabulary();
  // This stage's own numbering of surface forms: the same surface always normalizes the same
  // way here, whatever other pipelines sharing the segmentation cache do.
  const numbering = {};
  return (doc) => {
    const norm = normalize(doc.text, options.normalize);
    doc.tokens = tokenize(norm);
    segment(doc.text, doc.tokens, lexicon, frequencies, numbering);
    const unclosed: Token[] = [];
    doc.quotes = findQuotes(doc.text, doc.tokens, unclosed);
    for (const mark of unclosed) {
      doc.diagnostics.push({
        ruleId: "text/unclosed-quotation",
        severity: "warning",
        message: `quotation mark ${doc.text.slice(mark.start, mark.end)} is never closed in its paragraph`,
        span: { start: mark.start, end: mark.end },
      });
    }
    const bad = doc.text.indexOf("\ufffd");
    if (bad >= 0) {
      doc.diagnostics.push({
        ruleId: "text/replacement-character",
        severity: "warning",
        message: "the text holds undecodable characters (U+FFFD): part of it was lost in decoding",
        span: { start: bad, end: bad + 1 },
      });
    }
    doc.sentences = splitSentences(doc.text, doc.tokens, doc.quotes);
  };
}

/** Dates, relative ones resolved against the publication date in `doc.meta.published`. */
export const datesStage: Stage = (doc) => {
  doc.dates = extractDates(doc.text, doc.tokens, { published: doc.meta.published });
};

export function quantitiesStage(options: TextStageOptions = {}): Stage {
  return (doc) => {
    doc.quantities = extractQuantities(doc.tokens, { acledVague: options.acledVague ?? false });
  };
}

/** The whole text engine as one stage: tokens, sentences, dates and quantities. */
export function textStage(options: TextStageOptions = {}): Stage {
  const stages = [tokensStage(options), datesStage, quantitiesStage(options)];
  return (doc) => {
    for (const stage of stages) stage(doc);
  };
}
