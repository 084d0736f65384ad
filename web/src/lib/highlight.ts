/**
 * Cutting a text into runs for highlighting. Spans are UTF-16 `[start, end)` offsets into the
 * original text, as rasd writes them; spans may overlap or nest. The text is cut at every span
 * boundary and each run lists the spans covering it, so the page renders runs as text nodes
 * (never as HTML) inside marks. Pure, no DOM.
 */

export interface Mark<T = unknown> {
  start: number;
  end: number;
  /** What the span is (a CSS class suffix: `actor1`, `place` …). */
  kind: string;
  data?: T;
}

export interface Run<T = unknown> {
  start: number;
  end: number;
  text: string;
  /** Spans covering the run, shortest (innermost) first. */
  marks: Mark<T>[];
}

/**
 * The runs of `text[from, to)`: consecutive pieces with the marks covering each, cut so that no
 * run splits a surrogate pair. Marks outside the window are ignored, marks crossing it clipped.
 */
export function runs<T>(
  text: string,
  marks: readonly Mark<T>[],
  from = 0,
  to = text.length,
): Run<T>[] {
  const lo = Math.max(0, Math.min(from, text.length));
  const hi = Math.max(lo, Math.min(to, text.length));
  const inside = marks.filter((m) => m.end > lo && m.start < hi && m.end > m.start);
  const cuts = new Set<number>([lo, hi]);
  for (const m of inside) {
    cuts.add(safeCut(text, Math.max(lo, m.start)));
    cuts.add(safeCut(text, Math.min(hi, m.end)));
  }
  const points = [...cuts].filter((x) => x >= lo && x <= hi).sort((a, b) => a - b);
  const out: Run<T>[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] as number;
    const end = points[i + 1] as number;
    if (end <= start) continue;
    const covering = inside
      .filter((m) => m.start <= start && m.end >= end)
      .sort((a, b) => a.end - a.start - (b.end - b.start) || a.start - b.start);
    const prev = out[out.length - 1];
    if (prev && covering.length === 0 && prev.marks.length === 0) {
      prev.end = end;
      prev.text = text.slice(prev.start, end);
      continue;
    }
    out.push({ start, end, text: text.slice(start, end), marks: covering });
  }
  return out;
}

/** An offset moved off the middle of a surrogate pair. */
function safeCut(text: string, at: number): number {
  if (at <= 0 || at >= text.length) return at;
  const c = text.charCodeAt(at);
  const p = text.charCodeAt(at - 1);
  return c >= 0xdc00 && c <= 0xdfff && p >= 0xd800 && p <= 0xdbff ? at - 1 : at;
}
