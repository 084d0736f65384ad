/**
 * Events and displacement flows as the map's GeoJSON. Pure: no DOM, no MapLibre.
 */
import type { Feature, FeatureCollection, LineString, Point } from "geojson";
import { classOf, familyOf, sizeForFatalities } from "../lib/classes.js";

export interface MapEvent {
  id: string;
  event_type: string;
  sub_event_type: string;
  inter1: number | null;
  fatalities: number;
  geo_precision: number | null;
  disputed: boolean;
  latitude: number | null;
  longitude: number | null;
}

export interface EventProps {
  id: string;
  img: string;
  size: number;
  prec: number;
  slot: string;
}

/** Events with coordinates as Points; events at the same spot get ring slots ("k/n"). */
export function eventsGeoJson(events: readonly MapEvent[]): FeatureCollection<Point, EventProps> {
  const located = events.filter(
    (e) =>
      e.latitude !== null &&
      e.longitude !== null &&
      Number.isFinite(e.latitude) &&
      Number.isFinite(e.longitude),
  );
  const bySpot = new Map<string, number>();
  for (const e of located) {
    const k = `${(e.longitude as number).toFixed(4)},${(e.latitude as number).toFixed(4)}`;
    bySpot.set(k, (bySpot.get(k) ?? 0) + 1);
  }
  const seen = new Map<string, number>();
  const features = located.map((e): Feature<Point, EventProps> => {
    const k = `${(e.longitude as number).toFixed(4)},${(e.latitude as number).toFixed(4)}`;
    const n = Math.min(8, bySpot.get(k) ?? 1);
    const i = seen.get(k) ?? 0;
    seen.set(k, i + 1);
    const cls = classOf(e.event_type, e.sub_event_type);
    return {
      type: "Feature",
      geometry: { type: "Point", coordinates: [e.longitude as number, e.latitude as number] },
      properties: {
        id: e.id,
        img: `ev:${cls}:${familyOf(e.inter1)}:${e.disputed ? 1 : 0}`,
        size: Math.round(sizeForFatalities(e.fatalities) * 100) / 100,
        prec: e.geo_precision ?? 1,
        slot: n > 1 ? `${i % n}/${n}` : "",
      },
    };
  });
  return { type: "FeatureCollection", features };
}

export interface Flow {
  eventId: string;
  from: [number, number];
  to: [number, number];
}

const mercX = (lon: number) => (lon + 180) / 360;
const mercY = (lat: number) => {
  const s = Math.sin((lat * Math.PI) / 180);
  return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
};
const lonOf = (x: number) => x * 360 - 180;
const latOf = (y: number) => (360 / Math.PI) * Math.atan(Math.exp((0.5 - y) * 2 * Math.PI)) - 90;

/**
 * Each flow as a gentle arc (a quadratic curve in Web Mercator, bending to the right of travel)
 * and an arrowhead at its end with the bearing the map rotates it by.
 */
export function flowsGeoJson(flows: readonly Flow[]): {
  lines: FeatureCollection<LineString, { id: string }>;
  heads: FeatureCollection<Point, { id: string; bearing: number }>;
} {
  const lines: Feature<LineString, { id: string }>[] = [];
  const heads: Feature<Point, { id: string; bearing: number }>[] = [];
  for (const f of flows) {
    const x0 = mercX(f.from[0]);
    const y0 = mercY(f.from[1]);
    const x1 = mercX(f.to[0]);
    const y1 = mercY(f.to[1]);
    const dx = x1 - x0;
    const dy = y1 - y0;
    const len = Math.hypot(dx, dy);
    if (len === 0) continue;
    // Control point: off the middle, perpendicular, a fifth of the length.
    const cx = (x0 + x1) / 2 - dy * 0.2;
    const cy = (y0 + y1) / 2 + dx * 0.2;
    const coords: [number, number][] = [];
    const steps = 24;
    for (let i = 0; i <= steps; i++) {
      const t = i / steps;
      const x = (1 - t) * (1 - t) * x0 + 2 * (1 - t) * t * cx + t * t * x1;
      const y = (1 - t) * (1 - t) * y0 + 2 * (1 - t) * t * cy + t * t * y1;
      coords.push([lonOf(x), latOf(y)]);
    }
    // The ends exactly where the places are (no rounding through the projection).
    coords[0] = [f.from[0], f.from[1]];
    coords[steps] = [f.to[0], f.to[1]];
    // Tangent at the end: from the control point to the end, in screen orientation (y down).
    const tx = x1 - cx;
    const ty = y1 - cy;
    const bearing = (Math.atan2(tx, -ty) * 180) / Math.PI;
    lines.push({
      type: "Feature",
      geometry: { type: "LineString", coordinates: coords },
      properties: { id: f.eventId },
    });
    heads.push({
      type: "Feature",
      geometry: { type: "Point", coordinates: [f.to[0], f.to[1]] },
      properties: { id: f.eventId, bearing: Math.round(bearing * 10) / 10 },
    });
  }
  return {
    lines: { type: "FeatureCollection", features: lines },
    heads: { type: "FeatureCollection", features: heads },
  };
}
