/**
 * mapOrdered: results in the source's order, at most `limit` calls in flight, the source read
 * only as far ahead as that (backpressure), failures in their turn.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { setImmediate as tick } from "node:timers/promises";
import { mapOrdered } from "../../src/scale/ordered.js";

/** A source of 0..n-1 that counts how far it has been read. */
function counting(n: number) {
  const state = { read: 0, closed: false };
  async function* source() {
    try {
      for (let i = 0; i < n; i++) {
        state.read++;
        yield i;
      }
    } finally {
      state.closed = true;
    }
  }
  return { state, source: source() };
}

/** Resolves after `k` turns of the event loop: calls finishing out of order. */
async function turns(k: number): Promise<void> {
  for (let i = 0; i < k; i++) await tick();
}

describe("mapOrdered", () => {
  it("yields every result in the source's order, whatever order the calls finish in", async () => {
    const { source } = counting(200);
    const out: number[] = [];
    for await (const v of mapOrdered(
      source,
      async (i) => {
        await turns((i * 7919) % 13);
        return i * 2;
      },
      8,
    )) {
      out.push(v);
    }
    assert.deepEqual(
      out,
      Array.from({ length: 200 }, (_, i) => i * 2),
    );
  });

  it("keeps at most `limit` calls in flight and reads the source no further ahead than that", async () => {
    const { state, source } = counting(10_000);
    let inFlight = 0;
    let most = 0;
    let taken = 0;
    let furthest = 0;
    for await (const _ of mapOrdered(
      source,
      async (i) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await turns(1 + (i % 5));
        inFlight--;
        return i;
      },
      16,
    )) {
      taken++;
      furthest = Math.max(furthest, state.read - taken);
      // A slow consumer (a writer committing a batch): the source must wait for it.
      if (taken % 100 === 0) await turns(50);
    }
    assert.equal(taken, 10_000);
    assert.ok(most <= 16, `${most} calls in flight`);
    assert.ok(furthest <= 16, `the source was read ${furthest} items ahead of the consumer`);
  });

  it("throws a failed call in its turn, after the results before it, and stops reading", async () => {
    const { state, source } = counting(1000);
    const out: number[] = [];
    await assert.rejects(
      (async () => {
        for await (const v of mapOrdered(
          source,
          async (i) => {
            if (i === 5) throw new Error("five");
            await turns(i % 3);
            return i;
          },
          4,
        )) {
          out.push(v);
        }
      })(),
      /five/,
    );
    assert.deepEqual(out, [0, 1, 2, 3, 4]);
    assert.ok(state.read < 20, `read ${state.read} items`);
    assert.equal(state.closed, true);
  });

  it("yields what was read before the source failed, then its error", async () => {
    async function* failing() {
      yield 1;
      yield 2;
      throw new Error("disk gone");
    }
    const out: number[] = [];
    await assert.rejects(
      (async () => {
        for await (const v of mapOrdered(failing(), async (x) => x * 10, 4)) out.push(v);
      })(),
      /disk gone/,
    );
    assert.deepEqual(out, [10, 20]);
  });

  it("stops reading the source when the consumer stops", async () => {
    const { state, source } = counting(1_000_000);
    for await (const v of mapOrdered(source, async (i) => i, 8)) {
      if (v === 10) break;
    }
    assert.ok(state.read <= 20, `read ${state.read} items`);
    assert.equal(state.closed, true);
  });
});
