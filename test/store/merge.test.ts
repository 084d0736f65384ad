/**
 * The store's pure parts: when two reports are one event, what the merged event says, how ids
 * are made, how queries are normalised, how cursors are checked. No database.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { OutEvent } from "../../src/output/json.js";
import { StoreError } from "../../src/store/errors.js";
import { contentHash, eventKey, iso3, reportIdFor, textHash } from "../../src/store/ids.js";
import {
  bestMatch,
  boxAround,
  conservativeFatalities,
  DEFAULT_MERGE,
  distanceKm,
  fatalityDisagreement,
  type MergeReport,
  matchDistance,
  mergedSource,
  primaryReport,
  shiftDate,
} from "../../src/store/merge.js";
import { decodeCursor, encodeCursor } from "../../src/store/paging.js";
import {
  findMatches,
  fts5Query,
  queryTerms,
  searchableText,
  snippet,
} from "../../src/store/search.js";

/** Kafr Nabl and Maarrat al-Nu'man (gazetteer coordinates): 11 km apart. */
const KAFR_NABL = { latitude: 35.61466, longitude: 36.56027 };
const MAARRAT = { latitude: 35.64757, longitude: 36.67659 };

function event(over: Partial<OutEvent> = {}): OutEvent {
  return {
    id: "doc:e1",
    event_date: "2019-05-10",
    time_precision: 1,
    event_type: "Explosions/Remote violence",
    sub_event_type: "Shelling/artillery/missile attack",
    actor1: "Military Forces of Syria (2000-2024)",
    assoc_actor_1: "",
    inter1: 1,
    actor2: "",
    assoc_actor_2: "",
    inter2: null,
    civilian_targeting: "",
    country: "Syria",
    admin1: "Idlib",
    admin2: "Maarrat An Numan",
    location: "Kafr Nobol",
    ...KAFR_NABL,
    geo_precision: 1,
    source: "عنب بلدي",
    notes: "",
    fatalities: 5,
    evidence: [],
    attribution: { chain: [], verb: null, stance: "assert" },
    confidence: 0.8,
    mode: "asserted",
    plover: null,
    displacement: null,
    ...over,
  };
}

const report = (id: string, seq: number, over: Partial<OutEvent> = {}): MergeReport => ({
  id,
  article_id: `a-${id}`,
  seq,
  record: event(over),
});

describe("the merging rule", () => {
  it("measures great-circle distances: Kafr Nabl to Maarrat al-Nu'man is about 11 km", () => {
    const km = distanceKm(
      KAFR_NABL.latitude,
      KAFR_NABL.longitude,
      MAARRAT.latitude,
      MAARRAT.longitude,
    );
    assert.ok(km > 10.5 && km < 11.5, `${km}`);
  });

  it("looks candidates up in a box that holds every point within the distance", () => {
    const box = boxAround(35.6, 36.5, 5);
    for (const bearing of [0, 45, 90, 135, 180, 225, 270, 315]) {
      const rad = (bearing * Math.PI) / 180;
      const lat = 35.6 + (4.99 / 111.19) * Math.cos(rad);
      const lon = 36.5 + (4.99 / (111.19 * Math.cos((35.6 * Math.PI) / 180))) * Math.sin(rad);
      assert.ok(distanceKm(35.6, 36.5, lat, lon) <= 5.01);
      assert.ok(lat >= box.minLat && lat <= box.maxLat && lon >= box.minLon && lon <= box.maxLon);
    }
  });

  it("merges the same type, actors, day and place", () => {
    assert.deepEqual(matchDistance(event(), event()), [0, 0]);
  });

  it("tolerates one day and 5 km, not more", () => {
    assert.deepEqual(matchDistance(event({ event_date: "2019-05-11" }), event())?.[1], 1);
    assert.equal(matchDistance(event({ event_date: "2019-05-12" }), event()), null);
    const near = { latitude: KAFR_NABL.latitude + 4.9 / 111.19, longitude: KAFR_NABL.longitude };
    const far = { latitude: KAFR_NABL.latitude + 5.1 / 111.19, longitude: KAFR_NABL.longitude };
    assert.ok(matchDistance(event(near), event()));
    assert.equal(matchDistance(event(far), event()), null);
    assert.equal(matchDistance(event(MAARRAT), event()), null);
    assert.ok(matchDistance(event(MAARRAT), event(), { maxDistanceKm: 15, maxDayGap: 1 }));
  });

  it("requires the same type and sub-type", () => {
    assert.equal(matchDistance(event({ sub_event_type: "Air/drone strike" }), event()), null);
    assert.equal(matchDistance(event({ event_type: "Battles" }), event()), null);
  });

  it("reads the actors as a pair: who is named first does not matter, who is named does", () => {
    const a = event({ event_type: "Battles", actor1: "A", actor2: "B" });
    const b = event({ event_type: "Battles", actor1: "B", actor2: "A" });
    assert.ok(matchDistance(a, b));
    assert.equal(
      matchDistance(a, event({ event_type: "Battles", actor1: "A", actor2: "C" })),
      null,
    );
    assert.equal(matchDistance(a, event({ event_type: "Battles", actor1: "A", actor2: "" })), null);
  });

  it("never merges undated reports", () => {
    assert.equal(matchDistance(event({ event_date: null }), event()), null);
  });

  it("without coordinates on both sides, needs the same country, admin1 and location name", () => {
    const unplaced = event({ latitude: null, longitude: null });
    assert.deepEqual(matchDistance(unplaced, event()), [0, 0]);
    assert.equal(matchDistance(unplaced, event({ location: "Kafr Nabl" })), null);
    assert.equal(
      matchDistance(
        event({ latitude: null, longitude: null, location: "" }),
        event({ location: "" }),
      ),
      null,
    );
  });

  it("picks the closest candidate, then the nearest date, then the smallest id", () => {
    const c = (id: string, over: Partial<OutEvent>) => ({ ...event(over), id });
    const near = { latitude: KAFR_NABL.latitude + 1 / 111.19, longitude: KAFR_NABL.longitude };
    assert.equal(bestMatch(event(), [c("b", near), c("a", KAFR_NABL)])?.id, "a");
    assert.equal(bestMatch(event(), [c("a", { event_date: "2019-05-11" }), c("b", {})])?.id, "b");
    assert.equal(bestMatch(event(), [c("b", {}), c("a", {})])?.id, "a");
    assert.equal(bestMatch(event(), [c("m", MAARRAT)]), null);
    assert.deepEqual(DEFAULT_MERGE, { maxDistanceKm: 5, maxDayGap: 1 });
  });
});

