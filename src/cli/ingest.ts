/**
 * `rasd ingest <path|url|feed-url|->`: reads articles (a JSONL archive, a folder of .txt/.html
 * files, one file, standard input, a web page or an RSS/Atom feed), analyses each one and stores
 * it with everything derived from it. Each article is stored in one transaction, and an article
 * already stored (same content hash) is skipped, so a run killed halfway can simply be run again.
 * With --queue (PostgreSQL), the articles are queued for `rasd worker` processes instead.
 */
import { stat } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import cliProgress from "cli-progress";
import { Command, InvalidArgumentError, Option } from "commander";
import { InputError } from "../errors.js";
import {
  articleFields,
  DuplicateIndex,
  extractHtml,
  fetchBody,
  IngestError,
  type IngestedArticle,
  type IngestResult,
  ingestUrl,
  parseFeedBytes,
  readArticleFile,
  readFolder,
  readJsonl,
  readStream,
  signatureOf,
  storedFields,
  toArticle,
} from "../ingest/index.js";
import { type AnalysisResult, toAnalysisJson } from "../output/json.js";
import { createPipeline } from "../pipeline.js";
import { AnalysisPool, defaultWorkers } from "../scale/pool.js";
import { type ArticleJob, ArticleQueue, queueDatabaseUrl } from "../scale/queue.js";
import { articleIdFor, contentHash, openStore, type Store } from "../store/index.js";
import type { Article, RasdDocument } from "../types.js";

export interface IngestOptions {
  db?: string;
  /** Analysis threads (default 1: analyse on the writing thread). */
  workers?: number;
  format?: "jsonl" | "text" | "html";
  outlet?: string;
  encoding?: string;
  progress?: boolean;
  quiet?: boolean;
  /** Queue the articles for `rasd worker` instead of analysing them here (PostgreSQL only). */
  queue?: boolean;
  /** With `queue`: wait while more jobs than this are waiting (a backfill's backpressure). */
  maxBacklog?: number;
}

export interface IngestSummary {
  /** Articles read from the source (including those refused). */
  read: number;
  /** Stored for the first time. */
  stored: number;
  /** Already stored (same content hash): left as they were. */
  alreadyStored: number;
  /** Stored ones linked to a near-identical article of this run as one story. */
  nearDuplicates: number;
  /** Events the stored articles gave (before merging across articles). */
  events: number;
  failed: number;
  /** The first failures, with where they happened. */
  errors: { where: string; message: string }[];
  seconds: number;
}

const MAX_LISTED_ERRORS = 20;
const FEED_TYPES = /(rss|atom|xml)/i;

/** Whether fetched bytes are a feed rather than a page. */
function looksLikeFeed(contentType: string | undefined, bytes: Uint8Array): boolean {
  if (contentType && FEED_TYPES.test(contentType) && !/html/i.test(contentType)) return true;
  const head = new TextDecoder().decode(bytes.subarray(0, 512)).trimStart();
  return /^<\?xml|^<rss\b|^<feed\b|^<rdf:RDF\b/i.test(head);
}

/** The articles of a local source, in order. */
async function* localSource(
  source: string,
  opts: IngestOptions,
): AsyncGenerator<IngestResult, void, undefined> {
  const bulk = { ...(opts.encoding ? { encoding: opts.encoding } : {}) };
  if (source === "-") {
    yield* readStream(process.stdin, { ...bulk, format: opts.format ?? "jsonl" });
    return;
  }
  const info = await stat(source).catch(() => {
    throw new InputError("file", `${source}: no such file or folder`);
  });
  if (info.isDirectory()) {
    yield* readFolder(source, bulk);
  } else if (/\.(jsonl|ndjson)$/i.test(source) || opts.format === "jsonl") {
    yield* readJsonl(source, bulk);
  } else {
    try {
      yield { ok: true, article: await readArticleFile(source, bulk), where: source };
    } catch (error) {
      throw error instanceof InputError ? error : new InputError("file", String(error));
    }
  }
}

