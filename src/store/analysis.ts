/**
 * Writing one article's analysis: its mentions, places, event reports (each merged into an event,
 * events.ts), sources, claims and disputes; and removing them again before a re-analysis.
 * Called inside the caller's transaction.
 */
import type { AnalysisResult, OutEvent, OutPlace } from "../output/json.js";
import { StoreError } from "./errors.js";
import { type FoundedEvent, findMatch, foundEvent, refreshEvents } from "./events.js";
import { eventKey, reportIdFor, shortHash } from "./ids.js";
import { type Db, insertFlat, insertRows, json, localPart, unique } from "./rows.js";
import type { Database } from "./schema/tables.js";
import type { MergeOptions, StoredClaim, StoredDispute } from "./types.js";

/** An analysis belongs with the text it was made of: every span points into that text. */
export function checkAnalysis(text: string, analysis: AnalysisResult): void {
  checkTextLength(text, analysis.metadata.text_length);
}

/** `checkAnalysis`, given the length of the text the analysis was made of. */
export function checkTextLength(text: string, analysedLength: number): void {
  if (typeof text !== "string" || text.length === 0) {
    throw new StoreError("the article has no text", "bad-input");
  }
  if (analysedLength !== text.length) {
    throw new StoreError(
      `the analysis is of a text of ${analysedLength} characters, not of this one (${text.length}): its spans would point nowhere`,
      "bad-input",
    );
  }
}

/**
 * The gazetteer entry an event is coded at: the place mention its location evidence covers (or
 * the town that place lies in, when the event is coded there), else a place of that name.
 */
function placeOf(e: OutEvent, places: readonly OutPlace[]): string | null {
  const spans = e.evidence.filter((x) => x.role === "location");
  const covered = places.filter((p) => spans.some((s) => s.start < p.end && p.start < s.end));
  for (const p of [...covered, ...places]) {
    if (p.within && p.within.name === e.location) return p.within.gazetteer_id;
    if (p.gazetteer_id && p.name === e.location) return p.gazetteer_id;
  }
  return covered.find((p) => p.gazetteer_id)?.gazetteer_id ?? null;
}

/** Columns of the rows `analysisRows` gives as flat lists of values, in their order. */
export const PLACE_MENTION_COLUMNS = [
  "article_id",
  "ordinal",
  "span_start",
  "span_end",
  "text",
  "place_id",
  "within_id",
  "geo_precision",
  "method",
  "candidates",
  "confidence",
  "record",
] as const;
export const MENTION_COLUMNS = [
  "article_id",
  "ordinal",
  "span_start",
  "span_end",
  "type",
  "text",
  "actor_id",
  "role",
  "affiliation",
  "role_span",
  "refers_to",
  "rule",
  "confidence",
] as const;
const CLAIM_COLUMNS = [
  "id",
  "article_id",
  "local_id",
  "claim_date",
  "topic",
  "stance",
  "positive",
  "speaker_kind",
  "speaker_name",
  "content_start",
  "content_end",
  "content_text",
  "record",
] as const;
const SOURCE_COLUMNS = ["id", "name", "kind", "actor_id", "allegiance"] as const;
const REPORT_SOURCE_COLUMNS = ["report_id", "depth", "source_id"] as const;
const CLAIM_EVENT_COLUMNS = ["claim_id", "event_id"] as const;

/**
 * A record's JSON but for its `event_ids` (stored event ids, known only once the article's events
 * are merged): `head + JSON.stringify(eventIds) + tail` is the whole record's JSON.
 */
export interface RecordAround {
  head: string;
  tail: string;
}

/** Splits `JSON.stringify(record)` around the value of `record.event_ids`. */
function around(record: Record<string, unknown>): RecordAround {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  let seen = false;
  for (const [k, v] of Object.entries(record)) {
    if (k === "event_ids") seen = true;
    else (seen ? after : before)[k] = v;
  }
  const b = json(before);
  const a = json(after);
  return {
    head: `${b.slice(0, -1)}${b === "{}" ? "" : ","}"event_ids":`,
    tail: a === "{}" ? "}" : `,${a.slice(1)}`,
  };
}

