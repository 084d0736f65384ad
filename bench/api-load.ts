/**
 * The API under load (`npm run bench:api`): a SQLite store with at least a million events, the
 * API serving it (`rasd serve --no-poll`, a child process on loopback), and autocannon against
 * the event list — first page, each filter, a page deep down the cursor chain, GeoJSON — and the
 * health check. Prints requests/s, latency p50/p99 and errors per endpoint; fails when any
 * request errs or answers other than 2xx.
 *
 *   npm run bench:api [-- --db PATH] [-- --events 1000000] [-- --articles 400]
 *                     [-- --duration 10] [-- --connections 10] [-- --json]
 *
 * The store: without --db, `.rasd/bench/api-load.db`, built once and reused while it holds
 * enough events. Building it stores `--articles` SaudiNewsNet articles (../shared/data, read at
 * run time) through the normal path (analyze, then the store's putArticle), then copies their
 * events with SQL until there are `--events`: each copy with its own id (the same form,
 * `SYR-` and 16 hex digits), its date moved back up to ten years, its coordinates moved up to
 * half a degree, and its reports, actors and sources copied with it, so that every API query
 * sees them as stored events.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import BetterSqlite3 from "better-sqlite3";
import { analyze, InputError } from "../src/index.js";
import { storedFields } from "../src/ingest/index.js";
import { openStore } from "../src/store/index.js";
import { encodeCursor } from "../src/store/paging.js";
import type { Article } from "../src/types.js";
import { multiplyEvents, startServer } from "./serve-store.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const dbPath = option("--db") ?? join(ROOT, ".rasd", "bench", "api-load.db");
const wantEvents = Number(option("--events") ?? 1_000_000);
const articleCount = Number(option("--articles") ?? 400);
const duration = Number(option("--duration") ?? 10);
const connections = Number(option("--connections") ?? 10);
const asJson = args.includes("--json");
const shared = process.env.RASD_SHARED_DATA ?? join(ROOT, "..", "shared", "data");
const corpus = join(shared, "saudinewsnet-syria-iraq", "articles.jsonl");

function log(line: string): void {
  if (asJson) process.stderr.write(`${line}\n`);
  else console.log(line);
}

function countEvents(path: string): number {
  if (!existsSync(path)) return 0;
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    return (db.prepare("select count(*) as n from events").get() as { n: number }).n;
  } catch {
    return 0;
  } finally {
    db.close();
  }
}

/** Stores the first `n` corpus articles the normal way: analysed, then put in the store. */
async function ingestArticles(path: string, n: number): Promise<void> {
  const lines = readFileSync(corpus, "utf8")
    .split("\n")
    .filter((l) => l.trim().length > 0);
  const store = await openStore({ path });
  let stored = 0;
  try {
    for (const line of lines) {
      if (stored >= n) break;
      const a = JSON.parse(line) as {
        id: string;
        source: string;
        date?: string;
        title?: string;
        text: string;
        url?: string;
      };
      const article: Article = { id: a.id, text: a.text, outlet: a.source };
      if (a.title) article.title = a.title;
      if (a.date && /^\d{4}-\d{2}-\d{2}$/.test(a.date)) article.published = a.date;
      if (a.url) article.url = a.url;
      try {
        await store.putArticle(storedFields(article), analyze(article));
        stored++;
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
      }
    }
  } finally {
    await store.close();
  }
}

/** A cursor a client holds after following `depth` events down the newest-first list. */
function deepCursor(path: string, depth: number): string {
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    const row = db
      .prepare(
        "select event_date, id from events order by event_date desc, id desc limit 1 offset ?",
      )
      .get(depth) as { event_date: string; id: string };
    return encodeCursor("events", [row.event_date, row.id]);
  } finally {
    db.close();
  }
}

interface EndpointFigures {
  name: string;
  path: string;
  requests_per_second: number;
  latency_ms: { p50: number; p99: number; max: number };
  requests: number;
  errors: number;
  timeouts: number;
  non_2xx: number;
  bytes_per_response: number;
}

async function load(url: string, name: string, path: string): Promise<EndpointFigures> {
  const r = await autocannon({ url: `${url}${path}`, connections, duration });
  return {
    name,
    path,
    requests_per_second: +r.requests.average.toFixed(1),
    latency_ms: { p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max },
    requests: r.requests.total,
    errors: r.errors,
    timeouts: r.timeouts,
    non_2xx: r.non2xx,
    bytes_per_response: r.requests.total ? Math.round(r.throughput.total / r.requests.total) : 0,
  };
}

// ---------------------------------------------------------------------------------------------

const t0 = performance.now();
let events = countEvents(dbPath);
let built = false;
if (events < wantEvents) {
  if (option("--db") !== undefined && events > 0)
    throw new Error(`${dbPath} holds ${events} events, fewer than ${wantEvents}`);
  if (existsSync(dbPath)) throw new Error(`${dbPath} exists but is not a complete bench store`);
  mkdirSync(dirname(dbPath), { recursive: true });
  log(`building ${dbPath}: ${articleCount} articles through analyze and putArticle …`);
  await ingestArticles(dbPath, articleCount);
  log(
    `  ${countEvents(dbPath)} events stored; copying them to ${wantEvents.toLocaleString("en")} …`,
  );
  multiplyEvents(dbPath, wantEvents, { log });
  events = countEvents(dbPath);
  built = true;
}
const buildSeconds = +((performance.now() - t0) / 1000).toFixed(0);
log(
  `store: ${dbPath}, ${events.toLocaleString("en")} events${built ? ` (built in ${buildSeconds} s)` : ""}`,
);

const cursor = deepCursor(dbPath, Math.floor(events / 2));
const ENDPOINTS: [string, string][] = [
  ["health", "/api/health"],
  ["events, first page", "/api/events"],
  ["events, country", "/api/events?country=Iraq"],
  ["events, type", "/api/events?type=Battles"],
  ["events, date range", "/api/events?from=2012-01-01&to=2012-03-31"],
  ["events, bbox", "/api/events?bbox=36.5,35.5,37.5,36.5"],
  [
    "events, all filters",
    "/api/events?country=Syria&type=Explosions%2FRemote%20violence&from=2010-01-01&to=2014-12-31&bbox=35,32,42,37.5",
  ],
  ["events, deep cursor (middle of the list)", `/api/events?cursor=${cursor}`],
  ["events, GeoJSON", "/api/events?format=geojson"],
];

const { url, child } = await startServer(dbPath);
const results: EndpointFigures[] = [];
try {
  for (const [name, path] of ENDPOINTS) {
    const probe = await fetch(`${url}${path}`);
    if (!probe.ok) throw new Error(`${path} answered ${probe.status}: ${await probe.text()}`);
    await probe.arrayBuffer();
    const figures = await load(url, name, path);
    results.push(figures);
    log(
      `${name.padEnd(42)} ${String(figures.requests_per_second).padStart(8)} req/s  p50 ${figures.latency_ms.p50} ms  p99 ${figures.latency_ms.p99} ms  errors ${figures.errors}  non-2xx ${figures.non_2xx}`,
    );
  }
} finally {
  child.kill("SIGTERM");
}

const failed = results.some((r) => r.errors > 0 || r.timeouts > 0 || r.non_2xx > 0);
if (asJson) {
  console.log(
    JSON.stringify(
      {
        events,
        store: "sqlite",
        duration_s: duration,
        connections,
        node: process.version,
        endpoints: results,
        failed,
      },
      null,
      2,
    ),
  );
}
if (failed) log("FAILED: some requests erred or answered other than 2xx");
process.exit(failed ? 1 : 0);
