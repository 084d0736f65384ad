/**
 * Merged events kept up to date: finding the event a new report is another account of, founding
 * one when there is none, and recomputing an event from its reports (merge.ts decides how).
 */
import { sql } from "kysely";
import type { OutEvent } from "../output/json.js";
import { runCompiled } from "./compiled.js";
import {
  bestMatch,
  boxAround,
  conservativeFatalities,
  fatalityDisagreement,
  mergedSource,
  primaryReport,
  shiftDate,
} from "./merge.js";
import { type Db, eventColumns, insertRows, json, orNull, parse, unique } from "./rows.js";
import type { EventsTable } from "./schema/tables.js";
import type { MergeOptions, StoredDispute } from "./types.js";

const splitActors = (s: string): string[] =>
  s
    .split(";")
    .map((x) => x.trim())
    .filter((x) => x !== "");

/**
 * The stored event this report is another account of: candidates by type, date window and
 * bounding box from the index, then the exact rule (merge.ts). Events this article already
 * reports are left out.
 */
export async function findMatch(
  trx: Db,
  e: OutEvent,
  exclude: Set<string>,
  merge: MergeOptions,
): Promise<string | null> {
  if (!e.event_date) return null;
  const gap = merge.maxDayGap;
  const from = shiftDate(e.event_date, -gap);
  const to = shiftDate(e.event_date, gap);
  const base = () =>
    trx
      .selectFrom("events")
      .selectAll()
      .where("event_type", "=", e.event_type)
      .where("sub_event_type", "=", e.sub_event_type)
      .where("event_date", ">=", from)
      .where("event_date", "<=", to);
  let rows: EventsTable[];
  if (e.latitude !== null && e.longitude !== null) {
    const box = boxAround(e.latitude, e.longitude, merge.maxDistanceKm);
    const build = () =>
      base()
        .where("latitude", ">=", box.minLat)
        .where("latitude", "<=", box.maxLat)
        .where("longitude", ">=", box.minLon)
        .where("longitude", "<=", box.maxLon);
    const parameters = [
      ...[e.event_type, e.sub_event_type, from, to],
      ...[box.minLat, box.maxLat, box.minLon, box.maxLon],
    ];
    rows = (await runCompiled(trx, "candidate events in a box", build, parameters)).rows;
  } else {
    const build = () =>
      base()
        .where("country", "=", e.country)
        .where("admin1", "=", e.admin1)
        .where("location", "=", e.location)
        .where("location", "<>", "");
    const parameters = [
      ...[e.event_type, e.sub_event_type, from, to],
      ...[e.country, e.admin1, e.location, ""],
    ];
    rows = (await runCompiled(trx, "candidate events at a place", build, parameters)).rows;
  }
  const candidates = rows
    .filter((r) => !exclude.has(r.id))
    .map((r) => ({ ...r, event_date: orNull(r.event_date) }));
  return bestMatch(e, candidates, merge)?.id ?? null;
}

/** An event founded by the article being written, with its one report. */
export interface FoundedEvent {
  record: OutEvent;
  /** How many of the article's disputes name it. */
  disputes: number;
}

/**
 * A new event founded by this report, under the report's id, written as refreshing it with this
 * one report would leave it (`fresh`). The id may be taken by the event this very report founded
 * before a re-analysis removed it (an event with no report left, not yet refreshed away): that is
 * the same event again, and keeps its id (not fresh: refreshed from the store). Taken by an event
 * other reports still hold (its place was re-coded more than the distance away), it gets a suffix.
 */
export async function foundEvent(
  trx: Db,
  reportId: string,
  e: OutEvent,
  now: string,
  placeId: string | null,
): Promise<{ id: string; fresh: boolean }> {
  const report = { id: reportId, article_id: "", seq: 0, record: e };
  const row = {
    ...eventColumns(e),
    source: mergedSource([report]),
    fatalities: conservativeFatalities([report]),
    confidence: e.confidence,
    mode: e.mode,
    place_id: placeId,
    primary_report_id: reportId,
    report_count: 1,
    article_count: 1,
    disputed: 0,
    created_at: now,
    updated_at: now,
  };
  let id = reportId;
  for (let n = 2; ; n++) {
    const inserted = await insertRows(trx, "events", [{ id, ...row }], {
      key: "on conflict do nothing",
      build: (q) => q.onConflict((oc) => oc.column("id").doNothing()),
    });
    if (inserted > 0) return { id, fresh: true };
    const taken = await trx
      .selectFrom("event_reports")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("event_id", "=", id)
      .executeTakeFirst();
    if (Number(taken?.n ?? 0) === 0) return { id, fresh: false };
    id = `${reportId}-${n}`;
  }
}

/**
 * Brings the touched events up to date, in id order. One founded by the article just written
 * (`founded`) holds that one report, which the write already stored it as; only its actors and
 * whether a dispute names it are left to write.
 */
