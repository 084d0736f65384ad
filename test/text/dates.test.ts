import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import fc from "fast-check";
import { type DateOptions, extractDates, parseArabicDate } from "../../src/text/dates.js";
import { normalize } from "../../src/text/normalize.js";
import { tokenize } from "../../src/text/tokenize.js";
import type { DateMention } from "../../src/types.js";

const SEED = readFileSync(
  new URL("../fixtures/alaraby-2017-11-02-deir-ez-zor.txt", import.meta.url),
  "utf8",
);
/** The seed article's publication day, a Thursday. */
const PUB: DateOptions = { published: "2017-11-02" };

function dates(text: string, options: DateOptions = PUB): DateMention[] {
  return extractDates(text, tokenize(normalize(text)), options);
}

/** Each mention as [original substring, date, endDate]. */
function read(text: string, options: DateOptions = PUB): [string, string, string][] {
  return dates(text, options).map((m) => [text.slice(m.start, m.end), m.date, m.endDate]);
}

/** The only mention of a text (fails when there is not exactly one). */
function only(text: string, options: DateOptions = PUB): DateMention & { surface: string } {
  const found = dates(text, options);
  assert.equal(found.length, 1, `one date expected in «${text}», got ${JSON.stringify(found)}`);
  const m = found[0] as DateMention;
  return { ...m, surface: text.slice(m.start, m.end) };
}

describe("extractDates on the seed article (العربي الجديد, 2 November 2017)", () => {
  it("finds the dateline 02 نوفمبر 2017 as an absolute day", () => {
    const m = dates(SEED).find((d) => d.basis === "absolute");
    assert.ok(m);
    assert.equal(SEED.slice(m.start, m.end), "02 نوفمبر 2017");
    assert.equal(m.date, "2017-11-02");
    assert.equal(m.endDate, "2017-11-02");
    assert.equal(m.precision, "day");
    assert.equal(m.timePrecision, 1);
  });

  it("resolves الأربعاء to the day before publication, 2017-11-01", () => {
    const m = dates(SEED).find((d) => d.basis === "relative");
    assert.ok(m);
    assert.equal(SEED.slice(m.start, m.end), "الأربعاء");
    assert.equal(m.date, "2017-11-01");
    assert.equal(m.timePrecision, 1);
  });

  it("finds exactly those two mentions, in text order", () => {
    assert.deepEqual(read(SEED), [
      ["02 نوفمبر 2017", "2017-11-02", "2017-11-02"],
      ["الأربعاء", "2017-11-01", "2017-11-01"],
    ]);
  });

  it("keeps only the dateline when no publication date is given", () => {
    assert.deepEqual(read(SEED, {}), [["02 نوفمبر 2017", "2017-11-02", "2017-11-02"]]);
  });
});

describe("absolute dates with Egyptian and Gulf month names", () => {
  it("reads a weekday-led date and starts the span at the weekday", () => {
    const m = only("وقالت الوزارة في بيان صدر الخميس 2 نوفمبر 2017 إن القصف استهدف الحي.");
    assert.equal(m.surface, "الخميس 2 نوفمبر 2017");
    assert.equal(m.date, "2017-11-02");
    assert.equal(m.basis, "absolute");
  });

  it("reads a weekday separated by a comma and الموافق", () => {
    assert.equal(only("جرى ذلك يوم الأربعاء، الموافق 1 نوفمبر 2017.").date, "2017-11-01");
  });

  it("reads a day written with the article: يوم الجمعة الـ3 من نوفمبر", () => {
    assert.equal(only("وقع التفجير يوم الجمعة الـ3 من نوفمبر 2017.").date, "2017-11-03");
  });

  it("reads an ordinal day: الثاني من نوفمبر 2017", () => {
    const m = only("وفي الثاني من نوفمبر 2017 دخلت القوات المدينة.");
    assert.equal(m.surface, "الثاني من نوفمبر 2017");
    assert.equal(m.date, "2017-11-02");
  });

  it("reads compound ordinals: الحادي والعشرين من مايو", () => {
    assert.equal(only("منذ الحادي والعشرين من مايو 2016 والمدينة محاصرة.").date, "2016-05-21");
  });

  it("does not read an ordinal after a noun as a day: النصف الثاني من نوفمبر", () => {
    assert.deepEqual(read("تصاعدت الغارات في النصف الثاني من نوفمبر."), []);
  });

  it("reads the spelling variants يونيه، يوليه، اغسطس", () => {
    assert.deepEqual(read("في 5 يونيه 2013 و23 يوليه 2013 و14 اغسطس 2013"), [
      ["5 يونيه 2013", "2013-06-05", "2013-06-05"],
      ["23 يوليه 2013", "2013-07-23", "2013-07-23"],
      ["14 اغسطس 2013", "2013-08-14", "2013-08-14"],
    ]);
  });

  it("takes the year after the month with a trailing م", () => {
    assert.equal(only("صدر القرار في 3 يناير 2015م.").surface, "3 يناير 2015م");
  });
});

