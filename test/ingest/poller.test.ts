import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { HttpStatusError } from "../../src/ingest/errors.js";
import type { FetchLike } from "../../src/ingest/fetch.js";
import {
  backoffDelay,
  FeedPoller,
  type FeedPollerOptions,
  MemorySeenItems,
} from "../../src/ingest/poller.js";
import type { IngestedArticle } from "../../src/ingest/types.js";
import { PARAGRAPHS, page } from "./helpers.js";

const FEED_URL = "https://news.example/feed.xml";

interface Item {
  guid?: string;
  link?: string;
  title: string;
  content?: string;
}

const rss = (items: Item[]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>أخبار</title>${items
    .map(
      (i) =>
        `<item><title>${i.title}</title>${i.link ? `<link>${i.link}</link>` : ""}${
          i.guid ? `<guid>${i.guid}</guid>` : ""
        }${i.content ? `<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA[${i.content}]]></content:encoded>` : ""}</item>`,
    )
    .join("")}</channel></rss>`;

const articlePage = (n: number) => page([`${PARAGRAPHS[0]} (${n})`, ...PARAGRAPHS.slice(1)]);

/** A fake web: a handler per URL, every request recorded with its headers. */
function fakeWeb(routes: Record<string, (headers: Record<string, string>) => Response>) {
  const requests: { url: string; headers: Record<string, string> }[] = [];
  const fetch: FetchLike = async (url, init) => {
    requests.push({ url, headers: init.headers });
    const route = routes[url];
    return route ? route(init.headers) : new Response("", { status: 404, statusText: "Not Found" });
  };
  return { fetch, requests, routes };
}

const html = (body: string) => new Response(body, { headers: { "content-type": "text/html" } });
const xml = (body: string, etag = '"feed-1"') =>
  new Response(body, { headers: { "content-type": "application/rss+xml", etag } });

function poller(web: ReturnType<typeof fakeWeb>, options: Partial<FeedPollerOptions> = {}) {
  const articles: IngestedArticle[] = [];
  const errors: unknown[] = [];
  let now = 1_000_000;
  const p = new FeedPoller({
    feeds: [{ url: FEED_URL, outlet: "أخبار المثال" }],
    fetch: web.fetch,
    onArticle: (a) => {
      articles.push(a);
    },
    onItemError: (e) => {
      errors.push(e);
    },
    now: () => now,
    ...options,
  });
  return {
    p,
    articles,
    errors,
    advance: (ms: number) => {
      now += ms;
    },
    now: () => now,
  };
}

const pagesFetched = (web: ReturnType<typeof fakeWeb>) =>
  web.requests.filter((r) => r.url !== FEED_URL).map((r) => r.url);

describe("the feed poller", () => {
  it("ingests each item's page once, with the feed's outlet where the page names none", async () => {
    const web = fakeWeb({
      [FEED_URL]: () =>
        xml(
          rss([
            { guid: "a", link: "https://news.example/a", title: "خبر أ" },
            { guid: "b", link: "https://news.example/b", title: "خبر ب" },
          ]),
        ),
      "https://news.example/a": () => html(articlePage(1)),
      "https://news.example/b": () => html(articlePage(2)),
    });
    const t = poller(web);
    const report = await t.p.poll(FEED_URL);
    assert.deepEqual(
      [report.status, report.items, report.fresh, report.ingested, report.failed],
      ["ok", 2, 2, 2, 0],
    );
    assert.deepEqual(
      t.articles.map((a) => [a.title, a.outlet, a.url]),
      [
        ["خبر أ", "أخبار المثال", "https://news.example/a"],
        ["خبر ب", "أخبار المثال", "https://news.example/b"],
      ],
    );
  });

  it("asks with If-None-Match and If-Modified-Since, and does nothing more on 304", async () => {
    const web = fakeWeb({
      [FEED_URL]: (headers) =>
        headers["if-none-match"] === '"feed-1"'
          ? new Response(null, { status: 304 })
          : new Response(rss([{ guid: "a", link: "https://news.example/a", title: "خبر" }]), {
              headers: { etag: '"feed-1"', "last-modified": "Tue, 14 May 2019 10:00:00 GMT" },
            }),
      "https://news.example/a": () => html(articlePage(1)),
    });
    const t = poller(web);
    await t.p.poll(FEED_URL);
    const second = await t.p.poll(FEED_URL);
    assert.equal(second.status, "not-modified");
    const last = web.requests.at(-1);
    assert.deepEqual(
      [last?.url, last?.headers["if-none-match"], last?.headers["if-modified-since"]],
      [FEED_URL, '"feed-1"', "Tue, 14 May 2019 10:00:00 GMT"],
    );
    assert.equal(pagesFetched(web).length, 1);
  });

  it("fetches only the new items of a changed feed", async () => {
    let items: Item[] = [{ guid: "a", link: "https://news.example/a", title: "أ" }];
    const web = fakeWeb({
      [FEED_URL]: () => xml(rss(items)),
      "https://news.example/a": () => html(articlePage(1)),
      "https://news.example/b": () => html(articlePage(2)),
    });
    const t = poller(web);
    await t.p.poll(FEED_URL);
    items = [{ guid: "b", link: "https://news.example/b", title: "ب" }, ...items];
    const report = await t.p.poll(FEED_URL);
    assert.deepEqual([report.items, report.fresh, report.ingested], [2, 1, 1]);
    assert.deepEqual(pagesFetched(web), ["https://news.example/a", "https://news.example/b"]);
  });

  it("knows an item again by its link when its guid changes", async () => {
    let guid = "first-guid";
    const web = fakeWeb({
      [FEED_URL]: () => xml(rss([{ guid, link: "https://news.example/a", title: "أ" }])),
      "https://news.example/a": () => html(articlePage(1)),
    });
    const t = poller(web);
    await t.p.poll(FEED_URL);
    guid = "second-guid";
    assert.equal((await t.p.poll(FEED_URL)).fresh, 0);
  });

  it("keeps what it has seen in the SeenItems it is given", async () => {
    const seen = new MemorySeenItems();
    seen.add("link:https://news.example/a");
    const web = fakeWeb({
      [FEED_URL]: () => xml(rss([{ link: "https://news.example/a", title: "أ" }])),
    });
    const t = poller(web, { seen });
    assert.equal((await t.p.poll(FEED_URL)).fresh, 0);
    assert.deepEqual(pagesFetched(web), []);
  });

  it("ingests the content of an item that links nowhere", async () => {
    const web = fakeWeb({
      [FEED_URL]: () =>
        xml(
          rss([
            {
              guid: "c",
              title: "خبر كامل",
              content: PARAGRAPHS.map((p) => `<p>${p}</p>`).join(""),
            },
          ]),
        ),
    });
    const t = poller(web);
    const report = await t.p.poll(FEED_URL);
    assert.equal(report.ingested, 1);
    assert.ok(t.articles[0]?.text.startsWith("خبر كامل\n\n"));
  });
});

describe("items that fail", () => {
  it("tries an item again on the next poll after a transient failure, even if the feed is unchanged", async () => {
    let up = false;
    const web = fakeWeb({
      [FEED_URL]: (headers) =>
        headers["if-none-match"] === '"same"'
          ? new Response(null, { status: 304 })
          : xml(rss([{ guid: "a", link: "https://news.example/a", title: "أ" }]), '"same"'),
      "https://news.example/a": () =>
        up
          ? html(articlePage(1))
          : new Response("", { status: 503, statusText: "Service Unavailable" }),
    });
    const t = poller(web);
    const first = await t.p.poll(FEED_URL);
    assert.deepEqual([first.failed, first.ingested], [1, 0]);
    assert.ok(t.errors[0] instanceof HttpStatusError);
    up = true;
    const second = await t.p.poll(FEED_URL);
    assert.deepEqual([second.status, second.fresh, second.ingested], ["ok", 1, 1]);
    assert.equal((await t.p.poll(FEED_URL)).status, "not-modified");
  });

  it("does not try again an item refused for good (a page with no Arabic text)", async () => {
    const web = fakeWeb({
      [FEED_URL]: () =>
        xml(rss([{ guid: "en", link: "https://news.example/en", title: "English" }]), '"x"'),
      "https://news.example/en": () =>
        html(page(["An English page about something else entirely."])),
    });
    const t = poller(web);
    assert.equal((await t.p.poll(FEED_URL)).failed, 1);
    web.routes[FEED_URL] = () =>
      xml(rss([{ guid: "en", link: "https://news.example/en", title: "English" }]), '"y"');
    assert.equal((await t.p.poll(FEED_URL)).fresh, 0);
    assert.match(String(t.errors[0]), /has no Arabic text/);
  });

  it("leaves an item unseen when the receiver of articles fails", async () => {
    const web = fakeWeb({
      [FEED_URL]: () =>
        xml(rss([{ guid: "a", link: "https://news.example/a", title: "أ" }]), '"z"'),
      "https://news.example/a": () => html(articlePage(1)),
    });
    let fail = true;
    const t = poller(web, {
      onArticle: () => {
        if (fail) throw new Error("store unavailable");
      },
    });
    assert.equal((await t.p.poll(FEED_URL)).failed, 1);
    fail = false;
    web.routes[FEED_URL] = () =>
      xml(rss([{ guid: "a", link: "https://news.example/a", title: "أ" }]), '"z2"');
    assert.equal((await t.p.poll(FEED_URL)).ingested, 1);
  });
});

describe("scheduling and back-off", () => {
  it("doubles the wait after each failure, up to the maximum", () => {
    assert.deepEqual(
      [1, 2, 3, 4, 10].map((n) => backoffDelay(n, 60_000, 300_000)),
      [60_000, 120_000, 240_000, 300_000, 300_000],
    );
  });

  it("backs off a failing feed and returns to its interval once it works", async () => {
    let status = 500;
    const web = fakeWeb({
      [FEED_URL]: () =>
        status === 200
          ? xml(rss([]))
          : new Response("", { status, statusText: "Internal Server Error" }),
    });
    const t = poller(web, { intervalMs: 900_000, backoffInitialMs: 60_000 });
    const first = await t.p.poll(FEED_URL);
    assert.equal(first.status, "error");
    assert.match(first.error?.message ?? "", /answered HTTP 500/);
    assert.equal(first.nextPollAt, t.now() + 60_000);
    const second = await t.p.poll(FEED_URL);
    assert.equal(second.nextPollAt, t.now() + 120_000);
    assert.equal(t.p.states()[0]?.failures, 2);
    status = 200;
    const third = await t.p.poll(FEED_URL);
    assert.equal(third.nextPollAt, t.now() + 900_000);
    assert.deepEqual([t.p.states()[0]?.failures, t.p.states()[0]?.lastError], [0, undefined]);
  });

  it("waits as long as a server's Retry-After asks when that is longer", async () => {
    const web = fakeWeb({
      [FEED_URL]: () => new Response("", { status: 429, headers: { "retry-after": "3600" } }),
    });
    const t = poller(web);
    assert.equal((await t.p.poll(FEED_URL)).nextPollAt, t.now() + 3_600_000);
  });

  it("treats a body that is not a feed as a failure of the feed", async () => {
    const web = fakeWeb({ [FEED_URL]: () => html("<html><body>صيانة</body></html>") });
    const t = poller(web);
    const report = await t.p.poll(FEED_URL);
    assert.equal(report.error?.message, `${FEED_URL} is an HTML page, not a feed`);
  });

  it("polls only the feeds whose time has come, each on its own interval", async () => {
    const other = "https://other.example/rss";
    const web = fakeWeb({ [FEED_URL]: () => xml(rss([])), [other]: () => xml(rss([])) });
    const t = poller(web, {
      feeds: [
        { url: FEED_URL, intervalMs: 60_000 },
        { url: other, intervalMs: 600_000 },
      ],
    });
    assert.equal((await t.p.pollDue()).length, 2);
    t.advance(61_000);
    assert.deepEqual(
      (await t.p.pollDue()).map((r) => r.feed),
      [FEED_URL],
    );
  });

  it("starts from saved states: their validators and their schedule", async () => {
    const web = fakeWeb({ [FEED_URL]: () => new Response(null, { status: 304 }) });
    const t = poller(web, {
      states: [{ url: FEED_URL, etag: '"saved"', failures: 0, nextPollAt: 0 }],
    });
    assert.equal((await t.p.poll(FEED_URL)).status, "not-modified");
    assert.equal(web.requests[0]?.headers["if-none-match"], '"saved"');
  });

  it("polls in the background from start until stop", async () => {
    const web = fakeWeb({ [FEED_URL]: () => xml(rss([])) });
    const t = poller(web, { now: Date.now });
    t.p.start();
    await new Promise((r) => setTimeout(r, 50));
    await t.p.stop();
    assert.equal(web.requests.length, 1);
  });
});
