/**
 * The gazetteer: places of the region with their Arabic names, loaded once from the compiled
 * artefact (data/gazetteer/gazetteer.json, built by scripts/build-gazetteer.ts) into a phrase
 * index for longest-match lookup over tokens, plus an id map.
 *
 * Users add their own places with no rebuild: CSV or GeoJSON files with the columns documented
 * in data/gazetteer/README.md, passed as `extraFiles`.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { defaultVocabulary } from "../text/lexicon.js";
import type { Token } from "../types.js";
import { PhraseIndex, type PhraseMatch, phraseWords } from "./phrase-index.js";

export const PLACE_KINDS = [
  "country",
  "admin1",
  "admin2",
  "admin3",
  "city",
  "town",
  "village",
  "neighbourhood",
  "region",
  "border",
  "camp",
  "facility",
  "water",
] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

/** How the coordinates stand for the place (ACLED's geo-precision is read from this). */
export const PRECISIONS = ["point", "centroid", "seat", "approximate"] as const;
export type CoordinatePrecision = (typeof PRECISIONS)[number];

/** A containing place, as carried by its children. */
export interface ParentRef {
  id: string;
  kind: PlaceKind;
  name: string;
  nameEn: string;
}

export interface GazetteerEntry {
  /** Stable id: `gn:<GeoNames id>`, `ocha:<P-code>`, `rasd:<slug>`, or a user file's own id. */
  id: string;
  kind: PlaceKind;
  /** Preferred Arabic name, as written. */
  name: string;
  nameEn: string;
  /** Every Arabic spelling known for the place (display forms), the preferred one first. */
  names: string[];
  /** ISO 3166-1 alpha-2 code of the country. */
  country: string;
  admin1?: ParentRef;
  admin2?: ParentRef;
  admin3?: ParentRef;
  /** The place this one lies in when it is not an admin unit (a neighbourhood's city). */
  parent?: ParentRef;
  /** GeoNames first-order division code (`YE.26`) where no named admin1 is linked. */
  admin1Code?: string;
  population?: number;
  lat: number;
  lon: number;
  precision: CoordinatePrecision;
  /** Where the entry comes from: geonames, ocha, open-syria, iraq-admin-names, countries, curated, or `user:<file>`. */
  source: string;
  /** Other ids of the same place (a GeoNames id merged into an OCHA community). */
  altIds?: string[];
  /** Where the coordinates come from, for curated and user rows. */
  note?: string;
}

/** The compiled artefact: one array per column, entry i across all of them. */
export interface CompiledGazetteer {
  format: "rasd-gazetteer/1";
  kinds: readonly string[];
  precisions: readonly string[];
  sources: string[];
  count: number;
  columns: {
    id: string[];
    kind: number[];
    name: string[];
    nameEn: string[];
    /** Other Arabic display spellings, `|`-joined. */
    aka: string[];
    /** Normalized index keys (words joined by one space), `|`-joined. */
    keys: string[];
    country: string[];
    /** Entry indexes, -1 for none. */
    admin1: number[];
    admin2: number[];
    admin3: number[];
    parent: number[];
    admin1Code: string[];
    /** 0 when unknown. */
    population: number[];
    lat: number[];
    lon: number[];
    precision: number[];
    source: number[];
    altIds: string[];
    note: string[];
  };
}

export const DEFAULT_ARTEFACT = new URL("../../data/gazetteer/gazetteer.json", import.meta.url);

/** Search order among candidates of the same name (lower first). */
const KIND_RANK: Record<PlaceKind, number> = {
  country: 0,
  admin1: 1,
  city: 2,
  admin2: 3,
  town: 4,
  admin3: 5,
  region: 6,
  camp: 7,
  facility: 8,
  border: 9,
  neighbourhood: 10,
  village: 11,
  water: 12,
};

export interface GazetteerOptions {
  /** User gazetteer files (CSV or GeoJSON, columns in data/gazetteer/README.md). */
  extraFiles?: string[];
  /** Another compiled artefact (tests, experiments); defaults to the shipped one. */
  artefact?: URL | string;
}

export class Gazetteer {
  private readonly index = new PhraseIndex<GazetteerEntry>();
  private readonly byId = new Map<string, GazetteerEntry>();
  private readonly entries: GazetteerEntry[] = [];
  /** Normalized keys under which each entry is indexed; the first is its preferred name. */
  private readonly keysOf = new Map<GazetteerEntry, string[]>();
  private readonly sorted = new Map<string, GazetteerEntry[]>();

