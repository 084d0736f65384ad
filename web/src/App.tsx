/**
 * The workspace: a header with the sections and the language, then the map (filters and event
 * list beside it, timeline under it, the selected event's panel), the disputes board, the
 * reader and the page to add news. The whole state lives in the URL (lib/state.ts).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { normalizeForMatch } from "../../src/text/normalize.js";
import { AddNews } from "./components/AddNews.js";
import { Disputes } from "./components/Disputes.js";
import { EventList } from "./components/EventList.js";
import { EventPanel } from "./components/EventPanel.js";
import { ExportMenu } from "./components/ExportMenu.js";
import { FiltersPanel } from "./components/Filters.js";
import { Legend } from "./components/Legend.js";
import { Reader } from "./components/Reader.js";
import { Timeline } from "./components/Timeline.js";
import { clearCache, type StoredEvent } from "./lib/api.js";
import { useCatalog, useEvents, useFlows, useMapEvents } from "./lib/hooks.js";
import { type Lang, t } from "./lib/i18n.js";
import {
  type AppState,
  clientFilter,
  type Filters,
  type MapPosition,
  parseState,
  serverParams,
  stateToSearch,
  VIEWS,
  type View,
} from "./lib/state.js";
import { MapView } from "./map/MapView.js";

function storedLang(): Lang {
  try {
    const l = localStorage.getItem("rasd-lang");
    if (l === "en" || l === "ar") return l;
  } catch {}
  return "ar";
}

const VIEW_LABEL = {
  map: "viewMap",
  disputes: "viewDisputes",
  reader: "viewReader",
  add: "viewAdd",
} as const;

export function App() {
  const [state, setState] = useState<AppState>(() => parseState(location.search, storedLang()));
  const { lang, filters, view } = state;
  const pushNext = useRef(false);

  // The URL follows the state: a new history entry for a new section, event or article.
  useEffect(() => {
    const search = stateToSearch(state);
    if (search === location.search) return;
    const url = `${location.pathname}${search}`;
    if (pushNext.current) history.pushState(null, "", url);
    else history.replaceState(null, "", url);
    pushNext.current = false;
  }, [state]);
  useEffect(() => {
    const onPop = () => setState(parseState(location.search, storedLang()));
    addEventListener("popstate", onPop);
    return () => removeEventListener("popstate", onPop);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dir = lang === "ar" ? "rtl" : "ltr";
    document.title = `${t(lang, "appName")} — ${t(lang, VIEW_LABEL[view])}`;
    try {
      localStorage.setItem("rasd-lang", lang);
    } catch {}
  }, [lang, view]);

  const update = useCallback((patch: Partial<AppState>, push = false) => {
    if (push) pushNext.current = true;
    setState((s) => ({ ...s, ...patch }));
  }, []);
  const setFilters = useCallback(
    (patch: Partial<Filters>) => setState((s) => ({ ...s, filters: { ...s.filters, ...patch } })),
    [],
  );

  const catalog = useCatalog();
  const serverKey = serverParams(filters, false).toString();
  // The map and the timeline draw from the compact format (every event in a few requests); the
  // list, the text and the source kinds need whole events, which come page by page, after the
  // first page the map's load first.
  const [attempt, setAttempt] = useState(0);
  const mapLoaded = useMapEvents(serverKey, catalog.version, attempt);
  const loaded = useEvents(serverKey, catalog.version, mapLoaded.loading, attempt);

  const sourceKind = useCallback(
    (name: string) => catalog.sourceKinds.get(name),
    [catalog.sourceKinds],
  );
  // Everything the filters keep except the dates: the timeline shows it all, brushed.
  const undated = useMemo(() => {
    const keep = clientFilter(filters, {
      normalize: normalizeForMatch,
      sourceKind,
      withDates: false,
    });
    return loaded.events.filter(keep);
  }, [loaded.events, filters, sourceKind]);
  const shown = useMemo(() => {
    if (!filters.from && !filters.to) return undated;
    const keep = clientFilter(
      { ...filters, q: "", sourceKinds: [] },
      { normalize: normalizeForMatch, sourceKind },
    );
    return undated.filter(keep);
  }, [undated, filters, sourceKind]);
  const flows = useFlows(shown, loaded.loading);

  // The map's events: those the text and source kinds keep (known once whole events have come),
  // then the dates.
  const pageFiltered = filters.q.trim() !== "" || filters.sourceKinds.length > 0;
  const mapUndated = useMemo(() => {
    if (!pageFiltered) return mapLoaded.events;
    const keep = new Set(undated.map((e) => e.id));
    return mapLoaded.events.filter((e) => keep.has(e.id));
  }, [mapLoaded.events, undated, pageFiltered]);
  const mapShown = useMemo(() => {
    const { from, to } = filters;
    if (!from && !to) return mapUndated;
    return mapUndated.filter(
      (e) => !!e.event_date && (!from || e.event_date >= from) && (!to || e.event_date <= to),
    );
  }, [mapUndated, filters]);

  // An event chosen with the map's keys leaves the focus on the map, to go on stepping.
  const panelTakesFocus = useRef(true);
  const selectEvent = useCallback(
    (id: string | null) => {
      panelTakesFocus.current = true;
      update({ event: id, ...(id ? { view: "map" as View } : {}) }, true);
    },
    [update],
  );
  const stepToEvent = useCallback(
    (id: string) => {
      panelTakesFocus.current = false;
      update({ event: id, view: "map" as View }, true);
    },
    [update],
  );
  const onMove = useCallback((map: MapPosition) => setState((s) => ({ ...s, map })), []);
  const openArticle = useCallback(
    (id: string) => update({ view: "reader", article: id }, true),
    [update],
  );

  const exportKeep = useMemo(() => {
    if (!filters.q.trim() && filters.sourceKinds.length === 0) return null;
    const ids = new Set(shown.map((e) => e.id));
    return (id: string) => ids.has(id);
  }, [shown, filters.q, filters.sourceKinds]);

  return (
    <div className="app">
      <a className="skip" href="#content">
        {t(lang, "skipToContent")}
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="brand-name">{t(lang, "appName")}</span>
          <span className="brand-tagline">{t(lang, "appTagline")}</span>
        </div>
        <nav aria-label={t(lang, "views")} className="tabs">
          {VIEWS.map((v) => (
            <button
              key={v}
              type="button"
              className="tab"
              aria-current={view === v ? "page" : undefined}
              onClick={() => update({ view: v }, true)}
              data-testid={`tab-${v}`}
            >
              {t(lang, VIEW_LABEL[v])}
            </button>
          ))}
        </nav>
        <div className="topbar-tools">
          <ExportMenu lang={lang} params={serverParams(filters, true)} keep={exportKeep} />
          <button
            type="button"
            className="lang-toggle"
            lang={lang === "ar" ? "en" : "ar"}
            aria-label={t(lang, "switchLangLabel")}
            onClick={() => update({ lang: lang === "ar" ? "en" : "ar" })}
            data-testid="lang-toggle"
          >
            {t(lang, "switchLang")}
          </button>
        </div>
      </header>
      <main id="content" className={`main view-${view}`} tabIndex={-1}>
        {view === "map" && (
          <div className="workspace">
            <aside className="sidebar" aria-label={t(lang, "filters")}>
              <FiltersPanel
                lang={lang}
                filters={filters}
                onChange={setFilters}
                catalog={catalog}
                onReset={() => update({ filters: { ...filters, ...RESET } })}
              />
              <EventList
                lang={lang}
                events={shown}
                total={loaded.events.length}
                loading={loaded.loading}
                error={loaded.error ?? mapLoaded.error}
                onRetry={() => setAttempt((a) => a + 1)}
                selectedId={state.event}
                onSelect={selectEvent}
              />
            </aside>
            <section className="mapcol" aria-label={t(lang, "map")}>
              <div className="mapwrap">
                <MapView
                  lang={lang}
                  events={mapShown}
                  flows={flows}
                  selectedId={state.event}
                  initial={state.map}
                  fitKey={serverKey}
                  onSelect={selectEvent}
                  onStep={stepToEvent}
                  onMove={onMove}
                />
                <Legend lang={lang} />
              </div>
              <Timeline
                lang={lang}
                events={mapUndated}
                from={filters.from}
                to={filters.to}
                onRange={(from, to) => setFilters({ from, to })}
              />
            </section>
            {state.event && (
              <EventPanel
                key={state.event}
                lang={lang}
                id={state.event}
                takeFocus={panelTakesFocus.current}
                onClose={() => selectEvent(null)}
                onOpenArticle={openArticle}
                onShowDisputes={() => update({ view: "disputes" }, true)}
              />
            )}
          </div>
        )}
        {view === "disputes" && (
          <Disputes lang={lang} onSelectEvent={selectEvent} onOpenArticle={openArticle} />
        )}
        {view === "reader" && (
          <Reader
            lang={lang}
            articleId={state.article}
            onOpen={(id) => update({ article: id }, true)}
            onSelectEvent={selectEvent}
          />
        )}
        {view === "add" && (
          <AddNews
            lang={lang}
            onStored={() => {
              clearCache();
              catalog.refresh();
            }}
            onOpenArticle={openArticle}
            onShowEvents={() => update({ view: "map", filters: { ...filters, ...RESET } }, true)}
          />
        )}
      </main>
    </div>
  );
}

const RESET: Partial<Filters> = {
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

export type { StoredEvent };
