/**
 * Reading the store: articles, events, claims and disputes by filter, in a stable order with
 * cursors; places, actors and sources with their counts.
 */
import { sql } from "kysely";
import type { OutEvent } from "../output/json.js";
import type { Backend } from "./backend.js";
import {
  decodeCursor,
  encodeCursor,
  MAP_DEFAULT_LIMIT,
  MAP_MAX_LIMIT,
  pageSize,
  toPage,
} from "./paging.js";
import {
  ARTICLE_COLUMNS,
  checkDate,
  type Db,
  orNull,
  parse,
  toArticle,
  toEvent,
  toReport,
  toSummary,
} from "./rows.js";
import { queryTerms } from "./search.js";
import type {
  ActorCount,
  ActorQuery,
  ArticleAnnotations,
  ArticleDetail,
  ArticleQuery,
  ArticleSummary,
  ClaimQuery,
  DisputeQuery,
  EventDetail,
  EventQuery,
  Page,
  PlaceCount,
  PlaceQuery,
  SourceCount,
  SourceQuery,
  StoredClaim,
  StoredDispute,
  StoredEvent,
  StoredMapEvent,
  StoredMention,
  StoredPlaceMention,
  StoredSource,
} from "./types.js";
import { MAP_EVENT_FIELDS } from "./types.js";

