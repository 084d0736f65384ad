/**
 * `rasd ingest --queue` and `rasd worker` on PostgreSQL: articles queued once, refused without
 * PostgreSQL; several workers sharing one queue, one of them killed with SIGKILL in the middle of
 * its batch, and still every article stored exactly once, whole, and the queue drained.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { analyze } from "../../src/index.js";
import { readJsonl, toArticle } from "../../src/ingest/index.js";
import { articleIdFor, contentHash } from "../../src/store/index.js";
import { derived, freshDatabase, pgTest, query, syntheticArticle } from "../scale/helpers.js";

const BIN = fileURLToPath(new URL("../../bin/rasd.js", import.meta.url));
const SNN = fileURLToPath(
  new URL("../../../shared/data/saudinewsnet-syria-iraq/articles.jsonl", import.meta.url),
);
const dir = mkdtempSync(join(tmpdir(), "rasd-queue-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The environment of every child: no DATABASE_URL of the caller's, and the queue's timings. */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete e.DATABASE_URL;
  return e;
}

function rasd(args: string[], extra: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: env(extra) });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs rasd without blocking this process (a local server here must answer it). */
function rasdAsync(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      stdio: ["ignore", "ignore", "pipe"],
      env: env(),
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString("utf8");
    });
    child.once("exit", (code) => resolve({ code, stderr }));
  });
}

