/**
 * Geoparsing: finds place names with the gazetteer, then chooses among each name's candidates
 * using what the article itself says — the kind of place a cue word announces (مدينة، بلدة، حي،
 * محافظة), the article's focus country and province, the other places it names, and spatial
 * language ("بلدة الشحيل شمال مدينة الميادين", "في منتصف المسافة ما بين مدينتي دير الزور
 * والبوكمال"). A place the gazetteer lacks is still reported, and placed near its anchor when
 * the text gives one. One unresolved place never removes the others.
 */
import { readFileSync } from "node:fs";
import { partAt } from "../article/parts.js";
import {
  distanceKm,
  type Gazetteer,
  type GazetteerEntry,
  loadGazetteer,
} from "../knowledge/gazetteer.js";
import type { PhraseMatch } from "../knowledge/phrase-index.js";
import type { WordFrequencies } from "../text/clitics.js";
import { defaultFunctionWords, defaultVocabulary } from "../text/lexicon.js";
import { normalizeForMatch } from "../text/normalize.js";
import { SpanIndex } from "../text/span-index.js";
import type { GeoPrecision, PlaceMention, RasdDocument, Stage, Token } from "../types.js";

interface CueFile {
  cues: { words: string[]; kinds: string[]; plural?: string[] }[];
  directions: Record<string, [number, number]>;
  nearWords: string[];
  defaultOffsetKm: number;
}

interface Cues {
  kindsOf: Map<string, string[]>;
  /** The cue words for towns, villages, neighbourhoods, camps and facilities: their kinds of those. */
  townKindsOf: Map<string, string[]>;
  plural: Set<string>;
  directions: Map<string, [number, number]>;
  near: Set<string>;
  defaultOffsetKm: number;
}

let cues: Cues | undefined;
function loadCues(): Cues {
  if (cues) return cues;
  const file = JSON.parse(
    readFileSync(new URL("../../data/geo/cues.json", import.meta.url), "utf8"),
  ) as CueFile;
  const kindsOf = new Map<string, string[]>();
  const plural = new Set<string>();
  for (const c of file.cues) {
    for (const w of c.words) kindsOf.set(normalizeForMatch(w), c.kinds);
    for (const w of c.plural ?? []) plural.add(normalizeForMatch(w));
  }
  const directions = new Map<string, [number, number]>();
  for (const [w, v] of Object.entries(file.directions)) directions.set(normalizeForMatch(w), v);
  const townKindsOf = new Map<string, string[]>();
  for (const [w, kinds] of kindsOf) {
    const towns = kinds.filter((k) => CITY_LIKE.has(k));
    if (towns.length > 0) townKindsOf.set(w, towns);
  }
  cues = {
    kindsOf,
    townKindsOf,
    plural,
    directions,
    near: new Set(file.nearWords.map((w) => normalizeForMatch(w))),
    defaultOffsetKm: file.defaultOffsetKm,
  };
  return cues;
}

/** The forms a token is compared under: as written, and its stem without clitics. */
function forms(t: Token | undefined): string[] {
  if (!t) return [];
  const out = [t.norm];
  if (t.stem && t.stem !== t.norm) {
    out.push(t.stem);
    if (t.definite && !t.stem.startsWith("ال")) out.push(`ال${t.stem}`);
  }
  return out;
}

interface Mention {
  match: PhraseMatch<GazetteerEntry>;
  /** The name as written. */
  text: string;
  /** Kinds a cue word before the name announces. */
  cueKinds: string[] | undefined;
  /** A place this one is said to lie near, and in which direction. */
  anchor?: { mention: Mention; direction?: [number, number]; km?: number };
  /** Two places this one is said to lie midway between. */
  between?: [Mention, Mention];
  chosen?: GazetteerEntry;
  score: number;
  method: string[];
}

function cueBefore(
  doc: RasdDocument,
  i: number,
  c: Cues,
): { kinds: string[]; plural: boolean } | undefined {
  for (const f of forms(doc.tokens[i - 1])) {
    const kinds = c.kindsOf.get(f);
    if (kinds) return { kinds, plural: c.plural.has(f) };
  }
  return undefined;
}

