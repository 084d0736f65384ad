import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PhraseIndex, type PhraseMatch } from "../../src/knowledge/phrase-index.js";
import { normalize } from "../../src/text/normalize.js";
import { tokenize } from "../../src/text/tokenize.js";
import { slice, textDoc } from "../helpers.js";

const TEXT = "قصفت الطائرات مدينة دير الزور وبلدة الميادين، ثم والرقة وبالرقة أمس.";

function places(): PhraseIndex<string> {
  const index = new PhraseIndex<string>();
  index.add("دير الزور", "deir");
  index.add("الميادين", "mayadin");
  index.add("الرقة", "raqqa");
  return index;
}

const found = (text: string, matches: PhraseMatch<string>[]) =>
  matches.map((m) => `${slice(text, m)}=${m.values.join(",")}`);

describe("phrase index", () => {
  it("finds the longest names, clitics of their first word left out of the span", () => {
    const doc = textDoc(TEXT);
    assert.deepEqual(found(TEXT, places().matchAll(doc.tokens)), [
      "دير الزور=deir",
      "الميادين=mayadin",
      "الرقة=raqqa",
      "الرقة=raqqa",
    ]);
  });

  it("matches the same on tokens the tokens stage numbered and on bare tokens", () => {
    const doc = textDoc(TEXT);
    const index = places();
    const bare = tokenize(normalize(TEXT));
    // Unsegmented tokens carry no stems: only names written without clitics are found.
    assert.deepEqual(found(TEXT, index.matchAll(bare)), ["دير الزور=deir", "الميادين=mayadin"]);
    assert.equal(index.matchAll(doc.tokens).length, 4);
  });

  it("finds a name added after the document was first matched", () => {
    const doc = textDoc(TEXT);
    const index = places();
    assert.equal(index.matchAll(doc.tokens).length, 4);
    index.add("الطائرات", "planes");
    assert.deepEqual(found(TEXT, index.matchAll(doc.tokens))[0], "الطائرات=planes");
    // Another index gaining a word does not change what this one finds.
    new PhraseIndex<string>().add("أمس", "yesterday");
    assert.equal(index.matchAll(doc.tokens).length, 5);
  });

  it("matches with any number of indexes alive at once", () => {
    const doc = textDoc(TEXT);
    const indexes = Array.from({ length: 40 }, () => places());
    for (const index of indexes) assert.equal(index.matchAll(doc.tokens).length, 4);
  });

  it("tells the longest name at a token, or none", () => {
    const doc = textDoc(TEXT);
    const index = places();
    const at = doc.tokens.findIndex((t) => t.norm === "دير");
    assert.equal(index.matchAt(doc.tokens, at)?.key, "دير الزور");
    assert.equal(index.matchAt(doc.tokens, 0), null);
    assert.equal(index.matchAt(doc.tokens, -1), null);
    assert.equal(index.matchAt(doc.tokens, doc.tokens.length), null);
    assert.deepEqual(index.lookup("الرقة"), ["raqqa"]);
  });
});
