/**
 * Scale benchmark (`npm run bench`): analysis on one core and on every core, and ingestion into
 * SQLite, over the development corpus repeated to 100,000 articles (by default), read as a stream.
 *
 *   npm run bench                       # 100,000 articles, every phase (several minutes)
 *   npm run bench -- --quick            # 5,000 articles, for a quick look
 *   npm run bench -- --articles 20000 --workers 2 --batch 200 --phases thread,pool,ingest
 *   npm run bench -- --json             # the figures as JSON on stdout (progress stays on stderr)
 *   npm run bench -- --output bench.json
 *   npm run bench -- --ner              # with the learned entity recognizer (off by default)
 *
 * Phases: `thread` analyses on this thread alone (one core); `pool-1` on one worker thread;
 * `pool` on `--workers` worker threads (default: every core, os.availableParallelism()); `ingest`
 * analyses on those workers while this thread stores every article, `--batch` to a transaction,
 * into a fresh SQLite file in the temporary folder (removed after) — `rasd ingest`'s own code;
 * `store` times the writing alone: the distinct articles analysed first, then stored one by one
 * (putArticle) and `--batch` at a time (putArticles), each into a fresh file.
 *
 * Repeating the corpus: the ~2,700 articles of saudinewsnet-syria-iraq/articles.jsonl are read
 * again as many times as needed, one streamed pass after the other. Pass r > 0 gives each article
 * the id `<id>~r`, the outlet `<outlet>~r` and a publication date r × 28 days later: the outlet
 * is part of the store's content hash, so each repeat is a new article, really analysed and
 * stored (never taken for one stored already), and dates relative to publication ("أمس", "السبت")
 * move with it, so that a repeat's events are mostly new events instead of 37 more reports of the
 * first pass's. The text is unchanged: the store keeps each repeat as an exact copy carried by
 * another outlet (one story per text), and the events dated in the text itself (about one in
 * seven) are merged across passes, as the same event reported again.
 *
 * Each phase runs in a process of its own. Latency is per article on the thread that analysed
 * it (reading and queueing left out). Peak memory is that process's resident set (all threads:
 * the workers' heaps and knowledge are in it), the kernel's high-water mark (/proc/self/status
 * VmHWM), or, where /proc is missing, the largest of samples taken every 100 ms.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { ingestItems } from "../src/cli/ingest.js";
import { InputError } from "../src/errors.js";
import { readJsonl, storedFields, toArticle } from "../src/ingest/index.js";
import type { IngestResult } from "../src/ingest/types.js";
import { type AnalysisResult, toAnalysisJson } from "../src/output/json.js";
import { createPipeline } from "../src/pipeline.js";
import { AnalysisPool } from "../src/scale/pool.js";
import { openStore, type PutItem, type Store } from "../src/store/index.js";

// Options --------------------------------------------------------------------------------------

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const value = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const count = (name: string, fallback: number): number => {
  const v = value(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} takes a positive whole number`);
  return n;
};
const PHASES = ["thread", "pool-1", "pool", "ingest", "store"] as const;
type Phase = (typeof PHASES)[number];
const quick = flag("--quick");
const total = count("--articles", quick ? 5_000 : 100_000);
const workers = count("--workers", availableParallelism());
const batch = count("--batch", 200);
const ner = flag("--ner");
const asJson = flag("--json");
const output = value("--output");
const phases = (value("--phases") ?? PHASES.join(",")).split(",") as Phase[];
for (const p of phases) if (!PHASES.includes(p)) throw new Error(`no phase ${p}: ${PHASES}`);
const shared = process.env.RASD_SHARED_DATA ?? join(process.cwd(), "..", "shared", "data");
const corpus = join(shared, "saudinewsnet-syria-iraq", "articles.jsonl");

const log = (line: string) => process.stderr.write(`${line}\n`);

// The source: the corpus, repeated, streamed --------------------------------------------------

const DAY_MS = 86_400_000;
/** Days a repeat's publication date moves on, per pass. */
const SHIFT_DAYS = 28;

