/**
 * Cross-article events: when two reports describe one event, and what the merged event says.
 *
 * The rule (docs/store.md): same ACLED event type and sub-event type, the same actors (actor1 and
 * actor2 as an unordered pair: one outlet writes "A clashed with B", another "B with A"), dates at
 * most `maxDayGap` days apart, and places at most `maxDistanceKm` apart (without coordinates on
 * both sides: the same country, admin1 and location name). Reports from one article never merge
 * with each other: the analysis already decided they are distinct events.
 *
 * Pure functions: the repository looks candidates up (date window, type, bounding box) and
 * these decide.
 */
import type { OutEvent } from "../output/json.js";
import type { MergeOptions } from "./types.js";

export const DEFAULT_MERGE: MergeOptions = { maxDistanceKm: 5, maxDayGap: 1 };

/** The fields matching looks at, on a report or on a merged event. */
export type MergeFields = Pick<
  OutEvent,
  | "event_date"
  | "event_type"
  | "sub_event_type"
  | "actor1"
  | "actor2"
  | "country"
  | "admin1"
  | "location"
  | "latitude"
  | "longitude"
>;

const EARTH_KM = 6371.0088;
const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in km. */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const a =
    Math.sin(rad(lat2 - lat1) / 2) ** 2 +
    Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lon2 - lon1) / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** A box enclosing every point within `km` of (lat, lon), for an index lookup before the exact test. */
export function boxAround(
  lat: number,
  lon: number,
  km: number,
): { minLat: number; maxLat: number; minLon: number; maxLon: number } {
  const dLat = km / 111.19;
  const cos = Math.max(0.01, Math.cos(rad(Math.min(89, Math.abs(lat) + dLat))));
  const dLon = km / (111.19 * cos);
  return { minLat: lat - dLat, maxLat: lat + dLat, minLon: lon - dLon, maxLon: lon + dLon };
}

const dayNumber = (d: string): number => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

/** The ISO date `days` after `date` (before, when negative). */
export function shiftDate(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * 86_400_000).toISOString().slice(0, 10);
}

export function dayGap(a: string, b: string): number {
  return Math.abs(dayNumber(a) - dayNumber(b));
}

function actorPair(e: MergeFields): string {
  return [e.actor1, e.actor2]
    .filter((a) => a !== "")
    .sort()
    .join("\u001f");
}

const located = (e: MergeFields): boolean => e.latitude !== null && e.longitude !== null;

/**
 * How far apart two reports are, as [km, days], or null when they are not the same event.
 * Without coordinates on both sides the distance is 0 when the names agree.
 */
export function matchDistance(
  report: MergeFields,
  event: MergeFields,
  options: MergeOptions = DEFAULT_MERGE,
): [number, number] | null {
  if (report.event_type !== event.event_type || report.sub_event_type !== event.sub_event_type) {
    return null;
  }
  if (actorPair(report) !== actorPair(event)) return null;
  if (!report.event_date || !event.event_date) return null;
  const days = dayGap(report.event_date, event.event_date);
  if (days > options.maxDayGap) return null;
  let km: number;
  if (located(report) && located(event)) {
    km = distanceKm(report.latitude!, report.longitude!, event.latitude!, event.longitude!);
    if (km > options.maxDistanceKm) return null;
  } else {
    const same =
      report.location !== "" &&
      report.location === event.location &&
      report.admin1 === event.admin1 &&
      report.country === event.country;
    if (!same) return null;
    km = 0;
  }
  return [km, days];
}

/** The closest matching candidate (by distance, then days, then id), or null. */
export function bestMatch<T extends MergeFields & { id: string }>(
  report: MergeFields,
  candidates: readonly T[],
  options: MergeOptions = DEFAULT_MERGE,
): T | null {
  let best: { c: T; km: number; days: number } | null = null;
  for (const c of candidates) {
    const d = matchDistance(report, c, options);
    if (!d) continue;
    const [km, days] = d;
    if (
      !best ||
      km < best.km ||
      (km === best.km && (days < best.days || (days === best.days && c.id < best.c.id)))
    ) {
      best = { c, km, days };
    }
  }
  return best?.c ?? null;
}

/** A report as the merge sees it: its record and the order it came in. */
export interface MergeReport {
  id: string;
  article_id: string;
  /** Insertion order of the article (earlier first). */
  seq: number;
  record: OutEvent;
}

const rank = (p: number | null): number => p ?? 9;

/**
 * The report whose fields the merged event shows: the most precise place, then the most precise
 * date, then the most confident, then the earliest stored.
 */
export function primaryReport<T extends MergeReport>(reports: readonly T[]): T {
  const sorted = [...reports].sort(
    (a, b) =>
      rank(a.record.geo_precision) - rank(b.record.geo_precision) ||
      rank(a.record.time_precision) - rank(b.record.time_precision) ||
      b.record.confidence - a.record.confidence ||
      a.seq - b.seq ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const first = sorted[0];
  if (!first) throw new Error("primaryReport: no report");
  return first;
}

/**
 * ACLED's most conservative figure: the lowest count any report gives. A report giving 0 is not
 * counted against the others: ACLED writes 0 when a report says nothing about deaths.
 */
export function conservativeFatalities(reports: readonly MergeReport[]): number {
  const given = reports.map((r) => r.record.fatalities).filter((n) => n > 0);
  return given.length > 0 ? Math.min(...given) : 0;
}

/** When reports give different (non-zero) death tolls: each figure with the reports behind it, lowest first. */
export function fatalityDisagreement(
  reports: readonly MergeReport[],
): { value: number; report_ids: string[] }[] | null {
  const byValue = new Map<number, string[]>();
  for (const r of reports) {
    const n = r.record.fatalities;
    if (n <= 0) continue;
    const ids = byValue.get(n) ?? [];
    ids.push(r.id);
    byValue.set(n, ids);
  }
  if (byValue.size < 2) return null;
  return [...byValue.entries()]
    .sort(([a], [b]) => a - b)
    .map(([value, ids]) => ({ value, report_ids: ids.sort() }));
}

/** ACLED's `source` column across reports: every source once, in the order reports came in. */
export function mergedSource(reports: readonly MergeReport[]): string {
  const seen = new Set<string>();
  for (const r of [...reports].sort((a, b) => a.seq - b.seq)) {
    for (const s of r.record.source.split(";")) {
      const t = s.trim();
      if (t) seen.add(t);
    }
  }
  return [...seen].join("; ");
}
