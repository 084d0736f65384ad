import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { segmentWord } from "../../src/text/clitics.js";
import { defaultProtectedWords, defaultVocabulary } from "../../src/text/lexicon.js";
import { slice, textDoc } from "../helpers.js";

const seg = (w: string) => segmentWord(w, defaultProtectedWords(), defaultVocabulary());

describe("clitic segmentation", () => {
  it("detaches the conjunction and the article: والرقة is و + ال + رقة", () => {
    assert.deepEqual(seg("والرقة"), {
      stem: "رقه",
      proclitics: ["و", "ال"],
      enclitics: [],
      definite: true,
    });
  });

  it("detaches the conjunction from a two-letter word: وذي (as in وذي قار) is و + ذي", () => {
    const s = seg("وذي");
    assert.deepEqual(s.proclitics, ["و"]);
    assert.equal(s.stem, "ذي");
  });

  it("reads لل as the preposition ل with the article", () => {
    const s = seg("للنظام");
    assert.deepEqual(s.proclitics, ["ل", "ال"]);
    assert.equal(s.stem, "نظام");
  });

  it("detaches stacked proclitics: وبالمدينة", () => {
    const s = seg("وبالمدينة");
    assert.deepEqual(s.proclitics, ["و", "ب", "ال"]);
    assert.equal(s.stem, "مدينه");
  });

  it("detaches a conjunction before a verb: وأكدت", () => {
    assert.deepEqual(seg("وأكدت").proclitics, ["و"]);
    assert.equal(seg("وأكدت").stem, "اكدت");
  });

  it("detaches the conjunction from verbs of saying written with it more often than alone", () => {
    // وقال is four times as frequent as قال in the corpus, وأضاف twelve times أضاف.
    for (const [word, stem] of [
      ["وقال", "قال"],
      ["وأضاف", "اضاف"],
      ["وأوضح", "اوضح"],
    ]) {
      assert.deepEqual(seg(word as string).proclitics, ["و"], word);
      assert.equal(seg(word as string).stem, stem);
    }
  });

  it("detaches enclitic pronouns: قواته, سيطرتها, ديارهم", () => {
    assert.deepEqual(seg("قواته").enclitics, ["ه"]);
    assert.equal(seg("قواته").stem, "قوات");
    assert.deepEqual(seg("سيطرتها").enclitics, ["ها"]);
    assert.deepEqual(seg("ديارهم").enclitics, ["هم"]);
  });

  it("does not read a ta marbuta as the pronoun ه", () => {
    assert.deepEqual(seg("مدينة").enclitics, []);
  });

  for (const word of ["بلدة", "والي", "فلسطين", "ليبيا", "لبنان", "بغداد", "كركوك", "الموصل"]) {
    it(`keeps the known word ${word} intact`, () => {
      const s = seg(word);
      assert.deepEqual([s.proclitics, s.enclitics], [[], []]);
    });
  }

  it("keeps words whose first letter only looks like a clitic: وزير, واسعة, فرانس, كامل", () => {
    for (const word of ["وزير", "واسعة", "فرانس", "كامل", "باتت"]) {
      assert.deepEqual(seg(word).proclitics, [], word);
    }
  });

  it("does not read آلاف (thousands) as the article + لاف", () => {
    assert.deepEqual(seg("آلاف").proclitics, []);
  });

  it("detaches a clitic from a known name: وبغداد, لليبيا", () => {
    assert.deepEqual(seg("وبغداد"), {
      stem: "بغداد",
      proclitics: ["و"],
      enclitics: [],
      definite: false,
    });
    assert.equal(seg("لليبيا").stem, "ليبيا");
  });

  it("keeps the article inside a known name: بالموصل is ب + الموصل", () => {
    const s = seg("بالموصل");
    assert.deepEqual([s.proclitics, s.stem], [["ب"], "الموصل"]);
  });

  it("never leaves a stem too short to be a word", () => {
    for (const word of ["وما", "بها", "له", "فهم", "لكن"]) {
      assert.ok(seg(word).stem.length >= 2, word);
    }
  });

  it("reads future س only before an imperfect verb: سيقوم, not سيطرة or سيارة", () => {
    assert.deepEqual(seg("سيقوم").proclitics, ["س"]);
    assert.deepEqual(seg("سيطرة").proclitics, []);
    assert.deepEqual(seg("سيارة").proclitics, []);
  });

  it("marks in running text where the word proper begins after its proclitics", () => {
    const text = "وبمدينة دير الزور";
    const t = textDoc(text).tokens[0]!;
    assert.equal(text.slice(t.baseStart!, t.end), "مدينة");
  });

  it("keeps the base offset right when the proclitic carries tashkeel", () => {
    const text = "وَالرَّقَّة";
    const t = textDoc(text).tokens[0]!;
    assert.equal(text.slice(t.baseStart!, t.end), "الرَّقَّة");
  });

  it("keeps both the surface and the stem on the token", () => {
    const text = "والرقة";
    const t = textDoc(text).tokens[0]!;
    assert.equal(slice(text, t), "والرقة");
    assert.equal(t.stem, "رقه");
  });
});
