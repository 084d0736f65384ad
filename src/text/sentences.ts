/**
 * Sentence splitting on . ! ? ؟ ؛ and line breaks, never inside a number or numeric date
 * (the tokenizer keeps those whole), after an abbreviation, or inside an open quotation.
 */
import type { Quote, Sentence, Token } from "../types.js";

const TERMINATORS = new Set([".", "!", "?", "؟", "؛", "۔", "!!", "؟؟", "??", "?!", "!?"]);
const CLOSERS = new Set(['"', "»", "”", "’", "›", ")", "]", "}"]);
// Abbreviations that end in a full stop (normalized): Latin titles and Arabic single letters
// are handled by the single-letter rule; these are the longer ones.
const ABBREVIATIONS = new Set([
  "mr",
  "mrs",
  "ms",
  "dr",
  "prof",
  "gen",
  "col",
  "lt",
  "st",
  "no",
  "vs",
  "etc",
  "inc",
  "ltd",
  "co",
  "jr",
  "sr",
  "ق.م",
  "ص.ب",
]);

function isAbbreviationBefore(tokens: Token[], k: number): boolean {
  const prev = tokens[k - 1];
  if (!prev || (prev.kind !== "arabic" && prev.kind !== "latin")) return false;
  // The full stop must touch the word: "د." and "U.S." but not "انتهى ."
  if (prev.end !== (tokens[k] as Token).start) return false;
  return prev.norm.length === 1 || ABBREVIATIONS.has(prev.norm);
}

/** True when text between two offsets holds a line break. */
function hasLineBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029 || c === 0x85) return true;
  }
  return false;
}

export function splitSentences(text: string, tokens: Token[], quotes: Quote[]): Sentence[] {
  const sentences: Sentence[] = [];
  // Token indices where a sentence must not end, because they lie inside a quotation.
  const insideQuote = new Uint8Array(tokens.length);
  // Token index of the closing mark for a quote whose last inner token is a terminator.
  const closeAfter = new Map<number, number>();
  if (quotes.length > 0) {
    let q = 0;
    for (let k = 0; k < tokens.length; k++) {
      const t = tokens[k] as Token;
      while (q < quotes.length && (quotes[q] as Quote).end <= t.start) q++;
      for (let r = q; r < quotes.length && (quotes[r] as Quote).start < t.end; r++) {
        const quote = quotes[r] as Quote;
        if (t.start >= quote.inner.start && t.end <= quote.inner.end) {
          insideQuote[k] = 1;
          if (t.end === quote.inner.end && TERMINATORS.has(t.norm)) {
            let closer = k + 1;
            while (closer < tokens.length && (tokens[closer] as Token).end < quote.end) closer++;
            if (closer < tokens.length) closeAfter.set(k, closer);
          }
        }
      }
    }
  }

  let first = 0;
  const close = (last: number) => {
    if (last < first) return;
    sentences.push({
      start: (tokens[first] as Token).start,
      end: (tokens[last] as Token).end,
      tokenStart: first,
      tokenEnd: last + 1,
    });
    first = last + 1;
  };

  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    const next = tokens[k + 1];
    if (next && hasLineBreak(text, t.end, next.start)) {
      close(k);
      continue;
    }
    if (t.kind !== "punct" || !TERMINATORS.has(t.norm)) continue;
    if (t.norm === "." && isAbbreviationBefore(tokens, k)) continue;
    const closer = closeAfter.get(k);
    if (closer !== undefined) {
      // «... انتهى.» ends with the closing mark.
      if (!insideQuote[closer]) {
        close(closer);
        k = closer;
      }
      continue;
    }
    if (insideQuote[k]) continue;
    // Closing marks right after the terminator belong to this sentence.
    let last = k;
    while (tokens[last + 1] && CLOSERS.has((tokens[last + 1] as Token).norm)) {
      const c = tokens[last + 1] as Token;
      if (c.start !== (tokens[last] as Token).end) break;
      last++;
    }
    close(last);
    k = last;
  }
  close(tokens.length - 1);
  return sentences;
}
