/**
 * Events as GeoJSON: a Point per located event, and a LineString per displacement flow from its
 * origin to each destination (for the map's arrows). Coordinates are [longitude, latitude].
 */
import type { EventRecord, PlaceMention } from "../types.js";

interface Feature {
  type: "Feature";
  id: string;
  geometry:
    | { type: "Point"; coordinates: [number, number] }
    | { type: "LineString"; coordinates: [number, number][] };
  properties: Record<string, unknown>;
}

function located(
  p: PlaceMention | undefined,
): p is PlaceMention & { latitude: number; longitude: number } {
  return p !== undefined && typeof p.latitude === "number" && typeof p.longitude === "number";
}

export function toGeoJson(events: EventRecord[]): {
  type: "FeatureCollection";
  features: Feature[];
} {
  const features: Feature[] = [];
  for (const e of events) {
    if (e.mode !== "asserted") continue;
    const { evidence, attribution, displacement, latitude, longitude, ...record } = e;
    const properties = { ...record, attribution, evidence };
    if (latitude !== null && longitude !== null) {
      features.push({
        type: "Feature",
        id: e.id,
        geometry: { type: "Point", coordinates: [longitude, latitude] },
        properties,
      });
    }
    const origin = displacement?.origin;
    if (located(origin)) {
      for (const [i, dest] of (displacement?.destinations ?? []).entries()) {
        if (!located(dest)) continue;
        features.push({
          type: "Feature",
          id: `${e.id}-flow-${i + 1}`,
          geometry: {
            type: "LineString",
            coordinates: [
              [origin.longitude, origin.latitude],
              [dest.longitude, dest.latitude],
            ],
          },
          properties: { event_id: e.id, flow: "displacement", from: origin.text, to: dest.text },
        });
      }
    }
  }
  return { type: "FeatureCollection", features };
}
