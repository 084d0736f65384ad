/** The word lists the text engine ships with, loaded once from data/text/. */
import { readFileSync } from "node:fs";
import type { WordFrequencies, WordLexicon } from "./clitics.js";
import { normalizeForMatch } from "./normalize.js";

const DATA_DIR = new URL("../../data/text/", import.meta.url);

/** Reads a word list: one entry per line, # comments and blank lines ignored, normalized. */
export function readWordList(file: URL): string[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith("#"))
    .map((l) => normalizeForMatch(l));
}

/** A set of normalized words that can be extended (the knowledge base adds its names). */
export class WordSet implements WordLexicon {
  private readonly words: Set<string>;
  constructor(words: Iterable<string> = []) {
    this.words = new Set(words);
  }
  has(word: string): boolean {
    return this.words.has(word);
  }
  add(word: string): void {
    this.words.add(normalizeForMatch(word));
  }
  get size(): number {
    return this.words.size;
  }
}

let protectedWords: WordSet | undefined;
let functionWords: WordSet | undefined;

/** Prepositions, particles, pronouns and auxiliaries (data/text/function-words.txt). */
export function defaultFunctionWords(): WordSet {
  functionWords ??= new WordSet(readWordList(new URL("function-words.txt", DATA_DIR)));
  return functionWords;
}

/** Words clitic segmentation must never cut (data/text/protected-words.txt). */
export function defaultProtectedWords(): WordSet {
  protectedWords ??= new WordSet(readWordList(new URL("protected-words.txt", DATA_DIR)));
  return protectedWords;
}

/** Word frequencies from data/text/vocabulary.tsv (built from ANERcorp). */
export class Vocabulary implements WordFrequencies {
  constructor(private readonly counts: Map<string, number>) {}
  count(word: string): number {
    return this.counts.get(word) ?? 0;
  }
  get size(): number {
    return this.counts.size;
  }
}

let vocabulary: Vocabulary | undefined;

export function defaultVocabulary(): Vocabulary {
  if (!vocabulary) {
    const counts = new Map<string, number>();
    for (const line of readFileSync(new URL("vocabulary.tsv", DATA_DIR), "utf8").split("\n")) {
      if (line.length === 0 || line.startsWith("#")) continue;
      const tab = line.indexOf("\t");
      counts.set(line.slice(0, tab), Number(line.slice(tab + 1)));
    }
    vocabulary = new Vocabulary(counts);
  }
  return vocabulary;
}
