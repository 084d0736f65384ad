/**
 * Scores rasd on the Arabic event gold standard (openeventdata/arabic_event_gsr, PLOVER ASSAULT
 * and PROTEST), read at run time from ../shared/data/arabic-event-gsr (or $RASD_SHARED_DATA).
 * Metrics and protocol: docs/evaluation.md.
 *
 *   npm run eval:gsr [-- --limit N] [-- --class assault|protest] [-- --errors K] [-- --json]
 *
 * The data are licensed newswire for evaluation only: this script writes nothing to disk, and
 * `--errors` prints to stdout only sentence ids, rasd's event types and its trigger words (with
 * their lexicon lemmas), never whole sentences.
 */
import { InputError } from "../src/errors.js";
import { loadKnowledge } from "../src/knowledge/index.js";
import { createPipeline } from "../src/pipeline.js";
import type { EventRecord, RasdDocument, Span } from "../src/types.js";
import {
  GSR_CLASSES,
  type GsrClass,
  type GsrSentence,
  type GsrSpanRecord,
  loadSentences,
  loadSpanRecords,
  majorityGold,
  sharedDataDir,
  strictGold,
  words,
} from "./eval/gsr-data.js";
import {
  add,
  type Confusion,
  emptyConfusion,
  emptyTally,
  round,
  type Scores,
  type SpanTally,
  scores,
  spanRates,
  tallySpan,
} from "./eval/metrics.js";

/** ACLED event types that answer each PLOVER class. */
const CLASS_TYPES: Record<GsrClass, ReadonlySet<string>> = {
  assault: new Set(["Battles", "Explosions/Remote violence", "Violence against civilians"]),
  protest: new Set(["Protests", "Riots"]),
};
const TARGET_F1: Record<GsrClass, number> = { assault: 0.8, protest: 0.75 };

const USAGE = `usage: npm run eval:gsr -- [--limit N] [--class assault|protest] [--errors K] [--json]
  --limit N     only the first N sentences of each file (span records: those among them)
  --class C     only one class: assault or protest
  --errors K    print up to K false positives and K false negatives per class (ids and triggers)
  --json        print the figures as JSON`;

interface Options {
  limit: number;
  classes: GsrClass[];
  errors: number;
  json: boolean;
}