export async function getArticle(db: Db, id: string): Promise<ArticleDetail | null> {
  const row = await db
    .selectFrom("articles")
    .select([...ARTICLE_COLUMNS, "text", "annotations"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  const [mentions, places, reports, claims, disputes] = await Promise.all([
    db.selectFrom("mentions").selectAll().where("article_id", "=", id).orderBy("ordinal").execute(),
    db
      .selectFrom("place_mentions")
      .select(["record"])
      .where("article_id", "=", id)
      .orderBy("ordinal")
      .execute(),
    db
      .selectFrom("event_reports")
      .select(["id", "event_id", "article_id", "local_id", "record"])
      .where("article_id", "=", id)
      .orderBy("ordinal")
      .execute(),
    db.selectFrom("claims").select(["record"]).where("article_id", "=", id).orderBy("id").execute(),
    db
      .selectFrom("disputes")
      .select(["record"])
      .where((eb) =>
        eb.or([
          eb("article_id", "=", id),
          eb(
            "event_id",
            "in",
            eb.selectFrom("event_reports").select("event_id").where("article_id", "=", id),
          ),
        ]),
      )
      .orderBy("id")
      .execute(),
  ]);
  return {
    ...toArticle(row),
    annotations: parse<ArticleAnnotations>(row.annotations),
    entities: mentions.map(
      (m): StoredMention => ({
        article_id: m.article_id,
        start: m.span_start,
        end: m.span_end,
        type: m.type as StoredMention["type"],
        text: m.text,
        actor_id: m.actor_id,
        role: m.role,
        affiliation: m.affiliation,
        role_span: m.role_span === null ? null : parse(m.role_span),
        refers_to: m.refers_to === null ? null : parse(m.refers_to),
        rule: m.rule,
        confidence: m.confidence,
      }),
    ),
    places: places.map((p) => ({ ...parse<StoredPlaceMention>(p.record), article_id: id })),
    reports: reports.map(toReport),
    claims: claims.map((c) => parse<StoredClaim>(c.record)),
    disputes: disputes.map((d) => parse<StoredDispute>(d.record)),
  };
}

/** Of these article ids, those stored (in no particular order). */
export async function storedArticleIds(db: Db, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom("articles").select("id").where("id", "in", ids).execute();
  return rows.map((r) => r.id);
}

export async function findArticleByUrl(db: Db, url: string): Promise<string | null> {
  const row = await db
    .selectFrom("articles")
    .select("id")
    .where((eb) => eb.or([eb("url", "=", url), eb("canonical_url", "=", url)]))
    .orderBy("seq")
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function searchArticles(
  b: Backend,
  query: ArticleQuery,
): Promise<Page<ArticleSummary>> {
  const limit = pageSize(query.limit);
  checkDate("from", query.from);
  checkDate("to", query.to);
  const after = decodeCursor("articles", query.cursor, ["string", "string"]);
  const terms = query.q === undefined ? [] : queryTerms(query.q);
  if (query.q !== undefined && terms.length === 0) return { items: [], next_cursor: null };
  let q = b.db.selectFrom("articles").select([...ARTICLE_COLUMNS, "text"]);
  if (terms.length > 0) q = q.where(b.matchArticles(terms));
  if (query.from !== undefined) q = q.where("published", ">=", query.from);
  if (query.to !== undefined) q = q.where("published", "<=", query.to).where("published", "<>", "");
  if (query.outlet !== undefined) q = q.where("outlet", "=", query.outlet);
  if (query.storyId !== undefined) q = q.where("story_id", "=", query.storyId);
  if (after) {
    // A row value, searched by index (the OR spelt out made SQLite scan down to the cursor).
    const [published, id] = after;
    q = q.where((eb) => eb(eb.refTuple("published", "id"), "<", eb.tuple(published, id)));
  }
  const rows = await q
    .orderBy("published", "desc")
    .orderBy("id", "desc")
    .limit(limit + 1)
    .execute();
  return toPage(
    rows,
    limit,
    (r) => toSummary(r, terms),
    (r) => encodeCursor("articles", [r.published, r.id]),
  );
}

/**
 * Merged events, newest first (event_date, then id, descending), filtered and paged by key. The
 * page's ids are chosen first, reading only what the filters and the order need (the indexes of
 * migration 0002 hold it), and the page's rows are read after: sorting whole rows, when no index
 * gave the order (a bounding box), cost seconds at a million events.
 */
export async function listEvents(db: Db, query: EventQuery = {}): Promise<Page<StoredEvent>> {
  const limit = pageSize(query.limit);
  const rows = await db
    .selectFrom("events")
    .selectAll()
    .where("id", "in", eventPageIds(db, query, limit))
    .orderBy("event_date", "desc")
    .orderBy("id", "desc")
    .execute();
  return toPage(rows, limit, toEvent, (r) => encodeCursor("events", [r.event_date, r.id]));
}

/**
 * The events of `listEvents` (same filters, order and cursors) with only the columns a map
 * draws, in larger pages: 100,000 events in 10 requests rather than 200.
 */
export async function listMapEvents(db: Db, query: EventQuery = {}): Promise<Page<StoredMapEvent>> {
  const limit = pageSize(query.limit, { fallback: MAP_DEFAULT_LIMIT, max: MAP_MAX_LIMIT });
  const rows = await db
    .selectFrom("events")
    .select([...MAP_EVENT_FIELDS])
    .where("id", "in", eventPageIds(db, query, limit))
    .orderBy("event_date", "desc")
    .orderBy("id", "desc")
    .execute();
  return toPage(
    rows,
    limit,
    (r): StoredMapEvent => ({
      id: r.id,
      longitude: r.longitude,
      latitude: r.latitude,
      event_date: orNull(r.event_date),
      event_type: r.event_type,
      sub_event_type: r.sub_event_type,
      inter1: r.inter1,
      fatalities: r.fatalities,
      geo_precision: r.geo_precision as StoredMapEvent["geo_precision"],
      disputed: r.disputed !== 0,
      location: r.location,
      admin1: r.admin1,
      country: r.country,
    }),
    (r) => encodeCursor("events", [r.event_date, r.id]),
  );
}

/** The ids of a page of events (limit + 1 of them, to tell whether more follow), by the filters. */
function eventPageIds(db: Db, query: EventQuery, limit: number) {
  checkDate("from", query.from);
  checkDate("to", query.to);
  const after = decodeCursor("events", query.cursor, ["string", "string"]);
  let q = db.selectFrom("events").select("events.id");
  if (query.from !== undefined) q = q.where("event_date", ">=", query.from);
  if (query.to !== undefined)
    q = q.where("event_date", "<=", query.to).where("event_date", "<>", "");
  if (query.type !== undefined) q = q.where("event_type", "in", [query.type].flat());
  if (query.subType !== undefined) q = q.where("sub_event_type", "in", [query.subType].flat());
  if (query.country !== undefined) q = q.where("country", "=", query.country);
  if (query.admin1 !== undefined) q = q.where("admin1", "=", query.admin1);
  if (query.minConfidence !== undefined) q = q.where("confidence", ">=", query.minConfidence);
  if (query.disputed !== undefined) q = q.where("disputed", "=", query.disputed ? 1 : 0);
  if (query.bbox !== undefined) {
    const [minLon, minLat, maxLon, maxLat] = query.bbox;
    q = q
      .where("longitude", ">=", minLon)
      .where("longitude", "<=", maxLon)
      .where("latitude", ">=", minLat)
      .where("latitude", "<=", maxLat);
  }
  const actor = query.actor;
  if (actor !== undefined) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("event_actors")
          .select("event_actors.event_id")
          .whereRef("event_actors.event_id", "=", "events.id")
          .where("event_actors.actor", "=", actor),
      ),
    );
  }
  const articleId = query.articleId;
  if (articleId !== undefined) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("event_reports")
          .select("event_reports.id")
          .whereRef("event_reports.event_id", "=", "events.id")
          .where("event_reports.article_id", "=", articleId),
      ),
    );
  }
  if (after) {
    // A row value, which both databases search by index; spelt out with OR, it made SQLite
    // scan from the newest event down to the cursor (half a second in the middle of a million).
    const [date, id] = after;
    q = q.where((eb) => eb(eb.refTuple("event_date", "id"), "<", eb.tuple(date, id)));
  }
  return q
    .orderBy("event_date", "desc")
    .orderBy("id", "desc")
    .limit(limit + 1);
}