describe("absolute dates with Levantine and Iraqi month names", () => {
  it("reads two-word names: 15 تشرين الثاني 2017", () => {
    const m = only("قتل ثلاثة مدنيين في 15 تشرين الثاني 2017 بقصف على دوما.");
    assert.equal(m.surface, "15 تشرين الثاني 2017");
    assert.equal(m.date, "2017-11-15");
  });

  it("tells كانون الثاني (January) from كانون الأول (December)", () => {
    assert.deepEqual(
      read("بين 20 كانون الأول 2016 و 10 كانون الثاني 2017").map((r) => r[1]),
      ["2016-12-20", "2017-01-10"],
    );
  });

  it("reads آذار، أيار، آب with a day and a year", () => {
    assert.deepEqual(
      read("اندلعت الاحتجاجات في 15 آذار 2011، وسقطت المدينة في 7 أيار 2014 ثم في 2 آب 2014").map(
        (r) => r[1],
      ),
      ["2011-03-15", "2014-05-07", "2014-08-02"],
    );
  });
});

describe("absolute dates with Maghrebi month names", () => {
  it("reads Algerian and Tunisian names: جانفي، أفريل، جوان، جويلية، أوت", () => {
    assert.deepEqual(
      read("في 12 جانفي 2018 و9 أفريل 2018 و3 جوان 2018 و1 جويلية 2018 و20 أوت 2018").map(
        (r) => r[1],
      ),
      ["2018-01-12", "2018-04-09", "2018-06-03", "2018-07-01", "2018-08-20"],
    );
  });

  it("reads Moroccan names: يوليوز، غشت، شتنبر، نونبر، دجنبر", () => {
    assert.deepEqual(
      read("في 4 يوليوز 2019 و25 غشت 2019 و10 شتنبر 2019 و6 نونبر 2019 و4 دجنبر 2019").map(
        (r) => r[1],
      ),
      ["2019-07-04", "2019-08-25", "2019-09-10", "2019-11-06", "2019-12-04"],
    );
  });

  it("reads every month name Intl gives for the Arab locales", () => {
    const locales = [
      "ar-EG",
      "ar-SA",
      "ar-SY",
      "ar-IQ",
      "ar-LB",
      "ar-JO",
      "ar-MA",
      "ar-TN",
      "ar-DZ",
    ];
    for (const locale of locales) {
      const f = new Intl.DateTimeFormat(locale, { month: "long", timeZone: "UTC" });
      for (let m = 1; m <= 12; m++) {
        const name = f.format(new Date(Date.UTC(2017, m - 1, 15)));
        if (!/[\u0600-\u06ff]/.test(name)) continue; // a runtime without Arabic locale data
        const found = parseArabicDate(`10 ${name} 2017`);
        assert.equal(found?.date, `2017-${String(m).padStart(2, "0")}-10`, `${locale}: ${name}`);
      }
    }
  });
});

