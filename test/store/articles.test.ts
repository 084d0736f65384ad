/**
 * Articles in the store, on every backend: stored with their analysis in one transaction,
 * idempotently, re-analysed without loss, found again by normalised full-text search.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { analyze } from "../../src/index.js";
import type { AnalysisResult } from "../../src/output/json.js";
import { prepareArticle } from "../../src/store/prepare.js";
import type { Store } from "../../src/store/types.js";
import { SEED } from "../helpers.js";
import {
  type Analysed,
  allPages,
  analysed,
  BACKENDS,
  claimAbout,
  DAMASCUS_ARREST,
  KAFR_NABL_A,
  KAFR_NABL_B,
  MAARRAT,
  put,
  suite,
  withStore,
} from "./helpers.js";

const seed = analysed("العربي الجديد", "2017-11-02", SEED, "https://www.alaraby.co.uk/seed");

/** Two claims with one id: the claims insert fails after the article, its mentions and reports went in. */
function withDuplicateClaims(a: AnalysisResult): AnalysisResult {
  const claim = claimAbout(
    "doc:c1",
    a.events.map((e) => e.id),
  );
  return { ...a, claims: [claim, claim] };
}

async function counts(store: Store) {
  const events = await store.listEvents({ limit: 500 });
  const disputes = await store.listDisputes({ limit: 500 });
  const claims = await store.listClaims({ limit: 500 });
  const places = await store.listPlaces({ limit: 500 });
  return {
    events: events.items.map((e) => [e.id, e.report_count, e.fatalities, e.disputed]),
    disputes: disputes.items.map((d) => d.id),
    claims: claims.items.map((c) => c.id),
    places: places.items.map((p) => [p.id, p.mentions]),
  };
}

