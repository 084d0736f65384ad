import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { gazetteerCommand } from "../../src/cli/gazetteer.js";
import {
  type GazetteerEntry,
  loadGazetteer,
  nameKeys,
  parseCsv,
} from "../../src/knowledge/gazetteer.js";
import { createDocument, textStage } from "../../src/text/index.js";
import { SEED } from "../helpers.js";

const gaz = loadGazetteer();
const stage = textStage();

function matches(text: string) {
  const doc = createDocument(text);
  stage(doc);
  return gaz.matchTokens(doc.tokens).map((m) => ({ ...m, text: text.slice(m.start, m.end) }));
}

function ids(entries: GazetteerEntry[]): string[] {
  return entries.map((e) => e.id);
}

/** The candidate of `kind` for `name` lying within `km` of (lat, lon). */
function near(name: string, kind: string, lat: number, lon: number, km = 5): GazetteerEntry {
  const found = gaz
    .lookup(name)
    .find((e) => e.kind === kind && Math.hypot((e.lat - lat) * 111, (e.lon - lon) * 91) <= km);
  assert.ok(found, `${name}: no ${kind} within ${km} km of ${lat},${lon}`);
  return found;
}

describe("gazetteer: the seed article's places", () => {
  it("has Deir ez-Zor both as the city and as the governorate", () => {
    const found = gaz.lookup("دير الزور");
    const city = found.find((e) => e.kind === "city");
    const gov = found.find((e) => e.kind === "admin1");
    assert.ok(city && gov);
    assert.equal(gov.id, "ocha:SY09");
    assert.ok(Math.abs(city.lat - 35.33) < 0.05 && Math.abs(city.lon - 40.14) < 0.05);
    assert.equal(city.admin1?.id, "ocha:SY09");
  });

  it("finds محكان and القورية among the OCHA villages, linked to their district", () => {
    const mahkan = gaz.lookup("محكان")[0];
    const quriyeh = gaz.lookup("القورية")[0];
    assert.equal(mahkan?.id, "ocha:C5194");
    assert.equal(quriyeh?.id, "ocha:C5207");
    assert.equal(mahkan?.admin2?.id, "ocha:SY0903");
    assert.equal(quriyeh?.admin1?.id, "ocha:SY09");
  });

  it("finds the Deir ez-Zor neighbourhoods the article names, from the curated file", () => {
    for (const name of ["الحميدية", "الجبيلة", "الرشدية", "الحويقة", "العرضي", "الشيخ ياسين"]) {
      const e = near(name, "neighbourhood", 35.333, 40.14, 6);
      assert.equal(e.source, "curated", name);
      assert.equal(e.parent?.id, "ocha:C5086", name);
    }
  });

  it("places al-Mayadin, al-Bukamal, Raqqa, Ain Issa and al-Hasakah where they are", () => {
    near("الميادين", "town", 35.02, 40.45, 5);
    near("البوكمال", "town", 34.45, 40.92, 5);
    near("الرقة", "city", 35.95, 39.01, 5);
    near("عين عيسى", "village", 36.38, 38.86, 5);
    near("الحسكة", "city", 36.5, 40.74, 5);
  });

  it("knows ريف حلب الشرقي and الحدود السورية العراقية as places", () => {
    const rural = gaz.lookup("ريف حلب الشرقي")[0];
    const border = gaz.lookup("الحدود السورية العراقية")[0];
    assert.equal(rural?.kind, "region");
    assert.ok(rural && rural.lon > 37.3 && rural.lon < 38.5);
    assert.equal(border?.kind, "border");
    assert.ok(border && border.lon > 38.7 && border.lon < 42.4);
  });

  it("resolves every place the seed article names somewhere in its text", () => {
    const found = new Set(matches(SEED).map((m) => m.key));
    for (const place of ["دير الزور", "الرقه", "البوكمال", "محكان", "الميادين", "القوريه"]) {
      assert.ok(found.has(place), place);
    }
    for (const place of ["عين عيسي", "الحسكه", "ريف حلب الشرقي", "ريف دير الزور الشرقي"]) {
      assert.ok(found.has(place), place);
    }
  });
});

describe("gazetteer: spellings", () => {
  it("finds al-Bukamal written البوكمال, البو كمال and أبو كمال", () => {
    const town = near("البوكمال", "town", 34.45, 40.92);
    for (const spelling of ["البوكمال", "البو كمال", "أبو كمال"]) {
      assert.ok(ids(gaz.lookup(spelling)).includes(town.id), spelling);
    }
  });

  it("generates the joined, split and أبو forms of tribal-prefix names", () => {
    assert.deepEqual(nameKeys("البوكمال").slice(0, 3), ["البوكمال", "البو كمال", "ابو كمال"]);
  });

  it("ignores hamza, ta marbuta and alef maqsura differences", () => {
    assert.equal(gaz.lookup("الرقه")[0]?.id, gaz.lookup("الرقة")[0]?.id);
    assert.ok(ids(gaz.lookup("عين عيسي")).includes(near("عين عيسى", "village", 36.38, 38.86).id));
  });

  it("adds spellings the news uses to source entries (الشدادي for OCHA's الشدادة)", () => {
    assert.ok(ids(gaz.lookup("الشدادي")).includes("ocha:C4446"));
  });
});

