/**
 * Page metadata from the three places news sites put it, most reliable first: JSON-LD
 * (`NewsArticle` and its kin, also inside `@graph` arrays), OpenGraph and `article:` properties,
 * then plain `<meta>` names, `<time>` and `<title>`. Dates are returned as ISO 8601.
 */
import type { DomDocument, DomElement } from "./dom.js";

export interface PageMetadata {
  title?: string;
  published?: string;
  modified?: string;
  outlet?: string;
  author?: string;
  section?: string;
  language?: string;
  canonicalUrl?: string;
}

/** JSON-LD types that describe an article, best first. */
const ARTICLE_TYPES = [
  "NewsArticle",
  "ReportageNewsArticle",
  "AnalysisNewsArticle",
  "BackgroundNewsArticle",
  "OpinionNewsArticle",
  "Article",
  "BlogPosting",
  "LiveBlogPosting",
  "WebPage",
];

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function typesOf(o: Json): string[] {
  const t = o["@type"];
  const list = Array.isArray(t) ? t : [t];
  return list
    .filter((x): x is string => typeof x === "string")
    .map((x) => x.replace(/^.*[/:]/, ""));
}

/** Every object in a JSON-LD value: arrays, `@graph`, and `mainEntity` nestings flattened. */
function flatten(value: unknown, out: Json[] = [], depth = 0): Json[] {
  if (depth > 6) return out;
  if (Array.isArray(value)) {
    for (const v of value) flatten(v, out, depth + 1);
  } else if (isObject(value)) {
    out.push(value);
    for (const key of ["@graph", "mainEntity", "mainEntityOfPage"]) {
      if (typeof value[key] === "object") flatten(value[key], out, depth + 1);
    }
  }
  return out;
}

/** JSON-LD as sites write it: sometimes wrapped in a comment or CDATA, or with a trailing comma. */
function parseJsonLd(text: string): unknown {
  const cleaned = text
    .trim()
    .replace(/^<!--|-->$/g, "")
    .replace(/^\/\/\s*<!\[CDATA\[|\/\/\s*\]\]>$/g, "");
  try {
    return JSON.parse(cleaned);
  } catch {
    try {
      return JSON.parse(cleaned.replace(/,\s*([}\]])/g, "$1").replace(/[\n\r\t]+/g, " "));
    } catch {
      return undefined;
    }
  }
}

function articleJsonLd(doc: DomDocument): Json | undefined {
  let best: Json | undefined;
  let bestRank = ARTICLE_TYPES.length;
  for (const script of doc.querySelectorAll("script")) {
    if ((script.getAttribute("type") ?? "").trim().toLowerCase() !== "application/ld+json")
      continue;
    for (const o of flatten(parseJsonLd(script.textContent ?? ""))) {
      for (const t of typesOf(o)) {
        const rank = ARTICLE_TYPES.indexOf(t);
        if (rank >= 0 && rank < bestRank) {
          best = o;
          bestRank = rank;
        }
      }
    }
  }
  return best;
}

/** A JSON-LD text value: a string, a `{name}` or `{@value}` object, or the first of a list. */
function jsonText(v: unknown): string | undefined {
  if (typeof v === "string") return clean(v);
  if (typeof v === "number") return String(v);
  if (Array.isArray(v)) {
    const all = v.map(jsonText).filter((x): x is string => x !== undefined);
    return all.length > 0 ? [...new Set(all)].join("، ") : undefined;
  }
  if (isObject(v)) return jsonText(v.name ?? v["@value"]);
  return undefined;
}

function jsonUrl(v: unknown): string | undefined {
  if (typeof v === "string") return clean(v);
  if (isObject(v)) return jsonUrl(v["@id"] ?? v.url);
  return undefined;
}

function clean(s: string | null | undefined): string | undefined {
  const t = (s ?? "").replace(/\s+/g, " ").trim();
  return t.length > 0 ? t : undefined;
}

/**
 * The page's <meta> values by lower-cased property, name, itemprop or http-equiv, the first of
 * each kept; read once (querying a large page for every key costs more than the rest).
 */
function metaValues(doc: DomDocument): Map<string, string> {
  const values = new Map<string, string>();
  for (const m of doc.querySelectorAll("meta")) {
    const value = clean(m.getAttribute("content"));
    if (!value) continue;
    for (const attr of ["property", "name", "itemprop", "http-equiv"]) {
      const key = m.getAttribute(attr)?.trim().toLowerCase();
      if (key && !values.has(key)) values.set(key, value);
    }
  }
  return values;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

const ZONES: Record<string, string> = { ut: "Z", utc: "Z", gmt: "Z", z: "Z" };

const pad = (n: number | string, w = 2) => String(n).padStart(w, "0");

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1000) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * A date or date-time as ISO 8601, keeping the offset the source wrote (so the calendar day stays
 * the outlet's): ISO forms are tidied, RFC 822 (RSS pubDate) is rewritten, anything else
 * `Date` can read becomes UTC. Undefined when it is not a real date.
 */
export function toIsoDateTime(value: string | null | undefined): string | undefined {
  const s = (value ?? "").trim();
  if (!s) return undefined;
  const iso =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(
      s,
    );
  if (iso) {
    const [, y, mo, d, h, mi, sec, frac, zone] = iso;
    if (!validDay(+(y as string), +(mo as string), +(d as string))) return undefined;
    const date = `${y}-${mo}-${d}`;
    if (h === undefined) return date;
    if (+h > 23 || +(mi as string) > 59 || +(sec ?? 0) > 59) return undefined;
    const z = !zone
      ? ""
      : zone.toUpperCase() === "Z"
        ? "Z"
        : zone.replace(/^([+-]\d{2}):?(\d{2})$/, "$1:$2");
    return `${date}T${h}:${mi}:${sec ?? "00"}${frac ?? ""}${z}`;
  }
  const rfc =
    /^(?:[a-z]{3},?\s+)?(\d{1,2})\s+([a-z]{3})[a-z]*\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|[a-z]{1,3})?$/i.exec(
      s,
    );
  if (rfc) {
    const [, d, monthName, yy, h, mi, sec, zone] = rfc;
    const m = MONTHS[(monthName as string).toLowerCase()];
    let y = +(yy as string);
    if (y < 100) y += y < 50 ? 2000 : 1900;
    if (m && validDay(y, m, +(d as string)) && +(h as string) < 24) {
      const z = !zone
        ? "Z"
        : /^[+-]/.test(zone)
          ? `${zone.slice(0, 3)}:${zone.slice(3)}`
          : (ZONES[zone.toLowerCase()] ?? "Z");
      return `${y}-${pad(m)}-${pad(d as string)}T${pad(h as string)}:${mi}:${sec ?? "00"}${z}`;
    }
  }
  if (!/\d{4}/.test(s)) return undefined; // "yesterday", "منذ ساعتين": not a date Date should guess at
  const t = Date.parse(s);
  return Number.isFinite(t) ? new Date(t).toISOString().replace(".000Z", "Z") : undefined;
}

