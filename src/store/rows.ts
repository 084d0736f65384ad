/**
 * Rows and records: how the repository's modules turn analysis records into table rows and rows
 * back into the store's records, and the small helpers they share.
 */
import type { Compilable, Insertable, InsertQueryBuilder, InsertResult, Kysely } from "kysely";
import type { AnalysisResult, OutEvent } from "../output/json.js";
import { isIsoDate } from "../pipeline.js";
import { runCompiled } from "./compiled.js";
import { StoreError } from "./errors.js";
import type { Database, EventsTable } from "./schema/tables.js";
import { findMatches, snippet } from "./search.js";
import type {
  ArticleAnnotations,
  ArticleSummary,
  EventReport,
  Feed,
  StoredArticle,
  StoredEvent,
} from "./types.js";

export type Db = Kysely<Database>;

/** Rows per multi-row INSERT and values per IN list: far below both backends' parameter limits. */
const CHUNK = 200;

export const nowIso = (): string => new Date().toISOString();
export const orNull = (s: string): string | null => (s === "" ? null : s);
export const unique = <T>(xs: Iterable<T>): T[] => [...new Set(xs)];
export const json = (v: unknown): string => JSON.stringify(v);
export const parse = <T>(s: string): T => JSON.parse(s) as T;
/** `doc:c1` → `c1`: the part of an analysis id that is unique within its article. */
export const localPart = (id: string): string => id.slice(id.lastIndexOf(":") + 1);