/** An event of the analysis, with its report row's derived fields. */
export interface EventRows {
  event: OutEvent;
  key: string;
  reportId: string;
  placeId: string | null;
  /** The report's record: the event's JSON. */
  record: string;
  /** Its attribution chain's sources, by depth. */
  sources: Database["sources"][];
}

/**
 * Everything writing an analysis stores that needs no database: rows, with their JSON written,
 * the place mentions' and entity mentions' as flat lists of values. Derived where the analysis was
 * made (`prepareArticle`, on the analysis workers for `rasd ingest`): plain strings and numbers
 * cost far less to pass between threads than the analysis' objects, and the writer only writes.
 */
export interface AnalysisRows {
  articleId: string;
  /** The length of the text the analysis was made of. */
  textLength: number;
  /** Gazetteer entries of the resolved mentions (each once, the last mention's), in order. */
  places: Database["places"][];
  /** Of each entry, its values' JSON (to tell whether a batch wrote it already, unchanged). */
  placeValues: string[];
  /** Towns the mentions lie in (each once), known only by that. */
  towns: Database["places"][];
  /** PLACE_MENTION_COLUMNS, a row after another. */
  placeMentions: unknown[];
  /** MENTION_COLUMNS, a row after another. */
  mentions: unknown[];
  events: EventRows[];
  claims: { values: unknown[]; record: RecordAround; eventIds: string[] }[];
  disputes: {
    row: Omit<Database["disputes"], "record">;
    record: RecordAround;
    eventIds: string[];
  }[];
}

const PLACE_FIELDS = [
  "name",
  "kind",
  "latitude",
  "longitude",
  "country",
  "admin1",
  "admin2",
] as const;