/** "ar_AR" (OpenGraph locale) → "ar-AR"; language tags are kept as written otherwise. */
function languageTag(v: string | undefined): string | undefined {
  if (!v) return undefined;
  const tag = v.split(/[,;\s]/)[0]?.replace(/_/g, "-");
  return tag && /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(tag) ? tag : undefined;
}

/** JSON-LD inLanguage: a tag, or a Language object whose alternateName is the tag (BBC). */
function jsonLanguage(v: unknown): string | undefined {
  if (isObject(v)) return jsonText(v.alternateName) ?? jsonText(v.name);
  return jsonText(v);
}

/** An author that is a name, not a profile URL (article:author often holds one). */
function personName(v: string | undefined): string | undefined {
  return v && !/^https?:\/\//i.test(v) ? v : undefined;
}

/**
 * The page title without the site name sites add to it ("عنوان الخبر | العربي الجديد",
 * "الجزيرة نت - عنوان الخبر"): a leading or trailing segment after a separator is cut when it is
 * the outlet's name.
 */
export function stripSiteName(title: string, outlet?: string): string {
  if (!outlet) return title;
  const name = outlet.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+");
  const stripped = title
    .replace(new RegExp(`\\s+[|\\-–—:]\\s+${name}\\s*$`, "u"), "")
    .replace(new RegExp(`^\\s*${name}\\s+[|\\-–—:]\\s+`, "u"), "")
    .trim();
  return stripped.length > 0 ? stripped : title;
}

export function extractMetadata(doc: DomDocument): PageMetadata {
  const ld = articleJsonLd(doc) ?? {};
  const values = metaValues(doc);
  /** The first of `keys` the page has a <meta> for. */
  const meta = (...keys: string[]): string | undefined => {
    for (const k of keys) {
      const v = values.get(k);
      if (v !== undefined) return v;
    }
    return undefined;
  };
  const firstTime = (): string | undefined => {
    const el: DomElement | null =
      doc.querySelector("article time[datetime]") ?? doc.querySelector("time[datetime]");
    return el?.getAttribute("datetime") ?? undefined;
  };
  const outlet =
    jsonText(ld.publisher) ?? meta("og:site_name", "application-name", "dc.publisher", "publisher");
  const rawTitle =
    jsonText(ld.headline) ??
    meta("og:title", "twitter:title", "dc.title", "title") ??
    jsonText(ld.name) ??
    clean(doc.querySelector("title")?.textContent);
  const result: PageMetadata = {
    title: rawTitle === undefined ? undefined : stripSiteName(rawTitle, outlet),
    published: toIsoDateTime(
      jsonText(ld.datePublished) ??
        jsonText(ld.dateCreated) ??
        meta(
          "article:published_time",
          "datepublished",
          "pubdate",
          "publishdate",
          "publish-date",
          "date",
          "dc.date.issued",
          "dc.date",
          "dcterms.created",
          "parsely-pub-date",
          "sailthru.date",
          "og:published_time",
        ) ??
        firstTime(),
    ),
    modified: toIsoDateTime(
      jsonText(ld.dateModified) ??
        meta(
          "article:modified_time",
          "og:updated_time",
          "datemodified",
          "last-modified",
          "dcterms.modified",
        ),
    ),
    outlet,
    author:
      personName(jsonText(ld.author)) ??
      personName(meta("author", "article:author", "parsely-author", "dc.creator", "byl")),
    section:
      jsonText(ld.articleSection) ??
      meta("article:section", "section", "parsely-section", "category"),
    language:
      languageTag(jsonLanguage(ld.inLanguage)) ??
      languageTag(clean(doc.documentElement.getAttribute("lang"))) ??
      languageTag(meta("og:locale", "dc.language", "language")) ??
      languageTag(meta("content-language")),
    canonicalUrl:
      clean(doc.querySelector('link[rel="canonical"]')?.getAttribute("href")) ??
      meta("og:url") ??
      jsonUrl(ld.url) ??
      jsonUrl(ld.mainEntityOfPage),
  };
  for (const key of Object.keys(result) as (keyof PageMetadata)[]) {
    if (result[key] === undefined) delete result[key];
  }
  return result;
}
