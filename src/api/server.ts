/**
 * `serve`: the API on a port, over a store it opens (SQLite by default, PostgreSQL by url). It
 * refuses to listen beyond localhost without a write token, and `close()` stops taking requests,
 * lets those under way finish (for a few seconds at most), then closes the store.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve as honoServe } from "@hono/node-server";
import { pipelineFor, analyze as rasdAnalyze } from "../index.js";
import { storedFields, toArticle } from "../ingest/index.js";
import { type FeedQueue, startFeedSchedule } from "../ingest/schedule.js";
import { openStore, type Store } from "../store/index.js";
import type { Article } from "../types.js";
import { ApiConfigError, type ApiOptions, createApp } from "./app.js";
import { isLoopbackHost } from "./auth.js";
import { mountWorkspace } from "./static.js";

export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = "127.0.0.1";
/** How long `close()` waits for requests under way before cutting their connections. */
const CLOSE_GRACE_MS = 5_000;

export interface ServeOptions extends Omit<ApiOptions, "store" | "requireToken"> {
  /** Default 8080; 0 picks a free port (see `port` on the result). */
  port?: number;
  /** Default 127.0.0.1. Anything but loopback needs `token`. */
  host?: string;
  /** The database: a SQLite path, `sqlite:PATH` or `postgres://…`; default as `openStore()` picks. */
  dbUrl?: string;
  /** A store already open, used instead of opening one (and not closed by `close()`). */
  store?: Store;
  /** Build the analysis pipeline before listening, so the first submission is not slow (default true). */
  warm?: boolean;
  /**
   * Poll the store's active feeds on their schedules while serving (src/ingest/schedule.ts), each
   * new item analysed and stored. Default false here; `rasd serve` turns it on unless --no-poll.
   */
  pollFeeds?: boolean | { checkEveryMs?: number; log?: (line: string) => void };
  /**
   * With `pollFeeds`: queue new feed items for `rasd worker` processes (src/scale/queue.ts)
   * instead of analysing them here. Not closed by `close()`.
   */
  queue?: FeedQueue;
}

export interface RunningServer {
  /** `http://host:port`. */
  url: string;
  host: string;
  port: number;
  store: Store;
  server: Server;
  /** Stops taking requests, waits for those under way, closes the store (if `serve` opened it). */
  close(): Promise<void>;
}

export function urlOf(host: string, port: number): string {
  const h = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  return `http://${h}:${port}`;
}

export async function serve(options: ServeOptions = {}): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  const port = options.port ?? DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ApiConfigError(`the port must be an integer from 0 to 65535, not ${port}`);
  }
  const local = isLoopbackHost(host);
  if (!local && options.token === undefined) {
    throw new ApiConfigError(
      `refusing to listen on ${host} without an API token: beyond localhost, writes need one. Give --token <secret> or set RASD_API_TOKEN (or listen on 127.0.0.1)`,
    );
  }
  const ownStore = options.store === undefined;
  const store =
    options.store ?? (await openStore(options.dbUrl !== undefined ? { url: options.dbUrl } : {}));
  try {
    const app = createApp({ ...options, store, requireToken: !local });
    mountWorkspace(app); // the web workspace at / (static.ts)
    if (options.warm !== false && options.analyze === undefined) pipelineFor();
    const server = await new Promise<Server>((resolve, reject) => {
      // overrideGlobalObjects: false leaves the process' Request and Response as they are.
      const s = honoServe({
        fetch: app.fetch,
        port,
        hostname: host,
        overrideGlobalObjects: false,
      }) as Server;
      s.once("error", reject);
      s.once("listening", () => {
        s.off("error", reject);
        resolve(s);
      });
    }).catch((e: NodeJS.ErrnoException) => {
      if (e.code === "EADDRINUSE")
        throw new ApiConfigError(`${urlOf(host, port)} is already in use: pick another --port`);
      if (e.code === "EADDRNOTAVAIL" || e.code === "ENOTFOUND")
        throw new ApiConfigError(`cannot listen on ${host}: no such address on this machine`);
      if (e.code === "EACCES") throw new ApiConfigError(`not allowed to listen on port ${port}`);
      throw e;
    });
    const actual = (server.address() as AddressInfo).port;
    const schedule = options.pollFeeds ? startPolling(store, options) : undefined;
    let closing: Promise<void> | null = null;
    const close = () => {
      closing ??= new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      }).then(async () => {
        await schedule?.stop();
        if (ownStore) await store.close();
      });
      return closing;
    };
    return { url: urlOf(host, actual), host, port: actual, store, server, close };
  } catch (e) {
    if (ownStore) await store.close();
    throw e;
  }
}

/** Feeds polled while the server runs: each new item analysed and stored like a posted page, or queued. */
function startPolling(store: Store, options: ServeOptions): { stop: () => Promise<void> } {
  const settings = typeof options.pollFeeds === "object" ? options.pollFeeds : {};
  const log = settings.log ?? (() => {});
  const analyzeOne = options.analyze ?? ((article: Article) => rasdAnalyze(article));
  const taken = options.queue ? "queued" : "stored";
  return startFeedSchedule({
    store,
    ...(settings.checkEveryMs !== undefined ? { checkEveryMs: settings.checkEveryMs } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.queue
      ? { queue: options.queue }
      : {
          ingest: async (page, _item, feed) => {
            const article = toArticle(page);
            if (!article.outlet && feed.outlet) article.outlet = feed.outlet;
            const put = await store.putArticle(storedFields(article, page), analyzeOne(article));
            return put.article_id;
          },
        }),
    onReport: (r, feed) =>
      log(
        `feed ${feed.url}: ${r.status}, ${r.items} items, ${r.fresh} new, ${r.ingested} ${taken}, ${r.failed} failed${r.error ? ` (${r.error.message})` : ""}`,
      ),
    onItemError: (e, item, feed) =>
      log(`feed ${feed.url}: item ${item.link ?? item.key}: ${(e as Error).message ?? String(e)}`),
    onError: (e) => log(`feeds: ${(e as Error).message ?? String(e)}`),
  });
}
