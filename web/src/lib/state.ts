/**
 * The workspace's state in its URL, so that a link restores the view: the section, the language,
 * the filters, the selected event or article and the map's position. Pure functions, no DOM.
 *
 *   /?view=map&lang=en&from=2017-11-01&to=2017-11-30&cls=battle,airstrike&actor=…&country=Syria
 *     &admin1=…&src=activist,official&disputed=1&conf=0.6&q=…&event=SYR-…&map=40.15,35.33,7
 */
import { classOf, classParams, EVENT_CLASSES, type EventClass } from "./classes.js";
import type { Lang } from "./i18n.js";

export const VIEWS = ["map", "disputes", "reader", "add"] as const;
export type View = (typeof VIEWS)[number];

export interface Filters {
  from: string | null;
  to: string | null;
  /** Empty: every class. */
  classes: EventClass[];
  actor: string | null;
  country: string | null;
  admin1: string | null;
  /** Empty: any source kind. */
  sourceKinds: string[];
  disputed: boolean;
  /** 0 to 1. */
  minConfidence: number;
  q: string;
}

export interface MapPosition {
  lon: number;
  lat: number;
  zoom: number;
}

export interface AppState {
  view: View;
  lang: Lang;
  filters: Filters;
  event: string | null;
  article: string | null;
  map: MapPosition | null;
}

