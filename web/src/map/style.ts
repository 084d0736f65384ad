/**
 * The map's style: a basemap from the bundled Natural Earth and gazetteer data (no tiles), then
 * displacement flows, location-precision halos, clusters and event symbols. No glyphs are
 * needed: every label and count is an image (images.ts).
 */
import type {
  ExpressionSpecification,
  FilterSpecification,
  LayerSpecification,
  StyleSpecification,
} from "maplibre-gl";
import type { Lang } from "../lib/i18n.js";

const empty = (): GeoJSON.FeatureCollection => ({ type: "FeatureCollection", features: [] });

export const CLUSTER_MAX_ZOOM = 10;

/** Pixels per kilometre at zoom 0 near 35°N (the Levant and Iraq). */
const PX_PER_KM_Z0 = 1000 / (156543.03 * Math.cos((35 * Math.PI) / 180));

/** A radius of `km` kilometres (a data expression) in pixels at every zoom. */
function kmRadius(km: ExpressionSpecification): ExpressionSpecification {
  return [
    "interpolate",
    ["exponential", 2],
    ["zoom"],
    0,
    ["*", km, PX_PER_KM_Z0],
    16,
    ["*", km, PX_PER_KM_Z0 * 2 ** 16],
  ];
}

/** Kilometres of uncertainty by ACLED geo precision: 2 near a place or its district, 3 a province. */
const PRECISION_KM: ExpressionSpecification = ["match", ["get", "prec"], 2, 12, 3, 45, 0];

function nameOf(lang: Lang): ExpressionSpecification {
  return lang === "ar"
    ? ["coalesce", ["get", "name_ar"], ["get", "name_en"]]
    : ["coalesce", ["get", "name_en"], ["get", "name_ar"]];
}

function labelImage(kind: ExpressionSpecification | string, lang: Lang): ExpressionSpecification {
  return ["concat", "lbl:", kind, ":", nameOf(lang)];
}

const PLACE_KIND: ExpressionSpecification = [
  "case",
  ["==", ["get", "capital"], 1],
  "capital",
  "place",
];

/** Place labels by population: three layers, each from its own zoom. */
const PLACE_TIERS: { id: string; minzoom: number; filter: FilterSpecification }[] = [
  {
    id: "place-1",
    minzoom: 4,
    filter: ["all", ["==", ["get", "layer"], "place"], [">=", ["get", "rank"], 1_000_000]],
  },
  {
    id: "place-2",
    minzoom: 5.5,
    filter: [
      "all",
      ["==", ["get", "layer"], "place"],
      [">=", ["get", "rank"], 150_000],
      ["<", ["get", "rank"], 1_000_000],
    ],
  },
  {
    id: "place-3",
    minzoom: 7,
    filter: ["all", ["==", ["get", "layer"], "place"], ["<", ["get", "rank"], 150_000]],
  },
];

/** Layout of the place labels for a language: beside the dot, on the side the text runs to. */
export function placeLabelLayout(lang: Lang, kind?: "village") {
  return {
    "icon-image": labelImage(kind ?? PLACE_KIND, lang),
    "icon-anchor": lang === "ar" ? ("right" as const) : ("left" as const),
    "icon-offset": [lang === "ar" ? -4 : 4, 0] as [number, number],
  };
}

/** Layers of place labels that follow the language. */
export const PLACE_LABEL_LAYERS = ["place-1", "place-2", "place-3", "village"];

/** From this zoom the villages are drawn (and their file loaded). */
export const VILLAGE_MIN_ZOOM = 9;

export function countryLabelImage(lang: Lang): ExpressionSpecification {
  return labelImage("country", lang);
}

export function regionLabelImage(lang: Lang): ExpressionSpecification {
  return labelImage("region", lang);
}

const EVENT_SIZE: ExpressionSpecification = [
  "interpolate",
  ["linear"],
  ["zoom"],
  3,
  ["*", 0.8, ["get", "size"]],
  8,
  ["get", "size"],
];

/**
 * Events at the same coordinates (a town's several events) are spread on a small ring instead
 * of hiding each other: `slot` is "k/n", the k-th of n (up to 8).
 */
const SLOT_OFFSET: ExpressionSpecification = (() => {
  const cases: (string | ExpressionSpecification)[] = [];
  for (let n = 2; n <= 8; n++) {
    const radius = n <= 3 ? 13 : n <= 5 ? 15 : 18;
    for (let k = 0; k < n; k++) {
      const a = (2 * Math.PI * k) / n - Math.PI / 2;
      const x = Math.round(radius * Math.cos(a) * 10) / 10;
      const y = Math.round(radius * Math.sin(a) * 10) / 10;
      cases.push(`${k}/${n}`, ["literal", [x, y]]);
    }
  }
  return [
    "match",
    ["get", "slot"],
    ...cases,
    ["literal", [0, 0]],
  ] as unknown as ExpressionSpecification;
})();

/**
 * The style, with the basemap's URL (data/web/basemap.json, one FeatureCollection whose
 * `layer` property tells shapes and labels apart): it loads with the style, so the first frame
 * with data has the whole basemap.
 */