describe("paired month names", () => {
  it("reads تشرين الثاني/نوفمبر as one date", () => {
    const m = only("قتل 12 مدنيا في 15 تشرين الثاني/نوفمبر 2017 بغارات روسية.");
    assert.equal(m.surface, "15 تشرين الثاني/نوفمبر 2017");
    assert.equal(m.date, "2017-11-15");
  });

  it("reads نوفمبر/تشرين الثاني as one date", () => {
    assert.equal(only("في 3 نوفمبر/ تشرين الثاني 2016").surface, "3 نوفمبر/ تشرين الثاني 2016");
  });

  it("reads (نوفمبر) تشرين الثاني as one date", () => {
    const m = only("وفي 3 (نوفمبر) تشرين الثاني 2016 أعلن التحالف بدء المعركة.");
    assert.equal(m.surface, "3 (نوفمبر) تشرين الثاني 2016");
    assert.equal(m.date, "2016-11-03");
  });

  it("reads تشرين الثاني (نوفمبر) as one month", () => {
    const m = only("خلال تشرين الثاني (نوفمبر) 2015 تضاعف عدد النازحين.");
    assert.equal(m.surface, "تشرين الثاني (نوفمبر) 2015");
    assert.equal(m.precision, "month");
  });
});

describe("dates without a year, and month and year precision", () => {
  it("takes the publication year for a day and month", () => {
    assert.equal(only("وصل الوفد في 28 أكتوبر إلى جنيف.").date, "2017-10-28");
  });

  it("keeps the publication year for a date up to two months ahead", () => {
    assert.equal(only("تبدأ الجولة المقبلة في 15 ديسمبر.").date, "2017-12-15");
  });

  it("takes the year before when the date would be more than two months ahead", () => {
    assert.equal(
      only("اتفاق 20 ديسمبر ما زال صامدا.", { published: "2017-01-30" }).date,
      "2016-12-20",
    );
    assert.equal(only("منذ 5 يونيو تغير الوضع.", { published: "2017-02-01" }).date, "2016-06-05");
  });

  it("returns no day-and-month date without a publication date", () => {
    assert.deepEqual(read("وصل الوفد في 28 أكتوبر إلى جنيف.", {}), []);
  });

  it("reads نوفمبر 2017 as the whole month, time precision 3", () => {
    const m = only("تراجعت الهجمات خلال نوفمبر 2017 بشكل ملحوظ.");
    assert.deepEqual(
      [m.date, m.endDate, m.precision, m.timePrecision],
      ["2017-11-01", "2017-11-30", "month", 3],
    );
  });

  it("reads أكتوبر الماضي as the last October before publication", () => {
    assert.equal(only("منذ أكتوبر الماضي تحاصر القوات الحي.").date, "2017-10-01");
  });

  it("reads نوفمبر الماضي in November as the previous year's November", () => {
    assert.equal(only("في نوفمبر الماضي سقطت المدينة.").date, "2016-11-01");
  });

  it("reads شباط المقبل as the next February", () => {
    assert.equal(only("تعقد الجولة في شباط المقبل.").date, "2018-02-01");
  });

  it("reads a bare month introduced by في", () => {
    assert.deepEqual(read("وفي سبتمبر سيطرت القوات على المطار."), [
      ["سبتمبر", "2017-09-01", "2017-09-30"],
    ]);
  });

  it("reads عام 2017 and سنة 2015 as years, time precision 3", () => {
    const found = dates("قتل في عام 2017 أكثر مما قتل في سنة 2015.");
    assert.deepEqual(
      found.map((m) => [m.date, m.endDate, m.precision, m.timePrecision]),
      [
        ["2017-01-01", "2017-12-31", "year", 3],
        ["2015-01-01", "2015-12-31", "year", 3],
      ],
    );
  });

  it("does not read a bare number as a year", () => {
    assert.deepEqual(read("قتل 2017 شخصا."), []);
  });
});

describe("ambiguous month names", () => {
  it("does not read مارس the verb as March", () => {
    assert.deepEqual(read("مارس الجيش ضغوطا على السكان في آذار."), [
      ["آذار", "2017-03-01", "2017-03-31"],
    ]);
  });

  it("does not read أب (father) as August", () => {
    assert.deepEqual(read("قتل أب وابنه في القصف، وفي آب تكرر ذلك."), []);
  });

  it("reads an ambiguous name next to a year", () => {
    assert.equal(only("انطلقت الثورة في مارس 2011.").date, "2011-03-01");
  });

  it("reads an ambiguous name after شهر", () => {
    assert.equal(only("اشتد القتال في شهر آب.").surface, "شهر آب");
  });
});

