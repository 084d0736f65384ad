/**
 * A feed poller: each feed on its own schedule, fetched with conditional GET (ETag and
 * Last-Modified, so an unchanged feed costs a 304), backed off exponentially while it fails, and
 * each new item's page fetched and ingested once. What has been seen is kept behind the small
 * `SeenItems` interface, so a store can persist it; `MemorySeenItems` keeps it in memory.
 */
import { IngestError, isTransient } from "./errors.js";
import { type FeedItem, parseFeedBytes } from "./feeds.js";
import { type FetchLike, fetchBody } from "./fetch.js";
import { extractHtml } from "./html.js";
import type { IngestedArticle } from "./types.js";

/** Items already ingested (or refused for good), by key: "guid:…" and "link:…". */
export interface SeenItems {
  has(key: string): boolean | Promise<boolean>;
  add(key: string): void | Promise<void>;
}

export class MemorySeenItems implements SeenItems {
  private readonly keys = new Set<string>();
  has(key: string): boolean {
    return this.keys.has(key);
  }
  add(key: string): void {
    this.keys.add(key);
  }
  get size(): number {
    return this.keys.size;
  }
}

export interface FeedSubscription {
  url: string;
  /** Time between polls when all is well. Default: the poller's `intervalMs`. */
  intervalMs?: number;
  /** The outlet's name, for articles whose page names none. */
  outlet?: string;
}

/** Where a feed stands: what to persist between runs. */
export interface FeedState {
  url: string;
  etag?: string;
  lastModified?: string;
  /** Failed polls in a row (0 after a success). */
  failures: number;
  /** When the feed is next due, in ms since the epoch. */
  nextPollAt: number;
  lastPolledAt?: number;
  lastError?: string;
}

export interface PollReport {
  feed: string;
  status: "ok" | "not-modified" | "error";
  /** Items in the feed. */
  items: number;
  /** Items not seen before. */
  fresh: number;
  ingested: number;
  failed: number;
  error?: IngestError;
  nextPollAt: number;
}

export interface FeedPollerOptions {
  feeds: FeedSubscription[];
  /** Receives each new article; when it throws, the item stays unseen and is tried again. */
  onArticle: (article: IngestedArticle, item: FeedItem, feed: FeedSubscription) => unknown;
  /** Hears about each item that could not be ingested. */
  onItemError?: (error: unknown, item: FeedItem, feed: FeedSubscription) => void;
  seen?: SeenItems;
  fetch?: FetchLike;
  timeoutMs?: number;
  maxBytes?: number;
  /** Default time between polls of a feed. Default 15 minutes. */
  intervalMs?: number;
  /** First wait after a failure, doubled for each further one. Default 1 minute. */
  backoffInitialMs?: number;
  /** Longest wait after failures. Default 6 hours. */
  backoffMaxMs?: number;
  /** Refuse pages whose text is not Arabic. Default true. */
  requireArabic?: boolean;
  /** States saved from an earlier run. */
  states?: FeedState[];
  /** The clock, injectable for tests. Default Date.now. */
  now?: () => number;
}

export const DEFAULT_INTERVAL_MS = 15 * 60_000;
export const DEFAULT_BACKOFF_INITIAL_MS = 60_000;
export const DEFAULT_BACKOFF_MAX_MS = 6 * 60 * 60_000;

/** How long to wait after `failures` failed polls in a row. */
export function backoffDelay(failures: number, initialMs: number, maxMs: number): number {
  return Math.min(maxMs, initialMs * 2 ** Math.max(0, failures - 1));
}

function keysOf(item: FeedItem): string[] {
  const keys: string[] = [];
  if (item.guid) keys.push(`guid:${item.guid}`);
  if (item.link) keys.push(`link:${item.link}`);
  if (keys.length === 0) keys.push(`title:${item.key}`);
  return keys;
}

export class FeedPoller {
  private readonly options: FeedPollerOptions;
  private readonly seen: SeenItems;
  private readonly now: () => number;
  private readonly feeds = new Map<string, FeedSubscription>();
  private readonly stateByUrl = new Map<string, FeedState>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;

  constructor(options: FeedPollerOptions) {
    this.options = options;
    this.seen = options.seen ?? new MemorySeenItems();
    this.now = options.now ?? Date.now;
    const saved = new Map((options.states ?? []).map((s) => [s.url, s]));
    for (const feed of options.feeds) {
      this.feeds.set(feed.url, feed);
      this.stateByUrl.set(feed.url, {
        ...(saved.get(feed.url) ?? { url: feed.url, failures: 0, nextPollAt: 0 }),
      });
    }
  }

  /** Every feed's state, for saving. */
  states(): FeedState[] {
    return [...this.stateByUrl.values()].map((s) => ({ ...s }));
  }

  /** Polls every feed whose time has come, one after another. */
  async pollDue(): Promise<PollReport[]> {
    const reports: PollReport[] = [];
    for (const state of this.stateByUrl.values()) {
      if (state.nextPollAt <= this.now()) reports.push(await this.poll(state.url));
    }
    return reports;
  }

