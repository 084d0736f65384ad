import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { csvCell, toAcledCsv } from "../../src/export/acled-csv.js";
import { toGeoJson } from "../../src/export/geojson.js";
import { airStrikeRecord as event } from "../helpers.js";

describe("ACLED CSV export", () => {
  it("writes the ACLED header and one row per event", () => {
    const lines = toAcledCsv([event()]).trimEnd().split("\r\n");
    assert.equal(lines.length, 2);
    assert.ok(
      lines[0]!.startsWith("event_id_cnty,event_date,year,time_precision,disorder_type,event_type"),
    );
    assert.match(
      lines[1]!,
      /^SYR-test-1,2017-11-01,2017,1,Political violence,Explosions\/Remote violence,Air\/drone strike,/,
    );
  });

  it("codes the interaction from both inter codes", () => {
    assert.match(toAcledCsv([event()]), /,12,/);
  });

  it("leaves displacement (a rasd type) out", () => {
    const csv = toAcledCsv([event({ event_type: "Displacement", sub_event_type: "Displacement" })]);
    assert.equal(csv.trimEnd().split("\r\n").length, 1);
  });

  it("leaves expected and negated events out", () => {
    const csv = toAcledCsv([event({ mode: "future" }), event({ mode: "negated" })]);
    assert.equal(csv.trimEnd().split("\r\n").length, 1);
  });

  it("quotes cells holding commas, quotes or line breaks", () => {
    assert.equal(csvCell('قال "المصدر", أمس'), '"قال ""المصدر"", أمس"');
    assert.equal(csvCell("سطر\nآخر"), '"سطر\nآخر"');
  });

  it("neutralizes cells a spreadsheet would run as a formula", () => {
    for (const s of ["=HYPERLINK(1)", "+1", "-2+3", "@SUM(A1)", "\t=1+1"])
      assert.equal(csvCell(s), `'${s}`);
    assert.equal(csvCell("\r=1+1"), `"'\r=1+1"`);
    assert.equal(csvCell(-12.5, false), "-12.5");
  });
});

describe("GeoJSON export", () => {
  it("places each located event as a point at [longitude, latitude]", () => {
    const fc = toGeoJson([event()]);
    assert.deepEqual(fc.features[0]?.geometry, { type: "Point", coordinates: [40.3, 34.9] });
    assert.equal(fc.features[0]?.properties.event_type, "Explosions/Remote violence");
  });

  it("draws a displacement flow from origin to each destination", () => {
    const place = (text: string, latitude: number, longitude: number) => ({
      text,
      latitude,
      longitude,
      start: 0,
      end: 1,
      method: "test",
      candidates: 1,
      confidence: 1,
    });
    const fc = toGeoJson([
      event({
        event_type: "Displacement",
        displacement: {
          origin: place("دير الزور", 35.33, 40.14),
          destinations: [place("عين عيسى", 36.38, 38.86)],
        },
      }),
    ]);
    const flow = fc.features.find((f) => f.geometry.type === "LineString");
    assert.deepEqual(flow?.geometry.coordinates, [
      [40.14, 35.33],
      [38.86, 36.38],
    ]);
  });

  it("leaves events without coordinates and non-asserted events out", () => {
    assert.equal(
      toGeoJson([event({ latitude: null, longitude: null }), event({ mode: "future" })]).features
        .length,
      0,
    );
  });
});
