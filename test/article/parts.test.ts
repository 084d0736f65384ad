import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createPipeline } from "../../src/pipeline.js";
import type { ArticlePartKind, RasdDocument } from "../../src/types.js";
import { SEED } from "../helpers.js";

const analyze = createPipeline();
const partsOf = (doc: RasdDocument, kind: ArticlePartKind) =>
  doc.parts.filter((p) => p.kind === kind).map((p) => doc.text.slice(p.start, p.end));

describe("article parts of the seed", () => {
  const doc = analyze({ text: SEED });

  it("reads both headline lines as the title", () => {
    assert.equal(partsOf(doc, "title").length, 2);
    assert.equal(doc.meta.title, '"داعش" يتهاوى بدير الزور وخلاف جديد بين الروس والأميركيين');
  });

  it("takes the publication date from the date line when none is given", () => {
    assert.deepEqual([doc.meta.published, doc.meta.publishedSource], ["2017-11-02", "dateline"]);
    assert.deepEqual(partsOf(doc, "dateline"), ["02 نوفمبر 2017"]);
  });

  it("keeps a given publication date over the date line", () => {
    const given = analyze({ text: SEED, published: "2017-11-03" });
    assert.deepEqual([given.meta.published, given.meta.publishedSource], ["2017-11-03", "given"]);
  });

  it("separates the photo caption from its credit", () => {
    assert.deepEqual(partsOf(doc, "caption"), ["النظام ينفذ عمليات انتقام واسعة بحق المدنيين"]);
    assert.deepEqual(partsOf(doc, "credit"), ["جورج أورفاليان/فرانس برس"]);
  });

  it("leaves page furniture out: + الخط - and المساهمون", () => {
    assert.deepEqual(partsOf(doc, "furniture"), ["+ الخط -", "المساهمون"]);
  });

  it("keeps every paragraph of the report in the body", () => {
    const body = partsOf(doc, "body");
    assert.equal(body.length, 14);
    assert.match(body[0] ?? "", /^بدأت\s+قوات النظام/); // the seed has a no-break space there
    assert.ok(body.at(-1)?.startsWith("ويقول ناشطون"));
  });

  it("resolves the body's weekday against the date line", () => {
    assert.equal(doc.dates.find((d) => d.basis === "relative")?.date, "2017-11-01");
  });
});

describe("article parts of other layouts", () => {
  it("reads a text with no headline as all body", () => {
    const doc = analyze({
      text: "قصفت الطائرات الحربية بلدة في ريف إدلب الجنوبي، ما أدى إلى مقتل خمسة مدنيين.",
    });
    assert.deepEqual(
      doc.parts.map((p) => p.kind),
      ["body"],
    );
  });

  it("leaves read-more and share lines out of the body", () => {
    const text = [
      "مقتل 12 مدنيا بغارات على ريف إدلب",
      "قتل 12 مدنيا بينهم أطفال في غارات جوية استهدفت بلدة خان شيخون جنوب إدلب، وفق ما أفاد به الدفاع المدني.",
      "اقرأ أيضا: غارات روسية على ريف حماة",
      "شارك",
      "فيسبوك تويتر واتساب",
    ].join("\n");
    const doc = analyze({ text });
    assert.equal(partsOf(doc, "furniture").length, 3);
    assert.deepEqual(partsOf(doc, "title"), ["مقتل 12 مدنيا بغارات على ريف إدلب"]);
    assert.equal(partsOf(doc, "body").length, 1);
  });

  it("reads a credit with a known agency and no slash", () => {
    const text =
      "عناصر من الدفاع المدني في موقع الغارة (رويترز)\nقتل خمسة مدنيين في غارة جوية على مدينة أريحا صباح اليوم.";
    const doc = analyze({ text });
    assert.equal(doc.meta.photoCredit, "رويترز");
  });

  it("does not read parentheses in the body as a photo credit", () => {
    const text =
      "أعلنت قوات سوريا الديمقراطية (قسد) سيطرتها على حقل العمر النفطي شرق دير الزور بعد معارك عنيفة مع تنظيم داعش استمرت عدة أيام وأسفرت عن مقتل العشرات.";
    const doc = analyze({ text });
    assert.equal(doc.meta.photoCredit, undefined);
  });

  it("does not take a date line that carries other words as the publication date", () => {
    const doc = analyze({ text: "الخميس 2 نوفمبر 2017 - آخر تحديث 10:30\nقصفت الطائرات البلدة." });
    assert.equal(doc.meta.published, undefined);
  });
});