/** The rows of an analysis of the article `articleId` (content hash `hash`, text `text`). */
export function analysisRows(
  articleId: string,
  hash: string,
  text: string,
  analysis: AnalysisResult,
): AnalysisRows {
  const entries = new Map<string, Database["places"]>();
  const towns = new Map<string, Database["places"]>();
  const placeMentions: unknown[] = [];
  for (const [ordinal, p] of analysis.places.entries()) {
    if (p.gazetteer_id) {
      entries.set(p.gazetteer_id, {
        id: p.gazetteer_id,
        name: p.name ?? p.text,
        kind: p.kind,
        latitude: p.latitude,
        longitude: p.longitude,
        country: p.country,
        admin1: p.admin1,
        admin2: p.admin2,
      });
    }
    if (p.within) {
      towns.set(p.within.gazetteer_id, {
        id: p.within.gazetteer_id,
        name: p.within.name,
        kind: null,
        latitude: p.within.latitude,
        longitude: p.within.longitude,
        country: p.country,
        admin1: p.within.admin1,
        admin2: p.within.admin2,
      });
    }
    placeMentions.push(
      articleId,
      ordinal,
      p.start,
      p.end,
      p.text,
      p.gazetteer_id,
      p.within?.gazetteer_id ?? null,
      p.geo_precision,
      p.method,
      p.candidates,
      p.confidence,
      json(p),
    );
  }
  const mentions: unknown[] = [];
  for (const [ordinal, m] of analysis.entities.entries()) {
    mentions.push(
      articleId,
      ordinal,
      m.start,
      m.end,
      m.type,
      m.text,
      m.actor_id,
      m.role,
      m.affiliation,
      m.role_span === null ? null : json(m.role_span),
      m.refers_to === null ? null : json(m.refers_to),
      m.rule,
      m.confidence,
    );
  }
  const occurrences = new Map<string, number>();
  const events = analysis.events.map((e): EventRows => {
    const key = eventKey(e);
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    return {
      event: e,
      key,
      reportId: reportIdFor(hash, e, key, occurrence),
      placeId: placeOf(e, analysis.places),
      record: json(e),
      sources: e.attribution.chain.map((l) => ({
        id: `src-${shortHash(l.kind, l.name)}`,
        name: l.name,
        kind: l.kind,
        actor_id: l.actor_id,
        allegiance: l.allegiance,
      })),
    };
  });
  const claimId = (local: string) => `${articleId}:${localPart(local)}`;
  const claims = analysis.claims.map((c) => {
    const stored: StoredClaim = {
      ...c,
      id: claimId(c.id),
      article_id: articleId,
      local_id: c.id,
      content_text: text.slice(c.content.start, c.content.end),
      event_ids: [],
      local_event_ids: [...c.event_ids],
    };
    return {
      values: [
        stored.id,
        articleId,
        c.id,
        c.date ?? "",
        c.topic,
        c.stance,
        c.positive ? 1 : 0,
        c.speaker.kind,
        c.speaker.name,
        c.content.start,
        c.content.end,
        stored.content_text,
      ],
      record: around(stored as unknown as Record<string, unknown>),
      eventIds: [...c.event_ids],
    };
  });
  const disputes = analysis.disputes.map((d) => {
    const stored: StoredDispute = {
      id: `${articleId}:${localPart(d.id)}`,
      kind: "article",
      article_id: articleId,
      event_id: null,
      local_id: d.id,
      question: d.question,
      sides: d.sides.map((s) => ({
        position: s.position,
        claim_ids: s.claim_ids.map(claimId),
        report_ids: [],
        value: null,
      })),
      corroborations: d.corroborations.map((c) => ({
        claim_id: claimId(c.claim_id),
        side: c.side,
      })),
      place_ids: [...d.place_ids],
      event_ids: [],
    };
    return {
      row: {
        id: stored.id,
        kind: stored.kind,
        article_id: articleId,
        event_id: null,
        local_id: d.id,
        question: d.question,
      },
      record: around(stored as unknown as Record<string, unknown>),
      eventIds: [...d.event_ids],
    };
  });
  const places = [...entries.values()];
  return {
    articleId,
    textLength: analysis.metadata.text_length,
    places,
    placeValues: places.map((e) => json(PLACE_FIELDS.map((f) => e[f]))),
    towns: [...towns.values()],
    placeMentions,
    mentions,
    events,
    claims,
    disputes,
  };
}

/**
 * Rows of the tables nothing reads while a batch is written (mentions, place mentions, claims and
 * their events, sources and report sources), gathered over a batch and inserted at its end, many
 * rows a statement, instead of a few statements for each article. In the order they came, so each
 * table gets its rows in the same order as article by article.
 */
export class DeferredRows {
  private placeMentions: unknown[] = [];
  private mentions: unknown[] = [];
  private claims: unknown[] = [];
  private claimEvents: unknown[] = [];
  private sources = new Map<string, Database["sources"]>();
  private reportSources: unknown[] = [];

  addPlaceMentions(values: readonly unknown[]): void {
    for (const v of values) this.placeMentions.push(v);
  }
  addMentions(values: readonly unknown[]): void {
    for (const v of values) this.mentions.push(v);
  }
  addClaim(values: readonly unknown[], record: string): void {
    for (const v of values) this.claims.push(v);
    this.claims.push(record);
  }
  addClaimEvent(claimId: string, eventId: string): void {
    this.claimEvents.push(claimId, eventId);
  }
  addReportSource(reportId: string, depth: number, sourceId: string): void {
    this.reportSources.push(reportId, depth, sourceId);
  }
  /**
   * An article's sources, each once (its last link's): as `on conflict do nothing` would leave
   * them, the first article's row of an id stands.
   */
  addSources(sources: Iterable<Database["sources"]>): void {
    for (const s of sources) if (!this.sources.has(s.id)) this.sources.set(s.id, s);
  }

