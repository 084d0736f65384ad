import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { articlePartsStage } from "../../src/article/parts.js";
import { ExtractionError, IngestError } from "../../src/ingest/errors.js";
import { extractHtml, MAX_DEPTH } from "../../src/ingest/html.js";
import { createDocument, textStage } from "../../src/text/index.js";
import { fixture, PARAGRAPHS, page } from "./helpers.js";

const FURNITURE = [
  "الخط",
  "المساهمون",
  "الوسوم",
  "الكلمات الدالة",
  "شارك",
  "فيسبوك",
  "تويتر",
  "اقرأ أيضا",
  "اقرأ أيضاً",
  "مواضيع ذات صلة",
  "قصص ذات صلة",
  "الأكثر قراءة",
  "تابعونا",
  "النشرة البريدية",
  "جميع الحقوق محفوظة",
];

function assertNoFurniture(text: string) {
  for (const line of text.split("\n")) {
    for (const f of FURNITURE)
      assert.ok(!line.startsWith(f), `furniture left in the text: ${line}`);
  }
}

const paragraphs = (text: string) => text.split("\n\n");

describe("an Al-Araby Al-Jadeed page", () => {
  const a = extractHtml(fixture("alaraby.html"), { url: "https://www.alaraby.co.uk/x" });

  it("reads title, times, outlet, author, section, language and canonical URL", () => {
    assert.deepEqual(
      [a.title, a.published, a.modified, a.outlet, a.author, a.section, a.language],
      [
        "قوات النظام تتقدم في ريف دير الزور الشرقي",
        "2017-11-02T08:40:00+03:00",
        "2017-11-02T11:05:00+03:00",
        "العربي الجديد",
        "سامر الأحمد",
        "سياسة",
        "ar",
      ],
    );
    assert.match(a.canonicalUrl ?? "", /^https:\/\/www\.alaraby\.co\.uk\/politics\//);
    assert.equal(a.url, "https://www.alaraby.co.uk/x");
  });

  it("splits the caption from its photographer's credit, glued as on the site", () => {
    assert.deepEqual(a.captions, [
      { text: "عناصر من قوات النظام قرب مدينة الميادين", credit: "عمر حاج قدور/فرانس برس" },
    ]);
    assert.ok(!a.text.includes("فرانس برس"));
  });

  it("gives the headline, then the four paragraphs of the body", () => {
    const p = paragraphs(a.text);
    assert.equal(p[0], a.title);
    assert.equal(p.length, 5);
    assert.match(p[1] ?? "", /^تقدمت قوات النظام/);
    assert.match(p[4] ?? "", /^ويقول ناشطون/);
  });

  it("leaves out + الخط -, المساهمون, tags, share bar, most-read and footer", () => {
    assertNoFurniture(a.text);
    assert.ok(!a.text.includes("+"));
  });

  it("hashes its content", () => {
    assert.match(a.contentHash, /^[0-9a-f]{64}$/);
  });
});

describe("an Al Jazeera page", () => {
  const a = extractHtml(fixture("aljazeera.html"));

  it("reads the NewsArticle inside the JSON-LD @graph", () => {
    assert.deepEqual(
      [a.title, a.published, a.outlet, a.section],
      ["مقتل مدنيين بقصف على ريف إدلب الجنوبي", "2019-05-14T10:21:00Z", "الجزيرة نت", "أخبار"],
    );
  });

  it("takes a bare agency name in parentheses as the credit", () => {
    assert.deepEqual(a.captions, [
      { text: "الدفاع المدني ينتشل ناجين من تحت الأنقاض في بلدة كفرنبل", credit: "الجزيرة" },
    ]);
  });

  it("removes the read-more box and the inline اقرأ أيضاً line, keeping the subheading", () => {
    assertNoFurniture(a.text);
    assert.ok(!a.text.includes("موجة نزوح جديدة"));
    assert.ok(!a.text.includes("تركيا تعزز نقاط المراقبة"));
    assert.ok(paragraphs(a.text).includes("نزوح متواصل"));
    assert.equal(paragraphs(a.text).length, 6);
  });
});

describe("a BBC Arabic page", () => {
  const a = extractHtml(fixture("bbc-arabic.html"));

  it("takes the credit after صدر الصورة and the caption after its label", () => {
    assert.deepEqual(a.captions, [
      { text: "قوات الأمن العراقية تطوق موقع الانفجار وسط مدينة كركوك", credit: "Getty Images" },
    ]);
  });

  it("reads the language tag from the JSON-LD Language object and the outlet from publisher", () => {
    assert.deepEqual([a.language, a.outlet], ["ar", "BBC News عربي"]);
  });

  it("separates paragraphs that the markup writes with nothing between them", () => {
    assert.ok(a.text.includes("بحسب مصادر أمنية.\n\nوقالت قيادة شرطة كركوك"));
  });

  it("removes the related-stories and most-read sections", () => {
    assertNoFurniture(a.text);
    assert.ok(!a.text.includes("نقطة تفتيش في ديالى"));
    assert.ok(!a.text.includes("خبر عن الطقس"));
  });
});

describe("an Enab Baladi page", () => {
  const a = extractHtml(fixture("enab-baladi.html"));

  it("reads WordPress OpenGraph and a Yoast @graph Article", () => {
    assert.deepEqual(
      [a.title, a.published, a.modified, a.outlet, a.author, a.section],
      [
        "فصائل المعارضة تصد هجوما على محور كبانة بريف اللاذقية",
        "2020-06-14T12:20:31+00:00",
        "2020-06-14T14:02:10+00:00",
        "عنب بلدي",
        "فريق التحرير",
        "أخبار سوريا",
      ],
    );
  });

  it("reads the WordPress caption and its credit", () => {
    assert.deepEqual(a.captions, [
      {
        text: "مقاتلون من فصائل المعارضة على جبهة ريف اللاذقية الشمالي - 2019",
        credit: "عنب بلدي",
      },
    ]);
  });

  it("removes a مواضيع ذات صلة heading with its list of links, tags, share bar and newsletter box", () => {
    assertNoFurniture(a.text);
    assert.ok(!a.text.includes("قصف مدفعي على قرى جبل الزاوية"));
    assert.ok(!a.text.includes("اشترك"));
  });

  it("keeps the dateline and every paragraph of the report", () => {
    const p = paragraphs(a.text);
    assert.equal(p[1], "عنب بلدي – إدلب");
    assert.equal(p.length, 6);
    assert.match(p.at(-1) ?? "", /^وتعد جبهة كبانة/);
  });
});

describe("a SANA page served as windows-1256", () => {
  const a = extractHtml(fixture("sana-windows-1256.html"));

  it("decodes it by its http-equiv declaration", () => {
    assert.deepEqual(a.encoding, { name: "windows-1256", source: "meta" });
    assert.equal(a.title, "وحدات الجيش تعيد فتح طريق حمص - تدمر");
    assert.ok(a.text.includes("أعادت وحدات من الجيش العربي السوري"));
  });

  it("keeps a caption without credit out of the body", () => {
    assert.deepEqual(a.captions, [{ text: "ورشات الصيانة على طريق حمص تدمر" }]);
    assert.ok(!a.text.includes("ورشات الصيانة على طريق حمص تدمر"));
  });

  it("decodes it by the HTTP header too, whatever the page says", () => {
    const b = extractHtml(fixture("sana-windows-1256.html"), {
      contentType: "text/html; charset=windows-1256",
    });
    assert.equal(b.encoding?.source, "http");
    assert.equal(b.text, a.text);
  });
});

describe("body text", () => {
  const glued = page(["قتل ثلاثة مدنيين في قصف يوم الجمعة.", ...PARAGRAPHS.slice(1)]);

  it("puts a blank line between paragraphs where Readability's textContent runs them together", () => {
    const { document } = parseHTML(glued);
    const readability = new Readability(document).parse();
    assert.ok(readability?.textContent?.includes("يوم الجمعة.وقال الدفاع المدني"));
    const a = extractHtml(glued);
    assert.ok(a.text.includes("يوم الجمعة.\n\nوقال الدفاع المدني"));
  });

  it("makes a <br> a line break inside its paragraph", () => {
    const a = extractHtml(page([`${PARAGRAPHS[0]}<br>${PARAGRAPHS[1]}`, PARAGRAPHS[2] as string]));
    assert.deepEqual(paragraphs(a.text), [`${PARAGRAPHS[0]}\n${PARAGRAPHS[1]}`, PARAGRAPHS[2]]);
  });

  it("collapses the source's line breaks and indentation", () => {
    const a = extractHtml(
      page(["  قصفت الطائرات\n      الحربية   بلدة في ريف إدلب صباح اليوم.  "]),
    );
    assert.equal(a.text, "قصفت الطائرات الحربية بلدة في ريف إدلب صباح اليوم.");
  });

  it("keeps a social network named in running text", () => {
    const a = extractHtml(
      page([`وقال في تغريدة على <a href="#">تويتر</a> إن القصف مستمر منذ الصباح.`]),
    );
    assert.match(a.text, /تغريدة على تويتر إن/);
  });

  it("uses what a feed knows when the page names no title", () => {
    const a = extractHtml(page(PARAGRAPHS), {
      defaults: { title: "عنوان من الخلاصة", outlet: "الموقع" },
    });
    assert.deepEqual([a.title, a.outlet], ["عنوان من الخلاصة", "الموقع"]);
    assert.ok(a.text.startsWith("عنوان من الخلاصة\n\n"));
  });

  it("reads as rasd's article-part recogniser expects: the headline as title, the rest as body", () => {
    const a = extractHtml(fixture("alaraby.html"));
    const doc = createDocument(a.text);
    textStage()(doc);
    articlePartsStage(doc);
    const kinds = doc.parts.map((p) => p.kind);
    assert.deepEqual(kinds, ["title", "body", "body", "body", "body"]);
  });
});

describe("bad pages", () => {
  const reasonOf = (input: string | Uint8Array) => {
    try {
      extractHtml(input, { where: "page.html" });
      return "ok";
    } catch (e) {
      assert.ok(e instanceof IngestError, `not an IngestError: ${e}`);
      return `${e.reason}: ${e.message}`;
    }
  };

  it("refuses an empty page", () => {
    assert.equal(reasonOf(""), "empty: page.html is empty");
    assert.equal(reasonOf(Buffer.alloc(0)), "empty: page.html is empty");
  });

  it("refuses a page with no text in its body", () => {
    assert.equal(
      reasonOf("<html><head><title>x</title></head><body><div></div></body></html>"),
      "empty: page.html has no article text (no paragraphs found in it)",
    );
  });

  it("refuses a page with no Arabic text, saying so", () => {
    const english = page([
      "Government forces shelled the town on Friday, killing three civilians, rescuers said.",
    ]);
    assert.equal(
      reasonOf(english),
      "not-arabic: page.html has no Arabic text: its article text holds no Arabic letters",
    );
  });

  it("refuses binary data", () => {
    assert.match(reasonOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d])), /^binary: /);
  });

  it("reads a page with unclosed tags and no <html> or <body>", () => {
    const a = extractHtml(`<title>خبر</title><div><p>${PARAGRAPHS[0]}<p>${PARAGRAPHS[1]}<div>`);
    assert.ok(a.text.includes(PARAGRAPHS[0] as string));
    assert.ok(a.text.includes(PARAGRAPHS[1] as string));
  });

  it("reads a bare fragment of paragraphs", () => {
    const a = extractHtml(PARAGRAPHS.map((p) => `<p>${p}</p>`).join(""));
    assert.deepEqual(paragraphs(a.text), PARAGRAPHS);
  });

  it("answers garbage with a typed error, never a crash", () => {
    for (const garbage of ["<<<>>> &&& <p", "</div></div>", "<!-- -->", "<html>", "\u0001\u0002"]) {
      const r = reasonOf(garbage);
      assert.match(r, /^(empty|not-arabic|binary|too-short): /, garbage);
    }
  });

  it("is an ExtractionError for a page that is not an article", () => {
    assert.throws(() => extractHtml("<p>hello</p>"), ExtractionError);
  });
});