  /** Number of entries. */
  get size(): number {
    return this.entries.length;
  }

  /** Adds an entry under its normalized keys (words joined by one space). */
  add(entry: GazetteerEntry, keys: string[]): void {
    this.entries.push(entry);
    this.byId.set(entry.id, entry);
    for (const alt of entry.altIds ?? []) if (!this.byId.has(alt)) this.byId.set(alt, entry);
    this.keysOf.set(entry, keys);
    for (const k of keys) this.index.addKey(k, entry);
    this.sorted.clear();
  }

  /** The entry with this id (or one of its alternative ids). */
  get(id: string): GazetteerEntry | undefined {
    return this.byId.get(id);
  }

  /** Every candidate for a name, best first (preferred-name match, then kind, then population). */
  lookup(name: string): GazetteerEntry[] {
    const key = phraseWords(name).join(" ");
    if (key.length === 0) return [];
    return this.rank(key, this.index.lookup(name));
  }

  /** Longest matches over a token sequence, left to right, with every candidate, best first. */
  matchTokens(tokens: Token[]): PhraseMatch<GazetteerEntry>[] {
    const out = this.index.matchAll(tokens);
    // The matches are this call's own: ranked in place rather than copied with a spread.
    for (const m of out) m.values = this.rank(m.key, m.values);
    return out;
  }

  /** The longest name starting at token `i`, or null. */
  matchAt(tokens: Token[], i: number): PhraseMatch<GazetteerEntry> | null {
    const m = this.index.matchAt(tokens, i);
    if (m) m.values = this.rank(m.key, m.values);
    return m;
  }

  /** Normalized index keys of every entry (words joined by one space), for word protection. */
  *names(): Iterable<string> {
    const seen = new Set<string>();
    for (const keys of this.keysOf.values()) {
      for (const k of keys) {
        if (seen.has(k)) continue;
        seen.add(k);
        yield k;
      }
    }
  }

  /** Every entry, in load order. */
  all(): readonly GazetteerEntry[] {
    return this.entries;
  }

  /** The normalized keys an entry is indexed under. */
  keys(entry: GazetteerEntry): readonly string[] {
    return this.keysOf.get(entry) ?? [];
  }