describe("numeric dates", () => {
  it("reads year-first 2017/11/02", () => {
    const m = only("بتاريخ 2017/11/02 أصدرت المحكمة حكمها.");
    assert.deepEqual([m.date, m.basis, m.timePrecision], ["2017-11-02", "numeric", 1]);
  });

  it("reads day-first 02/11/2017", () => {
    assert.equal(only("بتاريخ 02/11/2017").date, "2017-11-02");
  });

  it("reads hyphens and dots: 2-11-2017، 2.11.2017", () => {
    assert.deepEqual(
      read("في 2-11-2017 وفي 2.11.2017").map((r) => r[1]),
      ["2017-11-02", "2017-11-02"],
    );
  });

  it("reads Arabic-Indic digits: ٢٠١٧/١١/٠٢", () => {
    const text = "بتاريخ ٢٠١٧/١١/٠٢";
    assert.deepEqual(read(text), [["٢٠١٧/١١/٠٢", "2017-11-02", "2017-11-02"]]);
  });

  it("falls back to month-first only when day-first is impossible: 11/25/2017", () => {
    assert.equal(only("11/25/2017").date, "2017-11-25");
  });

  it("reads a two-digit year: 02/11/17", () => {
    assert.equal(only("02/11/17").date, "2017-11-02");
  });
});

describe("Hijri dates", () => {
  it("converts 1 رمضان 1438 to 2017-05-27 (Umm al-Qura)", () => {
    const m = only("بدأ الهجوم في 1 رمضان 1438.");
    assert.deepEqual([m.date, m.basis, m.precision], ["2017-05-27", "hijri", "day"]);
  });

  it("includes هـ in the span: 15 صفر 1439 هـ", () => {
    const m = only("الخميس 15 صفر 1439 هـ");
    assert.equal(m.surface, "الخميس 15 صفر 1439 هـ");
    assert.equal(m.date, "2017-11-04");
  });

  it("reads a year marked هـ, spaced or attached, as the whole Hijri year", () => {
    for (const text of ["عام 1439 هـ", "1439هـ"]) {
      const m = only(text);
      assert.equal(m.surface, text);
      assert.deepEqual(
        [m.date, m.endDate, m.precision, m.basis],
        ["2017-09-21", "2018-09-10", "year", "hijri"],
      );
    }
  });

  it("reads a Hijri month and year: ربيع الأول 1439 هـ", () => {
    const m = only("في ربيع الأول 1439 هـ");
    assert.deepEqual([m.date, m.endDate, m.precision], ["2017-11-19", "2017-12-18", "month"]);
  });

  it("reads two-word month names: جمادى الآخرة، ذي الحجة", () => {
    assert.deepEqual(
      read("في 10 جمادى الآخرة 1438 هـ و10 ذي الحجة 1438 هـ").map((r) => r[1]),
      ["2017-03-09", "2017-09-01"],
    );
  });

  it("reads a numeric Hijri date: 15/2/1439 هـ", () => {
    const m = only("15/2/1439 هـ");
    assert.deepEqual([m.date, m.basis], ["2017-11-04", "hijri"]);
  });

  it("takes the Hijri year from publication when none is written: 15 رمضان", () => {
    assert.equal(only("وفي 15 رمضان استهدفت الغارات السوق.").date, "2017-06-10");
  });

  it("does not read صفر (zero) after a number as a month", () => {
    assert.deepEqual(read("انتهت المباراة بنتيجة 3 صفر."), []);
  });

  it("rejects the 30th of a 29-day month: 30 صفر 1439 هـ", () => {
    assert.deepEqual(read("في 30 صفر 1439 هـ"), []);
  });
});

