/**
 * Events as ACLED-style CSV. Only events rasd asserts happened and that ACLED codes: displacement
 * (a rasd extension) and future, hypothetical or negated events are left out. Article text is
 * untrusted: text cells that a spreadsheet would run as a formula are escaped.
 */
import type { EventRecord } from "../types.js";

/** ACLED's event types; anything else (Displacement) stays out of the CSV. */
export const ACLED_EVENT_TYPES = new Set([
  "Battles",
  "Explosions/Remote violence",
  "Violence against civilians",
  "Protests",
  "Riots",
  "Strategic developments",
]);

const DISORDER_TYPE: Record<string, string> = {
  Battles: "Political violence",
  "Explosions/Remote violence": "Political violence",
  "Violence against civilians": "Political violence",
  Protests: "Demonstrations",
  Riots: "Demonstrations",
  "Strategic developments": "Strategic developments",
};

export const ACLED_COLUMNS = [
  "event_id_cnty",
  "event_date",
  "year",
  "time_precision",
  "disorder_type",
  "event_type",
  "sub_event_type",
  "actor1",
  "assoc_actor_1",
  "inter1",
  "actor2",
  "assoc_actor_2",
  "inter2",
  "interaction",
  "civilian_targeting",
  "country",
  "admin1",
  "admin2",
  "location",
  "latitude",
  "longitude",
  "geo_precision",
  "source",
  "notes",
  "fatalities",
] as const;

/** Whether an event belongs in an ACLED export. */
export function isAcledEvent(e: EventRecord): boolean {
  return e.mode === "asserted" && ACLED_EVENT_TYPES.has(e.event_type);
}

/** A CSV cell: quoted when needed; a leading = + - @ (or tab/CR) neutralized with a quote mark. */
export function csvCell(value: unknown, isText = true): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (isText && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function interaction(e: EventRecord): string {
  const codes = [e.inter1, e.inter2].filter((x): x is number => x !== null && x > 0).sort();
  return codes.length === 0 ? "" : codes.join("");
}

function row(e: EventRecord): string[] {
  const year = e.event_date ? e.event_date.slice(0, 4) : "";
  const values: Record<(typeof ACLED_COLUMNS)[number], [unknown, boolean]> = {
    event_id_cnty: [e.id, true],
    event_date: [e.event_date, false],
    year: [year, false],
    time_precision: [e.time_precision, false],
    disorder_type: [DISORDER_TYPE[e.event_type] ?? "", true],
    event_type: [e.event_type, true],
    sub_event_type: [e.sub_event_type, true],
    actor1: [e.actor1, true],
    assoc_actor_1: [e.assoc_actor_1, true],
    inter1: [e.inter1, false],
    actor2: [e.actor2, true],
    assoc_actor_2: [e.assoc_actor_2, true],
    inter2: [e.inter2, false],
    interaction: [interaction(e), false],
    civilian_targeting: [e.civilian_targeting, true],
    country: [e.country, true],
    admin1: [e.admin1, true],
    admin2: [e.admin2, true],
    location: [e.location, true],
    latitude: [e.latitude, false],
    longitude: [e.longitude, false],
    geo_precision: [e.geo_precision, false],
    source: [e.source, true],
    notes: [e.notes, true],
    fatalities: [e.fatalities, false],
  };
  return ACLED_COLUMNS.map((c) => csvCell(...values[c]));
}

/** The CSV text (header and rows, CRLF line ends as RFC 4180 has them). */
export function toAcledCsv(events: EventRecord[]): string {
  const lines = [ACLED_COLUMNS.join(",")];
  for (const e of events) if (isAcledEvent(e)) lines.push(row(e).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
