/**
 * POST /api/articles (text, HTML, a URL on a local server), GET /api/articles (search, filters,
 * pages) and GET /api/articles/{id}.
 */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import type { Store } from "../../src/store/index.js";
import {
  ALL_ARTICLES,
  type App,
  ATAREB_A,
  ATAREB_B,
  allPages,
  BACKENDS,
  DARAA_PROTEST,
  expectProblem,
  freshStore,
  getJson,
  type Json,
  json,
  MOSUL_IED,
  makeApp,
  postJson,
  SEED_ARTICLE,
  seedArticles,
  suite,
} from "./helpers.js";
import { ENGLISH_PAGE, SARAQEB_PAGE } from "./pages.js";

for (const backend of BACKENDS) {
  suite(backend, "articles", () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let app: App;
    let posted: Json[];

    before(async () => {
      ({ store, dispose } = await freshStore(backend.kind));
      app = makeApp(store);
      posted = await seedArticles(app);
    });
    after(async () => dispose());

    it("answers 201 with the stored article, its event ids and its analysis", async () => {
      const seed = posted[0];
      assert.equal(seed.created, true);
      assert.match(seed.article.id, /^a-[0-9a-f]{20}$/);
      assert.equal(seed.article.text, SEED_ARTICLE.text);
      assert.equal(seed.article.outlet, "العربي الجديد");
      assert.equal(seed.article.published, "2017-11-02");
      assert.equal(seed.article.url, SEED_ARTICLE.url);
      assert.equal(typeof seed.article.analyzed_with, "string");
      assert.equal(seed.analysis.rasd_version, seed.article.analyzed_with);
      assert.ok(seed.analysis.events.length >= 3, "the seed reports several events");
      assert.equal(seed.event_ids.length, seed.analysis.events.length);
      for (const id of seed.event_ids) assert.match(id, /^SYR-[0-9a-f]{16}/);
      assert.equal(seed.extracted, null, "plain text is not extracted");
      // The analysis' spans point into the stored text.
      const e = seed.analysis.events[0];
      for (const ev of e.evidence) assert.ok(ev.end <= seed.article.text.length);
    });

    it("sets Location to the new article", async () => {
      const res = await postJson(app, "/api/articles", {
        text: "اعتقلت قوات الأمن العراقية ثلاثة مطلوبين في مدينة البصرة أمس.",
        published: "2019-06-20",
      });
      assert.equal(res.status, 201);
      const body = await json(res);
      assert.equal(res.headers.get("location"), `/api/articles/${body.article.id}`);
    });

    it("answers 200 with the same article when the same text and outlet come again", async () => {
      const again = await postJson(app, "/api/articles", ATAREB_A);
      assert.equal(again.status, 200);
      const body = await json(again);
      assert.equal(body.created, false);
      assert.equal(body.article.id, posted[1].article.id);
      assert.deepEqual(body.event_ids, posted[1].event_ids);
      assert.equal(again.headers.get("location"), null);
    });

    it("the same text from another outlet is another article in the same story", async () => {
      const res = await postJson(app, "/api/articles", { ...MOSUL_IED, outlet: "عنب بلدي" });
      assert.equal(res.status, 201);
      const body = await json(res);
      assert.notEqual(body.article.id, posted[4].article.id);
      assert.ok(body.story_id, "the twin texts form a story");
    });

    it("GET /api/articles/{id}: text, metadata, annotations, reports, claims, disputes", async () => {
      const seed = posted[0];
      const a = await getJson(app, `/api/articles/${seed.article.id}`);
      assert.equal(a.id, seed.article.id);
      assert.equal(a.text, SEED_ARTICLE.text);
      assert.ok(Array.isArray(a.entities) && a.entities.length > 0);
      assert.ok(Array.isArray(a.places) && a.places.length > 0);
      assert.equal(a.reports.length, seed.analysis.events.length);
      assert.ok(a.claims.length > 0, "the seed has claims");
      assert.ok(a.disputes.length > 0, "the seed has a dispute");
      assert.ok(a.annotations.parts.length > 0);
    });

    it("GET /api/articles/{id} of an unknown id is a 404 problem", async () => {
      const res = await app.request("/api/articles/a-00000000000000000000");
      const p = await expectProblem(res, 404, "not-found");
      assert.match(p.detail, /a-00000000000000000000/);
    });

    it("lists every article newest first, with snippets and no text", async () => {
      const body = await getJson(app, "/api/articles");
      assert.ok(body.items.length >= ALL_ARTICLES.length);
      const dates = body.items.map((a: Json) => a.published);
      assert.deepEqual(dates, [...dates].sort().reverse());
      for (const a of body.items) {
        assert.equal(a.text, undefined);
        assert.equal(typeof a.snippet, "string");
      }
      assert.equal(body.next_cursor, null);
      assert.equal(body.next, null);
    });

    it("searches the text after normalisation (harakat in the query)", async () => {
      const body = await getJson(app, `/api/articles?q=${encodeURIComponent("الأتارِب")}`);
      const ids = body.items.map((a: Json) => a.id).sort();
      assert.deepEqual(ids, [posted[1].article.id, posted[2].article.id].sort());
      for (const a of body.items) assert.ok(a.matches.length > 0);
    });

    it("filters by outlet and publication dates", async () => {
      const jazeera = await getJson(app, `/api/articles?outlet=${encodeURIComponent("الجزيرة")}`);
      assert.ok(jazeera.items.length >= 2);
      for (const a of jazeera.items) assert.equal(a.outlet, "الجزيرة");
      const june = await getJson(app, "/api/articles?from=2019-06-05&to=2019-06-10");
      const days = june.items.map((a: Json) => a.published);
      assert.ok(days.includes(DARAA_PROTEST.published));
      assert.ok(days.includes(MOSUL_IED.published));
      for (const d of days) assert.ok(d >= "2019-06-05" && d <= "2019-06-10", d);
      const none = await getJson(app, "/api/articles?from=2030-01-01");
      assert.deepEqual(none.items, []);
    });

    it("pages through the articles without loss or repeat", async () => {
      const whole = (await getJson(app, "/api/articles?limit=500")).items.map((a: Json) => a.id);
      const pages = await allPages(app, "/api/articles?limit=2");
      assert.ok(pages.length >= 3);
      for (const p of pages.slice(0, -1)) assert.equal(p.length, 2);
      assert.deepEqual(
        pages.flat().map((a: Json) => a.id),
        whole,
      );
    });

    it("refuses bad search parameters, naming each", async () => {
      const res = await app.request("/api/articles?from=2019-02-30&limit=0&sort=date");
      const p = await expectProblem(res, 400, "invalid-parameters");
      assert.deepEqual(p["invalid-params"].map((x: Json) => x.name).sort(), [
        "from",
        "limit",
        "sort",
      ]);
    });

    it("refuses a cursor of another list", async () => {
      const events = await getJson(app, "/api/events?limit=1");
      assert.ok(events.next_cursor);
      const res = await app.request(`/api/articles?cursor=${events.next_cursor}`);
      const p = await expectProblem(res, 400, "invalid-parameters");
      assert.equal(p["invalid-params"][0].name, "cursor");
    });

    it("posts the duplicate of ATAREB_B's text under its URL as a known article", async () => {
      const res = await postJson(app, "/api/articles", ATAREB_B);
      assert.equal(res.status, 200);
    });
  });
}

