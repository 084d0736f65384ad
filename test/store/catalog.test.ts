/**
 * The store's other lists, on every backend: places, actors and sources with their counts;
 * stories of near-duplicate articles; feeds and the items seen in them.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Store } from "../../src/store/types.js";
import {
  allPages,
  BACKENDS,
  DAMASCUS_ARREST,
  KAFR_NABL_A,
  KAFR_NABL_B,
  KAFR_NABL_C,
  MAARRAT,
  put,
  suite,
  withStore,
} from "./helpers.js";

for (const backend of BACKENDS) {
  suite(backend, "catalog", () => {
    const withS = <T>(fn: (s: Store) => Promise<T>) => withStore(backend.kind, fn);

    it("lists places with how often they are named, in how many articles, and how many events are coded there", () =>
      withS(async (store) => {
        for (const a of [
          KAFR_NABL_A(),
          KAFR_NABL_B(),
          KAFR_NABL_C(),
          MAARRAT(),
          DAMASCUS_ARREST(),
        ]) {
          await put(store, a);
        }
        const places = await store.listPlaces();
        const kafrNabl = places.items.find((p) => p.id === "ocha:C4068");
        assert.deepEqual(
          [kafrNabl?.mentions, kafrNabl?.articles, kafrNabl?.events],
          [3, 3, 1],
          "three articles name it; their three reports are one event",
        );
        assert.equal(places.items[0]?.id, "ocha:C4068", "most events first");
        // The arrest in the Midan quarter is coded at Damascus, the town the quarter lies in.
        const damascus = places.items.find((p) => p.name === "Damascus");
        assert.equal(damascus?.events, 1);
        const midan = places.items.find((p) => p.id === "rasd:sy-dam-midan");
        assert.deepEqual([midan?.mentions, midan?.events], [1, 0]);
        const inIdlib = await store.listPlaces({ admin1: "Idlib" });
        assert.ok(inIdlib.items.every((p) => p.admin1 === "Idlib"));
        const box = await store.listPlaces({ bbox: [36.5, 35.6, 36.6, 35.65] });
        assert.deepEqual(
          box.items.map((p) => p.id),
          ["ocha:C4068"],
        );
        const pages = await allPages((cursor) => store.listPlaces({ limit: 2, cursor }));
        assert.deepEqual(
          pages.flat().map((p) => p.id),
          places.items.map((p) => p.id),
        );
      }));

    it("lists actors with their events and reports", () =>
      withS(async (store) => {
        for (const a of [KAFR_NABL_A(), KAFR_NABL_B(), MAARRAT(), DAMASCUS_ARREST()])
          await put(store, a);
        const actors = await store.listActors();
        assert.deepEqual(actors.items, [
          // the shelling's victims (مقتل خمسة مدنيين) are its actor2
          { name: "Civilians (Syria)", inter: 7, events: 2, reports: 3 },
          { name: "Military Forces of Syria (2000-2024)", inter: 1, events: 2, reports: 3 },
          { name: "Police Forces of Syria", inter: 1, events: 1, reports: 1 },
        ]);
        const police = await store.listActors({ q: "police" });
        assert.deepEqual(
          police.items.map((a) => a.name),
          ["Police Forces of Syria"],
        );
        assert.equal(
          (await store.listActors({ q: "50%_" })).items.length,
          0,
          "LIKE wildcards are literal",
        );
      }));

    it("lists sources with the reports and events they stand behind", () =>
      withS(async (store) => {
        for (const a of [KAFR_NABL_A(), KAFR_NABL_B(), MAARRAT()]) await put(store, a);
        const sources = await store.listSources();
        const monitor = sources.items.find((s) => s.name === "المرصد السوري لحقوق الإنسان");
        assert.deepEqual([monitor?.kind, monitor?.reports, monitor?.events], ["monitor", 1, 1]);
        const outlets = await store.listSources({ kind: "outlet" });
        assert.deepEqual(outlets.items.map((s) => s.name).sort(), [
          "الجزيرة",
          "العربي الجديد",
          "عنب بلدي",
        ]);
      }));

    describe("stories", () => {
      it("puts near-duplicates in one story, merges stories, and dissolves one left with a single article", () =>
        withS(async (store) => {
          const a = await put(store, KAFR_NABL_A());
          const b = await put(store, KAFR_NABL_B());
          const c = await put(store, KAFR_NABL_C());
          const m = await put(store, MAARRAT());
          const s1 = await store.linkStory(b.article_id, a.article_id);
          assert.equal(
            await store.linkStory(a.article_id, b.article_id),
            s1,
            "linking again changes nothing",
          );
          const s2 = await store.linkStory(c.article_id, m.article_id);
          assert.notEqual(s1, s2);
          const merged = await store.linkStory(a.article_id, c.article_id);
          assert.equal(merged, s2, "the first article's story moves into the other's");
          assert.equal(await store.getStory(s1), null);
          const story = await store.getStory(s2);
          assert.deepEqual(
            story?.articles.map((x) => x.id).sort(),
            [a.article_id, b.article_id, c.article_id, m.article_id].sort(),
          );
          assert.equal((await store.searchArticles({ storyId: s2 })).items.length, 4);
          for (const x of [a, b, c]) await store.unlinkStory(x.article_id);
          assert.equal(await store.getStory(s2), null, "one article is no story");
          assert.equal((await store.getArticle(m.article_id))?.story_id, null);
          await assert.rejects(store.linkStory(a.article_id, "a-missing"), /no article/);
        }));
    });

    describe("feeds", () => {
      it("adds a feed once per url and lists those due for polling", () =>
        withS(async (store) => {
          const f = await store.addFeed({
            url: "https://example.org/rss",
            title: "مثال",
            outlet: "مثال",
          });
          assert.match(f.id, /^f-[0-9a-f]{16}$/);
          assert.deepEqual(
            [f.active, f.poll_interval_s, f.error_count, f.next_poll_at],
            [true, 900, 0, null],
          );
          assert.deepEqual(await store.addFeed({ url: "https://example.org/rss" }), f);
          const g = await store.addFeed({ url: "https://example.org/other", pollIntervalS: 60 });
          assert.equal((await store.listFeeds()).length, 2);
          await store.recordPoll(f.id, { status: 200, at: "2024-01-01T00:00:00.000Z" });
          const due = await store.listFeeds({ dueAt: "2024-01-01T00:10:00.000Z" });
          assert.deepEqual(
            due.map((x) => x.id),
            [g.id],
            "f polled at midnight is next due at 00:15",
          );
          await store.updateFeed(g.id, { active: false });
          assert.deepEqual(await store.listFeeds({ dueAt: "2024-01-01T00:10:00.000Z" }), []);
          assert.equal((await store.listFeeds({ active: false }))[0]?.id, g.id);
        }));

      it("records polls: status, validators, errors in a row and a backed-off next poll", () =>
        withS(async (store) => {
          const f = await store.addFeed({ url: "https://example.org/rss", pollIntervalS: 600 });
          let p = await store.recordPoll(f.id, {
            status: 200,
            at: "2024-01-01T00:00:00.000Z",
            etag: '"abc"',
            lastModified: "Mon, 01 Jan 2024 00:00:00 GMT",
          });
          assert.deepEqual(
            [p?.last_status, p?.etag, p?.last_modified, p?.next_poll_at],
            [200, '"abc"', "Mon, 01 Jan 2024 00:00:00 GMT", "2024-01-01T00:10:00.000Z"],
          );
          p = await store.recordPoll(f.id, { status: 304, at: "2024-01-01T00:10:00.000Z" });
          assert.equal(p?.etag, '"abc"', "a 304 keeps the validators");
          p = await store.recordPoll(f.id, {
            status: 503,
            at: "2024-01-01T00:20:00.000Z",
            error: "HTTP 503",
          });
          assert.deepEqual(
            [p?.error_count, p?.last_error, p?.next_poll_at],
            [1, "HTTP 503", "2024-01-01T00:40:00.000Z"],
          );
          p = await store.recordPoll(f.id, {
            status: null,
            at: "2024-01-01T00:40:00.000Z",
            error: "timeout",
          });
          assert.deepEqual([p?.error_count, p?.next_poll_at], [2, "2024-01-01T01:20:00.000Z"]);
          p = await store.recordPoll(f.id, { status: 200, at: "2024-01-01T01:20:00.000Z" });
          assert.deepEqual([p?.error_count, p?.last_error], [0, null]);
          assert.equal(await store.recordPoll("f-missing", { status: 200 }), null);
        }));

      it("remembers the items seen in a feed, and forgets them with the feed", () =>
        withS(async (store) => {
          const f = await store.addFeed({ url: "https://example.org/rss" });
          const other = await store.addFeed({ url: "https://example.org/other" });
          assert.deepEqual(await store.unseenItems(f.id, ["a", "b", "c"]), ["a", "b", "c"]);
          const art = await put(store, KAFR_NABL_A());
          assert.equal(await store.markSeen(f.id, ["a", "b"], art.article_id), 2);
          assert.equal(await store.markSeen(f.id, ["b", "c"]), 1, "b was seen already");
          assert.deepEqual(await store.unseenItems(f.id, ["a", "d", "c", "e"]), ["d", "e"]);
          assert.deepEqual(await store.unseenItems(other.id, ["a"]), ["a"], "per feed");
          const many = Array.from({ length: 450 }, (_, i) => `item-${i}`);
          assert.equal(await store.markSeen(other.id, many), 450);
          assert.deepEqual(await store.unseenItems(other.id, [...many, "new"]), ["new"]);
          assert.equal(await store.removeFeed(f.id), true);
          assert.equal(await store.getFeed(f.id), null);
          assert.equal(await store.removeFeed(f.id), false);
          const again = await store.addFeed({ url: "https://example.org/rss" });
          assert.deepEqual(await store.unseenItems(again.id, ["a"]), ["a"]);
          assert.equal((await store.updateFeed(again.id, { title: "جديد" }))?.title, "جديد");
          await assert.rejects(
            store.addFeed({ url: "https://example.org/x", pollIntervalS: 0 }),
            /interval/,
          );
        }));
    });
  });
}