/** A worker process; its exit code and standard error once it ends. */
function worker(url: string, args: string[], extra: Record<string, string>) {
  const child: ChildProcess = spawn(process.execPath, [BIN, "worker", "--db", url, ...args], {
    stdio: ["ignore", "ignore", "pipe"],
    env: env(extra),
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString("utf8");
  });
  const exited = new Promise<{ code: number | null; signal: string | null; stderr: string }>(
    (resolve) => child.once("exit", (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, exited, stderr: () => stderr };
}

/**
 * `count` articles as JSONL: the first of the SaudiNewsNet archive (read from ../shared/data at
 * run time, into a temporary folder, never into the repository), else synthetic ones.
 */
function archive(name: string, count: number): { path: string; source: string } {
  const path = join(dir, name);
  if (existsSync(SNN)) {
    const lines = readFileSync(SNN, "utf8").split("\n").filter(Boolean).slice(0, count);
    if (lines.length === count) {
      writeFileSync(path, `${lines.join("\n")}\n`);
      return { path, source: "SaudiNewsNet" };
    }
  }
  const lines = Array.from({ length: count }, (_, n) => JSON.stringify(syntheticArticle(n)));
  writeFileSync(path, `${lines.join("\n")}\n`);
  return { path, source: "synthetic" };
}

/**
 * What a direct analysis gives each article of a JSONL file, keyed by the id the store gives it:
 * event reports, claims and mentions, as `derived` reads them from a store.
 */
async function analysedCounts(path: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for await (const r of readJsonl(path)) {
    if (!r.ok) continue;
    const article = toArticle(r.article);
    const result = analyze(article);
    const id = articleIdFor(contentHash(article.text, article.outlet ?? null));
    out[id] = `${result.events.length}/${result.claims.length}/${result.entities.length}`;
  }
  return out;
}

async function storedCount(url: string): Promise<number> {
  try {
    const [row] = await query<{ n: number }>(url, "select count(*)::int as n from articles");
    return row?.n ?? 0;
  } catch {
    return 0; // not migrated yet
  }
}

async function jobStates(url: string): Promise<Record<string, number>> {
  const rows = await query<{ state: string; n: number }>(
    url,
    "select state::text as state, count(*)::int as n from pgboss.job where name = 'rasd-analyze' group by 1",
  );
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

describe("rasd worker and rasd ingest --queue without PostgreSQL", () => {
  it("refuses to start without a PostgreSQL url, saying how to give one (exit 2)", () => {
    const r = rasd(["worker"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /rasd worker needs PostgreSQL, which holds the job queue: give --db/);
  });

  it("refuses a SQLite store precisely (exit 2)", () => {
    const r = rasd(["worker", "--db", join(dir, "rasd.db")]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /rasd\.db is a SQLite store/);
    const q = rasd(["ingest", join(dir, "none.jsonl"), "--queue", "--db", join(dir, "rasd.db")]);
    assert.equal(q.code, 2);
    assert.match(q.stderr, /rasd ingest --queue needs PostgreSQL/);
  });

  it("says PostgreSQL cannot be reached, without a stack trace (exit 1)", () => {
    const r = rasd(["worker", "--db", "postgres://rasd:secret@127.0.0.1:1/rasd"]);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /^rasd: cannot reach PostgreSQL at postgres:\/\/rasd:…@127\.0\.0\.1:1\/rasd: /,
    );
    assert.doesNotMatch(r.stderr, /secret|\n\s+at /);
  });

  it("refuses options that do not go together", () => {
    const r = rasd(["ingest", join(dir, "none.jsonl"), "--queue", "--workers", "2"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /with --queue, start rasd worker processes instead/);
    assert.equal(rasd(["worker", "--concurrency", "zero"]).code, 2);
  });
});

describe("rasd worker on PostgreSQL", () => {
  pgTest(
    "several workers, one killed with SIGKILL mid-batch: every article stored exactly once and whole, the queue drained",
    async () => {
      const total = 300;
      const { path: src, source } = archive("many.jsonl", total);
      const db = await freshDatabase();
      // Short timings: a killed worker's jobs expire after 3 s, upkeep runs every second.
      const timings = {
        RASD_QUEUE_EXPIRE_S: "3",
        RASD_QUEUE_RETRY_DELAY_S: "1",
        RASD_QUEUE_MAINTENANCE_S: "1",
      };
      const running: ChildProcess[] = [];
      try {
        const queued = rasd(["ingest", src, "--queue", "--db", db.url, "--quiet"], timings);
        assert.equal(queued.code, 0, queued.stderr);
        assert.match(queued.stderr, new RegExp(`enqueued ${total}, 0 already queued`));
        const again = rasd(["ingest", src, "--queue", "--db", db.url, "--quiet"], timings);
        assert.match(again.stderr, new RegExp(`enqueued 0, ${total} already queued`));
        assert.equal((await jobStates(db.url)).created, total);

        const args = ["--batch", "6", "--poll", "1", "--quiet"];
        // A says when it starts taking jobs (not --quiet); from then on it always holds some.
        const a = worker(db.url, ["--batch", "6", "--poll", "1"], timings);
        const b = worker(db.url, args, timings);
        running.push(a.child, b.child);
        // Kill A once it is taking jobs and some articles are stored, well before the end.
        const deadline = Date.now() + 60_000;
        while (
          Date.now() < deadline &&
          !(a.stderr().includes("taking jobs") && (await storedCount(db.url)) >= 30)
        )
          await sleep(100);
        a.child.kill("SIGKILL");
        const killed = await a.exited;
        assert.equal(killed.signal, "SIGKILL");
        const atKill = await storedCount(db.url);
        assert.ok(atKill >= 30 && atKill < total, `killed after ${atKill} of ${total} (${source})`);

        // A worker started again, to the end: it exits once nothing waits or runs, so only after
        // the killed worker's jobs have expired and been done again.
        const c = worker(db.url, [...args, "--until-empty"], timings);
        running.push(c.child);
        const restarted = await c.exited;
        assert.equal(restarted.code, 0, restarted.stderr);
        assert.match(restarted.stderr, /rasd worker: \d+ jobs in/);

        // SIGTERM: B finishes what it holds and exits cleanly with its summary.
        b.child.kill("SIGTERM");
        const stopped = await b.exited;
        assert.equal(stopped.code, 0, stopped.stderr);
        assert.match(stopped.stderr, /stored \d+ new, \d+ already stored, 0 failed/);

        // Every article once, each with exactly the rows its analysis gives: nothing written
        // twice, nothing half-written.
        assert.equal(await storedCount(db.url), total);
        const want = await analysedCounts(src);
        assert.equal(Object.keys(want).length, total);
        assert.deepEqual(await derived(db.url), want);
        // No report counted twice in a merged event.
        const [sums] = await query<{ reports: number; counted: number }>(
          db.url,
          `select (select count(*) from event_reports)::int as reports,
                  (select coalesce(sum(report_count), 0) from events)::int as counted`,
        );
        assert.equal(sums?.reports, sums?.counted);
        assert.equal(
          sums?.reports,
          Object.values(want).reduce((n, v) => n + Number(v.split("/")[0]), 0),
        );

        // The queue is drained: every job completed, none failed; those the killed worker held
        // were taken back after their expiry and done again.
        const states = await jobStates(db.url);
        assert.deepEqual(states, { completed: total });
        const [retried] = await query<{ n: number }>(
          db.url,
          "select count(*)::int as n from pgboss.job where name = 'rasd-analyze' and retry_count > 0",
        );
        assert.ok((retried?.n ?? 0) >= 1, "the killed worker's jobs were retried");
        const status = rasd(["queue", "status", "--db", db.url]);
        assert.equal(status.code, 0, status.stderr);
        assert.match(
          status.stdout,
          new RegExp(`waiting 0 .*active 0, completed ${total}, failed 0`),
        );
      } finally {
        for (const child of running) if (child.exitCode === null) child.kill("SIGKILL");
        await db.drop();
      }
    },
  );

  pgTest("queues each new item of a feed once, and a worker stores them", async () => {
    const server = createServer((req, res) => {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      if (req.url === "/feed.xml") {
        res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8" });
        res.end(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>أخبار</title>
<item><title>أ</title><link>${base}/a/1</link><guid>item-1</guid></item>
<item><title>ب</title><link>${base}/a/2</link><guid>item-2</guid></item></channel></rss>`);
      } else if (req.url?.startsWith("/a/")) {
        const [title, , ...body] = syntheticArticle(Number(req.url.slice(3))).text.split("\n");
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end(`<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>${title}</title></head>
<body><article><h1>${title}</h1>${body
          .filter(Boolean)
          .map((p) => `<p>${p}</p>`)
          .join("")}</article></body></html>`);
      } else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const feed = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
    const db = await freshDatabase();
    try {
      const first = await rasdAsync(["ingest", feed, "--queue", "--db", db.url]);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stderr, /2 articles read.*\n.*enqueued 2, 0 already queued/);
      const second = await rasdAsync(["ingest", feed, "--queue", "--db", db.url]);
      assert.match(second.stderr, /0 articles read/);
      const w = worker(db.url, ["--until-empty", "--poll", "1"], {});
      const done = await w.exited;
      assert.equal(done.code, 0, done.stderr);
      assert.match(done.stderr, /stored 2 new/);
      assert.equal(await storedCount(db.url), 2);
      const items = await query<{ n: number }>(db.url, "select count(*)::int as n from feed_items");
      assert.equal(items[0]?.n, 2);
    } finally {
      server.close();
      await db.drop();
    }
  });
});
