import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { normalize } from "../../src/text/normalize.js";
import { extractQuantities, type QuantityOptions } from "../../src/text/numbers.js";
import { tokenize } from "../../src/text/tokenize.js";
import type { Quantity } from "../../src/types.js";

/** The quantities of `text`, each with the original substring its span covers. */
function quantities(text: string, options?: QuantityOptions): (Quantity & { text: string })[] {
  const tokens = tokenize(normalize(text));
  return extractQuantities(tokens, options).map((q) => ({
    ...q,
    text: text.slice(q.start, q.end),
  }));
}

/** The one quantity whose span is `expected` in `text`. */
function find(text: string, expected: string, options?: QuantityOptions): Quantity {
  const all = quantities(text, options);
  const q = all.find((x) => x.text === expected);
  assert.ok(q, `no quantity "${expected}" in ${JSON.stringify(all.map((x) => x.text))}`);
  return q;
}

/** The figures of a quantity, without its span. */
function figures(q: Quantity & { text?: string }): Omit<Quantity, "start" | "end"> {
  const { start: _start, end: _end, text: _text, ...rest } = q;
  return rest;
}

const SEED = readFileSync(
  new URL("../fixtures/alaraby-2017-11-02-deir-ez-zor.txt", import.meta.url),
  "utf8",
);

describe("extractQuantities: seed article", () => {
  it("reads أكثر من 95% as at least 95 percent", () => {
    const q = find(SEED, "أكثر من 95%");
    assert.deepEqual(figures(q), {
      value: 95,
      min: 95,
      max: null,
      approximate: true,
      unit: "percent",
      qualifier: "اكثر من",
    });
  });

  it("reads أكثر من 100 كيلومتر as 100 km with min 100", () => {
    const q = find(SEED, "أكثر من 100 كيلومتر");
    assert.equal(q.value, 100);
    assert.equal(q.min, 100);
    assert.equal(q.unit, "km");
  });

  it("reads الآلاف من المدنيين as approximate, at least 1000 civilians", () => {
    const q = find(SEED, "الآلاف من المدنيين");
    assert.equal(q.approximate, true);
    assert.ok((q.min ?? 0) >= 1000);
    assert.equal(q.value, null);
    assert.equal(q.unit, "civilian");
  });

  it("reads آلاف المدنيين (construct) as at least 1000 civilians", () => {
    const q = find(SEED, "آلاف المدنيين");
    assert.equal(q.approximate, true);
    assert.ok((q.min ?? 0) >= 1000);
    assert.equal(q.unit, "civilian");
  });

  it("gives العديد منهم no figure", () => {
    const q = find(SEED, "العديد");
    assert.equal(q.value, null);
    assert.equal(q.min, null);
    assert.equal(q.approximate, true);
  });

  it("does not read the publication date 02 نوفمبر 2017 as quantities", () => {
    const dateEnd = SEED.indexOf("2017") + 4;
    assert.ok(quantities(SEED).every((q) => q.start >= dateEnd));
  });

  it("does not read على نحو عشوائي (in a random way) as an approximation", () => {
    assert.ok(quantities(SEED).every((q) => !q.text.includes("عشوائي")));
  });

  it("returns spans sorted by start and non-overlapping", () => {
    const qs = quantities(SEED);
    assert.ok(qs.length >= 5);
    for (let k = 1; k < qs.length; k++) {
      assert.ok((qs[k - 1] as Quantity).end <= (qs[k] as Quantity).start);
    }
  });
});

