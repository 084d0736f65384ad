import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { normalizeForMatch } from "../../src/text/normalize.js";
import { SEED, slice, textDoc } from "../helpers.js";

const kinds = (text: string) => textDoc(text).tokens.map((t) => [slice(text, t), t.kind]);

describe("tokenizer", () => {
  it("keeps, for every token of the seed, its surface at original.slice(start, end)", () => {
    const doc = textDoc(SEED);
    assert.ok(doc.tokens.length > 600);
    for (const t of doc.tokens) {
      assert.equal(normalizeForMatch(slice(SEED, t)), t.norm, `token at ${t.start}`);
    }
  });

  it("gives offsets in increasing order that never overlap", () => {
    const doc = textDoc(SEED);
    for (let i = 1; i < doc.tokens.length; i++) {
      assert.ok(doc.tokens[i - 1]!.end <= doc.tokens[i]!.start);
    }
  });

  it("reads a percentage as a number and a percent sign", () => {
    assert.deepEqual(kinds("أكثر من 95% من المدينة").slice(2, 4), [
      ["95", "number"],
      ["%", "symbol"],
    ]);
  });

  it("reads Arabic-Indic digits and the Arabic percent sign", () => {
    const doc = textDoc("سيطرة على ٩٥٪ من المدينة");
    assert.equal(doc.tokens[2]!.norm, "95");
    assert.equal(doc.tokens[3]!.norm, "%");
    assert.equal(slice("سيطرة على ٩٥٪ من المدينة", doc.tokens[2]!), "٩٥");
  });

  it("keeps thousands separators and decimals inside one number", () => {
    assert.deepEqual(
      kinds("نزح 1,000 شخص خلال 3.5 يوم").map(([s]) => s),
      ["نزح", "1,000", "شخص", "خلال", "3.5", "يوم"],
    );
  });

  it("does not glue a list of numbers into one", () => {
    assert.deepEqual(
      kinds("الأرقام 1, 2, 3").map(([s]) => s),
      ["الأرقام", "1", ",", "2", ",", "3"],
    );
  });

  it("reads a numeric date as one token", () => {
    assert.deepEqual(kinds("في 2017/11/02 قصفت")[1], ["2017/11/02", "numeric-date"]);
  });

  it("separates Arabic punctuation and quotation marks from words", () => {
    assert.deepEqual(
      kinds("قال: «سخافة جغرافية»، وأضاف؛").map(([s]) => s),
      ["قال", ":", "«", "سخافة", "جغرافية", "»", "،", "وأضاف", "؛"],
    );
  });

  it("keeps Latin words whole", () => {
    assert.deepEqual(kinds("وكالة Reuters للأنباء")[1], ["Reuters", "latin"]);
  });

  it("keeps a word with tashkeel whole, marks included", () => {
    const text = "قُتِلَ ثلاثة";
    assert.equal(slice(text, textDoc(text).tokens[0]!), "قُتِلَ");
  });

  it("finds the quoted spans of the seed, straight and guillemet quotes alike", () => {
    const doc = textDoc(SEED);
    const quoted = doc.quotes.map((q) => slice(SEED, q.inner));
    assert.ok(quoted.includes("سخافة جغرافية"));
    assert.ok(quoted.includes("قوات سورية الديمقراطية"));
    assert.ok(quoted.includes("المكثفة"));
  });
});

describe("text diagnostics", () => {
  it("warns of a quotation mark never closed in its paragraph, with its place", () => {
    const text = "قال المتحدث «إن القوات تقدمت\n\nوفي سياق آخر قصفت الطائرات البلدة";
    const d = textDoc(text).diagnostics.find((x) => x.ruleId === "text/unclosed-quotation");
    assert.ok(d);
    assert.equal(slice(text, d.span!), "«");
  });

  it("warns when the text holds undecodable characters", () => {
    const doc = textDoc("قصفت الطائرات \ufffd\ufffd البلدة");
    assert.ok(doc.diagnostics.some((x) => x.ruleId === "text/replacement-character"));
  });

  it("raises no diagnostic on the seed article", () => {
    assert.deepEqual(textDoc(SEED).diagnostics, []);
  });
});