  private rank(key: string, values: GazetteerEntry[]): GazetteerEntry[] {
    const cacheKey = `${key}\u0000${values.length}`;
    const hit = this.sorted.get(cacheKey);
    if (hit && hit.length === values.length) return hit;
    const preferred = (e: GazetteerEntry) => (this.keysOf.get(e)?.[0] === key ? 0 : 1);
    const out = [...values].sort(
      (a, b) =>
        preferred(a) - preferred(b) ||
        KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
        (b.population ?? 0) - (a.population ?? 0) ||
        a.id.localeCompare(b.id),
    );
    this.sorted.set(cacheKey, out);
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Loading the compiled artefact

const cache = new Map<string, Gazetteer>();

/** The gazetteer, loaded once per set of options (the shipped artefact plus any user files). */
export function loadGazetteer(options: GazetteerOptions = {}): Gazetteer {
  const artefact = options.artefact ?? DEFAULT_ARTEFACT;
  const extra = options.extraFiles ?? [];
  const cacheKey = JSON.stringify([String(artefact), extra]);
  let gaz = cache.get(cacheKey);
  if (!gaz) {
    gaz = new Gazetteer();
    const compiled = JSON.parse(readFileSync(artefact, "utf8")) as CompiledGazetteer;
    addCompiled(gaz, compiled);
    for (const file of extra) addUserFile(gaz, file);
    cache.set(cacheKey, gaz);
  }
  return gaz;
}

/** Fills `gaz` from a compiled artefact; parents are resolved through the entry indexes. */
export function addCompiled(gaz: Gazetteer, g: CompiledGazetteer): void {
  if (g.format !== "rasd-gazetteer/1") throw new Error(`unknown gazetteer format ${g.format}`);
  const c = g.columns;
  const refs: (ParentRef | undefined)[] = new Array(g.count);
  const ref = (i: number): ParentRef | undefined => {
    if (i < 0) return undefined;
    refs[i] ??= {
      id: c.id[i] as string,
      kind: g.kinds[c.kind[i] as number] as PlaceKind,
      name: c.name[i] as string,
      nameEn: c.nameEn[i] as string,
    };
    return refs[i];
  };
  for (let i = 0; i < g.count; i++) {
    const name = c.name[i] as string;
    const aka = c.aka[i] as string;
    const nameEn = c.nameEn[i] as string;
    const e: GazetteerEntry = {
      id: c.id[i] as string,
      kind: g.kinds[c.kind[i] as number] as PlaceKind,
      // Places GeoNames knows only in Latin script show their English name.
      name: name || nameEn,
      nameEn,
      names: !name ? [] : aka ? [name, ...aka.split("|")] : [name],
      country: c.country[i] as string,
      lat: c.lat[i] as number,
      lon: c.lon[i] as number,
      precision: g.precisions[c.precision[i] as number] as CoordinatePrecision,
      source: g.sources[c.source[i] as number] as string,
    };
    setIf(e, "admin1", ref(c.admin1[i] as number));
    setIf(e, "admin2", ref(c.admin2[i] as number));
    setIf(e, "admin3", ref(c.admin3[i] as number));
    setIf(e, "parent", ref(c.parent[i] as number));
    setIf(e, "admin1Code", c.admin1Code[i] || undefined);
    setIf(e, "population", c.population[i] || undefined);
    setIf(e, "altIds", c.altIds[i] ? (c.altIds[i] as string).split("|") : undefined);
    setIf(e, "note", c.note[i] || undefined);
    gaz.add(e, (c.keys[i] as string).split("|"));
  }
}

function setIf<K extends keyof GazetteerEntry>(
  e: GazetteerEntry,
  key: K,
  value: GazetteerEntry[K] | undefined,
): void {
  if (value !== undefined) e[key] = value;
}

// ---------------------------------------------------------------------------------------------
// Name keys and their variants (shared with the build script)

export interface VariantOptions {
  /** True for words too common in general text to be added as a generated variant. */
  isCommonWord?: (normalizedWord: string) => boolean;
}

/** First words of compound names that news writes both apart and joined (تلعفر / تل عفر). */
const JOINABLE = new Set(["تل", "كفر"]);

/**
 * The normalized keys of a name and its generated spelling variants: the tribal prefix written
 * together, apart or as أبو (البوكمال / البو كمال / أبو كمال); تل and كفر joined or apart; ئ
 * written ي (بئر / بير); and the article added to a single bare word (صالحية → الصالحية).
 */
export function nameKeys(name: string, options: VariantOptions = {}): string[] {
  const words = phraseWords(name);
  if (words.length === 0) return [];
  const out = new Set<string>([words.join(" ")]);
  const first = words[0] as string;
  const rest = words.slice(1);
  const add = (ws: string[]) => out.add(ws.join(" "));
  if (first === "البو" && rest.length > 0) {
    add([`البو${rest[0]}`, ...rest.slice(1)]);
    add(["ابو", ...rest]);
  } else if (first.startsWith("البو") && first.length >= 7) {
    add(["البو", first.slice(4), ...rest]);
    add(["ابو", first.slice(4), ...rest]);
  }
  if (JOINABLE.has(first) && rest.length === 1) add([`${first}${rest[0]}`]);
  for (const p of JOINABLE) {
    if (first.startsWith(p) && first.length >= p.length + 3 && !first.startsWith(`${p}ه`)) {
      add([p, first.slice(p.length), ...rest]);
    }
  }
  const common = options.isCommonWord ?? (() => false);
  if (
    words.length === 1 &&
    /^[\u0621-\u064a]/.test(first) &&
    !first.startsWith("ال") &&
    first.length >= 4
  ) {
    if (!common(`ال${first}`)) add([`ال${first}`]);
  }
  for (const k of [...out]) if (k.includes("ئ")) out.add(k.replaceAll("ئ", "ي"));
  return [...out];
}

/** Index keys for a set of names: the first name's key first, duplicates removed. */
export function keysForNames(names: string[], options: VariantOptions = {}): string[] {
  const out = new Set<string>();
  for (const n of names) for (const k of nameKeys(n, options)) out.add(k);
  return [...out];
}

/** Words seen often in general news text (ANERcorp): not to be invented as place variants. */
export function commonWordTest(minCount = 5): (w: string) => boolean {
  const vocab = defaultVocabulary();
  return (w) => vocab.count(w) >= minCount;
}

// ---------------------------------------------------------------------------------------------
// User files: CSV or GeoJSON with the documented columns

/** One row of a gazetteer file (curated.csv or a user file), as read. */
export interface GazetteerRow {
  id: string;
  kind: string;
  name_ar: string;
  aliases_ar?: string;
  name_en?: string;
  country?: string;
  parent?: string;
  lat?: string;
  lon?: string;
  anchor?: string;
  population?: string;
  coord_source?: string;
}

export const ROW_COLUMNS = [
  "id",
  "kind",
  "name_ar",
  "aliases_ar",
  "name_en",
  "country",
  "parent",
  "lat",
  "lon",
  "anchor",
  "population",
  "coord_source",
] as const;

/** Parses RFC 4180 CSV; lines starting with # before or between records are comments. */
export function parseCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let field = "";
  let row: string[] = [];
  let quoted = false;
  let atLineStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
      continue;
    }
    if (atLineStart && ch === "#") {
      while (i < text.length && text[i] !== "\n") i++;
      continue;
    }
    atLineStart = false;
    if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      if (row.some((f) => f.trim().length > 0)) records.push(row);
      row = [];
      field = "";
      atLineStart = true;
    } else field += ch;
  }
  row.push(field);
  if (row.some((f) => f.trim().length > 0)) records.push(row);
  const header = (records.shift() ?? []).map((h) => h.trim().replace(/^\uFEFF/, ""));
  return records.map((r) =>
    Object.fromEntries(header.map((h, k) => [h, (r[k] ?? "").trim()] as [string, string])),
  );
}

