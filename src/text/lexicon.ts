/** The word lists the text engine ships with, loaded once from data/text/. */
import { readFileSync } from "node:fs";
import type { WordLexicon } from "./clitics.js";
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

/** Words clitic segmentation must never cut (data/text/protected-words.txt). */
export function defaultProtectedWords(): WordSet {
  protectedWords ??= new WordSet(readWordList(new URL("protected-words.txt", DATA_DIR)));
  return protectedWords;
}