/** Place names in the article's title and body (not its furniture or photo credit). */
/**
 * A one-word name that is also a common word (التحالف the coalition, الجديد the new, الهامة the
 * important) is a place only with a cue word before it, unless it names a large place.
 */
function isCommonWord(match: PhraseMatch<GazetteerEntry>, vocabulary: WordFrequencies): boolean {
  if (match.tokenEnd - match.tokenStart > 1) return false;
  const major = match.values.some(
    (e) => e.kind === "country" || e.kind === "admin1" || (e.population ?? 0) >= MAJOR_POPULATION,
  );
  return !major && vocabulary.count(match.key) >= COMMON_WORD_COUNT;
}

/**
 * A lone definite word right after a definite noun is read as its adjective (المعاقل الهامة
 * the important strongholds), not a place, unless it names a large place.
 */
function isAdjectiveLike(doc: RasdDocument, match: PhraseMatch<GazetteerEntry>): boolean {
  if (match.tokenEnd - match.tokenStart > 1) return false;
  const prev = doc.tokens[match.tokenStart - 1];
  const self = doc.tokens[match.tokenStart] as Token;
  if (prev?.kind !== "arabic" || !prev.definite || !self.definite) return false;
  if ((self.proclitics ?? []).some((p) => p !== "ال")) return false;
  return !match.values.some(
    (e) => e.kind === "country" || e.kind === "admin1" || (e.population ?? 0) >= MAJOR_POPULATION,
  );
}

/** Corpus count from which a word is common, and the population from which a place is major. */
const COMMON_WORD_COUNT = 3;
const MAJOR_POPULATION = 50_000;

/** A group's branch named after the land it holds: "ولاية بغداد", "ولاية نينوى". */
const PROVINCE_OF_GROUP = /^(و|ب|ل)?ولاي[ةه] /;

function findMentions(
  doc: RasdDocument,
  gaz: Gazetteer,
  c: Cues,
  vocabulary: WordFrequencies,
): Mention[] {
  const out: Mention[] = [];
  let listKinds: string[] | undefined;
  let prevEnd = -1;
  const names = new SpanIndex(doc.entities.filter((e) => e.type !== "person"));
  for (const match of gaz.matchTokens(doc.tokens)) {
    const part = partAt(doc, match);
    if (part === "furniture" || part === "credit") continue;
    // A name inside an actor's or source's name (العربي الجديد) is not a place, but for the
    // provinces the Islamic State names its branches after (ولاية بغداد: where it operates).
    if (
      names
        .overlapping(match.start, match.end)
        .some(
          (e) => !(e.start >= match.start && e.end <= match.end) && !PROVINCE_OF_GROUP.test(e.text),
        )
    )
      continue;
    // "صحيفة «ديلي صباح»", "قناة الميادين": a name right after the kind of an outlet names it.
    if (outletBefore(doc, match.tokenStart)) continue;
    // "المدينة" (the city) and other cue words are references, not names (المدينة المنورة aside).
    if (c.kindsOf.has(match.key) || c.kindsOf.has(match.key.replace(/^ال/, ""))) continue;
    const cue = cueBefore(doc, match.tokenStart, c);
    if (!cue && (isCommonWord(match, vocabulary) || isAdjectiveLike(doc, match))) continue;
    let cueKinds = cue?.kinds;
    // A plural cue covers the coordinated list after it: أحياء الحميدية والجبيلة والرشدية.
    const first = doc.tokens[match.tokenStart] as Token;
    const coordinated =
      prevEnd >= 0 &&
      (match.tokenStart === prevEnd ||
        (match.tokenStart === prevEnd + 1 && doc.tokens[prevEnd]?.norm === "،")) &&
      first.proclitics?.[0] === "و";
    if (!cueKinds && coordinated && listKinds) cueKinds = listKinds;
    listKinds = cue?.plural ? cue.kinds : coordinated ? listKinds : undefined;
    prevEnd = match.tokenEnd;
    out.push({
      match,
      text: doc.text.slice(match.start, match.end),
      cueKinds,
      score: 0,
      method: [],
    });
  }
  const unlisted = unlistedMentions(doc, c, out);
  if (unlisted.length === 0) return out;
  return [...out, ...unlisted].sort((a, b) => a.match.tokenStart - b.match.tokenStart);
}

