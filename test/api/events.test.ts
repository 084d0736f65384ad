/**
 * GET /api/events: filters, pages, formats (JSON, GeoJSON, ACLED CSV); GET /api/events/{id}: the
 * merged event with its reports, evidence, sources and disputes.
 */
import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { ACLED_COLUMNS } from "../../src/export/acled-csv.js";
import type { Store } from "../../src/store/index.js";
import {
  type App,
  ATAREB_A,
  ATAREB_B,
  allPages,
  BACKENDS,
  expectProblem,
  freshStore,
  getJson,
  type Json,
  makeApp,
  parseCsv,
  seedArticles,
  suite,
} from "./helpers.js";

const ids = (items: Json[]) => items.map((e) => e.id);
const q = encodeURIComponent;

for (const backend of BACKENDS) {
  suite(backend, "events", () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let app: App;
    let posted: Json[];
    let all: Json[];
    let atareb: string;

    before(async () => {
      ({ store, dispose } = await freshStore(backend.kind));
      app = makeApp(store);
      posted = await seedArticles(app);
      all = (await getJson(app, "/api/events?limit=500")).items;
      atareb = posted[1].event_ids[0];
    });
    after(async () => dispose());

    it("lists the merged events newest first, in a stable order", async () => {
      const seedEvents = new Set(posted[0].event_ids);
      assert.equal(
        all.length,
        seedEvents.size + 3,
        "seed events + Atareb (merged) + Daraa + Mosul",
      );
      const keys = all.map((e) => `${e.event_date ?? ""}|${e.id}`);
      assert.deepEqual(keys, [...keys].sort().reverse());
      const again = await getJson(app, "/api/events?limit=500");
      assert.deepEqual(ids(again.items), ids(all));
      for (const e of all) {
        assert.equal(typeof e.confidence, "number");
        assert.equal(typeof e.disputed, "boolean");
        assert.equal(typeof e.report_count, "number");
      }
    });

    it("merges the two reports of the Atareb strike into one disputed event", async () => {
      assert.equal(posted[2].event_ids[0], atareb, "the second report joined the first's event");
      const e = await getJson(app, `/api/events/${atareb}`);
      assert.equal(e.id, atareb);
      assert.equal(e.event_type, "Explosions/Remote violence");
      assert.equal(e.report_count, 2);
      assert.equal(e.article_count, 2);
      assert.equal(e.fatalities, 4, "the most conservative toll");
      assert.equal(e.disputed, true);
      assert.deepEqual(
        e.reports.map((r: Json) => r.article.outlet).sort(),
        [ATAREB_A.outlet, ATAREB_B.outlet].sort(),
      );
      assert.deepEqual(
        e.reports.map((r: Json) => r.article.url).sort(),
        [ATAREB_A.url, ATAREB_B.url].sort(),
      );
      assert.ok(e.evidence.length > 0);
      for (const ev of e.evidence) {
        assert.equal(typeof ev.text, "string");
        assert.ok(ev.text.length > 0);
      }
      const sourceNames = e.sources.map((s: Json) => s.name);
      assert.ok(sourceNames.includes(ATAREB_A.outlet) && sourceNames.includes(ATAREB_B.outlet));
      const toll = e.disputes.find((d: Json) => d.kind === "fatalities");
      assert.ok(toll, "a dispute on the toll");
      assert.deepEqual(
        toll.sides.map((s: Json) => s.value),
        [4, 6],
      );
    });

    it("answers an unknown event id with 404", async () => {
      await expectProblem(await app.request("/api/events/SYR-0000000000000000"), 404, "not-found");
    });

    it("filters by date range", async () => {
      const june = await getJson(app, "/api/events?from=2019-06-05&to=2019-06-30");
      assert.ok(june.items.length >= 2);
      for (const e of june.items)
        assert.ok(e.event_date >= "2019-06-05" && e.event_date <= "2019-06-30");
      const day = await getJson(app, "/api/events?from=2019-06-04&to=2019-06-04");
      assert.deepEqual(ids(day.items), [atareb]);
      const expected = all.filter((e) => e.event_date !== null && e.event_date <= "2018-01-01");
      const old = await getJson(app, "/api/events?to=2018-01-01&limit=500");
      assert.deepEqual(ids(old.items), ids(expected));
    });

    it("filters by event type: one, a comma list, or repeated", async () => {
      const protests = await getJson(app, "/api/events?type=Protests");
      assert.ok(protests.items.length >= 1);
      for (const e of protests.items) assert.equal(e.event_type, "Protests");
      const types = ["Protests", "Explosions/Remote violence"];
      const expected = ids(all.filter((e) => types.includes(e.event_type)));
      const comma = await getJson(app, `/api/events?limit=500&type=${q(types.join(","))}`);
      const repeated = await getJson(
        app,
        `/api/events?limit=500&type=${q(types[0] as string)}&type=${q(types[1] as string)}`,
      );
      assert.deepEqual(ids(comma.items), expected);
      assert.deepEqual(ids(repeated.items), expected);
      const sub = await getJson(app, `/api/events?sub_type=${q("Remote explosive/landmine/IED")}`);
      assert.ok(sub.items.length >= 1);
      for (const e of sub.items) assert.equal(e.sub_event_type, "Remote explosive/landmine/IED");
    });

    it("filters by actor, country and admin1", async () => {
      const russia = await getJson(
        app,
        `/api/events?actor=${q("Military Forces of Russia (2000-)")}`,
      );
      assert.deepEqual(ids(russia.items), [atareb]);
      const iraq = await getJson(app, "/api/events?country=Iraq");
      assert.equal(iraq.items.length, 1);
      assert.equal(iraq.items[0].location, "Mosul");
      const deir = await getJson(app, `/api/events?admin1=${q("Deir ez-Zor")}&limit=500`);
      assert.deepEqual(ids(deir.items), ids(all.filter((e) => e.admin1 === "Deir ez-Zor")));
      assert.ok(deir.items.length >= 2);
      const nobody = await getJson(app, "/api/events?actor=Nobody");
      assert.deepEqual(nobody.items, []);
    });

    it("filters by bounding box", async () => {
      // Around Aleppo's western countryside: al-Atarib only.
      const aleppo = await getJson(app, "/api/events?bbox=36.5,35.9,37.2,36.4");
      assert.deepEqual(ids(aleppo.items), [atareb]);
      // The Euphrates valley from Deir ez-Zor to al-Bukamal.
      const box = [39.5, 34.3, 41.0, 35.6] as const;
      const valley = await getJson(app, `/api/events?limit=500&bbox=${box.join(",")}`);
      const inside = all.filter(
        (e) =>
          e.longitude !== null &&
          e.longitude >= box[0] &&
          e.longitude <= box[2] &&
          e.latitude >= box[1] &&
          e.latitude <= box[3],
      );
      assert.ok(inside.length >= 2);
      assert.deepEqual(ids(valley.items), ids(inside));
    });

    it("filters by minimum confidence and by dispute", async () => {
      const high = await getJson(app, "/api/events?min_confidence=0.85&limit=500");
      assert.deepEqual(ids(high.items), ids(all.filter((e) => e.confidence >= 0.85)));
      const disputed = await getJson(app, "/api/events?disputed=true&limit=500");
      const undisputed = await getJson(app, "/api/events?disputed=false&limit=500");
      assert.ok(ids(disputed.items).includes(atareb));
      for (const e of disputed.items) assert.equal(e.disputed, true);
      for (const e of undisputed.items) assert.equal(e.disputed, false);
      assert.deepEqual([...ids(disputed.items), ...ids(undisputed.items)].sort(), ids(all).sort());
    });

    it("filters by article", async () => {
      const seed = await getJson(app, `/api/events?article=${posted[0].article.id}&limit=500`);
      assert.deepEqual(ids(seed.items).sort(), [...new Set(posted[0].event_ids)].sort());
    });

    it("pages without loss or repeat, with and without filters", async () => {
      for (const path of ["/api/events?limit=3", "/api/events?limit=2&country=Syria"]) {
        const pages = await allPages(app, path);
        const flat = ids(pages.flat());
        assert.equal(new Set(flat).size, flat.length, `${path}: no repeat`);
        const whole = await getJson(app, `${path.replace(/limit=\d+/, "limit=500")}`);
        assert.deepEqual(flat, ids(whole.items), `${path}: no loss`);
      }
      const res = await app.request("/api/events?limit=1");
      const link = res.headers.get("link");
      const body: Json = await res.json();
      assert.equal(link, `<${body.next}>; rel="next"`);
      assert.match(body.next, /^\/api\/events\?limit=1&cursor=/);
    });

    it("gives ACLED CSV with ACLED's columns", async () => {
      const res = await app.request("/api/events?format=acled-csv&limit=500");
      assert.equal(res.status, 200);
      assert.match(res.headers.get("content-type") ?? "", /^text\/csv; charset=utf-8/);
      assert.match(
        res.headers.get("content-disposition") ?? "",
        /attachment; filename="[^"]+\.csv"/,
      );
      const rows = parseCsv(await res.text());
      assert.deepEqual(rows[0], [...ACLED_COLUMNS]);
      const body = rows.slice(1);
      for (const r of body) assert.equal(r.length, ACLED_COLUMNS.length);
      const col = (name: string) => ACLED_COLUMNS.indexOf(name as (typeof ACLED_COLUMNS)[number]);
      const exported = all.filter((e) => e.event_type !== "Displacement");
      assert.deepEqual(
        body.map((r) => r[col("event_id_cnty")]),
        ids(exported),
      );
      const row = body.find((r) => r[col("event_id_cnty")] === atareb) as string[];
      assert.equal(row[col("fatalities")], "4");
      assert.equal(row[col("location")], "Atareb");
      assert.equal(row[col("year")], "2019");
      assert.equal(row[col("disorder_type")], "Political violence");
    });

    it("gives a GeoJSON FeatureCollection of Points [lon, lat]", async () => {
      const res = await app.request("/api/events?format=geojson&limit=500");
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("content-type"), "application/geo+json; charset=utf-8");
      assert.match(res.headers.get("content-disposition") ?? "", /filename="[^"]+\.geojson"/);
      const fc: Json = await res.json();
      assert.equal(fc.type, "FeatureCollection");
      assert.ok(Array.isArray(fc.features));
      assert.deepEqual(
        fc.features.map((f: Json) => f.id),
        ids(all),
      );
      for (const f of fc.features) {
        assert.equal(f.type, "Feature");
        assert.equal(typeof f.properties, "object");
        if (f.geometry === null) continue;
        assert.equal(f.geometry.type, "Point");
        const [lon, lat] = f.geometry.coordinates;
        assert.equal(f.geometry.coordinates.length, 2);
        assert.ok(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90);
        const e = all.find((x) => x.id === f.id);
        assert.equal(lon, e.longitude);
        assert.equal(lat, e.latitude);
        assert.equal(f.properties.latitude, undefined);
      }
      const located = fc.features.filter((f: Json) => f.geometry !== null);
      assert.ok(located.length >= 3);
      const strike = fc.features.find((f: Json) => f.id === atareb);
      assert.equal(strike.properties.disputed, true);
      assert.equal(strike.properties.report_count, 2);
      assert.equal(fc.next_cursor, null);
    });

    it("pages GeoJSON and CSV through the Link header", async () => {
      const seen: string[] = [];
      let next: string | null = "/api/events?format=geojson&limit=3";
      while (next) {
        const res = await app.request(next);
        const fc: Json = await res.json();
        seen.push(...fc.features.map((f: Json) => f.id));
        const link = res.headers.get("link");
        next = link ? (/^<([^>]+)>; rel="next"$/.exec(link)?.[1] ?? null) : null;
        assert.equal(fc.next, next);
      }
      assert.deepEqual(seen, ids(all));
      const csv = await app.request("/api/events?format=acled-csv&limit=2");
      assert.match(csv.headers.get("link") ?? "", /format=acled-csv&limit=2&cursor=/);
      assert.ok(csv.headers.get("x-next-cursor"));
    });

    it("takes a list of types repeating one type 40,000 times as that type once", async () => {
      const many = Array(40_000).fill("Battles").join(",");
      const once = await getJson(app, "/api/events?type=Battles&limit=500");
      const repeated = await getJson(app, `/api/events?type=${many}&limit=500`);
      assert.deepEqual(repeated.items, once.items);
    });

    it("refuses unknown formats and types and bad filters, naming each", async () => {
      const cases: [string, string, RegExp][] = [
        ["format=xml", "format", /"xml" is not one of "json", "geojson", "acled-csv"/],
        ["type=Battle", "type", /"Battle" is not one of/],
        ["sub_type=Airstrike", "sub_type", /"Airstrike"/],
        ["from=2019-6-1", "from", /YYYY-MM-DD/],
        ["to=yesterday", "to", /YYYY-MM-DD/],
        ["from=2019-06-10&to=2019-06-01", "to", /before from/],
        ["bbox=1,2,3", "bbox", /four numbers/],
        ["bbox=a,b,c,d", "bbox", /not a number/],
        ["bbox=40,36,36,37", "bbox", /east of maxLon/],
        ["bbox=36,40,37,35", "bbox", /north of maxLat/],
        ["bbox=-200,0,0,10", "bbox", /longitudes/],
        ["bbox=0,-95,10,10", "bbox", /latitudes/],
        ["min_confidence=1.5", "min_confidence", /from 0 to 1/],
        ["min_confidence=high", "min_confidence", /number/],
        ["disputed=yes", "disputed", /true or false/],
        ["limit=501", "limit", /from 1 to 500/],
        ["limit=0", "limit", /from 1 to 500/],
        ["limit=2.5", "limit", /integer/],
        ["cursor=%25%25", "cursor", /not a cursor/],
        ["cursor=WyJub3BlIl0", "cursor", /cursor/],
        ["country=Syria&country=Iraq", "country", /given 2 times/],
        ["colour=red", "colour", /unknown parameter/],
      ];
      for (const [query, name, reason] of cases) {
        const p = await expectProblem(
          await app.request(`/api/events?${query}`),
          400,
          "invalid-parameters",
        );
        assert.equal(p["invalid-params"].length, 1, query);
        assert.equal(p["invalid-params"][0].name, name, query);
        assert.match(p["invalid-params"][0].reason, reason, query);
        assert.equal(p.instance, "/api/events");
      }
    });
  });
}
