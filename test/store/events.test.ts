/**
 * Events in the store, on every backend: one event however many articles report it, with every
 * report and source, the most conservative death toll and the disagreement kept; stable ids;
 * filters, ordering and cursor pagination.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { AnalysisResult } from "../../src/output/json.js";
import type { Store } from "../../src/store/types.js";
import { SEED } from "../helpers.js";
import {
  allPages,
  analysed,
  BACKENDS,
  DAMASCUS_ARREST,
  KAFR_NABL_A,
  KAFR_NABL_B,
  KAFR_NABL_C,
  KAFR_NABL_EARLIER,
  MAARRAT,
  put,
  suite,
  withStore,
} from "./helpers.js";

const REGIME = "Military Forces of Syria (2000-2024)";
const seed = analysed("العربي الجديد", "2017-11-02", SEED);

/** The three reports of the Kafr Nabl shelling, the Maarrat shelling and the earlier Kafr Nabl one. */
async function idlib(store: Store) {
  const a = await put(store, KAFR_NABL_A());
  const b = await put(store, KAFR_NABL_B());
  const c = await put(store, KAFR_NABL_C());
  const m = await put(store, MAARRAT());
  const earlier = await put(store, KAFR_NABL_EARLIER());
  return { a, b, c, m, earlier };
}

function withEvent(
  a: AnalysisResult,
  change: Partial<AnalysisResult["events"][number]>,
): AnalysisResult {
  const [first, ...rest] = a.events;
  assert.ok(first);
  return { ...a, events: [{ ...first, ...change }, ...rest] };
}

