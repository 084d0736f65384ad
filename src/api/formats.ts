/**
 * Stored (merged) events in the export formats. The exporters in src/export/ take the analysis'
 * `EventRecord`s; a stored event has the same ACLED columns, its merged confidence and mode,
 * report and article counts, and no single attribution chain or evidence (those live in its
 * reports: GET /api/events/{id}). The adapter gives the ACLED exporter what it reads; the GeoJSON
 * here keeps every stored field as a property, including the counts and `disputed`.
 */
import { toAcledCsv } from "../export/acled-csv.js";
import type { StoredEvent } from "../store/index.js";
import type { EventMode, EventRecord } from "../types.js";

/** A stored event as the exporters' record type (no evidence, no attribution chain). */
export function toEventRecord(e: StoredEvent): EventRecord {
  return {
    ...e,
    mode: e.mode as EventMode,
    evidence: [],
    attribution: { chain: [], stance: "assert" },
  };
}

/** ACLED CSV (the exporter's columns, CRLF, formula cells escaped; rasd's own types left out). */
export function eventsToCsv(events: StoredEvent[]): string {
  return toAcledCsv(events.map(toEventRecord));
}

export interface EventFeature {
  type: "Feature";
  id: string;
  geometry: { type: "Point"; coordinates: [number, number] } | null;
  properties: Omit<StoredEvent, "latitude" | "longitude">;
}

export interface EventFeatureCollection {
  type: "FeatureCollection";
  features: EventFeature[];
}

/**
 * A GeoJSON FeatureCollection (RFC 7946): one Point per event, `[longitude, latitude]`; an event
 * without coordinates has a null geometry (RFC 7946 §3.2) rather than vanishing from the page.
 */
export function eventsToGeoJson(events: StoredEvent[]): EventFeatureCollection {
  return {
    type: "FeatureCollection",
    features: events.map((e) => {
      const { latitude, longitude, ...properties } = e;
      return {
        type: "Feature",
        id: e.id,
        geometry:
          latitude !== null && longitude !== null
            ? { type: "Point", coordinates: [longitude, latitude] }
            : null,
        properties,
      };
    }),
  };
}