export async function refreshEvents(
  trx: Db,
  ids: Set<string>,
  now: string,
  founded: ReadonlyMap<string, FoundedEvent> = new Map(),
): Promise<void> {
  for (const id of [...ids].sort()) {
    const f = founded.get(id);
    if (!f) {
      await refreshEvent(trx, id, now);
      continue;
    }
    await writeActors(trx, id, f.record);
    if (f.disputes > 0) {
      await trx.updateTable("events").set({ disputed: 1 }).where("id", "=", id).execute();
    }
  }
}

/**
 * Recomputes a merged event from its reports: the primary report's fields, the lowest death
 * toll, every source, a dispute when the tolls differ, its actors. An event no report is left
 * for is removed.
 */
async function refreshEvent(trx: Db, id: string, now: string): Promise<void> {
  const rows = await trx
    .selectFrom("event_reports as r")
    .innerJoin("articles as a", "a.id", "r.article_id")
    .select(["r.id", "r.article_id", "r.record", "r.place_id", "a.seq"])
    .where("r.event_id", "=", id)
    .execute();
  if (rows.length === 0) {
    await trx.deleteFrom("events").where("id", "=", id).execute();
    return;
  }
  const reports = rows.map((r) => ({
    id: r.id,
    article_id: r.article_id,
    seq: r.seq,
    place_id: r.place_id,
    record: parse<OutEvent>(r.record),
  }));
  const primary = primaryReport(reports);
  const e = primary.record;

  const disputeId = `${id}:fatalities`;
  await trx.deleteFrom("disputes").where("id", "=", disputeId).execute();
  const tolls = fatalityDisagreement(reports);
  if (tolls) {
    const stored: StoredDispute = {
      id: disputeId,
      kind: "fatalities",
      article_id: null,
      event_id: id,
      local_id: null,
      question: `How many were killed? The reports of event ${id} give different figures`,
      sides: tolls.map((t) => ({
        position: `${t.value} killed`,
        claim_ids: [],
        report_ids: t.report_ids,
        value: t.value,
      })),
      corroborations: [],
      place_ids: unique(reports.flatMap((r) => (r.place_id ? [r.place_id] : []))),
      event_ids: [id],
    };
    await trx
      .insertInto("disputes")
      .values({
        id: disputeId,
        kind: "fatalities",
        article_id: null,
        event_id: id,
        local_id: null,
        question: stored.question,
        record: json(stored),
      })
      .execute();
    await trx
      .insertInto("dispute_events")
      .values({ dispute_id: disputeId, event_id: id })
      .execute();
  }
  const disputes = await trx
    .selectFrom("dispute_events")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("event_id", "=", id)
    .executeTakeFirst();

  await trx.deleteFrom("event_actors").where("event_id", "=", id).execute();
  await writeActors(trx, id, e);

  await trx
    .updateTable("events")
    .set({
      ...eventColumns(e),
      source: mergedSource(reports),
      fatalities: conservativeFatalities(reports),
      confidence: Math.max(...reports.map((r) => r.record.confidence)),
      mode: e.mode,
      place_id: primary.place_id,
      primary_report_id: primary.id,
      report_count: reports.length,
      article_count: new Set(reports.map((r) => r.article_id)).size,
      disputed: Number(disputes?.n ?? 0) > 0 ? 1 : 0,
      updated_at: now,
    })
    .where("id", "=", id)
    .execute();
}

/** The actors of an event (from its primary report) and its links to them. */
async function writeActors(trx: Db, id: string, e: OutEvent): Promise<void> {
  const roles: { role: string; actor: string; inter: number | null }[] = [];
  if (e.actor1) roles.push({ role: "actor1", actor: e.actor1, inter: e.inter1 });
  if (e.actor2) roles.push({ role: "actor2", actor: e.actor2, inter: e.inter2 });
  for (const a of splitActors(e.assoc_actor_1))
    roles.push({ role: "assoc1", actor: a, inter: null });
  for (const a of splitActors(e.assoc_actor_2))
    roles.push({ role: "assoc2", actor: a, inter: null });
  const actors = new Map<string, number | null>();
  for (const r of roles) actors.set(r.actor, actors.get(r.actor) ?? r.inter);
  if (actors.size > 0) {
    await insertRows(
      trx,
      "actors",
      [...actors.entries()].map(([name, inter]) => ({ name, inter })),
      {
        key: "on conflict keep inter",
        build: (q) =>
          q.onConflict((oc) =>
            oc.column("name").doUpdateSet({ inter: sql`coalesce(actors.inter, excluded.inter)` }),
          ),
      },
    );
    const links = new Map(roles.map((r) => [`${r.role}\0${r.actor}`, r]));
    await insertRows(
      trx,
      "event_actors",
      [...links.values()].map((r) => ({ event_id: id, role: r.role, actor: r.actor })),
    );
  }
}
