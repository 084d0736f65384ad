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

describe("events named by a reaction, a plan or a list, and attacks in words", () => {
  it("keeps an attack a ministry condemns as a reference, its relative clause included", () => {
    const text =
      "وأدانت وزارة الخارجية الأردنية في بيان الهجوم الذي استهدف مركزا للشرطة في مدينة الرمادي.";
    assert.equal(asserted(text).length, 0);
    assert.deepEqual(
      notAsserted(text).map((e) => [e.event_type, e.mode]),
      [["Battles", "reference"]],
    );
  });

  it("codes no event for an attack named as what suspects took part in", () => {
    const got = asserted(
      "واعتقلت الشرطة ثلاثة رجال يشتبه في مشاركتهم في الهجوم على السفارة الأمريكية في أنقرة.",
    );
    assert.equal(got.filter((e) => e.event_type === "Battles").length, 0);
  });

  it("reads «هجوما لاذعا» (a scathing attack) as words, not violence", () => {
    const got = asserted(
      "وشن وزير الخارجية العراقي هجوما لاذعا على الحكومة التركية في مؤتمر صحافي في بغداد.",
    );
    assert.equal(got.length, 0);
  });

  it("reads an attack by a member of parliament, with no dead and no weapon, as words", () => {
    assert.equal(
      asserted("وشن النائب محمد الحسني هجوما عنيفا على وزارة الداخلية العراقية أمس.").length,
      0,
    );
  });

  it("reads a football side's attack as play", () => {
    const got = asserted(
      "وشن المنتخب العراقي هجوما مكثفا في الشوط الثاني من المباراة في ملعب بغداد.",
    );
    assert.equal(got.length, 0);
  });

  it("keeps «هذا الهجوم» (this attack) as a pointer back, not a new event", () => {
    const got = asserted("وأعلن التنظيم في بيان على الإنترنت مسؤوليته عن هذا الهجوم في الموصل.");
    assert.equal(got.length, 0);
  });

  it("codes no event for kinds of violence listed together", () => {
    assert.equal(
      asserted("ويعاني السكان في الموصل من القتل والخطف والاغتيال منذ سنوات.").length,
      0,
    );
  });

  it("codes no abduction for a former hostage who speaks", () => {
    assert.equal(asserted("وقال الرهينة الألماني السابق إنه يعيش اليوم في برلين.").length, 0);
  });

  it("reads the future prefix of «ستقصف» (will shell) as a future event", () => {
    const text = "وقال المرصد إن الطائرات الحربية ستقصف مدينة الرقة غدا.";
    assert.equal(asserted(text).length, 0);
    assert.deepEqual(
      notAsserted(text).map((e) => e.mode),
      ["future"],
    );
  });

  it("keeps attacks that weapons were ready «لتنفيذ» (to carry out) as future", () => {
    const got = asserted("وضبطت الشرطة أسلحة كانت معدة لتنفيذ هجمات في العاصمة بغداد.");
    assert.equal(got.filter((e) => e.event_type === "Battles").length, 0);
  });

  it("lets a governing word reach its noun phrase, not the verb of the clause", () => {
    const got = asserted(
      "وقالت الوزارة إن الطائرات المشاركة في العملية قصفت مواقع التنظيم في الرقة أمس.",
    );
    assert.deepEqual(
      got.map((e) => [e.event_type, e.location]),
      [["Explosions/Remote violence", "Ar-Raqqa"]],
    );
  });

  it("keeps an attack feared (مخاوف من وقوع) out of the events", () => {
    const got = asserted(
      "وشددت السلطات الإجراءات الأمنية في بغداد بسبب مخاوف من وقوع هجمات انتحارية خلال الانتخابات.",
    );
    assert.equal(got.length, 0);
  });

  it("keeps an assassination told in a relative clause on a person as background", () => {
    const withNames = createPipeline({ ner: true });
    const doc = withNames({
      text: "وتحدثت في المؤتمر ابنة وزير الصناعة السابق محمد الحسني، الذي اغتيل في بغداد.",
      published: "2016-03-10",
    });
    assert.equal(doc.events.length, 0);
    assert.deepEqual(
      doc.nonEvents.map((e) => e.mode),
      ["reference"],
    );
  });

  it("still reports a killing in such a clause when it is dated to the days before", () => {
    const withNames = createPipeline({ ner: true });
    const doc = withNames({
      text: "وتحدثت في المؤتمر ابنة وزير الصناعة السابق محمد الحسني، التي اغتيلت في بغداد أمس.",
      published: "2016-03-10",
    });
    assert.equal(doc.events.length, 1);
  });
});