/** Rows of a user file: CSV, or a GeoJSON FeatureCollection of points with the same properties. */
export function readGazetteerFile(file: string): GazetteerRow[] {
  const text = readFileSync(file, "utf8");
  if (/\.(geo)?json$/i.test(file)) return geoJsonRows(JSON.parse(text), file);
  return parseCsv(text).map((r) => checkRow(r, file));
}

function geoJsonRows(doc: unknown, file: string): GazetteerRow[] {
  const features = (doc as { features?: unknown[] }).features;
  if (!Array.isArray(features)) throw new Error(`${file}: not a GeoJSON FeatureCollection`);
  return features.map((f) => {
    const feature = f as {
      properties?: Record<string, unknown>;
      geometry?: { type?: string; coordinates?: number[] };
    };
    const props: Record<string, string> = {};
    for (const [k, v] of Object.entries(feature.properties ?? {})) {
      if (v !== null && v !== undefined) props[k] = String(v);
    }
    const g = feature.geometry;
    if (g?.type === "Point" && Array.isArray(g.coordinates)) {
      props.lon = String(g.coordinates[0]);
      props.lat = String(g.coordinates[1]);
    }
    return checkRow(props, file);
  });
}

function checkRow(r: Record<string, string>, file: string): GazetteerRow {
  if (!r.id || !r.name_ar) throw new Error(`${file}: every row needs id and name_ar (${r.id})`);
  if (!(PLACE_KINDS as readonly string[]).includes(r.kind ?? "")) {
    throw new Error(`${file}: row ${r.id} has unknown kind "${r.kind}"`);
  }
  return r as unknown as GazetteerRow;
}

const BEARINGS: Record<string, number> = {
  N: 0,
  NE: 45,
  E: 90,
  SE: 135,
  S: 180,
  SW: 225,
  W: 270,
  NW: 315,
};

const EARTH_KM = 6371;

/** The point `km` away from (lat, lon) on `bearing` degrees. */
export function offsetPoint(
  lat: number,
  lon: number,
  km: number,
  bearing: number,
): [number, number] {
  const d = km / EARTH_KM;
  const b = (bearing * Math.PI) / 180;
  const p1 = (lat * Math.PI) / 180;
  const l1 = (lon * Math.PI) / 180;
  const p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(b));
  const l2 =
    l1 +
    Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * Math.sin(p2));
  return [(p2 * 180) / Math.PI, (l2 * 180) / Math.PI];
}

/** Great-circle distance in km. */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const dp = (lat2 - lat1) * r;
  const dl = (lon2 - lon1) * r;
  const a = Math.sin(dp / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dl / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.sqrt(a));
}

/**
 * Coordinates from an anchor expression: `ID` (at that entry), `ID 3 SE` (3 km south-east of
 * it; a bearing in degrees also works), or `mid ID ID` (midpoint of two entries).
 */
