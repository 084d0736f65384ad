/**
 * The events the filters keep, newest first, as a virtual list (only the rows in view are in
 * the page, so 100,000 events scroll as smoothly as ten). Up and down arrows move between rows,
 * Enter opens one.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import type { StoredEvent } from "../lib/api.js";
import { classOf, familyOf } from "../lib/classes.js";
import { CLASS_LABELS, count, formatDate, type Lang, num, t } from "../lib/i18n.js";
import { EventSymbol } from "./EventSymbol.js";

const ROW = 66;
const OVERSCAN = 6;

export function EventList({
  lang,
  events,
  total,
  loading,
  error,
  onRetry,
  selectedId,
  onSelect,
}: {
  lang: Lang;
  events: readonly StoredEvent[];
  total: number;
  loading: boolean;
  error: string | null;
  onRetry: () => void;
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const sorted = useMemo(
    () =>
      [...events].sort(
        (a, b) =>
          (b.event_date ?? "").localeCompare(a.event_date ?? "") || a.id.localeCompare(b.id),
      ),
    [events],
  );
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);
  const [active, setActive] = useState(0);
  const focusWanted = useRef(false);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    setHeight(el.clientHeight);
    return () => ro.disconnect();
  }, []);

  // The selected event's row comes into view.
  useEffect(() => {
    if (!selectedId) return;
    const i = sorted.findIndex((e) => e.id === selectedId);
    const el = scroller.current;
    if (i < 0 || !el) return;
    setActive(i);
    if (i * ROW < el.scrollTop || (i + 1) * ROW > el.scrollTop + el.clientHeight) {
      el.scrollTop = Math.max(0, i * ROW - el.clientHeight / 2);
    }
  }, [selectedId, sorted]);

  useEffect(() => {
    if (!focusWanted.current) return;
    focusWanted.current = false;
    scroller.current?.querySelector<HTMLButtonElement>(`[data-index="${active}"]`)?.focus();
  });

  const first = Math.max(0, Math.floor(scrollTop / ROW) - OVERSCAN);
  const last = Math.min(sorted.length, Math.ceil((scrollTop + height) / ROW) + OVERSCAN);
  const activeIndex = Math.min(active, Math.max(0, sorted.length - 1));

  const onKeyDown = (e: React.KeyboardEvent) => {
    const moves: Record<string, number> = {
      ArrowDown: 1,
      ArrowUp: -1,
      PageDown: Math.floor(height / ROW),
      PageUp: -Math.floor(height / ROW),
    };
    let next: number | null = null;
    if (e.key in moves) next = activeIndex + (moves[e.key] as number);
    if (e.key === "Home") next = 0;
    if (e.key === "End") next = sorted.length - 1;
    if (next === null || sorted.length === 0) return;
    e.preventDefault();
    next = Math.max(0, Math.min(sorted.length - 1, next));
    const el = scroller.current;
    if (el) {
      if (next * ROW < el.scrollTop) el.scrollTop = next * ROW;
      else if ((next + 1) * ROW > el.scrollTop + el.clientHeight)
        el.scrollTop = (next + 1) * ROW - el.clientHeight;
      setScrollTop(el.scrollTop);
    }
    focusWanted.current = true;
    setActive(next);
  };

  const countText =
    sorted.length === total
      ? count(lang, "event", sorted.length)
      : t(lang, "eventsOf", { n: sorted.length, total: count(lang, "event", total) });

  return (
    <section className="eventlist" aria-labelledby="eventlist-title">
      <div className="eventlist-head">
        <h2 id="eventlist-title">{t(lang, "events")}</h2>
        <span className="count" aria-live="polite" data-testid="event-count">
          {loading ? t(lang, "loadingPages", { n: total }) : countText}
        </span>
      </div>
      {error && (
        <div className="error" role="alert">
          {t(lang, "error")}: {error}{" "}
          <button type="button" onClick={onRetry}>
            {t(lang, "retry")}
          </button>
        </div>
      )}
      {!loading && !error && sorted.length === 0 && (
        <p className="empty">{total === 0 ? t(lang, "emptyStore") : t(lang, "noEvents")}</p>
      )}
      <div
        className="eventlist-scroll"
        ref={scroller}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <ul style={{ height: sorted.length * ROW }} data-testid="event-list">
          {sorted.slice(first, last).map((e, k) => {
            const i = first + k;
            const cls = classOf(e.event_type, e.sub_event_type);
            return (
              <li key={e.id} style={{ top: i * ROW, height: ROW }}>
                <button
                  type="button"
                  className="event-row"
                  data-index={i}
                  data-event-id={e.id}
                  tabIndex={i === activeIndex ? 0 : -1}
                  aria-current={e.id === selectedId ? "true" : undefined}
                  onKeyDown={onKeyDown}
                  onClick={() => {
                    setActive(i);
                    onSelect(e.id);
                  }}
                >
                  <EventSymbol cls={cls} family={familyOf(e.inter1)} size={22} />
                  <span className="event-row-body">
                    <span className="event-row-title">
                      {CLASS_LABELS[cls][lang]}
                      {e.fatalities > 0 && (
                        <span className="badge fatal">
                          {num(lang, e.fatalities)} {t(lang, "fatalities")}
                        </span>
                      )}
                      {e.disputed && <span className="badge disputed">{t(lang, "disputed")}</span>}
                    </span>
                    <span className="event-row-where">
                      <bdi>
                        {[e.location, e.admin1].filter(Boolean).join(lang === "ar" ? "، " : ", ") ||
                          e.country}
                      </bdi>
                      {" · "}
                      <time dateTime={e.event_date ?? undefined}>
                        <bdi>{formatDate(lang, e.event_date)}</bdi>
                      </time>
                    </span>
                    <span className="event-row-actors" dir="ltr">
                      {[e.actor1, e.actor2].filter(Boolean).join(" — ")}
                    </span>
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}
