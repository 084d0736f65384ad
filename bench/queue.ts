/**
 * Queue benchmark (`npm run bench:queue`): queues the first N articles of the development corpus
 * (`rasd ingest - --queue`), runs W `rasd worker --until-empty` processes against the queue until
 * it is drained, and prints what docs/deploy.md's sizing is built on: articles/s, the workers' CPU
 * per article, and PostgreSQL's own time per article (pg_stat_database). It needs a PostgreSQL
 * server where it may create a database (dropped at the end):
 *
 *   scripts/with-postgres.sh npm run bench:queue -- --articles 2000 --workers 1
 *   RASD_BENCH_DATABASE_URL=postgres://… npm run bench:queue -- --workers 2 --concurrency 2
 *   (--batch 1: one job at a time per worker, so its writing time is the transaction alone)
 *
 * The corpus is read from ../shared/data (or $RASD_SHARED_DATA) at run time.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  const n = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} takes a whole number`);
  return n;
};
const articles = option("--articles", 2000);
const workers = option("--workers", 1);
const concurrency = option("--concurrency", 1);
// 1: each worker writes one article at a time, so "writing" is the transaction alone, no lock wait.
const batch = args.includes("--batch") ? option("--batch", 2) : undefined;
const asJson = args.includes("--json");

const server = process.env.RASD_BENCH_DATABASE_URL ?? process.env.RASD_TEST_DATABASE_URL;
if (!server) {
  console.error(
    "bench:queue needs a PostgreSQL server: set RASD_BENCH_DATABASE_URL, or run it inside scripts/with-postgres.sh",
  );
  process.exit(2);
}
const shared = process.env.RASD_SHARED_DATA ?? join(process.cwd(), "..", "shared", "data");
const corpus = join(shared, "saudinewsnet-syria-iraq", "articles.jsonl");
const lines = readFileSync(corpus, "utf8")
  .split("\n")
  .filter((l) => l.trim().length > 0)
  .slice(0, articles);
if (lines.length < articles)
  console.error(`bench:queue: the corpus has only ${lines.length} articles`);

const BIN = fileURLToPath(new URL("../bin/rasd.js", import.meta.url));

async function sql<R>(url: string, text: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as R[];
  } finally {
    await client.end();
  }
}

/** Runs rasd; resolves with its standard error once it exits (rejects on a non-zero exit). */
function rasd(argv: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], {
      stdio: [input === undefined ? "ignore" : "pipe", "ignore", "pipe"],
      env: { ...process.env, DATABASE_URL: "" },
    });
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => {
      stderr += d.toString("utf8");
    });
    child.once("exit", (code) =>
      code === 0 ? resolve(stderr) : reject(new Error(`rasd ${argv[0]} exited ${code}: ${stderr}`)),
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

interface DbStats {
  active_ms: number;
  commits: number;
}
const dbStats = async (url: string, name: string): Promise<DbStats> => {
  // pg_stat_database is updated when a backend reports: ask for a fresh snapshot.
  const [row] = await sql<DbStats>(
    url,
    `select coalesce(active_time, 0)::float as active_ms, xact_commit::int as commits
       from pg_stat_database where datname = '${name}'`,
  );
  return row ?? { active_ms: 0, commits: 0 };
};

const name = `rasd_bench_${process.pid}`;
await sql(server, `create database "${name}"`);
const dbUrl = new URL(server);
dbUrl.pathname = `/${name}`;
const url = dbUrl.toString();
try {
  const load0 = loadavg();
  const tq = performance.now();
  const queued = await rasd(
    ["ingest", "-", "--queue", "--db", url, "--quiet"],
    `${lines.join("\n")}\n`,
  );
  const enqueueSeconds = (performance.now() - tq) / 1000;
  const before = await dbStats(url, name);
  const t0 = performance.now();
  const summaries = await Promise.all(
    Array.from({ length: workers }, () =>
      rasd([
        "worker",
        "--db",
        url,
        "--until-empty",
        "--quiet",
        "--concurrency",
        String(concurrency),
        ...(batch !== undefined ? ["--batch", String(batch)] : []),
      ]),
    ),
  );
  const wall = (performance.now() - t0) / 1000;
  // Backends report their statistics when idle; give them a moment before reading.
  await new Promise((r) => setTimeout(r, 1500));
  const after = await dbStats(url, name);
  const [span] = await sql<{ n: number; first: string; last: string; events: number }>(
    url,
    `select count(*)::int as n, min(analyzed_at) as first, max(analyzed_at) as last,
            (select count(*)::int from event_reports) as events from articles`,
  );
  const stored = span?.n ?? 0;
  const [sizes] = await sql<{ store: number; queue: number }>(
    url,
    `select sum(pg_total_relation_size(c.oid)) filter (where n.nspname = 'public')::float as store,
            sum(pg_total_relation_size(c.oid)) filter (where n.nspname = 'pgboss')::float as queue
       from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind = 'r'`,
  );
  const steady = (Date.parse(span?.last ?? "") - Date.parse(span?.first ?? "")) / 1000;
  const num = (re: RegExp, s: string) => Number(s.match(re)?.[1] ?? Number.NaN);
  const perWorker = summaries.map((s) => ({
    jobs: num(/(\d+) jobs in/, s),
    cpu_s: num(/CPU ([\d.]+) s/, s),
    analysis_s: num(/analysis ([\d.]+) s/, s),
    writing_s: num(/writing ([\d.]+) s/, s),
  }));
  const cpuTotal = perWorker.reduce((n, w) => n + w.cpu_s, 0);
  const figures = {
    machine: `${cpus().length} × ${cpus()[0]?.model ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
    load_before: load0.map((x) => x.toFixed(2)).join(" "),
    load_after: loadavg()
      .map((x) => x.toFixed(2))
      .join(" "),
    articles: lines.length,
    stored,
    event_reports: span?.events ?? 0,
    workers,
    concurrency,
    batch: batch ?? null,
    enqueue_per_second: Math.round(lines.length / enqueueSeconds),
    enqueue_summary: queued.trim().split("\n").at(-1)?.trim(),
    wall_seconds: Number(wall.toFixed(1)),
    articles_per_second_wall: Number((stored / wall).toFixed(1)),
    articles_per_second_steady: Number((stored / Math.max(steady, 0.001)).toFixed(1)),
    worker_cpu_ms_per_article: Number(((cpuTotal * 1000) / stored).toFixed(1)),
    db_active_ms_per_article: Number(((after.active_ms - before.active_ms) / stored).toFixed(1)),
    db_commits_per_article: Number(((after.commits - before.commits) / stored).toFixed(1)),
    store_kb_per_article: Number(((sizes?.store ?? 0) / 1024 / stored).toFixed(1)),
    queue_kb_per_job: Number(((sizes?.queue ?? 0) / 1024 / lines.length).toFixed(1)),
    per_worker: perWorker,
  };
  if (asJson) process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
  else {
    console.log(
      `bench:queue — ${figures.machine}; load ${figures.load_before} → ${figures.load_after}`,
    );
    console.log(
      `  queued ${lines.length} articles at ${figures.enqueue_per_second}/s (${figures.enqueue_summary})`,
    );
    console.log(
      `  ${workers} worker(s) × ${concurrency} thread(s)${batch !== undefined ? `, batch ${batch}` : ""}: ${stored} stored in ${figures.wall_seconds} s with start-up, ${figures.articles_per_second_wall}/s; ${figures.articles_per_second_steady}/s from first to last write`,
    );
    console.log(
      `  per article: ${figures.worker_cpu_ms_per_article} ms of worker CPU, ${figures.db_active_ms_per_article} ms of PostgreSQL statement time, ${figures.db_commits_per_article} commits`,
    );
    console.log(
      `  on disk: ${figures.store_kb_per_article} KB per stored article (tables and indexes), ${figures.queue_kb_per_job} KB per job (pg-boss, completed jobs not yet archived)`,
    );
    for (const [i, w] of perWorker.entries())
      console.log(
        `  worker ${i + 1}: ${w.jobs} jobs, CPU ${w.cpu_s} s, analysis ${w.analysis_s} s, writing ${w.writing_s} s`,
      );
  }
} finally {
  await sql(server, `drop database if exists "${name}" with (force)`);
}
