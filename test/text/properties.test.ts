import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { normalize, toOriginalSpan } from "../../src/text/normalize.js";
import { textDoc } from "../helpers.js";

// Arabic letters, harakat, tatweel, bidi marks, digits, punctuation, presentation forms,
// Latin, emoji and lone surrogates: what scraped news text can hold.
const PIECES = [
  "قتل",
  "وبالمدينة",
  "الرقة",
  "«",
  "»",
  '"',
  ".",
  "،",
  "؟",
  "؛",
  "\n",
  "\n\n",
  " ",
  "\u064e",
  "\u0651",
  "\u0640",
  "\u200f",
  "\u202b",
  "\u061c",
  "٩٥٪",
  "1,000",
  "3.5",
  "2017/11/02",
  "\ufefb",
  "\ufdfa",
  "Reuters",
  "😀",
  "\ud800",
  "\udc00",
  "أكثر من",
  "د.",
  "(",
  ")",
];
const mixedText = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: "binary", maxLength: 8 })), {
    maxLength: 60,
  })
  .map((parts) => parts.join(""));
const anyText = fc.oneof(
  mixedText,
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.string({ unit: "grapheme", maxLength: 200 }),
);

describe("text engine properties", () => {
  it("normalization maps every character back inside the original, in order", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const n = normalize(text);
        assert.equal(n.starts.length, n.text.length);
        for (let i = 0; i < n.text.length; i++) {
          assert.ok(n.starts[i]! < n.ends[i]! && n.ends[i]! <= text.length);
          if (i > 0) assert.ok(n.starts[i - 1]! <= n.starts[i]!);
        }
        const all = toOriginalSpan(n, { start: 0, end: n.text.length });
        assert.ok(all.start >= 0 && all.end <= text.length && all.start <= all.end);
      }),
      { numRuns: 500 },
    );
  });

  it("tokens, quotes and sentences stay in bounds, ordered and never overlapping", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const doc = textDoc(text);
        let prev = 0;
        for (const t of doc.tokens) {
          assert.ok(t.start >= prev && t.start < t.end && t.end <= text.length);
          if (t.baseStart !== undefined) assert.ok(t.baseStart >= t.start && t.baseStart <= t.end);
          prev = t.end;
        }
        prev = 0;
        for (const s of doc.sentences) {
          assert.ok(s.start >= prev && s.start < s.end && s.end <= text.length);
          prev = s.end;
        }
        for (const q of doc.quotes) {
          assert.ok(q.start <= q.inner.start && q.inner.end <= q.end && q.end <= text.length);
        }
      }),
      { numRuns: 500 },
    );
  });
});
