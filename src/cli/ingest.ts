/**
 * `rasd ingest <path|url|feed-url|->`: reads articles (a JSONL archive, a folder of .txt/.html
 * files, one file, standard input, a web page or an RSS/Atom feed), analyses each one and stores
 * it with everything derived from it. Each article is stored in one transaction, and an article
 * already stored (same content hash) is skipped, so a run killed halfway can simply be run again.
 */
import { stat } from "node:fs/promises";
import cliProgress from "cli-progress";
import { Command, Option } from "commander";
import { InputError } from "../errors.js";
import {
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
  toArticle,
} from "../ingest/index.js";
import { toAnalysisJson } from "../output/json.js";
import { createPipeline } from "../pipeline.js";
import { articleIdFor, contentHash, openStore, type Store } from "../store/index.js";

export interface IngestOptions {
  db?: string;
  format?: "jsonl" | "text" | "html";
  outlet?: string;
  encoding?: string;
  progress?: boolean;
  quiet?: boolean;
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
): AsyncGenerator<IngestResult & { onStored?: (articleId: string) => Promise<void> }> {
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

/** Reads, analyses and stores every article of `source`; returns what happened. */
export async function runIngest(source: string, opts: IngestOptions = {}): Promise<IngestSummary> {
  const t0 = performance.now();
  const store = await openStore(opts.db ? { url: opts.db } : {});
  const analyze = createPipeline();
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
  // Ctrl-C: finish the article in hand, then stop and report.
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
  try {
    const items = /^https?:\/\//i.test(source)
      ? webSource(source, store, opts)
      : localSource(source, opts);
    for await (const item of items) {
      if (interrupted) break;
      summary.read++;
      if (!item.ok) {
        fail(item.where, item.error.message);
      } else {
        try {
          const articleId = await storeOne(item.article, item.where);
          const onStored = (item as { onStored?: (id: string) => Promise<void> }).onStored;
          if (onStored) await onStored(articleId);
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          fail(item.where, error.message);
        }
      }
      const seconds = (performance.now() - t0) / 1000;
      bar?.update(summary.read, {
        stored: summary.stored,
        already: summary.alreadyStored,
        events: summary.events,
        failed: summary.failed,
        rate: (summary.read / Math.max(seconds, 0.001)).toFixed(0),
      });
    }
  } finally {
    bar?.stop();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await store.close();
  }
  summary.seconds = (performance.now() - t0) / 1000;
  return summary;

  /** Analyses and stores one article; returns its id (new or already stored). */
  async function storeOne(a: IngestedArticle, where: string): Promise<string> {
    if (opts.outlet && !a.outlet) a.outlet = opts.outlet;
    const article = toArticle(a);
    if (!article.id) article.id = where;
    // Stored already (a run started again after a crash): skip the analysis too.
    const id = articleIdFor(contentHash(a.text, article.outlet ?? null));
    if (await store.getArticle(id)) {
      summary.alreadyStored++;
      return id;
    }
    const result = toAnalysisJson(analyze(article));
    const put = await store.putArticle(
      {
        text: a.text,
        url: a.url ?? null,
        canonicalUrl: a.canonicalUrl ?? null,
        outlet: article.outlet ?? null,
        title: article.title ?? null,
        published: article.published ?? null,
      },
      result,
    );
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
  }
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
    .option("--quiet", "print only the summary")
    .action(async (source: string, opts: IngestOptions) => {
      const summary = await runIngest(source, opts);
      process.stderr.write(formatSummary(summary));
      // Nothing could be read at all: the input was refused.
      if (summary.read > 0 && summary.failed === summary.read) process.exitCode = 2;
    });
}