describe("relative days", () => {
  it("reads اليوم as the publication day", () => {
    const m = only("أعلنت الفصائل اليوم وقف إطلاق النار.");
    assert.deepEqual([m.date, m.basis, m.precision], ["2017-11-02", "relative", "day"]);
  });

  it("reads أمس، الأمس، بالأمس as the day before", () => {
    assert.deepEqual(
      read("قتل أمس خمسة، وفي الأمس سقط آخرون، وبالأمس قصفت المدينة.").map((r) => r.slice(0, 2)),
      [
        ["أمس", "2017-11-01"],
        ["الأمس", "2017-11-01"],
        ["الأمس", "2017-11-01"],
      ],
    );
  });

  it("reads أول من أمس and أول أمس as two days before", () => {
    assert.deepEqual(
      read("قتل أول من أمس ثلاثة، وجرح أول أمس عشرة.").map((r) => r.slice(0, 2)),
      [
        ["أول من أمس", "2017-10-31"],
        ["أول أمس", "2017-10-31"],
      ],
    );
  });

  it("reads غداً as the day after publication", () => {
    const m = only("تستأنف المفاوضات غداً في أستانة.");
    assert.equal(m.surface, "غداً");
    assert.equal(m.date, "2017-11-03");
  });

  it("does not read the verb غدا (became) as tomorrow", () => {
    assert.deepEqual(read("غدا الوضع الإنساني أسوأ من أي وقت مضى."), []);
  });

  it("reads فجر اليوم with its part of day", () => {
    const m = only("شنت الطائرات فجر اليوم غارات على الميادين.");
    assert.deepEqual([m.surface, m.date, m.partOfDay], ["فجر اليوم", "2017-11-02", "فجر"]);
  });

  it("reads مساء أمس، ليلة أمس، صباح اليوم with their parts of day", () => {
    assert.deepEqual(
      dates("سقطت القذائف مساء أمس، واستمر القصف ليلة أمس حتى صباح اليوم.").map((m) => [
        m.date,
        m.partOfDay,
      ]),
      [
        ["2017-11-01", "مساء"],
        ["2017-11-01", "ليلة"],
        ["2017-11-02", "صباح"],
      ],
    );
  });

  it("reads أمس الأربعاء as one mention", () => {
    const m = only("قالت الوزارة أمس الأربعاء إن الهدنة انهارت.");
    assert.deepEqual([m.surface, m.date], ["أمس الأربعاء", "2017-11-01"]);
  });

  it("does not read اليوم التالي or روسيا اليوم as today", () => {
    assert.deepEqual(read("وفي اليوم التالي نقلت قناة روسيا اليوم الخبر."), []);
  });

  it("reads منذ يومين، قبل ثلاثة أيام، منذ 5 أيام", () => {
    assert.deepEqual(
      read("بدأ الهجوم منذ يومين، وسقطت البلدة قبل ثلاثة أيام، والحصار مستمر منذ 5 أيام.").map(
        (r) => r.slice(0, 2),
      ),
      [
        ["منذ يومين", "2017-10-31"],
        ["قبل ثلاثة أيام", "2017-10-30"],
        ["منذ 5 أيام", "2017-10-28"],
      ],
    );
  });

  it("does not count days before another event: قبل يومين من الانتخابات", () => {
    assert.deepEqual(read("وقع الهجوم قبل يومين من الانتخابات."), []);
  });
});

describe("weekdays", () => {
  it("resolves a weekday to the latest such day on or before publication", () => {
    assert.equal(only("وأعلن المتحدث الأحد أن القوات تقدمت.").date, "2017-10-29");
  });

  it("resolves the publication's own weekday to the publication day", () => {
    assert.equal(only("قصفت الطائرات الخميس مواقع التنظيم.").date, "2017-11-02");
  });

  it("reads both spellings الاثنين and الإثنين", () => {
    assert.deepEqual(
      read("الاثنين والإثنين").map((r) => r[1]),
      ["2017-10-30", "2017-10-30"],
    );
  });

  it("reads يوم and a part of day before the weekday", () => {
    assert.deepEqual(
      dates("اندلعت الاشتباكات يوم الثلاثاء وتجددت مساء الأربعاء.").map((m) => [
        m.date,
        m.partOfDay,
      ]),
      [
        ["2017-10-31", undefined],
        ["2017-11-01", "مساء"],
      ],
    );
  });

  it("reads الخميس المقبل as the next Thursday after publication", () => {
    assert.equal(only("تعقد الجلسة الخميس المقبل.").date, "2017-11-09");
  });

  it("reads الخميس الماضي on a Thursday as the week before", () => {
    assert.equal(only("سقطت البلدة يوم الخميس الماضي.").date, "2017-10-26");
  });

  it("does not read الاثنين as a weekday in بين الاثنين (between the two)", () => {
    assert.deepEqual(read("تفجر خلاف بين الاثنين حول المدينة."), []);
  });
});

