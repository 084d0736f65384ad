/**
 * The event map: MapLibre GL over the bundled basemap, events clustered when zoomed out and
 * drawn as symbols (shape: type; colour: actor 1's family; size: fatalities), a halo for
 * approximate locations, arrows for displacement. Clicking a symbol selects its event; clicking a
 * cluster zooms into it.
 */
import "maplibre-gl/dist/maplibre-gl.css";
import type { GeoJSONSource, MapMouseEvent } from "maplibre-gl";
import * as maplibregl from "maplibre-gl";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import { useEffect, useRef, useState } from "react";
import basemapUrl from "../../../data/web/basemap.json?url";
import villagesUrl from "../../../data/web/villages.json?url";
import type { StoredMapEvent } from "../lib/api.js";
import { classOf } from "../lib/classes.js";
import { CLASS_LABELS, formatDate, type Lang, t } from "../lib/i18n.js";
import type { MapPosition } from "../lib/state.js";
import { eventsGeoJson, type Flow, flowsGeoJson } from "./data.js";
import { imageFor } from "./images.js";
import {
  buildStyle,
  CLUSTER_MAX_ZOOM,
  countryLabelImage,
  PLACE_LABEL_LAYERS,
  placeLabelLayout,
  regionLabelImage,
  VILLAGE_MIN_ZOOM,
} from "./style.js";

maplibregl.setWorkerUrl(workerUrl);
// Start MapLibre's worker with the bundle, while the fonts load and React renders, not when the
// map is created: it then has the basemap and the first tiles ready sooner.
maplibregl.prewarm();

/** Records when the basemap and the first events are both drawn: the first useful paint. */
function markUseful(map: maplibregl.Map) {
  const debug = window.__rasd;
  if (!debug || debug.firstEventsAt !== undefined || !debug.basemap || debug.eventsShown === 0)
    return;
  performance.mark("rasd:events-and-basemap-set");
  map.once("idle", () => {
    debug.firstEventsAt ??= performance.now();
  });
}

/** Where the map opens when it has nothing to fit: Syria and Iraq. */
const DEFAULT_VIEW: MapPosition = { lon: 40.5, lat: 34.6, zoom: 5 };

declare global {
  interface Window {
    /** For tests and debugging: the map, and whether events are drawn. */
    __rasd?: {
      map: maplibregl.Map;
      eventsShown: number;
      basemap: boolean;
      /** When the first events were drawn (performance.now(): since navigation started). */
      firstEventsAt?: number;
    };
  }
}

export interface MapViewProps {
  lang: Lang;
  events: readonly StoredMapEvent[];
  flows: readonly Flow[];
  selectedId: string | null;
  initial: MapPosition | null;
  /** Changes when the map should fit the events again (a new filter). */
  fitKey: string;
  onSelect: (id: string) => void;
  /** An event chosen with the map's keys (the focus stays on the map); onSelect when absent. */
  onStep?: (id: string) => void;
  onMove: (p: MapPosition) => void;
}

const MAP_LOCALE = {
  ar: {
    "NavigationControl.ZoomIn": "تكبير",
    "NavigationControl.ZoomOut": "تصغير",
    "NavigationControl.ResetBearing": "إعادة الاتجاه إلى الشمال",
    "ScaleControl.Kilometers": "كم",
    "AttributionControl.ToggleAttribution": "مصادر البيانات",
    "Map.Title": "خريطة",
    "Popup.Close": "إغلاق",
  },
  en: {},
};