for (const backend of BACKENDS) {
  suite(backend, "articles", () => {
    const withS = <T>(fn: (s: Store) => Promise<T>) => withStore(backend.kind, fn);

    it("opens at the latest schema version; migrating again applies nothing", () =>
      withS(async (store) => {
        assert.deepEqual(await store.schemaVersion(), {
          version: 4,
          name: "0004_drop_unread_indexes",
          latest: 4,
        });
        assert.deepEqual(await store.migrate(), []);
      }));

    it("stores an article with its analysis and gives it back: text, metadata, derived rows", () =>
      withS(async (store) => {
        const r = await put(store, seed);
        assert.equal(r.created, true);
        assert.match(r.article_id, /^a-[0-9a-f]{20}$/);
        assert.equal(r.event_ids.length, seed.analysis.events.length);
        const a = await store.getArticle(r.article_id);
        assert.ok(a);
        assert.equal(a.text, SEED);
        assert.equal(a.outlet, "العربي الجديد");
        assert.equal(a.published, "2017-11-02");
        assert.equal(a.url, "https://www.alaraby.co.uk/seed");
        assert.equal(a.analyzed_with, seed.analysis.rasd_version);
        assert.equal(a.entities.length, seed.analysis.entities.length);
        assert.deepEqual(
          a.places.map((p) => [p.start, p.end, p.gazetteer_id]),
          seed.analysis.places.map((p) => [p.start, p.end, p.gazetteer_id]),
        );
        assert.deepEqual(
          a.reports.map((x) => x.record),
          seed.analysis.events,
          "each event as analysed, evidence and attribution included",
        );
        assert.equal(a.claims.length, seed.analysis.claims.length);
        assert.equal(a.disputes.length, seed.analysis.disputes.length);
        assert.deepEqual(a.annotations.non_events, seed.analysis.non_events);
        assert.equal(await store.findArticleByUrl("https://www.alaraby.co.uk/seed"), r.article_id);
      }));

    it("says which of some article ids are stored, without reading the articles", () =>
      withS(async (store) => {
        assert.deepEqual(await store.storedArticleIds([]), []);
        const r = await put(store, seed);
        assert.deepEqual(await store.storedArticleIds(["a-00000000000000000000", r.article_id]), [
          r.article_id,
        ]);
      }));

    it("keeps the evidence spans pointing into the stored text", () =>
      withS(async (store) => {
        const r = await put(store, seed);
        const a = await store.getArticle(r.article_id);
        const battle = a?.reports.find((x) => x.record.event_type === "Battles");
        const trigger = battle?.record.evidence.find((x) => x.role === "trigger");
        assert.ok(trigger);
        assert.equal(
          a?.text.slice(trigger.start, trigger.end),
          SEED.slice(trigger.start, trigger.end),
        );
        const claim = a?.claims[0];
        assert.equal(claim?.content_text, SEED.slice(claim?.content.start, claim?.content.end));
      }));

    it("is idempotent by content hash: the same article twice is one article", () =>
      withS(async (store) => {
        const first = await put(store, KAFR_NABL_A());
        const again = await put(store, KAFR_NABL_A());
        assert.equal(again.created, false);
        assert.equal(again.article_id, first.article_id);
        assert.deepEqual(again.event_ids, first.event_ids);
        const page = await store.searchArticles({});
        assert.equal(page.items.length, 1);
        const events = await store.listEvents();
        assert.equal(events.items[0]?.report_count, 1);
      }));

    it("takes a copy re-posted with other spacing for the same article", () =>
      withS(async (store) => {
        const a = KAFR_NABL_A();
        const first = await put(store, a);
        const text = `${a.input.text.replace(/ /g, "  ")}\n`;
        const { outlet, published } = a.input;
        const analysis = analyze({ text, outlet: outlet ?? "", published: published ?? "" });
        const again = await store.putArticle({ ...a.input, text }, analysis);
        assert.equal(again.created, false);
        assert.equal(again.article_id, first.article_id);
        assert.equal((await store.searchArticles({})).items.length, 1);
      }));

    it("stores the same text from another outlet as another article, in one story with it", () =>
      withS(async (store) => {
        const a = KAFR_NABL_A();
        const first = await put(store, a);
        const copy = await store.putArticle({ ...a.input, outlet: "وكالة ما" }, a.analysis);
        assert.equal(copy.created, true);
        assert.notEqual(copy.article_id, first.article_id);
        assert.ok(copy.story_id);
        assert.equal((await store.getArticle(first.article_id))?.story_id, copy.story_id);
      }));

    it("refuses an analysis of another text: its spans would point nowhere", () =>
      withS(async (store) => {
        const a = KAFR_NABL_A();
        await assert.rejects(
          store.putArticle({ ...a.input, text: `${a.input.text} إضافة` }, a.analysis),
          /spans would point nowhere/,
        );
        await assert.rejects(
          store.putArticle({ ...a.input, published: "10/05/2019" }, a.analysis),
          /YYYY-MM-DD/,
        );
      }));

    it("writes an article and everything derived from it in one transaction: a failing insert leaves nothing, earlier rows intact", () =>
      withS(async (store) => {
        await put(store, KAFR_NABL_A());
        const before = await counts(store);
        const b = KAFR_NABL_B();
        // B's report would join A's event (and change its toll) before the claims insert fails.
        await assert.rejects(store.putArticle(b.input, withDuplicateClaims(b.analysis)));
        assert.deepEqual(await counts(store), before);
        assert.equal((await store.searchArticles({})).items.length, 1);
        assert.equal(
          (await store.searchArticles({ q: "المرصد" })).items.length,
          0,
          "nothing in the index",
        );
        // And the store still takes the article when its analysis is sound.
        const ok = await put(store, b);
        assert.equal(ok.created, true);
        assert.equal((await store.listEvents()).items[0]?.report_count, 2);
      }));

    it("stores a batch as that many puts one after the other would: merged, in one story, idempotent", async () => {
      const all = () => [KAFR_NABL_A(), KAFR_NABL_B(), MAARRAT(), DAMASCUS_ARREST()];
      const one = await withStore(backend.kind, async (store) => {
        const ids = [];
        for (const a of all()) ids.push(await put(store, a));
        // The same text from another outlet: an exact twin, one story.
        const a = KAFR_NABL_A();
        ids.push(await store.putArticle({ ...a.input, outlet: "وكالة ما" }, a.analysis));
        return { ids, counts: await counts(store) };
      });
      await withS(async (store) => {
        const a = KAFR_NABL_A();
        const items = [
          ...all().map((x) => ({ article: x.input, analysis: x.analysis })),
          { article: { ...a.input, outlet: "وكالة ما" }, analysis: a.analysis },
          // Twice in one batch: stored once.
          { article: a.input, analysis: a.analysis },
        ];
        const results = await store.putArticles(items);
        assert.deepEqual(
          results.slice(0, 5).map(({ linked, ...r }) => r),
          one.ids,
        );
        assert.equal(results[5]?.created, false);
        assert.equal(results[5]?.article_id, results[0]?.article_id);
        assert.ok(results.every((r) => !r.linked));
        assert.deepEqual(await counts(store), one.counts);
        assert.deepEqual(await store.putArticles([]), []);
        const again = await store.putArticles(items.slice(0, 2));
        assert.deepEqual(
          again.map((r) => r.created),
          [false, false],
        );
      });
    });

    it("stores the same rows from an article prepared elsewhere, without its analysis, as from its analysis", async () => {
      const all = () => [KAFR_NABL_A(), KAFR_NABL_B(), MAARRAT(), DAMASCUS_ARREST(), seed];
      // A claim and a dispute naming the events, so that their records carry stored event ids.
      const withClaims = (a: Analysed): Analysed => {
        const ids = a.analysis.events.map((e) => e.id);
        const claim = claimAbout("doc:c99", [...ids, "doc:e-none"]);
        const dispute = {
          id: "doc:d99",
          question: "?",
          sides: [{ position: "a", claim_ids: ["doc:c99"] }],
          corroborations: [],
          place_ids: [],
          event_ids: ids,
        };
        return {
          ...a,
          analysis: {
            ...a.analysis,
            claims: [...a.analysis.claims, claim],
            disputes: [...a.analysis.disputes, dispute],
          },
        };
      };
      const read = async (store: Store, ids: string[]) => {
        const out = [];
        for (const id of ids) {
          const a = await store.getArticle(id);
          assert.ok(a);
          const { ingested_at, analyzed_at, ...rest } = a;
          out.push(rest);
        }
        return { articles: out, counts: await counts(store) };
      };
      const direct = await withS(async (store) => {
        const r = await store.putArticles(
          all()
            .map((x) => withClaims(x))
            .map((x) => ({ article: x.input, analysis: x.analysis })),
        );
        return read(
          store,
          r.map((x) => x.article_id),
        );
      });
      const viaPrepared = await withS(async (store) => {
        // As a worker thread sends it: structured-cloned, the analysis left out.
        const items = all()
          .map((x) => withClaims(x))
          .map((x) => ({
            article: x.input,
            prepared: structuredClone(prepareArticle(x.input, x.analysis)),
          }));
        const r = await store.putArticles(items);
        return read(
          store,
          r.map((x) => x.article_id),
        );
      });
      assert.ok(direct.counts.claims.length > 0 && direct.counts.disputes.length > 0);
      assert.deepEqual(viaPrepared, direct);
      await withS(async (store) => {
        await assert.rejects(
          store.putArticles([{ article: KAFR_NABL_A().input }]),
          /needs its analysis/,
        );
      });
    });

    it("keeps a gazetteer entry as the last article of a batch to name it wrote it", () =>
      withS(async (store) => {
        const a = KAFR_NABL_A();
        const b = KAFR_NABL_B();
        const place = a.analysis.places.find((p) => p.gazetteer_id);
        assert.ok(place?.gazetteer_id);
        // B names the same entry, as a newer gazetteer would (another name, another kind)...
        const renamed = {
          ...b.analysis,
          places: b.analysis.places.map((p) =>
            p.gazetteer_id === place.gazetteer_id ? { ...p, name: "كفر نبل", kind: "village" } : p,
          ),
        };
        // ...then A again, from another outlet: the entry as A has it.
        const items = [
          { article: a.input, analysis: a.analysis },
          { article: b.input, analysis: renamed },
          { article: { ...a.input, outlet: "وكالة ما" }, analysis: a.analysis },
        ];
        const entry = async () =>
          (await store.listPlaces({ limit: 500 })).items.find((p) => p.id === place.gazetteer_id);
        await store.putArticles(items.slice(0, 2));
        assert.deepEqual([(await entry())?.name, (await entry())?.kind], ["كفر نبل", "village"]);
        await store.putArticles(items.slice(2));
        const original = [place.name ?? place.text, place.kind];
        assert.deepEqual([(await entry())?.name, (await entry())?.kind], original);
        // All three in one batch: the same.
        await withStore(backend.kind, async (other) => {
          await other.putArticles(items);
          const e = (await other.listPlaces({ limit: 500 })).items.find(
            (p) => p.id === place.gazetteer_id,
          );
          assert.deepEqual([e?.name, e?.kind], original);
        });
      }));

    it("refuses a whole batch, writing nothing, when one of its articles is bad or fails", () =>
      withS(async (store) => {
        await put(store, KAFR_NABL_A());
        const before = await counts(store);
        const b = KAFR_NABL_B();
        const m = MAARRAT();
        await assert.rejects(
          store.putArticles([
            { article: m.input, analysis: m.analysis },
            { article: { ...b.input, published: "10/05/2019" }, analysis: b.analysis },
          ]),
          /article 2 of the batch: .*YYYY-MM-DD/,
        );
        // A failure inside the transaction, after the first article was written: none stays.
        await assert.rejects(
          store.putArticles([
            { article: m.input, analysis: m.analysis },
            { article: b.input, analysis: withDuplicateClaims(b.analysis) },
          ]),
        );
        assert.deepEqual(await counts(store), before);
        assert.equal((await store.searchArticles({})).items.length, 1);
      }));

    it("puts a near-duplicate in the story of the article it copies, in the batch's transaction", () =>
      withS(async (store) => {
        const a = KAFR_NABL_A();
        const first = await put(store, a);
        const text = `${a.input.text} وأضاف الناشطون أن القصف استمر ساعات.`;
        const { outlet, published } = a.input;
        const edited = analyze({ text, outlet: outlet ?? "", published: published ?? "" });
        const m = MAARRAT();
        const [near, unrelated, missing] = await store.putArticles([
          { article: { ...a.input, text }, analysis: edited, nearDuplicateOf: first.article_id },
          { article: m.input, analysis: m.analysis },
          {
            article: DAMASCUS_ARREST().input,
            analysis: DAMASCUS_ARREST().analysis,
            nearDuplicateOf: "a-not-stored",
          },
        ]);
        assert.equal(near?.linked, true);
        assert.ok(near?.story_id);
        assert.equal((await store.getArticle(first.article_id))?.story_id, near?.story_id);
        assert.equal(unrelated?.story_id, null);
        assert.equal(missing?.linked, false);
        assert.equal(missing?.story_id, null);
      }));

    it("re-analysis replaces the derived rows in one transaction and never loses the article", () =>
      withS(async (store) => {
        const r = await put(store, seed);
        const before = await counts(store);
        await assert.rejects(store.reanalyze(r.article_id, withDuplicateClaims(seed.analysis)));
        assert.deepEqual(await counts(store), before, "a failed re-analysis changes nothing");
        const again = await store.reanalyze(r.article_id, seed.analysis, "9.9.9");
        assert.deepEqual(again.event_ids, r.event_ids);
        assert.deepEqual(await counts(store), before);
        const a = await store.getArticle(r.article_id);
        assert.equal(a?.analyzed_with, "9.9.9");
        assert.equal(a?.text, SEED);
        await assert.rejects(store.reanalyze("a-nothing", seed.analysis), /no article/);
      }));

    it("re-analysis with fewer events removes the events only this article reported", () =>
      withS(async (store) => {
        const r = await put(store, seed);
        const fewer = {
          ...seed.analysis,
          events: seed.analysis.events.slice(0, 1),
          claims: [],
          disputes: [],
        };
        const again = await store.reanalyze(r.article_id, fewer);
        assert.deepEqual(again.event_ids, r.event_ids.slice(0, 1));
        const events = await store.listEvents();
        assert.deepEqual(
          events.items.map((e) => e.id),
          r.event_ids.slice(0, 1),
        );
        assert.equal((await store.listDisputes()).items.length, 0);
      }));

    it("deletes an article with what was derived from it; an event another article reported stays", () =>
      withS(async (store) => {
        const a = await put(store, KAFR_NABL_A());
        const b = await put(store, KAFR_NABL_B());
        const m = await put(store, MAARRAT());
        assert.equal(await store.deleteArticle(b.article_id), true);
        assert.equal(await store.getArticle(b.article_id), null);
        const shared = await store.getEvent(a.event_ids[0] as string);
        assert.equal(shared?.report_count, 1);
        assert.equal(shared?.fatalities, 5);
        assert.equal(shared?.disputed, false, "one report left: nobody disagrees");
        assert.equal(await store.deleteArticle(m.article_id), true);
        assert.equal(await store.getEvent(m.event_ids[0] as string), null);
        assert.equal(await store.deleteArticle(m.article_id), false);
      }));

    describe("full-text search", () => {
      it("finds «قُتِلَ», written with harakat, when searching قتل, and the other way round", () =>
        withS(async (store) => {
          const b = await put(store, KAFR_NABL_B()); // «قُتِلَ ثمانية مدنيين»
          const plain = analysed(
            "الجزيرة",
            "2019-05-12",
            "قتل ثلاثة مدنيين في غارة جوية على بلدة سرمين.",
          );
          const p = await put(store, plain);
          const hits = await store.searchArticles({ q: "قتل" });
          assert.deepEqual(hits.items.map((i) => i.id).sort(), [b.article_id, p.article_id].sort());
          const hit = hits.items.find((i) => i.id === b.article_id);
          const text = KAFR_NABL_B().input.text;
          assert.deepEqual(
            hit?.matches.map((m) => text.slice(m.start, m.end)),
            ["قُتِلَ"],
            "the match covers the word as written, harakat included",
          );
          const voweled = await store.searchArticles({ q: "قُتِلَ" });
          assert.equal(voweled.items.length, 2);
        }));

      it("matches across hamza on alef, taa marbuta and alef maqsura variants", () =>
        withS(async (store) => {
          const a = await put(
            store,
            analysed(
              "عنب بلدي",
              "2019-05-12",
              "أصيب أطفال في قصف على مدينة إدلب ونقلوا إلى المستشفى.",
            ),
          );
          for (const q of ["اطفال", "أطفال", "مدينه", "ادلب", "إدلب", "المستشفي", "اصيب مدينة"]) {
            const hits = await store.searchArticles({ q });
            assert.deepEqual(
              hits.items.map((i) => i.id),
              [a.article_id],
              `«${q}» finds the article`,
            );
          }
        }));

      it("requires every word, and finds none for a query without words", () =>
        withS(async (store) => {
          await put(store, KAFR_NABL_A());
          await put(store, MAARRAT());
          assert.equal((await store.searchArticles({ q: "قوات النظام" })).items.length, 2);
          assert.equal((await store.searchArticles({ q: "كفرنبل" })).items.length, 1);
          assert.equal((await store.searchArticles({ q: "كفرنبل النعمان" })).items.length, 0);
          assert.equal((await store.searchArticles({ q: "« ! »" })).items.length, 0);
          assert.equal(
            (await store.searchArticles({ q: '"كفرنبل*" -(^' })).items.length,
            1,
            "FTS syntax in a query is punctuation, not an operator",
          );
        }));

      it("searches titles too", () =>
        withS(async (store) => {
          const a = KAFR_NABL_A();
          const r = await store.putArticle(
            { ...a.input, title: "مجزرة جديدة في ريف إدلب" },
            a.analysis,
          );
          const hits = await store.searchArticles({ q: "مجزره" });
          assert.deepEqual(
            hits.items.map((i) => i.id),
            [r.article_id],
          );
        }));

      it("filters by outlet and publication date, newest first, page by page", () =>
        withS(async (store) => {
          const ids = [];
          for (const a of [KAFR_NABL_A(), KAFR_NABL_B(), MAARRAT(), DAMASCUS_ARREST()]) {
            ids.push((await put(store, a)).article_id);
          }
          const jazeera = await store.searchArticles({ outlet: "الجزيرة" });
          assert.equal(jazeera.items.length, 1);
          const day = await store.searchArticles({ from: "2019-05-11", to: "2019-05-11" });
          assert.deepEqual(
            day.items.map((i) => i.published),
            ["2019-05-11"],
          );
          const pages = await allPages((cursor) => store.searchArticles({ limit: 1, cursor }));
          assert.equal(pages.length, 4);
          const order = pages.flat().map((i) => [i.published, i.id]);
          const sorted = [...order].sort((x, y) => (x.join() < y.join() ? 1 : -1));
          assert.deepEqual(order, sorted, "by publication date, then id, both descending");
          assert.deepEqual(
            pages
              .flat()
              .map((i) => i.id)
              .sort(),
            ids.sort(),
          );
          await assert.rejects(store.searchArticles({ cursor: "bm90IGEgY3Vyc29y" }), /cursor/);
          const eventsCursor = (await store.listEvents({ limit: 1 })).next_cursor;
          await assert.rejects(
            store.searchArticles({ cursor: eventsCursor }),
            /not a cursor of this list/,
          );
        }));
    });

    it("analyses of new texts and of the seed go in side by side", () =>
      withS(async (store) => {
        const fresh = analyze({ text: SEED, outlet: "العربي الجديد", published: "2017-11-02" });
        await store.putArticle({ text: SEED, outlet: "العربي الجديد" }, fresh);
        const a = (await store.searchArticles({ q: "دير الزور" })).items[0];
        assert.equal(
          a?.published,
          "2017-11-02",
          "the publication date falls back to the analysis'",
        );
      }));
  });
}