function shiftDate(published: string, days: number): string {
  const day = new Date(Date.parse(`${published.slice(0, 10)}T00:00:00Z`) + days * DAY_MS);
  return `${day.toISOString().slice(0, 10)}${published.slice(10)}`;
}

let distinct = 0;

/** `n` readable articles of the corpus, pass after pass (see the header for what a repeat is). */
async function* repeated(
  n: number,
  phase: string,
  passes = Number.POSITIVE_INFINITY,
): AsyncGenerator<IngestResult & { ok: true }> {
  let produced = 0;
  let lastReport = performance.now();
  const t0 = lastReport;
  for (let pass = 0; produced < n && pass < passes; pass++) {
    let inPass = 0;
    for await (const r of readJsonl(corpus)) {
      if (produced >= n) {
        if (pass === 0) distinct = inPass;
        return;
      }
      if (!r.ok) continue;
      inPass++;
      if (pass > 0) {
        const a = r.article;
        a.id = `${a.id ?? r.where}~${pass}`;
        a.outlet = `${a.outlet ?? ""}~${pass}`;
        if (a.published) a.published = shiftDate(a.published, pass * SHIFT_DAYS);
      }
      produced++;
      const now = performance.now();
      if (now - lastReport > 5000) {
        lastReport = now;
        const rate = produced / ((now - t0) / 1000);
        const rss = mb(process.memoryUsage().rss);
        log(`  [${phase}] ${produced}/${n} articles read, ${rate.toFixed(0)}/s, RSS ${rss} MB`);
      }
      yield { ...r, where: pass > 0 ? `${r.where}~${pass}` : r.where };
    }
    if (inPass === 0) throw new Error(`${corpus}: no article`);
    if (pass === 0) distinct = inPass;
  }
}

// Measuring ------------------------------------------------------------------------------------

const hasProc = (() => {
  try {
    readFileSync("/proc/self/status", "utf8");
    return true;
  } catch {
    return false;
  }
})();

/** Resident set high-water mark (bytes), from /proc; undefined without it. */
function highWater(): number | undefined {
  if (!hasProc) return undefined;
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
  return m ? Number(m[1]) * 1024 : undefined;
}

/** Resets the kernel's high-water mark to the current resident set; false if it cannot. */
function resetHighWater(): boolean {
  if (!hasProc) return false;
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
}

/** CPU time (ms) of this process's main thread and of all its threads, from /proc. */
function cpuTimes(): { main: number; all: number } | undefined {
  if (!hasProc) return undefined;
  const ticks = (path: string) => {
    const fields = readFileSync(path, "utf8").split(") ")[1]?.split(" ") ?? [];
    return Number(fields[11]) + Number(fields[12]);
  };
  try {
    // Clock ticks are 100 a second on Linux.
    return {
      main: ticks(`/proc/self/task/${process.pid}/stat`) * 10,
      all: ticks("/proc/self/stat") * 10,
    };
  } catch {
    return undefined;
  }
}

class Meter {
  private peakSample = process.memoryUsage().rss;
  private peakHeap = process.memoryUsage().heapUsed;
  private readonly timer: NodeJS.Timeout;
  private readonly reset = resetHighWater();
  private readonly cpu0 = cpuTimes();
  private readonly load0 = loadavg()[0] as number;
  readonly t0 = performance.now();

  constructor() {
    this.timer = setInterval(() => this.sample(), 100);
    this.timer.unref();
  }

  sample(): void {
    const m = process.memoryUsage();
    this.peakSample = Math.max(this.peakSample, m.rss);
    this.peakHeap = Math.max(this.peakHeap, m.heapUsed);
  }

