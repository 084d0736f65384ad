/**
 * Real news through the API: the first articles of the development corpus (read from ../shared
 * at run time, never copied; skipped when absent) posted one by one, then every event query
 * answered consistently: pages against whole lists, filters against the items, the formats
 * against the JSON.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { ACLED_EVENT_TYPES } from "../../src/export/acled-csv.js";
import type { Store } from "../../src/store/index.js";
import { CORPUS } from "../golden/score.js";
import {
  type App,
  allPages,
  freshStore,
  getJson,
  type Json,
  makeApp,
  parseCsv,
  postJson,
} from "./helpers.js";

const COUNT = 60;

interface Line {
  text: string;
  title?: string;
  date?: string;
  source?: string;
  url?: string;
}

function corpus(): Line[] | null {
  if (!existsSync(CORPUS)) return null;
  const out: Line[] = [];
  for (const line of readFileSync(CORPUS, "utf8").split("\n")) {
    if (out.length >= COUNT) break;
    if (line.trim()) out.push(JSON.parse(line) as Line);
  }
  return out;
}

const lines = corpus();

describe("the API over corpus articles", { skip: lines ? false : `no corpus at ${CORPUS}` }, () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let app: App;
  let created = 0;
  let refused = 0;
  let events: Json[];

  before(async () => {
    ({ store, dispose } = await freshStore());
    app = makeApp(store);
    for (const l of lines ?? []) {
      const res = await postJson(app, "/api/articles", {
        text: l.text,
        ...(l.title ? { title: l.title } : {}),
        ...(l.date ? { published: l.date } : {}),
        ...(l.source ? { outlet: l.source } : {}),
      });
      await res.arrayBuffer();
      if (res.status === 201) created++;
      else if (res.status === 422) refused++;
      else assert.equal(res.status, 200, `unexpected ${res.status}`);
    }
    events = (await allPages(app, "/api/events?limit=500")).flat();
  });
  after(async () => dispose());

  it("stores every article it does not refuse, and counts them", async () => {
    assert.ok(created > COUNT / 2, `${created} stored, ${refused} refused`);
    const h = await getJson(app, "/api/health");
    assert.equal(h.counts.articles, created);
    assert.equal(h.counts.events, events.length);
    assert.ok(events.length > 10);
  });

  it("pages every event list without loss or repeat", async () => {
    const paged = (await allPages(app, "/api/events?limit=7")).flat().map((e: Json) => e.id);
    assert.equal(new Set(paged).size, paged.length);
    assert.deepEqual(
      paged,
      events.map((e) => e.id),
    );
  });

  it("answers each filter with exactly the events that match it", async () => {
    const pick = <T>(xs: T[]) => xs[Math.floor(xs.length / 2)] as T;
    const country = pick(events.filter((e) => e.country)).country;
    const type = pick(events).event_type;
    const dated = events
      .filter((e) => e.event_date)
      .map((e) => e.event_date as string)
      .sort();
    const from = pick(dated);
    const located = events.filter((e) => e.latitude !== null);
    const c = pick(located);
    const bbox = [c.longitude - 1, c.latitude - 1, c.longitude + 1, c.latitude + 1];
    const cases: [string, (e: Json) => boolean][] = [
      [`country=${encodeURIComponent(country)}`, (e) => e.country === country],
      [`type=${encodeURIComponent(type)}`, (e) => e.event_type === type],
      [`from=${from}`, (e) => e.event_date !== null && e.event_date >= from],
      [
        `bbox=${bbox.join(",")}`,
        (e) =>
          e.longitude !== null &&
          e.longitude >= (bbox[0] as number) &&
          e.longitude <= (bbox[2] as number) &&
          e.latitude >= (bbox[1] as number) &&
          e.latitude <= (bbox[3] as number),
      ],
      ["min_confidence=0.8", (e) => e.confidence >= 0.8],
      ["disputed=true", (e) => e.disputed],
    ];
    for (const [query, match] of cases) {
      const got = (await allPages(app, `/api/events?limit=50&${query}`))
        .flat()
        .map((e: Json) => e.id);
      assert.deepEqual(
        got,
        events.filter(match).map((e) => e.id),
        query,
      );
    }
  });

  it("gives every ACLED event as a CSV row and every event as a feature", async () => {
    const csv = parseCsv(
      await (await app.request("/api/events?format=acled-csv&limit=500")).text(),
    );
    const acled = events.filter(
      (e) => e.mode === "asserted" && ACLED_EVENT_TYPES.has(e.event_type),
    );
    assert.deepEqual(
      csv.slice(1).map((r) => r[0]),
      acled.map((e) => e.id),
    );
    const fc: Json = await (await app.request("/api/events?format=geojson&limit=500")).json();
    assert.equal(fc.features.length, events.length);
  });

  it("opens every event with its reports and evidence", async () => {
    for (const e of events.slice(0, 25)) {
      const d = await getJson(app, `/api/events/${e.id}`);
      assert.equal(d.reports.length, e.report_count);
      assert.ok(d.evidence.every((x: Json) => typeof x.text === "string"));
    }
  });
});