  /** Inserts what was gathered (parents before the rows that point at them) and forgets it. */
  async flush(trx: Db): Promise<void> {
    const sources: unknown[] = [];
    for (const s of this.sources.values()) {
      sources.push(s.id, s.name, s.kind, s.actor_id, s.allegiance);
    }
    await insertFlat(trx, "sources", SOURCE_COLUMNS, sources, {
      key: "on conflict do nothing",
      build: (q) => q.onConflict((oc) => oc.column("id").doNothing()),
    });
    await insertFlat(trx, "report_sources", REPORT_SOURCE_COLUMNS, this.reportSources);
    await insertFlat(trx, "place_mentions", PLACE_MENTION_COLUMNS, this.placeMentions);
    await insertFlat(trx, "mentions", MENTION_COLUMNS, this.mentions);
    await insertFlat(trx, "claims", CLAIM_COLUMNS, this.claims);
    await insertFlat(trx, "claim_events", CLAIM_EVENT_COLUMNS, this.claimEvents);
    this.placeMentions = [];
    this.mentions = [];
    this.claims = [];
    this.claimEvents = [];
    this.sources = new Map();
    this.reportSources = [];
  }
}

export interface WriteOptions {
  merge: MergeOptions;
  /** Events to refresh at the end (those the article reported before a re-analysis); grows. */
  touched: Set<string>;
  now: string;
  /**
   * Gazetteer entries this transaction wrote already, with what it wrote (shared by the articles
   * of a batch): an entry written again unchanged is not sent again. Never outlives the
   * transaction, so a rolled-back batch leaves nothing behind in it.
   */
  placesWritten?: Map<string, string>;
  /**
   * Where the rows nothing reads during the write go, to be inserted by the caller before the
   * transaction ends (a batch's); without it, they are inserted before this returns.
   */
  deferred?: DeferredRows;
}

/** Stores everything derived from one analysis; returns the merged event id of each event. */
export async function writeAnalysis(
  trx: Db,
  rows: AnalysisRows,
  { merge, touched, now, placesWritten = new Map(), deferred }: WriteOptions,
): Promise<string[]> {
  const later = deferred ?? new DeferredRows();
  const articleId = rows.articleId;
  await insertPlaces(trx, rows, placesWritten);
  later.addPlaceMentions(rows.placeMentions);
  later.addMentions(rows.mentions);

  // Events: each report joins the closest matching event another article reported, or founds one.
  const mine = new Set<string>();
  const stored = new Map<string, string>();
  const eventIds: string[] = [];
  // Events this article founded: their one report is known here, so refreshing them needs no
  // reading back (events.ts, refreshEvents).
  const founded = new Map<string, FoundedEvent>();
  const sources = new Map<string, Database["sources"]>();
  for (const [ordinal, r] of rows.events.entries()) {
    const e = r.event;
    const match = await findMatch(trx, e, mine, merge);
    let eventId: string;
    if (match) {
      eventId = match;
    } else {
      const found = await foundEvent(trx, r.reportId, e, now, r.placeId);
      eventId = found.id;
      if (found.fresh) founded.set(eventId, { record: e, disputes: 0 });
    }
    mine.add(eventId);
    touched.add(eventId);
    stored.set(e.id, eventId);
    eventIds.push(eventId);
    await insertRows(trx, "event_reports", [
      {
        id: r.reportId,
        event_id: eventId,
        article_id: articleId,
        local_id: e.id,
        ordinal,
        event_key: r.key,
        event_date: e.event_date ?? "",
        fatalities: e.fatalities,
        confidence: e.confidence,
        place_id: r.placeId,
        record: r.record,
      },
    ]);
    r.sources.forEach((source, depth) => {
      sources.set(source.id, source);
      later.addReportSource(r.reportId, depth, source.id);
    });
  }
  later.addSources(sources.values());

  const mapEvents = (ids: readonly string[]) =>
    unique(ids.flatMap((x) => (stored.has(x) ? [stored.get(x) as string] : [])));

  for (const c of rows.claims) {
    const ids = mapEvents(c.eventIds);
    later.addClaim(c.values, `${c.record.head}${json(ids)}${c.record.tail}`);
    for (const event_id of ids) later.addClaimEvent(c.values[0] as string, event_id);
  }

  const disputeRows: Database["disputes"][] = [];
  const disputeEvents: Database["dispute_events"][] = [];
  for (const d of rows.disputes) {
    const ids = mapEvents(d.eventIds);
    disputeRows.push({ ...d.row, record: `${d.record.head}${json(ids)}${d.record.tail}` });
    for (const event_id of ids) {
      disputeEvents.push({ dispute_id: d.row.id, event_id });
      const f = founded.get(event_id);
      if (f) f.disputes++;
    }
  }
  // Read back while the batch is written (an event's refresh counts its disputes): not deferred.
  await insertRows(trx, "disputes", disputeRows);
  await insertRows(trx, "dispute_events", disputeEvents);

  await refreshEvents(trx, touched, now, founded);
  if (!deferred) await later.flush(trx);
  return eventIds;
}