describe("gazetteer: matching running text", () => {
  it("finds الرقة and والرقة, the conjunction left out of the span", () => {
    const text = "نزح المدنيون من الرقة والرقة تحت القصف";
    const found = matches(text).filter((m) => m.key === "الرقه");
    assert.equal(found.length, 2);
    assert.deepEqual(
      found.map((m) => m.text),
      ["الرقة", "الرقة"],
    );
  });

  it("finds دير الزور after وبمدينة, with the city among the candidates", () => {
    const text = "واشتبكت القوات وبمدينة دير الزور مساء أمس";
    const m = matches(text).find((x) => x.key === "دير الزور");
    assert.ok(m);
    assert.equal(m.text, "دير الزور");
    assert.ok(m.values.some((e) => e.kind === "city"));
    assert.ok(m.values.some((e) => e.kind === "admin1"));
  });

  it("returns every Hama candidate: governorate, city and district", () => {
    const m = matches("قصفت الطائرات ريف حماة وحماة").find((x) => x.text === "حماة");
    assert.ok(m);
    const kinds = new Set(m.values.map((e) => e.kind));
    for (const k of ["admin1", "city", "admin2"]) assert.ok(kinds.has(k as never), k);
  });

  it("prefers the longest name (ريف دير الزور الشرقي over دير الزور)", () => {
    const text = "تتوغل القوات في ريف دير الزور الشرقي";
    const m = matches(text);
    assert.equal(m.length, 1);
    assert.equal(m[0]?.text, "ريف دير الزور الشرقي");
  });

  it("gives offsets that slice out the place name in the seed article", () => {
    for (const m of matches(SEED)) {
      const words = m.key.split(" ").length;
      assert.equal(m.text.split(/\s+/).length, words, m.text);
    }
    const bukamal = matches(SEED).filter((m) => m.key === "البوكمال");
    assert.deepEqual(
      bukamal.map((m) => m.text),
      ["البوكمال", "البوكمال"],
    );
  });
});

describe("gazetteer: shared names", () => {
  it("lists الحميدية in Deir ez-Zor, Tartus, Quneitra and elsewhere", () => {
    const found = gaz.lookup("الحميدية");
    const admin1 = new Set(found.map((e) => e.admin1?.id));
    for (const gov of ["ocha:SY09", "ocha:SY10", "ocha:SY14"]) assert.ok(admin1.has(gov), gov);
  });

  it("lists الشيخ مقصود in Aleppo and الخالدية in both Aleppo and Homs", () => {
    near("الشيخ مقصود", "neighbourhood", 36.23, 37.16, 2);
    near("الخالدية", "neighbourhood", 36.22, 37.14, 3);
    near("الخالدية", "neighbourhood", 34.74, 36.72, 3);
  });
});

describe("gazetteer: the wider region", () => {
  it("places Mosul, Fallujah and Tikrit in Iraq with their province", () => {
    assert.equal(near("الموصل", "city", 36.34, 43.12).admin1?.id, "rasd:iq-nineveh");
    assert.equal(near("الفلوجة", "city", 33.35, 43.78).admin1?.id, "rasd:iq-anbar");
    assert.equal(near("تكريت", "city", 34.6, 43.68).admin1?.id, "rasd:iq-salahaldin");
  });

  it("places Sanaa, Taiz and al-Hudaydah in Yemen", () => {
    assert.equal(near("صنعاء", "city", 15.35, 44.21).country, "YE");
    assert.equal(near("تعز", "city", 13.58, 44.02).country, "YE");
    assert.equal(near("الحديدة", "city", 14.8, 42.95).country, "YE");
  });

  it("places Benghazi and Sirte in Libya", () => {
    assert.equal(near("بنغازي", "city", 32.11, 20.07).country, "LY");
    assert.equal(near("سرت", "city", 31.21, 16.59).country, "LY");
  });

  it("places every entry on the globe: latitudes within ±90, longitudes within ±180", () => {
    const off = gaz
      .all()
      .filter((e) => !(Math.abs(e.lat) <= 90 && Math.abs(e.lon) <= 180))
      .map((e) => `${e.id} ${e.lat},${e.lon}`);
    assert.deepEqual(off, []);
  });

  it("places countries that cross the antimeridian inside them (Russia, Fiji)", () => {
    const russia = gaz.get("rasd:country-RU");
    assert.ok(russia && russia.lon > 60 && russia.lon < 140 && russia.lat > 50, "Russia");
    const fiji = gaz.get("rasd:country-FJ");
    assert.ok(fiji && Math.abs(fiji.lon) > 175 && fiji.lat < -15 && fiji.lat > -20, "Fiji");
  });

  it("knows countries under the names the news uses (سورية, سوريا)", () => {
    assert.equal(gaz.lookup("سورية")[0]?.id, "rasd:country-SY");
    assert.equal(gaz.lookup("سوريا")[0]?.id, "rasd:country-SY");
  });

  it("gets entries by id and by a merged GeoNames id", () => {
    assert.equal(gaz.get("ocha:C5086")?.kind, "city");
    assert.equal(gaz.get("gn:170794")?.id, "ocha:C5086");
  });

  it("exposes normalized names for word protection", () => {
    const names = new Set(gaz.names());
    assert.ok(names.has("الرقه"));
    assert.ok(names.has("دير الزور"));
  });
});