/** Kinds of outlet whose names often are, or hold, place names (قناة الميادين، ديلي صباح). */
const OUTLET_WORDS = new Set(
  "صحيفه جريده مجله وكاله قناه موقع اذاعه تلفزيون فضائيه شبكه صحيفتي".split(" "),
);

/** Whether the word before a name (a quotation mark aside) is the kind of an outlet. */
function outletBefore(doc: RasdDocument, i: number): boolean {
  for (let k = i - 1; k >= Math.max(0, i - 2); k--) {
    const t = doc.tokens[k] as Token;
    if (t.kind === "punct" && /^[«"“'(]$/.test(t.norm)) continue;
    return t.kind === "arabic" && OUTLET_WORDS.has(t.stem ?? t.norm);
  }
  return false;
}

/** Function words, which never name a place the gazetteer lacks. */
const FUNCTION_WORDS = defaultFunctionWords();
/** Words after a cue that describe the place instead of naming it (المنطقة الواقعة غرب …). */
const NOT_A_NAME = new Set(
  "الواقعه الواقع تقع يقع القريبه القريب المحيطه المحيط المجاوره المجاور الممتده المحاذيه الحدوديه الشماليه الجنوبيه الشرقيه الغربيه الاخري نفسها ذاتها نفسه ذاته كلها التي الذي عند لدي نحو حوالي بين".split(
    " ",
  ),
);
/** Units of distance: "على بعد 20 كيلومترا", "50 كم". */
const KM_WORDS = new Set(["كم", "كلم", "كيلومتر", "كيلومترا", "كيلومترات", "كيلو"]);

/**
 * Places the gazetteer lacks, where the text says what and where they are: a cue word for a
 * town, village or neighbourhood, a name of one or two words, then a direction or "near" and a
 * place the gazetteer has ("بلدة زعيزيعة جنوب مدينة الميادين"). They get no candidates; `choose`
 * places them from their anchor. Without such an anchor a cue and a word are left alone ("بلدة
 * كبيرة": a big town).
 */
function unlistedMentions(doc: RasdDocument, c: Cues, listed: Mention[]): Mention[] {
  const starts = new Set(listed.map((m) => m.match.tokenStart));
  const inside = new Uint8Array(doc.tokens.length);
  // Only a cue within a dozen words before a listed place can begin one: the rest of the
  // article is not looked at (most of it, and most of the time this stage takes otherwise).
  const before = new Uint8Array(doc.tokens.length);
  for (const m of listed) {
    inside.fill(1, m.match.tokenStart, m.match.tokenEnd);
    before.fill(1, Math.max(0, m.match.tokenStart - 12), m.match.tokenStart);
  }
  const out: Mention[] = [];
  const nameWord = (t: Token | undefined, k: number) =>
    t !== undefined &&
    t.kind === "arabic" &&
    !inside[k] &&
    !(t.proclitics ?? []).some((p) => p !== "ال") &&
    !FUNCTION_WORDS.has(t.norm) &&
    !NOT_A_NAME.has(t.norm) &&
    !/^[0-9]/.test(t.norm) &&
    !c.kindsOf.has(t.norm) &&
    !c.directions.has(t.stem ?? t.norm) &&
    !c.near.has(t.stem ?? t.norm);
  for (let i = 0; i + 3 < doc.tokens.length; i++) {
    if (!before[i]) continue;
    const cue = doc.tokens[i] as Token;
    if (cue.kind !== "arabic" || starts.has(i + 1)) continue;
    const kinds = c.townKindsOf.get(cue.stem ?? cue.norm) ?? c.townKindsOf.get(cue.norm);
    if (!kinds || c.plural.has(cue.norm)) continue;
    if (!nameWord(doc.tokens[i + 1], i + 1)) continue;
    // One or two words of name, then (الواقعة) a direction or "near", then a listed place.
    for (const len of [1, 2]) {
      if (len === 2 && !nameWord(doc.tokens[i + 2], i + 2)) break;
      let k = i + 1 + len;
      if (/^(ال)?واقع(ه|ة)?$/.test(doc.tokens[k]?.norm ?? "")) k++;
      // "قرية X 40 كم شمال …": the distance before the direction.
      const unit = doc.tokens[k + 1];
      if (
        /^[0-9]+$/.test(doc.tokens[k]?.norm ?? "") &&
        KM_WORDS.has(unit?.stem ?? unit?.norm ?? "")
      )
        k += 2;
      const w = doc.tokens[k];
      const two = `${w?.stem ?? w?.norm} ${doc.tokens[k + 1]?.stem ?? doc.tokens[k + 1]?.norm}`;
      const away =
        w?.norm === "علي" &&
        (doc.tokens[k + 1]?.stem ?? doc.tokens[k + 1]?.norm) === "بعد" &&
        /^[0-9]+$/.test(doc.tokens[k + 2]?.norm ?? "");
      if (away) k += 4; // على بعد 20 كيلومترا (من)
      const spatial =
        away ||
        c.directions.has(two) ||
        c.directions.has(w?.stem ?? w?.norm ?? "") ||
        c.near.has(w?.stem ?? w?.norm ?? "");
      if (!spatial) continue;
      // The anchor follows within three words (a cue word may stand before it).
      let anchored = false;
      for (let j = k + 1; j <= k + 3; j++) if (starts.has(j)) anchored = true;
      if (!anchored) continue;
      const first = doc.tokens[i + 1] as Token;
      const last = doc.tokens[i + len] as Token;
      const part = partAt(doc, first);
      if (part === "furniture" || part === "credit") break;
      const start = first.baseStart ?? first.start;
      out.push({
        match: {
          tokenStart: i + 1,
          tokenEnd: i + 1 + len,
          start,
          end: last.end,
          key: normalizeForMatch(doc.text.slice(start, last.end)),
          values: [],
        },
        text: doc.text.slice(start, last.end),
        cueKinds: kinds,
        score: 0,
        method: [],
      });
      break;
    }
  }
  return out;
}

/** Spatial relations between neighbouring mentions: "X جنوب (مدينة) Y", "X قرب Y", midpoints. */
function findRelations(doc: RasdDocument, mentions: Mention[], c: Cues): void {
  for (let k = 0; k + 1 < mentions.length; k++) {
    const x = mentions[k] as Mention;
    const y = mentions[k + 1] as Mention;
    const between = doc.tokens.slice(x.match.tokenEnd, y.match.tokenStart);
    if (between.length > 12) continue;
    const words = between.map((t) => t.stem ?? t.norm);
    const joined = words.join(" ");
    // Midway between two places: "في منتصف المسافة ما بين مدينتي A وB".
    if (/منتصف (ال)?(مسافه|طريق)/.test(joined) && k + 2 < mentions.length) {
      const z = mentions[k + 2] as Mention;
      const first = doc.tokens[z.match.tokenStart] as Token;
      if (z.match.tokenStart === y.match.tokenEnd && first.proclitics?.[0] === "و") {
        x.between = [y, z];
        continue;
      }
    }
    // "X على بعد 20 كيلومترا من Y": at a distance, no direction.
    const away = /(^| )علي بعد [0-9]+ \S+ (من|عن)( \S+)?$/.test(words.join(" "));
    if (between.length > (away ? 7 : 4)) continue;
    // "في الرقة وجنوب محافظة الحسكة": a direction joined by و starts the next item of a list.
    if (between.some((t) => t.proclitics?.[0] === "و")) continue;
    let direction: [number, number] | undefined;
    for (let n = 0; n < words.length; n++) {
      const two = `${words[n]} ${words[n + 1] ?? ""}`;
      direction = c.directions.get(two) ?? c.directions.get(words[n] as string) ?? direction;
    }
    const near = away || words.some((w) => c.near.has(w));
    // "510 كم شمال غرب بغداد": how far, when the text says it.
    let km: number | undefined;
    for (let n = 0; n + 1 < words.length; n++) {
      if (/^[0-9]+$/.test(between[n]?.norm ?? "") && KM_WORDS.has(words[n + 1] as string))
        km = Number(between[n]?.norm);
    }
    if (direction || near)
      x.anchor = {
        mention: y,
        ...(direction ? { direction } : {}),
        ...(km !== undefined && km > 0 && km < 2000 ? { km } : {}),
      };
  }
}

/** The country (ISO2) and province most of the article's unambiguous places lie in. */
function focus(mentions: Mention[]): { country?: string; admin1?: string } {
  const countries = new Map<string, number>();
  const admin1s = new Map<string, number>();
  for (const m of mentions) {
    const cands = m.match.values;
    const weight = 1 / cands.length;
    const seenC = new Set<string>();
    const seenA = new Set<string>();
    for (const e of cands.slice(0, 5)) {
      if (!seenC.has(e.country)) countries.set(e.country, (countries.get(e.country) ?? 0) + weight);
      seenC.add(e.country);
      const a1 = e.kind === "admin1" ? e.id : e.admin1?.id;
      if (a1 && !seenA.has(a1)) admin1s.set(a1, (admin1s.get(a1) ?? 0) + weight);
      if (a1) seenA.add(a1);
    }
  }
  const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1])[0]?.[0];
  return { country: top(countries), admin1: top(admin1s) };
}