export function buildStyle(lang: Lang, basemapUrl: string): StyleSpecification {
  const layers: LayerSpecification[] = [
    { id: "sea", type: "background", paint: { "background-color": "#d4e2ec" } },
    {
      id: "countries",
      type: "fill",
      source: "basemap",
      filter: ["==", ["get", "layer"], "land"],
      paint: {
        "fill-color": ["match", ["get", "iso2"], ["SY", "IQ"], "#fbf9f3", "#efebe1"],
        "fill-outline-color": "#c9c2b4",
      },
    },
    {
      id: "regions",
      type: "line",
      source: "basemap",
      filter: ["==", ["get", "layer"], "admin1"],
      minzoom: 4.5,
      paint: {
        "line-color": "#a8987a",
        "line-width": ["interpolate", ["linear"], ["zoom"], 5, 0.7, 9, 1.4],
        "line-dasharray": [3, 2],
        "line-opacity": 0.8,
      },
    },
    {
      id: "borders",
      type: "line",
      source: "basemap",
      filter: ["==", ["get", "layer"], "border"],
      paint: {
        "line-color": "#8a8173",
        "line-width": ["interpolate", ["linear"], ["zoom"], 2, 0.6, 6, 1.3, 10, 2],
      },
    },
    ...PLACE_TIERS.map(
      (t): LayerSpecification => ({
        id: `${t.id}-dot`,
        type: "circle",
        source: "basemap",
        minzoom: t.minzoom,
        filter: t.filter,
        paint: {
          "circle-radius": ["case", ["==", ["get", "capital"], 1], 3.2, 2.4],
          "circle-color": "#4a4f57",
          "circle-stroke-color": "#ffffff",
          "circle-stroke-width": 1,
        },
      }),
    ),
    {
      id: "village-dot",
      type: "circle",
      source: "villages",
      minzoom: VILLAGE_MIN_ZOOM,
      paint: {
        "circle-radius": 2,
        "circle-color": "#5d636c",
        "circle-stroke-color": "#ffffff",
        "circle-stroke-width": 0.8,
      },
    },
    {
      id: "village",
      type: "symbol",
      source: "villages",
      minzoom: VILLAGE_MIN_ZOOM,
      layout: {
        ...placeLabelLayout(lang, "village"),
        "symbol-sort-key": ["-", 0, ["get", "rank"]],
        "icon-padding": 1,
      },
    },
    {
      id: "country-labels",
      type: "symbol",
      source: "basemap",
      maxzoom: 8,
      filter: ["==", ["get", "layer"], "country"],
      layout: {
        "icon-image": countryLabelImage(lang),
        "symbol-sort-key": ["-", 0, ["get", "rank"]],
        "icon-padding": 4,
      },
    },
    {
      id: "region-labels",
      type: "symbol",
      source: "basemap",
      minzoom: 5.5,
      filter: ["==", ["get", "layer"], "region"],
      layout: { "icon-image": regionLabelImage(lang), "icon-padding": 2 },
    },
    ...PLACE_TIERS.map(
      (t): LayerSpecification => ({
        id: t.id,
        type: "symbol",
        source: "basemap",
        minzoom: t.minzoom,
        filter: t.filter,
        layout: {
          ...placeLabelLayout(lang),
          "symbol-sort-key": ["-", 0, ["get", "rank"]],
          "icon-padding": 2,
        },
      }),
    ),
    {
      id: "flows",
      type: "line",
      source: "flows",
      layout: { "line-cap": "round" },
      paint: {
        "line-color": "#1d4f91",
        "line-width": ["interpolate", ["linear"], ["zoom"], 4, 1.6, 10, 3],
        "line-opacity": 0.85,
      },
    },
    {
      id: "flow-heads",
      type: "symbol",
      source: "flow-heads",
      layout: {
        "icon-image": "arrowhead",
        "icon-rotate": ["get", "bearing"],
        "icon-rotation-alignment": "map",
        "icon-allow-overlap": true,
        "icon-ignore-placement": true,
      },
    },
    {
      id: "precision",
      type: "circle",
      source: "events",
      filter: ["all", ["!", ["has", "point_count"]], [">", ["get", "prec"], 1]],
      paint: {
        "circle-radius": kmRadius(PRECISION_KM),
        "circle-color": "#6a7a8c",
        "circle-opacity": 0.12,
        "circle-stroke-color": "#5d6b7b",
        "circle-stroke-width": 1,
        "circle-stroke-opacity": 0.55,
      },
    },
    {
      id: "clusters",
      type: "symbol",
      source: "events",
      filter: ["has", "point_count"],
      layout: {
        "icon-image": ["concat", "cl:", ["get", "point_count_abbreviated"]],
        "icon-allow-overlap": true,
        "icon-ignore-placement": true,
        "symbol-sort-key": ["get", "point_count"],
      },
    },
    {
      id: "selected",
      type: "symbol",
      source: "events",
      filter: ["==", ["get", "id"], ""],
      layout: {
        "icon-image": "selected-ring",
        "icon-size": EVENT_SIZE,
        "icon-offset": SLOT_OFFSET,
        "icon-allow-overlap": true,
        "icon-ignore-placement": true,
      },
    },
    {
      id: "events",
      type: "symbol",
      source: "events",
      filter: ["!", ["has", "point_count"]],
      layout: {
        "icon-image": ["get", "img"],
        "icon-size": EVENT_SIZE,
        "icon-offset": SLOT_OFFSET,
        "icon-allow-overlap": true,
        // Town labels stay visible under the events (drawn below them).
        "icon-ignore-placement": true,
        "symbol-sort-key": ["get", "size"],
      },
    },
  ];
  return {
    version: 8,
    sources: {
      // Shapes and labels in one source, fetched and parsed by MapLibre's worker.
      basemap: { type: "geojson", data: basemapUrl },
      villages: { type: "geojson", data: empty() },
      flows: { type: "geojson", data: empty() },
      "flow-heads": { type: "geojson", data: empty() },
      events: {
        type: "geojson",
        data: empty(),
        cluster: true,
        clusterRadius: 44,
        clusterMaxZoom: CLUSTER_MAX_ZOOM,
      },
    },
    layers,
  };
}
