import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FeedError } from "../../src/ingest/errors.js";
import { parseFeedBytes, parseFeedText } from "../../src/ingest/feeds.js";
import { encode1256 } from "./helpers.js";

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>عنب بلدي</title>
  <link>https://www.enabbaladi.net</link>
  <item>
    <title>قصف مدفعي على ريف إدلب</title>
    <link>/archives/1</link>
    <guid isPermaLink="false">https://www.enabbaladi.net/?p=1</guid>
    <pubDate>Sun, 14 Jun 2020 15:20:31 +0300</pubDate>
    <dc:creator>فريق التحرير</dc:creator>
    <description><![CDATA[<p>ملخص الخبر</p>]]></description>
    <content:encoded><![CDATA[<p>النص الكامل للخبر</p>]]></content:encoded>
  </item>
  <item>
    <title>خبر بلا معرّف</title>
    <link>https://www.enabbaladi.net/archives/2</link>
  </item>
</channel>
</rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>الجزيرة نت</title>
  <link rel="self" href="https://www.aljazeera.net/feed.xml"/>
  <link rel="alternate" href="https://www.aljazeera.net/"/>
  <id>urn:aljazeera:feed</id>
  <updated>2019-05-14T13:00:00Z</updated>
  <entry>
    <id>urn:aljazeera:1</id>
    <title type="text">مقتل مدنيين بقصف على ريف إدلب</title>
    <link rel="alternate" href="https://www.aljazeera.net/news/1"/>
    <published>2019-05-14T10:21:00Z</published>
    <updated>2019-05-14T13:02:00Z</updated>
    <author><name>الجزيرة نت</name></author>
    <summary>ملخص</summary>
  </entry>
</feed>`;

const errorOf = (body: string) => {
  try {
    parseFeedText(body, { where: "feed.xml" });
    return "parsed";
  } catch (e) {
    assert.ok(e instanceof FeedError, `not a FeedError: ${e}`);
    return `${e.reason}: ${e.message}`;
  }
};

describe("reading feeds", () => {
  it("reads RSS items: guid, link resolved against the feed, title, date, author, content", () => {
    const feed = parseFeedText(RSS, { url: "https://www.enabbaladi.net/feed" });
    assert.deepEqual([feed.format, feed.title, feed.items.length], ["rss", "عنب بلدي", 2]);
    assert.deepEqual(feed.items[0], {
      key: "https://www.enabbaladi.net/?p=1",
      guid: "https://www.enabbaladi.net/?p=1",
      link: "https://www.enabbaladi.net/archives/1",
      title: "قصف مدفعي على ريف إدلب",
      published: "2020-06-14T15:20:31+03:00",
      author: "فريق التحرير",
      summary: "<p>ملخص الخبر</p>",
      content: "<p>النص الكامل للخبر</p>",
    });
  });

  it("knows an RSS item without a guid by its link", () => {
    const feed = parseFeedText(RSS);
    assert.equal(feed.items[1]?.key, "https://www.enabbaladi.net/archives/2");
    assert.equal(feed.items[1]?.guid, undefined);
  });

  it("reads Atom entries: id, alternate link, published time, author", () => {
    const feed = parseFeedText(ATOM);
    assert.deepEqual(
      [feed.format, feed.title, feed.link],
      ["atom", "الجزيرة نت", "https://www.aljazeera.net/"],
    );
    assert.deepEqual(feed.items[0], {
      key: "urn:aljazeera:1",
      guid: "urn:aljazeera:1",
      link: "https://www.aljazeera.net/news/1",
      title: "مقتل مدنيين بقصف على ريف إدلب",
      published: "2019-05-14T10:21:00Z",
      author: "الجزيرة نت",
      summary: "ملخص",
    });
  });

  it("decodes a windows-1256 feed by its XML declaration", () => {
    const xml = `<?xml version="1.0" encoding="windows-1256"?><rss version="2.0"><channel><title>سانا</title><item><title>افتتاح طريق حمص تدمر</title><link>https://sana.sy/?p=1</link></item></channel></rss>`;
    const feed = parseFeedBytes(encode1256(xml));
    assert.equal(feed.items[0]?.title, "افتتاح طريق حمص تدمر");
  });

  it("reads a feed with a byte-order mark and blank lines before it", () => {
    assert.equal(parseFeedText(`\uFEFF\n\n${ATOM}`).items.length, 1);
  });
});

describe("bodies that are not feeds", () => {
  it("says a body is empty", () => {
    assert.equal(errorOf("  \n"), "not-xml: feed.xml is empty, not a feed");
  });

  it("says a body is not XML, quoting how it begins", () => {
    assert.equal(
      errorOf("Service temporarily unavailable"),
      'not-xml: feed.xml is not XML: it begins with "Service temporarily unavailable"',
    );
  });

  it("says an HTML page is not a feed", () => {
    assert.equal(
      errorOf("<!DOCTYPE html><html><head><title>خطأ</title></head><body></body></html>"),
      "not-a-feed: feed.xml is an HTML page, not a feed",
    );
  });

  it("names the root element of XML that is not a feed", () => {
    assert.equal(
      errorOf(
        '<?xml version="1.0"?><!-- sitemap --><urlset><url><loc>https://x</loc></url></urlset>',
      ),
      "not-a-feed: feed.xml is XML with root element <urlset>, not an RSS or Atom feed",
    );
  });

  it("says JSON that is not a JSON Feed is not a feed", () => {
    assert.equal(
      errorOf('{"error": "not found"}'),
      "not-a-feed: feed.xml is JSON, not a JSON Feed",
    );
  });

  it("says a broken feed is malformed", () => {
    const r = errorOf('<rss version="2.0"><channel><title>x</title><item><title>a</item>');
    assert.match(r, /^malformed-feed: feed\.xml is a malformed <rss> feed: /);
  });
});