export const EMPTY_FILTERS: Filters = {
  from: null,
  to: null,
  classes: [],
  actor: null,
  country: null,
  admin1: null,
  sourceKinds: [],
  disputed: false,
  minConfidence: 0,
  q: "",
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SOURCE_KIND = /^[a-z_]{2,30}$/;

const str = (p: URLSearchParams, k: string, max = 300): string | null => {
  const v = p.get(k);
  return v && v.length <= max ? v : null;
};

export function parseState(search: string, fallbackLang: Lang = "ar"): AppState {
  const p = new URLSearchParams(search);
  const view = p.get("view");
  const lang = p.get("lang");
  const from = p.get("from");
  const to = p.get("to");
  const classes = (p.get("cls") ?? "")
    .split(",")
    .filter((c): c is EventClass => (EVENT_CLASSES as readonly string[]).includes(c));
  const conf = Number(p.get("conf") ?? "0");
  let map: MapPosition | null = null;
  const m = (p.get("map") ?? "").split(",").map(Number);
  if (m.length === 3 && m.every(Number.isFinite)) {
    const [lon, lat, zoom] = m as [number, number, number];
    if (Math.abs(lon) <= 180 && Math.abs(lat) <= 85 && zoom >= 0 && zoom <= 22) {
      map = { lon, lat, zoom };
    }
  }
  return {
    view: (VIEWS as readonly string[]).includes(view ?? "") ? (view as View) : "map",
    lang: lang === "en" || lang === "ar" ? lang : fallbackLang,
    filters: {
      from: from && DATE.test(from) ? from : null,
      to: to && DATE.test(to) ? to : null,
      classes: [...new Set(classes)],
      actor: str(p, "actor"),
      country: str(p, "country", 100),
      admin1: str(p, "admin1", 200),
      sourceKinds: (p.get("src") ?? "").split(",").filter((s) => SOURCE_KIND.test(s)),
      disputed: p.get("disputed") === "1",
      minConfidence: Number.isFinite(conf) ? Math.min(1, Math.max(0, conf)) : 0,
      q: (p.get("q") ?? "").slice(0, 300),
    },
    event: str(p, "event", 200),
    article: str(p, "article", 200),
    map,
  };
}

/** The query string (with its `?`, or "" when everything is default) for a state. */
export function stateToSearch(s: AppState): string {
  const p = new URLSearchParams();
  if (s.view !== "map") p.set("view", s.view);
  if (s.lang !== "ar") p.set("lang", s.lang);
  const f = s.filters;
  if (f.from) p.set("from", f.from);
  if (f.to) p.set("to", f.to);
  if (f.classes.length > 0 && f.classes.length < EVENT_CLASSES.length) {
    p.set("cls", f.classes.join(","));
  }
  if (f.actor) p.set("actor", f.actor);
  if (f.country) p.set("country", f.country);
  if (f.admin1) p.set("admin1", f.admin1);
  if (f.sourceKinds.length > 0) p.set("src", f.sourceKinds.join(","));
  if (f.disputed) p.set("disputed", "1");
  if (f.minConfidence > 0) p.set("conf", String(Math.round(f.minConfidence * 100) / 100));
  if (f.q.trim()) p.set("q", f.q);
  if (s.event) p.set("event", s.event);
  if (s.article) p.set("article", s.article);
  if (s.map) {
    p.set(
      "map",
      [s.map.lon.toFixed(4), s.map.lat.toFixed(4), s.map.zoom.toFixed(2)]
        .map((x) => String(Number(x)))
        .join(","),
    );
  }
  const q = p.toString();
  return q ? `?${q}` : "";
}

/**
 * The /api/events parameters for the filters the server applies (type, actor, place,
 * confidence, disputes; the date range only with `withDates`: the map loads every date and the
 * timeline narrows it, while an export sends it). Text and source kind are applied in the page.
 */
export function serverParams(f: Filters, withDates: boolean): URLSearchParams {
  const p = new URLSearchParams();
  if (withDates && f.from) p.set("from", f.from);
  if (withDates && f.to) p.set("to", f.to);
  const c = classParams(f.classes);
  if (c.type) p.set("type", c.type.join(","));
  if (c.sub_type) p.set("sub_type", c.sub_type.join(","));
  if (f.actor) p.set("actor", f.actor);
  if (f.country) p.set("country", f.country);
  if (f.admin1) p.set("admin1", f.admin1);
  if (f.minConfidence > 0) p.set("min_confidence", String(f.minConfidence));
  if (f.disputed) p.set("disputed", "true");
  return p;
}

/** The fields of an event the page filters on. */
export interface FilterableEvent {
  event_date: string | null;
  event_type: string;
  sub_event_type: string;
  source: string;
  notes: string;
  location: string;
  actor1: string;
  actor2: string;
  assoc_actor_1: string;
  assoc_actor_2: string;
  admin1: string;
  admin2: string;
  country: string;
}

/** The parts of the filters the page applies itself, ready to test events. */
export type ClientFilter = (e: FilterableEvent) => boolean;

/**
 * A test for the filters the server does not apply: the date range (brushed on the timeline),
 * the text (every word, after rasd's normalisation, in the event's notes, place, actors or
 * sources) and the source kinds (through the kinds of the sources the event names).
 */
export function clientFilter(
  f: Filters,
  options: {
    normalize: (s: string) => string;
    sourceKind: (name: string) => string | undefined;
    withDates?: boolean;
    withClasses?: boolean;
  },
): ClientFilter {
  const words = options.normalize(f.q).match(/[\p{L}\p{N}]+/gu) ?? [];
  const kinds = new Set(f.sourceKinds);
  const classes = new Set(f.classes);
  const from = options.withDates === false ? null : f.from;
  const to = options.withDates === false ? null : f.to;
  return (e) => {
    if (from && (!e.event_date || e.event_date < from)) return false;
    if (to && (!e.event_date || e.event_date > to)) return false;
    if (
      options.withClasses &&
      classes.size > 0 &&
      !classes.has(classOf(e.event_type, e.sub_event_type))
    )
      return false;
    if (kinds.size > 0) {
      const names = e.source.split("; ");
      if (!names.some((n) => kinds.has(options.sourceKind(n) ?? "unknown"))) return false;
    }
    if (words.length > 0) {
      const hay = options.normalize(
        [
          e.notes,
          e.location,
          e.actor1,
          e.actor2,
          e.assoc_actor_1,
          e.assoc_actor_2,
          e.source,
          e.admin1,
          e.admin2,
          e.country,
        ].join(" \u0001 "),
      );
      if (!words.every((w) => hay.includes(w))) return false;
    }
    return true;
  };
}
