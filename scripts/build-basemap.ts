/**
 * Builds the web workspace's basemap (data/web/basemap.json): everything the map draws under the
 * events, with no tile server and no network at run time.
 *
 *   node --import tsx scripts/build-basemap.ts          (npm run build:basemap)
 *
 * - Countries: Natural Earth admin-0 shapes from the `world-atlas` TopoJSON under
 *   ../shared/data/natural-earth-world-atlas (or $RASD_SHARED_DATA): 1:50m inside the Middle East
 *   window, 1:110m elsewhere, coordinates rounded; borders as lines drawn once (a topology mesh).
 * - Country names in Arabic and English from the gazetteer (its `rasd:country-XX` entries, which
 *   come from i18n-iso-countries), matched to Natural Earth's numeric ids through
 *   country-names-ar's ISO code table.
 * - First-level regions (governorates, provinces) of Syria and Iraq: the gazetteer has no
 *   boundaries, only places that know their region, so approximate lines are drawn where the
 *   Voronoi cells of places in different regions meet (clipped to the country). They are
 *   approximations, drawn dashed, good to a few kilometres in Syria (5,500 places) and coarser in
 *   Iraq (a few hundred).
 * - Labels: region names at their centroid or seat, and towns and cities by population.
 * - villages.json: every other town, village and neighbourhood of Syria, Iraq and Lebanon, for
 *   the map to load when zoomed in.
 *
 * The output is committed; rerun this script when the gazetteer changes.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Delaunay } from "d3-delaunay";
import type { Feature, FeatureCollection, Geometry, MultiLineString, Position } from "geojson";
import { feature, mesh } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import type { CompiledGazetteer } from "../src/knowledge/gazetteer.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SHARED = process.env.RASD_SHARED_DATA ?? join(ROOT, "..", "shared", "data");
const OUT = join(ROOT, "data", "web", "basemap.json");
const OUT_VILLAGES = join(ROOT, "data", "web", "villages.json");

/** Countries whose centre lies here are drawn from the 1:50m shapes: [minLon, minLat, maxLon, maxLat]. */
const DETAIL = [-20, 5, 75, 48] as const;
/** ... and those inside this core with coordinates to 0.001° (elsewhere 0.01°). */
const CORE = [25, 10, 65, 43] as const;
const within = (box: readonly number[], x: number, y: number) =>
  x >= (box[0] as number) &&
  x <= (box[2] as number) &&
  y >= (box[1] as number) &&
  y <= (box[3] as number);
/** Countries whose approximate first-level regions are drawn. */
const REGION_COUNTRIES = ["SY", "IQ"];
/** Countries whose towns are labelled (with their population floor). */
const LABEL_FLOOR: Record<string, number> = {
  SY: 15_000,
  IQ: 40_000,
  LB: 40_000,
  JO: 60_000,
  TR: 250_000,
  IR: 400_000,
  IL: 150_000,
  PS: 100_000,
  SA: 400_000,
  EG: 500_000,
  KW: 200_000,
  YE: 300_000,
  LY: 150_000,
  CY: 100_000,
};
const MAX_PLACES = 700;

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, "utf8")) as T;

