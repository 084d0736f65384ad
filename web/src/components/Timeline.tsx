/**
 * Events per day by type, stacked, under the map. Dragging across it selects a period (the map
 * and the list show only that period); arrow keys move the period by a day (with Shift: widen
 * it); the play button walks a window of a week (or of the period chosen) through the whole
 * span. Time runs left to right in both languages, like a media timeline.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import type { StoredMapEvent } from "../lib/api.js";
import { CLASS_COLORS, classOf, EVENT_CLASSES, type EventClass } from "../lib/classes.js";
import { CLASS_LABELS, formatDate, type Lang, num, t } from "../lib/i18n.js";

const DAY = 86_400_000;
const toDay = (iso: string) => Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY);
const toIso = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

const HEIGHT = 96;
const AXIS = 18;
const PAD = 12;

export function Timeline({
  lang,
  events,
  from,
  to,
  onRange,
}: {
  lang: Lang;
  events: readonly Pick<StoredMapEvent, "event_date" | "event_type" | "sub_event_type">[];
  from: string | null;
  to: string | null;
  onRange: (from: string | null, to: string | null) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(600);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    setWidth(el.clientWidth);
    return () => ro.disconnect();
  }, []);

  // Counts per bin (a day, or several when the span is long) and class.
  const data = useMemo(() => {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const e of events) {
      if (!e.event_date) continue;
      const d = toDay(e.event_date);
      if (d < lo) lo = d;
      if (d > hi) hi = d;
    }
    if (!Number.isFinite(lo)) return null;
    const days = hi - lo + 1;
    const bin = Math.max(1, Math.ceil(days / Math.max(1, (width - 2 * PAD) / 4)));
    const nBins = Math.ceil(days / bin);
    const counts = EVENT_CLASSES.map(() => new Uint32Array(nBins));
    for (const e of events) {
      if (!e.event_date) continue;
      const b = Math.floor((toDay(e.event_date) - lo) / bin);
      const c = EVENT_CLASSES.indexOf(classOf(e.event_type, e.sub_event_type));
      (counts[c] as Uint32Array)[b] = ((counts[c] as Uint32Array)[b] ?? 0) + 1;
    }
    let max = 1;
    for (let b = 0; b < nBins; b++) {
      let s = 0;
      for (const c of counts) s += c[b] ?? 0;
      if (s > max) max = s;
    }
    return { lo, hi, days, bin, nBins, counts, max };
  }, [events, width]);

  const [playing, setPlaying] = useState(false);
  const [drag, setDrag] = useState<{ a: number; b: number } | null>(null);

  const plotW = Math.max(10, width - 2 * PAD);
  const xOf = (day: number) => (data ? PAD + ((day - data.lo) / data.days) * plotW : PAD);
  const dayAt = (x: number) =>
    data
      ? Math.max(data.lo, Math.min(data.hi, data.lo + Math.floor(((x - PAD) / plotW) * data.days)))
      : 0;

  const sel = drag
    ? { a: Math.min(drag.a, drag.b), b: Math.max(drag.a, drag.b) }
    : data && (from || to)
      ? { a: from ? toDay(from) : data.lo, b: to ? toDay(to) : data.hi }
      : null;

  // Play: a window walks from the start to the end, a day at a time.
  // biome-ignore lint/correctness/useExhaustiveDependencies: starts from the range at the time play is pressed
  useEffect(() => {
    if (!playing || !data) return;
    const width = sel ? sel.b - sel.a : Math.min(6, data.days - 1);
    let start = sel && sel.b < data.hi ? sel.a : data.lo;
    onRange(toIso(start), toIso(start + width));
    const timer = setInterval(() => {
      start += 1;
      if (start + width > data.hi) {
        setPlaying(false);
        return;
      }
      onRange(toIso(start), toIso(start + width));
    }, 450);
    return () => clearInterval(timer);
  }, [playing, data]);

  const pointerDay = (e: React.PointerEvent<SVGRectElement>) => {
    const r = (e.currentTarget.ownerSVGElement as SVGSVGElement).getBoundingClientRect();
    return dayAt(e.clientX - r.left);
  };

  const onKey = (e: React.KeyboardEvent) => {
    if (!data) return;
    const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    if (e.key === "Escape") {
      onRange(null, null);
      return;
    }
    if (!step) return;
    e.preventDefault();
    const cur = sel ?? { a: data.lo, b: Math.min(data.hi, data.lo + 6) };
    let { a, b } = cur;
    if (e.shiftKey) b = Math.max(a, Math.min(data.hi, b + step));
    else if (a + step >= data.lo && b + step <= data.hi) {
      a += step;
      b += step;
    }
    onRange(toIso(a), toIso(b));
  };

  const ticks = useMemo(() => {
    if (!data) return [];
    const steps = [1, 2, 7, 14, 30, 61, 91, 182, 365, 730];
    const target = Math.max(2, Math.floor(plotW / 90));
    const step = steps.find((s) => data.days / s <= target) ?? 1461;
    const out: number[] = [];
    for (let d = data.lo; d <= data.hi; d += step) out.push(d);
    return out;
  }, [data, plotW]);

  const label = sel
    ? `${formatDate(lang, toIso(sel.a))} – ${formatDate(lang, toIso(sel.b))}`
    : t(lang, "clearRange");

  return (
    <section className="timeline" aria-labelledby="timeline-title" data-testid="timeline">
      <div className="timeline-head">
        <h2 id="timeline-title">{t(lang, "timeline")}</h2>
        <button
          type="button"
          className="play"
          onClick={() => setPlaying((p) => !p)}
          disabled={!data || data.days < 2}
          aria-pressed={playing}
          data-testid="timeline-play"
        >
          <span aria-hidden="true">{playing ? "❚❚" : "▶"}</span>{" "}
          {t(lang, playing ? "pause" : "play")}
        </button>
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setPlaying(false);
            onRange(null, null);
          }}
          disabled={!from && !to}
        >
          {t(lang, "clearRange")}
        </button>
        <span className="timeline-range" aria-live="polite">
          {label}
        </span>
      </div>
      <div className="timeline-plot" ref={box} dir="ltr">
        {data ? (
          <div
            role="slider"
            tabIndex={0}
            className="timeline-slider"
            aria-label={`${t(lang, "timeline")}: ${t(lang, "timelineHelp")}`}
            aria-valuemin={data.lo}
            aria-valuemax={data.hi}
            aria-valuenow={sel?.a ?? data.lo}
            aria-valuetext={label}
            onKeyDown={onKey}
          >
            <svg width={width} height={HEIGHT + AXIS} aria-hidden="true">
              {EVENT_CLASSES.map((c, ci) => (
                <g key={c} fill={CLASS_COLORS[c]}>
                  {Array.from({ length: data.nBins }, (_, b) => {
                    const n = data.counts[ci]?.[b] ?? 0;
                    if (!n) return null;
                    let below = 0;
                    for (let k = 0; k < ci; k++) below += data.counts[k]?.[b] ?? 0;
                    const h = (n / data.max) * (HEIGHT - 8);
                    const y0 = HEIGHT - (below / data.max) * (HEIGHT - 8);
                    const x0 = xOf(data.lo + b * data.bin);
                    const x1 = xOf(Math.min(data.hi + 1, data.lo + (b + 1) * data.bin));
                    const w = Math.max(3, x1 - x0 - (x1 - x0 > 4 ? 1.5 : 0));
                    const binLo = data.lo + b * data.bin;
                    const outside = sel !== null && (binLo + data.bin - 1 < sel.a || binLo > sel.b);
                    return (
                      <rect
                        // biome-ignore lint/suspicious/noArrayIndexKey: a bin is its position
                        key={b}
                        x={x0}
                        y={y0 - h}
                        width={w}
                        height={h}
                        opacity={outside ? 0.3 : 1}
                      >
                        <title>
                          {`${formatDate(lang, toIso(data.lo + b * data.bin))}: ${num(lang, n)} ${CLASS_LABELS[c as EventClass][lang]}`}
                        </title>
                      </rect>
                    );
                  })}
                </g>
              ))}
              <line
                x1={PAD}
                x2={PAD + plotW}
                y1={HEIGHT + 0.5}
                y2={HEIGHT + 0.5}
                stroke="#8a8f98"
              />
              {ticks
                .filter((d) => xOf(d) < PAD + plotW - 70)
                .map((d) => (
                  <g key={d}>
                    <line x1={xOf(d)} x2={xOf(d)} y1={HEIGHT} y2={HEIGHT + 4} stroke="#8a8f98" />
                    <text
                      x={xOf(d) + 2}
                      y={HEIGHT + 15}
                      className="tick"
                      direction={lang === "ar" ? "rtl" : "ltr"}
                      textAnchor={lang === "ar" ? "end" : "start"}
                    >
                      {formatDate(lang, toIso(d))}
                    </text>
                  </g>
                ))}
              {sel && (
                <rect
                  className="brush"
                  x={xOf(sel.a)}
                  y={0}
                  width={Math.max(2, xOf(sel.b + 1) - xOf(sel.a))}
                  height={HEIGHT}
                />
              )}
              <rect
                className="brush-area"
                x={PAD}
                y={0}
                width={plotW}
                height={HEIGHT}
                onPointerDown={(e) => {
                  e.currentTarget.setPointerCapture(e.pointerId);
                  setPlaying(false);
                  const d = pointerDay(e);
                  setDrag({ a: d, b: d });
                }}
                onPointerMove={(e) => {
                  if (!drag) return;
                  const d = pointerDay(e);
                  setDrag((g) => (g ? { a: g.a, b: d } : g));
                }}
                onPointerUp={() => {
                  if (!drag || !data) return;
                  const a = Math.min(drag.a, drag.b);
                  const b = Math.max(drag.a, drag.b);
                  setDrag(null);
                  if (a === data.lo && b === data.hi) onRange(null, null);
                  else onRange(toIso(a), toIso(b));
                }}
              />
            </svg>
          </div>
        ) : (
          <p className="empty">{t(lang, "noEvents")}</p>
        )}
      </div>
      <div className="timeline-foot">
        <ul className="timeline-key" aria-label={t(lang, "eventTypes")}>
          {EVENT_CLASSES.filter((_c, ci) => data?.counts[ci]?.some((n) => n > 0)).map((c) => (
            <li key={c}>
              <span className="swatch" style={{ background: CLASS_COLORS[c] }} />
              {CLASS_LABELS[c][lang]}
            </li>
          ))}
        </ul>
        <p className="timeline-help">{t(lang, "timelineHelp")}</p>
      </div>
    </section>
  );
}
