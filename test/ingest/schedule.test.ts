/**
 * The feed schedule over a store: each stored feed polled with its ETag, new items analysed and
 * stored once (or queued for workers), failures backed off and recorded.
 */
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { analyze } from "../../src/index.js";
import { type ArticleFields, toArticle } from "../../src/ingest/index.js";
import {
  type FeedQueue,
  type FeedScheduleOptions,
  pollDueFeeds,
} from "../../src/ingest/schedule.js";
import { openStore } from "../../src/store/index.js";
import type { Store } from "../../src/store/types.js";

const PAGE = (n: number) => `<!doctype html><html lang="ar"><head><meta charset="utf-8">
<title>قصف على سراقب ${n}</title></head><body><article><h1>قصف على سراقب ${n}</h1>
<p>قصفت قوات النظام مدينة سراقب في ريف إدلب يوم الثلاثاء بالمدفعية، ما أسفر عن مقتل ${n + 1} مدنيين بحسب ناشطين.</p>
<p>وأفاد الدفاع المدني بأن فرقه عملت على إسعاف الجرحى ونقلهم إلى المستشفى الميداني في المدينة.</p>
</article></body></html>`;

let feedHits = 0;
let failing = false;
const server = createServer((req, res) => {
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  if (req.url === "/feed.xml") {
    feedHits++;
    if (failing) return void res.writeHead(503).end();
    if (req.headers["if-none-match"] === '"v1"') return void res.writeHead(304).end();
    res.writeHead(200, { "content-type": "application/rss+xml", etag: '"v1"' });
    res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>أخبار</title>
<item><title>أ</title><link>${base}/a/1</link><guid>1</guid></item>
<item><title>ب</title><link>${base}/a/2</link><guid>2</guid></item></channel></rss>`);
  } else if (req.url?.startsWith("/a/")) {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(PAGE(Number(req.url.slice(3))));
  } else res.writeHead(404).end();
});

let store: Store;
let url: string;
let clock = Date.parse("2026-01-01T00:00:00Z");
const options = (): FeedScheduleOptions => ({
  store,
  now: () => clock,
  ingest: async (page) => {
    const article = toArticle(page);
    const put = await store.putArticle(
      { text: article.text, url: page.url ?? null },
      analyze(article),
    );
    return put.article_id;
  },
});

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
  store = await openStore({ path: ":memory:" });
});
after(async () => {
  await store.close();
  server.close();
});

describe("polling the stored feeds", () => {
  it("stores each new item of a due feed and records the poll with its ETag", async () => {
    const feed = await store.addFeed({ url, pollIntervalS: 600 });
    const [report] = await pollDueFeeds(options());
    assert.equal(report?.ingested, 2);
    assert.equal((await store.searchArticles({})).items.length, 2);
    const after = await store.getFeed(feed.id);
    assert.equal(after?.last_status, 200);
    assert.equal(after?.etag, '"v1"');
    assert.equal(after?.next_poll_at, new Date(clock + 600_000).toISOString());
  });

  it("leaves a feed alone until it is due, then asks with its ETag and stores nothing twice", async () => {
    const hits = feedHits;
    assert.deepEqual(await pollDueFeeds(options()), []);
    assert.equal(feedHits, hits);
    clock += 601_000;
    const [report] = await pollDueFeeds(options());
    assert.equal(report?.status, "not-modified");
    assert.equal((await store.searchArticles({})).items.length, 2);
  });

  it("backs a failing feed off and counts its errors", async () => {
    failing = true;
    clock += 601_000;
    const [report] = await pollDueFeeds(options());
    assert.equal(report?.status, "error");
    const [feed] = await store.listFeeds();
    assert.equal(feed?.error_count, 1);
    assert.ok(Date.parse(feed?.next_poll_at ?? "") > clock);
    failing = false;
  });
});

describe("polling the stored feeds into a job queue", () => {
  it("queues each new item once, with the feed's outlet and where it came from, and marks it seen", async () => {
    const own = await openStore({ path: ":memory:" });
    const sent: { job: ArticleFields & { where?: string } }[] = [];
    const queue: FeedQueue = {
      enqueue: async (job) => {
        sent.push({ job });
        return { articleId: `a-queued-${sent.length}` }; // not stored: must not be linked
      },
    };
    try {
      const feed = await own.addFeed({ url, outlet: "شبكة سراقب", pollIntervalS: 600 });
      const queued = { store: own, queue, now: () => clock };
      const [report] = await pollDueFeeds(queued);
      assert.equal(report?.ingested, 2);
      assert.deepEqual(
        sent.map((s) => [s.job.outlet, s.job.where?.replace(/^.*\//, "")]),
        [
          ["شبكة سراقب", "1"],
          ["شبكة سراقب", "2"],
        ],
      );
      assert.match(sent[0]?.job.text ?? "", /قصفت قوات النظام مدينة سراقب/);
      assert.deepEqual(Object.keys(sent[0]?.job ?? {}).sort(), [
        "canonicalUrl",
        "id",
        "outlet",
        "published",
        "text",
        "title",
        "url",
        "where",
      ]);
      // Nothing analysed or stored here: the workers do that.
      assert.equal((await own.searchArticles({})).items.length, 0);
      assert.deepEqual(await own.unseenItems(feed.id, ["guid:1", "guid:2"]), []);
      assert.equal(report?.failed, 0);
      clock += 601_000;
      await pollDueFeeds(queued);
      assert.equal(sent.length, 2);
    } finally {
      await own.close();
    }
  });
});