const CITY_LIKE = new Set(["city", "town", "village", "neighbourhood", "camp", "facility"]);

function score(
  m: Mention,
  e: GazetteerEntry,
  f: { country?: string; admin1?: string },
  placed: Choices,
): number {
  let s = 0;
  if (m.cueKinds?.includes(e.kind)) s += 3;
  else if (m.cueKinds) s -= 1;
  if (e.country === f.country) s += 2;
  const a1 = e.kind === "admin1" ? e.id : e.admin1?.id;
  if (a1 && a1 === f.admin1) s += 1.5;
  // Near the other places the article names (a village among its neighbours).
  // A city, town or village is what news usually means by a bare name that is also a province.
  if (!m.cueKinds && CITY_LIKE.has(e.kind)) s += 1;
  const nearest = CITY_LIKE.has(e.kind)
    ? placed.nearestNeighbour(e.lat, e.lon, NEIGHBOUR_KM)
    : Number.POSITIVE_INFINITY;
  if (nearest < 40) s += 1;
  else if (nearest < NEIGHBOUR_KM) s += 0.5;
  // A neighbourhood belongs to a city the article is about.
  if (e.kind === "neighbourhood") {
    const city = e.parent?.id;
    s += city !== undefined && placed.isChosen(city) ? 2 : -1;
  }
  if (m.anchor?.mention.chosen) {
    const a = m.anchor.mention.chosen;
    const d = distanceKm(e.lat, e.lon, a.lat, a.lon);
    s += d < 25 ? 3 : d < 60 ? 1.5 : -1;
  }
  if (m.between) {
    const [p, q] = m.between.map((x) => x.chosen);
    if (p && q) {
      const d = distanceKm(e.lat, e.lon, (p.lat + q.lat) / 2, (p.lon + q.lon) / 2);
      s += d < 30 ? 3 : d < 60 ? 1 : -1;
    }
  }
  s += Math.log10((e.population ?? 0) + 1) * 0.1;
  return s;
}

