/**
 * The HTTP API as a Hono app: `createApp({store})` answers requests in-process
 * (`app.request("/api/events")` in tests) or behind a server (`serve`, server.ts).
 *
 * Every answer carries `X-Request-Id` (the client's, when it sent a sane one); reads are open to
 * any origin (CORS for GET and HEAD); every error is an RFC 9457 problem (problems.ts); writes go
 * through the token guard (auth.ts). docs/api.md describes the endpoints.
 */
import { Hono } from "hono";
import { compress } from "hono/compress";
import { cors } from "hono/cors";
import { requestId } from "hono/request-id";
import { analyze as rasdAnalyze } from "../index.js";
import type { FetchLike } from "../ingest/index.js";
import type { AnalysisResult } from "../output/json.js";
import { RASD_VERSION } from "../output/json.js";
import type { Store } from "../store/index.js";
import type { Article } from "../types.js";
import { writeGuard } from "./auth.js";
import { DEFAULT_MAX_BODY_BYTES } from "./body.js";
import { toProblem } from "./errors.js";
import { publicOnlyFetch } from "./net.js";
import { openApiDocument } from "./openapi.js";
import { parseQuery } from "./params.js";
import { ApiProblem, notFound, problemResponse } from "./problems.js";
import { registerArticles } from "./routes/articles.js";
import { registerCatalog } from "./routes/catalog.js";
import { registerEvents } from "./routes/events.js";
import { registerFeeds } from "./routes/feeds.js";
import { registerMeta } from "./routes/meta.js";
import { type Deps, type Env, Routes } from "./routes.js";

export const DEFAULT_FETCH_TIMEOUT_MS = 20_000;
export const DEFAULT_FETCH_MAX_BYTES = 10 * 1024 * 1024;

export interface ApiOptions {
  store: Store;
  /** The analyzer (default rasd's `analyze`). */
  analyze?: (article: Article) => AnalysisResult;
  /** How URLs posted to /api/articles are fetched (default the global fetch). */
  fetch?: FetchLike;
  /**
   * Let posted URLs reach loopback and private addresses (default false: public addresses only,
   * so that clients cannot use the server to reach its own network).
   */
  allowPrivateNetworks?: boolean;
  /** Bearer token for writes. Without one, writes are taken only from requests to localhost. */
  token?: string;
  /** Refuse to build the app without a token (a server listening beyond localhost). */
  requireToken?: boolean;
  /** Largest JSON request body, in bytes (default 10 MB). */
  maxBodyBytes?: number;
  /** Deadline for fetching a posted URL (default 20 s). */
  fetchTimeoutMs?: number;
  /** Largest page fetched for a posted URL (default 10 MB). */
  fetchMaxBytes?: number;
  /** Origins allowed to read across origins (default "*"). */
  corsOrigin?: string | string[];
  /** Where to write one line per request (method, path, status, time, request id); none by default. */
  accessLog?: (line: string) => void;
  /** Where unexpected errors are reported (default stderr). */
  errorLog?: (message: string) => void;
}

/** A configuration the API refuses to run with (e.g. writes beyond localhost without a token). */
export class ApiConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ApiConfigError";
  }
}

export function createApp(options: ApiOptions): Hono<Env> {
  const token = options.token;
  if (token !== undefined && token.trim() === "") {
    throw new ApiConfigError("the API token is empty: give a token, or none");
  }
  if (options.requireToken && token === undefined) {
    throw new ApiConfigError(
      "writes need a token when the server listens beyond localhost: give --token or set RASD_API_TOKEN",
    );
  }
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1) {
    throw new ApiConfigError(`maxBodyBytes must be a positive integer, not ${maxBodyBytes}`);
  }
  const baseFetch = options.fetch ?? (globalThis.fetch as FetchLike);
  const errorLog = options.errorLog ?? ((m: string) => process.stderr.write(`${m}\n`));
  const deps: Deps = {
    store: options.store,
    analyze: options.analyze ?? ((article) => rasdAnalyze(article)),
    fetch: options.allowPrivateNetworks ? baseFetch : publicOnlyFetch(baseFetch),
    maxBodyBytes,
    fetchTimeoutMs: options.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS,
    fetchMaxBytes: options.fetchMaxBytes ?? DEFAULT_FETCH_MAX_BYTES,
    version: RASD_VERSION,
    startedAt: Date.now(),
    onWrite: () => {},
  };

  const app = new Hono<Env>();
  app.use("*", requestId());
  const log = options.accessLog;
  if (log) {
    app.use("*", async (c, next) => {
      const t0 = performance.now();
      await next();
      const ms = (performance.now() - t0).toFixed(1);
      const path = new URL(c.req.url).pathname;
      log(`${c.req.method} ${path} ${c.res.status} ${ms}ms ${c.get("requestId")}`);
    });
  }
  app.use("*", async (c, next) => {
    await next();
    c.header("X-Content-Type-Options", "nosniff");
  });
  const readCors = cors({
    origin: options.corsOrigin ?? "*",
    allowMethods: ["GET", "HEAD"],
    exposeHeaders: ["X-Request-Id", "Link", "X-Next-Cursor", "Content-Disposition", "Location"],
    maxAge: 600,
  });
  app.use("/api/*", readCors);
  app.use("/openapi.json", readCors);
  // JSON, GeoJSON and CSV shrink seven to twelve times: a map's 100,000 events are 14 MB plain.
  // Only when the client asks (Accept-Encoding); the workspace's static files are gzipped once
  // in static.ts.
  app.use("/api/*", compress({ encoding: "gzip" }));

  const routes = new Routes(app, writeGuard(token));
  registerMeta(routes, deps);
  registerArticles(routes, deps);
  registerEvents(routes, deps);
  registerCatalog(routes, deps);
  registerFeeds(routes, deps);
  routes.add(
    "GET",
    "/openapi.json",
    { tag: "meta", summary: "This API's OpenAPI 3.1 document", responses: { 200: "the document" } },
    (c) => {
      parseQuery(c.req.url, {});
      return c.json(openApiDocument(routes.list, deps.version));
    },
  );
  routes.finish();

  app.notFound((c) => {
    const path = new URL(c.req.url).pathname;
    return problemResponse(
      c,
      notFound(`no endpoint at ${path}; the endpoints are listed at /openapi.json`),
    );
  });
  app.onError((error, c) => {
    const problem = toProblem(error);
    if (problem) return problemResponse(c, problem);
    const id = c.get("requestId");
    errorLog(
      `rasd api: ${c.req.method} ${new URL(c.req.url).pathname} (request ${id}) failed: ${(error as Error).stack ?? String(error)}`,
    );
    return problemResponse(
      c,
      new ApiProblem(
        "internal-error",
        `the server failed to answer this request; its log has the details under request id ${id}`,
      ),
    );
  });
  return app;
}
