import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { normalize, normalizeForMatch, toOriginalSpan } from "../../src/text/normalize.js";

describe("normalize", () => {
  it("removes tashkeel so that قُتِلَ matches قتل", () => {
    assert.equal(normalize("قُتِلَ").text, "قتل");
  });

  it("removes tatweel", () => {
    assert.equal(normalize("الـــرقة").text, "الرقه");
  });

  it("folds alef forms أ إ آ ٱ to ا", () => {
    assert.equal(normalize("أكد إيغور آلاف ٱلله").text, "اكد ايغور الاف الله");
  });

  it("folds ى to ي and ة to ه by default", () => {
    assert.equal(normalize("القورية على").text, "القوريه علي");
  });

  it("keeps ة when ta marbuta folding is turned off", () => {
    assert.equal(normalize("بلدة", { taMarbuta: false }).text, "بلدة");
  });

  it("maps Arabic-Indic and Persian digits and the Arabic percent sign to ASCII", () => {
    assert.equal(normalize("٩٥٪ و۱۲").text, "95% و12");
  });

  it("drops bidi and zero-width marks", () => {
    assert.equal(normalize("دير\u200f الزور\u200b\u061c\u202b").text, "دير الزور");
  });

  it("expands Arabic presentation forms (ﻻ is لا)", () => {
    assert.equal(normalize("\ufefb").text, "لا");
  });

  it("maps every normalized character back to its original span", () => {
    const original = "قُتِلَ ٩٥٪";
    const n = normalize(original);
    assert.equal(n.text, "قتل 95%");
    assert.deepEqual(toOriginalSpan(n, { start: 0, end: 3 }), { start: 0, end: 6 });
    const pct = n.text.indexOf("95%");
    assert.equal(
      original.slice(...Object.values(toOriginalSpan(n, { start: pct, end: pct + 3 }))),
      "٩٥٪",
    );
  });

  it("gives the same string with and without the offset map", () => {
    const s = "وأكَّدت مصادرُ محليةٌ أنّ ٣ مدنيين قُتلوا";
    assert.equal(normalizeForMatch(s), normalize(s).text);
  });
});