describe("extractQuantities: digits", () => {
  it("reads a plain number with its unit as an exact count", () => {
    const q = find("قتل 30 مدنيا في قصف على ريف إدلب", "30 مدنيا");
    assert.deepEqual(figures(q), {
      value: 30,
      min: 30,
      max: 30,
      approximate: false,
      unit: "civilian",
    });
  });

  it("reads thousands separators: 1,000", () => {
    assert.equal(find("نزح 1,000 شخص من البلدة", "1,000 شخص").value, 1000);
  });

  it("reads a decimal number: 3.5", () => {
    assert.equal(find("تبعد البلدة 3.5 كيلومتر عن المدينة", "3.5 كيلومتر").value, 3.5);
  });

  it("reads Arabic-Indic digits and ٪ with a span over the original characters", () => {
    const q = find("سيطرت القوات على ٩٥٪ من مساحة المدينة", "٩٥٪");
    assert.equal(q.value, 95);
    assert.equal(q.unit, "percent");
  });

  it("reads the Arabic thousands separator: ١٬٢٠٠", () => {
    assert.equal(find("فرّ ١٬٢٠٠ مدني من المدينة", "١٬٢٠٠ مدني").value, 1200);
  });

  it("reads a dot before three digits in a count of people as a thousands separator", () => {
    assert.equal(find("قتل 1.500 مدني خلال الشهر الماضي", "1.500 مدني").value, 1500);
  });

  it("multiplies by a scale word: 3 آلاف، 2.5 مليون", () => {
    assert.equal(find("عاد 3 آلاف نازح إلى منازلهم", "3 آلاف نازح").value, 3000);
    assert.equal(find("خصصت 2.5 مليون دولار للإغاثة", "2.5 مليون دولار").value, 2_500_000);
    assert.equal(find("نزح 10 آلاف شخص", "10 آلاف شخص").value, 10_000);
  });

  it("avoids floating-point noise when scaling a decimal: 3.3 آلاف is 3300", () => {
    assert.equal(find("نزح 3.3 آلاف شخص", "3.3 آلاف شخص").value, 3300);
  });

  it("reads percent written in words: بالمئة and في المئة", () => {
    assert.equal(find("ارتفعت الأسعار 40 بالمئة", "40 بالمئة").unit, "percent");
    assert.equal(find("انخفض عدد السكان 10 في المئة", "10 في المئة").unit, "percent");
  });

  it("does not take what follows من after a percent as the unit", () => {
    const q = find("سيطرت على 60% من المدنيين", "60%");
    assert.equal(q.unit, "percent");
  });
});