describe("pages nested deep or made of many elements", () => {
  const reasonOf = (html: string) => {
    try {
      extractHtml(html, { where: "page.html" });
      return "ok";
    } catch (e) {
      assert.ok(e instanceof IngestError, `not an IngestError: ${e}`);
      return `${e.reason}: ${e.message}`;
    }
  };
  const article = PARAGRAPHS.map((p) => `<p>${p}</p>`).join("");
  // Budgets guard against the minutes these pages once took, with room for a loaded machine:
  // speed itself is measured by the benchmarks, not here.
  const timed = <T>(budgetMs: number, fn: () => T): T => {
    const start = performance.now();
    const result = fn();
    const ms = performance.now() - start;
    assert.ok(ms < budgetMs, `took ${Math.round(ms)} ms, over ${budgetMs} ms`);
    return result;
  };

  it(`refuses a page nested deeper than ${MAX_DEPTH} at once (10,000 divs took minutes)`, () => {
    const deep = `<html><body>${"<div>".repeat(10_000)}${article}${"</div>".repeat(10_000)}</body></html>`;
    assert.equal(
      timed(10_000, () => reasonOf(deep)),
      `too-deep: page.html nests its elements more than ${MAX_DEPTH.toLocaleString("en")} deep: it is broken, or made to be slow`,
    );
  });

  it("refuses deep nesting however it is written: unclosed, <div/>, inside a paragraph", () => {
    for (const deep of [
      `${"<div>".repeat(100_000)}${article}`,
      `${article}${"<div/>".repeat(100_000)}`,
      `<p>${"<span>".repeat(10_000)}${PARAGRAPHS[0]}</p>`,
    ]) {
      assert.match(
        timed(10_000, () => reasonOf(deep)),
        /^too-deep: /,
      );
    }
  });

  it("still reads a page nested 900 deep, without Readability", () => {
    const deep = `${"<div>".repeat(900)}${article}${"</div>".repeat(900)}`;
    const a = timed(20_000, () => extractHtml(deep));
    assert.deepEqual(paragraphs(a.text), PARAGRAPHS);
  });

  it("reads elements that close themselves as the parser does: 100,000 <li> and <p> are not deep", () => {
    const items = `<ul>${"<li>خبر".repeat(20_000)}</ul>${"<p>خبر".repeat(20_000)}${article}`;
    assert.notEqual(timed(30_000, () => reasonOf(items)).split(":")[0], "too-deep");
  });

  it("reads an article among 100,000 links within 30 s (Readability took a minute)", () => {
    const links = `${article}<div>${'<a href="/x">تويتر</a> '.repeat(100_000)}</div>`;
    const a = timed(30_000, () => extractHtml(links));
    assert.ok(a.text.includes(PARAGRAPHS[0] as string));
  });
});

describe("furniture and the article's own containers", () => {
  it("keeps a short post whose WordPress container is classed with its tags and categories", () => {
    const html = `<html><body><div id="post-1" class="post type-post tag-idlib category-news hentry"><h1>خبر قصير</h1>${PARAGRAPHS.slice(
      0,
      2,
    )
      .map((p) => `<p>${p}</p>`)
      .join("")}</div></body></html>`;
    const a = extractHtml(html);
    assert.ok(a.text.includes(PARAGRAPHS[0] as string));
    assert.ok(a.text.includes(PARAGRAPHS[1] as string));
  });

  it("keeps a short article inside a container whose class names a share bar", () => {
    const html = `<html><body><div class="content has-share-bar">${PARAGRAPHS.slice(0, 2)
      .map((p) => `<p>${p}</p>`)
      .join("")}</div></body></html>`;
    assert.ok(extractHtml(html).text.includes(PARAGRAPHS[1] as string));
  });
});