  stop() {
    clearInterval(this.timer);
    this.sample();
    const seconds = (performance.now() - this.t0) / 1000;
    const hwm = this.reset ? highWater() : undefined;
    const cpu1 = cpuTimes();
    return {
      seconds,
      peakRss: hwm ?? this.peakSample,
      peakRssSource: hwm !== undefined ? "VmHWM" : "sampled",
      peakHeap: this.peakHeap,
      /** The 1-minute load average when the phase began and ended (its own threads count). */
      load: [round(this.load0, 2), round(loadavg()[0] as number, 2)],
      cpu:
        this.cpu0 && cpu1
          ? { main: cpu1.main - this.cpu0.main, all: cpu1.all - this.cpu0.all }
          : undefined,
    };
  }
}

const mb = (bytes: number) => +(bytes / 2 ** 20).toFixed(0);
const round = (x: number, digits = 0) => +x.toFixed(digits);

function sum(xs: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += xs[i] as number;
  return s;
}

function percentiles(latencies: Float64Array, n: number) {
  const sorted = latencies.slice(0, n).sort();
  const at = (p: number) => sorted[Math.min(n - 1, Math.floor(p * n))] ?? 0;
  return {
    p50: round(at(0.5), 2),
    p95: round(at(0.95), 2),
    p99: round(at(0.99), 2),
    max: round(sorted[n - 1] ?? 0, 2),
  };
}

interface AnalysisFigures {
  threads: number;
  articles: number;
  rejected: number;
  events: number;
  knowledge_load_ms: number;
  seconds: number;
  articles_per_second: number;
  articles_per_second_per_core: number;
  /**
   * Articles per second of analysis time on one thread (the sum of the per-article latencies):
   * the analysis alone, reading and waiting left out.
   */
  analysis_only_per_thread: number;
  latency_ms: ReturnType<typeof percentiles>;
  peak_rss_mb: number;
  peak_main_heap_mb: number;
  cpu_seconds: number | null;
  load_average: number[];
}

// Phases ---------------------------------------------------------------------------------------

/** Analysis on this thread alone. */
async function onThread(): Promise<AnalysisFigures> {
  log(`[thread] analysing ${total} articles on this thread`);
  const meter = new Meter();
  const l0 = performance.now();
  const analyze = createPipeline({ ner });
  const loadMs = performance.now() - l0;
  const latencies = new Float64Array(total);
  let n = 0;
  let rejected = 0;
  let events = 0;
  const t0 = performance.now();
  for await (const r of repeated(total, "thread")) {
    const article = toArticle(r.article);
    const s = performance.now();
    try {
      events += toAnalysisJson(analyze(article)).events.length;
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      rejected++;
    }
    latencies[n++] = performance.now() - s;
  }
  const seconds = (performance.now() - t0) / 1000;
  const m = meter.stop();
  return {
    threads: 1,
    articles: n,
    rejected,
    events,
    knowledge_load_ms: round(loadMs),
    seconds: round(seconds, 2),
    articles_per_second: round(n / seconds),
    articles_per_second_per_core: round(n / seconds),
    analysis_only_per_thread: round(n / (sum(latencies, n) / 1000)),
    latency_ms: percentiles(latencies, n),
    peak_rss_mb: mb(m.peakRss),
    peak_main_heap_mb: mb(m.peakHeap),
    cpu_seconds: m.cpu ? round(m.cpu.all / 1000, 1) : null,
    load_average: m.load,
  };
}