describe("extractQuantities: number words", () => {
  it("reads units with gender variants: ثلاثة أطفال، خمس نساء", () => {
    const text = "قتل ثلاثة أطفال وخمس نساء في غارة على البلدة";
    assert.deepEqual(figures(find(text, "ثلاثة أطفال")), {
      value: 3,
      min: 3,
      max: 3,
      approximate: false,
      unit: "child",
    });
    const women = find(text, "خمس نساء");
    assert.equal(women.value, 5);
    assert.equal(women.unit, "woman");
  });

  it("reads teens: أحد عشر، اثنا عشر، خمسة عشر", () => {
    assert.equal(find("قتل أحد عشر مدنيا", "أحد عشر مدنيا").value, 11);
    assert.equal(find("أصيب اثنا عشر شخصا", "اثنا عشر شخصا").value, 12);
    assert.equal(find("نفذت خمس عشرة غارة", "خمس عشرة غارة").value, 15);
  });

  it("reads units and tens joined by و: خمسة وعشرون = 25", () => {
    const q = find("قتل خمسة وعشرون شخصا في التفجير", "خمسة وعشرون شخصا");
    assert.equal(q.value, 25);
    assert.equal(q.unit, "person");
  });

  it("reads hundreds: مئة وخمسون، مائتي، ثلاثمائة، ثلاث مئة", () => {
    assert.equal(find("نزحت مئة وخمسون عائلة", "مئة وخمسون عائلة").value, 150);
    assert.equal(find("دمرت مائتي منزل", "مائتي منزل").value, 200);
    assert.equal(find("اعتقل ثلاثمائة شخص", "ثلاثمائة شخص").value, 300);
    assert.equal(find("اعتقل ثلاث مئة شخص", "ثلاث مئة شخص").value, 300);
  });

  it("reads hundreds, units and tens: ثلاثمئة وخمسة وعشرون = 325", () => {
    assert.equal(find("ثلاثمئة وخمسة وعشرون قتيلا", "ثلاثمئة وخمسة وعشرون قتيلا").value, 325);
  });

  it("reads thousands: ألف، ألفان، ثلاثة آلاف، عشرين ألفا، مئة ألف", () => {
    assert.equal(find("نزح ألف شخص", "ألف شخص").value, 1000);
    assert.equal(find("نزح ألفا شخص", "ألفا شخص").value, 1000);
    assert.equal(find("نزحت ألفان وخمسمئة عائلة", "ألفان وخمسمئة عائلة").value, 2500);
    assert.equal(find("نزح ثلاثة آلاف مدني", "ثلاثة آلاف مدني").value, 3000);
    assert.equal(find("نزح خمسة وعشرون ألفا", "خمسة وعشرون ألفا").value, 25_000);
    assert.equal(find("عاد مئة ألف لاجئ", "مئة ألف لاجئ").value, 100_000);
    assert.equal(find("عاد ثلاثمئة ألف لاجئ", "ثلاثمئة ألف لاجئ").value, 300_000);
  });

  it("reads millions and billions, with ونصف", () => {
    assert.equal(find("نزح مليون شخص", "مليون شخص").value, 1_000_000);
    assert.equal(find("نزح ثلاثة ملايين شخص", "ثلاثة ملايين شخص").value, 3_000_000);
    assert.equal(find("لجأ مليون ونصف المليون سوري", "مليون ونصف المليون").value, 1_500_000);
    assert.equal(find("بلغت الخسائر مليار دولار", "مليار دولار").value, 1e9);
  });

  it("does not join two units with و: خمسة مدنيين وثلاثة أطفال", () => {
    const qs = quantities("قتل خمسة مدنيين وثلاثة أطفال");
    assert.deepEqual(
      qs.map((q) => [q.text, q.value, q.unit]),
      [
        ["خمسة مدنيين", 5, "civilian"],
        ["ثلاثة أطفال", 3, "child"],
      ],
    );
  });

  it("reads a number word after a conjunction or preposition and starts the span after it", () => {
    const q = find("قتل مدني وأصيب بخمسة عشر جريحا", "خمسة عشر جريحا");
    assert.equal(q.value, 15);
    assert.equal(q.unit, "person");
  });

  it("reads واحد with the noun it follows: مدني واحد", () => {
    const q = find("لم يسلم مدني واحد من القصف", "مدني واحد");
    assert.equal(q.value, 1);
    assert.equal(q.unit, "civilian");
  });

  it("does not read a bare واحد or في آن واحد as a count", () => {
    assert.deepEqual(quantities("وقعت الانفجارات في آن واحد"), []);
  });

  it("does not read لست (I am not) as six", () => {
    assert.deepEqual(quantities("لست أدري ماذا حدث"), []);
  });

  it("does not read a cardinal with the article as a count: القرن العشرين، يوم الاثنين", () => {
    assert.deepEqual(quantities("منذ منتصف القرن العشرين"), []);
    assert.deepEqual(quantities("وقع الهجوم يوم الاثنين"), []);
  });

  it("does not read ordinals as counts: تشرين الثاني، الثاني من نوفمبر", () => {
    assert.deepEqual(quantities("في الثاني من تشرين الثاني الماضي"), []);
    assert.deepEqual(quantities("خلال الحرب العالمية الثانية"), []);
  });
});

