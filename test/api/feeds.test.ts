/** /api/feeds: add (idempotent), list (paged), show with the last poll, change, remove. */
import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import type { Store } from "../../src/store/index.js";
import {
  type App,
  allPages,
  BACKENDS,
  expectProblem,
  freshStore,
  getJson,
  type Json,
  json,
  makeApp,
  postJson,
  suite,
} from "./helpers.js";

for (const backend of BACKENDS) {
  suite(backend, "feeds", () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let app: App;

    before(async () => {
      ({ store, dispose } = await freshStore(backend.kind));
      app = makeApp(store);
    });
    after(async () => dispose());

    it("adds a feed (201, Location), and the same url again answers 200 with it", async () => {
      const res = await postJson(app, "/api/feeds", {
        url: "https://www.example.org/rss/syria.xml",
        title: "سورية",
        outlet: "مثال",
        interval: 600,
      });
      assert.equal(res.status, 201);
      const feed = await json(res);
      assert.match(feed.id, /^f-[0-9a-f]{16}$/);
      assert.equal(res.headers.get("location"), `/api/feeds/${feed.id}`);
      assert.equal(feed.url, "https://www.example.org/rss/syria.xml");
      assert.equal(feed.title, "سورية");
      assert.equal(feed.outlet, "مثال");
      assert.equal(feed.poll_interval_s, 600);
      assert.equal(feed.active, true);
      for (const k of ["last_polled_at", "last_status", "last_error", "next_poll_at"])
        assert.equal(feed[k], null, k);
      assert.equal(feed.error_count, 0);
      const again = await postJson(app, "/api/feeds", {
        url: "https://www.example.org/rss/syria.xml",
      });
      assert.equal(again.status, 200);
      assert.equal((await json(again)).id, feed.id);
    });

    it("shows the last poll's outcome", async () => {
      const feed = await json(
        await postJson(app, "/api/feeds", { url: "https://news.example/feed" }),
      );
      await store.recordPoll(feed.id, {
        status: 503,
        error: "https://news.example/feed answered HTTP 503 Service Unavailable",
        at: "2019-06-01T10:00:00.000Z",
      });
      const shown = await getJson(app, `/api/feeds/${feed.id}`);
      assert.equal(shown.last_status, 503);
      assert.match(shown.last_error, /503/);
      assert.equal(shown.last_polled_at, "2019-06-01T10:00:00.000Z");
      assert.equal(shown.error_count, 1);
      assert.ok(shown.next_poll_at > shown.last_polled_at);
    });

    it("changes title, interval and activity; null clears the title", async () => {
      const feed = await json(
        await postJson(app, "/api/feeds", { url: "https://b.example/atom", title: "ب" }),
      );
      const res = await postJson(
        app,
        `/api/feeds/${feed.id}`,
        { title: null, interval: 3600, active: false },
        {},
        "PATCH",
      );
      assert.equal(res.status, 200);
      const changed = await json(res);
      assert.equal(changed.title, null);
      assert.equal(changed.poll_interval_s, 3600);
      assert.equal(changed.active, false);
      const paused = await getJson(app, "/api/feeds?active=false");
      assert.deepEqual(
        paused.items.map((f: Json) => f.id),
        [feed.id],
      );
    });

    it("refuses bad feed fields, naming each", async () => {
      const p = await expectProblem(
        await postJson(app, "/api/feeds", {
          url: "ftp://x.example/feed",
          interval: 5,
          active: "yes",
          colour: 1,
        }),
        400,
        "invalid-parameters",
      );
      assert.deepEqual(p["invalid-params"].map((x: Json) => x.name).sort(), [
        "active",
        "colour",
        "interval",
        "url",
      ]);
      const missing = await expectProblem(
        await postJson(app, "/api/feeds", { title: "بلا رابط" }),
        400,
        "invalid-parameters",
      );
      assert.equal(missing["invalid-params"][0].name, "url");
      const feed = (await getJson(app, "/api/feeds")).items[0];
      const patch = await expectProblem(
        await postJson(
          app,
          `/api/feeds/${feed.id}`,
          { url: "https://other.example/" },
          {},
          "PATCH",
        ),
        400,
        "invalid-parameters",
      );
      assert.match(patch["invalid-params"][0].reason, /cannot change/);
    });

    it("lists feeds by id, paged without loss or repeat", async () => {
      for (let i = 0; i < 5; i++) {
        await postJson(app, "/api/feeds", { url: `https://many.example/${i}.xml` });
      }
      const whole = (await getJson(app, "/api/feeds?limit=500")).items.map((f: Json) => f.id);
      assert.deepEqual(whole, [...whole].sort());
      const pages = await allPages(app, "/api/feeds?limit=2");
      assert.deepEqual(
        pages.flat().map((f: Json) => f.id),
        whole,
      );
      await expectProblem(
        await app.request("/api/feeds?cursor=WyJ4Il0"),
        400,
        "invalid-parameters",
      );
    });

    it("removes a feed (204), then it is gone (404)", async () => {
      const feed = await json(
        await postJson(app, "/api/feeds", { url: "https://gone.example/rss" }),
      );
      const del = await app.request(`/api/feeds/${feed.id}`, { method: "DELETE" });
      assert.equal(del.status, 204);
      assert.equal(await del.text(), "");
      await expectProblem(await app.request(`/api/feeds/${feed.id}`), 404, "not-found");
      await expectProblem(
        await app.request(`/api/feeds/${feed.id}`, { method: "DELETE" }),
        404,
        "not-found",
      );
      await expectProblem(
        await postJson(app, `/api/feeds/${feed.id}`, { title: "x" }, {}, "PATCH"),
        404,
        "not-found",
      );
    });
  });
}
