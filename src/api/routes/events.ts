/**
 * Events: `GET /api/events` with filters, as JSON, GeoJSON or ACLED CSV, and `GET /api/events/{id}`
 * with its evidence, sources and merged reports.
 */
import { ACLED_PAIRS, RASD_PAIRS } from "../../knowledge/lexicons.js";
import { type EventQuery, MAP_EVENT_FIELDS, type StoredMapEvent } from "../../store/index.js";
import { MAP_DEFAULT_LIMIT, MAP_MAX_LIMIT } from "../../store/paging.js";
import { eventsToCsv, eventsToGeoJson } from "../formats.js";
import { linkNext, pageJson } from "../paging.js";
import {
  DEFAULT_LIMIT,
  dateRange,
  MAX_LIMIT,
  PAGE_PARAMS,
  parseQuery,
  type QuerySpec,
} from "../params.js";
import { notFound } from "../problems.js";
import type { Deps, Routes } from "../routes.js";

const PAIRS = { ...ACLED_PAIRS, ...RASD_PAIRS };
export const EVENT_TYPES: readonly string[] = Object.keys(PAIRS);
export const SUB_EVENT_TYPES: readonly string[] = [...new Set(Object.values(PAIRS).flat())];
export const EVENT_FORMATS = ["json", "geojson", "acled-csv", "map"] as const;

/** The columns of `format=map`, in the order of each row. */
export const MAP_FIELDS = MAP_EVENT_FIELDS;

/** Coordinates to 5 decimals (about a metre): enough for a map, and no float noise. */
const coordinate = (x: number | null) => (x === null ? null : Math.round(x * 1e5) / 1e5);

/** A row of format=map: MAP_FIELDS' values in order, `disputed` as 0 or 1. */
function mapRow(e: StoredMapEvent): unknown[] {
  return [
    e.id,
    coordinate(e.longitude),
    coordinate(e.latitude),
    e.event_date,
    e.event_type,
    e.sub_event_type,
    e.inter1,
    e.fatalities,
    e.geo_precision,
    e.disputed ? 1 : 0,
    e.location,
    e.admin1,
    e.country,
  ];
}

const EVENT_QUERY = {
  ...dateRange("event date"),
  type: {
    type: "enum",
    list: true,
    values: EVENT_TYPES,
    description: "ACLED event type(s), comma-separated or repeated (any of them).",
  },
  sub_type: {
    type: "enum",
    list: true,
    values: SUB_EVENT_TYPES,
    description: "ACLED sub-event type(s), comma-separated or repeated (any of them).",
  },
  actor: {
    type: "string",
    maxLength: 300,
    description: "An ACLED actor name as actor1, actor2 or an associated actor (exact).",
  },
  country: { type: "string", maxLength: 100, description: "Country, as ACLED names it (exact)." },
  admin1: { type: "string", maxLength: 200, description: "First-level region (exact)." },
  bbox: {
    type: "bbox",
    description: "minLon,minLat,maxLon,maxLat (GeoJSON's order): only events located inside.",
  },
  min_confidence: {
    type: "number",
    min: 0,
    max: 1,
    description: "Only events whose confidence is at least this (0 to 1).",
  },
  disputed: {
    type: "boolean",
    description: "true: only events sources disagree about; false: only undisputed ones.",
  },
  article: {
    type: "string",
    maxLength: 200,
    description: "Only events this article reported.",
  },
  format: {
    type: "enum",
    values: EVENT_FORMATS,
    default: "json",
    description:
      "json (default), geojson (FeatureCollection), acled-csv, or map: compact rows of what a map draws, up to 10,000 a page.",
  },
  ...PAGE_PARAMS,
  limit: {
    ...PAGE_PARAMS.limit,
    description: `Rows per page, 1 to ${MAX_LIMIT} (default ${DEFAULT_LIMIT}); with format=map 1 to ${MAP_MAX_LIMIT} (default ${MAP_DEFAULT_LIMIT}).`,
  },
} as const satisfies QuerySpec;

/** The same parameters, with format=map's larger pages. */
const MAP_QUERY = {
  ...EVENT_QUERY,
  limit: { ...EVENT_QUERY.limit, max: MAP_MAX_LIMIT, default: MAP_DEFAULT_LIMIT },
} as const satisfies QuerySpec;

