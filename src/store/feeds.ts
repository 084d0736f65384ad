/**
 * Feeds for the poller: the feeds, how each poll went, when to poll next, and the items already
 * seen in each (so that an item is ingested once).
 */
import { sql } from "kysely";
import type { Backend } from "./backend.js";
import { StoreError } from "./errors.js";
import { shortHash } from "./ids.js";
import { chunks, type Db, nowIso, toFeed, unique } from "./rows.js";
import type { Database } from "./schema/tables.js";
import type { Feed, FeedInput, FeedPatch, FeedQuery, PollOutcome } from "./types.js";

const DEFAULT_POLL_INTERVAL_S = 900;

function checkInterval(s: number): void {
  if (!Number.isInteger(s) || s < 1) {
    throw new StoreError(
      `poll interval must be a positive number of seconds, not ${s}`,
      "bad-input",
    );
  }
}

export async function addFeed(b: Backend, input: FeedInput): Promise<Feed> {
  const interval = input.pollIntervalS ?? DEFAULT_POLL_INTERVAL_S;
  checkInterval(interval);
  await b.write(async (trx) => {
    await trx
      .insertInto("feeds")
      .values({
        id: `f-${shortHash(input.url)}`,
        url: input.url,
        title: input.title ?? null,
        outlet: input.outlet ?? null,
        active: input.active === false ? 0 : 1,
        poll_interval_s: interval,
        etag: null,
        last_modified: null,
        last_polled_at: null,
        last_status: null,
        last_error: null,
        error_count: 0,
        next_poll_at: null,
        created_at: nowIso(),
      })
      .onConflict((oc) => oc.column("url").doNothing())
      .execute();
  });
  const row = await b.db
    .selectFrom("feeds")
    .selectAll()
    .where("url", "=", input.url)
    .executeTakeFirstOrThrow();
  return toFeed(row);
}

export async function getFeed(db: Db, id: string): Promise<Feed | null> {
  const row = await db.selectFrom("feeds").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toFeed(row) : null;
}

export async function listFeeds(db: Db, query: FeedQuery = {}): Promise<Feed[]> {
  let q = db.selectFrom("feeds").selectAll();
  if (query.active !== undefined) q = q.where("active", "=", query.active ? 1 : 0);
  const due = query.dueAt;
  if (due !== undefined) {
    q = q
      .where("active", "=", 1)
      .where((eb) => eb.or([eb("next_poll_at", "is", null), eb("next_poll_at", "<=", due)]));
  }
  const rows = await q.orderBy(sql`coalesce(next_poll_at, '')`).orderBy("id").execute();
  return rows.map(toFeed);
}

export async function updateFeed(b: Backend, id: string, patch: FeedPatch): Promise<Feed | null> {
  if (patch.pollIntervalS !== undefined) checkInterval(patch.pollIntervalS);
  const set: Partial<Database["feeds"]> = {};
  if (patch.title !== undefined) set.title = patch.title;
  if (patch.outlet !== undefined) set.outlet = patch.outlet;
  if (patch.active !== undefined) set.active = patch.active ? 1 : 0;
  if (patch.pollIntervalS !== undefined) set.poll_interval_s = patch.pollIntervalS;
  if (patch.nextPollAt !== undefined) set.next_poll_at = patch.nextPollAt;
  if (Object.keys(set).length > 0) {
    await b.write((trx) => trx.updateTable("feeds").set(set).where("id", "=", id).execute());
  }
  return getFeed(b.db, id);
}

export async function removeFeed(b: Backend, id: string): Promise<boolean> {
  const r = await b.write((trx) => trx.deleteFrom("feeds").where("id", "=", id).executeTakeFirst());
  return Number(r.numDeletedRows) > 0;
}

/**
 * Records a poll. By default the next poll is one interval later, doubled for each error in a
 * row (at most 32 intervals), so a broken feed is not hammered.
 */
export async function recordPoll(
  b: Backend,
  id: string,
  outcome: PollOutcome,
): Promise<Feed | null> {
  const at = outcome.at ?? nowIso();
  await b.write(async (trx) => {
    const feed = await trx.selectFrom("feeds").selectAll().where("id", "=", id).executeTakeFirst();
    if (!feed) return;
    const failed = outcome.error !== undefined && outcome.error !== null;
    const errors = failed ? feed.error_count + 1 : 0;
    const next =
      outcome.nextPollAt ??
      new Date(
        Date.parse(at) + feed.poll_interval_s * 1000 * 2 ** Math.min(errors, 5),
      ).toISOString();
    const set: Partial<Database["feeds"]> = {
      last_polled_at: at,
      last_status: outcome.status,
      last_error: failed ? (outcome.error as string) : null,
      error_count: errors,
      next_poll_at: next,
    };
    if (outcome.etag !== undefined) set.etag = outcome.etag;
    if (outcome.lastModified !== undefined) set.last_modified = outcome.lastModified;
    await trx.updateTable("feeds").set(set).where("id", "=", id).execute();
  });
  return getFeed(b.db, id);
}

export async function unseenItems(db: Db, feedId: string, keys: string[]): Promise<string[]> {
  const seen = new Set<string>();
  for (const part of chunks(unique(keys))) {
    const rows = await db
      .selectFrom("feed_items")
      .select("item_key")
      .where("feed_id", "=", feedId)
      .where("item_key", "in", part)
      .execute();
    for (const r of rows) seen.add(r.item_key);
  }
  return unique(keys).filter((k) => !seen.has(k));
}

export async function markSeen(
  b: Backend,
  feedId: string,
  keys: string[],
  articleId: string | null = null,
): Promise<number> {
  if (keys.length === 0) return 0;
  const at = nowIso();
  return b.write(async (trx) => {
    let added = 0;
    for (const part of chunks(unique(keys))) {
      const rows = await trx
        .insertInto("feed_items")
        .values(
          part.map((item_key) => ({
            feed_id: feedId,
            item_key,
            seen_at: at,
            article_id: articleId,
          })),
        )
        .onConflict((oc) => oc.columns(["feed_id", "item_key"]).doNothing())
        .returning("item_key")
        .execute();
      added += rows.length;
    }
    return added;
  });
}
