/**
 * Sentence splitting on . ! ? ؟ ؛ and line breaks, never inside a number or numeric date
 * (the tokenizer keeps those whole), after an abbreviation, or inside an open quotation.
 *
 * A run of text that never ends (no full stop, no line break: a page's text run together, or
 * input made to be slow) is cut every MAX_SENTENCE_TOKENS tokens, at its last comma when one
 * lies in the second half: later stages compare the words of a sentence with each other, and an
 * unbounded sentence made them quadratic. The longest sentence of 2,713 SaudiNewsNet articles
 * has 923 tokens.
 */
import type { Quote, Sentence, Token } from "../types.js";

/** The most tokens a sentence may have. */
export const MAX_SENTENCE_TOKENS = 1000;
/** Where an over-long sentence is preferably cut. */
const COMMAS = new Set(["،", ",", "؛", ";"]);

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

/** The first index whose token passes `test`, which holds from some index on (or the length). */
function firstIndex(tokens: Token[], test: (t: Token) => boolean): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (test(tokens[mid] as Token)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function splitSentences(text: string, tokens: Token[], quotes: Quote[]): Sentence[] {
  const sentences: Sentence[] = [];
  // Token indices where a sentence must not end, because they lie inside a quotation.
  const insideQuote = new Uint8Array(tokens.length);
  // Token index of the closing mark for a quote whose last inner token is a terminator.
  const closeAfter = new Map<number, number>();
  if (quotes.length > 0) {
    // Each quote's inner tokens are a run (tokens are in order and do not overlap): counted in
    // a difference array rather than by looking at every open quote from every token, which
    // was quadratic in quotes nested deep.
    const depth = new Int32Array(tokens.length + 1);
    for (const quote of quotes) {
      const from = firstIndex(tokens, (t) => t.start >= quote.inner.start);
      const to = firstIndex(tokens, (t) => t.end > quote.inner.end);
      if (from >= to) continue;
      (depth[from] as number)++;
      (depth[to] as number)--;
      const last = tokens[to - 1] as Token;
      if (last.end === quote.inner.end && TERMINATORS.has(last.norm)) {
        const closer = Math.max(
          to,
          firstIndex(tokens, (t) => t.end >= quote.end),
        );
        if (closer < tokens.length) closeAfter.set(to - 1, closer);
      }
    }
    let open = 0;
    for (let k = 0; k < tokens.length; k++) {
      open += depth[k] as number;
      if (open > 0) insideQuote[k] = 1;
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

  let comma = -1; // the last comma of the sentence under way
  for (let k = 0; k < tokens.length; k++) {
    if (k - first >= MAX_SENTENCE_TOKENS) {
      close(comma >= first + MAX_SENTENCE_TOKENS / 2 ? comma : k - 1);
    }
    const t = tokens[k] as Token;
    if (COMMAS.has(t.norm)) comma = k;
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