describe("extractQuantities: qualifiers", () => {
  it("reads نحو as an approximation with open bounds", () => {
    const q = find("قتل نحو 30 مدنيا في غارات جوية على مدينة حلب", "نحو 30 مدنيا");
    assert.deepEqual(figures(q), {
      value: 30,
      min: null,
      max: null,
      approximate: true,
      unit: "civilian",
      qualifier: "نحو",
    });
  });

  it("reads قرابة، حوالى، زهاء and ما يقارب as approximations", () => {
    for (const [text, span] of [
      ["نزح قرابة 200 عائلة", "قرابة 200 عائلة"],
      ["نزح حوالى 200 عائلة", "حوالى 200 عائلة"],
      ["نزح زهاء 200 عائلة", "زهاء 200 عائلة"],
      ["نزح ما يقارب 200 عائلة", "ما يقارب 200 عائلة"],
      ["نزح ما يقرب من 200 عائلة", "ما يقرب من 200 عائلة"],
    ] as const) {
      const q = find(text, span);
      assert.equal(q.value, 200, text);
      assert.equal(q.approximate, true, text);
    }
  });

  it("reads تقريبا after the number", () => {
    const q = find("قتل 40 شخصا تقريبا", "40 شخصا تقريبا");
    assert.equal(q.approximate, true);
    assert.equal(q.qualifier, "تقريبا");
  });

  it("reads ما يزيد على and أزيد من as lower bounds", () => {
    const q = find("شنت الطائرات ما يزيد على 300 غارة", "ما يزيد على 300 غارة");
    assert.deepEqual([q.value, q.min, q.max, q.unit], [300, 300, null, "airstrike"]);
    assert.equal(find("قتل أزيد من 50 مسلحا", "أزيد من 50 مسلحا").min, 50);
  });

  it("reads على الأقل before or after as a lower bound", () => {
    const after = find("قتل 30 مدنيا على الأقل", "30 مدنيا على الأقل");
    assert.deepEqual([after.value, after.min, after.max], [30, 30, null]);
    const before = find("قتل على الأقل 30 مدنيا", "على الأقل 30 مدنيا");
    assert.equal(before.min, 30);
  });

  it("reads أقل من and دون as upper bounds", () => {
    const q = find("أصيب أقل من 5% من السكان", "أقل من 5%");
    assert.deepEqual([q.value, q.min, q.max, q.unit], [5, null, 5, "percent"]);
    assert.equal(find("قتل أطفال دون 18 عاما", "دون 18 عاما").max, 18);
  });

  it("reads a qualifier whose first word carries a proclitic: وبأكثر من", () => {
    const q = find("قصفت المدينة وبأكثر من 20 غارة", "أكثر من 20 غارة");
    assert.equal(q.qualifier, "اكثر من");
  });

  it("reads a qualifier before a number word: أكثر من عشرة آلاف", () => {
    const q = find("نزح أكثر من عشرة آلاف شخص", "أكثر من عشرة آلاف شخص");
    assert.deepEqual([q.value, q.min, q.unit], [10_000, 10_000, "person"]);
  });
});

describe("extractQuantities: ranges", () => {
  it("reads بين 10 و15 with value = the lower end", () => {
    const q = find("قتل بين 10 و15 مدنيا", "بين 10 و15 مدنيا");
    assert.deepEqual(figures(q), {
      value: 10,
      min: 10,
      max: 15,
      approximate: true,
      unit: "civilian",
      qualifier: "بين",
    });
  });

  it("reads من 10 إلى 15 and 10 إلى 15", () => {
    const q = find("قتل من 10 إلى 15 شخصا", "من 10 إلى 15 شخصا");
    assert.deepEqual([q.value, q.min, q.max], [10, 10, 15]);
    assert.equal(find("قتل 10 إلى 15 شخصا", "10 إلى 15 شخصا").max, 15);
  });

  it("reads a dash between digits: 10-15", () => {
    const q = find("شنت الطائرات 10-15 غارة يوميا", "10-15 غارة");
    assert.deepEqual([q.min, q.max, q.unit], [10, 15, "airstrike"]);
  });

  it("reads a range in words: بين عشرة وعشرين", () => {
    const q = find("أصيب بين عشرة وعشرين شخصا", "بين عشرة وعشرين شخصا");
    assert.deepEqual([q.min, q.max], [10, 20]);
  });

  it("applies the scale of the upper end to the lower: بين 2 و3 ملايين", () => {
    const q = find("نزح بين 2 و3 ملايين شخص", "بين 2 و3 ملايين شخص");
    assert.deepEqual([q.min, q.max], [2_000_000, 3_000_000]);
  });

  it("reads a range of percentages: 10% إلى 15%", () => {
    const q = find("ارتفعت الأسعار 10% إلى 15%", "10% إلى 15%");
    assert.deepEqual([q.min, q.max, q.unit], [10, 15, "percent"]);
  });

  it("does not run a count to a year: 3 حتى 2015", () => {
    assert.deepEqual(
      quantities("بقي 3 حتى 2015").map((q) => [q.text, q.max]),
      [["3", 3]],
    );
  });

  it("drops بين when no range follows", () => {
    assert.equal(find("قتل بين 10 مدنيين", "10 مدنيين").value, 10);
  });
});