/** Analysis on `size` worker threads, this one reading and dispatching. */
async function onPool(size: number, phase: string): Promise<AnalysisFigures> {
  log(`[${phase}] analysing ${total} articles on ${size} worker thread(s)`);
  const meter = new Meter();
  const l0 = performance.now();
  const pool = new AnalysisPool(size, { ner });
  await pool.ready();
  const loadMs = performance.now() - l0;
  const latencies = new Float64Array(total);
  let n = 0;
  let rejected = 0;
  let events = 0;
  const t0 = performance.now();
  try {
    for await (const x of pool.stream(repeated(total, phase), (r) => toArticle(r.article))) {
      if ("error" in x) {
        if (!(x.error instanceof InputError)) throw x.error;
        rejected++;
        latencies[n++] = 0;
      } else {
        events += x.analysis.result.events.length;
        latencies[n++] = x.analysis.ms;
      }
    }
  } finally {
    await pool.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  const m = meter.stop();
  return {
    threads: size,
    articles: n,
    rejected,
    events,
    knowledge_load_ms: round(loadMs),
    seconds: round(seconds, 2),
    articles_per_second: round(n / seconds),
    articles_per_second_per_core: round(n / seconds / Math.min(size, availableParallelism())),
    analysis_only_per_thread: round(n / (sum(latencies, n) / 1000)),
    latency_ms: percentiles(latencies, n),
    peak_rss_mb: mb(m.peakRss),
    peak_main_heap_mb: mb(m.peakHeap),
    cpu_seconds: m.cpu ? round(m.cpu.all / 1000, 1) : null,
    load_average: m.load,
  };
}

/** Analysis on the workers, this thread storing every article into a fresh SQLite file. */
async function ingest(size: number) {
  const dir = mkdtempSync(join(tmpdir(), "rasd-bench-"));
  const path = join(dir, "bench.db");
  log(
    `[ingest] analysing on ${size} worker thread(s), storing into ${path}, ${batch} a transaction`,
  );
  const meter = new Meter();
  const pool = new AnalysisPool(size, { ner });
  const store = await openStore({ path });
  let closed = false;
  try {
    await pool.ready();
    const cpu0 = cpuTimes();
    const t0 = performance.now();
    const summary = await ingestItems(repeated(total, "ingest"), store, {
      workers: size,
      pool,
      batch,
      quiet: true,
      progress: false,
    });
    const seconds = (performance.now() - t0) / 1000;
    const cpu1 = cpuTimes();
    const m = meter.stop();
    await store.close();
    closed = true;
    const db = new Database(path, { readonly: true });
    const rows = (table: string) =>
      (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    const tables = { events: rows("events"), stories: rows("stories") };
    db.close();
    const dbBytes = ["", "-wal"].reduce((s, ext) => {
      try {
        return s + statSync(`${path}${ext}`).size;
      } catch {
        return s;
      }
    }, 0);
    if (summary.failed > 0)
      log(`[ingest] ${summary.failed} refused: ${summary.errors[0]?.message}`);
    return {
      workers: size,
      batch,
      articles: summary.read,
      stored: summary.stored,
      already_stored: summary.alreadyStored,
      refused: summary.failed,
      event_reports: summary.events,
      seconds: round(seconds, 2),
      articles_per_second: round(summary.read / seconds),
      writer_cpu_ms_per_article:
        cpu0 && cpu1 ? round((cpu1.main - cpu0.main) / Math.max(1, summary.read), 3) : null,
      cpu_seconds: cpu0 && cpu1 ? round((cpu1.all - cpu0.all) / 1000, 1) : null,
      database_mb: mb(dbBytes),
      merged_events: tables.events,
      stories: tables.stories,
      peak_rss_mb: mb(m.peakRss),
      peak_main_heap_mb: mb(m.peakHeap),
      load_average: m.load,
    };
  } finally {
    await pool.close();
    if (!closed) await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Writing alone: the corpus's distinct articles analysed first (on the workers, not timed), then
 * stored into a fresh SQLite file one by one (putArticle) and into another in batches
 * (putArticles): the cost of the writing itself, per article.
 */
async function storeOnly(size: number) {
  log(
    `[store] analysing the distinct articles, then storing them one by one and ${batch} at a time`,
  );
  const pool = new AnalysisPool(size, { ner });
  const items: (PutItem & { analysis: AnalysisResult })[] = [];
  try {
    await pool.ready();
    // One pass: the distinct articles (at most --articles), held in memory for the timing.
    for await (const x of pool.stream(repeated(total, "store", 1), (r) => toArticle(r.article))) {
      if ("error" in x) continue;
      const article = toArticle(x.item.article);
      items.push({ article: storedFields(article, x.item.article), analysis: x.analysis.result });
    }
  } finally {
    await pool.close();
  }
  const timed = async (write: (store: Store) => Promise<void>) => {
    const dir = mkdtempSync(join(tmpdir(), "rasd-bench-"));
    const store = await openStore({ path: join(dir, "store.db") });
    try {
      const cpu0 = cpuTimes();
      const t0 = performance.now();
      await write(store);
      const ms = performance.now() - t0;
      const cpu1 = cpuTimes();
      return {
        ms_per_article: round(ms / items.length, 3),
        articles_per_second: round((1000 * items.length) / ms),
        cpu_ms_per_article: cpu0 && cpu1 ? round((cpu1.main - cpu0.main) / items.length, 3) : null,
      };
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const oneByOne = await timed(async (store) => {
    for (const it of items) await store.putArticle(it.article, it.analysis);
  });
  const batched = await timed(async (store) => {
    for (let i = 0; i < items.length; i += batch)
      await store.putArticles(items.slice(i, i + batch));
  });
  return { articles: items.length, batch, one_by_one: oneByOne, batched };
}

// Run ------------------------------------------------------------------------------------------

/** Runs one phase here and prints its figures (and the corpus's size) as JSON: a child's job. */
async function runPhase(phase: Phase): Promise<unknown> {
  switch (phase) {
    case "thread":
      return onThread();
    case "pool-1":
      return onPool(1, "pool-1");
    case "pool":
      return onPool(workers, "pool");
    case "ingest":
      return ingest(workers);
    case "store":
      return storeOnly(workers);
  }
}

const child = value("--child") as Phase | undefined;
if (child !== undefined) {
  const figures = await runPhase(child);
  process.stdout.write(`${JSON.stringify({ distinct, figures })}\n`);
  process.exit(0);
}

/**
 * Each phase in a process of its own, one after the other: its memory is its own (the knowledge
 * a phase loaded on this thread would otherwise stay in the next one's figures) and so is its
 * warm-up.
 */
function inChild<T>(phase: Phase): T {
  const forwarded = args.filter(
    (a, i) => !["--json", "--output"].includes(a) && args[i - 1] !== "--output",
  );
  const r = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), ...forwarded, "--child", phase],
    { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8", maxBuffer: 64 * 2 ** 20 },
  );
  if (r.status !== 0) throw new Error(`phase ${phase} failed (exit ${r.status})`);
  const out = JSON.parse(r.stdout.trim().split("\n").at(-1) ?? "{}") as {
    distinct: number;
    figures: T;
  };
  distinct = Math.max(distinct, out.distinct);
  return out.figures;
}

const started = new Date().toISOString();
const load0 = loadavg();
log(
  `rasd scale benchmark: ${total} articles, ${workers} workers, ${availableParallelism()} cores, load ${load0.map((x) => x.toFixed(2)).join(" ")}`,
);
const thread = phases.includes("thread") ? inChild<AnalysisFigures>("thread") : undefined;
const poolOne = phases.includes("pool-1") ? inChild<AnalysisFigures>("pool-1") : undefined;
const poolAll = phases.includes("pool") ? inChild<AnalysisFigures>("pool") : undefined;
const stored = phases.includes("ingest")
  ? inChild<Awaited<ReturnType<typeof ingest>>>("ingest")
  : undefined;
const writing = phases.includes("store")
  ? inChild<Awaited<ReturnType<typeof storeOnly>>>("store")
  : undefined;
const load1 = loadavg();

const oneCore = thread ?? poolOne;
const scaling =
  oneCore && poolAll ? poolAll.articles_per_second / oneCore.articles_per_second : null;
const figures = {
  benchmark: "rasd scale",
  started,
  machine: {
    cores: availableParallelism(),
    cpu: cpus()[0]?.model ?? "unknown",
    memory_gb: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    load_average_start: load0.map((x) => round(x, 2)),
    load_average_end: load1.map((x) => round(x, 2)),
  },
  corpus: "saudinewsnet-syria-iraq/articles.jsonl",
  distinct_articles: distinct,
  articles: total,
  passes: distinct > 0 ? Math.ceil(total / distinct) : null,
  ner,
  analysis: {
    one_core: thread ?? null,
    one_worker: poolOne ?? null,
    all_cores: poolAll ?? null,
    scaling: scaling === null ? null : round(scaling, 2),
    scaling_efficiency:
      scaling === null || !poolAll
        ? null
        : round(scaling / Math.min(poolAll.threads, availableParallelism()), 2),
  },
  ingest_sqlite: stored
    ? {
        ...stored,
        percent_of_all_core_analysis: poolAll
          ? round((100 * stored.articles_per_second) / poolAll.articles_per_second)
          : null,
      }
    : null,
  store_sqlite_writing_only: writing ?? null,
  targets: {
    analysis_1000_per_second_per_core: oneCore ? oneCore.articles_per_second >= 1000 : null,
    ingest_at_least_70_percent_of_analysis:
      stored && poolAll ? stored.articles_per_second >= 0.7 * poolAll.articles_per_second : null,
    near_linear_scaling:
      scaling === null || !poolAll
        ? null
        : scaling >= 0.8 * Math.min(poolAll.threads, availableParallelism()),
  },
};

if (output) writeFileSync(output, `${JSON.stringify(figures, null, 2)}\n`);
if (asJson) {
  console.log(JSON.stringify(figures, null, 2));
} else {
  const a = (f: AnalysisFigures | null | undefined, name: string) => {
    if (!f) return;
    console.log(
      `  ${name}: ${f.articles_per_second} articles/s (${f.articles_per_second_per_core}/s per core; analysis alone ${f.analysis_only_per_thread}/s per thread) in ${f.seconds} s; latency p50 ${f.latency_ms.p50} ms, p95 ${f.latency_ms.p95} ms, p99 ${f.latency_ms.p99} ms, max ${f.latency_ms.max} ms; peak RSS ${f.peak_rss_mb} MB; knowledge loaded in ${f.knowledge_load_ms} ms; load ${f.load_average.join(" → ")}`,
    );
  };
  console.log(
    `rasd scale benchmark — ${total} articles (${distinct} distinct, ${figures.passes} passes), ${availableParallelism()} cores (${figures.machine.cpu}), entity recognizer ${ner ? "on" : "off"}`,
  );
  console.log(
    `  load average ${load0.map((x) => x.toFixed(2)).join(" ")} at the start, ${load1.map((x) => x.toFixed(2)).join(" ")} at the end`,
  );
  a(thread, "1 core (this thread)");
  a(poolOne, "1 worker thread");
  a(poolAll, `${workers} worker threads`);
  if (scaling !== null) {
    console.log(
      `  scaling ${scaling.toFixed(2)}× over 1 core (efficiency ${figures.analysis.scaling_efficiency})`,
    );
  }
  if (writing) {
    console.log(
      `  SQLite writing alone (${writing.articles} analysed articles): one by one ${writing.one_by_one.ms_per_article} ms/article (${writing.one_by_one.articles_per_second}/s), ${writing.batch} a transaction ${writing.batched.ms_per_article} ms/article (${writing.batched.articles_per_second}/s)`,
    );
  }
  if (stored) {
    console.log(
      `  SQLite ingest (${stored.workers} workers analysing, 1 writer, ${stored.batch} a transaction): ${stored.articles_per_second} articles/s in ${stored.seconds} s${figures.ingest_sqlite?.percent_of_all_core_analysis != null ? `, ${figures.ingest_sqlite.percent_of_all_core_analysis}% of the all-core analysis rate` : ""}; writer thread ${stored.writer_cpu_ms_per_article} ms CPU per article; ${stored.stored} stored, ${stored.event_reports} event reports, ${stored.database_mb} MB; peak RSS ${stored.peak_rss_mb} MB; load ${stored.load_average.join(" → ")}`,
    );
  }
}