/** How far from its anchor ("X جنوب Y", "X قرب Y") a listed place may lie and still be X, in km. */
const ANCHOR_KM = 60;
/** How far a city-like place counts as a neighbour of another the article names, in km. */
const NEIGHBOUR_KM = 150;
/** Kilometres per degree of latitude, rounded down: a box this many degrees wide holds every
 * point within range. */
const KM_PER_DEG = 111;

/**
 * The places the mentions have chosen, kept up to date as choices change: which entries are
 * chosen (for the city of a neighbourhood) and, in a grid of one-degree cells, the city-like ones
 * that are neighbours of the mention being scored (every mention's choice but its own). Looking
 * for the nearest neighbour in the cells around a candidate, instead of measuring the distance to
 * every place chosen, and counting choices instead of scanning the mentions, keeps a long article
 * linear: one naming ten thousand places took minutes here.
 */
class Choices {
  private readonly ids = new Map<string, number>();
  private readonly cells = new Map<number, Map<GazetteerEntry, number>>();

  /** Counts (by +1) or uncounts (by -1) a choice among the chosen entries. */
  choose(e: GazetteerEntry | undefined, by: 1 | -1): void {
    if (e) this.ids.set(e.id, (this.ids.get(e.id) ?? 0) + by);
  }

  /** Adds (by +1) or removes (by -1) a choice among the neighbours, when it is city-like. */
  neighbour(e: GazetteerEntry | undefined, by: 1 | -1): void {
    if (!e || !CITY_LIKE.has(e.kind)) return;
    const key = cellKey(Math.floor(e.lat), Math.floor(e.lon));
    let cell = this.cells.get(key);
    if (!cell) {
      cell = new Map();
      this.cells.set(key, cell);
    }
    const n = (cell.get(e) ?? 0) + by;
    if (n > 0) cell.set(e, n);
    else cell.delete(e);
  }