const r = (x: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

function roundPositions(coords: unknown, digits: number): unknown {
  if (typeof (coords as unknown[])[0] === "number") {
    const p = coords as number[];
    return [r(p[0] as number, digits), r(p[1] as number, digits)];
  }
  return (coords as unknown[]).map((c) => roundPositions(c, digits));
}

/** Drops consecutive duplicate points left by rounding (rings keep at least four). */
function dedupe(line: Position[], ring: boolean): Position[] {
  const out: Position[] = [];
  for (const p of line) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  if (ring && out.length < 4) return [];
  return out;
}

function roundGeometry(g: Geometry, digits: number): Geometry | null {
  switch (g.type) {
    case "Polygon": {
      const rings = (roundPositions(g.coordinates, digits) as Position[][])
        .map((ring) => dedupe(ring, true))
        .filter((ring) => ring.length > 0);
      return rings.length ? { type: "Polygon", coordinates: rings } : null;
    }
    case "MultiPolygon": {
      const polys = (roundPositions(g.coordinates, digits) as Position[][][])
        .map((p) => p.map((ring) => dedupe(ring, true)).filter((ring) => ring.length > 0))
        .filter((p) => p.length > 0);
      return polys.length ? { type: "MultiPolygon", coordinates: polys } : null;
    }
    case "MultiLineString": {
      const lines = (roundPositions(g.coordinates, digits) as Position[][])
        .map((l) => dedupe(l, false))
        .filter((l) => l.length > 1);
      return lines.length ? { type: "MultiLineString", coordinates: lines } : null;
    }
    default:
      return g;
  }
}

function bboxOf(coords: unknown, box = [180, 90, -180, -90]): number[] {
  if (typeof (coords as unknown[])[0] === "number") {
    const [x, y] = coords as number[];
    box[0] = Math.min(box[0] as number, x as number);
    box[1] = Math.min(box[1] as number, y as number);
    box[2] = Math.max(box[2] as number, x as number);
    box[3] = Math.max(box[3] as number, y as number);
    return box;
  }
  for (const c of coords as unknown[]) bboxOf(c, box);
  return box;
}

const inDetail = (box: number[]) =>
  (box[0] as number) < DETAIL[2] &&
  (box[2] as number) > DETAIL[0] &&
  (box[1] as number) < DETAIL[3] &&
  (box[3] as number) > DETAIL[1];

function insideRing(x: number, y: number, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function insideGeometry(x: number, y: number, g: Geometry): boolean {
  const polys =
    g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
  return polys.some(
    (rings) =>
      insideRing(x, y, rings[0] as Position[]) &&
      !rings.slice(1).some((hole) => insideRing(x, y, hole)),
  );
}

/** Area of a geometry in square degrees (for ordering labels). */
function areaOf(g: Geometry): number {
  const ringArea = (ring: Position[]) => {
    let a = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number];
      const [xj, yj] = ring[j] as [number, number];
      a += (xj + xi) * (yj - yi);
    }
    return Math.abs(a / 2);
  };
  const polys =
    g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
  return polys.reduce((s, rings) => s + ringArea(rings[0] as Position[]), 0);
}

