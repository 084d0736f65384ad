/** The learned recognizer beside the dictionaries: what it adds, what it confirms, what it leaves. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { analyze } from "../../src/index.js";
import { createPipeline } from "../../src/pipeline.js";

const withModel = createPipeline({ ner: true });
const withoutModel = createPipeline({ ner: false });
const TEXT = "وقال علي الحسيني رئيس المجلس المحلي في مدينة دوما إن القصف استهدف السوق الشعبي أمس.";

describe("names from the learned recognizer", () => {
  it("adds a person no dictionary or apposition rule found", () => {
    const p = withModel({ text: TEXT }).entities.find((e) => e.text === "علي الحسيني");
    assert.equal(p?.type, "person");
    assert.equal(p?.rule, "ner");
    assert.equal(
      withoutModel({ text: TEXT }).entities.find((e) => e.text === "علي الحسيني"),
      undefined,
    );
  });

  it("leaves a place the gazetteer found a place", () => {
    const doc = withModel({ text: TEXT });
    assert.ok(doc.places.some((p) => p.text === "دوما"));
    assert.ok(!doc.entities.some((e) => e.rule === "ner" && e.text.includes("دوما")));
  });

  it("raises the confidence of a person the apposition rule and the model both find", () => {
    const text =
      "وقال المتحدث باسم وزارة الدفاع الروسية، إيغور كوناشنكوف، إن الطائرات لم تقصف المدينة.";
    const conf = (pipe: typeof withModel) =>
      pipe({ text }).entities.find((e) => e.text === "إيغور كوناشنكوف")?.confidence ?? 0;
    assert.ok(conf(withModel) > conf(withoutModel), `${conf(withModel)} vs ${conf(withoutModel)}`);
  });

  it("records the model's version in the result, and null without it (the default)", () => {
    assert.match(analyze({ text: TEXT }, { ner: true }).models.ner ?? "", /^ner-[0-9a-f]+$/);
    assert.equal(analyze({ text: TEXT }).models.ner, null);
  });
});