export async function getEvent(db: Db, id: string): Promise<EventDetail | null> {
  const row = await db.selectFrom("events").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return null;
  const [reports, sources, claims, disputes] = await Promise.all([
    db
      .selectFrom("event_reports as r")
      .innerJoin("articles as a", "a.id", "r.article_id")
      .select([
        "r.id",
        "r.event_id",
        "r.article_id",
        "r.local_id",
        "r.record",
        "a.title",
        "a.url",
        "a.outlet",
        "a.published",
        "a.text",
      ])
      .where("r.event_id", "=", id)
      .orderBy("a.published")
      .orderBy("a.seq")
      .execute(),
    db
      .selectFrom("sources as s")
      .innerJoin("report_sources as rs", "rs.source_id", "s.id")
      .innerJoin("event_reports as r", "r.id", "rs.report_id")
      .select(["s.id", "s.name", "s.kind", "s.actor_id", "s.allegiance"])
      .distinct()
      .where("r.event_id", "=", id)
      .orderBy("s.id")
      .execute(),
    db
      .selectFrom("claims as c")
      .innerJoin("claim_events as ce", "ce.claim_id", "c.id")
      .select(["c.record"])
      .where("ce.event_id", "=", id)
      .orderBy("c.id")
      .execute(),
    db
      .selectFrom("disputes as d")
      .innerJoin("dispute_events as de", "de.dispute_id", "d.id")
      .select(["d.record"])
      .where("de.event_id", "=", id)
      .orderBy("d.id")
      .execute(),
  ]);
  const withArticles = reports.map((r) => ({
    ...toReport(r),
    article: {
      id: r.article_id,
      title: r.title,
      url: r.url,
      outlet: r.outlet,
      published: orNull(r.published),
    },
  }));
  return {
    ...toEvent(row),
    reports: withArticles,
    evidence: reports.flatMap((r) =>
      parse<OutEvent>(r.record).evidence.map((x) => ({
        role: x.role,
        start: x.start,
        end: x.end,
        report_id: r.id,
        article_id: r.article_id,
        text: r.text.slice(x.start, x.end),
      })),
    ),
    sources: sources.map((s) => ({ ...s, kind: s.kind as StoredSource["kind"] })),
    claims: claims.map((c) => parse<StoredClaim>(c.record)),
    disputes: disputes.map((d) => parse<StoredDispute>(d.record)),
  };
}