/** Joins segments that share end points into longer lines. */
function chain(segments: [Position, Position][]): Position[][] {
  const key = (p: Position) => `${p[0]},${p[1]}`;
  const ends = new Map<string, number[]>();
  segments.forEach((s, i) => {
    for (const p of s) {
      const k = key(p);
      const list = ends.get(k) ?? [];
      list.push(i);
      ends.set(k, list);
    }
  });
  const used = new Uint8Array(segments.length);
  const lines: Position[][] = [];
  const extend = (line: Position[]) => {
    for (;;) {
      const tail = line[line.length - 1] as Position;
      const next = (ends.get(key(tail)) ?? []).find((i) => !used[i]);
      if (next === undefined) return;
      used[next] = 1;
      const [a, b] = segments[next] as [Position, Position];
      line.push(key(a) === key(tail) ? b : a);
    }
  };
  for (let i = 0; i < segments.length; i++) {
    if (used[i]) continue;
    used[i] = 1;
    const [a, b] = segments[i] as [Position, Position];
    const line = [a, b];
    extend(line);
    line.reverse();
    extend(line);
    lines.push(line);
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------

const atlas = join(SHARED, "natural-earth-world-atlas");
const t50 = readJson<Topology>(join(atlas, "countries-50m.json"));
const t110 = readJson<Topology>(join(atlas, "countries-110m.json"));
const codes = readJson<[string, string, string, string][]>(
  join(SHARED, "country-names-ar", "codes.json"),
);
const numericToIso2 = new Map(codes.map(([a2, , num]) => [String(Number(num)), a2]));
const gaz = readJson<CompiledGazetteer>(join(ROOT, "data", "gazetteer", "gazetteer.json"));
const c = gaz.columns;
const kindOf = (i: number) => gaz.kinds[c.kind[i] as number];

const countryNames = new Map<string, { ar: string; en: string; lat: number; lon: number }>();
for (let i = 0; i < gaz.count; i++) {
  if (kindOf(i) !== "country") continue;
  countryNames.set(c.country[i] as string, {
    ar: c.name[i] as string,
    en: c.nameEn[i] as string,
    lat: c.lat[i] as number,
    lon: c.lon[i] as number,
  });
}

const iso2Of = (id: string | number | undefined, name: string) => {
  const fromCode = id !== undefined ? numericToIso2.get(String(Number(id))) : undefined;
  if (fromCode) return fromCode;
  // Natural Earth shapes without an ISO numeric code.
  const byName: Record<string, string> = { Kosovo: "XK", "N. Cyprus": "CY", Somaliland: "SO" };
  return byName[name] ?? "";
};

const countries: Feature[] = [];
const countryShape = new Map<string, Geometry>();
const countryLabels: Feature[] = [];
const seenLabel = new Set<string>();
for (const [topo, detail] of [
  [t50, true],
  [t110, false],
] as const) {
  const fc = feature(topo, topo.objects.countries as GeometryCollection) as FeatureCollection;
  for (const f of fc.features) {
    const name = (f.properties as { name: string }).name;
    const iso2 = iso2Of(f.id, name);
    const names = countryNames.get(iso2);
    const box = bboxOf((f.geometry as { coordinates: unknown }).coordinates);
    const cx = names?.lon ?? ((box[0] as number) + (box[2] as number)) / 2;
    const cy = names?.lat ?? ((box[1] as number) + (box[3] as number)) / 2;
    if (within(DETAIL, cx, cy) !== detail) continue;
    const geometry = roundGeometry(f.geometry, detail && within(CORE, cx, cy) ? 3 : 2);
    if (!geometry) continue;
    countries.push({
      type: "Feature",
      properties: { iso2, name_en: names?.en ?? name, name_ar: names?.ar ?? name },
      geometry,
    });
    if (detail && iso2) countryShape.set(iso2, f.geometry);
    if (names && iso2 && !seenLabel.has(iso2) && name !== "N. Cyprus") {
      seenLabel.add(iso2);
      countryLabels.push({
        type: "Feature",
        properties: {
          layer: "country",
          name_ar: names.ar,
          name_en: names.en,
          rank: Math.round(areaOf(f.geometry) * 100) / 100,
        },
        geometry: { type: "Point", coordinates: [r(names.lon, 3), r(names.lat, 3)] },
      });
    }
  }
}

// Borders between countries, each drawn once: 1:50m lines touching the window, 1:110m elsewhere.
const borderLines: Position[][] = [];
for (const [topo, detail] of [
  [t50, true],
  [t110, false],
] as const) {
  const m = mesh(topo, topo.objects.countries as GeometryCollection, (a, b) => a !== b);
  for (const line of m.coordinates) {
    if (inDetail(bboxOf(line)) !== detail) continue;
    const inCore = line.some(([x, y]) => within(CORE, x as number, y as number));
    borderLines.push(roundPositions(line, inCore ? 3 : 2) as Position[]);
  }
}
const borders = roundGeometry(
  { type: "MultiLineString", coordinates: borderLines },
  3,
) as MultiLineString;
borders.coordinates = borders.coordinates.map((l) => dedupe(l, false)).filter((l) => l.length > 1);

// Approximate first-level region lines from the gazetteer's places.
const regionLines: Feature[] = [];
const regionLabels: Feature[] = [];
for (const iso2 of REGION_COUNTRIES) {
  const shape = countryShape.get(iso2);
  if (!shape) throw new Error(`no Natural Earth shape for ${iso2}`);
  const pts: number[] = [];
  const region: number[] = [];
  const seen = new Set<string>();
  const midLat = (countryNames.get(iso2)?.lat ?? 34) * (Math.PI / 180);
  const kx = Math.cos(midLat);
  for (let i = 0; i < gaz.count; i++) {
    if (c.country[i] !== iso2) continue;
    const a1 = kindOf(i) === "admin1" ? i : (c.admin1[i] as number);
    if (a1 < 0) continue;
    if (kindOf(i) === "admin1") {
      regionLabels.push({
        type: "Feature",
        properties: { layer: "region", name_ar: c.name[i], name_en: c.nameEn[i], rank: 0 },
        geometry: {
          type: "Point",
          coordinates: [r(c.lon[i] as number, 3), r(c.lat[i] as number, 3)],
        },
      });
    }
    const k = `${c.lon[i]},${c.lat[i]}`;
    if (seen.has(k)) continue;
    seen.add(k);
    pts.push((c.lon[i] as number) * kx, c.lat[i] as number);
    region.push(a1);
  }
  const d = new Delaunay(Float64Array.from(pts));
  const { halfedges, triangles } = d;
  const circ = (t: number): Position => {
    const [a, b, cc] = [triangles[3 * t], triangles[3 * t + 1], triangles[3 * t + 2]] as number[];
    const ax = pts[2 * (a as number)] as number;
    const ay = pts[2 * (a as number) + 1] as number;
    const bx = pts[2 * (b as number)] as number;
    const by = pts[2 * (b as number) + 1] as number;
    const cx = pts[2 * (cc as number)] as number;
    const cy = pts[2 * (cc as number) + 1] as number;
    const dd = 2 * (ax * (by - cy) + bx * (cy - ay) + cx * (ay - by));
    const ux =
      ((ax * ax + ay * ay) * (by - cy) +
        (bx * bx + by * by) * (cy - ay) +
        (cx * cx + cy * cy) * (ay - by)) /
      dd;
    const uy =
      ((ax * ax + ay * ay) * (cx - bx) +
        (bx * bx + by * by) * (ax - cx) +
        (cx * cx + cy * cy) * (bx - ax)) /
      dd;
    return [r(ux / kx, 3), r(uy, 3)];
  };
  const segments: [Position, Position][] = [];
  for (let e = 0; e < halfedges.length; e++) {
    const o = halfedges[e] as number;
    if (o < e) continue; // each edge once; -1 (hull) skipped
    const p = triangles[e] as number;
    const q = triangles[e % 3 === 2 ? e - 2 : e + 1] as number;
    if (region[p] === region[q]) continue;
    const a = circ(Math.floor(e / 3));
    const b = circ(Math.floor(o / 3));
    const mx = ((a[0] as number) + (b[0] as number)) / 2;
    const my = ((a[1] as number) + (b[1] as number)) / 2;
    if (!insideGeometry(mx, my, shape)) continue;
    if (!insideGeometry(a[0] as number, a[1] as number, shape)) continue;
    if (!insideGeometry(b[0] as number, b[1] as number, shape)) continue;
    segments.push([a, b]);
  }
  regionLines.push({
    type: "Feature",
    properties: { iso2 },
    geometry: { type: "MultiLineString", coordinates: chain(segments) },
  });
}

// Towns and cities, most populous first.
const places: { i: number; pop: number }[] = [];
for (let i = 0; i < gaz.count; i++) {
  const floor = LABEL_FLOOR[c.country[i] as string];
  if (floor === undefined) continue;
  const kind = kindOf(i);
  if (kind !== "city" && kind !== "town" && kind !== "village") continue;
  const pop = c.population[i] as number;
  if (pop < floor || !(c.name[i] || c.nameEn[i])) continue;
  places.push({ i, pop });
}
places.sort((a, b) => b.pop - a.pop);
const placeLabels: Feature[] = [];
const placeSeen = new Set<string>();
for (const { i, pop } of places) {
  if (placeLabels.length >= MAX_PLACES) break;
  const en = c.nameEn[i] as string;
  const k = `${c.country[i]}:${en}`;
  if (placeSeen.has(k)) continue;
  placeSeen.add(k);
  placeLabels.push({
    type: "Feature",
    properties: {
      layer: "place",
      name_ar: (c.name[i] as string) || en,
      name_en: en || (c.name[i] as string),
      rank: pop,
      capital: kindOf(i) === "city" && pop > 1_000_000 ? 1 : 0,
    },
    geometry: { type: "Point", coordinates: [r(c.lon[i] as number, 3), r(c.lat[i] as number, 3)] },
  });
}

// Villages and smaller towns of the core countries, loaded by the map only when zoomed in.
const VILLAGE_COUNTRIES = new Set(["SY", "IQ", "LB"]);
const VILLAGE_KINDS = new Set(["city", "town", "village", "neighbourhood", "camp", "admin3"]);
const villageLabels: Feature[] = [];
const labelled = new Set(
  placeLabels.map((f) => (f.geometry as { coordinates: number[] }).coordinates.join(",")),
);
for (let i = 0; i < gaz.count; i++) {
  if (!VILLAGE_COUNTRIES.has(c.country[i] as string)) continue;
  const kind = kindOf(i) as string;
  if (!VILLAGE_KINDS.has(kind)) continue;
  const coords = [r(c.lon[i] as number, 4), r(c.lat[i] as number, 4)];
  const k = [r(c.lon[i] as number, 3), r(c.lat[i] as number, 3)].join(",");
  if (labelled.has(k)) continue;
  labelled.add(k);
  const en = c.nameEn[i] as string;
  villageLabels.push({
    type: "Feature",
    properties: {
      name_ar: (c.name[i] as string) || en,
      name_en: en || (c.name[i] as string),
      rank: (c.population[i] as number) || (kind === "town" || kind === "city" ? 5000 : 0),
    },
    geometry: { type: "Point", coordinates: coords },
  });
}
const villagesJson = JSON.stringify({ type: "FeatureCollection", features: villageLabels });
writeFileSync(OUT_VILLAGES, `${villagesJson}\n`);
console.log(
  `villages: ${villageLabels.length} labels; ${(villagesJson.length / 1024).toFixed(0)} KB → ${OUT_VILLAGES}`,
);

// One FeatureCollection (the map reads it as one GeoJSON source, fetched and parsed by MapLibre's
// worker): `layer` tells the shapes (land, border, admin1) and the labels (country, region, place)
// apart. `format` and `attribution` are foreign members (RFC 7946 §6.1).
const tagged = (layer: string, features: Feature[]): Feature[] =>
  features.map((f) => ({ ...f, properties: { layer, ...f.properties } }));
const out = {
  type: "FeatureCollection",
  format: "rasd-basemap/2",
  attribution:
    "Natural Earth (public domain) via world-atlas; names: i18n-iso-countries, GeoNames (CC BY 4.0), OCHA (CC BY-IGO 3.0), OpenSyria (CC BY 4.0); region lines approximated by rasd",
  features: [
    ...tagged("land", countries),
    ...tagged("border", [{ type: "Feature", properties: {}, geometry: borders }]),
    ...tagged("admin1", regionLines),
    ...countryLabels,
    ...regionLabels,
    ...placeLabels,
  ],
};
const json = JSON.stringify(out);
writeFileSync(OUT, `${json}\n`);
const segs = regionLines.reduce(
  (s, f) => s + (f.geometry as MultiLineString).coordinates.length,
  0,
);
console.log(
  `basemap: ${countries.length} country shapes, ${borderLines.length} border lines, ${segs} region lines, ` +
    `${countryLabels.length} country, ${regionLabels.length} region and ${placeLabels.length} place labels; ` +
    `${(json.length / 1024).toFixed(0)} KB → ${OUT}`,
);