/** As /openapi.json states them: a schema has one maximum, format=map's (the description says the rest). */
const DOC_QUERY = {
  ...EVENT_QUERY,
  limit: { ...EVENT_QUERY.limit, max: MAP_MAX_LIMIT },
} as const satisfies QuerySpec;

export function registerEvents(r: Routes, deps: Deps): void {
  r.add(
    "GET",
    "/api/events",
    {
      tag: "events",
      summary:
        "Merged events, newest first, with filters; as JSON, GeoJSON, ACLED CSV or compact rows for a map",
      description:
        'GeoJSON and CSV pages carry the next page\'s link in a `Link: <…>; rel="next"` header (and `X-Next-Cursor`); the GeoJSON also as `next_cursor` and `next` members. format=map answers `{fields, rows, next_cursor, next}`: `fields` names the columns (id, longitude, latitude, event_date, event_type, sub_event_type, inter1, fatalities, geo_precision, disputed as 0 or 1, location, admin1, country) and each row is an array of them, up to 10,000 rows a page.',
      query: DOC_QUERY,
      produces: ["application/json", "application/geo+json", "text/csv"],
      responses: {
        200: "{items: events, next_cursor, next}; or a FeatureCollection; or CSV with ACLED's columns; or {fields, rows, next_cursor, next} (format=map)",
      },
    },
    async (c) => {
      // The limit's range depends on the format: format=map's pages are larger.
      const asMap = new URL(c.req.url).searchParams.getAll("format").includes("map");
      const q = parseQuery(c.req.url, asMap ? MAP_QUERY : EVENT_QUERY);
      const query: EventQuery = {};
      if (q.from !== undefined) query.from = q.from;
      if (q.to !== undefined) query.to = q.to;
      if (q.type !== undefined) query.type = q.type;
      if (q.sub_type !== undefined) query.subType = q.sub_type;
      if (q.actor !== undefined) query.actor = q.actor;
      if (q.country !== undefined) query.country = q.country;
      if (q.admin1 !== undefined) query.admin1 = q.admin1;
      if (q.bbox !== undefined) query.bbox = q.bbox;
      if (q.min_confidence !== undefined) query.minConfidence = q.min_confidence;
      if (q.disputed !== undefined) query.disputed = q.disputed;
      if (q.article !== undefined) query.articleId = q.article;
      if (q.limit !== undefined) query.limit = q.limit;
      if (q.cursor !== undefined) query.cursor = q.cursor;
      if (q.format === "map") {
        const page = await deps.store.listMapEvents(query);
        const next = linkNext(c, page.next_cursor);
        return c.json({
          fields: MAP_FIELDS,
          rows: page.items.map(mapRow),
          next_cursor: page.next_cursor,
          next,
        });
      }
      const page = await deps.store.listEvents(query);
      switch (q.format ?? "json") {
        case "geojson": {
          const next = linkNext(c, page.next_cursor);
          c.header("Content-Type", "application/geo+json; charset=utf-8");
          c.header("Content-Disposition", 'attachment; filename="rasd-events.geojson"');
          return c.body(
            JSON.stringify({
              ...eventsToGeoJson(page.items),
              next_cursor: page.next_cursor,
              next,
            }),
          );
        }
        case "acled-csv":
          linkNext(c, page.next_cursor);
          c.header("Content-Type", "text/csv; charset=utf-8; header=present");
          c.header("Content-Disposition", 'attachment; filename="rasd-events.csv"');
          return c.body(eventsToCsv(page.items));
        default:
          return pageJson(c, page);
      }
    },
  );

  r.add(
    "GET",
    "/api/events/{id}",
    {
      tag: "events",
      summary:
        "One merged event with every report (and its article), the evidence texts, sources, claims and disputes",
      responses: { 200: "the event", 404: "no such event" },
    },
    async (c) => {
      parseQuery(c.req.url, {});
      const id = c.req.param("id") ?? "";
      const event = id.length <= 200 ? await deps.store.getEvent(id) : null;
      if (!event) throw notFound(`no event ${JSON.stringify(id)}`);
      return c.json(event);
    },
  );
}
