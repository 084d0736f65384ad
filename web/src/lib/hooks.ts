/**
 * Data hooks: the catalog (actors, sources and places, for the filters), the events of the
 * server-side filters (every page, shown as they arrive) and displacement flows.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Flow } from "../map/data.js";
import {
  type ActorCount,
  api,
  type EventDetail,
  mapEvents,
  type StoredEvent,
  type StoredMapEvent,
} from "./api.js";

export interface Catalog {
  actors: ActorCount[];
  /** Source name → kind. */
  sourceKinds: Map<string, string>;
  /** Kinds present, most reports first. */
  kinds: string[];
  /** Country → its first-level regions, from the places with events. */
  regions: Map<string, string[]>;
  /** Bumped after a write, so that lists load again. */
  version: number;
  refresh: () => void;
}

export function useCatalog(): Catalog {
  const [version, setVersion] = useState(0);
  const [data, setData] = useState<Omit<Catalog, "version" | "refresh">>({
    actors: [],
    sourceKinds: new Map(),
    kinds: [],
    regions: new Map(),
  });
  useEffect(() => {
    let live = true;
    void version;
    Promise.all([api.actors(), api.sources(), api.places()])
      .then(([actors, sources, places]) => {
        if (!live) return;
        const kindReports = new Map<string, number>();
        for (const s of sources)
          kindReports.set(s.kind, (kindReports.get(s.kind) ?? 0) + s.reports);
        const regions = new Map<string, Set<string>>();
        for (const p of places) {
          if (!p.country || p.events === 0) continue;
          const set = regions.get(p.country) ?? new Set<string>();
          if (p.admin1) set.add(p.admin1);
          regions.set(p.country, set);
        }
        setData({
          actors: actors.filter((a) => a.events > 0),
          sourceKinds: new Map(sources.map((s) => [s.name, s.kind])),
          kinds: [...kindReports.entries()]
            .filter(([k]) => k !== "outlet")
            .sort((a, b) => b[1] - a[1])
            .map(([k]) => k),
          regions: new Map(
            [...regions.entries()]
              .sort((a, b) => a[0].localeCompare(b[0]))
              .map(([c, s]) => [c, [...s].sort()]),
          ),
        });
      })
      .catch((e) => console.error("catalog", e));
    return () => {
      live = false;
    };
  }, [version]);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  return { ...data, version, refresh };
}

export interface LoadedEvents {
  events: StoredEvent[];
  loading: boolean;
  error: string | null;
}

/**
 * Every event the server-side filters select, page after page; a new key starts over. While
 * `hold` is true, only the first page is read (the map's compact load goes first: with 100,000
 * events, 200 pages of whole events would compete with it for the server and the page).
 */
export function useEvents(
  serverKey: string,
  version: number,
  hold: boolean,
  /** Bumped to load again (after an error). */
  attempt: number,
): LoadedEvents {
  const held = useRef(hold);
  held.current = hold;
  const waiting = useRef<(() => void)[]>([]);
  const release = useCallback(() => {
    for (const go of waiting.current.splice(0)) go();
  }, []);
  useEffect(() => {
    if (!hold) release();
  }, [hold, release]);
  const [events, setEvents] = useState<StoredEvent[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void version;
    void attempt;
    const ctrl = new AbortController();
    setLoading(true);
    setError(null);
    const pages = pagesShown(setEvents);
    api
      .events(new URLSearchParams(serverKey), {
        signal: ctrl.signal,
        beforeNext: () =>
          held.current ? new Promise<void>((go) => waiting.current.push(go)) : undefined,
        onPage: pages.add,
      })
      .then(() => {
        if (ctrl.signal.aborted) return;
        performance.mark("rasd:events-loaded");
        pages.done();
        setLoading(false);
      })
      .catch((e: Error) => {
        if (ctrl.signal.aborted) return;
        setError(e.message);
        setLoading(false);
      });
    return () => {
      ctrl.abort();
      release();
    };
  }, [serverKey, version, attempt, release]);
  return { events, loading, error };
}