/** The pages of a feed not seen before (recorded in the store), or one page. */
async function* webSource(
  url: string,
  store: Store,
  opts: IngestOptions,
): AsyncGenerator<IngestResult & { onStored?: (articleId: string | null) => Promise<void> }> {
  const page = await fetchBody(url, { accept: "any" });
  if (!looksLikeFeed(page.contentType, page.bytes)) {
    yield {
      ok: true,
      article: extractHtml(page.bytes, { url: page.url, contentType: page.contentType }),
      where: url,
    };
    return;
  }
  const feed = parseFeedBytes(page.bytes, { url, contentType: page.contentType });
  const known = (await store.listFeeds()).find((f) => f.url === url);
  const stored =
    known ?? (await store.addFeed({ url, title: feed.title ?? null, outlet: opts.outlet ?? null }));
  await store.recordPoll(stored.id, {
    status: page.status,
    etag: page.etag ?? null,
    lastModified: page.lastModified ?? null,
  });
  const keys = feed.items.map((i) => i.key);
  const unseen = new Set(await store.unseenItems(stored.id, keys));
  for (const item of feed.items) {
    if (!unseen.has(item.key) || !item.link) continue;
    const where = item.link;
    try {
      const article = await ingestUrl(item.link);
      if (!article.title && item.title) article.title = item.title;
      if (!article.published && item.published) article.published = item.published;
      yield {
        ok: true,
        article,
        where,
        onStored: async (articleId) => {
          await store.markSeen(stored.id, [item.key], articleId);
        },
      };
    } catch (error) {
      if (!(error instanceof IngestError)) throw error;
      yield { ok: false, where, error };
    }
  }
}

/** An article read and analysed (or found stored already), waiting to be written. */
type Prepared =
  | { kind: "stored"; id: string }
  | { kind: "analysed"; a: IngestedArticle; article: Article; result: AnalysisResult }
  | { kind: "refused"; message: string };

