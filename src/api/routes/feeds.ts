/**
 * Feed subscriptions: list, add, show, change, remove. Each feed shows how its last poll went
 * (`last_polled_at`, `last_status`, `last_error`, `error_count`, `next_poll_at`). The API keeps
 * the list; polling is the feed poller's work (src/ingest/poller.ts).
 */
import type { Feed, FeedPatch } from "../../store/index.js";
import { readJsonObject } from "../body.js";
import { pageInMemory, pageJson } from "../paging.js";
import { BodyFields, PAGE_PARAMS, parseQuery } from "../params.js";
import { notFound } from "../problems.js";
import type { Deps, Routes } from "../routes.js";

export const MIN_INTERVAL_S = 60;
export const MAX_INTERVAL_S = 7 * 24 * 3600;

const LIST = {
  active: { type: "boolean", description: "true: only active feeds; false: only paused ones." },
  ...PAGE_PARAMS,
} as const;

const FIELDS = {
  url: { type: "string", description: "The feed's URL (RSS, Atom, RDF or JSON Feed)." },
  title: { type: "string", description: "A name for it." },
  outlet: { type: "string", description: "The outlet its articles are stored under." },
  interval: {
    type: "integer",
    description: `Seconds between polls, ${MIN_INTERVAL_S} to ${MAX_INTERVAL_S} (default 900).`,
  },
  active: { type: "boolean", description: "false pauses polling." },
};

async function feedOr404(deps: Deps, id: string): Promise<Feed> {
  const feed = id.length <= 200 ? await deps.store.getFeed(id) : null;
  if (!feed) throw notFound(`no feed ${JSON.stringify(id)}`);
  return feed;
}

export function registerFeeds(r: Routes, deps: Deps): void {
  r.add(
    "GET",
    "/api/feeds",
    {
      tag: "feeds",
      summary: "Feed subscriptions with their last poll, by id",
      query: LIST,
      responses: { 200: "{items: feeds, next_cursor, next}" },
    },
    async (c) => {
      const q = parseQuery(c.req.url, LIST);
      const feeds = await deps.store.listFeeds(q.active !== undefined ? { active: q.active } : {});
      return pageJson(
        c,
        pageInMemory(feeds, (f) => f.id, "feeds", q.limit ?? 50, q.cursor),
      );
    },
  );

  r.add(
    "POST",
    "/api/feeds",
    {
      tag: "feeds",
      summary: "Subscribe to a feed (idempotent by url)",
      body: { ...FIELDS, url: { ...FIELDS.url, required: true } },
      responses: { 201: "added", 200: "already subscribed: the feed as it is" },
    },
    async (c) => {
      const body = await readJsonObject(c, deps.maxBodyBytes);
      const f = new BodyFields(body, Object.keys(FIELDS));
      const url = f.url("url");
      if (!f.has("url")) f.add("url", "missing: the feed's URL");
      const title = f.string("title", { maxLength: 500, trim: true });
      const outlet = f.string("outlet", { maxLength: 300, trim: true });
      const interval = f.integer("interval", MIN_INTERVAL_S, MAX_INTERVAL_S);
      const active = f.boolean("active");
      f.done();
      const existing = (await deps.store.listFeeds()).find((x) => x.url === url);
      if (existing) return c.json(existing, 200);
      const feed = await deps.store.addFeed({
        url: url as string,
        ...(title ? { title } : {}),
        ...(outlet ? { outlet } : {}),
        ...(interval !== undefined ? { pollIntervalS: interval } : {}),
        ...(active !== undefined ? { active } : {}),
      });
      deps.onWrite();
      c.header("Location", `/api/feeds/${feed.id}`);
      return c.json(feed, 201);
    },
  );

  r.add(
    "GET",
    "/api/feeds/{id}",
    {
      tag: "feeds",
      summary: "One feed with its last poll",
      responses: { 200: "the feed", 404: "no such feed" },
    },
    async (c) => {
      parseQuery(c.req.url, {});
      return c.json(await feedOr404(deps, c.req.param("id") ?? ""));
    },
  );

  r.add(
    "PATCH",
    "/api/feeds/{id}",
    {
      tag: "feeds",
      summary: "Change a feed's title, outlet, interval or activity (null clears title or outlet)",
      body: {
        title: FIELDS.title,
        outlet: FIELDS.outlet,
        interval: FIELDS.interval,
        active: FIELDS.active,
      },
      responses: { 200: "the feed as changed", 404: "no such feed" },
    },
    async (c) => {
      const id = c.req.param("id") ?? "";
      const body = await readJsonObject(c, deps.maxBodyBytes);
      const f = new BodyFields(body, ["title", "outlet", "interval", "active", "url"]);
      if (body.url !== undefined)
        f.add("url", "a feed's url cannot change: add the new url as a feed and remove this one");
      const patch: FeedPatch = {};
      const title = f.string("title", { maxLength: 500, trim: true });
      const outlet = f.string("outlet", { maxLength: 300, trim: true });
      if (title !== undefined) patch.title = title || null;
      else if (body.title === null) patch.title = null;
      if (outlet !== undefined) patch.outlet = outlet || null;
      else if (body.outlet === null) patch.outlet = null;
      const interval = f.integer("interval", MIN_INTERVAL_S, MAX_INTERVAL_S);
      if (interval !== undefined) patch.pollIntervalS = interval;
      else if (body.interval === null) f.add("interval", "must be an integer, not null");
      const active = f.boolean("active");
      if (active !== undefined) patch.active = active;
      else if (body.active === null) f.add("active", "must be true or false, not null");
      f.done();
      await feedOr404(deps, id);
      const feed = await deps.store.updateFeed(id, patch);
      if (!feed) throw notFound(`no feed ${JSON.stringify(id)}`);
      deps.onWrite();
      return c.json(feed);
    },
  );

  r.add(
    "DELETE",
    "/api/feeds/{id}",
    {
      tag: "feeds",
      summary: "Unsubscribe (the articles already ingested stay)",
      responses: { 204: "removed", 404: "no such feed" },
    },
    async (c) => {
      parseQuery(c.req.url, {});
      const id = c.req.param("id") ?? "";
      const removed = id.length <= 200 && (await deps.store.removeFeed(id));
      if (!removed) throw notFound(`no feed ${JSON.stringify(id)}`);
      deps.onWrite();
      return c.body(null, 204);
    },
  );
}
