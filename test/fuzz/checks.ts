/**
 * What must hold of every analysis, whatever the input: offsets are sacred (every span lies in
 * the text, and the text it records is the text at those offsets), ids point at what exists, the
 * output validates against docs/schema/analysis.schema.json, and input is either analysed or
 * refused with an `InputError` — never a crash.
 */
import assert from "node:assert/strict";
import { type AnalyzeOptions, analyze, InputError } from "../../src/index.js";
import type { AnalysisResult, OutAttribution, OutPlace } from "../../src/output/json.js";
import type { Article } from "../../src/types.js";
import { explain, schemaErrors } from "../analysis-schema.js";

interface SpanLike {
  start: number;
  end: number;
}

/**
 * Asserts 0 ≤ start < end ≤ length (start ≤ end where `empty` is allowed: a quotation's inside
 * may be empty), and that `recorded`, when given, is the text at the span.
 */
export function checkSpan(
  text: string,
  span: SpanLike | null | undefined,
  where: string,
  options: { recorded?: string; empty?: boolean } = {},
): void {
  if (span === null || span === undefined) return;
  const { start, end } = span;
  const ok =
    Number.isInteger(start) &&
    Number.isInteger(end) &&
    start >= 0 &&
    end <= text.length &&
    (options.empty ? start <= end : start < end);
  assert.ok(ok, `${where}: span ${start}–${end} outside the text (length ${text.length})`);
  if (options.recorded !== undefined) {
    assert.equal(
      text.slice(start, end),
      options.recorded,
      `${where}: the recorded text is not the text at ${start}–${end}`,
    );
  }
}

function checkPlace(text: string, p: OutPlace, where: string): void {
  checkSpan(text, p, where, { recorded: p.text });
}

/** Every span of the analysis of `text`, every cross-reference, and the schema. */
export function checkAnalysis(text: string, r: AnalysisResult): void {
  assert.equal(r.metadata.text_length, text.length, "metadata.text_length");
  for (const [i, p] of r.parts.entries()) checkSpan(text, p, `parts[${i}]`);
  for (const [i, e] of r.entities.entries()) {
    checkSpan(text, e, `entities[${i}]`, { recorded: e.text });
    checkSpan(text, e.role_span, `entities[${i}].role_span`);
    checkSpan(text, e.refers_to, `entities[${i}].refers_to`);
  }
  for (const [i, p] of r.places.entries()) checkPlace(text, p, `places[${i}]`);
  const eventIds = new Set<string>();
  for (const [list, events] of [
    ["events", r.events],
    ["non_events", r.non_events],
  ] as const) {
    for (const [i, e] of events.entries()) {
      const at = `${list}[${i}]`;
      assert.ok(!eventIds.has(e.id), `${at}: id ${e.id} given twice`);
      eventIds.add(e.id);
      assert.ok(e.evidence.length > 0, `${at}: no evidence`);
      for (const [k, x] of e.evidence.entries())
        checkSpan(text, x, `${at}.evidence[${k}] (${x.role})`);
      checkChain(text, e.attribution, `${at}.attribution`);
      if (e.displacement) {
        if (e.displacement.origin) checkPlace(text, e.displacement.origin, `${at}.origin`);
        for (const [k, p] of e.displacement.destinations.entries())
          checkPlace(text, p, `${at}.destinations[${k}]`);
        checkSpan(text, e.displacement.people, `${at}.displacement.people`);
      }
    }
  }
  const claimIds = new Set(r.claims.map((c) => c.id));
  assert.equal(claimIds.size, r.claims.length, "claim ids are unique");
  for (const [i, c] of r.claims.entries()) {
    const at = `claims[${i}]`;
    checkSpan(text, c.speaker.span, `${at}.speaker`);
    checkSpan(text, c.verb.span, `${at}.verb`);
    checkSpan(text, c.content, `${at}.content`);
    checkChain(text, c.attribution, `${at}.attribution`);
    for (const id of c.event_ids)
      assert.ok(eventIds.has(id), `${at}: event ${id} is not in the analysis`);
  }
  for (const [i, d] of r.disputes.entries()) {
    const at = `disputes[${i}]`;
    for (const [k, side] of d.sides.entries()) {
      for (const id of side.claim_ids)
        assert.ok(claimIds.has(id), `${at}.sides[${k}]: claim ${id} is not in the analysis`);
      const told = r.claims
        .filter((c) => side.claim_ids.includes(c.id))
        .map((c) => text.slice(c.content.start, c.content.end));
      assert.ok(told.includes(side.position), `${at}.sides[${k}]: position is no claim's content`);
    }
    for (const c of d.corroborations)
      assert.ok(claimIds.has(c.claim_id), `${at}: corroborating claim ${c.claim_id} is unknown`);
    for (const id of d.event_ids)
      assert.ok(eventIds.has(id), `${at}: event ${id} is not in the analysis`);
  }
  for (const [i, d] of r.dates.entries()) checkSpan(text, d, `dates[${i}]`);
  for (const [i, q] of r.quantities.entries()) checkSpan(text, q, `quantities[${i}]`);
  for (const [i, q] of r.quotes.entries()) {
    checkSpan(text, q, `quotes[${i}]`);
    checkSpan(text, q.inner, `quotes[${i}].inner`, { empty: true });
    assert.ok(q.start <= q.inner.start && q.inner.end <= q.end, `quotes[${i}]: inner outside`);
  }
  for (const [i, d] of r.diagnostics.entries()) checkSpan(text, d.span, `diagnostics[${i}]`);
  if (r.tokens) {
    assert.equal(r.text, text, "the text returned with the tokens");
    let previous = 0;
    for (const [i, t] of r.tokens.entries()) {
      checkSpan(text, t, `tokens[${i}]`);
      assert.ok(t.start >= previous, `tokens[${i}] overlaps the token before it`);
      previous = t.end;
    }
    const count = r.tokens.length;
    for (const [i, s] of (r.sentences ?? []).entries()) {
      checkSpan(text, s, `sentences[${i}]`);
      assert.ok(s.token_start < s.token_end && s.token_end <= count, `sentences[${i}] tokens`);
    }
  }
  const errors = schemaErrors(r);
  assert.deepEqual(errors, [], explain(errors));
}