describe("the merged event", () => {
  it("gives the most conservative death toll: the lowest given, a silent report not counted", () => {
    const rs = [
      report("a", 1, { fatalities: 8 }),
      report("b", 2, { fatalities: 5 }),
      report("c", 3, { fatalities: 0 }),
    ];
    assert.equal(conservativeFatalities(rs), 5);
    assert.equal(conservativeFatalities([report("a", 1, { fatalities: 0 })]), 0);
  });

  it("keeps differing tolls as sides, lowest first, each with its reports", () => {
    const rs = [
      report("a", 1, { fatalities: 8 }),
      report("b", 2, { fatalities: 5 }),
      report("c", 3, { fatalities: 8 }),
      report("d", 4, { fatalities: 0 }),
    ];
    assert.deepEqual(fatalityDisagreement(rs), [
      { value: 5, report_ids: ["b"] },
      { value: 8, report_ids: ["a", "c"] },
    ]);
    assert.equal(fatalityDisagreement([report("a", 1), report("b", 2)]), null, "agreeing reports");
    assert.equal(fatalityDisagreement([report("a", 1), report("b", 2, { fatalities: 0 })]), null);
  });

  it("shows the fields of the most precise report, then the earliest", () => {
    const coarse = report("a", 1, { geo_precision: 2, location: "Idlib" });
    const precise = report("b", 2, { geo_precision: 1 });
    assert.equal(primaryReport([coarse, precise]).id, "b");
    const vague = report("c", 1, { time_precision: 2 });
    assert.equal(primaryReport([vague, precise]).id, "b");
    assert.equal(primaryReport([report("z", 1), report("y", 2)]).id, "z");
  });

  it("lists every source once, in the order the reports came", () => {
    const rs = [
      report("b", 2, { source: "العربي الجديد; المرصد السوري لحقوق الإنسان" }),
      report("a", 1, { source: "عنب بلدي; ناشطين" }),
      report("c", 3, { source: "الجزيرة; المرصد السوري لحقوق الإنسان" }),
    ];
    assert.equal(
      mergedSource(rs),
      "عنب بلدي; ناشطين; العربي الجديد; المرصد السوري لحقوق الإنسان; الجزيرة",
    );
  });

  it("shifts ISO dates across month and year ends", () => {
    assert.equal(shiftDate("2019-03-01", -1), "2019-02-28");
    assert.equal(shiftDate("2019-12-31", 1), "2020-01-01");
  });
});