describe("gazetteer: user files", () => {
  const dir = mkdtempSync(join(tmpdir(), "rasd-gaz-"));

  it("adds the places of a user CSV without a rebuild", () => {
    const file = join(dir, "villages.csv");
    writeFileSync(
      file,
      [
        "# my villages",
        "id,kind,name_ar,aliases_ar,name_en,country,parent,lat,lon,anchor,population,coord_source",
        "user:C9999,village,تل الزعتر الصغير,زعتر الصغير,Little Zaatar Hill,,ocha:SY0903,,,ocha:C5194 3 S,,approx: 3 km south of Mahkan",
        'user:C9998,camp,مخيم النور,,"Camp Nour, north",SY,,35.1,40.2,,,field survey',
      ].join("\n"),
    );
    const g = loadGazetteer({ extraFiles: [file] });
    const e = g.lookup("تل الزعتر الصغير")[0];
    assert.equal(e?.id, "user:C9999");
    assert.equal(e?.admin1?.id, "ocha:SY09");
    assert.equal(e?.source, "user:villages.csv");
    assert.ok(e && e.lat < 34.97601 && e.lat > 34.9);
    assert.equal(g.lookup("مخيم النور")[0]?.nameEn, "Camp Nour, north");
    assert.equal(loadGazetteer().lookup("تل الزعتر الصغير").length, 0);
  });

  it("adds the points of a user GeoJSON file", () => {
    const file = join(dir, "points.geojson");
    const feature = {
      type: "Feature",
      geometry: { type: "Point", coordinates: [40.5, 35.0] },
      properties: { id: "user:p1", kind: "facility", name_ar: "محطة ضخ الجديدة", country: "SY" },
    };
    writeFileSync(file, JSON.stringify({ type: "FeatureCollection", features: [feature] }));
    const e = loadGazetteer({ extraFiles: [file] }).lookup("محطة ضخ الجديدة")[0];
    assert.equal(e?.lat, 35);
    assert.equal(e?.lon, 40.5);
  });

  it("parses quoted CSV fields with commas and doubled quotes", () => {
    const rows = parseCsv('a,b\n"x, y","say ""hi"""\n');
    assert.deepEqual(rows, [{ a: "x, y", b: 'say "hi"' }]);
  });
});

describe("rasd gazetteer lookup", () => {
  async function run(args: string[]): Promise<{ out: string; err: string; code: number }> {
    let out = "";
    let err = "";
    const write = process.stdout.write.bind(process.stdout);
    const writeErr = process.stderr.write.bind(process.stderr);
    const before = process.exitCode;
    process.exitCode = 0;
    process.stdout.write = ((s: string) => {
      out += s;
      return true;
    }) as typeof process.stdout.write;
    process.stderr.write = ((s: string) => {
      err += s;
      return true;
    }) as typeof process.stderr.write;
    try {
      await gazetteerCommand()
        .exitOverride()
        .parseAsync(["lookup", ...args], { from: "user" });
    } finally {
      process.stdout.write = write;
      process.stderr.write = writeErr;
    }
    const code = Number(process.exitCode ?? 0);
    process.exitCode = before;
    return { out, err, code };
  }

  it("prints the candidates best first as JSON", async () => {
    const { out, code } = await run(["حماة", "--format", "json"]);
    assert.equal(code, 0);
    const list = JSON.parse(out) as GazetteerEntry[];
    assert.equal(list[0]?.id, "ocha:SY05");
    assert.ok(list.some((e) => e.kind === "city"));
  });

  it("prints id, kind, parents and coordinates as text", async () => {
    const { out } = await run(["محكان"]);
    assert.match(out, /ocha:C5194/);
    assert.match(out, /village/);
    assert.match(out, /الميادين/);
    assert.match(out, /34\.97/);
  });

  it("exits 1 with a message when nothing is found", async () => {
    const { err, code } = await run(["مكان غير موجود إطلاقا"]);
    assert.equal(code, 1);
    assert.match(err, /no place named/);
  });
});
