/**
 * One article, one analysis, whatever the process read before: the segmentation cache is shared
 * by every document a pipeline reads, and emptied when it is full. The fuzz run found an article
 * analysed differently while the cache filled up in the middle of it.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { analyze } from "../../src/index.js";
import { createDocument, textStage } from "../../src/text/index.js";
import { defaultProtectedWords } from "../../src/text/lexicon.js";
import { SEED } from "../helpers.js";

const LETTERS = "بتثجحخدذرزسشصضطظعغفقكلمنهي";

/** `n` different made-up Arabic words of five letters, space-separated. */
function distinctWords(n: number, offset = 0): string {
  const out: string[] = [];
  for (let i = offset; i < offset + n; i++) {
    let w = "";
    for (let k = i, j = 0; j < 5; j++, k = Math.floor(k / LETTERS.length))
      w += LETTERS[k % LETTERS.length];
    out.push(w);
  }
  return out.join(" ");
}

describe("determinism", () => {
  it("analyses an article alike when the segmentation cache fills up while reading it", () => {
    // A lexicon of its own gives a pipeline, and a segmentation cache, of its own.
    const words = defaultProtectedWords();
    const own = () => ({ text: { lexicon: { has: (word: string) => words.has(word) } } });
    // The seed's 338 words, then 1,000 words never seen.
    const text = `${SEED}\n\n${distinctWords(1_000, 5_000_000)}`;
    const clean = JSON.stringify(analyze({ text }, own()));
    // Another pipeline sees the seed's words first (they get the cache's first numbers), then
    // 199,500 other words: reading the text, its new words fill the cache (200,000 forms) and
    // empty it, and numbers are given out again while the seed's words still hold old ones.
    const options = own();
    analyze({ text: SEED }, options);
    const fill = textStage(options.text);
    for (let i = 0; i < 5; i++) fill(createDocument(distinctWords(39_900, i * 39_900)));
    const filling = JSON.stringify(analyze({ text }, options));
    const again = JSON.stringify(analyze({ text }, options));
    assert.equal(filling, clean, "read while the cache filled up");
    assert.equal(again, clean, "read again after");
  });
});
