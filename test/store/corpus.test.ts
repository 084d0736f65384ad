/**
 * Real news through the store, on every backend: the first articles of the development corpus
 * (read from ../shared at run time, never copied; skipped when it is absent) analysed, stored,
 * stored again and re-analysed, with the store's invariants checked after each step.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { it } from "node:test";
import { analyze, InputError } from "../../src/index.js";
import type { Store } from "../../src/store/types.js";
import { CORPUS } from "../golden/score.js";
import { type Analysed, allPages, BACKENDS, suite, withStore } from "./helpers.js";

const COUNT = 40;

function corpus(): Analysed[] | null {
  if (!existsSync(CORPUS)) return null;
  const out: Analysed[] = [];
  for (const line of readFileSync(CORPUS, "utf8").split("\n")) {
    if (out.length >= COUNT) break;
    if (!line.trim()) continue;
    const r = JSON.parse(line) as {
      text: string;
      title?: string;
      date?: string;
      source?: string;
      url?: string;
    };
    const input = {
      text: r.text,
      title: r.title ?? null,
      published: r.date ?? null,
      outlet: r.source ?? null,
      url: r.url ?? null,
    };
    try {
      const analysis = analyze({
        text: r.text,
        ...(r.title ? { title: r.title } : {}),
        ...(r.date ? { published: r.date } : {}),
        ...(r.source ? { outlet: r.source } : {}),
      });
      out.push({ input, analysis });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
    }
  }
  return out;
}

const articles = corpus();
const skip = articles ? false : `the corpus is not at ${CORPUS} (set RASD_SHARED_DATA)`;

/** Every event's reports add up, tolls are conservative, and nothing points at a missing row. */
async function checkInvariants(store: Store, data: Analysed[]): Promise<void> {
  const events = (await allPages((cursor) => store.listEvents({ limit: 100, cursor }))).flat();
  const reports = events.reduce((n, e) => n + e.report_count, 0);
  assert.equal(
    reports,
    data.reduce((n, a) => n + a.analysis.events.length, 0),
    "one report per analysed event",
  );
  for (const e of events) {
    assert.ok(e.report_count >= 1 && e.article_count >= 1 && e.article_count <= e.report_count);
    const d = await store.getEvent(e.id);
    assert.equal(d?.reports.length, e.report_count);
    const tolls = d?.reports.map((r) => r.record.fatalities).filter((n) => n > 0) ?? [];
    assert.equal(e.fatalities, tolls.length ? Math.min(...tolls) : 0);
    assert.equal(e.disputed, (d?.disputes.length ?? 0) > 0);
  }
  const claims = (await allPages((cursor) => store.listClaims({ limit: 100, cursor }))).flat();
  assert.equal(
    claims.length,
    data.reduce((n, a) => n + a.analysis.claims.length, 0),
  );
  const ids = new Set(events.map((e) => e.id));
  for (const c of claims)
    for (const e of c.event_ids) assert.ok(ids.has(e), `claim ${c.id} → ${e}`);
}

for (const backend of BACKENDS) {
  suite(backend, "a corpus", () => {
    it(
      `stores ${COUNT} real articles, again idempotently, and re-analyses them keeping every id`,
      { skip },
      () =>
        withStore(backend.kind, async (store) => {
          const data = articles as Analysed[];
          const first = [];
          for (const a of data) first.push(await store.putArticle(a.input, a.analysis));
          await checkInvariants(store, data);
          for (const [i, a] of data.entries()) {
            const again = await store.putArticle(a.input, a.analysis);
            assert.equal(again.created, false);
            assert.deepEqual(again.event_ids, first[i]?.event_ids);
          }
          for (const [i, a] of data.entries()) {
            const re = await store.reanalyze(first[i]?.article_id as string, a.analysis);
            assert.deepEqual(re.event_ids, first[i]?.event_ids);
          }
          await checkInvariants(store, data);
          // Every title is found by its own words.
          for (const a of data.slice(0, 10)) {
            if (!a.input.title) continue;
            const hits = await store.searchArticles({ q: a.input.title, limit: 500 });
            assert.ok(
              hits.items.some((h) => h.title === a.input.title),
              a.input.title,
            );
          }
        }),
    );
  });
}