/**
 * Pages gathered as they arrive and shown: the first at once, then at most every 2 s while
 * pages arrive (each showing re-clusters the map and re-sorts the list: enough to show
 * progress), and all of them when `done`.
 */
function pagesShown<T>(show: (items: T[]) => void): {
  add: (items: T[]) => void;
  done: () => void;
} {
  let all: T[] = [];
  let shownAt = Number.NEGATIVE_INFINITY;
  return {
    add: (items) => {
      all = all.concat(items);
      const now = performance.now();
      if (now - shownAt > 2000) {
        shownAt = now;
        show(all);
      }
    },
    done: () => show(all),
  };
}

export interface LoadedMapEvents {
  events: StoredMapEvent[];
  loading: boolean;
  error: string | null;
}

/**
 * What the map draws of every event the server-side filters select, in the API's compact
 * format (`format=map`: 10,000 a page, a few fields each), for the map and the timeline; a new
 * key starts over. The first page is shown at once, then at most every 2 s until the last.
 */
export function useMapEvents(
  serverKey: string,
  version: number,
  /** Bumped to load again (after an error). */
  attempt: number,
): LoadedMapEvents {
  const [events, setEvents] = useState<StoredMapEvent[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void version;
    void attempt;
    const ctrl = new AbortController();
    setLoading(true);
    setError(null);
    const pages = pagesShown(setEvents);
    mapEvents(new URLSearchParams(serverKey), { signal: ctrl.signal, onPage: pages.add })
      .then(() => {
        if (ctrl.signal.aborted) return;
        performance.mark("rasd:map-events-loaded");
        pages.done();
        setLoading(false);
      })
      .catch((e: Error) => {
        if (ctrl.signal.aborted) return;
        console.error("map events", e);
        setError(e.message);
        setLoading(false);
      });
    return () => ctrl.abort();
  }, [serverKey, version, attempt]);
  return { events, loading, error };
}

/** Details read for flows, failures included (an event gone is not asked for again). */
const flowDetails = new Map<string, Promise<EventDetail | null>>();
function flowDetail(id: string): Promise<EventDetail | null> {
  let p = flowDetails.get(id);
  if (!p) {
    p = api.event(id).catch(() => null);
    flowDetails.set(id, p);
  }
  return p;
}

/** Displacement events drawn as arrows at most (each needs its detail). */
const MAX_FLOW_EVENTS = 200;

/**
 * Origin → destination arrows of the displacement events shown: each event's reports carry the
 * analysis' displacement (origin and destinations), read from the event's detail.
 */
export function useFlows(events: readonly StoredEvent[], loading: boolean): Flow[] {
  const [flows, setFlows] = useState<Flow[]>([]);
  // Read once the events have all come (not at every page), the most reported first.
  const key = useMemo(
    () =>
      loading
        ? null
        : events
            .filter((e) => e.event_type === "Displacement")
            .sort((a, b) => b.report_count - a.report_count || a.id.localeCompare(b.id))
            .slice(0, MAX_FLOW_EVENTS)
            .map((e) => e.id)
            .join(","),
    [events, loading],
  );
  useEffect(() => {
    if (key === null) return;
    let live = true;
    const wanted = key ? key.split(",") : [];
    Promise.all(wanted.map((id) => flowDetail(id))).then((details) => {
      if (!live) return;
      const out: Flow[] = [];
      for (const d of details) {
        if (!d) continue;
        const seen = new Set<string>();
        for (const r of d.reports) {
          const disp = r.record.displacement;
          const o = disp?.origin;
          if (!disp || !o || o.latitude === null || o.longitude === null) continue;
          for (const dest of disp.destinations) {
            if (dest.latitude === null || dest.longitude === null) continue;
            const k = `${o.longitude},${o.latitude}>${dest.longitude},${dest.latitude}`;
            if (seen.has(k)) continue;
            seen.add(k);
            out.push({
              eventId: d.id,
              from: [o.longitude, o.latitude],
              to: [dest.longitude, dest.latitude],
            });
          }
        }
      }
      setFlows(out);
    });
    return () => {
      live = false;
    };
  }, [key]);
  return flows;
}
