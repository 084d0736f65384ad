/**
 * The workspace's pure modules, without a browser: highlighting by UTF-16 offsets, the state in
 * the URL, the API parameters of the filters, the filters the page applies, Arabic counts, CSV
 * pages, and the map's GeoJSON.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { normalizeForMatch } from "../../src/text/normalize.js";
import {
  classOf,
  classParams,
  EVENT_CLASSES,
  sizeForFatalities,
} from "../../web/src/lib/classes.js";
import { csvRecords, joinCsvPages } from "../../web/src/lib/csv.js";
import { runs } from "../../web/src/lib/highlight.js";
import { count, formatDate } from "../../web/src/lib/i18n.js";
import {
  type AppState,
  clientFilter,
  EMPTY_FILTERS,
  type FilterableEvent,
  parseState,
  serverParams,
  stateToSearch,
} from "../../web/src/lib/state.js";
import { eventsGeoJson, flowsGeoJson, type MapEvent } from "../../web/src/map/data.js";

describe("highlight runs", () => {
  test("cut at every boundary; nested and overlapping spans listed innermost first", () => {
    const text = "قصفت قوات النظام بلدة كفرنبل";
    const r = runs(text, [
      { start: 0, end: 4, kind: "trigger" },
      { start: 5, end: 16, kind: "actor1" },
      { start: 10, end: 16, kind: "org" },
      { start: 22, end: 28, kind: "location" },
    ]);
    assert.equal(r.map((x) => x.text).join(""), text, "the runs rebuild the text");
    const marked = r.filter((x) => x.marks.length > 0);
    assert.deepEqual(
      marked.map((x) => [x.text, x.marks.map((m) => m.kind)]),
      [
        ["قصفت", ["trigger"]],
        ["قوات ", ["actor1"]],
        ["النظام", ["org", "actor1"]],
        ["كفرنبل", ["location"]],
      ],
    );
  });

  test("a window of the text, marks clipped to it; harakat and emoji keep their offsets", () => {
    const text = "قُتِلَ 5 مدنيين 😢 في حلب";
    const start = text.indexOf("مدنيين");
    const r = runs(text, [{ start, end: start + 6, kind: "actor2" }], 0, text.indexOf("في"));
    assert.equal(r.find((x) => x.marks.length)?.text, "مدنيين");
    // A span ending inside a surrogate pair is moved off it, never splitting the emoji.
    const e = text.indexOf("😢");
    const cut = runs(text, [{ start: e, end: e + 1, kind: "x" }]);
    for (const x of cut) assert.ok(!/[\ud800-\udbff]$/.test(x.text), "no lone high surrogate");
  });

  test("empty and out-of-range spans are ignored", () => {
    const r = runs("abc", [
      { start: 2, end: 2, kind: "x" },
      { start: 5, end: 9, kind: "y" },
    ]);
    assert.deepEqual(
      r.map((x) => x.text),
      ["abc"],
    );
  });
});

describe("state in the URL", () => {
  const full: AppState = {
    view: "disputes",
    lang: "en",
    filters: {
      from: "2017-11-01",
      to: "2017-11-30",
      classes: ["battle", "airstrike"],
      actor: "Islamic State (Syria)",
      country: "Syria",
      admin1: "Deir ez-Zor",
      sourceKinds: ["activist", "official"],
      disputed: true,
      minConfidence: 0.6,
      q: "دير الزور",
    },
    event: "SYR-41446e46674fba69",
    article: null,
    map: { lon: 40.1461, lat: 35.3319, zoom: 7.5 },
  };

  test("round trip", () => {
    assert.deepEqual(parseState(stateToSearch(full)), full);
  });

  test("defaults are left out; Arabic and the map view are the default", () => {
    const s = parseState("");
    assert.equal(s.view, "map");
    assert.equal(s.lang, "ar");
    assert.deepEqual(s.filters, EMPTY_FILTERS);
    assert.equal(stateToSearch(s), "");
  });

  test("bad values are dropped, not trusted", () => {
    const s = parseState(
      "?view=admin&lang=fr&from=2017-13-45x&cls=battle,nope&conf=7&map=500,0,3&src=<script>",
    );
    assert.equal(s.view, "map");
    assert.equal(s.lang, "ar");
    assert.equal(s.filters.from, null);
    assert.deepEqual(s.filters.classes, ["battle"]);
    assert.equal(s.filters.minConfidence, 1);
    assert.equal(s.map, null);
    assert.deepEqual(s.filters.sourceKinds, []);
  });
});

describe("filters", () => {
  test("whole types are sent as type, partial ones as every sub-type", () => {
    assert.deepEqual(classParams(["battle", "civilians"]), {
      type: ["Battles", "Violence against civilians"],
    });
    const p = classParams(["airstrike", "battle"]);
    assert.equal(p.type, undefined);
    assert.ok(p.sub_type?.includes("Air/drone strike"));
    assert.ok(p.sub_type?.includes("Armed clash"));
    assert.ok(!p.sub_type?.includes("Shelling/artillery/missile attack"));
    assert.deepEqual(classParams([]), {});
    assert.deepEqual(classParams([...EVENT_CLASSES]), {});
  });

  test("server parameters; dates only when asked", () => {
    const f = {
      ...EMPTY_FILTERS,
      from: "2017-11-01",
      country: "Syria",
      disputed: true,
      minConfidence: 0.5,
    };
    assert.equal(
      serverParams(f, false).toString(),
      "country=Syria&min_confidence=0.5&disputed=true",
    );
    assert.equal(serverParams(f, true).get("from"), "2017-11-01");
  });

  test("every sub-type maps back to its class", () => {
    assert.equal(classOf("Explosions/Remote violence", "Air/drone strike"), "airstrike");
    assert.equal(classOf("Explosions/Remote violence", "Suicide bomb"), "explosive");
    assert.equal(classOf("Riots", "Mob violence"), "protest");
    assert.equal(classOf("Displacement", "Flight"), "displacement");
    assert.equal(classOf("Strategic developments", "Arrests"), "strategic");
  });

  const ev: FilterableEvent = {
    event_date: "2017-11-02",
    event_type: "Battles",
    sub_event_type: "Armed clash",
    source: 'العربي الجديد; وكالة "سانا"',
    notes: "بدأت قوات النظام في تضييق الخناق على مسلحي تنظيم «داعش» داخل مدينة دير الزور",
    location: "Deir-Ez-Zor",
    actor1: "Military Forces of Syria (2000-2024)",
    actor2: "Islamic State (Syria)",
    assoc_actor_1: "",
    assoc_actor_2: "",
    admin1: "Deir ez-Zor",
    admin2: "Deir ez-Zor",
    country: "Syria",
  };
  const kinds = new Map([
    ["العربي الجديد", "outlet"],
    ['وكالة "سانا"', "news_agency"],
  ]);
  const keep = (patch: Partial<typeof EMPTY_FILTERS>) =>
    clientFilter(
      { ...EMPTY_FILTERS, ...patch },
      { normalize: normalizeForMatch, sourceKind: (n) => kinds.get(n) },
    )(ev);

  test("text search after rasd's normalisation (harakat, hamza, taa marbuta)", () => {
    assert.ok(keep({ q: "دَيْرِ الزّور" }));
    assert.ok(keep({ q: "مدينه" }), "ة and ه match");
    assert.ok(keep({ q: "islamic state" }), "Latin case folded");
    assert.ok(!keep({ q: "حلب" }));
  });

  test("source kinds through the kinds of the named sources; dates inclusive", () => {
    assert.ok(keep({ sourceKinds: ["news_agency"] }));
    assert.ok(!keep({ sourceKinds: ["activist"] }));
    assert.ok(keep({ from: "2017-11-02", to: "2017-11-02" }));
    assert.ok(!keep({ from: "2017-11-03" }));
  });
});

describe("words", () => {
  test("Arabic counts agree with the number", () => {
    assert.equal(count("ar", "event", 1), "حدث واحد");
    assert.equal(count("ar", "event", 2), "حدثان");
    assert.equal(count("ar", "event", 5), "5 أحداث");
    assert.equal(count("ar", "event", 11), "11 حدثاً");
    assert.equal(count("ar", "event", 100), "100 حدث");
    assert.equal(count("ar", "article", 2, true), "مقالين", "the dual after a preposition");
    assert.equal(count("en", "report", 1), "1 report");
    assert.equal(count("en", "report", 3), "3 reports");
    assert.equal(count("en", "event", 12_345), "12,345 events");
  });

  test("dates in both languages, Western digits", () => {
    assert.equal(formatDate("en", "2017-11-02"), "2 Nov 2017");
    assert.match(formatDate("ar", "2017-11-02"), /^2 نوفمبر 2017$/);
    assert.equal(formatDate("ar", null), "—");
  });
});

describe("CSV pages", () => {
  const page1 = 'event_id_cnty,notes\r\nSYR-1,"a, ""quoted""\r\nline"\r\nSYR-2,b\r\n';
  const page2 = "event_id_cnty,notes\r\nSYR-3,c\r\n";
  test("records with quotes, commas and line breaks", () => {
    assert.deepEqual(csvRecords(page1), [
      ["event_id_cnty", "notes"],
      ["SYR-1", 'a, "quoted"\r\nline'],
      ["SYR-2", "b"],
    ]);
  });
  test("pages joined under one header, rows kept by id", () => {
    const all = joinCsvPages([page1, page2], null);
    assert.equal(csvRecords(all).length, 4);
    const some = joinCsvPages([page1, page2], (id) => id !== "SYR-2");
    assert.deepEqual(
      csvRecords(some).map((r) => r[0]),
      ["event_id_cnty", "SYR-1", "SYR-3"],
    );
  });
});

describe("map data", () => {
  const base: MapEvent = {
    id: "a",
    event_type: "Battles",
    sub_event_type: "Armed clash",
    inter1: 1,
    fatalities: 0,
    geo_precision: 1,
    disputed: false,
    latitude: 35.33,
    longitude: 40.14,
  };
  test("symbols by class and family; events at one spot get ring slots; no coordinates, no point", () => {
    const fc = eventsGeoJson([
      base,
      {
        ...base,
        id: "b",
        event_type: "Displacement",
        sub_event_type: "Flight",
        inter1: 7,
        disputed: true,
      },
      { ...base, id: "c", latitude: null, longitude: null },
      { ...base, id: "d", latitude: 34.9, fatalities: 40, geo_precision: 3 },
    ]);
    assert.deepEqual(
      fc.features.map((f) => [
        f.properties.id,
        f.properties.img,
        f.properties.slot,
        f.properties.prec,
      ]),
      [
        ["a", "ev:battle:1:0", "0/2", 1],
        ["b", "ev:displacement:7:1", "1/2", 1],
        ["d", "ev:battle:1:0", "", 3],
      ],
    );
    assert.deepEqual(fc.features[0]?.geometry.coordinates, [40.14, 35.33]);
    assert.ok((fc.features[2]?.properties.size ?? 0) > 1.5, "40 dead: a bigger symbol");
    assert.equal(sizeForFatalities(0), 1);
  });

  test("a flow is an arc ending at its destination, its head pointing along it", () => {
    const { lines, heads } = flowsGeoJson([
      { eventId: "f", from: [40.15, 35.33], to: [38.84, 36.43] },
    ]);
    const coords = lines.features[0]?.geometry.coordinates ?? [];
    assert.deepEqual(coords[0], [40.15, 35.33]);
    const end = coords[coords.length - 1] as number[];
    assert.ok(
      Math.abs((end[0] as number) - 38.84) < 1e-9 && Math.abs((end[1] as number) - 36.43) < 1e-9,
    );
    const bearing = heads.features[0]?.properties.bearing ?? 0;
    assert.ok(bearing < -20 && bearing > -90, `north-west, roughly (${bearing}°)`);
  });
});