  isChosen(id: string): boolean {
    return (this.ids.get(id) ?? 0) > 0;
  }

  /** The distance to the nearest neighbour when under `limitKm`, else Infinity. */
  nearestNeighbour(lat: number, lon: number, limitKm: number): number {
    const dLat = limitKm / KM_PER_DEG;
    const cos = Math.cos((Math.min(90, Math.abs(lat) + dLat) * Math.PI) / 180);
    const dLon = cos > 0.05 ? limitKm / (KM_PER_DEG * cos) : 360;
    let nearest = Number.POSITIVE_INFINITY;
    const measure = (cell: Map<GazetteerEntry, number> | undefined) => {
      if (!cell) return;
      for (const n of cell.keys()) nearest = Math.min(nearest, distanceKm(lat, lon, n.lat, n.lon));
    };
    if (lon - dLon < -180 || lon + dLon > 180) {
      for (const cell of this.cells.values()) measure(cell); // near a pole or the antimeridian
    } else {
      for (let y = Math.floor(lat - dLat); y <= Math.floor(lat + dLat); y++)
        for (let x = Math.floor(lon - dLon); x <= Math.floor(lon + dLon); x++)
          measure(this.cells.get(cellKey(y, x)));
    }
    return nearest < limitKm ? nearest : Number.POSITIVE_INFINITY;
  }
}

/** A cell's number: latitudes' cells -90…90 and longitudes' -180…180 (and a little beyond). */
const cellKey = (y: number, x: number) => (y + 100) * 1000 + (x + 500);

function choose(mentions: Mention[]): void {
  const f = focus(mentions);
  const placed = new Choices();
  // Two passes: the second sees the first's choices (neighbours, anchors, the city of a neighbourhood).
  for (let pass = 0; pass < 2; pass++) {
    for (const m of mentions) {
      let best: GazetteerEntry | undefined;
      let bestScore = Number.NEGATIVE_INFINITY;
      // A mention is not its own neighbour (its earlier choice may still be a neighbourhood's city).
      placed.neighbour(m.chosen, -1);
      for (const e of m.match.values.slice(0, 40)) {
        const sc = score(m, e, f, placed);
        if (sc > bestScore) {
          best = e;
          bestScore = sc;
        }
      }
      // No candidate, or none near the place the text puts it by ("الكرمة شرق الفلوجة" is not
      // the Karmah of Hama): the place is one the gazetteer lacks.
      // Only a town (or a district named for it) places another: "شمال سوريا" is no anchor.
      const anchor = anchorOf(m);
      if (
        m.match.values.length === 0 ||
        (best &&
          anchor &&
          CITY_LIKE.has(best.kind) &&
          // Directions from a capital span hundreds of kilometres ("الرمادي غربي بغداد"): only
          // a namesake in another country is surely not the place.
          best.country !== anchor.country &&
          distanceKm(best.lat, best.lon, anchor.lat, anchor.lon) > ANCHOR_KM)
      )
        best = unlistedPlace(m) ?? best;
      placed.choose(m.chosen, -1);
      placed.choose(best, 1);
      placed.neighbour(best, 1);
      m.chosen = best;
      m.score = bestScore;
    }
  }
}