describe("articles from HTML and from URLs", () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let app: App;
  let server: Server;
  let base: string;
  const hits: string[] = [];

  before(async () => {
    ({ store, dispose } = await freshStore());
    server = createServer((req, res) => {
      hits.push(req.url ?? "");
      switch (req.url) {
        case "/news/saraqeb":
          res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
          res.end(SARAQEB_PAGE);
          return;
        case "/moved":
          res.writeHead(302, { location: "/news/saraqeb" });
          res.end();
          return;
        case "/english":
          res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
          res.end(ENGLISH_PAGE);
          return;
        case "/report.pdf":
          res.writeHead(200, { "content-type": "application/pdf" });
          res.end("%PDF-1.4");
          return;
        case "/huge":
          res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
          res.write(`<html><body><p>${"نص ".repeat(20_000)}</p>`);
          res.end("</body></html>");
          return;
        case "/slow":
          // Never answers; the API's deadline must.
          return;
        default:
          res.writeHead(404, { "content-type": "text/plain" });
          res.end("not found");
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    app = makeApp(store, {
      allowPrivateNetworks: true,
      fetchTimeoutMs: 500,
      fetchMaxBytes: 64 * 1024,
    });
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await dispose();
  });

  it("reads posted HTML through the page extractor: no menu, share bar or caption in the text", async () => {
    const res = await postJson(app, "/api/articles", {
      html: SARAQEB_PAGE,
      url: "https://example.org/news/saraqeb?utm=x",
    });
    const body = await json(res);
    assert.equal(res.status, 201, JSON.stringify(body));
    assert.equal(body.article.title, "قصف على بلدة سراقب");
    assert.equal(body.article.outlet, "موقع الاختبار");
    assert.equal(body.article.published, "2019-06-12", "the day as the page wrote it");
    assert.equal(body.article.url, "https://example.org/news/saraqeb?utm=x");
    assert.equal(body.article.canonical_url, "https://example.org/news/saraqeb");
    assert.ok(!body.article.text.includes("شارك"));
    assert.ok(!body.article.text.includes("الرئيسية"));
    assert.ok(!body.article.text.includes("عدسة"));
    assert.deepEqual(body.extracted.captions, [
      { text: "آثار القصف على البلدة", credit: "عدسة شاب حلبي" },
    ]);
    const e = body.analysis.events[0];
    assert.equal(e.location, "Saraqab");
    assert.equal(e.fatalities, 3);
  });

  it("lets the body's title, outlet and date win over the page's", async () => {
    const res = await postJson(app, "/api/articles", {
      html: SARAQEB_PAGE,
      title: "عنوان آخر",
      outlet: "منفذ الاختبار",
      published: "2019-06-13T01:00:00+03:00",
    });
    const body = await json(res);
    assert.equal(res.status, 201, JSON.stringify(body));
    assert.equal(body.article.title, "عنوان آخر");
    assert.equal(body.article.outlet, "منفذ الاختبار");
    assert.equal(body.article.published, "2019-06-13");
  });

  it("fetches a posted URL, following a redirect, and stores the page", async () => {
    const fresh = await freshStore();
    try {
      const app2 = makeApp(fresh.store, { allowPrivateNetworks: true, fetchTimeoutMs: 500 });
      const res = await postJson(app2, "/api/articles", { url: `${base}/moved` });
      const body = await json(res);
      assert.equal(res.status, 201, JSON.stringify(body));
      assert.equal(body.article.url, `${base}/news/saraqeb`, "the final URL");
      assert.equal(body.article.canonical_url, "https://example.org/news/saraqeb");
      assert.equal(body.extracted.url, `${base}/news/saraqeb`);
      assert.equal(body.analysis.events[0].location, "Saraqab");
      assert.ok(hits.includes("/moved") && hits.includes("/news/saraqeb"));
      const again = await postJson(app2, "/api/articles", { url: `${base}/news/saraqeb` });
      assert.equal(again.status, 200, "the same page again is the same article");
      assert.equal((await json(again)).article.id, body.article.id);
    } finally {
      await fresh.dispose();
    }
  });

  it("answers a page that is not Arabic with 422", async () => {
    const p = await expectProblem(
      await postJson(app, "/api/articles", { url: `${base}/english` }),
      422,
      "unprocessable-article",
    );
    assert.equal(p.reason, "not-arabic");
    const q = await expectProblem(
      await postJson(app, "/api/articles", { html: ENGLISH_PAGE }),
      422,
      "unprocessable-article",
    );
    assert.equal(q.reason, "not-arabic");
  });

  it("answers a URL that is not an HTML page with 422", async () => {
    const p = await expectProblem(
      await postJson(app, "/api/articles", { url: `${base}/report.pdf` }),
      422,
      "unprocessable-article",
    );
    assert.equal(p.reason, "not-html");
  });

  it("answers a page over the fetch size limit with 422", async () => {
    const p = await expectProblem(
      await postJson(app, "/api/articles", { url: `${base}/huge` }),
      422,
      "unprocessable-article",
    );
    assert.equal(p.reason, "too-large");
  });

  it("answers a URL that answers 404 with 502, giving the upstream status", async () => {
    const p = await expectProblem(
      await postJson(app, "/api/articles", { url: `${base}/gone` }),
      502,
      "upstream-failed",
    );
    assert.equal(p.upstream_status, 404);
  });

  it("answers a URL that does not answer in time with 504", async () => {
    const t0 = Date.now();
    const p = await expectProblem(
      await postJson(app, "/api/articles", { url: `${base}/slow` }),
      504,
      "upstream-timeout",
    );
    assert.equal(p.reason, "timeout");
    assert.ok(Date.now() - t0 < 5000);
  });

  it("answers a URL nobody listens on with 502", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const p = await expectProblem(
      await postJson(app, "/api/articles", { url: `http://127.0.0.1:${port}/x` }),
      502,
      "upstream-failed",
    );
    assert.equal(p.reason, "network");
  });

  it("by default refuses URLs that lead to loopback or private addresses", async () => {
    const strict = makeApp(store);
    const before = hits.length;
    for (const url of [
      `${base}/news/saraqeb`,
      "http://localhost:9/x",
      "http://[::1]:9/x",
      "http://169.254.169.254/latest/meta-data/",
      "http://10.1.2.3/",
    ]) {
      const p = await expectProblem(
        await postJson(strict, "/api/articles", { url }),
        400,
        "invalid-parameters",
      );
      assert.equal(p["invalid-params"][0].name, "url");
      assert.match(p["invalid-params"][0].reason, /private|local/);
    }
    assert.equal(hits.length, before, "nothing was fetched");
  });

  it("uses an injected fetch", async () => {
    const seen: string[] = [];
    const injected = makeApp(store, {
      allowPrivateNetworks: true,
      fetch: async (url) => {
        seen.push(url);
        return new Response(SARAQEB_PAGE.replace("ثلاثة مدنيين", "أربعة مدنيين"), {
          status: 200,
          headers: { "content-type": "text/html; charset=utf-8" },
        });
      },
    });
    const res = await postJson(injected, "/api/articles", { url: "https://news.example/a/1" });
    const body = await json(res);
    assert.equal(res.status, 201, JSON.stringify(body));
    assert.deepEqual(seen, ["https://news.example/a/1"]);
    assert.equal(body.analysis.events[0].fatalities, 4);
  });
});