export function resolveAnchor(
  anchor: string,
  get: (id: string) => { lat: number; lon: number } | undefined,
): [number, number] {
  const parts = anchor.trim().split(/\s+/);
  const at = (id: string | undefined) => {
    const e = id ? get(id) : undefined;
    if (!e) throw new Error(`anchor "${anchor}": unknown id ${id}`);
    return e;
  };
  if (parts[0] === "mid") {
    const a = at(parts[1]);
    const b = at(parts[2]);
    return [(a.lat + b.lat) / 2, (a.lon + b.lon) / 2];
  }
  const base = at(parts[0]);
  if (parts.length === 1) return [base.lat, base.lon];
  const km = Number(parts[1]);
  const dir = parts[2] ?? "";
  const bearing = BEARINGS[dir.toUpperCase()] ?? Number(dir);
  if (!Number.isFinite(km) || !Number.isFinite(bearing)) {
    throw new Error(`anchor "${anchor}": expected "ID KM DIRECTION"`);
  }
  return offsetPoint(base.lat, base.lon, km, bearing);
}

/**
 * Turns gazetteer rows into entries (parents and anchors resolved against `gaz`) and adds them.
 * Returns the entries added. Used for curated.csv at build time and for user files at load.
 */
export function addRows(
  gaz: Gazetteer,
  rows: GazetteerRow[],
  source: string,
  options: VariantOptions = {},
): GazetteerEntry[] {
  const added: GazetteerEntry[] = [];
  for (const r of rows) {
    const e = rowToEntry(r, source, (id) => gaz.get(id) ?? added.find((a) => a.id === id));
    const names = [r.name_ar, ...splitList(r.aliases_ar)];
    const keys = keysForNames(names, options);
    if (r.name_en) keys.push(...nameKeys(r.name_en));
    gaz.add(e, [...new Set(keys)]);
    added.push(e);
  }
  return added;
}

function splitList(s: string | undefined): string[] {
  return (s ?? "")
    .split("|")
    .map((x) => x.trim())
    .filter((x) => x.length > 0);
}

/** An entry from a row; `get` finds parents and anchors among entries already known. */
export function rowToEntry(
  r: GazetteerRow,
  source: string,
  get: (id: string) => GazetteerEntry | undefined,
): GazetteerEntry {
  let lat = Number(r.lat);
  let lon = Number(r.lon);
  if (r.lat === undefined || r.lat === "" || !Number.isFinite(lat) || !Number.isFinite(lon)) {
    if (!r.anchor) throw new Error(`${source}: row ${r.id} needs lat/lon or an anchor`);
    [lat, lon] = resolveAnchor(r.anchor, get);
  }
  const parent = r.parent ? get(r.parent) : undefined;
  if (r.parent && !parent) throw new Error(`${source}: row ${r.id} has unknown parent ${r.parent}`);
  const kind = r.kind as PlaceKind;
  const e: GazetteerEntry = {
    id: r.id,
    kind,
    name: r.name_ar,
    nameEn: r.name_en ?? "",
    names: [r.name_ar, ...splitList(r.aliases_ar)],
    country: (r.country || parent?.country || "").toUpperCase(),
    lat: round5(lat),
    lon: round5(lon),
    precision: r.coord_source?.toLowerCase().startsWith("approx") ? "approximate" : "point",
    source,
  };
  if (parent) inheritParents(e, parent);
  const pop = Number(r.population);
  if (r.population && Number.isFinite(pop) && pop > 0) e.population = pop;
  if (r.coord_source) e.note = r.coord_source;
  return e;
}

/** Sets the admin chain of `e` from its parent: the parent's own chain plus the parent itself. */
function inheritParents(e: GazetteerEntry, p: GazetteerEntry): void {
  const ref: ParentRef = { id: p.id, kind: p.kind, name: p.name, nameEn: p.nameEn };
  if (p.admin1) e.admin1 = p.admin1;
  if (p.admin2) e.admin2 = p.admin2;
  if (p.admin3) e.admin3 = p.admin3;
  if (p.admin1Code) e.admin1Code = p.admin1Code;
  if (p.kind === "admin1") e.admin1 = ref;
  else if (p.kind === "admin2") e.admin2 = ref;
  else if (p.kind === "admin3") e.admin3 = ref;
  else if (p.kind !== "country") e.parent = ref;
}

export function round5(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}

/** Adds a user file (CSV or GeoJSON) to a loaded gazetteer. */
export function addUserFile(gaz: Gazetteer, file: string): GazetteerEntry[] {
  const rows = readGazetteerFile(file);
  return addRows(gaz, rows, `user:${basename(file)}`, { isCommonWord: commonWordTest() });
}
