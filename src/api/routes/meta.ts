/** `GET /api/health` and `GET /api/version`. */
import type { Page, Store } from "../../store/index.js";
import { parseQuery } from "../params.js";
import { ApiProblem } from "../problems.js";
import type { Deps, Routes } from "../routes.js";

export const API_VERSION = "1";

/** Rows counted per list before the count is given as "at least" (`counts_exact: false`). */
const COUNT_CAP = 10_000;
/** How long counts are reused: health checks come often, and counting pages through lists. */
const COUNT_TTL_MS = 10_000;

export interface Counts {
  articles: number;
  events: number;
  feeds: number;
}

/** A store that can count its rows itself (the `Store` interface has no such method yet). */
type CountingStore = Store & { counts?: () => Promise<Partial<Counts>> };

async function countPages(
  list: (cursor: string | null) => Promise<Page<unknown>>,
): Promise<{ n: number; exact: boolean }> {
  let n = 0;
  let cursor: string | null = null;
  do {
    const page: Page<unknown> = await list(cursor);
    n += page.items.length;
    cursor = page.next_cursor;
    if (n >= COUNT_CAP && cursor !== null) return { n, exact: false };
  } while (cursor !== null);
  return { n, exact: true };
}

/**
 * Articles, events and feeds in the store. The store interface has no count, so lists are paged
 * through (500 rows a page, up to 10,000 each) unless the store offers `counts()`.
 */
async function countAll(store: CountingStore): Promise<{ counts: Counts; exact: boolean }> {
  const feeds = (await store.listFeeds()).length;
  if (typeof store.counts === "function") {
    const c = await store.counts();
    return {
      counts: { articles: c.articles ?? 0, events: c.events ?? 0, feeds: c.feeds ?? feeds },
      exact: true,
    };
  }
  const articles = await countPages((cursor) => store.searchArticles({ limit: 500, cursor }));
  const events = await countPages((cursor) => store.listEvents({ limit: 500, cursor }));
  return {
    counts: { articles: articles.n, events: events.n, feeds },
    exact: articles.exact && events.exact,
  };
}

export function registerMeta(r: Routes, deps: Deps): void {
  let cached: { at: number; value: { counts: Counts; exact: boolean } } | null = null;
  /** Forgets the cached counts (after a write through this API). */
  deps.onWrite = () => {
    cached = null;
  };

  r.add(
    "GET",
    "/api/health",
    {
      tag: "meta",
      summary: "Whether the server and its database answer, with the schema version and counts",
      responses: {
        200: "ok: version, backend, schema, counts (cached for 10 s)",
        503: "the database does not answer (problem)",
      },
    },
    async (c) => {
      parseQuery(c.req.url, {});
      try {
        const schema = await deps.store.schemaVersion();
        if (cached === null || Date.now() - cached.at > COUNT_TTL_MS) {
          cached = { at: Date.now(), value: await countAll(deps.store) };
        }
        return c.json({
          status: "ok",
          version: deps.version,
          api_version: API_VERSION,
          backend: deps.store.backend,
          schema: { ...schema, current: schema.version === schema.latest },
          counts: cached.value.counts,
          counts_exact: cached.value.exact,
          uptime_s: Math.round((Date.now() - deps.startedAt) / 1000),
        });
      } catch (e) {
        throw new ApiProblem(
          "unavailable",
          `the database does not answer: ${(e as Error).message}`,
        );
      }
    },
  );

  r.add(
    "GET",
    "/api/version",
    {
      tag: "meta",
      summary: "rasd's version and the API's",
      responses: { 200: "{rasd_version, api_version, node_version}" },
    },
    (c) => {
      parseQuery(c.req.url, {});
      return c.json({
        rasd_version: deps.version,
        api_version: API_VERSION,
        node_version: process.versions.node,
      });
    },
  );
}
