import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { geoStage } from "../../src/geo/geoparse.js";
import { createPipeline } from "../../src/pipeline.js";
import type { PlaceMention } from "../../src/types.js";
import { SEED } from "../helpers.js";

const analyze = createPipeline();
const geo = geoStage();

function places(text: string): PlaceMention[] {
  const doc = analyze({ text });
  geo(doc);
  return doc.places;
}

const at = (ps: PlaceMention[], text: string) => ps.filter((p) => p.text === text);

describe("geoparsing the seed", () => {
  const ps = places(SEED);

  it("places Mahkan, south of al-Mayadin, at the OCHA village", () => {
    const [p] = at(ps, "محكان");
    assert.deepEqual(
      [p?.gazetteerId, p?.admin1, p?.geoPrecision],
      ["ocha:C5194", "Deir ez-Zor", 1],
    );
  });

  it("places al-Quriyah in Deir ez-Zor province, between Deir ez-Zor and Albu Kamal", () => {
    const [p] = at(ps, "القورية");
    assert.equal(p?.admin1, "Deir ez-Zor");
    assert.ok(p?.method.includes("midway"));
  });

  it('reads "مدينة دير الزور" as the city and "محافظة دير الزور" as the governorate', () => {
    const kinds = at(ps, "دير الزور").map((p) => p.kind);
    assert.ok(kinds.includes("city"));
    assert.ok(kinds.includes("admin1"));
  });

  it("reads the six neighbourhoods after أحياء as neighbourhoods of Deir ez-Zor", () => {
    for (const name of ["الحميدية", "الجبيلة", "الرشدية", "الحويقة", "العرضي", "الشيخ ياسين"]) {
      const [p] = at(ps, name);
      assert.deepEqual([p?.kind, p?.admin1], ["neighbourhood", "Deir ez-Zor"], name);
    }
  });

  it("finds the regions the article names: the eastern Deir ez-Zor and Aleppo countryside", () => {
    assert.equal(at(ps, "ريف دير الزور الشرقي")[0]?.geoPrecision, 2);
    assert.equal(at(ps, "ريف حلب الشرقي")[0]?.admin1, "Aleppo");
  });

  it("places Ain Issa in Raqqa province", () => {
    assert.equal(at(ps, "عين عيسى")[0]?.admin1, "Raqqa");
  });

  it("does not read the coalition (التحالف) or 'the city' (المدينة) as places", () => {
    assert.equal(at(ps, "التحالف").length, 0);
    assert.equal(at(ps, "المدينة").length, 0);
  });

  it("gives every place its span in the original text", () => {
    for (const p of ps) assert.equal(SEED.slice(p.start, p.end), p.text);
  });
});

describe("geoparsing other articles", () => {
  it("prefers the city to the governorate for a bare name", () => {
    const [p] = places("قتل ثلاثة مدنيين بقصف مدفعي على حلب صباح اليوم.");
    assert.equal(p?.kind, "city");
  });

  it("uses the province cue: محافظة إدلب is the governorate", () => {
    const [p] = places("نزح آلاف المدنيين من محافظة إدلب نحو الحدود التركية.");
    assert.deepEqual([p?.kind, p?.geoPrecision], ["admin1", 3]);
  });

  it("places Iraqi cities: الموصل and الفلوجة", () => {
    const ps = places(
      "استعادت القوات العراقية السيطرة على الفلوجة بعد معارك مع تنظيم داعش قرب الموصل.",
    );
    assert.deepEqual(
      ps.map((p) => p.country),
      ["Iraq", "Iraq"],
    );
  });

  it("writes countries as ACLED does, like its actor names: Turkey, Palestine", () => {
    const ps = places("وانفجرت عبوة في مدينة سروج، وسقطت قذيفة على مدينة غزة.");
    assert.deepEqual(
      ps.map((p) => p.country),
      ["Turkey", "Palestine"],
    );
  });

  it("places Yemeni cities: تعز", () => {
    const [p] = places("قتل خمسة مدنيين في قصف للحوثيين على مدينة تعز.");
    assert.equal(p?.country, "Yemen");
  });
});

