/**
 * Writing one article's analysis: its mentions, places, event reports (each merged into an event,
 * events.ts), sources, claims and disputes; and removing them again before a re-analysis.
 * Called inside the caller's transaction.
 */
import type { AnalysisResult, OutEvent, OutPlace } from "../output/json.js";
import { StoreError } from "./errors.js";
import { type FoundedEvent, findMatch, foundEvent, refreshEvents } from "./events.js";
import { eventKey, reportIdFor, shortHash } from "./ids.js";
import { type Db, insertRows, json, localPart, unique } from "./rows.js";
import type { Database } from "./schema/tables.js";
import type { MergeOptions, StoredClaim, StoredDispute } from "./types.js";

/** An analysis belongs with the text it was made of: every span points into that text. */
export function checkAnalysis(text: string, analysis: AnalysisResult): void {
  if (typeof text !== "string" || text.length === 0) {
    throw new StoreError("the article has no text", "bad-input");
  }
  if (analysis.metadata.text_length !== text.length) {
    throw new StoreError(
      `the analysis is of a text of ${analysis.metadata.text_length} characters, not of this one (${text.length}): its spans would point nowhere`,
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

/** The stored article an analysis belongs to. */
export interface AnalysedArticle {
  id: string;
  contentHash: string;
  text: string;
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
}

/** Stores everything derived from one analysis; returns the merged event id of each event. */
export async function writeAnalysis(
  trx: Db,
  article: AnalysedArticle,
  analysis: AnalysisResult,
  { merge, touched, now, placesWritten = new Map() }: WriteOptions,
): Promise<string[]> {
  const { id: articleId, contentHash: hash, text } = article;
  await insertPlaces(trx, articleId, analysis.places, placesWritten);
  await insertRows(
    trx,
    "mentions",
    analysis.entities.map((m, ordinal) => ({
      article_id: articleId,
      ordinal,
      span_start: m.start,
      span_end: m.end,
      type: m.type,
      text: m.text,
      actor_id: m.actor_id,
      role: m.role,
      affiliation: m.affiliation,
      role_span: m.role_span === null ? null : json(m.role_span),
      refers_to: m.refers_to === null ? null : json(m.refers_to),
      rule: m.rule,
      confidence: m.confidence,
    })),
  );

  // Events: each report joins the closest matching event another article reported, or founds one.
  const occurrences = new Map<string, number>();
  const mine = new Set<string>();
  const stored = new Map<string, string>();
  const eventIds: string[] = [];
  // Events this article founded: their one report is known here, so refreshing them needs no
  // reading back (events.ts, refreshEvents).
  const founded = new Map<string, FoundedEvent>();
  const sources = new Map<string, Database["sources"]>();
  const reportSources: Database["report_sources"][] = [];
  for (const [ordinal, e] of analysis.events.entries()) {
    const key = eventKey(e);
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    const reportId = reportIdFor(hash, e, key, occurrence);
    const placeId = placeOf(e, analysis.places);
    const match = await findMatch(trx, e, mine, merge);
    let eventId: string;
    if (match) {
      eventId = match;
    } else {
      const found = await foundEvent(trx, reportId, e, now, placeId);
      eventId = found.id;
      if (found.fresh) founded.set(eventId, { record: e, disputes: 0 });
    }
    mine.add(eventId);
    touched.add(eventId);
    stored.set(e.id, eventId);
    eventIds.push(eventId);
    await insertRows(trx, "event_reports", [
      {
        id: reportId,
        event_id: eventId,
        article_id: articleId,
        local_id: e.id,
        ordinal,
        event_key: key,
        event_date: e.event_date ?? "",
        fatalities: e.fatalities,
        confidence: e.confidence,
        place_id: placeId,
        record: json(e),
      },
    ]);
    e.attribution.chain.forEach((l, depth) => {
      const id = `src-${shortHash(l.kind, l.name)}`;
      sources.set(id, {
        id,
        name: l.name,
        kind: l.kind,
        actor_id: l.actor_id,
        allegiance: l.allegiance,
      });
      reportSources.push({ report_id: reportId, depth, source_id: id });
    });
  }
  await insertRows(trx, "sources", [...sources.values()], {
    key: "on conflict do nothing",
    build: (q) => q.onConflict((oc) => oc.column("id").doNothing()),
  });
  await insertRows(trx, "report_sources", reportSources);

  const claimId = (local: string) => `${articleId}:${localPart(local)}`;
  const mapEvents = (ids: readonly string[]) =>
    unique(ids.flatMap((x) => (stored.has(x) ? [stored.get(x) as string] : [])));

  const claimRows: Database["claims"][] = [];
  const claimEvents: Database["claim_events"][] = [];
  for (const c of analysis.claims) {
    const stored: StoredClaim = {
      ...c,
      id: claimId(c.id),
      article_id: articleId,
      local_id: c.id,
      content_text: text.slice(c.content.start, c.content.end),
      event_ids: mapEvents(c.event_ids),
      local_event_ids: [...c.event_ids],
    };
    claimRows.push({
      id: stored.id,
      article_id: articleId,
      local_id: c.id,
      claim_date: c.date ?? "",
      topic: c.topic,
      stance: c.stance,
      positive: c.positive ? 1 : 0,
      speaker_kind: c.speaker.kind,
      speaker_name: c.speaker.name,
      content_start: c.content.start,
      content_end: c.content.end,
      content_text: stored.content_text,
      record: json(stored),
    });
    for (const event_id of stored.event_ids) claimEvents.push({ claim_id: stored.id, event_id });
  }
  await insertRows(trx, "claims", claimRows);
  await insertRows(trx, "claim_events", claimEvents);

  const disputeRows: Database["disputes"][] = [];
  const disputeEvents: Database["dispute_events"][] = [];
  for (const d of analysis.disputes) {
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
      event_ids: mapEvents(d.event_ids),
    };
    disputeRows.push({
      id: stored.id,
      kind: stored.kind,
      article_id: articleId,
      event_id: null,
      local_id: d.id,
      question: d.question,
      record: json(stored),
    });
    for (const event_id of stored.event_ids) {
      disputeEvents.push({ dispute_id: stored.id, event_id });
      const f = founded.get(event_id);
      if (f) f.disputes++;
    }
  }
  await insertRows(trx, "disputes", disputeRows);
  await insertRows(trx, "dispute_events", disputeEvents);

  await refreshEvents(trx, touched, now, founded);
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

const PLACE_FIELDS = [
  "name",
  "kind",
  "latitude",
  "longitude",
  "country",
  "admin1",
  "admin2",
] as const;

async function insertPlaces(
  trx: Db,
  articleId: string,
  places: readonly OutPlace[],
  written: Map<string, string>,
): Promise<void> {
  const entries = new Map<string, Database["places"]>();
  const towns = new Map<string, Database["places"]>();
  for (const p of places) {
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
  }
  // A resolved mention updates the entry (the gazetteer may have changed); a town known only
  // as what a neighbourhood lies in never overwrites a fuller entry.
  // What this transaction wrote already, unchanged, it need not write again.
  const changed: Database["places"][] = [];
  for (const e of entries.values()) {
    const values = JSON.stringify(PLACE_FIELDS.map((f) => e[f]));
    if (written.get(e.id) === values) continue;
    written.set(e.id, values);
    changed.push(e);
  }
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
    [...towns.values()].filter((t) => {
      if (entries.has(t.id) || written.has(t.id)) return false;
      written.set(t.id, "");
      return true;
    }),
    {
      key: "on conflict do nothing",
      build: (q) => q.onConflict((oc) => oc.column("id").doNothing()),
    },
  );
  await insertRows(
    trx,
    "place_mentions",
    places.map((p, ordinal) => ({
      article_id: articleId,
      ordinal,
      span_start: p.start,
      span_end: p.end,
      text: p.text,
      place_id: p.gazetteer_id,
      within_id: p.within?.gazetteer_id ?? null,
      geo_precision: p.geo_precision,
      method: p.method,
      candidates: p.candidates,
      confidence: p.confidence,
      record: json(p),
    })),
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