export function MapView(props: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const readyRef = useRef(false);
  const propsRef = useRef(props);
  propsRef.current = props;
  const fittedKey = useRef<string | null>(props.initial ? "initial" : null);
  const eventsById = useRef(new Map<string, StoredMapEvent>());
  const shownEvents = useRef<readonly StoredMapEvent[] | null>(null);
  const shownFlows = useRef<readonly Flow[] | null>(null);
  const focusedFor = useRef<string | null>(null);
  const keyRef = useRef<(e: KeyboardEvent) => void>(() => {});
  const stepRound = useRef<string[]>([]);

  // The map itself, once; later changes go through the effects below.
  // biome-ignore lint/correctness/useExhaustiveDependencies: created once
  useEffect(() => {
    if (!container.current) return;
    const start = props.initial ?? DEFAULT_VIEW;
    const map = new maplibregl.Map({
      container: container.current,
      style: buildStyle(props.lang, basemapUrl),
      center: [start.lon, start.lat],
      zoom: start.zoom,
      minZoom: 1.5,
      maxZoom: 15,
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      locale: MAP_LOCALE[props.lang],
      renderWorldCopies: false,
      fadeDuration: 150,
    });
    mapRef.current = map;
    performance.mark("rasd:map-created");
    window.__rasd = { map, eventsShown: 0, basemap: false };
    // The canvas is what takes focus: it carries the key help and the event stepping below.
    map.getCanvas().setAttribute("aria-describedby", "map-keys");
    map.getCanvas().addEventListener("keydown", (e) => keyRef.current(e));
    map.touchZoomRotate.disableRotation();
    map.addControl(new maplibregl.ScaleControl({ unit: "metric" }), "bottom-left");
    map.addControl(
      new maplibregl.AttributionControl({
        compact: true,
        customAttribution:
          "Natural Earth · GeoNames (CC BY 4.0) · OCHA (CC BY-IGO 3.0) · OpenSyria (CC BY 4.0) · rasd",
      }),
      "bottom-right",
    );
    // Symbols, cluster badges and labels are drawn when first needed.
    map.setMissingStyleImageResolver((id) => {
      const img = imageFor(id);
      if (img && !map.hasImage(id)) map.addImage(id, img.data, { pixelRatio: img.pixelRatio });
    });
    // Sources exist once the style is in: the events go in now, with the basemap, so that the
    // first tiles drawn hold both (each frame costs, in software WebGL most of all).
    map.once("style.load", () => {
      readyRef.current = true;
      setEvents(map, propsRef.current.events);
      setFlows(map, propsRef.current.flows);
      setSelected(map, propsRef.current.selectedId);
      maybeFit(map);
      focusSelected(map, propsRef.current.selectedId);
    });
    // "load": the style's sources, the basemap among them, are loaded and drawn.
    map.once("load", () => {
      performance.mark("rasd:map-load");
      if (window.__rasd) window.__rasd.basemap = true;
      markUseful(map);
    });
    // The villages' labels are loaded the first time the map is zoomed in far enough.
    let villages = false;
    const loadVillages = () => {
      if (villages || map.getZoom() < VILLAGE_MIN_ZOOM - 0.5) return;
      villages = true;
      fetch(villagesUrl)
        .then((r) => r.json())
        .then((fc: GeoJSON.FeatureCollection) =>
          (map.getSource("villages") as GeoJSONSource).setData(fc),
        )
        .catch((e) => {
          villages = false;
          console.error(e);
        });
    };
    map.on("load", loadVillages);
    map.on("zoomend", loadVillages);
    map.on("moveend", () => {
      const c = map.getCenter();
      propsRef.current.onMove({ lon: c.lng, lat: c.lat, zoom: map.getZoom() });
    });
    map.on(
      "click",
      "events",
      (e: MapMouseEvent & { features?: maplibregl.MapGeoJSONFeature[] }) => {
        const id = e.features?.[0]?.properties?.id;
        if (typeof id === "string") propsRef.current.onSelect(id);
      },
    );
    map.on(
      "click",
      "clusters",
      async (e: MapMouseEvent & { features?: maplibregl.MapGeoJSONFeature[] }) => {
        const f = e.features?.[0];
        if (!f) return;
        const source = map.getSource("events") as GeoJSONSource;
        const zoom = await source.getClusterExpansionZoom(f.properties.cluster_id as number);
        map.easeTo({ center: (f.geometry as GeoJSON.Point).coordinates as [number, number], zoom });
      },
    );
    const popup = new maplibregl.Popup({
      closeButton: false,
      closeOnClick: false,
      offset: 14,
      maxWidth: "280px",
    });
    for (const layer of ["events", "clusters"]) {
      map.on("mouseenter", layer, () => {
        map.getCanvas().style.cursor = "pointer";
      });
      map.on("mouseleave", layer, () => {
        map.getCanvas().style.cursor = "";
        popup.remove();
      });
    }
    map.on(
      "mousemove",
      "events",
      (e: MapMouseEvent & { features?: maplibregl.MapGeoJSONFeature[] }) => {
        const f = e.features?.[0];
        const ev = f ? eventsById.current.get(f.properties.id as string) : undefined;
        if (!f || !ev) return;
        const { lang } = propsRef.current;
        const box = document.createElement("div");
        box.className = "map-tip";
        box.dir = lang === "ar" ? "rtl" : "ltr";
        const title = document.createElement("strong");
        title.textContent = CLASS_LABELS[classOf(ev.event_type, ev.sub_event_type)][lang];
        const where = document.createElement("div");
        const place = document.createElement("bdi");
        place.textContent = ev.location || ev.admin1 || ev.country;
        const date = document.createElement("bdi");
        date.textContent = formatDate(lang, ev.event_date);
        where.append(place, " · ", date);
        box.append(title, where);
        popup
          .setLngLat((f.geometry as GeoJSON.Point).coordinates as [number, number])
          .setDOMContent(box)
          .addTo(map);
      },
    );
    map.on(
      "mousemove",
      "clusters",
      (e: MapMouseEvent & { features?: maplibregl.MapGeoJSONFeature[] }) => {
        const f = e.features?.[0];
        if (!f) return;
        popup
          .setLngLat((f.geometry as GeoJSON.Point).coordinates as [number, number])
          .setText(t(propsRef.current.lang, "cluster", { n: f.properties.point_count as number }))
          .addTo(map);
      },
    );
    return () => {
      popup.remove();
      map.remove();
      mapRef.current = null;
      readyRef.current = false;
      shownEvents.current = null;
      shownFlows.current = null;
    };
  }, []);

  function setEvents(map: maplibregl.Map, events: readonly StoredMapEvent[]) {
    // The same events again (a new array from a filter that kept them all): nothing to redo.
    if (sameItems(events, shownEvents.current)) return;
    shownEvents.current = events;
    eventsById.current = new Map(events.map((e) => [e.id, e]));
    const fc = eventsGeoJson(events);
    (map.getSource("events") as GeoJSONSource | undefined)?.setData(fc);
    if (window.__rasd) window.__rasd.eventsShown = fc.features.length;
    markUseful(map);
  }

  function setFlows(map: maplibregl.Map, flows: readonly Flow[]) {
    if (sameItems(flows, shownFlows.current)) return;
    shownFlows.current = flows;
    const { lines, heads } = flowsGeoJson(flows);
    (map.getSource("flows") as GeoJSONSource | undefined)?.setData(lines);
    (map.getSource("flow-heads") as GeoJSONSource | undefined)?.setData(heads);
  }

  function setSelected(map: maplibregl.Map, id: string | null) {
    map.setFilter("selected", [
      "all",
      ["!", ["has", "point_count"]],
      ["==", ["get", "id"], id ?? ""],
    ]);
  }

  function maybeFit(map: maplibregl.Map) {
    const { events, fitKey } = propsRef.current;
    if (fittedKey.current === fitKey || events.length === 0) return;
    const located = events.filter((e) => e.latitude !== null && e.longitude !== null);
    if (located.length === 0) return;
    fittedKey.current = fitKey;
    const b = new maplibregl.LngLatBounds();
    for (const e of located) b.extend([e.longitude as number, e.latitude as number]);
    map.fitBounds(b, {
      padding: { top: 60, bottom: 50, left: 70, right: 70 },
      maxZoom: 8,
      duration: 0,
    });
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: the helpers read the latest props
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !readyRef.current) return;
    setEvents(map, props.events);
    maybeFit(map);
    // An event named in the URL is focused once the events have come.
    if (props.selectedId && focusedFor.current !== props.selectedId)
      focusSelected(map, props.selectedId);
  }, [props.events, props.fitKey]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the helpers read the latest props
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !readyRef.current) return;
    setFlows(map, props.flows);
  }, [props.flows]);

  // The selected event: ringed, and brought into view (out of its cluster) when it is not.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the helpers read the latest props
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !readyRef.current) return;
    setSelected(map, props.selectedId);
    focusSelected(map, props.selectedId);
  }, [props.selectedId]);

  /** Brings an event into view, out of its cluster, unless it is already in view on its own. */
  function focusSelected(map: maplibregl.Map, id: string | null) {
    const ev = id ? eventsById.current.get(id) : undefined;
    if (!ev || ev.latitude === null || ev.longitude === null) return;
    focusedFor.current = id;
    const p = map.project([ev.longitude, ev.latitude]);
    const { clientWidth: w, clientHeight: h } = map.getContainer();
    const inside = p.x > 40 && p.y > 40 && p.x < w - 40 && p.y < h - 40;
    if (!inside || map.getZoom() <= CLUSTER_MAX_ZOOM) {
      map.easeTo({
        center: [ev.longitude, ev.latitude],
        zoom: Math.max(map.getZoom(), CLUSTER_MAX_ZOOM + 1),
        duration: 600,
      });
    }
  }

  // The zoom buttons on the side away from the legend (which sits where the text starts).
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const nav = new maplibregl.NavigationControl({ showCompass: false });
    map.addControl(nav, props.lang === "ar" ? "top-left" : "top-right");
    return () => {
      if (mapRef.current === map) map.removeControl(nav);
    };
  }, [props.lang]);

  // The language of the labels and of the map's own controls.
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const apply = () => {
      const lang = props.lang;
      map.setLayoutProperty("country-labels", "icon-image", countryLabelImage(lang));
      map.setLayoutProperty("region-labels", "icon-image", regionLabelImage(lang));
      for (const id of PLACE_LABEL_LAYERS) {
        const l = placeLabelLayout(lang, id === "village" ? "village" : undefined);
        map.setLayoutProperty(id, "icon-image", l["icon-image"]);
        map.setLayoutProperty(id, "icon-anchor", l["icon-anchor"]);
        map.setLayoutProperty(id, "icon-offset", l["icon-offset"]);
      }
      map.getCanvas().setAttribute("aria-label", t(lang, "map"));
    };
    if (readyRef.current) apply();
    else map.once("style.load", apply);
  }, [props.lang]);

  // Keyboard: with the map focused, N/] and P/[ step through the events in view (the canvas
  // draws the symbols, so they cannot take focus themselves); each is selected as a click
  // would select it, and announced.
  const [announce, setAnnounce] = useState("");
  keyRef.current = (e: KeyboardEvent) => {
    const map = mapRef.current;
    if (!map || e.altKey || e.ctrlKey || e.metaKey) return;
    const step = NEXT_KEYS.has(e.key) ? 1 : PREVIOUS_KEYS.has(e.key) ? -1 : 0;
    if (step === 0) return;
    e.preventDefault();
    const { lang, selectedId } = propsRef.current;
    // The round is the events in view when stepping began: selecting one brings it closer,
    // which changes the view, but not the order the user is walking through.
    const kept = stepRound.current.filter((id) => eventsById.current.has(id));
    const inView =
      selectedId && kept.includes(selectedId)
        ? kept.map((id) => eventsById.current.get(id) as StoredMapEvent)
        : eventsInView(map, [...eventsById.current.values()]);
    stepRound.current = inView.map((ev) => ev.id);
    if (inView.length === 0) {
      setAnnounce(t(lang, "mapNoEventInView"));
      return;
    }
    const at = inView.findIndex((ev) => ev.id === selectedId);
    const i =
      at < 0 ? (step > 0 ? 0 : inView.length - 1) : (at + step + inView.length) % inView.length;
    const ev = inView[i] as StoredMapEvent;
    (propsRef.current.onStep ?? propsRef.current.onSelect)(ev.id);
    setAnnounce(
      t(lang, "mapEventOf", {
        i: i + 1,
        n: inView.length,
        what: CLASS_LABELS[classOf(ev.event_type, ev.sub_event_type)][lang],
        where: ev.location || ev.admin1 || ev.country,
        date: formatDate(lang, ev.event_date),
      }),
    );
  };

  return (
    <>
      <div ref={container} className="map" dir="ltr" data-testid="map" />
      <p id="map-keys" className="visually-hidden">
        {t(props.lang, "mapKeys")}
      </p>
      <p className="visually-hidden" aria-live="polite" data-testid="map-announce">
        {announce}
      </p>
    </>
  );
}

/** Whether two lists hold the same items in the same order. */
function sameItems<T>(a: readonly T[], b: readonly T[] | null): boolean {
  if (a === b) return true;
  if (!b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const NEXT_KEYS = new Set(["n", "N", "]", "ن"]);
const PREVIOUS_KEYS = new Set(["p", "P", "[", "ب"]);

/** The located events inside the map's view, west to east then north to south. */
function eventsInView(map: maplibregl.Map, events: StoredMapEvent[]): StoredMapEvent[] {
  const b = map.getBounds();
  return events
    .filter(
      (e) => e.latitude !== null && e.longitude !== null && b.contains([e.longitude, e.latitude]),
    )
    .sort(
      (a, b2) =>
        (a.longitude as number) - (b2.longitude as number) ||
        (b2.latitude as number) - (a.latitude as number) ||
        a.id.localeCompare(b2.id),
    );
}