/** Reads, analyses and stores every article of `source`; returns what happened. */
export async function runIngest(source: string, opts: IngestOptions = {}): Promise<IngestSummary> {
  const t0 = performance.now();
  const store = await openStore(opts.db ? { url: opts.db } : {});
  // With workers, articles are analysed on other threads while this one writes: one writer,
  // results written in the order the articles were read.
  const workers = opts.workers ?? 1;
  const pool = workers > 1 ? new AnalysisPool(workers) : undefined;
  const local = pool ? undefined : createPipeline();
  const analyzeOne = (article: Article): Promise<AnalysisResult> =>
    pool
      ? pool.analyze(article)
      : Promise.resolve(toAnalysisJson((local as (a: Article) => RasdDocument)(article)));
  const depth = pool ? pool.size * 4 : 1;
  const nearby = new DuplicateIndex();
  const summary: IngestSummary = {
    read: 0,
    stored: 0,
    alreadyStored: 0,
    nearDuplicates: 0,
    events: 0,
    failed: 0,
    errors: [],
    seconds: 0,
  };
  const showBar = opts.progress !== false && process.stderr.isTTY === true && !opts.quiet;
  const bar = showBar
    ? new cliProgress.SingleBar(
        {
          stream: process.stderr,
          format:
            "{value} articles | {stored} new, {already} already stored | {events} events | {failed} errors | {rate}/s",
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  bar?.start(0, 0, { stored: 0, already: 0, events: 0, failed: 0, rate: "0" });
  // Ctrl-C: finish the articles in hand, then stop and report.
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const fail = (where: string, error: string) => {
    // Ingestion errors name where they happened already ("archive.jsonl:7: not valid JSON").
    const message = error.startsWith(where)
      ? error.slice(where.length).replace(/^[:\s]+/, "")
      : error;
    summary.failed++;
    if (summary.errors.length < MAX_LISTED_ERRORS) summary.errors.push({ where, message });
    if (!showBar && !opts.quiet) process.stderr.write(`rasd: ${where}: ${message}\n`);
  };
  const progress = () => {
    const seconds = (performance.now() - t0) / 1000;
    bar?.update(summary.read, {
      stored: summary.stored,
      already: summary.alreadyStored,
      events: summary.events,
      failed: summary.failed,
      rate: (summary.read / Math.max(seconds, 0.001)).toFixed(0),
    });
  };

  /** Stored already (a run started again after a crash)? Else the article's analysis. */
  const prepare = async (a: IngestedArticle, where: string): Promise<Prepared> => {
    if (opts.outlet && !a.outlet) a.outlet = opts.outlet;
    const article = toArticle(a);
    if (!article.id) article.id = where;
    const id = articleIdFor(contentHash(a.text, article.outlet ?? null));
    if (await store.getArticle(id)) return { kind: "stored", id };
    try {
      return { kind: "analysed", a, article, result: await analyzeOne(article) };
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return { kind: "refused", message: error.message };
    }
  };

  /** Writes one prepared article; returns its id, or undefined when it was refused. */
  const write = async (p: Prepared, where: string): Promise<string | undefined> => {
    if (p.kind === "refused") {
      fail(where, p.message);
      return undefined;
    }
    if (p.kind === "stored") {
      summary.alreadyStored++;
      return p.id;
    }
    const { a, article, result } = p;
    const put = await store.putArticle(storedFields(article, a), result);
    if (!put.created) {
      summary.alreadyStored++;
      return put.article_id;
    }
    summary.stored++;
    summary.events += result.events.length;
    // The same wire story republished with small edits: one story, several outlets.
    const signature = signatureOf(a.text);
    const near = nearby.find(signature).find((m) => m.kind === "near");
    if (near && !put.story_id) {
      await store.linkStory(put.article_id, near.id);
      summary.nearDuplicates++;
    }
    nearby.add(put.article_id, signature);
    return put.article_id;
  };

  type InFlight = {
    where: string;
    onStored?: (id: string) => Promise<void>;
    job: Promise<{ ok: Prepared } | { error: unknown }>;
  };
  const finish = async (f: InFlight) => {
    const done = await f.job;
    if ("error" in done) throw done.error;
    const id = await write(done.ok, f.where);
    if (id && f.onStored) await f.onStored(id);
    progress();
  };
  const window: InFlight[] = [];
  try {
    if (pool) await pool.ready();
    const items = /^https?:\/\//i.test(source)
      ? webSource(source, store, opts)
      : localSource(source, opts);
    for await (const item of items) {
      if (interrupted) break;
      summary.read++;
      if (!item.ok) {
        fail(item.where, item.error.message);
        progress();
        continue;
      }
      window.push({
        where: item.where,
        onStored: (item as { onStored?: (id: string) => Promise<void> }).onStored,
        // Settled at once, so that a failure waits in the window instead of going unhandled.
        job: prepare(item.article, item.where).then(
          (ok) => ({ ok }),
          (error: unknown) => ({ error }),
        ),
      });
      if (window.length >= depth) await finish(window.shift() as InFlight);
    }
    while (window.length > 0) await finish(window.shift() as InFlight);
  } finally {
    bar?.stop();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await pool?.close();
    await store.close();
  }
  summary.seconds = (performance.now() - t0) / 1000;
  return summary;
}

export interface EnqueueSummary {
  /** Articles read from the source (including those refused). */
  read: number;
  /** New jobs in the queue. */
  enqueued: number;
  /** A job for the same article (same content hash) was in the queue already. */
  alreadyQueued: number;
  /** Stored already: not queued. */
  alreadyStored: number;
  failed: number;
  errors: { where: string; message: string }[];
  seconds: number;
}

/** How often (in articles sent) the backlog is measured against `maxBacklog`. */
const BACKLOG_CHECK_EVERY = 500;

/**
 * Reads every article of `source` and queues it for analysis (`rasd worker`), skipping those
 * stored already; the queue refuses a second job for an article it holds.
 */
export async function runEnqueue(
  source: string,
  opts: IngestOptions = {},
): Promise<EnqueueSummary> {
  const t0 = performance.now();
  const url = queueDatabaseUrl(opts.db, "rasd ingest --queue");
  const queue = await ArticleQueue.open(url);
  const summary: EnqueueSummary = {
    read: 0,
    enqueued: 0,
    alreadyQueued: 0,
    alreadyStored: 0,
    failed: 0,
    errors: [],
    seconds: 0,
  };
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  let store: Store | undefined;
  let nextBacklogCheck = BACKLOG_CHECK_EVERY;
  try {
    store = await openStore({ url, poolSize: 2 });
    const items = /^https?:\/\//i.test(source)
      ? webSource(source, store, opts)
      : localSource(source, opts);
    for await (const item of items) {
      if (interrupted) break;
      summary.read++;
      if (!item.ok) {
        summary.failed++;
        if (summary.errors.length < MAX_LISTED_ERRORS)
          summary.errors.push({ where: item.where, message: item.error.message });
        if (!opts.quiet) process.stderr.write(`rasd: ${item.error.message}\n`);
        continue;
      }
      const a = item.article;
      if (opts.outlet && !a.outlet) a.outlet = opts.outlet;
      const job: ArticleJob = { ...articleFields(a), where: item.where };
      const articleId = articleIdFor(contentHash(a.text, a.outlet ?? null));
      const onStored = (item as { onStored?: (id: string | null) => Promise<void> }).onStored;
      const stored = (await store.storedArticleIds([articleId])).length > 0;
      if (stored) {
        summary.alreadyStored++;
      } else {
        const sent = await queue.enqueue(job);
        if (sent.created) summary.enqueued++;
        else summary.alreadyQueued++;
      }
      // A feed's item is taken once queued (recorded without its article, not stored yet).
      await onStored?.(stored ? articleId : null);
      if (opts.maxBacklog !== undefined && summary.enqueued >= nextBacklogCheck) {
        nextBacklogCheck = summary.enqueued + BACKLOG_CHECK_EVERY;
        while (!interrupted && (await queue.waiting()) > opts.maxBacklog) await sleep(5_000);
      }
    }
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await store?.close();
    await queue.close();
  }
  summary.seconds = (performance.now() - t0) / 1000;
  return summary;
}

export function formatEnqueueSummary(s: EnqueueSummary): string {
  const lines = [
    `rasd ingest --queue: ${s.read} articles read in ${s.seconds.toFixed(1)} s`,
    `  enqueued ${s.enqueued}, ${s.alreadyQueued} already queued, ${s.alreadyStored} already stored; ${s.failed} refused`,
  ];
  for (const e of s.errors) lines.push(`  ! ${e.where}: ${e.message}`);
  if (s.failed > s.errors.length) lines.push(`  … and ${s.failed - s.errors.length} more`);
  return `${lines.join("\n")}\n`;
}

/** The closing report, for standard error. */
export function formatSummary(s: IngestSummary): string {
  const rate = s.read / Math.max(s.seconds, 0.001);
  const lines = [
    `rasd ingest: ${s.read} articles read in ${s.seconds.toFixed(1)} s (${rate.toFixed(0)}/s)`,
    `  stored ${s.stored} new, ${s.alreadyStored} already stored, ${s.nearDuplicates} linked to a near-identical story`,
    `  ${s.events} events from the new articles; ${s.failed} refused`,
  ];
  for (const e of s.errors) lines.push(`  ! ${e.where}: ${e.message}`);
  if (s.failed > s.errors.length) lines.push(`  … and ${s.failed - s.errors.length} more`);
  return `${lines.join("\n")}\n`;
}

export function ingestCommand(): Command {
  return new Command("ingest")
    .description(
      "analyse and store articles: a JSONL archive, a folder of .txt/.html files, a file, - for standard input, a web page or an RSS/Atom feed",
    )
    .argument("<source>", "path, folder, URL of a page or feed, or - for standard input")
    .option(
      "--db <path|url>",
      "SQLite file or postgres:// URL (default $DATABASE_URL or .rasd/rasd.db)",
    )
    .addOption(
      new Option("--format <format>", "what standard input holds").choices([
        "jsonl",
        "text",
        "html",
      ]),
    )
    .option("--outlet <name>", "the outlet, for articles that do not name theirs")
    .option("--encoding <name>", "character set of the files (default: sniffed)")
    .option("--no-progress", "no progress bar, even on a terminal")
    .option(
      "--workers <n>",
      'analysis threads: a number, or "auto" for every core (default 1)',
      (v: string) => {
        const n = v === "auto" ? defaultWorkers() : Number(v);
        if (!Number.isInteger(n) || n < 1 || n > 256)
          throw new InvalidArgumentError(`"${v}" is not a number of workers (1–256) or "auto"`);
        return n;
      },
    )
    .option("--quiet", "print only the summary")
    .option(
      "--queue",
      "queue the articles for rasd worker processes instead of analysing them here (PostgreSQL: --db or DATABASE_URL)",
    )
    .option(
      "--max-backlog <n>",
      "with --queue: wait while more than this many jobs are waiting",
      (v: string) => {
        const n = /^\d+$/.test(v) ? Number(v) : Number.NaN;
        if (!Number.isSafeInteger(n) || n < 1)
          throw new InvalidArgumentError(`"${v}" is not a number of jobs`);
        return n;
      },
    )
    .action(async (source: string, opts: IngestOptions) => {
      if (opts.queue) {
        if (opts.workers !== undefined)
          throw new InputError(
            "usage",
            "--workers analyses here; with --queue, start rasd worker processes instead",
          );
        const queued = await runEnqueue(source, opts);
        process.stderr.write(formatEnqueueSummary(queued));
        if (queued.read > 0 && queued.failed === queued.read) process.exitCode = 2;
        return;
      }
      if (opts.maxBacklog !== undefined)
        throw new InputError("usage", "--max-backlog goes with --queue");
      const summary = await runIngest(source, opts);
      process.stderr.write(formatSummary(summary));
      // Nothing could be read at all: the input was refused.
      if (summary.read > 0 && summary.failed === summary.read) process.exitCode = 2;
    });
}