for (const backend of BACKENDS) {
  suite(backend, "events", () => {
    const withS = <T>(fn: (s: Store) => Promise<T>) => withStore(backend.kind, fn);

    it("merges three articles about one shelling into one event listing every article and source", () =>
      withS(async (store) => {
        const { a, b, c } = await idlib(store);
        const id = a.event_ids[0] as string;
        assert.deepEqual([b.event_ids, c.event_ids], [[id], [id]]);
        const e = await store.getEvent(id);
        assert.ok(e);
        assert.deepEqual(
          [e.event_type, e.sub_event_type, e.actor1],
          ["Explosions/Remote violence", "Shelling/artillery/missile attack", REGIME],
        );
        assert.deepEqual(
          [e.event_date, e.location, e.report_count, e.article_count],
          ["2019-05-10", "Kafr Nobol", 3, 3],
        );
        assert.deepEqual(e.reports.map((r) => r.article.outlet).sort(), [
          "الجزيرة",
          "العربي الجديد",
          "عنب بلدي",
        ]);
        for (const outlet of [
          "عنب بلدي",
          "العربي الجديد",
          "الجزيرة",
          "المرصد السوري لحقوق الإنسان",
        ]) {
          assert.ok(e.source.includes(outlet), `${outlet} in the source column`);
          assert.ok(
            e.sources.some((s) => s.name === outlet),
            `${outlet} among the sources`,
          );
        }
        const triggers = e.evidence.filter((x) => x.role === "trigger").map((x) => x.text);
        assert.equal(triggers.length, 3, "each article's own evidence, as written there");
        assert.ok(triggers.includes("قصفت"));
        assert.equal(e.place_id, "ocha:C4068");
      }));

    it("takes the most conservative death toll and keeps the disagreement as a dispute", () =>
      withS(async (store) => {
        const { a, b, c } = await idlib(store);
        const id = a.event_ids[0] as string;
        const e = await store.getEvent(id);
        assert.equal(e?.fatalities, 5, "the lowest figure given: 5, not 8 or the mean");
        assert.equal(e?.disputed, true);
        const d = e?.disputes.find((x) => x.kind === "fatalities");
        assert.ok(d);
        assert.deepEqual(
          d.sides.map((s) => s.value),
          [5, 7, 8],
        );
        const reportOf = async (articleId: string) =>
          (await store.getArticle(articleId))?.reports[0]?.id as string;
        assert.deepEqual(
          d.sides.map((s) => s.report_ids),
          [
            [await reportOf(a.article_id)],
            [await reportOf(c.article_id)],
            [await reportOf(b.article_id)],
          ],
        );
        assert.deepEqual(d.event_ids, [id]);
        const listed = await store.listDisputes({ eventId: id });
        assert.deepEqual(
          listed.items.map((x) => x.id),
          [d.id],
        );
      }));

    it("keeps apart the same shelling 11 km away and the same place three days earlier", () =>
      withS(async (store) => {
        const { a, m, earlier } = await idlib(store);
        const ids = new Set([a.event_ids[0], m.event_ids[0], earlier.event_ids[0]]);
        assert.equal(ids.size, 3);
        assert.equal((await store.listEvents()).items.length, 3);
        const e = await store.getEvent(m.event_ids[0] as string);
        assert.deepEqual(
          [e?.location, e?.report_count, e?.fatalities, e?.disputed],
          ["Maarrat An Numan", 1, 3, false],
        );
      }));

    it("merges within a wider threshold when told to", () =>
      withStore(
        backend.kind,
        async (store) => {
          const { a, m } = await idlib(store);
          assert.deepEqual(m.event_ids, a.event_ids);
        },
        { merge: { maxDistanceKm: 15 } },
      ));

    it("merges reports a day apart, but not two events of one article", () =>
      withS(async (store) => {
        const a = KAFR_NABL_A();
        const next = analysed("الجزيرة", "2019-05-11", KAFR_NABL_C().input.text); // dated the 11th
        const first = await put(store, a);
        const dayLater = await put(store, next);
        assert.equal(next.analysis.events[0]?.event_date, "2019-05-11");
        assert.deepEqual(dayLater.event_ids, first.event_ids);
        // An article telling the same shelling twice (the analysis said: two events) stays two.
        const twice = analysed("عنب بلدي", "2019-05-10", KAFR_NABL_B().input.text);
        const e = twice.analysis.events[0];
        assert.ok(e);
        const r = await store.putArticle(twice.input, {
          ...twice.analysis,
          events: [e, { ...e, id: "doc:e99" }],
        });
        assert.equal(r.event_ids[0], first.event_ids[0]);
        assert.notEqual(r.event_ids[1], r.event_ids[0]);
      }));

    it("gives stable ids: re-analysing the same text with the same version keeps every id", () =>
      withS(async (store) => {
        const r = await put(store, seed);
        for (const id of r.event_ids) assert.match(id, /^SYR-[0-9a-f]{16}$/);
        const again = await store.reanalyze(r.article_id, seed.analysis);
        assert.deepEqual(again.event_ids, r.event_ids);
        // A second, empty store given the same article gives the same ids: no counter involved.
        await withStore(backend.kind, async (other) => {
          assert.deepEqual((await put(other, seed)).event_ids, r.event_ids);
        });
      }));

    it("changes an event's id only when its key (date, type, actors, place) changes", () =>
      withS(async (store) => {
        const a = KAFR_NABL_A();
        const r = await put(store, a);
        const id = r.event_ids[0] as string;
        const recount = await store.reanalyze(
          r.article_id,
          withEvent(a.analysis, { fatalities: 6, confidence: 0.9, notes: "..." }),
        );
        assert.deepEqual(recount.event_ids, [id], "a new count or note keeps the id");
        assert.equal((await store.getEvent(id))?.fatalities, 6);
        const moved = await store.reanalyze(
          r.article_id,
          withEvent(a.analysis, { event_date: "2019-05-01" }),
        );
        assert.notEqual(moved.event_ids[0], id, "another date is another event");
        assert.equal(await store.getEvent(id), null);
        assert.equal((await store.listEvents()).items.length, 1);
      }));

    it("keeps a merged event's id when the article that founded it is re-analysed", () =>
      withS(async (store) => {
        const a = KAFR_NABL_A();
        const first = await put(store, a);
        await put(store, KAFR_NABL_B());
        const again = await store.reanalyze(first.article_id, a.analysis);
        assert.deepEqual(again.event_ids, first.event_ids);
        const e = await store.getEvent(first.event_ids[0] as string);
        assert.equal(e?.report_count, 2);
        assert.equal(e?.fatalities, 5);
      }));

    it("links an article's claims and disputes to the stored events", () =>
      withS(async (store) => {
        const r = await put(store, seed);
        const events = new Set(r.event_ids);
        const claims = await store.listClaims({ articleId: r.article_id, limit: 500 });
        assert.equal(claims.items.length, seed.analysis.claims.length);
        for (const c of claims.items) for (const e of c.event_ids) assert.ok(events.has(e));
        const battle =
          r.event_ids[seed.analysis.events.findIndex((e) => e.event_type === "Battles")];
        assert.ok(battle);
        const about = await store.listClaims({ eventId: battle });
        assert.ok(about.items.length > 0);
        assert.ok(about.items.every((c) => c.event_ids.includes(battle)));
        const disputes = await store.listDisputes({ articleId: r.article_id });
        assert.equal(disputes.items.length, seed.analysis.disputes.length);
        const d = disputes.items[0];
        assert.ok(d);
        const claimIds = new Set(claims.items.map((c) => c.id));
        for (const side of d.sides) for (const c of side.claim_ids) assert.ok(claimIds.has(c));
        for (const e of d.event_ids) assert.equal((await store.getEvent(e))?.disputed, true);
      }));

    describe("listing", () => {
      async function many(store: Store) {
        await idlib(store);
        await put(store, DAMASCUS_ARREST());
        await put(store, seed);
      }

      it("orders by date then id, newest first, and pages with a cursor without loss or repeat", () =>
        withS(async (store) => {
          await many(store);
          const all = (await store.listEvents({ limit: 500 })).items;
          assert.equal(all.length, 9);
          const keys = all.map((e) => `${e.event_date} ${e.id}`);
          assert.deepEqual(keys, [...keys].sort().reverse());
          for (const size of [1, 2, 4]) {
            const pages = await allPages((cursor) => store.listEvents({ limit: size, cursor }));
            assert.deepEqual(
              pages.flat().map((e) => e.id),
              all.map((e) => e.id),
              `pages of ${size}`,
            );
          }
        }));

      it("filters by date range, type, actor, country and admin1", () =>
        withS(async (store) => {
          await many(store);
          const ids = async (q: Parameters<Store["listEvents"]>[0]) =>
            (await store.listEvents(q)).items.map((e) => e.location).sort();
          assert.deepEqual(await ids({ from: "2019-05-09", to: "2019-05-09" }), ["Damascus"]);
          assert.deepEqual(await ids({ from: "2019-05-07", to: "2019-05-10", admin1: "Idlib" }), [
            "Kafr Nobol",
            "Kafr Nobol",
            "Maarrat An Numan",
          ]);
          assert.deepEqual(await ids({ type: "Strategic developments" }), ["Damascus"]);
          assert.deepEqual(await ids({ type: ["Battles", "Violence against civilians"] }), [
            "Deir-Ez-Zor",
            "Eastern Aleppo countryside",
          ]);
          assert.deepEqual(await ids({ subType: "Air/drone strike" }), ["Quriyeh"]);
          assert.deepEqual(await ids({ actor: "Police Forces of Syria" }), ["Damascus"]);
          assert.equal((await ids({ actor: REGIME })).length, 7);
          assert.equal((await ids({ country: "Syria" })).length, 9);
          assert.equal((await ids({ country: "Iraq" })).length, 0);
          assert.equal((await ids({ to: "2017-12-31" })).length, 5);
        }));

      it("filters by bounding box, confidence, disputes and article", () =>
        withS(async (store) => {
          await many(store);
          const locations = async (q: Parameters<Store["listEvents"]>[0]) =>
            (await store.listEvents(q)).items.map((e) => e.location).sort();
          // Southern Idlib: Kafr Nabl and Maarrat al-Nu'man, not Damascus or Deir ez-Zor.
          assert.deepEqual(await locations({ bbox: [36.4, 35.5, 36.8, 35.7] }), [
            "Kafr Nobol",
            "Kafr Nobol",
            "Maarrat An Numan",
          ]);
          const all = (await store.listEvents()).items;
          const high = Math.max(...all.map((e) => e.confidence));
          const top = await store.listEvents({ minConfidence: high });
          assert.ok(top.items.length > 0 && top.items.every((e) => e.confidence >= high));
          const disputed = await store.listEvents({ disputed: true });
          assert.ok(
            disputed.items.some((e) => e.location === "Kafr Nobol" && e.report_count === 3),
          );
          const undisputed = await store.listEvents({ disputed: false });
          assert.equal(disputed.items.length + undisputed.items.length, all.length);
          const damascus = await store.searchArticles({ q: "الميدان" });
          const art = damascus.items[0]?.id;
          assert.ok(art);
          assert.deepEqual(await locations({ articleId: art }), ["Damascus"]);
        }));

      it("keeps ACLED's dates as YYYY-MM-DD strings and refuses other forms", () =>
        withS(async (store) => {
          await many(store);
          for (const e of (await store.listEvents()).items)
            assert.match(e.event_date ?? "", /^\d{4}-\d{2}-\d{2}$/);
          await assert.rejects(store.listEvents({ from: "10/05/2019" }), /YYYY-MM-DD/);
          await assert.rejects(store.listEvents({ limit: 0 }), /limit/);
        }));

      it("says there is no such event", () =>
        withS(async (store) => {
          assert.equal(await store.getEvent("SYR-0000000000000000"), null);
        }));
    });
  });
}
