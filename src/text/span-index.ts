/**
 * Spans found by position. The stages ask, sentence by sentence or claim by claim, which
 * entities, places, dates or triggers lie inside (or around) a span; filtering the whole
 * document's list each time made long articles quadratic (a text of a thousand sentences took
 * seconds, one of ten thousand minutes). An index sorts the spans by start once and answers each
 * question by binary search, in the list's own order, so that `find` and `at(-1)` on an answer
 * pick what they picked from the filtered list.
 *
 * Spans are `[start, end)` with start ≤ end, in characters or in tokens (`startOf`/`endOf`).
 */
import type { Span } from "../types.js";

/** Spans at most this long are found around a span by binary search; longer ones are scanned. */
const SHORT = 4096;

const spanStart = (x: unknown) => (x as Span).start;
const spanEnd = (x: unknown) => (x as Span).end;

export class SpanIndex<T> {
  /** Positions in `items` of the short spans, by start (ties in list order). */
  private readonly order: number[];
  private readonly starts: number[];
  /** The longest short span. */
  private readonly maxShort: number;
  /** Positions of the spans longer than SHORT, in list order. */
  private readonly long: number[] = [];

  constructor(
    readonly items: readonly T[],
    private readonly startOf: (x: T) => number = spanStart,
    private readonly endOf: (x: T) => number = spanEnd,
  ) {
    const short: number[] = [];
    let maxShort = 0;
    items.forEach((x, i) => {
      const length = endOf(x) - startOf(x);
      if (length > SHORT) this.long.push(i);
      else {
        short.push(i);
        if (length > maxShort) maxShort = length;
      }
    });
    short.sort((a, b) => startOf(items[a] as T) - startOf(items[b] as T) || a - b);
    this.order = short;
    this.starts = short.map((i) => startOf(items[i] as T));
    this.maxShort = maxShort;
  }

  /** The items inside `[start, end]`: start ≤ their start and their end ≤ end, in list order. */
  inside(start: number, end: number): T[] {
    const hits: number[] = [];
    for (let k = this.lowerBound(start); k < this.order.length; k++) {
      if ((this.starts[k] as number) > end) break;
      const i = this.order[k] as number;
      if (this.endOf(this.items[i] as T) <= end) hits.push(i);
    }
    for (const i of this.long) {
      const x = this.items[i] as T;
      if (this.startOf(x) >= start && this.endOf(x) <= end) hits.push(i);
    }
    return this.pick(hits);
  }

  /** The items around `[start, end]`: their start ≤ start and end ≤ their end, in list order. */
  containing(start: number, end: number): T[] {
    const hits: number[] = [];
    for (let k = this.lowerBound(end - this.maxShort); k < this.order.length; k++) {
      if ((this.starts[k] as number) > start) break;
      const i = this.order[k] as number;
      if (this.endOf(this.items[i] as T) >= end) hits.push(i);
    }
    for (const i of this.long) {
      const x = this.items[i] as T;
      if (this.startOf(x) <= start && this.endOf(x) >= end) hits.push(i);
    }
    return this.pick(hits);
  }

  /** The items that overlap `[start, end)`: their start < end and start < their end, in list order. */
  overlapping(start: number, end: number): T[] {
    const hits: number[] = [];
    for (let k = this.lowerBound(start - this.maxShort); k < this.order.length; k++) {
      if ((this.starts[k] as number) >= end) break;
      const i = this.order[k] as number;
      if (this.endOf(this.items[i] as T) > start) hits.push(i);
    }
    for (const i of this.long) {
      const x = this.items[i] as T;
      if (this.startOf(x) < end && this.endOf(x) > start) hits.push(i);
    }
    return this.pick(hits);
  }

  /** The items that start at `start`, in list order. */
  startingAt(start: number): T[] {
    const hits: number[] = [];
    for (let k = this.lowerBound(start); this.starts[k] === start; k++)
      hits.push(this.order[k] as number);
    for (const i of this.long) if (this.startOf(this.items[i] as T) === start) hits.push(i);
    return this.pick(hits);
  }

  /** The first position in `starts` whose start is at least `start`. */
  private lowerBound(start: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.starts[mid] as number) < start) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private pick(hits: number[]): T[] {
    for (let k = 1; k < hits.length; k++) {
      if ((hits[k] as number) < (hits[k - 1] as number)) {
        hits.sort((a, b) => a - b);
        break;
      }
    }
    return hits.map((i) => this.items[i] as T);
  }
}