export async function listClaims(db: Db, query: ClaimQuery = {}): Promise<Page<StoredClaim>> {
  const limit = pageSize(query.limit);
  checkDate("from", query.from);
  checkDate("to", query.to);
  const after = decodeCursor("claims", query.cursor, ["string", "string"]);
  let q = db.selectFrom("claims").select(["id", "claim_date", "record"]);
  if (query.articleId !== undefined) q = q.where("article_id", "=", query.articleId);
  if (query.topic !== undefined) q = q.where("topic", "=", query.topic);
  if (query.stance !== undefined) q = q.where("stance", "=", query.stance);
  if (query.speakerKind !== undefined) q = q.where("speaker_kind", "=", query.speakerKind);
  if (query.from !== undefined) q = q.where("claim_date", ">=", query.from);
  if (query.to !== undefined)
    q = q.where("claim_date", "<=", query.to).where("claim_date", "<>", "");
  const eventId = query.eventId;
  if (eventId !== undefined) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("claim_events")
          .select("claim_events.claim_id")
          .whereRef("claim_events.claim_id", "=", "claims.id")
          .where("claim_events.event_id", "=", eventId),
      ),
    );
  }
  if (after) {
    // A row value, searched by index (the OR spelt out made SQLite scan down to the cursor).
    const [date, id] = after;
    q = q.where((eb) => eb(eb.refTuple("claim_date", "id"), "<", eb.tuple(date, id)));
  }
  const rows = await q
    .orderBy("claim_date", "desc")
    .orderBy("id", "desc")
    .limit(limit + 1)
    .execute();
  return toPage(
    rows,
    limit,
    (r) => parse<StoredClaim>(r.record),
    (r) => encodeCursor("claims", [r.claim_date, r.id]),
  );
}

export async function listDisputes(db: Db, query: DisputeQuery = {}): Promise<Page<StoredDispute>> {
  const limit = pageSize(query.limit);
  const after = decodeCursor("disputes", query.cursor, ["string"]);
  let q = db.selectFrom("disputes").select(["id", "record"]);
  if (query.articleId !== undefined) q = q.where("article_id", "=", query.articleId);
  if (query.kind !== undefined) q = q.where("kind", "=", query.kind);
  const eventId = query.eventId;
  if (eventId !== undefined) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("dispute_events")
          .select("dispute_events.dispute_id")
          .whereRef("dispute_events.dispute_id", "=", "disputes.id")
          .where("dispute_events.event_id", "=", eventId),
      ),
    );
  }
  if (after) q = q.where("id", ">", after[0]);
  const rows = await q
    .orderBy("id")
    .limit(limit + 1)
    .execute();
  return toPage(
    rows,
    limit,
    (r) => parse<StoredDispute>(r.record),
    (r) => encodeCursor("disputes", [r.id]),
  );
}

