/**
 * Tokenizer: Arabic words, Latin words, numbers, numeric dates, punctuation and quoted spans,
 * read on the normalized text and reported with offsets into the original text.
 */
import type { Quote, Token, TokenKind } from "../types.js";
import { CharClass, CLASS_TABLE } from "./chars.js";
import type { NormalizedText } from "./normalize.js";

const DOT = 0x2e;
const COMMA = 0x2c;
const SLASH = 0x2f;
const HYPHEN = 0x2d;

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function digitsFrom(s: string, i: number): number {
  let j = i;
  while (j < s.length && isDigit(s.charCodeAt(j))) j++;
  return j - i;
}

/**
 * Length of a numeric date at `i` (d/m/yyyy, yyyy/m/d, with / - or . used twice the same way),
 * or 0. Day and month fields must be plausible so that "3.5" or "10-15" are not read as dates.
 */
function numericDateLength(s: string, i: number): number {
  const a = digitsFrom(s, i);
  if (a === 0 || a === 3 || a > 4) return 0;
  const sep = s.charCodeAt(i + a);
  if (sep !== SLASH && sep !== HYPHEN && sep !== DOT) return 0;
  const b = digitsFrom(s, i + a + 1);
  if (b < 1 || b > 2) return 0;
  if (s.charCodeAt(i + a + 1 + b) !== sep) return 0;
  const c = digitsFrom(s, i + a + b + 2);
  const yearFirst = a === 4 && c >= 1 && c <= 2;
  const yearLast = a <= 2 && (c === 4 || c === 2);
  if (!yearFirst && !yearLast) return 0;
  const mid = Number(s.slice(i + a + 1, i + a + 1 + b));
  if (mid < 1 || mid > 12) {
    // d/m/y reads month second; a US-style m/d/y would put the day there (<= 31).
    if (yearFirst || mid > 31) return 0;
  }
  return a + b + c + 2;
}

/** Length of a number at `i`: digits, thousands groups (1,000), a decimal part (3.5). */
function numberLength(s: string, i: number): number {
  let j = i + digitsFrom(s, i);
  while (s.charCodeAt(j) === COMMA && digitsFrom(s, j + 1) === 3 && !isDigit(s.charCodeAt(j + 4))) {
    j += 4;
  }
  if (s.charCodeAt(j) === DOT && isDigit(s.charCodeAt(j + 1))) {
    j += 1 + digitsFrom(s, j + 1);
  }
  return j - i;
}

/** Tokens of a normalized text, with original offsets. Whitespace is dropped. */
export function tokenize(norm: NormalizedText): Token[] {
  const s = norm.text;
  const n = s.length;
  const tokens: Token[] = [];
  const push = (kind: TokenKind, a: number, b: number) => {
    // All fields are set up front so that every token shares one object shape.
    tokens.push({
      kind,
      start: norm.starts[a] as number,
      end: norm.ends[b - 1] as number,
      norm: s.slice(a, b),
      stem: undefined,
      proclitics: undefined,
      enclitics: undefined,
      definite: undefined,
      baseStart: undefined,
    });
  };
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    const cls = CLASS_TABLE[c] as CharClass;
    let j = i + 1;
    switch (cls) {
      case CharClass.Space:
      case CharClass.Newline:
        i = j;
        continue;
      case CharClass.Arabic:
        while (j < n && CLASS_TABLE[s.charCodeAt(j)] === CharClass.Arabic) j++;
        push("arabic", i, j);
        break;
      case CharClass.Latin:
        while (j < n) {
          const k = CLASS_TABLE[s.charCodeAt(j)];
          if (k === CharClass.Latin || k === CharClass.Digit) j++;
          else if (
            s.charCodeAt(j) === 0x27 &&
            CLASS_TABLE[s.charCodeAt(j + 1)] === CharClass.Latin
          ) {
            j += 2; // an apostrophe inside a Latin word (don't, l'Orient)
          } else break;
        }
        push("latin", i, j);
        break;
      case CharClass.Digit: {
        const d = numericDateLength(s, i);
        if (d > 0) {
          j = i + d;
          push("numeric-date", i, j);
        } else {
          j = i + numberLength(s, i);
          push("number", i, j);
        }
        break;
      }
      case CharClass.Punct:
        // Repeated marks ("...", "؟؟") make one token.
        while (j < n && s.charCodeAt(j) === c) j++;
        push("punct", i, j);
        break;
      case CharClass.Symbol:
        push("symbol", i, j);
        break;
      default:
        while (j < n && CLASS_TABLE[s.charCodeAt(j)] === CharClass.Other) j++;
        push("other", i, j);
    }
    i = j;
  }
  return tokens;
}

/** Index of the first token ending after `offset` (binary search; tokens are in text order). */
export function tokenIndexAt(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid] as Token).end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const OPENERS: Record<string, string> = { "«": "»", "“": "”", "„": "“", "‹": "›" };
const STRAIGHT = '"';

/**
 * Whether `text.slice(from, to)` holds a blank line: two line feeds with only spaces, tabs,
 * carriage returns or no-break spaces between them (/\n[ \t\r\u00a0]*\n/, read in place).
 */
function hasBlankLine(text: string, from: number, to: number): boolean {
  let afterFeed = false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      if (afterFeed) return true;
      afterFeed = true;
    } else if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0xa0) afterFeed = false;
  }
  return false;
}

/**
 * Quoted spans between matching marks. Straight quotes alternate open/close; a quote left
 * open at a paragraph break (blank line) is dropped rather than run on into the next paragraph,
 * and its opening mark is reported in `unclosed` when given.
 */
export function findQuotes(text: string, tokens: Token[], unclosed?: Token[]): Quote[] {
  const quotes: Quote[] = [];
  const stack: { close: string; token: Token }[] = [];
  let prevEnd = 0;
  for (const t of tokens) {
    if (stack.length > 0 && hasBlankLine(text, prevEnd, t.start)) {
      if (unclosed) for (const open of stack) unclosed.push(open.token);
      stack.length = 0;
    }
    prevEnd = t.end;
    if (t.kind !== "punct") continue;
    const mark = t.norm;
    const top = stack[stack.length - 1];
    if (top && mark === top.close) {
      stack.pop();
      quotes.push({
        start: top.token.start,
        end: t.end,
        inner: { start: top.token.end, end: t.start },
      });
    } else if (mark === STRAIGHT) {
      stack.push({ close: STRAIGHT, token: t });
    } else if (mark in OPENERS) {
      stack.push({ close: OPENERS[mark] as string, token: t });
    }
  }
  if (unclosed) for (const open of stack) unclosed.push(open.token);
  return quotes.sort((a, b) => a.start - b.start || b.end - a.end);
}