describe("extractQuantities: vague and indefinite amounts", () => {
  it("reads العشرات as at least 10 with no value by default", () => {
    const q = find("قتل نحو 30 مدنيا وأصيب العشرات في غارات جوية", "العشرات");
    assert.deepEqual(figures(q), {
      value: null,
      min: 10,
      max: null,
      approximate: true,
      qualifier: "العشرات",
    });
  });

  it("gives vague amounts their floor as value under acledVague", () => {
    const text = "أصيب العشرات ونزح المئات وفر الآلاف";
    const acled = quantities(text, { acledVague: true });
    assert.deepEqual(
      acled.map((q) => [q.text, q.value, q.min]),
      [
        ["العشرات", 10, 10],
        ["المئات", 100, 100],
        ["الآلاف", 1000, 1000],
      ],
    );
  });

  it("keeps العديد unknown under acledVague", () => {
    assert.equal(find("قتل العديد منهم", "العديد", { acledVague: true }).value, null);
  });

  it("reads عشرات الآلاف as at least 10000 and مئات الآلاف as at least 100000", () => {
    const a = find("نزح عشرات الآلاف من السكان", "عشرات الآلاف من السكان");
    assert.deepEqual([a.value, a.min, a.unit], [null, 10_000, "person"]);
    assert.equal(find("نزح مئات الآلاف", "مئات الآلاف", { acledVague: true }).value, 100_000);
  });

  it("reads a vague amount in construct with its noun: عشرات القذائف", () => {
    const q = find("سقطت بعشرات القذائف على الحي", "عشرات القذائف");
    assert.deepEqual([q.min, q.unit], [10, "shell"]);
  });

  it("reads للآلاف (ل + الآلاف) as a vague amount", () => {
    const q = find("قدمت مساعدات للآلاف من النازحين", "لآلاف من النازحين");
    assert.deepEqual([q.min, q.qualifier, q.unit], [1000, "الالاف", "person"]);
  });

  it("reads بضعة as between 3 and 9", () => {
    const q = find("أصيب بضعة أشخاص بجروح", "بضعة أشخاص");
    assert.deepEqual([q.value, q.min, q.max, q.approximate], [null, 3, 9, true]);
  });

  it("reads عدة as several (3 or more) but not بعده (after it)", () => {
    const q = find("وقعت اشتباكات في عدة مناطق", "عدة");
    assert.deepEqual([q.value, q.min], [null, 3]);
    assert.deepEqual(quantities("وصل الوفد وبعده بدأت المفاوضات"), []);
  });

  it("reads عدد من as an indefinite amount but not عدد القتلى (the toll)", () => {
    const q = find("اعتقل عدد من المدنيين", "عدد من المدنيين");
    assert.deepEqual([q.value, q.unit], [null, "civilian"]);
    assert.deepEqual(quantities("ارتفع عدد القتلى"), []);
  });
});

describe("extractQuantities: units", () => {
  it("maps the killed, fighters and vehicles", () => {
    assert.equal(find("سقط 12 قتيلا", "12 قتيلا").unit, "person");
    assert.equal(find("قتل 7 عناصر من التنظيم", "7 عناصر").unit, "fighter");
    assert.equal(find("قتل ثلاثة من المسلحين", "ثلاثة من المسلحين").unit, "fighter");
    assert.equal(find("دمرت 4 آليات", "4 آليات").unit, "vehicle");
  });

  it("maps time units: 3 أيام، 6 أشهر، 7 سنوات", () => {
    assert.equal(find("استمر الحصار 3 أيام", "3 أيام").unit, "day");
    assert.equal(find("استمر الحصار 6 أشهر", "6 أشهر").unit, "month");
    assert.equal(find("استمرت الحرب 7 سنوات", "7 سنوات").unit, "year");
  });

  it("maps currencies", () => {
    assert.equal(find("بلغت الكلفة 500 ألف ليرة", "500 ألف ليرة").unit, "currency");
  });

  it("reads hours as hours, not days", () => {
    const q = find("استمرت الاشتباكات 48 ساعة", "48 ساعة");
    assert.equal(q.unit, "hour");
  });

  it("reads weeks as weeks", () => {
    assert.equal(find("منذ ثلاثة أسابيع", "ثلاثة أسابيع").unit, "week");
  });

  it("reads km abbreviations: كم and كلم", () => {
    assert.equal(find("على بعد 20 كم من الحدود", "20 كم").unit, "km");
    assert.equal(find("على بعد 20 كلم من الحدود", "20 كلم").unit, "km");
  });
});