/** Kinds of place precise enough to place another by: towns and the districts named for them. */
const ANCHOR_KINDS = new Set([...CITY_LIKE, "admin2", "admin3"]);

/** The place a mention is said to lie near, when it is precise enough to place it by. */
function anchorOf(m: Mention): GazetteerEntry | undefined {
  const a = m.anchor?.mention.chosen;
  return a && ANCHOR_KINDS.has(a.kind) ? a : undefined;
}

/**
 * Where a place the gazetteer lacks lies, from what the text says: midway between two places, or
 * the default distance from its anchor in the direction given (at the anchor when only "near").
 * Its kind is the cue's, its province the anchor's; ACLED's geo-precision 2 (near a named place).
 */
function unlistedPlace(m: Mention): GazetteerEntry | undefined {
  const c = loadCues();
  const [p, q] = (m.between?.map((x) => x.chosen) ?? []).filter(
    (x) => x && ANCHOR_KINDS.has(x.kind),
  );
  const a = anchorOf(m);
  let lat: number;
  let lon: number;
  let from: GazetteerEntry;
  if (p && q) {
    lat = (p.lat + q.lat) / 2;
    lon = (p.lon + q.lon) / 2;
    from = p;
  } else if (a) {
    // A neighbourhood lies inside the town it is named beside ("حي الواسطي في كركوك").
    const inside = m.cueKinds?.[0] === "neighbourhood";
    const [dx, dy] = inside ? [0, 0] : (m.anchor?.direction ?? [0, 0]);
    const km = m.anchor?.km ?? c.defaultOffsetKm;
    lat = a.lat + (dy * km) / KM_PER_DEG;
    lon = a.lon + (dx * km) / (KM_PER_DEG * Math.max(0.05, Math.cos((a.lat * Math.PI) / 180)));
    from = a;
  } else return undefined;
  const kind = (m.cueKinds?.find((k) => CITY_LIKE.has(k)) ?? "village") as GazetteerEntry["kind"];
  const name = m.text;
  // ACLED codes a neighbourhood's events at its town (src/events reads the parent).
  const parent =
    kind === "neighbourhood" && CITY_LIKE.has(from.kind)
      ? { parent: { id: from.id, kind: from.kind, name: from.name, nameEn: from.nameEn } }
      : {};
  return {
    id: `rasd:unlisted:${from.id}:${m.match.key.replace(/\s+/g, "-")}`,
    kind,
    name,
    nameEn: name,
    names: [name],
    country: from.country,
    ...(from.admin1 ? { admin1: from.admin1 } : {}),
    ...(from.admin2 ? { admin2: from.admin2 } : {}),
    ...parent,
    lat: Math.round(Math.max(-90, Math.min(90, lat)) * 1e5) / 1e5,
    lon: Math.round((((((lon + 180) % 360) + 360) % 360) - 180) * 1e5) / 1e5,
    precision: "approximate",
    source: "text",
    note: `not in the gazetteer: placed from ${from.nameEn}`,
  };
}

function geoPrecisionOf(e: GazetteerEntry): GeoPrecision {
  if (e.precision === "approximate") return 2;
  if (e.kind === "country" || e.kind === "admin1" || e.kind === "region" || e.kind === "border")
    return 3;
  if (e.kind === "admin2" || e.kind === "admin3" || e.kind === "water") return 2;
  return 1;
}

function methodOf(m: Mention): string {
  const parts: string[] = [];
  const n = m.match.values.length;
  const unlisted = m.chosen?.source === "text";
  parts.push(
    n === 0
      ? "not in the gazetteer"
      : unlisted
        ? `none of ${n} gazetteer entries lies near the place the text names beside it`
        : n === 1
          ? "the only gazetteer entry"
          : `best of ${n} gazetteer entries`,
  );
  if (m.cueKinds && m.chosen && m.cueKinds.includes(m.chosen.kind))
    parts.push(`cue word says ${m.chosen.kind}`);
  if (m.anchor?.mention.chosen)
    parts.push(`${unlisted ? "placed from" : "near"} ${m.anchor.mention.chosen.nameEn}`);
  if (m.between) parts.push("midway between two named places");
  return parts.join("; ");
}