export function chunks<T>(xs: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

export function checkDate(name: string, d: string | null | undefined): void {
  if (d !== undefined && d !== null && !isIsoDate(d)) {
    throw new StoreError(`${name} must be a date written YYYY-MM-DD, not ${d}`, "bad-input");
  }
}

export const ARTICLE_COLUMNS = [
  "id",
  "url",
  "canonical_url",
  "outlet",
  "title",
  "published",
  "content_hash",
  "story_id",
  "ingested_at",
  "analyzed_with",
  "analyzed_at",
] as const;

export type ArticleRow = Pick<Database["articles"], (typeof ARTICLE_COLUMNS)[number]>;

export function toArticle(row: ArticleRow & { text: string }): StoredArticle {
  return {
    id: row.id,
    url: row.url,
    canonical_url: row.canonical_url,
    outlet: row.outlet,
    title: row.title,
    published: orNull(row.published),
    text: row.text,
    content_hash: row.content_hash,
    story_id: row.story_id,
    ingested_at: row.ingested_at,
    analyzed_with: row.analyzed_with,
    analyzed_at: row.analyzed_at,
  };
}

export function toSummary(
  row: ArticleRow & { text: string },
  terms: readonly string[],
): ArticleSummary {
  const { text, ...rest } = toArticle(row);
  const matches = findMatches(text, terms);
  return { ...rest, snippet: snippet(text, matches[0]), matches };
}

export function toEvent(row: EventsTable): StoredEvent {
  return {
    id: row.id,
    event_date: orNull(row.event_date),
    time_precision: row.time_precision as StoredEvent["time_precision"],
    event_type: row.event_type,
    sub_event_type: row.sub_event_type,
    actor1: row.actor1,
    assoc_actor_1: row.assoc_actor_1,
    inter1: row.inter1,
    actor2: row.actor2,
    assoc_actor_2: row.assoc_actor_2,
    inter2: row.inter2,
    civilian_targeting: row.civilian_targeting,
    country: row.country,
    admin1: row.admin1,
    admin2: row.admin2,
    location: row.location,
    latitude: row.latitude,
    longitude: row.longitude,
    geo_precision: row.geo_precision as StoredEvent["geo_precision"],
    source: row.source,
    notes: row.notes,
    fatalities: row.fatalities,
    confidence: row.confidence,
    mode: row.mode,
    place_id: row.place_id,
    report_count: row.report_count,
    article_count: row.article_count,
    disputed: row.disputed !== 0,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** The ACLED columns of an analysed event, as the events table stores them. */
export function eventColumns(e: OutEvent) {
  return {
    event_date: e.event_date ?? "",
    time_precision: e.time_precision,
    event_type: e.event_type,
    sub_event_type: e.sub_event_type,
    actor1: e.actor1,
    assoc_actor_1: e.assoc_actor_1,
    inter1: e.inter1,
    actor2: e.actor2,
    assoc_actor_2: e.assoc_actor_2,
    inter2: e.inter2,
    civilian_targeting: e.civilian_targeting,
    country: e.country,
    admin1: e.admin1,
    admin2: e.admin2,
    location: e.location,
    latitude: e.latitude,
    longitude: e.longitude,
    geo_precision: e.geo_precision,
    notes: e.notes,
  };
}

export function annotationsOf(a: AnalysisResult): ArticleAnnotations {
  return {
    metadata: a.metadata,
    parts: a.parts,
    non_events: a.non_events,
    dates: a.dates,
    quantities: a.quantities,
    quotes: a.quotes,
    diagnostics: a.diagnostics,
  };
}

export function toReport(r: {
  id: string;
  event_id: string;
  article_id: string;
  local_id: string;
  record: string;
}): EventReport {
  return {
    id: r.id,
    event_id: r.event_id,
    article_id: r.article_id,
    local_id: r.local_id,
    record: parse<OutEvent>(r.record),
  };
}

export function toFeed(r: Database["feeds"]): Feed {
  return { ...r, active: r.active !== 0 };
}

/** What follows the VALUES of a multi-row insert (an ON CONFLICT clause). */
export type InsertTail<T extends keyof Database> = (
  q: InsertQueryBuilder<Database, T, InsertResult>,
) => Compilable<InsertResult>;

/**
 * Inserts rows in chunks (nothing for none); returns how many rows were inserted or updated.
 * Every row must name the same columns, in the same order. The SQL of each shape (table,
 * columns, number of rows, `tail`) is compiled once per store (compiled.ts); `key` names the
 * tail, when there is one.
 */
export async function insertRows<T extends keyof Database>(
  trx: Db,
  table: T,
  rows: readonly Insertable<Database[T]>[],
  tail?: { key: string; build: InsertTail<T> },
): Promise<number> {
  let affected = 0;
  for (const part of chunks(rows)) {
    const first = part[0] as unknown as Record<string, unknown>;
    const columns = Object.keys(first);
    const parameters: unknown[] = [];
    let plain = true;
    for (const row of part as unknown as Record<string, unknown>[]) {
      const keys = Object.keys(row);
      if (keys.length !== columns.length) plain = false;
      for (let i = 0; i < columns.length; i++) {
        const v = row[columns[i] as string];
        // Kysely leaves out a column whose value is undefined: not the same shape.
        if (v === undefined || keys[i] !== columns[i]) plain = false;
        parameters.push(v);
      }
    }
    // Kysely cannot narrow the insertable row of a table given as a type parameter.
    const build = () => {
      const q = trx.insertInto(table).values(part as never);
      return tail ? tail.build(q) : q;
    };
    const result = plain
      ? await runCompiled(
          trx,
          `insert ${table}(${columns.join(",")})x${part.length}${tail ? ` ${tail.key}` : ""}`,
          build,
          parameters,
        )
      : await trx.executeQuery(build());
    affected += Number(result.numAffectedRows ?? 0n);
  }
  return affected;
}

/** Rows per statement of `insertFlat`, at most: 256 × 13 columns, far below both limits. */
const FLAT_ROWS = 256;

/**
 * Inserts rows given as one flat list of values, `columns.length` a row, in the columns' order
 * (every value defined): built with no object per row. Statements take 256 rows, and what is left
 * goes in statements of 128, 64, … 1 rows, so that each table has a handful of statement shapes
 * (each compiled once, compiled.ts) however many rows come. Returns the rows inserted or updated.
 */
export async function insertFlat<T extends keyof Database>(
  trx: Db,
  table: T,
  columns: readonly string[],
  values: readonly unknown[],
  tail?: { key: string; build: InsertTail<T> },
): Promise<number> {
  const width = columns.length;
  const total = values.length / width;
  let affected = 0;
  let at = 0;
  for (let size = FLAT_ROWS; size >= 1; size = size >> 1) {
    while (total - at >= size) {
      const parameters = values.slice(at * width, (at + size) * width);
      // Bound as NULL (Kysely would leave the column out, to the same effect: none has a default).
      for (let i = 0; i < parameters.length; i++)
        if (parameters[i] === undefined) parameters[i] = null;
      const build = () => {
        const rows: Record<string, unknown>[] = [];
        for (let r = 0; r < size; r++) {
          const row: Record<string, unknown> = {};
          for (let c = 0; c < width; c++) row[columns[c] as string] = parameters[r * width + c];
          rows.push(row);
        }
        // Kysely cannot narrow the insertable row of a table given as a type parameter.
        const q = trx.insertInto(table).values(rows as never);
        return tail ? tail.build(q) : q;
      };
      const key = `flat ${table}(${columns.join(",")})x${size}${tail ? ` ${tail.key}` : ""}`;
      const result = await runCompiled(trx, key, build, parameters);
      affected += Number(result.numAffectedRows ?? 0n);
      at += size;
      if (size < FLAT_ROWS) break;
    }
  }
  return affected;
}
