import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseDocument } from "../../src/ingest/dom.js";
import { extractMetadata, stripSiteName, toIsoDateTime } from "../../src/ingest/metadata.js";

const metaOf = (head: string, body = "") =>
  extractMetadata(parseDocument(`<html><head>${head}</head><body>${body}</body></html>`));
const ld = (value: unknown) =>
  `<script type="application/ld+json">${JSON.stringify(value)}</script>`;

describe("page metadata", () => {
  it("reads a JSON-LD NewsArticle", () => {
    const m = metaOf(
      ld({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        headline: "غارات على ريف حماة",
        datePublished: "2018-02-03T09:00:00+03:00",
        dateModified: "2018-02-03T12:30:00+03:00",
        author: [{ "@type": "Person", name: "ليلى حسن" }],
        publisher: { "@type": "Organization", name: "شبكة الأخبار" },
        articleSection: ["سوريا"],
        inLanguage: "ar",
        url: "https://example.com/a/1",
      }),
    );
    assert.deepEqual(m, {
      title: "غارات على ريف حماة",
      published: "2018-02-03T09:00:00+03:00",
      modified: "2018-02-03T12:30:00+03:00",
      outlet: "شبكة الأخبار",
      author: "ليلى حسن",
      section: "سوريا",
      language: "ar",
      canonicalUrl: "https://example.com/a/1",
    });
  });

  it("finds the article inside a JSON-LD @graph", () => {
    const m = metaOf(
      ld({
        "@context": "https://schema.org",
        "@graph": [
          { "@type": "WebSite", name: "الموقع" },
          { "@type": "NewsArticle", headline: "عنوان من الرسم", datePublished: "2019-01-05" },
        ],
      }),
    );
    assert.deepEqual([m.title, m.published], ["عنوان من الرسم", "2019-01-05"]);
  });

  it("prefers a NewsArticle over a WebPage in the same page", () => {
    const m = metaOf(
      ld([
        { "@type": "WebPage", name: "صفحة" },
        { "@type": ["NewsArticle"], headline: "الخبر" },
      ]),
    );
    assert.equal(m.title, "الخبر");
  });

  it("reads JSON-LD with a trailing comma", () => {
    const m = metaOf(
      '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "خبر",}</script>',
    );
    assert.equal(m.title, "خبر");
  });

  it("ignores JSON-LD that cannot be read, and falls back to OpenGraph", () => {
    const m = metaOf(
      '<script type="application/ld+json">{not json</script><meta property="og:title" content="عنوان المشاركة">',
    );
    assert.equal(m.title, "عنوان المشاركة");
  });

  it("reads OpenGraph and article: properties", () => {
    const m = metaOf(
      [
        '<meta property="og:title" content="اشتباكات في درعا">',
        '<meta property="og:site_name" content="عنب بلدي">',
        '<meta property="og:url" content="https://example.org/p/2">',
        '<meta property="og:locale" content="ar_AR">',
        '<meta property="article:published_time" content="2020-06-14T12:20:31+00:00">',
        '<meta property="article:modified_time" content="2020-06-14T14:02:10+00:00">',
        '<meta property="article:section" content="أخبار سوريا">',
        '<meta name="author" content="فريق التحرير">',
      ].join(""),
    );
    assert.deepEqual(m, {
      title: "اشتباكات في درعا",
      published: "2020-06-14T12:20:31+00:00",
      modified: "2020-06-14T14:02:10+00:00",
      outlet: "عنب بلدي",
      author: "فريق التحرير",
      section: "أخبار سوريا",
      language: "ar-AR",
      canonicalUrl: "https://example.org/p/2",
    });
  });

  it("prefers link rel=canonical over og:url", () => {
    const m = metaOf(
      '<link rel="canonical" href="https://example.org/canonical"><meta property="og:url" content="https://example.org/og">',
    );
    assert.equal(m.canonicalUrl, "https://example.org/canonical");
  });

  it("takes the language from <html lang> when no metadata gives it", () => {
    const doc = parseDocument('<html lang="ar-SY"><head></head><body></body></html>');
    assert.equal(extractMetadata(doc).language, "ar-SY");
  });

  it("takes the language tag of a BBC-style Language object", () => {
    const m = metaOf(
      ld({ "@type": "NewsArticle", inLanguage: { name: "Arabic", alternateName: "ar" } }),
    );
    assert.equal(m.language, "ar");
  });

  it("leaves out an author that is a profile URL", () => {
    const m = metaOf('<meta property="article:author" content="https://facebook.com/someone">');
    assert.equal(m.author, undefined);
  });

  it("takes the publication time from a <time datetime> when nothing else gives it", () => {
    const m = metaOf(
      "",
      '<article><time datetime="2017-11-02T10:30:00+02:00">2 نوفمبر</time></article>',
    );
    assert.equal(m.published, "2017-11-02T10:30:00+02:00");
  });

  it("falls back to <title>, without the site name after the separator", () => {
    const m = metaOf(
      '<title>مقتل مدنيين في قصف | الجزيرة نت</title><meta property="og:site_name" content="الجزيرة نت">',
    );
    assert.equal(m.title, "مقتل مدنيين في قصف");
  });
});

describe("dates as ISO 8601", () => {
  it("keeps an ISO date-time with its offset, tidied", () => {
    assert.equal(toIsoDateTime("2017-11-02 08:40+0300"), "2017-11-02T08:40:00+03:00");
    assert.equal(toIsoDateTime("2017-11-02T08:40:00Z"), "2017-11-02T08:40:00Z");
  });

  it("keeps a date alone as a date", () => {
    assert.equal(toIsoDateTime("2017-11-02"), "2017-11-02");
  });

  it("rewrites an RSS (RFC 822) date keeping its offset, so the day stays the outlet's", () => {
    assert.equal(toIsoDateTime("Thu, 02 Nov 2017 01:30:00 +0300"), "2017-11-02T01:30:00+03:00");
    assert.equal(toIsoDateTime("Thu, 02 Nov 2017 01:30:00 GMT"), "2017-11-02T01:30:00Z");
  });

  it("refuses dates that do not exist and words that are not dates", () => {
    assert.equal(toIsoDateTime("2017-02-30"), undefined);
    assert.equal(toIsoDateTime("منذ ساعتين"), undefined);
    assert.equal(toIsoDateTime(""), undefined);
  });
});

describe("site names in titles", () => {
  it("cuts the outlet's name after a separator, or before one", () => {
    assert.equal(stripSiteName("عنوان الخبر | العربي الجديد", "العربي الجديد"), "عنوان الخبر");
    assert.equal(stripSiteName("BBC News عربي - عنوان الخبر", "BBC News عربي"), "عنوان الخبر");
  });

  it("keeps a title whose separated part is not the outlet", () => {
    assert.equal(stripSiteName("حمص - تدمر: الطريق يعود", "سانا"), "حمص - تدمر: الطريق يعود");
  });
});