  /** Polls one feed now, whatever its schedule, and ingests its new items. */
  async poll(url: string): Promise<PollReport> {
    const feed = this.feeds.get(url);
    const state = this.stateByUrl.get(url);
    if (!feed || !state) throw new RangeError(`not a subscribed feed: ${url}`);
    const report: PollReport = {
      feed: url,
      status: "ok",
      items: 0,
      fresh: 0,
      ingested: 0,
      failed: 0,
      nextPollAt: 0,
    };
    state.lastPolledAt = this.now();
    try {
      const fetched = await fetchBody(url, {
        fetch: this.options.fetch,
        timeoutMs: this.options.timeoutMs,
        maxBytes: this.options.maxBytes,
        etag: state.etag,
        lastModified: state.lastModified,
      });
      if (fetched.notModified) {
        report.status = "not-modified";
      } else {
        const parsed = parseFeedBytes(fetched.bytes, {
          url: fetched.url,
          contentType: fetched.contentType,
        });
        report.items = parsed.items.length;
        let retry = false;
        for (const item of parsed.items)
          retry = (await this.ingestItem(item, feed, report)) || retry;
        // With an item to try again, the feed must come back whole next time, not as a 304.
        state.etag = retry ? undefined : fetched.etag;
        state.lastModified = retry ? undefined : fetched.lastModified;
      }
      state.failures = 0;
      delete state.lastError;
      state.nextPollAt =
        this.now() + (feed.intervalMs ?? this.options.intervalMs ?? DEFAULT_INTERVAL_MS);
    } catch (error) {
      state.failures++;
      state.lastError = (error as Error).message ?? String(error);
      let delay = backoffDelay(
        state.failures,
        this.options.backoffInitialMs ?? DEFAULT_BACKOFF_INITIAL_MS,
        this.options.backoffMaxMs ?? DEFAULT_BACKOFF_MAX_MS,
      );
      const asked = (error as { retryAfterMs?: number }).retryAfterMs;
      if (asked !== undefined) delay = Math.max(delay, asked);
      state.nextPollAt = this.now() + delay;
      // Anything but an IngestError is a bug: backed off like a failure, then thrown.
      if (!(error instanceof IngestError)) throw error;
      report.status = "error";
      report.error = error;
    }
    report.nextPollAt = state.nextPollAt;
    return report;
  }

  /**
   * Fetches and ingests one item unless seen. It is marked seen once ingested, or once refused
   * for good (not Arabic, not a page, 404); a transient failure (time-out, 5xx) leaves it unseen
   * so that the next poll tries again. Returns true for an item to try again.
   */
  private async ingestItem(
    item: FeedItem,
    feed: FeedSubscription,
    report: PollReport,
  ): Promise<boolean> {
    const keys = keysOf(item);
    for (const key of keys) if (await this.seen.has(key)) return false;
    report.fresh++;
    const markSeen = async () => {
      for (const key of keys) await this.seen.add(key);
    };
    let article: IngestedArticle;
    try {
      article = await this.readItem(item, feed);
    } catch (error) {
      report.failed++;
      this.options.onItemError?.(error, item, feed);
      // A failure that may pass, or a bug rather than bad input: try again next time.
      if (isTransient(error) || !(error instanceof IngestError)) return true;
      await markSeen();
      return false;
    }
    try {
      await this.options.onArticle(article, item, feed);
    } catch (error) {
      report.failed++;
      this.options.onItemError?.(error, item, feed);
      return true;
    }
    await markSeen();
    report.ingested++;
    return false;
  }

  private async readItem(item: FeedItem, feed: FeedSubscription): Promise<IngestedArticle> {
    const defaults = {
      title: item.title,
      published: item.published,
      author: item.author,
      outlet: feed.outlet,
    };
    const requireArabic = this.options.requireArabic;
    if (!item.link) {
      // Some feeds carry the whole article and link nowhere.
      if (item.content)
        return extractHtml(item.content, { where: `item "${item.key}"`, defaults, requireArabic });
      throw new IngestError(
        "no-link",
        `item "${item.title ?? item.key}" of ${feed.url} has no link and no content`,
      );
    }
    const page = await fetchBody(item.link, {
      fetch: this.options.fetch,
      timeoutMs: this.options.timeoutMs,
      maxBytes: this.options.maxBytes,
      accept: "html",
    });
    return extractHtml(page.bytes, {
      url: page.url,
      contentType: page.contentType,
      defaults,
      requireArabic,
    });
  }

  /** Polls due feeds now and then whenever the next one is due, until `stop`. */
  start(onError?: (error: unknown) => void): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = async () => {
      this.timer = undefined;
      this.running = this.pollDue().catch((error) => onError?.(error));
      await this.running;
      this.running = undefined;
      if (this.stopped) return;
      const next = Math.min(...[...this.stateByUrl.values()].map((s) => s.nextPollAt));
      const wait = Math.max(1000, Math.min(next - this.now(), 2 ** 31 - 1));
      this.timer = setTimeout(tick, Number.isFinite(wait) ? wait : DEFAULT_INTERVAL_MS);
    };
    void tick();
  }

  /** Stops polling; resolves once a poll under way has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