export interface GeoOptions {
  gazetteer?: Gazetteer;
}

/**
 * Where ACLED's spelling differs from Unicode's (the actor names of data/actors, checked against
 * ACLED, read "Military Forces of Turkey", "Unidentified Armed Group (Palestine)"): a country
 * column must agree with them.
 */
const ACLED_COUNTRY_NAMES: Record<string, string> = {
  TR: "Turkey",
  PS: "Palestine",
  MM: "Myanmar",
  CD: "Democratic Republic of Congo",
  CG: "Republic of Congo",
  CI: "Ivory Coast",
  CZ: "Czech Republic",
  HK: "Hong Kong",
  MO: "Macau",
};

/**
 * English country names by ISO2 as ACLED writes them (Syria, not Syrian Arab Republic): from
 * Intl, which Node ships with full ICU, falling back to the gazetteer's country entries.
 */
function countryNames(gaz: Gazetteer): Map<string, string> {
  const out = new Map<string, string>(Object.entries(ACLED_COUNTRY_NAMES));
  const intl = new Intl.DisplayNames(["en"], { type: "region" });
  for (const e of gaz.all()) {
    if (e.kind !== "country" || out.has(e.country)) continue;
    let name: string | undefined;
    try {
      name = intl.of(e.country);
    } catch {
      name = undefined;
    }
    out.set(e.country, name && name !== e.country ? name : e.nameEn);
  }
  return out;
}

/** The town a neighbourhood or facility lies in, from the gazetteer's parent link. */
function withinOf(e: GazetteerEntry, gaz: Gazetteer | undefined): PlaceMention["within"] {
  const p = e.parent?.id ? gaz?.get(e.parent.id) : undefined;
  if (!p) return undefined;
  const within: NonNullable<PlaceMention["within"]> = {
    gazetteerId: p.id,
    name: p.nameEn,
    latitude: p.lat,
    longitude: p.lon,
  };
  if (p.kind === "admin1") within.admin1 = p.nameEn;
  else if (p.admin1) within.admin1 = p.admin1.nameEn;
  if (p.admin2) within.admin2 = p.admin2.nameEn;
  return within;
}

/**
 * The place as reported. Fields are set one by one, in the order the output has always had:
 * object spreads made this a hot spot of the pipeline.
 */
export function toPlaceMention(
  doc: RasdDocument,
  m: Mention,
  countries: Map<string, string>,
  gaz?: Gazetteer,
): PlaceMention {
  const e = m.chosen;
  const n = m.match.values.length;
  const place = {
    start: m.match.start,
    end: m.match.end,
    text: doc.text.slice(m.match.start, m.match.end),
    method: methodOf(m),
    candidates: n,
  } as PlaceMention;
  if (!e) {
    place.confidence = 0;
    return place;
  }
  const margin = n === 1 ? 1 : Math.min(1, Math.max(0.3, 0.5 + m.score / 10));
  place.gazetteerId = e.id;
  place.name = e.nameEn;
  place.kind = e.kind;
  place.latitude = e.lat;
  place.longitude = e.lon;
  place.country = countries.get(e.country) ?? e.country;
  if (e.kind === "admin1") place.admin1 = e.nameEn;
  else if (e.admin1) place.admin1 = e.admin1.nameEn;
  if (e.admin2) place.admin2 = e.admin2.nameEn;
  else if (e.kind === "admin2") place.admin2 = e.nameEn;
  place.geoPrecision = geoPrecisionOf(e);
  const within = withinOf(e, gaz);
  if (within) place.within = within;
  place.confidence = +margin.toFixed(2);
  return place;
}

export function geoStage(options: GeoOptions = {}): Stage {
  const gaz = options.gazetteer ?? loadGazetteer();
  const c = loadCues();
  const countries = countryNames(gaz);
  const vocabulary = defaultVocabulary();
  return (doc) => {
    const mentions = findMentions(doc, gaz, c, vocabulary);
    findRelations(doc, mentions, c);
    choose(mentions);
    doc.places = mentions.map((m) => toPlaceMention(doc, m, countries, gaz));
  };
}