describe("ids", () => {
  it("makes event ids of the country's ISO3 code and a hash of article, key and occurrence", () => {
    const e = event();
    const id = reportIdFor("h1", e, eventKey(e), 0);
    assert.match(id, /^SYR-[0-9a-f]{16}$/);
    assert.equal(reportIdFor("h1", e, eventKey(e), 0), id, "the same inputs, the same id");
    assert.notEqual(reportIdFor("h1", e, eventKey(e), 1), id, "a second event with the same key");
    assert.notEqual(reportIdFor("h2", e, eventKey(e), 0), id, "another article");
    assert.match(reportIdFor("h1", event({ country: "" }), eventKey(e), 0), /^XXX-/);
    assert.deepEqual([iso3("Iraq"), iso3("Yemen"), iso3("Atlantis")], ["IRQ", "YEM", "XXX"]);
  });

  it("keys an event by date, type, actors and place, not by its count, sources or wording", () => {
    const k = eventKey(event());
    assert.equal(
      eventKey(
        event({
          fatalities: 9,
          source: "x",
          notes: "y",
          confidence: 0.1,
          evidence: [{ role: "trigger", start: 1, end: 2 }],
        }),
      ),
      k,
    );
    for (const change of [
      { event_date: "2019-05-11" },
      { sub_event_type: "Air/drone strike" },
      { actor2: "Civilians (Syria)" },
      { location: "Maarrat An Numan" },
    ]) {
      assert.notEqual(eventKey(event(change)), k, JSON.stringify(change));
    }
  });

  it("hashes an article's content with its outlet, and its text alone for copies", () => {
    assert.notEqual(contentHash("نص", "أ"), contentHash("نص", "ب"));
    assert.equal(contentHash("نص", null), contentHash("نص", null));
    assert.equal(textHash("قُتِلَ  ثلاثة\n"), textHash("قتل ثلاثة"), "harakat and spacing aside");
  });
});

describe("search terms", () => {
  it("normalises the query as the text is: harakat, hamza forms, taa marbuta, alef maqsura, digits", () => {
    assert.deepEqual(queryTerms("قُتِلَ أطفالٌ في مدينة إدلب ومستشفى ٣"), [
      "قتل",
      "اطفال",
      "في",
      "مدينه",
      "ادلب",
      "ومستشفي",
      "3",
    ]);
    assert.deepEqual(queryTerms("«» - * ()"), []);
    assert.deepEqual(queryTerms("قتل قتل"), ["قتل"]);
  });

  it("indexes the normalised words only, so that both backends cut the same tokens", () => {
    assert.equal(
      searchableText("قُتِلَ «٣» أشخاص في 2017-11-02، وفق Al-Araby."),
      "قتل 3 اشخاص في 2017 11 02 وفق al araby",
    );
  });

  it("quotes every term for FTS5, so that no word is an operator", () => {
    assert.equal(fts5Query(["قتل", "or", 'a"b']), '"قتل" "or" "a""b"');
  });

  it("finds whole words in the original text, spans covering the harakat", () => {
    const text = "قُتِلَ رجل، وقتل آخر. القتلى ثلاثة. قتل.";
    const spans = findMatches(text, ["قتل"]);
    assert.deepEqual(
      spans.map((s) => text.slice(s.start, s.end)),
      ["قُتِلَ", "قتل"],
      "وقتل and القتلى are other words",
    );
    assert.equal(spans[1]?.start, text.lastIndexOf("قتل"));
  });

  it("cuts a snippet around the first match", () => {
    const text = `${"كلمة ".repeat(100)}قتل ${"كلمة ".repeat(100)}`;
    const s = snippet(text, { start: 500, end: 503 }, 60);
    assert.ok(s.startsWith("… ") && s.endsWith(" …") && s.includes("قتل"));
    assert.equal(snippet("نص قصير", undefined), "نص قصير");
  });
});

describe("cursors", () => {
  it("round-trips the key of the list they belong to, and are refused by another", () => {
    const c = encodeCursor("events", ["2019-05-10", "SYR-1"]);
    assert.deepEqual(decodeCursor("events", c, ["string", "string"]), ["2019-05-10", "SYR-1"]);
    assert.equal(decodeCursor("events", null, ["string", "string"]), undefined);
    assert.throws(() => decodeCursor("claims", c, ["string", "string"]), StoreError);
    assert.throws(() => decodeCursor("events", c, ["number"]), StoreError);
    assert.throws(() => decodeCursor("events", "%%%", ["string"]), /cursor/);
  });

  it("refuses a position that is not a whole number from 0 (a 500 from the database before)", () => {
    for (const bad of [-5, 1.5, 1e300, 2 ** 53]) {
      const c = encodeCursor("places", [bad]);
      assert.throws(() => decodeCursor("places", c, ["number"]), /bad position/, String(bad));
    }
    assert.deepEqual(decodeCursor("places", encodeCursor("places", [500]), ["number"]), [500]);
  });
});
