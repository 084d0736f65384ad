/** Claims, disputes, places, actors and sources: paged lists, the last three with counts. */
import { SOURCE_KINDS, type SourceKind } from "../../types.js";
import { pageJson } from "../paging.js";
import { dateRange, PAGE_PARAMS, type ParsedQuery, parseQuery, type QuerySpec } from "../params.js";
import type { Deps, Routes } from "../routes.js";

const CLAIM_TOPICS = ["event", "control", "number", "cause", "displacement", "other"] as const;
const STANCES = ["assert", "report", "allege", "deny", "accuse", "speculate", "admit"] as const;

const ARTICLE = {
  type: "string",
  maxLength: 200,
  description: "Only those of this article (`a-…`).",
} as const;
const EVENT = {
  type: "string",
  maxLength: 200,
  description: "Only those concerning this event.",
} as const;

const CLAIMS = {
  article: ARTICLE,
  event: EVENT,
  topic: { type: "enum", values: CLAIM_TOPICS, description: "What the claim is about." },
  stance: { type: "enum", values: STANCES, description: "The reporting verb's stance." },
  speaker_kind: { type: "enum", values: SOURCE_KINDS, description: "The kind of speaker." },
  ...dateRange("claim date"),
  ...PAGE_PARAMS,
} as const satisfies QuerySpec;

const DISPUTES = {
  article: ARTICLE,
  event: EVENT,
  kind: {
    type: "enum",
    values: ["article", "fatalities"],
    description:
      "article: found inside one article; fatalities: reports of one event give different tolls.",
  },
  ...PAGE_PARAMS,
} as const satisfies QuerySpec;

const PLACES = {
  country: { type: "string", maxLength: 100, description: "Country (exact)." },
  admin1: { type: "string", maxLength: 200, description: "First-level region (exact)." },
  bbox: { type: "bbox", description: "minLon,minLat,maxLon,maxLat." },
  ...PAGE_PARAMS,
} as const satisfies QuerySpec;

const ACTORS = {
  q: {
    type: "string",
    maxLength: 300,
    description: "Part of the name (case-insensitive for Latin letters).",
  },
  ...PAGE_PARAMS,
} as const satisfies QuerySpec;

const SOURCES = {
  kind: { type: "enum", values: SOURCE_KINDS, description: "The kind of source." },
  ...PAGE_PARAMS,
} as const satisfies QuerySpec;

/** The paging options of a parsed query, as the store takes them. */
function paging(q: ParsedQuery<typeof PAGE_PARAMS>) {
  return {
    ...(q.limit !== undefined ? { limit: q.limit } : {}),
    ...(q.cursor !== undefined ? { cursor: q.cursor } : {}),
  };
}

export function registerCatalog(r: Routes, deps: Deps): void {
  r.add(
    "GET",
    "/api/claims",
    {
      tag: "catalog",
      summary: "Claims (who said what about which event), newest first",
      query: CLAIMS,
      responses: { 200: "{items: claims, next_cursor, next}" },
    },
    async (c) => {
      const q = parseQuery(c.req.url, CLAIMS);
      return pageJson(
        c,
        await deps.store.listClaims({
          ...(q.article !== undefined ? { articleId: q.article } : {}),
          ...(q.event !== undefined ? { eventId: q.event } : {}),
          ...(q.topic !== undefined ? { topic: q.topic } : {}),
          ...(q.stance !== undefined ? { stance: q.stance } : {}),
          ...(q.speaker_kind !== undefined ? { speakerKind: q.speaker_kind as SourceKind } : {}),
          ...(q.from !== undefined ? { from: q.from } : {}),
          ...(q.to !== undefined ? { to: q.to } : {}),
          ...paging(q),
        }),
      );
    },
  );

  r.add(
    "GET",
    "/api/disputes",
    {
      tag: "catalog",
      summary: "Disputes: sources disagreeing inside an article, or reports disagreeing on a toll",
      query: DISPUTES,
      responses: { 200: "{items: disputes, next_cursor, next}" },
    },
    async (c) => {
      const q = parseQuery(c.req.url, DISPUTES);
      return pageJson(
        c,
        await deps.store.listDisputes({
          ...(q.article !== undefined ? { articleId: q.article } : {}),
          ...(q.event !== undefined ? { eventId: q.event } : {}),
          ...(q.kind !== undefined ? { kind: q.kind as "article" | "fatalities" } : {}),
          ...paging(q),
        }),
      );
    },
  );

  r.add(
    "GET",
    "/api/places",
    {
      tag: "catalog",
      summary:
        "Places the articles name, with mention, article and event counts; most events first",
      query: PLACES,
      responses: { 200: "{items: places with counts, next_cursor, next}" },
    },
    async (c) => {
      const q = parseQuery(c.req.url, PLACES);
      return pageJson(
        c,
        await deps.store.listPlaces({
          ...(q.country !== undefined ? { country: q.country } : {}),
          ...(q.admin1 !== undefined ? { admin1: q.admin1 } : {}),
          ...(q.bbox !== undefined ? { bbox: q.bbox } : {}),
          ...paging(q),
        }),
      );
    },
  );

  r.add(
    "GET",
    "/api/actors",
    {
      tag: "catalog",
      summary: "ACLED actors with event and report counts; most events first",
      query: ACTORS,
      responses: { 200: "{items: actors with counts, next_cursor, next}" },
    },
    async (c) => {
      const q = parseQuery(c.req.url, ACTORS);
      return pageJson(
        c,
        await deps.store.listActors({ ...(q.q !== undefined ? { q: q.q } : {}), ...paging(q) }),
      );
    },
  );

  r.add(
    "GET",
    "/api/sources",
    {
      tag: "catalog",
      summary:
        "Sources in the attribution chains, with report and event counts; most reports first",
      query: SOURCES,
      responses: { 200: "{items: sources with counts, next_cursor, next}" },
    },
    async (c) => {
      const q = parseQuery(c.req.url, SOURCES);
      return pageJson(
        c,
        await deps.store.listSources({
          ...(q.kind !== undefined ? { kind: q.kind as SourceKind } : {}),
          ...paging(q),
        }),
      );
    },
  );
}