describe("relative weeks, months and years", () => {
  it("reads الأسبوع الماضي as the previous Saturday–Friday week, time precision 2", () => {
    const m = only("نزح آلاف المدنيين الأسبوع الماضي.");
    assert.deepEqual(
      [m.date, m.endDate, m.precision, m.timePrecision],
      ["2017-10-21", "2017-10-27", "week", 2],
    );
  });

  it("reads هذا الأسبوع and الأسبوع الجاري as the week of publication", () => {
    assert.deepEqual(
      read("هذا الأسبوع، أي الأسبوع الجاري").map((r) => [r[1], r[2]]),
      [
        ["2017-10-28", "2017-11-03"],
        ["2017-10-28", "2017-11-03"],
      ],
    );
  });

  it("reads الشهر الماضي as the previous calendar month", () => {
    const m = only("قتل مئات المدنيين الشهر الماضي.");
    assert.deepEqual([m.date, m.endDate, m.precision], ["2017-10-01", "2017-10-31", "month"]);
  });

  it("reads الشهر الماضي across a year boundary", () => {
    assert.deepEqual(read("الشهر الماضي", { published: "2018-01-10" }), [
      ["الشهر الماضي", "2017-12-01", "2017-12-31"],
    ]);
  });

  it("reads a day of a relative month: 25 من الشهر الماضي، الثاني من الشهر الجاري", () => {
    assert.deepEqual(
      read("قتل في 25 من الشهر الماضي، وفي الثاني من الشهر الجاري.").map((r) => r.slice(0, 2)),
      [
        ["25 من الشهر الماضي", "2017-10-25"],
        ["الثاني من الشهر الجاري", "2017-11-02"],
      ],
    );
  });

  it("reads الشهر الجاري as the month of publication", () => {
    assert.deepEqual(
      read("منذ مطلع الشهر الجاري").map((r) => [r[1], r[2]]),
      [["2017-11-01", "2017-11-30"]],
    );
  });

  it("reads العام الماضي and السنة الماضية as the previous year", () => {
    assert.deepEqual(
      dates("في العام الماضي، كما في السنة الماضية").map((m) => [m.date, m.endDate, m.precision]),
      [
        ["2016-01-01", "2016-12-31", "year"],
        ["2016-01-01", "2016-12-31", "year"],
      ],
    );
  });

  it("reads خلال الأيام الماضية as the seven days before publication", () => {
    const m = only("نزح خلال الأيام الماضية أكثر من عشرة آلاف شخص.");
    assert.deepEqual(
      [m.surface, m.date, m.endDate, m.precision],
      ["خلال الأيام الماضية", "2017-10-26", "2017-11-01", "week"],
    );
  });
});

describe("without a publication date", () => {
  const text =
    "قصفت الطائرات أمس وفجر اليوم البلدة، كما قصفتها الأربعاء والأسبوع الماضي ومنذ يومين، في 2 نوفمبر 2017.";

  it("returns no relative expression", () => {
    assert.ok(dates(text, {}).every((m) => m.basis !== "relative"));
  });

  it("still returns the absolute dates", () => {
    assert.deepEqual(read(text, {}), [["2 نوفمبر 2017", "2017-11-02", "2017-11-02"]]);
  });

  it("treats a malformed publication date as absent", () => {
    assert.deepEqual(read(text, { published: "02/11/2017" }), read(text, {}));
  });
});

describe("impossible dates", () => {
  it("rejects 31 نوفمبر without reporting the month instead", () => {
    assert.deepEqual(read("في 31 نوفمبر 2017 وقع الهجوم."), []);
  });

  it("rejects 29 فبراير in a common year and accepts it in a leap year", () => {
    assert.deepEqual(
      read("29 فبراير 2017 و29 فبراير 2016").map((r) => r[1]),
      ["2016-02-29"],
    );
  });

  it("rejects a numeric date with month 13", () => {
    assert.deepEqual(read("13/13/2017"), []);
  });

  it("rejects a day 0", () => {
    assert.deepEqual(read("0 نوفمبر 2017"), []);
  });
});

