/**
 * Polls the feeds a store holds, each on its own schedule: the poller (poller.ts) does one feed's
 * conditional GET, back-off and new items; this keeps its state in the store, so the schedule,
 * the ETag and the items already taken survive a restart. The store is reached through a small
 * interface (the repository in src/store satisfies it), so ingestion does not depend on storage.
 * New items are analysed and stored by `ingest`, or, given a `queue` (src/scale/queue.ts satisfies
 * it), queued for `rasd worker` processes.
 */
import type { FeedItem } from "./feeds.js";
import type { FetchLike } from "./fetch.js";
import { type ArticleFields, articleFields } from "./index.js";
import { FeedPoller, type PollReport, type SeenItems } from "./poller.js";
import type { IngestedArticle } from "./types.js";

/** A feed as the store keeps it. */
export interface StoredFeed {
  id: string;
  url: string;
  outlet: string | null;
  active: boolean;
  poll_interval_s: number;
  etag: string | null;
  last_modified: string | null;
  last_polled_at: string | null;
  error_count: number;
  next_poll_at: string | null;
}

/** What the schedule needs of the store. */
export interface FeedStore {
  listFeeds(query?: { dueAt?: string; active?: boolean }): Promise<StoredFeed[]>;
  recordPoll(
    id: string,
    outcome: {
      status: number | null;
      at?: string;
      etag?: string | null;
      lastModified?: string | null;
      error?: string | null;
      nextPollAt?: string;
    },
  ): Promise<unknown>;
  unseenItems(feedId: string, keys: string[]): Promise<string[]>;
  markSeen(feedId: string, keys: string[], articleId?: string | null): Promise<number>;
}

/** A job queue for new items: analysed elsewhere, later (`rasd worker`). */
export interface FeedQueue {
  /** Queues one article; a second time, adds nothing. */
  enqueue(job: ArticleFields & { where?: string }): Promise<unknown>;
}

export interface FeedScheduleOptions {
  store: FeedStore;
  /** Analyses and stores one article; returns its stored id. Throwing leaves the item for later. */
  ingest?: (article: IngestedArticle, item: FeedItem, feed: StoredFeed) => Promise<string>;
  /**
   * Queue new items here instead of calling `ingest`. An item counts as taken once queued: the
   * queue's retries, not the next poll, see it stored.
   */
  queue?: FeedQueue;
  onReport?: (report: PollReport, feed: StoredFeed) => void;
  onItemError?: (error: unknown, item: FeedItem, feed: StoredFeed) => void;
  /** A round that failed as a whole (the store unreachable, a bug). */
  onError?: (error: unknown) => void;
  fetch?: FetchLike;
  /** How often to look for due feeds. Default 30 s. */
  checkEveryMs?: number;
  now?: () => number;
}

export const DEFAULT_CHECK_MS = 30_000;

/** Items seen by one feed, read from and written to the store. */
class StoredSeenItems implements SeenItems {
  /** The article stored for the item being ingested, recorded beside its key. */
  articleId: string | null = null;
  constructor(
    private readonly store: FeedStore,
    private readonly feedId: string,
  ) {}
  async has(key: string): Promise<boolean> {
    return (await this.store.unseenItems(this.feedId, [key])).length === 0;
  }
  async add(key: string): Promise<void> {
    await this.store.markSeen(this.feedId, [key], this.articleId);
  }
}

/** Hands a new item on: to the queue when there is one, else to `ingest`; returns its stored id. */
async function take(
  options: FeedScheduleOptions,
  article: IngestedArticle,
  item: FeedItem,
  feed: StoredFeed,
): Promise<string | null> {
  if (options.queue) {
    if (!article.outlet && feed.outlet) article.outlet = feed.outlet;
    const where = item.link ?? item.key;
    await options.queue.enqueue({ ...articleFields(article), where });
    // Not stored yet: the item is recorded seen without its article.
    return null;
  }
  if (!options.ingest) throw new Error("a feed schedule needs ingest or queue");
  return options.ingest(article, item, feed);
}

/** Polls one stored feed now and records the outcome; returns the poller's report. */
export async function pollStoredFeed(
  feed: StoredFeed,
  options: FeedScheduleOptions,
): Promise<PollReport> {
  const now = options.now ?? Date.now;
  const seen = new StoredSeenItems(options.store, feed.id);
  const poller = new FeedPoller({
    feeds: [
      {
        url: feed.url,
        intervalMs: feed.poll_interval_s * 1000,
        ...(feed.outlet ? { outlet: feed.outlet } : {}),
      },
    ],
    seen,
    now,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    states: [
      {
        url: feed.url,
        ...(feed.etag ? { etag: feed.etag } : {}),
        ...(feed.last_modified ? { lastModified: feed.last_modified } : {}),
        failures: feed.error_count,
        nextPollAt: 0,
      },
    ],
    onArticle: async (article, item) => {
      seen.articleId = await take(options, article, item, feed);
    },
    onItemError: (error, item) => options.onItemError?.(error, item, feed),
  });
  const report = await poller.poll(feed.url);
  const state = poller.states()[0];
  await options.store.recordPoll(feed.id, {
    status: report.status === "not-modified" ? 304 : report.status === "ok" ? 200 : null,
    at: new Date(state?.lastPolledAt ?? now()).toISOString(),
    etag: state?.etag ?? null,
    lastModified: state?.lastModified ?? null,
    error: report.error ? report.error.message : null,
    nextPollAt: new Date(report.nextPollAt).toISOString(),
  });
  options.onReport?.(report, feed);
  return report;
}

/** Polls every active feed that is due, one after another. */
export async function pollDueFeeds(options: FeedScheduleOptions): Promise<PollReport[]> {
  const now = options.now ?? Date.now;
  const due = await options.store.listFeeds({ active: true, dueAt: new Date(now()).toISOString() });
  const reports: PollReport[] = [];
  for (const feed of due) reports.push(await pollStoredFeed(feed, options));
  return reports;
}

/**
 * Polls due feeds now and then every `checkEveryMs` until stopped. A round never overlaps the
 * next; `stop()` resolves when the round under way has finished.
 */
export function startFeedSchedule(options: FeedScheduleOptions): { stop: () => Promise<void> } {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let round: Promise<unknown> = Promise.resolve();
  const tick = () => {
    round = pollDueFeeds(options)
      .catch((e: unknown) => options.onError?.(e))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.checkEveryMs ?? DEFAULT_CHECK_MS);
      });
  };
  tick();
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await round;
    },
  };
}