describe("crowds fight no battles", () => {
  it("codes protesters clashing with the police as a riot by rioters", () => {
    const got = asserted("واشتبك المتظاهرون مع قوات الشرطة في مدينة البصرة أمس.");
    assert.deepEqual(
      got.map((e) => [e.event_type, e.sub_event_type, e.actor1, e.inter1]),
      [["Riots", "Violent demonstration", "Rioters (Iraq)", 5]],
    );
  });

  it("codes no change of territory when protesters take a building", () => {
    const got = asserted("وسيطر المتظاهرون على مبنى مجلس المحافظة في مدينة البصرة أمس.");
    assert.equal(got.filter((e) => e.event_type === "Battles").length, 0);
  });
});

describe("one event per place of a list", () => {
  it("goes on through a province named with the conjunction on a two-letter word (وذي قار)", () => {
    const got = asserted(
      "وتظاهر المئات من العراقيين أمس في البصرة وذي قار والحلة والنجف احتجاجا على انقطاع الكهرباء.",
    );
    assert.deepEqual(
      got.map((e) => e.location),
      ["Basrah", "Dhi Qar", "Al Ḩillah", "Najaf"],
    );
  });
});

describe("an event told twice", () => {
  it("takes the town a later telling names when the first named only the country", () => {
    const got = asserted(
      "قال مسؤول محلي إن عشرة أشخاص قتلوا اليوم عندما هاجم انتحاريان سوقا مزدحمة في شمال العراق. وأسفر الهجوم الذي وقع في بلدة طوز خورماتو عن إصابة 40 شخصا.",
    );
    assert.deepEqual(
      got.map((e) => [e.sub_event_type, e.location, e.geo_precision]),
      [["Suicide bomb", "Ţūz Khūrmātū", 1]],
    );
  });

  it("keeps an offensive forces are preparing (تتأهب) as future", () => {
    const text = "وتتأهب القوات العراقية لهجوم يستهدف استعادة محافظة الأنبار من أيدي تنظيم داعش.";
    assert.equal(asserted(text).length, 0);
    assert.ok(notAsserted(text).every((e) => e.mode === "future"));
  });

  it("codes no event for bombings summed up over recent months (في الآونة الأخيرة)", () => {
    assert.equal(asserted("ونفذ التنظيم في الآونة الأخيرة سلسلة من التفجيرات في بغداد.").length, 0);
  });

  it("keeps an entry cities await (تنتظران دخول القوات) as future", () => {
    const text =
      "وتنتظر مدينتا الفلوجة والرمادي دخول القوات الحكومية العراقية لتحريرهما من تنظيم داعش.";
    assert.equal(asserted(text).length, 0);
  });

  it("keeps background introduced by «يذكر أن» (it is recalled that) out of the events", () => {
    const got = analyze({
      text: "يذكر أنه في يوليو نفذ التحالف الدولي غارات مكثفة على مواقع تنظيم داعش في الرقة.",
      published: "2015-07-27",
    }).events;
    assert.equal(got.length, 0);
  });

  it("still reports what «يذكر أن» dates to the day before the article", () => {
    const got = analyze({
      text: "يذكر أن التحالف الدولي نفذ أمس غارات مكثفة على مواقع تنظيم داعش في الرقة.",
      published: "2015-07-27",
    }).events;
    assert.equal(got.length, 1);
  });

  it("codes an arrest, not an explosion, when car bombs were seized in the raid", () => {
    const got = asserted(
      "وأعلنت وزارة الداخلية العراقية اعتقال 41 عنصرا من تنظيم داعش في بغداد وضبط عشرات العبوات والسيارات المفخخة.",
    );
    assert.deepEqual(
      got.map((e) => e.sub_event_type),
      ["Arrests"],
    );
  });

  it("codes a car bombing an officer tells in a quotation, with its town and toll", () => {
    const doc = analyze({
      text: "وقال العميد سعيد الجبوري المتحدث باسم شرطة نينوى إن «سيارة مفخخة انفجرت وسط سوق شعبية في مدينة تلعفر، ما أسفر عن مقتل ستة مدنيين».",
      published: "2016-03-10",
    });
    const bomb = doc.events.find((e) => e.event_type === "Explosions/Remote violence");
    assert.ok(bomb, JSON.stringify(doc.nonEvents.map((e) => e.sub_event_type)));
    assert.equal(bomb.location, "Tall ‘Afar");
    assert.equal(bomb.fatalities, 6);
    // The speaker is the source, as for a report in indirect speech.
    assert.match(bomb.source, /شرطة|الجبوري|Police/);
  });

  it("codes no event for a quoted accusation that names a town but no deed of a day", () => {
    const got = asserted(
      "وقال النائب إن «النظام الذي يقتل ويخطف المدنيين في مدينة حلب لا يمكن أن يكون شريكا في الحل».",
    );
    assert.equal(got.length, 0, JSON.stringify(got.map((e) => e.sub_event_type)));
  });

  it("codes no event for kinds of deeds listed in a quotation (عمليات اختطاف وقتل)", () => {
    const got = asserted(
      "وأضاف البيان أن القوة كانت «تلاحق خلية مسؤولة عن عمليات اختطاف في منطقة المنصور» غرب بغداد.",
    );
    assert.equal(got.length, 0, JSON.stringify(got.map((e) => e.sub_event_type)));
  });

  it("reads a control named after «قبل» (before) as the time of the news, not news", () => {
    const got = asserted(
      "وقال المسؤول إن العائلات التي بقيت في المدينة أقل من خمس ما كان فيها قبل سيطرة تنظيم داعش على الفلوجة.",
    );
    assert.equal(got.length, 0, JSON.stringify(got.map((e) => e.sub_event_type)));
  });

  it("keeps what forces must do (يتحتم على) hypothetical", () => {
    const text = "وقال الخبير إنه يتحتم على القوات الأمنية قصف تجمعات المسلحين في الفلوجة.";
    assert.equal(asserted(text).length, 0);
    assert.deepEqual(
      notAsserted(text).map((e) => e.mode),
      ["hypothetical"],
    );
  });

  it("takes no defector (المنشق) for a defection", () => {
    const got = asserted("وخطف مسلحون أمس العقيد المنشق نديم الحسن في ريف حلب الشمالي.");
    assert.deepEqual(
      got.map((e) => e.sub_event_type),
      ["Abduction/forced disappearance"],
    );
  });

  it("attributes what a police officer said after «وقال» to him, family name and all", () => {
    const [bomb] = asserted(
      "وقال العميد سعيد الجبوري المتحدث باسم شرطة نينوى إن عبوة ناسفة انفجرت في مدينة تلعفر أمس.",
    );
    assert.ok(bomb);
    assert.equal(bomb.source, "سعيد الجبوري");
    assert.equal(bomb.attribution.verb?.lemma, "قال");
  });

  it("codes a car bomb that exploded (انفجرت سيارة مفخخة) with no dead told", () => {
    const got = asserted("انفجرت سيارة مفخخة في مدينة تلعفر صباح اليوم.");
    assert.deepEqual(
      got.map((e) => [e.event_type, e.location]),
      [["Explosions/Remote violence", "Tall ‘Afar"]],
    );
  });

  it("codes a gathering of hundreds (تجمع المئات) as a protest: the crowd is counted", () => {
    const got = asserted("وتجمع المئات أمام مبنى المحافظة في البصرة احتجاجا على انقطاع الكهرباء.");
    assert.deepEqual(
      got.map((e) => [e.event_type, e.location]),
      [["Protests", "Basrah"]],
    );
  });

  it("codes no protest for a strike on a gathering of fighters (تجمع لإرهابيي داعش)", () => {
    const got = asserted("وقصفت طائرات التحالف تجمعا لإرهابيي داعش قرب مدينة بيجي.");
    assert.deepEqual(
      got.map((e) => e.event_type),
      ["Explosions/Remote violence"],
    );
  });

  it("codes no event for executions summed up over six months (على مدى الأشهر الستة)", () => {
    const text = "وقال المسؤول إن معظم عمليات الإعدام في الموصل وقعت على مدى الأشهر الستة الماضية.";
    assert.equal(asserted(text).length, 0);
    assert.deepEqual(
      notAsserted(text).map((e) => e.mode),
      ["reference"],
    );
  });

  it("codes forces killing fighters (قتلت القوات العراقية 20 عنصرا) as a battle with its toll", () => {
    const got = asserted("وقتلت القوات العراقية 20 عنصرا من تنظيم داعش في قضاء بيجي أمس.");
    assert.deepEqual(
      got.map((e) => [e.event_type, e.actor1, e.actor2, e.fatalities]),
      [["Battles", "Military Forces of Iraq (2022-)", "Islamic State (Iraq)", 20]],
    );
  });

  it("codes gunmen killing civilians as an attack on civilians", () => {
    const got = asserted("وقتل مسلحون مجهولون ثلاثة مدنيين في مدينة الموصل أمس.");
    assert.deepEqual(
      got.map((e) => [e.sub_event_type, e.actor2, e.fatalities]),
      [["Attack", "Civilians (Iraq)", 3]],
    );
  });

  it("codes no killing where the dead are the subject of the passive (قتل جنديان)", () => {
    assert.equal(asserted("قتل جنديان أميركيان في مدينة الموصل أمس.").length, 0);
  });

  it("codes rockets fired at towns (أطلقت عشرات الصواريخ على البلدات) with nobody named", () => {
    const got = asserted("وأطلقت عشرات الصواريخ فجر أمس على بلدة الفوعة في ريف إدلب.");
    assert.deepEqual(
      got.map((e) => e.event_type),
      ["Explosions/Remote violence"],
    );
  });

  it("codes no explosion a verb in the future tells (سوف يقع تفجير)", () => {
    assert.equal(asserted("وحذر المسؤول من أن تفجيرا آخر سوف يقع في مدينة كركوك.").length, 0);
  });

  it("keeps an attack someone expected (وتوقع أن يشن التنظيم هجوما) future", () => {
    const text = "وتوقع الخبير أن يشن تنظيم داعش هجوما على مدينة إيلات.";
    assert.equal(asserted(text).length, 0);
  });

  it("places an arrest in the province the Islamic State names its branch after (ولاية بغداد)", () => {
    const got = asserted(
      "وأعلنت وزارة الداخلية العراقية اعتقال 41 عنصرا من داعش ضمن ما يعرف بـ(ولاية بغداد).",
    );
    assert.deepEqual(
      got.map((e) => [e.sub_event_type, e.actor2, e.admin1]),
      [["Arrests", "Islamic State (Iraq)", "Baghdad"]],
    );
  });

  it("codes no bombing for a suicide bomber the relative clause says was arrested", () => {
    const got = asserted("وضبطت القوات حزاما ناسفا مع الانتحاري الذي تم اعتقاله في بغداد.");
    assert.equal(
      got.filter((e) => e.event_type === "Explosions/Remote violence").length,
      0,
      JSON.stringify(got.map((e) => e.sub_event_type)),
    );
  });

  it("codes thousands of protesters as a protest: the crowd's size is counted before them", () => {
    const got = asserted("وخرج الآلاف من المتظاهرين في مدينة البصرة أمس.");
    assert.deepEqual(
      got.map((e) => [e.event_type, e.location]),
      [["Protests", "Basrah"]],
    );
  });

  it("codes no protest from the wounded counted among protesters (إصابة 8 متظاهرين)", () => {
    const got = asserted("وأعلنت الشرطة إصابة 8 متظاهرين في مدينة البصرة أمس.");
    assert.equal(got.filter((e) => e.event_type === "Protests").length, 0);
  });

  it("codes the persons a suicide attack killed at a pool as civilians, the other side", () => {
    const [bomb] = asserted(
      "وقال مسؤول محلي إن 12 شخصا على الأقل قتلوا اليوم عندما هاجم انتحاريان حمام سباحة مزدحما في مدينة طوز خورماتو.",
    );
    assert.ok(bomb);
    assert.equal(bomb.actor2, "Civilians (Iraq)");
    assert.equal(bomb.fatalities, 12);
    const actor2 = bomb.evidence.find((e) => e.role === "actor2");
    assert.ok(actor2, "the civilians point back at their count");
  });

  it("takes no police for the bomber when two police sources speak (ومصدران بالشرطة)", () => {
    const [bomb] = asserted(
      "وقال رئيس البلدية ومصدران بالشرطة إن مهاجما انتحاريا فجر سترته الناسفة في حمام سباحة في مدينة طوز خورماتو.",
    );
    assert.ok(bomb);
    assert.doesNotMatch(bomb.actor1, /Police/);
  });

  it("codes no event for an attack told as earlier this month (في وقت سابق من الشهر الحالي)", () => {
    const got = asserted(
      "ونفذ تنظيم داعش هجوما كبيرا في وقت سابق من الشهر الحالي في مدينة بعقوبة.",
    );
    assert.equal(got.length, 0, JSON.stringify(got.map((e) => e.sub_event_type)));
  });

  it("takes the side named right after a noun of attack for its author (هجوم التنظيم)", () => {
    const got = asserted(
      "وقال القائد إن هجوم تنظيم داعش على مدينة مارع أمس هو الأسوأ منذ أشهر وأسفر عن مقتل 25 مقاتلا.",
    );
    assert.equal(got[0]?.actor1, "Islamic State (Syria)");
  });

  it("gives a verb joined by و with no subject of its own the subject of the verb before it", () => {
    const got = asserted(
      "شن تنظيم داعش هجوما جديدا ضد فصائل المعارضة المسلحة شمال مدينة حلب، وسيطر على بلدة أم حوش.",
    );
    const gain = got.find((e) => e.sub_event_type === "Non-state actor overtakes territory");
    assert.equal(gain?.actor1, "Islamic State (Syria)", JSON.stringify(got.map((e) => e.actor1)));
  });

  it("gives a joined verb the subject of the verb that opens the sentence (وحققت … وسيطرت)", () => {
    const got = asserted(
      "وحققت وحدات حماية الشعب مكاسب على حساب تنظيم داعش في محافظة الرقة وسيطرت على بلدة تل أبيض أمس.",
    );
    assert.deepEqual(
      got.map((e) => [e.sub_event_type, e.actor1]),
      [["Non-state actor overtakes territory", "YPG: Peoples Protection Units"]],
    );
  });

  it("keeps an attack dated weeks before the article as background, not news", () => {
    const doc = analyze({
      text: "وسيطرت وحدات حماية الشعب على بلدة تل أبيض يوم 15 يونيو قبل أن تتقدم نحو الجنوب.",
      published: "2015-07-27",
    });
    assert.equal(doc.events.length, 0);
    const control = doc.nonEvents.find((e) => e.location === "Tell Abiad");
    assert.deepEqual([control?.mode, control?.event_date], ["reference", "2015-06-15"]);
  });

  it("codes a bomber who blew himself up (فجر انتحاري نفسه), the verb split by its subject", () => {
    const got = asserted("وفجر انتحاري نفسه في مدينة الرمادي أمس.");
    assert.deepEqual(
      got.map((e) => [e.sub_event_type, e.location]),
      [["Suicide bomb", "Ramadi"]],
    );
  });

  it("reads an operation named Dawn (عملية فجر الكرمة) as a name, not a bombing", () => {
    const got = asserted("وأطلقت القوات العراقية عملية فجر الكرمة في محافظة الأنبار.");
    assert.equal(got.filter((e) => e.event_type === "Explosions/Remote violence").length, 0);
  });
});