function parseArgs(argv: string[]): Options {
  const opts: Options = {
    limit: Number.POSITIVE_INFINITY,
    classes: [...GSR_CLASSES],
    errors: 0,
    json: false,
  };
  const count = (flag: string, v: string | undefined) => {
    const n = Number(v);
    if (v === undefined || !Number.isInteger(n) || n < 0) fail(`${flag} needs a whole number`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--json") opts.json = true;
    else if (a === "--limit") opts.limit = count(a, argv[++i]);
    else if (a === "--errors") opts.errors = count(a, argv[++i]);
    else if (a === "--class") {
      const c = argv[++i];
      if (c !== "assault" && c !== "protest") fail("--class must be assault or protest");
      opts.classes = [c];
    } else if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else fail(`unknown argument "${a}"`);
  }
  return opts;
}

function fail(message: string): never {
  console.error(`eval:gsr: ${message}\n${USAGE}`);
  process.exit(2);
}

interface SeenTrigger extends Span {
  lemma: string;
  eventType: string;
  casualty: boolean;
  weak: boolean;
  /** Inside a quotation's marks (rasd reads a quoted past event as a claim, not a record). */
  quoted: boolean;
}

/** What rasd made of one sentence. */
interface Outcome {
  /** InputError reason, when rasd refused the text. */
  rejected?: string;
  /** Unexpected exception message (a rasd bug): the sentence counts as predicting nothing. */
  failed?: string;
  events: EventRecord[];
  /** Non-asserted events (future, negated ...): not predictions, shown with --errors. */
  nonEvents: EventRecord[];
  /** Every lexicon trigger rasd matched in the text, event or not. */
  triggers: SeenTrigger[];
  /** rasd read no body part in the text (all title/dateline/caption): no events possible. */
  noBody: boolean;
  text: string;
}

const opts = parseArgs(process.argv.slice(2));
const dir = sharedDataDir();
const t0 = performance.now();
const knowledge = loadKnowledge();
const analyze = createPipeline({ knowledge });
const loadSeconds = (performance.now() - t0) / 1000;

let analysed = 0;
let analyseMs = 0;
const cache = new Map<string, Outcome>();

function run(s: GsrSentence): Outcome {
  const key = `${s.published ?? ""}\u0000${s.text}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const start = performance.now();
  let out: Outcome;
  try {
    const doc: RasdDocument = analyze({
      text: s.text,
      id: s.id,
      ...(s.published ? { published: s.published } : {}),
    });
    const triggers = knowledge.triggers(doc.tokens).map((t) => ({
      start: t.start,
      end: t.end,
      lemma: t.entry.lemma,
      eventType: t.entry.eventType,
      casualty: !!t.entry.casualty,
      weak: t.entry.weak,
      quoted: doc.quotes.some((q) => t.start >= q.inner.start && t.end <= q.inner.end),
    }));
    out = {
      events: doc.events.filter((e) => e.mode === "asserted"),
      nonEvents: doc.nonEvents,
      triggers,
      noBody: !doc.parts.some((p) => p.kind === "body"),
      text: doc.text,
    };
  } catch (err) {
    if (err instanceof InputError)
      out = {
        rejected: err.reason,
        events: [],
        nonEvents: [],
        triggers: [],
        noBody: false,
        text: s.text,
      };
    else {
      const message = err instanceof Error ? err.message : String(err);
      out = {
        failed: message,
        events: [],
        nonEvents: [],
        triggers: [],
        noBody: false,
        text: s.text,
      };
    }
  }
  analyseMs += performance.now() - start;
  analysed++;
  cache.set(key, out);
  return out;
}

const ofClass = (cls: GsrClass, events: EventRecord[]) =>
  events.filter((e) => CLASS_TYPES[cls].has(e.event_type));

const evidence = (e: EventRecord, role: string): Span[] =>
  e.evidence.filter((x) => x.role === role).map(({ start, end }) => ({ start, end }));

/** "type/sub «surface» (lemma)" for each trigger of an event. */
function describe(e: EventRecord, o: Outcome): string {
  const triggers = evidence(e, "trigger").map((t) => {
    const lemma = o.triggers.find((x) => x.start === t.start && x.end === t.end)?.lemma;
    return `«${o.text.slice(t.start, t.end)}»${lemma ? ` (${lemma})` : ""}`;
  });
  const mode = e.mode === "asserted" ? "" : ` [${e.mode}]`;
  return `${e.event_type}/${e.sub_event_type} ${triggers.join(" ")}${mode}`;
}

interface ClassReport {
  cls: GsrClass;
  sentences: number;
  labels: Record<string, number>;
  rejected: number;
  rejectedReasons: Record<string, number>;
  failed: number;
  noBody: number;
  strict: Scores & { excludedAmbiguous: number };
  majority: Scores;
  /** Strict gold, but predicted by rasd's own PLOVER code of the trigger (plover.event_type). */
  plover: Scores;
  targetF1: number;
  meetsTarget: boolean;
  errors: ErrorReport;
  spans?: SpanReport;
}

/** Where the detection errors come from, by rasd's trigger lemmas (no text of the data). */
interface ErrorReport {
  /** False positives by the event type(s) rasd gave the sentence. */
  fpByType: Record<string, number>;
  /** False positives by gold label: unanimous "easy no" or contested "difficult no". */
  fpByLabel: Record<string, number>;
  /** Trigger lemmas behind the class's predictions: sentences fired in, and false positives. */
  lemmas: { lemma: string; eventType: string; fired: number; fp: number; tp: number }[];
  /** Why gold positives were missed. */
  fnReasons: Record<string, number>;
}

/** Why a gold-positive sentence got no event of the class. */
function missReason(cls: GsrClass, o: Outcome): string {
  if (o.rejected) return "rejected by rasd";
  if (o.failed) return "rasd failed";
  if (o.noBody) return "no body part";
  if (ofClass(cls, o.nonEvents).length > 0) return "event of the class not asserted (mode)";
  const own = o.triggers.filter((t) => CLASS_TYPES[cls].has(t.eventType));
  if (own.length > 0 && own.every((t) => t.quoted))
    return "triggers of the class only in a quotation";
  if (own.some((t) => !t.quoted && t.weak) && own.every((t) => t.quoted || t.weak))
    return "only weak triggers of the class (no actor or place of their own)";
  if (own.length > 0) return "trigger of the class dropped (other)";
  if (o.events.length > 0) return "only events of other types";
  if (o.triggers.some((t) => t.casualty)) return "only casualty words (killed/injured)";
  if (o.triggers.length > 0) return "only triggers of other types";
  return "no trigger word";
}

function errorReport(
  cls: GsrClass,
  judged: { s: GsrSentence; o: Outcome; gold: boolean; predicted: boolean }[],
): ErrorReport {
  const fpByType: Record<string, number> = {};
  const fpByLabel: Record<string, number> = {};
  const fnReasons: Record<string, number> = {};
  const lemmas = new Map<
    string,
    { lemma: string; eventType: string; fired: number; fp: number; tp: number }
  >();
  for (const { s, o, gold, predicted } of judged) {
    if (gold && !predicted) {
      const why = missReason(cls, o);
      fnReasons[why] = (fnReasons[why] ?? 0) + 1;
    }
    if (!predicted) continue;
    const events = ofClass(cls, o.events);
    if (!gold) {
      const types = [...new Set(events.map((e) => e.event_type))].sort().join(" + ");
      fpByType[types] = (fpByType[types] ?? 0) + 1;
      fpByLabel[s.label] = (fpByLabel[s.label] ?? 0) + 1;
    }
    const fired = new Set<string>();
    for (const e of events)
      for (const t of evidence(e, "trigger")) {
        const seen = o.triggers.find((x) => x.start === t.start && x.end === t.end);
        fired.add(`${seen?.lemma ?? "?"}\u0000${e.event_type}`);
      }
    for (const key of fired) {
      const [lemma = "?", eventType = ""] = key.split("\u0000");
      const l = lemmas.get(key) ?? { lemma, eventType, fired: 0, fp: 0, tp: 0 };
      l.fired++;
      if (gold) l.tp++;
      else l.fp++;
      lemmas.set(key, l);
    }
  }
  return {
    fpByType,
    fpByLabel,
    lemmas: [...lemmas.values()].sort((a, b) => b.fp - a.fp || b.fired - a.fired).slice(0, 20),
    fnReasons,
  };
}

interface SpanReport {
  records: number;
  unmatchedRecords: number;
  withEvent: number;
  sourceToActor1: ReturnType<typeof spanRates>;
  targetToActor2: ReturnType<typeof spanRates>;
  anyRole: ReturnType<typeof spanRates>;
  /** Gold source found in rasd's actor2 (or gold target in actor1): roles swapped. */
  swapped: number;
}

const errorLines: string[] = [];

function evaluateClass(cls: GsrClass): ClassReport {
  const all = loadSentences(cls, dir);
  const sentences = all.slice(0, opts.limit);
  const strict: Confusion = emptyConfusion();
  const majority: Confusion = emptyConfusion();
  const plover: Confusion = emptyConfusion();
  const labels: Record<string, number> = {};
  const rejectedReasons: Record<string, number> = {};
  let rejected = 0;
  let failed = 0;
  let noBody = 0;
  const fps: { s: GsrSentence; o: Outcome }[] = [];
  const fns: { s: GsrSentence; o: Outcome }[] = [];
  const judged: { s: GsrSentence; o: Outcome; gold: boolean; predicted: boolean }[] = [];
  for (const s of sentences) {
    labels[s.label] = (labels[s.label] ?? 0) + 1;
    const o = run(s);
    if (o.rejected) {
      rejected++;
      rejectedReasons[o.rejected] = (rejectedReasons[o.rejected] ?? 0) + 1;
    }
    if (o.failed) {
      failed++;
      console.error(`eval:gsr: rasd failed on ${s.id}: ${o.failed}`);
    }
    if (o.noBody) noBody++;
    const predicted = ofClass(cls, o.events).length > 0;
    add(majority, majorityGold(s), predicted);
    const gold = strictGold(s);
    if (gold === undefined) continue;
    add(strict, gold, predicted);
    add(
      plover,
      gold,
      o.events.some((e) => e.plover?.event_type === cls.toUpperCase()),
    );
    judged.push({ s, o, gold, predicted });
    if (!gold && predicted) fps.push({ s, o });
    if (gold && !predicted) fns.push({ s, o });
  }
  if (opts.errors > 0) printErrors(cls, fps, fns);
  const strictScores = scores(strict);
  return {
    cls,
    sentences: sentences.length,
    labels,
    rejected,
    rejectedReasons,
    failed,
    noBody,
    strict: { ...strictScores, excludedAmbiguous: labels.ambiguous ?? 0 },
    majority: scores(majority),
    plover: scores(plover),
    targetF1: TARGET_F1[cls],
    meetsTarget: strictScores.f1 >= TARGET_F1[cls],
    errors: errorReport(cls, judged),
    spans: evaluateSpans(cls, all, new Set(sentences.map((s) => s.id))),
  };
}

function printErrors(
  cls: GsrClass,
  fps: { s: GsrSentence; o: Outcome }[],
  fns: { s: GsrSentence; o: Outcome }[],
) {
  const votes = (s: GsrSentence) => `${s.label}, ${s.accept}/${s.total} accept`;
  errorLines.push(`\n${cls.toUpperCase()} false positives (${fps.length}; first ${opts.errors}):`);
  for (const { s, o } of fps.slice(0, opts.errors)) {
    errorLines.push(`  ${s.id} [${votes(s)}]`);
    for (const e of ofClass(cls, o.events)) errorLines.push(`    → ${describe(e, o)}`);
  }
  errorLines.push(`\n${cls.toUpperCase()} false negatives (${fns.length}; first ${opts.errors}):`);
  for (const { s, o } of fns.slice(0, opts.errors)) {
    const why = o.rejected
      ? ` rejected: ${o.rejected}`
      : o.failed
        ? " failed"
        : o.noBody
          ? " no body part"
          : "";
    errorLines.push(`  ${s.id} [${votes(s)}]${why}`);
    for (const e of o.events) errorLines.push(`    other: ${describe(e, o)}`);
    for (const e of o.nonEvents) errorLines.push(`    not asserted: ${describe(e, o)}`);
    if (o.events.length + o.nonEvents.length === 0) {
      const seen = [...new Set(o.triggers.map((t) => t.lemma))];
      errorLines.push(
        `    no event${seen.length ? `; trigger lemmas seen: ${seen.join("، ")}` : ", no trigger"}`,
      );
    }
  }
}

/**
 * Picks the rasd event a span record is about: among the asserted events of the class, the one
 * whose trigger overlaps the most annotator verb words; on a tie (or none), the first.
 */
function pickEvent(events: EventRecord[], r: GsrSpanRecord): EventRecord | undefined {
  let best: EventRecord | undefined;
  let bestScore = -1;
  for (const e of events) {
    const triggers = evidence(e, "trigger");
    const score = r.verbWords.filter((v) =>
      triggers.some((t) => t.start < v.end && v.start < t.end),
    ).length;
    if (score > bestScore) {
      best = e;
      bestScore = score;
    }
  }
  return best;
}

function evaluateSpans(cls: GsrClass, all: GsrSentence[], kept: Set<string>): SpanReport {
  const loaded = loadSpanRecords(cls, all, dir);
  const records = loaded.records.filter((r) => kept.has(r.sentence.id));
  const unmatched = loaded.unmatched;
  const source: SpanTally = emptyTally();
  const target: SpanTally = emptyTally();
  const anyRole: SpanTally = emptyTally();
  let withEvent = 0;
  let swapped = 0;
  for (const r of records) {
    const o = run(r.sentence);
    const event = pickEvent(ofClass(cls, o.events), r);
    if (event) withEvent++;
    const a1 = event ? evidence(event, "actor1") : [];
    const a2 = event ? evidence(event, "actor2") : [];
    const ws = words(r.sentence.text);
    const overlaps = (spans: Span[], g: Span) =>
      spans.some((p) => p.start < g.end && g.start < p.end);
    if (r.source) {
      tallySpan(source, r.source, !!event, a1, ws);
      tallySpan(anyRole, r.source, !!event, [...a1, ...a2], ws);
      if (!overlaps(a1, r.source) && overlaps(a2, r.source)) swapped++;
    }
    if (r.target) {
      tallySpan(target, r.target, !!event, a2, ws);
      tallySpan(anyRole, r.target, !!event, [...a1, ...a2], ws);
      if (!overlaps(a2, r.target) && overlaps(a1, r.target)) swapped++;
    }
  }
  return {
    records: records.length,
    unmatchedRecords: unmatched,
    withEvent,
    sourceToActor1: spanRates(source),
    targetToActor2: spanRates(target),
    anyRole: spanRates(anyRole),
    swapped,
  };
}

const runStart = performance.now();
const reports = opts.classes.map(evaluateClass);
const wallSeconds = (performance.now() - runStart) / 1000;
const timing = {
  loadSeconds: round(loadSeconds, 2),
  sentencesAnalysed: analysed,
  analyseSeconds: round(analyseMs / 1000, 2),
  sentencesPerSecond: round(analysed / (analyseMs / 1000 || 1), 1),
  wallSeconds: round(wallSeconds + loadSeconds, 2),
};

if (opts.json) {
  console.log(JSON.stringify({ data: "arabic-event-gsr", classes: reports, timing }, null, 2));
} else {
  printText();
}
if (reports.some((r) => r.failed > 0)) process.exitCode = 1;

function printText() {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const f3 = (x: number) => x.toFixed(3);
  console.log(`rasd on arabic-event-gsr (${dir})`);
  console.log(
    "\nSentence detection (gold: label yes = positive, easy/difficult no = negative, ambiguous left out)",
  );
  console.log(
    `${"class".padEnd(8)} ${"n".padStart(5)} ${"gold+".padStart(5)} ${"TP".padStart(4)} ${"FP".padStart(4)} ${"FN".padStart(4)}  ${"P".padStart(5)}  ${"R".padStart(5)}  ${"F1".padStart(5)}  target`,
  );
  for (const r of reports) {
    const s = r.strict;
    console.log(
      `${r.cls.toUpperCase().padEnd(8)} ${String(s.n).padStart(5)} ${String(s.goldPositives).padStart(5)} ${String(s.tp).padStart(4)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)}  ${f3(s.precision)}  ${f3(s.recall)}  ${f3(s.f1)}  F1 ≥ ${r.targetF1.toFixed(2)} ${r.meetsTarget ? "met" : "NOT met"}`,
    );
  }
  for (const r of reports) {
    const m = r.majority;
    const reasons = Object.entries(r.rejectedReasons)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
    console.log(
      `  ${r.cls}: ${r.sentences} sentences (${Object.entries(r.labels)
        .map(([k, v]) => `${k} ${v}`)
        .join(
          ", ",
        )}); ${r.strict.excludedAmbiguous} ambiguous left out; rejected by rasd ${r.rejected}${reasons ? ` (${reasons})` : ""}; failed ${r.failed}; no body part ${r.noBody}`,
    );
    console.log(
      `    majority vote over all ${m.n} (accept > reject): gold+ ${m.goldPositives}, TP ${m.tp}, FP ${m.fp}, FN ${m.fn}, P ${f3(m.precision)}, R ${f3(m.recall)}, F1 ${f3(m.f1)}`,
    );
    const p = r.plover;
    console.log(
      `    by rasd's PLOVER code (plover.event_type = ${r.cls.toUpperCase()}): TP ${p.tp}, FP ${p.fp}, FN ${p.fn}, P ${f3(p.precision)}, R ${f3(p.recall)}, F1 ${f3(p.f1)}`,
    );
  }
  console.log(
    "\nActor spans (gold: the words all annotators chose; rasd: actor1/actor2 evidence of its event of the class)",
  );
  for (const r of reports) {
    const sp = r.spans;
    if (!sp) continue;
    console.log(
      `  ${r.cls.toUpperCase()}: ${sp.records} records, rasd has an event of the class in ${sp.withEvent}; roles swapped in ${sp.swapped}`,
    );
    const row = (name: string, t: ReturnType<typeof spanRates>) =>
      console.log(
        `    ${name.padEnd(17)} gold ${String(t.gold).padStart(3)}  rasd gave one ${String(t.predicted).padStart(3)}  exact ${pct(t.exactRate).padStart(6)}  same words ${pct(t.sameWordsRate).padStart(6)}  overlap ${pct(t.overlapRate).padStart(6)}  (overlap when given ${pct(t.overlapWhenPredicted)})`,
      );
    row("source → actor1", sp.sourceToActor1);
    row("target → actor2", sp.targetToActor2);
    row("any role", sp.anyRole);
  }
  console.log("\nWhere the errors come from (strict protocol)");
  for (const r of reports) {
    const e = r.errors;
    const list = (o: Record<string, number>) =>
      Object.entries(o)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${v}`)
        .join("; ") || "none";
    console.log(
      `  ${r.cls.toUpperCase()} false positives by gold label: ${list(e.fpByLabel)}; by rasd type: ${list(e.fpByType)}`,
    );
    console.log(
      `    trigger lemmas (sentences fired / of them false): ${e.lemmas
        .slice(0, 12)
        .map((l) => `${l.lemma} ${l.fired}/${l.fp}`)
        .join("، ")}`,
    );
    console.log(`  ${r.cls.toUpperCase()} misses: ${list(e.fnReasons)}`);
  }
  for (const line of errorLines) console.log(line);
  console.log(
    `\nTiming: ${timing.sentencesAnalysed} sentences analysed in ${timing.analyseSeconds} s (${timing.sentencesPerSecond} sentences/s); knowledge and pipeline built in ${timing.loadSeconds} s`,
  );
}
