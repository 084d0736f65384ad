import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  ACLED_TO_PLOVER,
  toPloverJsonl,
  toPloverRecord,
  toPloverRecords,
} from "../../src/export/plover.js";
import { PLOVER_MODES } from "../../src/knowledge/lexicons.js";
import { createPipeline } from "../../src/pipeline.js";
import type { EventRecord, Span } from "../../src/types.js";
import { airStrikeRecord, SEED } from "../helpers.js";

// "Warplanes of the regime forces struck ISIS positions in the town of Mahkan yesterday."
const TEXT = "شنت طائرات قوات النظام غارات على مواقع تنظيم داعش في بلدة محكان أمس.";
const at = (s: string, role: EventRecord["evidence"][0]["role"]) => {
  const start = TEXT.indexOf(s);
  assert.ok(start >= 0, s);
  return { role, start, end: start + s.length };
};
const slice = (s: Span) => TEXT.slice(s.start, s.end);

function event(overrides: Partial<EventRecord> = {}): EventRecord {
  return airStrikeRecord({
    id: "doc:e1",
    admin2: "Mayadin",
    latitude: 34.976,
    longitude: 40.492,
    source: "Al-Araby Al-Jadeed",
    notes: TEXT,
    evidence: [
      { role: "sentence", start: 0, end: TEXT.length },
      at("غارات", "trigger"),
      at("قوات النظام", "actor1"),
      at("تنظيم داعش", "actor2"),
      at("محكان", "location"),
    ],
    plover: { event_type: "ASSAULT", mode: "aerial" },
    ...overrides,
  });
}

const record = (e: EventRecord) => {
  const r = toPloverRecord(e, TEXT, { outlet: "العربي الجديد", published: "2017-11-02" });
  assert.ok(r, "a PLOVER record");
  return r;
};

