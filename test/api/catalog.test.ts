/** GET /api/claims, /api/disputes, /api/places, /api/actors, /api/sources: filters, counts, pages. */
import assert from "node:assert/strict";
import { after, before, it } from "node:test";
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
  seedArticles,
  suite,
} from "./helpers.js";

const q = encodeURIComponent;

/** Every item of a list, through its pages, checking none is lost or repeated. */
async function pagedEqualsWhole(app: App, path: string, key: (x: Json) => string): Promise<Json[]> {
  const sep = path.includes("?") ? "&" : "?";
  const whole = (await getJson(app, `${path}${sep}limit=500`)).items;
  const pages = await allPages(app, `${path}${sep}limit=2`);
  const flat = pages.flat();
  assert.equal(new Set(flat.map(key)).size, flat.length, `${path}: no repeat`);
  assert.deepEqual(flat.map(key), whole.map(key), `${path}: no loss`);
  return whole;
}

for (const backend of BACKENDS) {
  suite(backend, "claims, disputes, places, actors, sources", () => {
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

    it("lists claims, filtered by article, topic, stance and speaker kind, and paged", async () => {
      const claims = await pagedEqualsWhole(app, "/api/claims", (c) => c.id);
      assert.ok(claims.length > 0, "the seed has claims");
      const seedId = posted[0].article.id;
      const ofSeed = (await getJson(app, `/api/claims?article=${seedId}&limit=500`)).items;
      assert.ok(ofSeed.length > 0);
      for (const c of ofSeed) {
        assert.equal(c.article_id, seedId);
        assert.equal(typeof c.content_text, "string");
      }
      const officials = (await getJson(app, "/api/claims?speaker_kind=official&limit=500")).items;
      for (const c of officials) assert.equal(c.speaker.kind, "official");
      const topic = claims[0].topic;
      const byTopic = (await getJson(app, `/api/claims?topic=${topic}&limit=500`)).items;
      assert.ok(byTopic.length > 0);
      for (const c of byTopic) assert.equal(c.topic, topic);
      const stance = claims[0].stance;
      for (const c of (await getJson(app, `/api/claims?stance=${stance}&limit=500`)).items)
        assert.equal(c.stance, stance);
      const p = await expectProblem(
        await app.request("/api/claims?speaker_kind=journalist&topic=weather"),
        400,
        "invalid-parameters",
      );
      assert.deepEqual(p["invalid-params"].map((x: Json) => x.name).sort(), [
        "speaker_kind",
        "topic",
      ]);
    });

    it("lists disputes: the seed's inside its article, and the Atareb toll across articles", async () => {
      const disputes = await pagedEqualsWhole(app, "/api/disputes", (d) => d.id);
      const kinds = new Set(disputes.map((d) => d.kind));
      assert.ok(kinds.has("article") && kinds.has("fatalities"));
      const tolls = (await getJson(app, "/api/disputes?kind=fatalities")).items;
      assert.equal(tolls.length, 1);
      assert.equal(tolls[0].event_id, posted[1].event_ids[0]);
      const ofEvent = (await getJson(app, `/api/disputes?event=${posted[1].event_ids[0]}`)).items;
      assert.deepEqual(
        ofEvent.map((d: Json) => d.id),
        tolls.map((d: Json) => d.id),
      );
      const ofSeed = (await getJson(app, `/api/disputes?article=${posted[0].article.id}`)).items;
      assert.ok(ofSeed.length > 0);
      for (const d of ofSeed) assert.equal(d.article_id, posted[0].article.id);
      await expectProblem(await app.request("/api/disputes?kind=other"), 400, "invalid-parameters");
    });

    it("lists places with mention, article and event counts, most events first", async () => {
      const places = await pagedEqualsWhole(app, "/api/places", (p) => p.id);
      assert.ok(places.length >= 4);
      for (const p of places) {
        for (const k of ["mentions", "articles", "events"]) assert.equal(typeof p[k], "number");
      }
      const events = places.map((p) => p.events);
      assert.deepEqual(
        events,
        [...events].sort((a, b) => b - a),
      );
      const iraq = (await getJson(app, "/api/places?country=Iraq")).items;
      assert.ok(iraq.length >= 1);
      for (const p of iraq) assert.equal(p.country, "Iraq");
      const box = (await getJson(app, "/api/places?bbox=36.5,35.9,37.2,36.4")).items;
      assert.ok(box.some((p: Json) => p.events >= 1));
      for (const p of box) assert.ok(p.longitude >= 36.5 && p.longitude <= 37.2);
    });

    it("lists actors with event and report counts, and finds them by part of the name", async () => {
      const actors = await pagedEqualsWhole(app, "/api/actors", (a) => a.name);
      const russia = actors.find((a) => a.name === "Military Forces of Russia (2000-)");
      assert.ok(russia, "Russia's forces are an actor");
      assert.equal(russia.events, 1);
      assert.equal(russia.reports, 2, "one event, two reports");
      const found = (await getJson(app, `/api/actors?q=${q("russia")}`)).items;
      assert.deepEqual(
        found.map((a: Json) => a.name),
        ["Military Forces of Russia (2000-)"],
      );
    });

    it("lists sources with report and event counts, filtered by kind", async () => {
      const sources = await pagedEqualsWhole(app, "/api/sources", (s) => s.id);
      const names = sources.map((s) => s.name);
      assert.ok(names.includes(ATAREB_A.outlet) && names.includes(ATAREB_B.outlet));
      const outlets = (await getJson(app, "/api/sources?kind=outlet&limit=500")).items;
      for (const s of outlets) assert.equal(s.kind, "outlet");
      for (const s of outlets) assert.ok(s.reports >= s.events && s.events >= 1);
      await expectProblem(await app.request("/api/sources?kind=blog"), 400, "invalid-parameters");
    });

    it("refuses made-up positions in the places, actors and sources cursors with a 400", async () => {
      const cursor = (list: string, n: number) =>
        Buffer.from(JSON.stringify([list, n])).toString("base64url");
      for (const list of ["places", "actors", "sources"]) {
        for (const n of [-5, 1.5, 1e300]) {
          const p = await expectProblem(
            await app.request(`/api/${list}?cursor=${cursor(list, n)}`),
            400,
            "invalid-parameters",
          );
          assert.equal(p["invalid-params"][0].name, "cursor", `${list} ${n}`);
        }
      }
    });

    it("refuses a places cursor on the actors list", async () => {
      const places = await getJson(app, "/api/places?limit=1");
      assert.ok(places.next_cursor);
      const p = await expectProblem(
        await app.request(`/api/actors?cursor=${places.next_cursor}`),
        400,
        "invalid-parameters",
      );
      assert.equal(p["invalid-params"][0].name, "cursor");
    });
  });
}
