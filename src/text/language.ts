/**
 * The language check at the door: input that is empty, binary, badly decoded, too large or
 * not (enough) Arabic is refused with a message that names the reason.
 */
import type { LanguageVerdict } from "../types.js";

export interface LanguageCheckOptions {
  /** Largest text accepted, in UTF-16 code units. Default 2,000,000 (a news article is ~3-30 k). */
  maxLength?: number;
  /** Smallest share of Arabic among the letters. Default 0.3 (quotes in English are fine). */
  minArabicShare?: number;
  /** Fewest Arabic words. Default 2. */
  minArabicWords?: number;
}

export const DEFAULT_MAX_LENGTH = 2_000_000;

function isArabicLetter(c: number): boolean {
  return (
    (c >= 0x0620 && c <= 0x064a) ||
    (c >= 0x066e && c <= 0x06d3) ||
    (c >= 0x06fa && c <= 0x06ff) ||
    (c >= 0x0750 && c <= 0x077f) ||
    (c >= 0x08a0 && c <= 0x08c9) ||
    (c >= 0xfb50 && c <= 0xfdff) ||
    (c >= 0xfe70 && c <= 0xfefc)
  );
}

const LETTER = /\p{L}/u;

function isOtherLetter(c: number, text: string, i: number): boolean {
  if (c < 0x80) return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  if (c >= 0xd800 && c <= 0xdfff) return false;
  return LETTER.test(text[i] as string);
}

function reject(
  reason: Exclude<LanguageVerdict, { ok: true }>["reason"],
  message: string,
  arabicShare = 0,
): LanguageVerdict {
  return { ok: false, reason, message, arabicShare };
}

export function checkLanguage(text: unknown, options: LanguageCheckOptions = {}): LanguageVerdict {
  if (typeof text !== "string") return reject("binary", "input is not text");
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  if (text.length > maxLength) {
    return reject(
      "too-large",
      `input is ${text.length.toLocaleString("en")} characters; the limit for one article is ${maxLength.toLocaleString("en")} (split it, or raise the limit)`,
    );
  }
  if (text.trim().length === 0) return reject("empty", "input is empty");

  let control = 0;
  let replacement = 0;
  let mojibake = 0;
  let letters = 0;
  let arabic = 0;
  let arabicWords = 0;
  let inArabicWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0)
      return reject("binary", "input holds NUL bytes: it looks like binary data, not text");
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) control++;
    else if (c === 0xfffd) replacement++;
    // UTF-8 Arabic read as Latin-1/Windows-1252 shows as Ø§Ù„ ...
    else if (c === 0xd8 || c === 0xd9 || c === 0xda || c === 0xdb) mojibake++;
    const isArabic = isArabicLetter(c);
    if (isArabic) {
      arabic++;
      letters++;
      if (!inArabicWord) arabicWords++;
    } else if (isOtherLetter(c, text, i)) {
      letters++;
    }
    inArabicWord = isArabic || (inArabicWord && c >= 0x064b && c <= 0x0652);
  }
  const share = letters === 0 ? 0 : arabic / letters;
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  if (control > text.length * 0.01) {
    return reject(
      "binary",
      `input holds ${control} control characters: it looks like binary data, not text`,
      share,
    );
  }
  if (replacement > 0 && replacement > arabic * 0.1) {
    return reject(
      "bad-encoding",
      `input holds ${replacement} undecodable characters (U+FFFD): it was probably decoded with the wrong character set (try windows-1256)`,
      share,
    );
  }
  if (mojibake > 10 && mojibake > arabic) {
    return reject(
      "bad-encoding",
      "input looks like UTF-8 Arabic decoded as Latin-1 (Ø§Ù„...): decode it as UTF-8",
      share,
    );
  }
  if (letters === 0) return reject("not-arabic", "input holds no letters", 0);
  const minShare = options.minArabicShare ?? 0.3;
  if (share < minShare) {
    return reject(
      "not-arabic",
      `input is not Arabic: only ${pct(share)} of its letters are Arabic (at least ${pct(minShare)} needed)`,
      share,
    );
  }
  const minWords = options.minArabicWords ?? 2;
  if (arabicWords < minWords) {
    return reject(
      "too-short",
      `input is too short: ${arabicWords} Arabic word(s), at least ${minWords} needed`,
      share,
    );
  }
  return { ok: true, arabicShare: share };
}
