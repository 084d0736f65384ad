import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { SpanIndex } from "../../src/text/span-index.js";
import type { Span } from "../../src/types.js";

interface Item extends Span {
  id: number;
}

/** Spans short and long (past the index's binary-searched range), overlapping, nested, empty. */
const items = fc
  .array(fc.tuple(fc.nat({ max: 12_000 }), fc.oneof(fc.nat({ max: 40 }), fc.nat({ max: 9_000 }))), {
    maxLength: 60,
  })
  .map((pairs) => pairs.map(([start, length], id): Item => ({ id, start, end: start + length })));
const query = fc
  .tuple(fc.nat({ max: 13_000 }), fc.nat({ max: 6_000 }))
  .map(([start, length]) => ({ start, end: start + length }));
const ids = (xs: Item[]) => xs.map((x) => x.id);
const runs = { seed: 7, numRuns: 400 };

describe("SpanIndex: the same answers as filtering the list", () => {
  it("finds the spans inside a span, in list order", () => {
    fc.assert(
      fc.property(items, query, (list, q) => {
        const expected = list.filter((x) => x.start >= q.start && x.end <= q.end);
        assert.deepEqual(ids(new SpanIndex(list).inside(q.start, q.end)), ids(expected));
      }),
      runs,
    );
  });

  it("finds the spans around a span, in list order", () => {
    fc.assert(
      fc.property(items, query, (list, q) => {
        const expected = list.filter((x) => x.start <= q.start && x.end >= q.end);
        assert.deepEqual(ids(new SpanIndex(list).containing(q.start, q.end)), ids(expected));
      }),
      runs,
    );
  });

  it("finds the spans overlapping a span, in list order", () => {
    fc.assert(
      fc.property(items, query, (list, q) => {
        const expected = list.filter((x) => x.start < q.end && x.end > q.start);
        assert.deepEqual(ids(new SpanIndex(list).overlapping(q.start, q.end)), ids(expected));
      }),
      runs,
    );
  });

  it("finds the spans starting at an offset, in list order", () => {
    fc.assert(
      fc.property(items, fc.nat({ max: 12_000 }), (list, at) => {
        const probe = list[at % Math.max(1, list.length)]?.start ?? at;
        const expected = list.filter((x) => x.start === probe);
        assert.deepEqual(ids(new SpanIndex(list).startingAt(probe)), ids(expected));
      }),
      runs,
    );
  });

  it("indexes token spans through the accessors it is given", () => {
    const hits = [
      { tokenStart: 4, tokenEnd: 6 },
      { tokenStart: 0, tokenEnd: 2 },
      { tokenStart: 5, tokenEnd: 9 },
    ];
    const index = new SpanIndex(
      hits,
      (h) => h.tokenStart,
      (h) => h.tokenEnd,
    );
    assert.deepEqual(index.inside(0, 6), [hits[0], hits[1]]);
  });
});
