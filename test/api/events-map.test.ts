/**
 * GET /api/events?format=map: the map's compact rows — the same events, order, filters and
 * cursors as the JSON list, only the fields a map draws, pages of up to 10,000, and the same
 * refusals of bad parameters.
 */
import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { gunzipSync } from "node:zlib";
import type { Store } from "../../src/store/index.js";
import {
  type App,
  BACKENDS,
  expectProblem,
  freshStore,
  getJson,
  type Json,
  makeApp,
  seedArticles,
  suite,
} from "./helpers.js";

const FIELDS = [
  "id",
  "longitude",
  "latitude",
  "event_date",
  "event_type",
  "sub_event_type",
  "inter1",
  "fatalities",
  "geo_precision",
  "disputed",
  "location",
  "admin1",
  "country",
];

const ids = (items: Json[]) => items.map((e) => e.id);
const rowIds = (rows: unknown[][]) => rows.map((r) => r[0]);
const q = encodeURIComponent;

for (const backend of BACKENDS) {
  suite(backend, "events as map rows", () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let app: App;
    let posted: Json[];
    let all: Json[];

    before(async () => {
      ({ store, dispose } = await freshStore(backend.kind));
      app = makeApp(store);
      posted = await seedArticles(app);
      all = (await getJson(app, "/api/events?limit=500")).items;
    });
    after(async () => dispose());

    it("gzips its answers for a client that takes gzip, and only then", async () => {
      const zipped = await app.request("/api/events?format=map", {
        headers: { "Accept-Encoding": "gzip" },
      });
      assert.equal(zipped.headers.get("content-encoding"), "gzip");
      const body = JSON.parse(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString("utf8"));
      const plain = await app.request("/api/events?format=map");
      assert.equal(plain.headers.get("content-encoding"), null);
      assert.deepEqual(body, await plain.json());
    });

    it("gives every event as a row of the named fields, in the list's order", async () => {
      const res = await app.request("/api/events?format=map");
      assert.equal(res.status, 200);
      assert.match(res.headers.get("content-type") ?? "", /^application\/json/);
      const body: Json = await res.json();
      assert.deepEqual(Object.keys(body).sort(), ["fields", "next", "next_cursor", "rows"]);
      assert.deepEqual(body.fields, FIELDS);
      assert.equal(body.next_cursor, null, "the default page (5,000) holds them all");
      assert.equal(body.next, null);
      assert.deepEqual(rowIds(body.rows), ids(all));
      for (const row of body.rows as unknown[][]) {
        assert.equal(row.length, FIELDS.length);
        const e = all.find((x) => x.id === row[0]);
        const at = (f: string) => row[FIELDS.indexOf(f)];
        for (const f of ["longitude", "latitude"]) {
          if (e[f] === null) assert.equal(at(f), null);
          else assert.ok(Math.abs((at(f) as number) - e[f]) <= 5e-6, `${f} to 5 decimals`);
        }
        for (const f of [
          "event_date",
          "event_type",
          "sub_event_type",
          "inter1",
          "fatalities",
          "geo_precision",
          "location",
          "admin1",
          "country",
        ])
          assert.deepEqual(at(f), e[f], f);
        assert.equal(at("disputed"), e.disputed ? 1 : 0);
      }
      assert.ok(
        body.rows.some((r: unknown[]) => r[FIELDS.indexOf("disputed")] === 1),
        "the Atareb strike is disputed",
      );
    });

    it("is several times smaller than the JSON list", async () => {
      const map = await (await app.request("/api/events?format=map")).text();
      const json = await (await app.request("/api/events?limit=500")).text();
      assert.ok(map.length * 3 < json.length, `${map.length} bytes against ${json.length}`);
    });

    it("honours every filter as the JSON list does", async () => {
      const e0 = all.find((e) => e.actor1 && e.admin1) as Json;
      const filters = [
        "type=Battles",
        `type=${q("Battles,Explosions/Remote violence")}`,
        "type=Battles&type=Displacement",
        `sub_type=${q("Air/drone strike")}`,
        "from=2019-01-01",
        "to=2018-12-31",
        "from=2017-11-01&to=2017-11-30",
        `actor=${q(e0.actor1)}`,
        "country=Syria",
        `admin1=${q(e0.admin1)}`,
        "bbox=39.5,34.3,41.0,35.6",
        "min_confidence=0.85",
        "disputed=true",
        "disputed=false",
        `article=${posted[0].article.id}`,
      ];
      for (const f of filters) {
        const json = await getJson(app, `/api/events?limit=500&${f}`);
        const map = await getJson(app, `/api/events?format=map&${f}`);
        assert.deepEqual(rowIds(map.rows), ids(json.items), f);
      }
      const some = await getJson(app, "/api/events?format=map&country=Syria");
      assert.ok(some.rows.length > 0 && some.rows.length < all.length, "a filter that narrows");
    });

    it("pages through next, Link and cursors shared with the JSON list", async () => {
      const seen: unknown[] = [];
      let next: string | null = "/api/events?format=map&limit=2";
      let pages = 0;
      while (next) {
        const res = await app.request(next);
        const body: Json = await res.json();
        assert.ok(body.rows.length <= 2);
        seen.push(...rowIds(body.rows));
        const link = res.headers.get("link");
        assert.equal(link ? (/^<([^>]+)>; rel="next"$/.exec(link)?.[1] ?? null) : null, body.next);
        if (body.next) assert.match(body.next, /^\/api\/events\?format=map&limit=2&cursor=/);
        next = body.next;
        pages++;
      }
      assert.equal(pages, Math.ceil(all.length / 2));
      assert.deepEqual(seen, ids(all));
      // A cursor of the JSON list continues the map's rows at the same place, and back.
      const first = await getJson(app, "/api/events?limit=3");
      const rest = await getJson(app, `/api/events?format=map&cursor=${first.next_cursor}`);
      assert.deepEqual(rowIds(rest.rows), ids(all.slice(3)));
      const mapFirst = await getJson(app, "/api/events?format=map&limit=3");
      const jsonRest = await getJson(app, `/api/events?limit=500&cursor=${mapFirst.next_cursor}`);
      assert.deepEqual(ids(jsonRest.items), ids(all.slice(3)));
    });

    it("takes pages of up to 10,000 with format=map only", async () => {
      const big = await getJson(app, "/api/events?format=map&limit=10000");
      assert.equal(big.rows.length, all.length);
      const cases: [string, RegExp][] = [
        ["format=map&limit=10001", /from 1 to 10000/],
        ["format=map&limit=0", /from 1 to 10000/],
        ["format=map&limit=many", /integer/],
        ["limit=501", /from 1 to 500/],
        ["format=geojson&limit=10000", /from 1 to 500/],
        ["format=acled-csv&limit=600", /from 1 to 500/],
      ];
      for (const [query, reason] of cases) {
        const p = await expectProblem(
          await app.request(`/api/events?${query}`),
          400,
          "invalid-parameters",
        );
        assert.equal(p["invalid-params"].length, 1, query);
        assert.equal(p["invalid-params"][0].name, "limit", query);
        assert.match(p["invalid-params"][0].reason, reason, query);
      }
    });

    it("refuses bad filters, formats and cursors as the JSON list does, naming each", async () => {
      const cases: [string, string, RegExp][] = [
        ["format=maps", "format", /"maps" is not one of "json", "geojson", "acled-csv", "map"/],
        ["format=map&format=json", "format", /given 2 times/],
        ["format=map&type=Battle", "type", /"Battle" is not one of/],
        ["format=map&from=2019-6-1", "from", /YYYY-MM-DD/],
        ["format=map&from=2019-06-10&to=2019-06-01", "to", /before from/],
        ["format=map&bbox=1,2,3", "bbox", /four numbers/],
        ["format=map&min_confidence=2", "min_confidence", /from 0 to 1/],
        ["format=map&disputed=1", "disputed", /true or false/],
        ["format=map&cursor=%25%25", "cursor", /not a cursor/],
        ["format=map&colour=red", "colour", /unknown parameter/],
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
      // A cursor of another list.
      const articles = await getJson(app, "/api/articles?limit=1");
      assert.ok(articles.next_cursor);
      await expectProblem(
        await app.request(`/api/events?format=map&cursor=${articles.next_cursor}`),
        400,
        "invalid-parameters",
      );
    });
  });
}
