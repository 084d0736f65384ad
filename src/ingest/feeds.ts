/**
 * RSS, Atom (and RDF and JSON Feed) parsed with feedsmith into one item shape. feedsmith
 * answers anything it does not recognise with "Unrecognized feed format"; the body is looked at
 * first, so that the error says what it is instead: not XML at all, an HTML page, XML with
 * another root element, or a feed too broken to read.
 */
import { DetectError, parseFeed } from "feedsmith";
import { decodeBytes } from "./charset.js";
import { FeedError } from "./errors.js";
import { toIsoDateTime } from "./metadata.js";

export interface FeedItem {
  /** The item's identity for "seen before": its guid, else its link, else its title. */
  key: string;
  guid?: string;
  /** The article's URL, resolved against the feed's. */
  link?: string;
  title?: string;
  /** ISO 8601. */
  published?: string;
  author?: string;
  /** Summary as given (often HTML). */
  summary?: string;
  /** Full content as given (content:encoded, Atom content, JSON content_html), when the feed carries it. */
  content?: string;
}

export interface Feed {
  format: "rss" | "atom" | "rdf" | "json";
  title?: string;
  link?: string;
  items: FeedItem[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A text field: a string, or feedsmith's `{value}` for Atom text constructs. */
function text(v: unknown): string | undefined {
  if (typeof v === "string") return v.trim() || undefined;
  if (isObject(v)) return text(v.value ?? v.name);
  return undefined;
}

function firstText(list: unknown): string | undefined {
  if (!Array.isArray(list)) return text(list);
  for (const v of list) {
    const t = text(v);
    if (t) return t;
  }
  return undefined;
}

function resolve(link: string | undefined, base: string | undefined): string | undefined {
  if (!link) return undefined;
  try {
    return new URL(link, base).href;
  } catch {
    return link;
  }
}

/** Atom's article link: rel="alternate" (or no rel), else the first. */
function atomLink(links: unknown): string | undefined {
  if (!Array.isArray(links)) return undefined;
  const objects = links.filter(isObject);
  const alternate = objects.find((l) => l.rel === undefined || l.rel === "alternate");
  return text((alternate ?? objects[0])?.href);
}

function item(raw: Json, format: Feed["format"], base: string | undefined): FeedItem | undefined {
  let guid: string | undefined;
  let link: string | undefined;
  let fields: Omit<FeedItem, "key" | "guid" | "link">;
  const dc = isObject(raw.dc) ? raw.dc : {};
  const content = isObject(raw.content) ? text(raw.content.encoded) : undefined;
  switch (format) {
    case "atom":
      guid = text(raw.id);
      link = atomLink(raw.links);
      fields = {
        title: text(raw.title),
        published: toIsoDateTime(text(raw.published) ?? text(raw.updated)),
        author: firstText(raw.authors),
        summary: text(raw.summary),
        content: text(raw.content),
      };
      break;
    case "json":
      guid = text(raw.id);
      link = text(raw.url) ?? text(raw.external_url);
      fields = {
        title: text(raw.title),
        published: toIsoDateTime(text(raw.date_published)),
        author: firstText(raw.authors),
        summary: text(raw.summary),
        content: text(raw.content_html) ?? text(raw.content_text),
      };
      break;
    default: // rss, rdf
      guid = text(raw.guid);
      link = text(raw.link);
      fields = {
        title: text(raw.title),
        published: toIsoDateTime(text(raw.pubDate) ?? firstText(dc.dates) ?? text(dc.date)),
        author: firstText(raw.authors) ?? firstText(dc.creators) ?? text(dc.creator),
        summary: text(raw.description),
        content,
      };
  }
  link = resolve(link, base);
  const key = guid ?? link ?? fields.title;
  if (!key) return undefined; // nothing to know it by again, nothing to fetch
  const out: FeedItem = { key };
  if (guid) out.guid = guid;
  if (link) out.link = link;
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) (out as unknown as Json)[k] = v;
  return out;
}

/** The name of the first element of an XML text, after the declaration, comments and doctype. */
function rootElement(body: string): string | undefined {
  const rest = body.replace(
    /^(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>)*/i,
    "",
  );
  return /^<([A-Za-z_][\w.:-]*)/.exec(rest)?.[1];
}

const FEED_ROOTS = new Set(["rss", "feed", "rdf:rdf", "rdf", "channel"]);

function snippet(s: string): string {
  const t = s.trim().slice(0, 40).replace(/\s+/g, " ");
  return s.trim().length > 40 ? `${t}…` : t;
}

/** Parses a feed's text. Throws a `FeedError` that says what the body is when it is not a feed. */
export function parseFeedText(body: string, options: { url?: string; where?: string } = {}): Feed {
  const where = options.where ?? options.url ?? "the feed";
  const trimmed = body.replace(/^\uFEFF/, "").trim();
  if (trimmed.length === 0) throw new FeedError("not-xml", `${where} is empty, not a feed`);
  const json = trimmed.startsWith("{") || trimmed.startsWith("[");
  if (!json) {
    if (!trimmed.startsWith("<")) {
      throw new FeedError("not-xml", `${where} is not XML: it begins with "${snippet(trimmed)}"`);
    }
    const root = rootElement(trimmed);
    if (!root)
      throw new FeedError(
        "not-xml",
        `${where} is not XML: no root element in "${snippet(trimmed)}"`,
      );
    if (root.toLowerCase() === "html") {
      throw new FeedError("not-a-feed", `${where} is an HTML page, not a feed`);
    }
    if (!FEED_ROOTS.has(root.toLowerCase())) {
      throw new FeedError(
        "not-a-feed",
        `${where} is XML with root element <${root}>, not an RSS or Atom feed`,
      );
    }
  }
  let parsed: { format: string; feed: unknown };
  try {
    parsed = parseFeed(trimmed) as { format: string; feed: unknown };
  } catch (error) {
    if (json && error instanceof DetectError) {
      throw new FeedError("not-a-feed", `${where} is JSON, not a JSON Feed`);
    }
    const kind = json ? "JSON Feed" : `<${rootElement(trimmed)}> feed`;
    throw new FeedError(
      "malformed-feed",
      `${where} is a malformed ${kind}: ${(error as Error).message}`,
    );
  }
  const format = parsed.format as Feed["format"];
  const feed = isObject(parsed.feed) ? parsed.feed : {};
  const base =
    options.url ??
    (format === "atom" ? atomLink(feed.links) : (text(feed.link) ?? text(feed.home_page_url)));
  const rawItems = format === "atom" ? feed.entries : feed.items;
  const items = (Array.isArray(rawItems) ? rawItems : [])
    .filter(isObject)
    .map((raw) => item(raw, format, base))
    .filter((x): x is FeedItem => x !== undefined);
  const out: Feed = { format, items };
  const title = text(feed.title);
  if (title) out.title = title;
  const link =
    format === "atom" ? atomLink(feed.links) : (text(feed.link) ?? text(feed.home_page_url));
  if (link) out.link = resolve(link, options.url);
  return out;
}

/** Parses a feed's bytes, decoded by the XML declaration, the HTTP charset or UTF-8. */
export function parseFeedBytes(
  bytes: Uint8Array,
  options: { url?: string; where?: string; contentType?: string | null } = {},
): Feed {
  const decoded = decodeBytes(bytes, { contentType: options.contentType ?? null });
  return parseFeedText(decoded.text, options);
}