export async function listPlaces(db: Db, query: PlaceQuery = {}): Promise<Page<PlaceCount>> {
  const limit = pageSize(query.limit);
  const offset = decodeCursor("places", query.cursor, ["number"])?.[0] ?? 0;
  let q = db
    .selectFrom("places as p")
    .selectAll("p")
    .select((eb) => [
      eb
        .selectFrom("place_mentions as m")
        .select((e2) => e2.fn.countAll().as("n"))
        .whereRef("m.place_id", "=", "p.id")
        .as("mentions"),
      eb
        .selectFrom("place_mentions as m")
        .select((e2) => e2.fn.count("m.article_id").distinct().as("n"))
        .whereRef("m.place_id", "=", "p.id")
        .as("articles"),
      eb
        .selectFrom("events as e")
        .select((e2) => e2.fn.countAll().as("n"))
        .whereRef("e.place_id", "=", "p.id")
        .as("events"),
    ]);
  if (query.country !== undefined) q = q.where("p.country", "=", query.country);
  if (query.admin1 !== undefined) q = q.where("p.admin1", "=", query.admin1);
  if (query.bbox !== undefined) {
    const [minLon, minLat, maxLon, maxLat] = query.bbox;
    q = q
      .where("p.longitude", ">=", minLon)
      .where("p.longitude", "<=", maxLon)
      .where("p.latitude", ">=", minLat)
      .where("p.latitude", "<=", maxLat);
  }
  // Places of deleted articles stay as gazetteer entries; listed are those something points at.
  const inner = q.as("counted");
  const rows = await db
    .selectFrom(inner)
    .selectAll()
    .where((eb) => eb.or([eb("mentions", ">", 0), eb("events", ">", 0)]))
    .orderBy("events", "desc")
    .orderBy("mentions", "desc")
    .orderBy("id")
    .limit(limit + 1)
    .offset(offset)
    .execute();
  return toPage(
    rows,
    limit,
    (r): PlaceCount => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      latitude: r.latitude,
      longitude: r.longitude,
      country: r.country,
      admin1: r.admin1,
      admin2: r.admin2,
      mentions: Number(r.mentions ?? 0),
      articles: Number(r.articles ?? 0),
      events: Number(r.events ?? 0),
    }),
    () => encodeCursor("places", [offset + limit]),
  );
}

export async function listActors(db: Db, query: ActorQuery = {}): Promise<Page<ActorCount>> {
  const limit = pageSize(query.limit);
  const offset = decodeCursor("actors", query.cursor, ["number"])?.[0] ?? 0;
  let q = db
    .selectFrom("actors as a")
    .innerJoin(
      db.selectFrom("event_actors").select(["event_id", "actor"]).distinct().as("ea"),
      (j) => j.onRef("ea.actor", "=", "a.name"),
    )
    .innerJoin("events as e", "e.id", "ea.event_id")
    .select((eb) => [
      "a.name",
      "a.inter",
      eb.fn.count("e.id").as("events"),
      eb.fn.sum("e.report_count").as("reports"),
    ])
    .groupBy(["a.name", "a.inter"]);
  if (query.q !== undefined && query.q !== "") {
    q = q.where(
      sql<boolean>`lower(a.name) like ${`%${query.q.toLowerCase().replace(/[%_\\]/g, "\\$&")}%`} escape '\\'`,
    );
  }
  const rows = await q
    .orderBy("events", "desc")
    .orderBy("a.name")
    .limit(limit + 1)
    .offset(offset)
    .execute();
  return toPage(
    rows,
    limit,
    (r): ActorCount => ({
      name: r.name,
      inter: r.inter,
      events: Number(r.events),
      reports: Number(r.reports ?? 0),
    }),
    () => encodeCursor("actors", [offset + limit]),
  );
}

export async function listSources(db: Db, query: SourceQuery = {}): Promise<Page<SourceCount>> {
  const limit = pageSize(query.limit);
  const offset = decodeCursor("sources", query.cursor, ["number"])?.[0] ?? 0;
  let q = db
    .selectFrom("sources as s")
    .innerJoin("report_sources as rs", "rs.source_id", "s.id")
    .innerJoin("event_reports as r", "r.id", "rs.report_id")
    .select((eb) => [
      "s.id",
      "s.name",
      "s.kind",
      "s.actor_id",
      "s.allegiance",
      eb.fn.count("rs.report_id").distinct().as("reports"),
      eb.fn.count("r.event_id").distinct().as("events"),
    ])
    .groupBy(["s.id", "s.name", "s.kind", "s.actor_id", "s.allegiance"]);
  if (query.kind !== undefined) q = q.where("s.kind", "=", query.kind);
  const rows = await q
    .orderBy("reports", "desc")
    .orderBy("s.id")
    .limit(limit + 1)
    .offset(offset)
    .execute();
  return toPage(
    rows,
    limit,
    (r): SourceCount => ({
      id: r.id,
      name: r.name,
      kind: r.kind as SourceCount["kind"],
      actor_id: r.actor_id,
      allegiance: r.allegiance,
      reports: Number(r.reports),
      events: Number(r.events),
    }),
    () => encodeCursor("sources", [offset + limit]),
  );
}