describe("places the gazetteer lacks", () => {
  it("places an unlisted town south of al-Mayadin about 15 km south of it, near (geo precision 2)", () => {
    const ps = places("وقصفت قوات النظام بلدة زعيزيعة جنوب مدينة الميادين.");
    const [p] = at(ps, "زعيزيعة");
    const [town] = at(ps, "الميادين");
    assert.ok(p && town);
    assert.equal(p.geoPrecision, 2);
    assert.equal(p.admin1, "Deir ez-Zor");
    assert.ok(p.gazetteerId?.startsWith("rasd:unlisted:"));
    assert.match(p.method, /not in the gazetteer/);
    const km = ((town.latitude as number) - (p.latitude as number)) * 111;
    assert.ok(km > 10 && km < 20, `${km} km south`);
  });

  it("codes the event at the unlisted town, not at the town it is placed from", () => {
    const [e] = analyze({
      text: "وقصفت قوات النظام بلدة زعيزيعة جنوب مدينة الميادين.",
      published: "2017-11-02",
    }).events;
    assert.deepEqual([e?.location, e?.geo_precision], ["زعيزيعة", 2]);
  });

  it("takes no listed place far from the town the text names beside it (الكرمة شرق الفلوجة)", () => {
    const [p] = at(places("ودارت اشتباكات في ناحية الكرمة شرق الفلوجة."), "الكرمة");
    assert.deepEqual([p?.country, p?.admin1, p?.geoPrecision], ["Iraq", "Al Anbar", 2]);
  });

  it("reads a direction joined by و as the next place of a list, not a relation", () => {
    const [p] = at(places("وفي مخيمات أخرى في الرقة وجنوب محافظة الحسكة."), "الرقة");
    assert.equal(p?.name, "Ar-Raqqa");
  });

  it("places nothing from a country: «بلدة صرين في شمال سوريا» keeps the gazetteer's", () => {
    const [p] = at(places("سيطرت وحدات حماية الشعب على بلدة صرين في شمال سوريا."), "صرين");
    assert.ok(!p?.gazetteerId?.startsWith("rasd:unlisted:"));
  });

  it("leaves a cue and a common word alone when nothing places them (بلدة كبيرة)", () => {
    const ps = places("وقصفت قوات النظام بلدة كبيرة في ريف حلب.");
    assert.equal(at(ps, "كبيرة").length, 0);
  });

  it("keeps a listed city far from the capital it is told by (الرمادي غربي بغداد)", () => {
    const [p] = at(places("وانسحبت القوات من مدينة الرمادي غربي بغداد."), "الرمادي");
    assert.equal(p?.name, "Ramadi");
  });

  it("places an unlisted village the distance the text gives (قرية X 40 كم شمال Y)", () => {
    const ps = places("وقصفت الطائرات قرية الركاريك 40 كم شمال مدينة الميادين.");
    const [p] = at(ps, "الركاريك");
    const [town] = at(ps, "الميادين");
    assert.ok(p && town && p.gazetteerId?.startsWith("rasd:unlisted:"));
    const km = ((p.latitude as number) - (town.latitude as number)) * 111;
    assert.ok(km > 35 && km < 45, `${km} km north`);
  });

  it("places an unlisted town at a distance from a listed one (على بعد 20 كيلومترا من)", () => {
    const ps = places("وقصفت الطائرات بلدة الركاريك على بعد 20 كيلومترا من مدينة الميادين.");
    const [p] = at(ps, "الركاريك");
    assert.deepEqual([p?.admin1, p?.geoPrecision], ["Deir ez-Zor", 2]);
    assert.match(p?.method ?? "", /placed from Al Mayadin/);
  });

  it("takes no place from an outlet's name (صحيفة «ديلي صباح»، قناة الميادين)", () => {
    const ps = places("وذكرت صحيفة «ديلي صباح» أن قناة الميادين بثت صورا من مدينة الرقة.");
    assert.deepEqual(
      ps.map((p) => p.text),
      ["الرقة"],
    );
  });
});
