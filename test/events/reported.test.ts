/**
 * Whether a sentence reports an event or only names one: background after "بعد/إثر", legal and
 * investigative contexts, questions, and event nouns with no verb saying they took place.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createPipeline } from "../../src/pipeline.js";
import type { EventRecord } from "../../src/types.js";

const analyze = createPipeline();
const asserted = (text: string): EventRecord[] => analyze({ text, published: "2016-03-10" }).events;
const notAsserted = (text: string): EventRecord[] =>
  analyze({ text, published: "2016-03-10" }).nonEvents;

describe("reported events and events only named", () => {
  it("keeps an attack named after «غداة» (the day after) as a reference, not a new event", () => {
    const text =
      "وعقدت الحكومة العراقية اجتماعا طارئا في بغداد غداة هجوم شنه مسلحو تنظيم داعش على مدينة الرمادي.";
    assert.equal(asserted(text).length, 0);
    assert.deepEqual(
      notAsserted(text).map((e) => [e.event_type, e.mode, e.location]),
      [["Battles", "reference", "Ramadi"]],
    );
  });

  it("codes no event for an assassination named after «بعد» with nothing of its own", () => {
    const got = asserted(
      "واجتمعت الحكومة اللبنانية أمس في بيروت لبحث الوضع الأمني بعد اغتيال وزير الصناعة.",
    );
    assert.equal(got.length, 0, JSON.stringify(got.map((e) => e.sub_event_type)));
  });

  it("reports what happened just before with «بعد أن»", () => {
    const got = asserted("قتل ثلاثة جنود في مدينة الرمادي بعد أن فجر انتحاري سيارة مفخخة أمس.");
    assert.ok(got.some((e) => e.event_type === "Explosions/Remote violence"));
  });

  it("keeps a report when the dead are told before the background cue", () => {
    const got = asserted("قتل خمسة أشخاص في الموصل إثر انفجار عبوة ناسفة أمس.");
    assert.ok(got.some((e) => e.event_type === "Explosions/Remote violence"));
  });

  it("reads a charge («بتهمة الخطف») as a legal case, not a kidnapping", () => {
    const got = asserted("وأصدرت محكمة في بغداد حكما بسجن ثلاثة رجال بتهمة الخطف والسرقة.");
    assert.equal(got.filter((e) => e.sub_event_type.startsWith("Abduction")).length, 0);
  });

  it("reads an investigation into a killing as a reference to it", () => {
    const got = asserted("وقالت الشرطة إن التحقيق في اغتيال الصحافي في طرابلس لم ينته بعد.");
    assert.equal(got.length, 0, JSON.stringify(got.map((e) => e.sub_event_type)));
  });

  it("does not report an attack asked about in a question", () => {
    const got = asserted("هل يمكن تبرير الهجمات على المدنيين في حلب؟");
    assert.equal(got.length, 0);
  });

  it("does not report an attack named only as a topic, with no verb and no casualties", () => {
    const got = asserted("ويرى محللون أن التفجيرات الانتحارية في العراق تهدد العملية السياسية.");
    assert.equal(got.length, 0, JSON.stringify(got.map((e) => e.sub_event_type)));
  });

  it("reports clashes a place «witnessed» (شهدت): the verb says they took place", () => {
    const got = asserted(
      "وشهدت مدينة حلب اشتباكات عنيفة بين قوات النظام وفصائل المعارضة يوم الثلاثاء.",
    );
    assert.ok(got.some((e) => e.event_type === "Battles" && e.location === "Aleppo"));
  });

  it("reports an attack with a verb of its own", () => {
    const got = asserted("اختطف مسلحون مجهولون مهندسا تركيا في مدينة كركوك أمس.");
    assert.ok(got.some((e) => e.sub_event_type === "Abduction/forced disappearance"));
  });

  it("reports protesters who gathered: the crowd's verb says the protest took place", () => {
    const got = asserted("وتجمع مئات المتظاهرين أمام مبنى المحافظة في البصرة للمطالبة بالكهرباء.");
    assert.ok(got.some((e) => e.event_type === "Protests"));
  });
});

describe("who acted and who was hit", () => {
  const only = (text: string) => {
    const got = asserted(text);
    assert.equal(got.length, 1, JSON.stringify(got.map((e) => e.sub_event_type)));
    return got[0] as EventRecord;
  };

  it("makes the dead named after «قتل» the target, not the attacker", () => {
    const e = only("قتل جنديان أميركيان في هجوم انتحاري بسيارة مفخخة في الموصل أمس.");
    assert.equal(e.sub_event_type, "Suicide bomb");
    assert.equal(e.fatalities, 2, "the dual جنديان is two dead");
    assert.match(e.actor1, /^Unidentified Armed Group/);
    assert.match(e.actor2, /^Military Forces of/);
  });

  it("makes the police who announce the deaths the source, not the shelling side", () => {
    const e = only("أعلنت الشرطة مقتل خمسة مدنيين في قصف مدفعي استهدف مدينة دوما.");
    assert.equal(e.sub_event_type, "Shelling/artillery/missile attack");
    assert.equal(e.actor1, "");
    assert.equal(e.actor2, "Civilians (Syria)");
    assert.equal(e.fatalities, 5);
  });

  it("counts no dead from a figure that is not a whole number («مقتل 3.5»)", () => {
    const e = only("قتل 3.5 مدنيين في قصف لقوات النظام على بلدة كفرنبل.");
    assert.equal(e.fatalities, 0);
  });

  it("does not make a force named inside a source («مصادر بالشرطة») the attacker", () => {
    const e = only("قالت مصادر بالشرطة إن انفجار عبوة ناسفة قتل ثلاثة أشخاص في مدينة الرمادي.");
    assert.doesNotMatch(e.actor1, /^Police Forces/);
  });
});

describe("the attacker's own weapon", () => {
  it("is not the other side: the civilians killed are", () => {
    const got = asserted(
      "قصفت قوات النظام بالمدفعية الثقيلة بلدة كفرنبل في ريف إدلب الجنوبي يوم الجمعة، ما أدى إلى مقتل ثلاثة مدنيين.",
    );
    const e = got.find((x) => x.sub_event_type === "Shelling/artillery/missile attack");
    assert.equal(e?.actor1, "Military Forces of Syria (2000-2024)");
    assert.equal(e?.actor2, "Civilians (Syria)");
    assert.equal(e?.fatalities, 3);
  });
});