describe("extractQuantities: dates, times and labels", () => {
  it("skips the day and year of a date: 2 نوفمبر 2017", () => {
    assert.deepEqual(
      quantities("في 2 نوفمبر 2017 قتل 3 أشخاص").map((q) => q.text),
      ["3 أشخاص"],
    );
  });

  it("skips a Levantine date: 2 تشرين الثاني 2017", () => {
    assert.deepEqual(quantities("في 2 تشرين الثاني 2017"), []);
  });

  it("skips years after عام and a bare year: عام 2015، منذ 2011", () => {
    assert.deepEqual(quantities("في عام 2015 ومنذ 2011"), []);
    assert.deepEqual(quantities("بين عامي 2015 و2017"), []);
  });

  it("skips numeric dates and era marks: 2017/11/02، 2017م، 1439هـ", () => {
    assert.deepEqual(quantities("في 2017/11/02 و2017م و1439هـ"), []);
  });

  it("skips clock times: الساعة 10، 10:30", () => {
    assert.deepEqual(quantities("بدأ القصف الساعة 10 صباحا واستمر حتى 11:30"), []);
  });

  it("skips numbered names: القرار 2254، الفرقة 17، كوفيد-19", () => {
    assert.deepEqual(quantities("وفق القرار 2254 وتقدمت الفرقة 17 وسط تفشي كوفيد-19"), []);
  });

  it("keeps a 1900–2100 number that counts something: 2000 شخص", () => {
    assert.equal(find("نزح 2000 شخص", "2000 شخص").value, 2000);
  });
});

describe("extractQuantities: spans over the original text", () => {
  it("covers tashkeel and tanwin on the last letter", () => {
    const text = "قُتِلَ خَمْسَةٌ وَعِشْرُونَ شَخْصاً فِي القَصْفِ";
    const q = find(text, "خَمْسَةٌ وَعِشْرُونَ شَخْصاً");
    assert.equal(q.value, 25);
  });

  it("maps Arabic-Indic digits with tashkeel around them", () => {
    const text = "قُتِلَ نَحْوَ ٣٠ مَدَنِيّاً";
    const q = find(text, "نَحْوَ ٣٠ مَدَنِيّاً");
    assert.deepEqual([q.value, q.unit], [30, "civilian"]);
  });

  it("starts after a proclitic: وعشرات", () => {
    const text = "قتل 5 مدنيين وعشرات المسلحين";
    assert.deepEqual(
      quantities(text).map((q) => q.text),
      ["5 مدنيين", "عشرات المسلحين"],
    );
  });

  it("uses baseStart from clitic segmentation when tashkeel hides the offset", () => {
    const text = "وَعَشَرَاتُ الجَرْحَى";
    const tokens = tokenize(normalize(text));
    const first = tokens[0];
    assert.ok(first);
    // As segmentTokens sets them: after و and its fatha.
    first.proclitics = ["و"];
    first.baseStart = 2;
    const [q] = extractQuantities(tokens);
    assert.ok(q);
    assert.equal(text.slice(q.start, q.end), "عَشَرَاتُ الجَرْحَى");
  });

  it("finds nothing in text without numbers", () => {
    assert.deepEqual(quantities("قال المتحدث باسم الوزارة إن الوضع مستقر"), []);
  });
});
