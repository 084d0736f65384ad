import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MAX_SENTENCE_TOKENS } from "../../src/text/sentences.js";
import { SEED, slice, textDoc } from "../helpers.js";

const sentences = (text: string) => textDoc(text).sentences.map((s) => slice(text, s));

describe("sentence splitting", () => {
  it("splits on the full stop and on the Arabic question mark and semicolon", () => {
    assert.deepEqual(sentences("قصفت الطائرات البلدة. هل نزح السكان؟ نعم؛ نزح الآلاف"), [
      "قصفت الطائرات البلدة.",
      "هل نزح السكان؟",
      "نعم؛",
      "نزح الآلاف",
    ]);
  });

  it("splits at a full stop with no space after it", () => {
    assert.deepEqual(sentences("وتضاربت الروايات عن سببه.وقال المرصد إن الانفجار وقع"), [
      "وتضاربت الروايات عن سببه.",
      "وقال المرصد إن الانفجار وقع",
    ]);
  });

  it("never splits inside a decimal number", () => {
    assert.equal(sentences("بلغت المسافة 3.5 كيلومتر عن المدينة").length, 1);
  });

  it("never splits inside a numeric date", () => {
    assert.equal(sentences("وقع الهجوم في 2017.11.02 صباحا").length, 1);
  });

  it("never splits after an abbreviation", () => {
    assert.equal(sentences("وقال د. محمد إن المستشفى امتلأ بالجرحى").length, 1);
    assert.equal(sentences("نقلت وكالة أ.ف.ب عن مصدر أن القصف استمر").length, 1);
  });

  it("never splits inside an open quotation", () => {
    const text = "وقال المتحدث: «انتهت المعركة. لقد حررنا المدينة» وأضاف أن القوات تتقدم.";
    assert.deepEqual(sentences(text), [text]);
  });

  it("ends a sentence after the closing mark when the quotation ends with a full stop", () => {
    assert.deepEqual(sentences("قال المتحدث: «انتهت المعركة.» ثم غادر القاعة."), [
      "قال المتحدث: «انتهت المعركة.»",
      "ثم غادر القاعة.",
    ]);
  });

  it("breaks at line breaks: the seed's title, date line and caption are sentences of their own", () => {
    const s = sentences(SEED);
    assert.equal(s[2], "02 نوفمبر 2017");
    assert.equal(s[4], "+ الخط -");
    assert.ok(s.includes("المساهمون"));
  });

  it("splits the seed into its 20 sentences", () => {
    assert.equal(textDoc(SEED).sentences.length, 20);
  });

  it("ends a sentence inside nested quotations only after the outermost closes", () => {
    const text = "قال: «ثم قال «انتهى الأمر.» ومضى.» وغادر. ثم عاد.";
    assert.deepEqual(sentences(text), ["قال: «ثم قال «انتهى الأمر.» ومضى.»", "وغادر.", "ثم عاد."]);
  });

  it("reads quotations nested 20,000 deep in well under a second", () => {
    const text = `قال ${"« قتل ".repeat(20_000)}${"» ".repeat(20_000)}. وانتهى.`;
    const start = performance.now();
    const doc = textDoc(text);
    assert.ok(performance.now() - start < 5_000, "took seconds: quadratic in the nesting");
    assert.equal(doc.quotes.length, 20_000);
    assert.ok(doc.sentences.every((x) => x.tokenEnd - x.tokenStart <= MAX_SENTENCE_TOKENS));
  });

  it(`cuts a text that never ends every ${MAX_SENTENCE_TOKENS} tokens at most, at its last comma`, () => {
    const clause = "قصفت الطائرات مواقع في ريف إدلب، ";
    const doc = textDoc(clause.repeat(1_000));
    assert.ok(doc.sentences.length > 1);
    for (const s of doc.sentences.slice(0, -1)) {
      assert.ok(s.tokenEnd - s.tokenStart <= MAX_SENTENCE_TOKENS);
      assert.ok(s.tokenEnd - s.tokenStart > MAX_SENTENCE_TOKENS / 2);
      assert.equal(doc.tokens[s.tokenEnd - 1]?.norm, "،", "cut after a comma");
    }
  });

  it("cuts a text with no comma at all hard, every token in one sentence", () => {
    const doc = textDoc("قصف ".repeat(2_500));
    assert.deepEqual(
      doc.sentences.map((x) => x.tokenEnd - x.tokenStart),
      [MAX_SENTENCE_TOKENS, MAX_SENTENCE_TOKENS, 500],
    );
  });

  it("covers every token exactly once", () => {
    const doc = textDoc(SEED);
    let next = 0;
    for (const s of doc.sentences) {
      assert.equal(s.tokenStart, next);
      next = s.tokenEnd;
    }
    assert.equal(next, doc.tokens.length);
  });
});