describe("spans point into the original text", () => {
  it("gives the written substring of every mention", () => {
    const text =
      "وأعلنت القيادة، الخميس 2 تشرين الثاني/نوفمبر 2017، أن الطائرات قصفت فجر أمس مواقع.";
    assert.deepEqual(
      dates(text).map((m) => text.slice(m.start, m.end)),
      ["الخميس 2 تشرين الثاني/نوفمبر 2017", "فجر أمس"],
    );
  });

  it("covers a word written with tashkeel, final vowel included", () => {
    const text = "تَفَجَّرَ الأَرْبِعَاءِ خِلافٌ جَدِيدٌ";
    const m = only(text);
    assert.deepEqual([m.surface, m.date], ["الأَرْبِعَاءِ", "2017-11-01"]);
  });

  it("leaves a proclitic out of the span: وَالأَرْبِعَاء، بالأمس", () => {
    assert.deepEqual(
      read("قُصِفَت المدينة وَالأَرْبِعَاء وبالأمس").map((r) => r[0]),
      ["الأَرْبِعَاء", "الأمس"],
    );
  });

  it("includes the tatweel of هـ", () => {
    assert.equal(only("سنة 1439 هـ").surface, "سنة 1439 هـ");
  });

  it("returns mentions sorted and non-overlapping", () => {
    const found = dates(
      "أمس الأربعاء 1 نوفمبر 2017 والأسبوع الماضي و15 صفر 1439 هـ و2017/10/30 ومساء الخميس",
    );
    assert.equal(found.length, 6);
    for (let k = 1; k < found.length; k++) {
      assert.ok((found[k - 1] as DateMention).end <= (found[k] as DateMention).start);
    }
  });
});

describe("parseArabicDate", () => {
  it("parses a short date string", () => {
    assert.deepEqual(parseArabicDate("02 نوفمبر 2017"), {
      start: 0,
      end: 14,
      date: "2017-11-02",
      endDate: "2017-11-02",
      precision: "day",
      timePrecision: 1,
      basis: "absolute",
    });
  });

  it("resolves a relative string against the publication date", () => {
    assert.equal(parseArabicDate("مساء أمس", PUB)?.partOfDay, "مساء");
  });

  it("returns null when there is no date", () => {
    assert.equal(parseArabicDate("قوات النظام تتقدم في دير الزور"), null);
    assert.equal(parseArabicDate(""), null);
  });
});

describe("robustness", () => {
  const PIECES = [
    ...["2", "31", "02", "2017", "1439", "13", "0", "2017/11/02", "31/11/2017", "15/2/1439"],
    ...["نوفمبر", "تشرين", "الثاني", "الأول", "كانون", "آب", "صفر", "ربيع", "جمادى", "هـ", "م"],
    ...["الأربعاء", "يوم", "فجر", "اليوم", "أمس", "أول", "من", "غدا", "الماضي", "المقبل"],
    ...["الأسبوع", "الشهر", "العام", "عام", "منذ", "قبل", "يومين", "أيام", "خلال", "الأيام"],
    ...["شهر", "في", "و", "وال", "(", ")", "/", "،", " ", "\u064e", "\u0640", "\ud800"],
  ];
  const texts = fc
    .array(fc.constantFrom(...PIECES), { maxLength: 40 })
    .map((parts) => parts.join(" "));

  it("never throws and returns sorted, non-overlapping, valid mentions", () => {
    fc.assert(
      fc.property(texts, fc.boolean(), (text, anchored) => {
        const found = dates(text, anchored ? PUB : {});
        let prevEnd = 0;
        for (const m of found) {
          assert.ok(m.start >= prevEnd && m.end > m.start && m.end <= text.length);
          assert.match(m.date, /^\d{4}-\d{2}-\d{2}$/);
          assert.ok(m.date <= m.endDate);
          prevEnd = m.end;
        }
      }),
      { numRuns: 500 },
    );
  });

  it("never throws on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        dates(text);
      }),
    );
  });
});
