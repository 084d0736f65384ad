/**
 * Public types of the ingestion layer: what an ingested article carries beyond rasd's
 * `Article`, and the result shape of the bulk and feed readers.
 */
import type { IngestError } from "./errors.js";

/** A photo caption, with its credit when the page gives one ("عمر حاج قدور/فرانس برس"). */
export interface Caption {
  text: string;
  credit?: string;
}

/** An article as ingestion delivers it: the text rasd analyses and what the page said about it. */
export interface IngestedArticle {
  /**
   * The article as plain text in the shape rasd's article-part recogniser reads: the headline
   * (when known) as the first paragraph, then the body's paragraphs, separated by a blank line
   * ("\n\n"); a line break inside a paragraph is "\n". Captions and page furniture are not in it.
   */
  text: string;
  id?: string;
  title?: string;
  /** Publication time, ISO 8601 (a date, or a date and time with its offset as the page wrote it). */
  published?: string;
  /** Last modification time, ISO 8601. */
  modified?: string;
  /** The outlet or site name. */
  outlet?: string;
  author?: string;
  section?: string;
  /** BCP 47 language tag as the page declares it ("ar", "ar-SY"). */
  language?: string;
  /** Where the article was read from (the final URL after redirects). */
  url?: string;
  /** The URL the page names as its own (link rel=canonical, og:url, JSON-LD url). */
  canonicalUrl?: string;
  captions: Caption[];
  /** sha256 (hex) of the text's words after rasd's normalization: see dedupe.ts. */
  contentHash: string;
  /** The character set the bytes were decoded with, and what decided it. */
  encoding?: { name: string; source: CharsetSource };
}

/** What decided a character set: a byte-order mark, the HTTP header, the page, or a guess. */
export type CharsetSource = "bom" | "http" | "meta" | "xml" | "utf8-valid" | "fallback" | "given";

/** One result of a bulk or feed reader: an article, or where and why one could not be read. */
export type IngestResult =
  | { ok: true; article: IngestedArticle; where: string }
  | { ok: false; where: string; error: IngestError };
