/**
 * Bounded, ordered concurrency for streams: `mapOrdered` runs an async function over a source
 * with at most `limit` calls in flight and yields their results in the source's order. The
 * source is pulled only while fewer than `limit` results wait (backpressure): a JSONL archive of
 * many gigabytes is read as fast as the slowest stage takes it, never into memory ahead of it.
 */

type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

const settle = <R>(p: Promise<R>): Promise<Settled<R>> =>
  p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

/**
 * `fn` over every item of `source`, at most `limit` at a time, results in source order. A
 * failed call is thrown when its turn comes (the ones before it are yielded first); so is a
 * failure of the source itself, after every result read before it. Stopping early (a `break`
 * in the consumer) stops reading the source; calls still in flight are left to finish unheard.
 */
export async function* mapOrdered<T, R>(
  source: AsyncIterable<T> | Iterable<T>,
  fn: (item: T) => Promise<R>,
  limit: number,
): AsyncGenerator<R, void, undefined> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError("limit must be at least 1");
  const queue: Promise<Settled<R>>[] = [];
  let ended = false;
  let stopped = false;
  let awaiting = false;
  let sourceError: { error: unknown } | undefined;
  // Wakes the consumer (a result was queued, or the source ended) and the reader (room freed).
  let wakeConsumer: (() => void) | undefined;
  let wakeReader: (() => void) | undefined;
  const consumerWake = () => {
    const w = wakeConsumer;
    wakeConsumer = undefined;
    w?.();
  };
  const readerWake = () => {
    const w = wakeReader;
    wakeReader = undefined;
    w?.();
  };

  // The reader runs beside the consumer, so that a slow source never holds back results that
  // are ready, and a slow consumer (a writer committing a batch) never starves the calls.
  const reader = (async () => {
    try {
      for await (const item of source) {
        if (stopped) break;
        let call: Promise<R>;
        try {
          call = fn(item);
        } catch (error) {
          call = Promise.reject(error);
        }
        queue.push(settle(call));
        consumerWake();
        // The head being awaited by the consumer has left the queue but is still in flight.
        while (queue.length + (awaiting ? 1 : 0) >= limit && !stopped) {
          await new Promise<void>((resolve) => {
            wakeReader = resolve;
          });
        }
        if (stopped) break;
      }
    } catch (error) {
      sourceError = { error };
    } finally {
      ended = true;
      consumerWake();
    }
  })();

  try {
    for (;;) {
      const head = queue.shift();
      if (head === undefined) {
        if (ended) {
          if (sourceError) throw sourceError.error;
          return;
        }
        await new Promise<void>((resolve) => {
          wakeConsumer = resolve;
        });
        continue;
      }
      awaiting = true;
      const r = await head;
      awaiting = false;
      // Room for one more once this one is done (it counted as in flight until now).
      readerWake();
      if (!r.ok) throw r.error;
      yield r.value;
    }
  } finally {
    stopped = true;
    readerWake();
    await reader;
  }
}
