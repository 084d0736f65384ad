/** The founding example through the whole text stage: what issue #2 asks of it. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createDocument, textStage } from "../../src/text/index.js";
import { SEED, slice } from "../helpers.js";

const doc = createDocument(SEED, { published: "2017-11-02" });
textStage()(doc);

const quantity = (surface: string) => {
  const q = doc.quantities.find((x) => slice(SEED, x) === surface);
  assert.ok(q, `no quantity «${surface}»`);
  return q;
};

describe("the seed article through the text stage", () => {
  it("keeps every token's surface at original.slice(start, end)", () => {
    for (const t of doc.tokens) assert.ok(slice(SEED, t).length > 0 && t.end <= SEED.length);
  });

  it('resolves "الأربعاء" to Wednesday 2017-11-01, a day before publication', () => {
    const d = doc.dates.find((x) => slice(SEED, x) === "الأربعاء");
    assert.deepEqual([d?.date, d?.timePrecision, d?.basis], ["2017-11-01", 1, "relative"]);
  });

  it('reads the date line "02 نوفمبر 2017" as 2017-11-02', () => {
    assert.equal(doc.dates.find((x) => slice(SEED, x) === "02 نوفمبر 2017")?.date, "2017-11-02");
  });

  it('reads "أكثر من 95%" as at least 95 percent', () => {
    const q = quantity("أكثر من 95%");
    assert.deepEqual([q.min, q.unit, q.approximate], [95, "percent", true]);
  });

  it('reads "أكثر من 100 كيلومتر" as 100 km', () => {
    const q = quantity("أكثر من 100 كيلومتر");
    assert.deepEqual([q.value, q.unit], [100, "km"]);
  });

  it('reads "الآلاف" as an approximate count of at least 1000', () => {
    const q = quantity("الآلاف من المدنيين");
    assert.ok(q.approximate && (q.min ?? 0) >= 1000);
  });

  it('gives no number for "العديد" (many)', () => {
    assert.equal(quantity("العديد").value, null);
  });
});
