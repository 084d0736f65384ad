/**
 * Full-text search on rasd's normalised text.
 *
 * Both backends index the normalised title and text (harakat and tatweel removed, أ إ آ → ا,
 * ة → ه, ى → ي, digits to ASCII): FTS5's tokenizer would otherwise split «قُتِلَ» at its harakat
 * and never match «قتل». The query goes through the same normalisation and is cut into the same
 * words, so both sides agree; every word must occur (AND).
 */
import type { OutSpan } from "../output/json.js";
import { normalize, normalizeForMatch } from "../text/normalize.js";

const WORD = /[\p{L}\p{N}]+/gu;

/** The normalised words of a query, each once, in order. */
export function queryTerms(q: string): string[] {
  return [...new Set(normalizeForMatch(q).match(WORD) ?? [])];
}

/**
 * The normalised form stored beside the text and indexed: its words, space-separated. Keeping
 * only the words means FTS5's tokenizer and PostgreSQL's parser see the same tokens (they would
 * otherwise cut "2017-11-02" or "al-Araby" differently), so both backends find the same articles.
 */
export function searchableText(text: string): string {
  return (normalizeForMatch(text).match(WORD) ?? []).join(" ");
}

/** FTS5 MATCH expression: every term as a quoted string (so no term is read as an operator). */
export function fts5Query(terms: readonly string[]): string {
  return terms.map((t) => `"${t.replaceAll('"', '""')}"`).join(" ");
}

const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/**
 * Where the terms occur as whole words in `text`, as spans of the original text (harakat kept
 * inside), in text order, at most `max`.
 */
export function findMatches(text: string, terms: readonly string[], max = 20): OutSpan[] {
  if (terms.length === 0) return [];
  const norm = normalize(text);
  const n = norm.text;
  const out: OutSpan[] = [];
  for (const term of terms) {
    let from = 0;
    for (;;) {
      const i = n.indexOf(term, from);
      if (i < 0) break;
      from = i + 1;
      if (isWordChar(n[i - 1]) || isWordChar(n[i + term.length])) continue;
      out.push({ start: norm.starts[i] as number, end: norm.ends[i + term.length - 1] as number });
    }
  }
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  return out.slice(0, max);
}

/** About `width` characters of the text around a span, cut at spaces, with ellipses. */
export function snippet(text: string, at: OutSpan | undefined, width = 200): string {
  const center = at ? Math.floor((at.start + at.end) / 2) : 0;
  let start = Math.max(0, center - Math.floor(width / 2));
  let end = Math.min(text.length, start + width);
  start = Math.max(0, end - width);
  if (start > 0) {
    const sp = text.indexOf(" ", start);
    if (sp >= 0 && sp < (at?.start ?? end)) start = sp + 1;
  }
  if (end < text.length) {
    const sp = text.lastIndexOf(" ", end);
    if (sp > (at?.end ?? start)) end = sp;
  }
  const body = text.slice(start, end).replace(/\s+/gu, " ").trim();
  return `${start > 0 ? "… " : ""}${body}${end < text.length ? " …" : ""}`;
}