describe("PLOVER export", () => {
  it("takes the event type and mode from the trigger's PLOVER code", () => {
    const r = record(event({ plover: { event_type: "COERCE", mode: "restrict" } }));
    assert.deepEqual([r.event_type, r.mode, r.coded_from], ["COERCE", "restrict", "trigger"]);
  });

  it("maps the ACLED type when the trigger has no PLOVER code", () => {
    const { plover: _, ...uncoded } = event();
    const r = record(uncoded);
    assert.deepEqual([r.event_type, r.mode, r.coded_from], ["ASSAULT", "aerial", "acled"]);
  });

  it("maps arrests to COERCE and protests to PROTEST", () => {
    const code = (event_type: string, sub_event_type: string) => {
      const { plover: _, ...e } = event({ event_type, sub_event_type });
      const r = record(e);
      return `${r.event_type}/${r.mode}`;
    };
    assert.equal(code("Strategic developments", "Arrests"), "COERCE/arrest");
    assert.equal(code("Protests", "Peaceful protest"), "PROTEST/demo");
  });

  it("names the perpetrator as actor and the target as recipient, as written and in ACLED's names", () => {
    const r = record(event());
    assert.deepEqual(
      r.actor.map((a) => [a.actor_text, a.acled_name, a.inter]),
      [["قوات النظام", "Military Forces of Syria (2000-2024)", 1]],
    );
    assert.deepEqual(
      r.recipient.map((a) => [a.actor_text, a.acled_name]),
      [["تنظيم داعش", "Islamic State (Syria)"]],
    );
    assert.equal(slice(r.actor[0]!.spans[0]!), "قوات النظام");
  });

  it("makes both sides of an armed clash actors, with no recipient", () => {
    const r = record(
      event({
        event_type: "Battles",
        sub_event_type: "Armed clash",
        plover: { event_type: "ASSAULT" },
      }),
    );
    assert.equal(r.actor.length, 2);
    assert.deepEqual(r.recipient, []);
  });

  it("lists associated actors after the primary one", () => {
    const r = record(event({ assoc_actor_1: "Militia A; Militia B" }));
    assert.deepEqual(
      r.actor.map((a) => [a.acled_name, a.associated]),
      [
        ["Military Forces of Syria (2000-2024)", false],
        ["Militia A", true],
        ["Militia B", true],
      ],
    );
  });

  it("locates the event with coordinates, geo precision and the place's span", () => {
    const r = record(event());
    assert.deepEqual(
      [r.country, r.location?.name, r.location?.latitude, r.location?.geo_precision],
      ["Syria", "Mahkan", 34.976, 1],
    );
    assert.equal(slice(r.location!.spans[0]!), "محكان");
  });

  it("points event_text at the sentence and its trigger, with their text", () => {
    const r = record(event());
    assert.equal(slice(r.event_text!), TEXT);
    assert.equal(r.event_text?.trigger?.text, "غارات");
    assert.equal(slice(r.event_text!.trigger!), "غارات");
  });

  it("keeps the source attribution and the citation", () => {
    const r = record(
      event({
        attribution: {
          chain: [
            { kind: "outlet", name: "العربي الجديد" },
            { kind: "news_agency", name: "سانا", span: { start: 0, end: 3 } },
          ],
          stance: "report",
          verb: { lemma: "نقل", span: { start: 0, end: 3 } },
        },
      }),
    );
    assert.deepEqual(
      r.attribution.chain.map((l) => l.kind),
      ["outlet", "news_agency"],
    );
    assert.deepEqual([r.attribution.stance, r.attribution.verb], ["report", "نقل"]);
    assert.equal(r.cite_info.publication, "العربي الجديد");
  });

  it("gives military events a military context and displacement a migration one", () => {
    assert.deepEqual(record(event()).context, ["military"]);
    const forced = record(
      event({
        event_type: "Displacement",
        sub_event_type: "Forced displacement",
        plover: undefined,
      }),
    );
    assert.deepEqual(
      [forced.event_type, forced.mode, forced.context],
      ["COERCE", "deport", ["migration"]],
    );
  });

  it("leaves out events that did not happen", () => {
    assert.equal(toPloverRecord(event({ mode: "future" }), TEXT), null);
    assert.equal(toPloverRecord(event({ mode: "negated" }), TEXT), null);
  });

  it("leaves out events with no PLOVER category (fleeing)", () => {
    const { plover: _, ...flight } = event({
      event_type: "Displacement",
      sub_event_type: "Flight",
    });
    assert.equal(toPloverRecord(flight, TEXT), null);
  });

  it("leaves the seed's flight out and codes its siege battle as ASSAULT, not COERCE", () => {
    const doc = createPipeline()({ text: SEED, outlet: "العربي الجديد" });
    const flight = doc.events.find((e) => e.sub_event_type === "Flight");
    assert.ok(flight);
    assert.equal(toPloverRecord(flight, SEED), null);
    for (const e of doc.events.filter((x) => x.event_type === "Battles"))
      assert.equal(toPloverRecord(e, SEED)?.event_type, "ASSAULT");
  });

  it("writes one JSON record per line", () => {
    const doc = {
      text: TEXT,
      events: [event(), event({ id: "doc:e2" }), event({ mode: "future" })],
    };
    const lines = toPloverJsonl(doc).trimEnd().split("\n");
    assert.deepEqual(
      lines.map((l) => (JSON.parse(l) as { event_id: string }).event_id),
      ["doc:e1", "doc:e2"],
    );
    assert.equal(toPloverRecords(doc).length, 2);
  });

  it("maps ACLED types only to PLOVER categories and modes the manual defines", () => {
    for (const [sub, code] of Object.entries(ACLED_TO_PLOVER)) {
      if (!code) continue;
      const modes = PLOVER_MODES[code.event_type];
      assert.ok(modes, `${sub}: ${code.event_type}`);
      if (code.mode)
        assert.ok(modes.includes(code.mode), `${sub}: ${code.event_type}/${code.mode}`);
    }
  });
});