/** Removes an article's derived rows; returns the events it reported (to refresh). */
export async function removeAnalysis(trx: Db, articleId: string): Promise<Set<string>> {
  const reported = await trx
    .selectFrom("event_reports")
    .select("event_id")
    .where("article_id", "=", articleId)
    .execute();
  await trx.deleteFrom("event_reports").where("article_id", "=", articleId).execute();
  await trx.deleteFrom("claims").where("article_id", "=", articleId).execute();
  await trx.deleteFrom("disputes").where("article_id", "=", articleId).execute();
  await trx.deleteFrom("mentions").where("article_id", "=", articleId).execute();
  await trx.deleteFrom("place_mentions").where("article_id", "=", articleId).execute();
  return new Set(reported.map((r) => r.event_id));
}

async function insertPlaces(
  trx: Db,
  rows: AnalysisRows,
  written: Map<string, string>,
): Promise<void> {
  // A resolved mention updates the entry (the gazetteer may have changed); a town known only
  // as what a neighbourhood lies in never overwrites a fuller entry.
  // What this transaction wrote already, unchanged, it need not write again.
  const changed: Database["places"][] = [];
  const entries = new Set<string>();
  rows.places.forEach((e, i) => {
    entries.add(e.id);
    const values = rows.placeValues[i] as string;
    if (written.get(e.id) === values) return;
    written.set(e.id, values);
    changed.push(e);
  });
  await insertRows(trx, "places", changed, {
    key: "on conflict update changed",
    build: (q) =>
      q.onConflict((oc) =>
        oc
          .column("id")
          .doUpdateSet((eb) => ({
            name: eb.ref("excluded.name"),
            kind: eb.ref("excluded.kind"),
            latitude: eb.ref("excluded.latitude"),
            longitude: eb.ref("excluded.longitude"),
            country: eb.ref("excluded.country"),
            admin1: eb.ref("excluded.admin1"),
            admin2: eb.ref("excluded.admin2"),
          }))
          // Rewritten only when something changed: most mentions name a place stored already,
          // and an unchanged row rewritten still rewrites its index entries.
          .where((eb) =>
            eb.or(
              PLACE_FIELDS.map((f) =>
                eb(eb.ref(`places.${f}`), "is distinct from", eb.ref(`excluded.${f}`)),
              ),
            ),
          ),
      ),
  });
  await insertRows(
    trx,
    "places",
    // A town already written by this transaction is there: nothing to do.
    rows.towns.filter((t) => {
      if (entries.has(t.id) || written.has(t.id)) return false;
      written.set(t.id, "");
      return true;
    }),
    {
      key: "on conflict do nothing",
      build: (q) => q.onConflict((oc) => oc.column("id").doNothing()),
    },
  );
}

export async function eventIdsOf(trx: Db, articleId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom("event_reports")
    .select("event_id")
    .where("article_id", "=", articleId)
    .orderBy("ordinal")
    .execute();
  return rows.map((r) => r.event_id);
}
