/**
 * `rasd ingest <path|url|feed-url|->`: reads articles (a JSONL archive, a folder of .txt/.html
 * files, one file, standard input, a web page or an RSS/Atom feed), analyses each one and stores
 * it with everything derived from it. Articles are stored a batch at a time (200 to a
 * transaction, or fewer when the source is slow), every article whole or not at all, and an
 * article already stored (same content hash) is skipped, so a run killed halfway can simply be
 * run again. With --queue (PostgreSQL), the articles are queued for `rasd worker` processes
 * instead.
 */
import { stat } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import cliProgress from "cli-progress";
import { Command, InvalidArgumentError, Option } from "commander";
import { InputError } from "../errors.js";
import {
  articleFields,
  DuplicateIndex,
  type DuplicateSignature,
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
import { mapOrdered } from "../scale/ordered.js";
import { AnalysisPool, defaultWorkers, type StoreAnalysis } from "../scale/pool.js";
import { type ArticleJob, ArticleQueue, queueDatabaseUrl } from "../scale/queue.js";
import {
  type ArticleInput,
  articleIdFor,
  type BatchPutResult,
  contentHash,
  openStore,
  type PreparedArticle,
  type PutItem,
  type Store,
  StoreError,
} from "../store/index.js";
import type { Article, RasdDocument } from "../types.js";

export interface IngestOptions {
  db?: string;
  /** Analysis threads (default 1: analyse on the writing thread). */
  workers?: number;
  /** Articles per transaction (default 200). */
  batch?: number;
  /** Analysis workers already started (their knowledge loaded), used instead of `workers`. */
  pool?: AnalysisPool;
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
  | {
      kind: "analysed";
      id: string;
      a: IngestedArticle;
      fields: ArticleInput;
      /** Left out when the article was prepared on a worker (its rows are all the store needs). */
      result?: AnalysisResult;
      /** How many events the analysis found. */
      events: number;
      /** Derived on a worker thread beside the analysis, when there are workers. */
      signature?: DuplicateSignature;
      prepared?: PreparedArticle;
    }
  | { kind: "refused"; message: string };

/** An analysis made on this thread (no workers): the store prepares the article itself. */
type Local = { result: AnalysisResult; signature?: undefined; prepared?: undefined };

/** An item of the source, as the writer takes it. */
type Item = IngestResult & { onStored?: (articleId: string) => Promise<void> };

/** Articles per transaction by default: a crash loses at most the batch being written. */
export const DEFAULT_BATCH = 200;
/** A batch is committed once this old, even if not full (a slow source: a feed, a pipe). */
const BATCH_MAX_MS = 1000;
/**
 * Articles of the run among which near-duplicates are looked for: the most recent ones, so that
 * the index stays bounded however long the archive (a wire story is republished within days).
 */
export const NEAR_DUPLICATE_WINDOW = 20_000;

/** Reads, analyses and stores every article of `source`; returns what happened. */
export async function runIngest(source: string, opts: IngestOptions = {}): Promise<IngestSummary> {
  const store = await openStore(opts.db ? { url: opts.db } : {});
  try {
    const items = /^https?:\/\//i.test(source)
      ? webSource(source, store, opts)
      : localSource(source, opts);
    return await ingestItems(items, store, opts);
  } finally {
    await store.close();
  }
}

/**
 * Analyses and stores every item of `items` in `store` (left open): articles are analysed on
 * `opts.workers` threads while this one writes them, in reading order, `opts.batch` to a
 * transaction. At most a bounded number of articles is held at once, whatever the source's
 * length: the source is read only as fast as articles are written.
 */
export async function ingestItems(
  items: AsyncIterable<Item>,
  store: Store,
  opts: IngestOptions = {},
): Promise<IngestSummary> {
  const t0 = performance.now();
  // With workers, articles are analysed on other threads while this one writes: one writer,
  // results written in the order the articles were read.
  const workers = opts.workers ?? 1;
  const batchSize = opts.batch ?? DEFAULT_BATCH;
  const ownPool = opts.pool === undefined && workers > 1;
  const pool = opts.pool ?? (ownPool ? new AnalysisPool(workers) : undefined);
  const local = pool ? undefined : createPipeline();
  // On workers, the near-duplicate signature and the article's rows are derived there too, and
  // the analysis itself is not sent back (the rows are all the store needs).
  const analyzeOne = (article: Article, fields: ArticleInput): Promise<StoreAnalysis | Local> =>
    pool
      ? pool.analyzeForStore(article, fields)
      : Promise.resolve({
          result: toAnalysisJson((local as (a: Article) => RasdDocument)(article)),
        });
  // Read ahead: enough to keep every worker busy while a batch is being written (this thread
  // sends them nothing meanwhile), which takes about as long as they take to analyse a batch
  // or two. Bounded all the same: at most this many articles and their analyses held.
  const depth = pool ? 2 * batchSize + pool.size * 32 : 1;
  const nearby = new DuplicateIndex();
  const nearbyOrder: string[] = [];
  let nearbyHead = 0;
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
    const fields = storedFields(article, a);
    const idOf = () => articleIdFor(contentHash(fields.text, fields.outlet ?? null));
    // Into a store that held nothing when the run began, no article can be stored already
    // but one this run stored (which the store itself finds): no need to look first.
    let id: string | undefined;
    if (!startedEmpty) {
      id = idOf();
      if (await store.getArticle(id)) return { kind: "stored", id };
    }
    try {
      const { result, signature, prepared } = await analyzeOne(article, fields);
      return {
        kind: "analysed",
        id: id ?? prepared?.id ?? idOf(),
        a,
        fields,
        ...(result ? { result } : {}),
        events: prepared
          ? prepared.analysis.events.length
          : (result as AnalysisResult).events.length,
        ...(signature ? { signature } : {}),
        ...(prepared ? { prepared } : {}),
      };
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return { kind: "refused", message: error.message };
    }
  };

  // The batch being gathered: each article with where it was read and what to do once stored.
  type Pending = {
    put: PutItem;
    events: number;
    where: string;
    onStored?: (id: string) => Promise<void>;
  };
  let batch: Pending[] = [];
  let batchIds = new Set<string>();
  let batchStarted = 0;

  /** Remembers a stored article for near-duplicate lookups, forgetting the oldest past the window. */
  const remember = (id: string, signature: DuplicateSignature) => {
    nearby.add(id, signature);
    nearbyOrder.push(id);
    if (nearbyOrder.length - nearbyHead > NEAR_DUPLICATE_WINDOW) {
      nearby.remove(nearbyOrder[nearbyHead++] as string);
      if (nearbyHead > NEAR_DUPLICATE_WINDOW) {
        nearbyOrder.splice(0, nearbyHead);
        nearbyHead = 0;
      }
    }
  };

  /** Adds an analysed article to the batch. */
  const enqueue = (p: Extract<Prepared, { kind: "analysed" }>, it: Item) => {
    const id = p.id;
    const put: PutItem = {
      article: p.fields,
      ...(p.result ? { analysis: p.result } : {}),
      ...(p.prepared ? { prepared: p.prepared } : {}),
    };
    // An exact copy of an article already in this batch is not stored again (the store finds it
    // by its hash): it is neither a near-duplicate nor one to compare others with.
    if (!batchIds.has(id)) {
      // The same wire story republished with small edits: one story, several outlets.
      const signature = p.signature ?? signatureOf(p.a.text);
      const near = nearby.find(signature).find((m) => m.kind === "near");
      if (near) put.nearDuplicateOf = near.id;
      remember(id, signature);
      batchIds.add(id);
    }
    if (batch.length === 0) batchStarted = performance.now();
    batch.push({
      put,
      events: p.events,
      where: it.where,
      ...(it.onStored ? { onStored: it.onStored } : {}),
    });
  };

  /** Stores the batch in one transaction; an article the store refuses is refused alone. */
  const flush = async () => {
    if (batch.length === 0) return;
    const pending = batch;
    batch = [];
    batchIds = new Set();
    let results: (BatchPutResult | Error)[];
    try {
      results = await store.putArticles(pending.map((p) => p.put));
    } catch (error) {
      if (!(error instanceof StoreError) || pending.length === 1) throw error;
      // One article of the batch is bad input: store the others one by one, refuse it alone.
      results = [];
      for (const p of pending) {
        try {
          const [r] = await store.putArticles([p.put]);
          results.push(r as BatchPutResult);
        } catch (e) {
          if (!(e instanceof StoreError)) throw e;
          results.push(e);
        }
      }
    }
    for (const [i, r] of results.entries()) {
      const p = pending[i] as Pending;
      if (r instanceof Error) {
        fail(p.where, r.message);
        continue;
      }
      if (r.created) {
        summary.stored++;
        summary.events += p.events;
        if (r.linked) summary.nearDuplicates++;
      } else {
        summary.alreadyStored++;
      }
      if (p.onStored) await p.onStored(r.article_id);
    }
    progress();
  };

  /** Takes one prepared item, in reading order. */
  const take = async (it: Item, p: Prepared | undefined) => {
    if (!it.ok) {
      fail(it.where, it.error.message);
      progress();
      return;
    }
    const prepared = p as Prepared;
    if (prepared.kind === "refused") {
      fail(it.where, prepared.message);
      progress();
    } else if (prepared.kind === "stored") {
      summary.alreadyStored++;
      if (it.onStored) await it.onStored(prepared.id);
      progress();
    } else {
      enqueue(prepared, it);
      if (batch.length >= batchSize) await flush();
    }
  };

  async function* counted(): AsyncGenerator<Item> {
    for await (const item of items) {
      if (interrupted) return;
      summary.read++;
      yield item;
    }
  }

  const startedEmpty = (await store.searchArticles({ limit: 1 })).items.length === 0;
  try {
    if (pool) await pool.ready();
    const prepared = mapOrdered(
      counted(),
      async (it: Item) => ({ it, p: it.ok ? await prepare(it.article, it.where) : undefined }),
      depth,
    );
    // A batch is also committed when it has waited long enough for the next article.
    const iterator = prepared[Symbol.asyncIterator]();
    const timeout = Symbol("timeout");
    const pull = () => {
      const p = iterator.next();
      // Awaited below; marked handled meanwhile, so that a failure while a batch is being
      // written is not taken for an unhandled one.
      p.catch(() => {});
      return p;
    };
    let next = pull();
    for (;;) {
      let r: Awaited<typeof next> | typeof timeout;
      if (batch.length === 0) {
        r = await next;
      } else {
        const wait = BATCH_MAX_MS - (performance.now() - batchStarted);
        let timer: NodeJS.Timeout | undefined;
        r =
          wait <= 0
            ? timeout
            : await Promise.race([
                next,
                new Promise<typeof timeout>((resolve) => {
                  timer = setTimeout(() => resolve(timeout), wait);
                }),
              ]);
        clearTimeout(timer);
      }
      if (r === timeout) {
        await flush();
        continue;
      }
      if (r.done) break;
      next = pull();
      await take(r.value.it, r.value.p);
    }
    await flush();
  } finally {
    bar?.stop();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    if (ownPool) await pool?.close();
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
    .option(
      "--batch <n>",
      `articles stored per transaction (default ${DEFAULT_BATCH}); a crash loses at most one batch`,
      (v: string) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1 || n > 100_000)
          throw new InvalidArgumentError(`"${v}" is not a number of articles (1–100000)`);
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