/** A chain's links name the text at their spans; the verb's span lies in the text. */
function checkChain(text: string, a: OutAttribution, where: string): void {
  for (const [k, l] of a.chain.entries())
    checkSpan(text, l.span, `${where}.chain[${k}]`, { recorded: l.name });
  checkSpan(text, a.verb?.span, `${where}.verb`);
}

/**
 * The analysis of an article, or the `InputError` that refused it. Anything else thrown is a
 * crash and propagates.
 */
export function analyzeOrRefuse(
  article: Article,
  options: AnalyzeOptions = {},
): AnalysisResult | InputError {
  try {
    return analyze(article, options);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
}

/** Per-call time budget of the test suite's fuzz runs: generous, for a shared machine. */
export const CALL_BUDGET_MS = 10_000;

/** Runs `fn`, asserting it returns within `budgetMs`. */
export function withinBudget<T>(what: string, budgetMs: number, fn: () => T): T {
  const start = performance.now();
  const result = fn();
  const ms = performance.now() - start;
  assert.ok(ms <= budgetMs, `${what} took ${Math.round(ms)} ms, over its ${budgetMs} ms budget`);
  return result;
}

/**
 * Analyses an article twice and checks the analysis (or the refusal): every check above, the
 * time budget, and that both runs give the same JSON.
 */
export function checkArticle(
  article: Article,
  options: AnalyzeOptions = {},
  budgetMs = CALL_BUDGET_MS,
): AnalysisResult | InputError {
  const first = withinBudget("analyze", budgetMs, () => analyzeOrRefuse(article, options));
  const second = analyzeOrRefuse(article, options);
  if (first instanceof InputError) {
    assert.ok(second instanceof InputError, "refused once, analysed the second time");
    assert.equal(second.reason, first.reason, "refused twice for different reasons");
    assert.ok(first.message.length > 0, "a refusal says why");
    return first;
  }
  assert.ok(!(second instanceof InputError), "analysed once, refused the second time");
  assert.equal(JSON.stringify(second), JSON.stringify(first), "two analyses differ");
  checkAnalysis(article.text, first);
  return first;
}
