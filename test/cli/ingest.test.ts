/**
 * `rasd ingest`: articles read, analysed and stored; bad lines reported and skipped; a run
 * killed with SIGKILL halfway (between or during batch commits) and started again stores every
 * article exactly once.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { ingestItems } from "../../src/cli/ingest.js";
import { articleFromText } from "../../src/ingest/bulk.js";
import type { IngestResult } from "../../src/ingest/types.js";
import type { PutItem, Store } from "../../src/store/types.js";

const BIN = fileURLToPath(new URL("../../bin/rasd.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "rasd-ingest-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function rasd(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const TOWNS = [
  "كفرنبل",
  "معرة النعمان",
  "سراقب",
  "أريحا",
  "جسر الشغور",
  "خان شيخون",
  "دوما",
  "داريا",
];
const DAYS = ["السبت", "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة"];

/** Article n of a synthetic archive: a shelling report with its own town, day and toll. */
function article(n: number): { id: string; text: string; date: string } {
  const town = TOWNS[n % TOWNS.length];
  const day = DAYS[n % DAYS.length];
  const text = [
    `قصف على ${town}`,
    "",
    `قصفت قوات النظام بالمدفعية الثقيلة مدينة ${town} في ريف إدلب يوم ${day}، ما أسفر عن مقتل ${(n % 9) + 2} مدنيين وإصابة ${n + 3} آخرين، بحسب ما أفاد ناشطون محليون.`,
    "",
    `وقال الدفاع المدني إن فرقه انتشلت ${n % 5} جثث من تحت الأنقاض في الحي الشرقي من المدينة (التقرير رقم ${n}).`,
  ].join("\n");
  return { id: `synthetic-${n}`, text, date: "2016-03-10" };
}

function archive(name: string, count: number, extra: string[] = []): string {
  const lines = Array.from({ length: count }, (_, n) => JSON.stringify(article(n)));
  const path = join(dir, name);
  writeFileSync(path, `${[...lines, ...extra].join("\n")}\n`);
  return path;
}

function count(db: string, table: string): number {
  const d = new Database(db, { readonly: true });
  try {
    return (d.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  } finally {
    d.close();
  }
}

/** Per article: how many event reports, claims and mentions it has, to compare two stores. */
function derived(db: string): Record<string, string> {
  const d = new Database(db, { readonly: true });
  try {
    const rows = d
      .prepare(
        `select a.id as id,
           (select count(*) from event_reports r where r.article_id = a.id) as reports,
           (select count(*) from claims c where c.article_id = a.id) as claims,
           (select count(*) from mentions m where m.article_id = a.id) as mentions
         from articles a order by a.id`,
      )
      .all() as { id: string; reports: number; claims: number; mentions: number }[];
    return Object.fromEntries(rows.map((r) => [r.id, `${r.reports}/${r.claims}/${r.mentions}`]));
  } finally {
    d.close();
  }
}

describe("rasd ingest", () => {
  it("stores each article of a JSONL archive with its events, and reports bad lines by number", () => {
    const db = join(dir, "small.db");
    const src = archive("small.jsonl", 6, ["{not json", JSON.stringify({ id: "empty", text: "" })]);
    const r = rasd(["ingest", src, "--db", db]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /8 articles read/);
    assert.match(r.stderr, /stored 6 new/);
    assert.match(r.stderr, /2 refused/);
    assert.match(r.stderr, /small\.jsonl:7: not valid JSON/);
    assert.match(r.stderr, /small\.jsonl:8: .*no article text/);
    assert.equal(count(db, "articles"), 6);
    assert.ok(count(db, "events") >= 6);
  });

  it("stores nothing twice when the same archive is ingested again", () => {
    const db = join(dir, "again.db");
    const src = archive("again.jsonl", 5);
    assert.equal(rasd(["ingest", src, "--db", db]).code, 0);
    const before = derived(db);
    const r = rasd(["ingest", src, "--db", db]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /stored 0 new, 5 already stored/);
    assert.deepEqual(derived(db), before);
  });

  it("refuses a source that does not exist, with exit code 2", () => {
    const r = rasd(["ingest", join(dir, "missing.jsonl"), "--db", join(dir, "missing.db")]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no such file or folder/);
  });

  it("killed with SIGKILL halfway and run again, stores every article exactly once and whole", async () => {
    const total = 300;
    const src = archive("big.jsonl", total);
    const reference = join(dir, "reference.db");
    assert.equal(rasd(["ingest", src, "--db", reference, "--quiet"]).code, 0);

    const db = join(dir, "killed.db");
    // Small batches (20 articles to a transaction), so that the kill falls between commits.
    const child = spawn(
      process.execPath,
      [BIN, "ingest", src, "--db", db, "--quiet", "--batch", "20"],
      { stdio: "ignore" },
    );
    const exited = new Promise((resolve) => child.once("exit", resolve));
    // Kill it once some articles are stored, well before the end.
    const deadline = Date.now() + 60_000;
    let stored = 0;
    while (Date.now() < deadline) {
      await sleep(50);
      try {
        stored = count(db, "articles");
      } catch {
        stored = 0; // not created or not migrated yet
      }
      if (stored >= 20) break;
    }
    child.kill("SIGKILL");
    await exited;
    const atKill = count(db, "articles");
    assert.ok(atKill >= 20 && atKill < total, `killed after ${atKill} of ${total}`);
    const integrity = new Database(db, { readonly: true });
    assert.equal(
      (integrity.prepare("pragma integrity_check").get() as { integrity_check: string })
        .integrity_check,
      "ok",
    );
    integrity.close();

    const r = rasd(["ingest", src, "--db", db, "--quiet", "--batch", "20"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`stored ${total - atKill} new, ${atKill} already stored`));
    assert.equal(count(db, "articles"), total);
    // Every article has exactly what an uninterrupted run gives it: nothing half-written.
    assert.deepEqual(derived(db), derived(reference));
  });
});

describe("rasd ingest, batched and on worker threads", () => {
  it("stores with 2 workers and batches of 7 what one thread storing article by article stores", () => {
    const src = archive("workers.jsonl", 40, [JSON.stringify(article(3))]);
    const one = join(dir, "one-by-one.db");
    const two = join(dir, "workers.db");
    assert.equal(rasd(["ingest", src, "--db", one, "--quiet", "--batch", "1"]).code, 0);
    const r = rasd(["ingest", src, "--db", two, "--quiet", "--workers", "2", "--batch", "7"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /stored 40 new, 1 already stored/);
    assert.deepEqual(derived(two), derived(one));
    assert.equal(count(two, "events"), count(one, "events"));
  });

  it("reads the source only as fast as it writes: a long archive is never held in memory", async () => {
    const total = 600;
    const batch = 25;
    let read = 0;
    let written = 0;
    let ahead = 0;
    async function* source(): AsyncGenerator<IngestResult> {
      for (let n = 0; n < total; n++) {
        read++;
        ahead = Math.max(ahead, read - written);
        const a = article(n);
        yield { ok: true, article: articleFromText(a.text, { id: a.id }), where: `gen:${n + 1}` };
      }
    }
    // A store that only counts what it is given.
    const store = {
      searchArticles: async () => ({ items: [], next_cursor: null }),
      getArticle: async () => null,
      putArticles: async (items: PutItem[]) => {
        written += items.length;
        return items.map((_, i) => ({
          article_id: `a-${written}-${i}`,
          created: true,
          story_id: null,
          analyzed_with: "test",
          event_ids: [],
          linked: false,
        }));
      },
    } as unknown as Store;
    const summary = await ingestItems(source(), store, { batch, quiet: true, progress: false });
    assert.equal(summary.stored, total);
    assert.equal(written, total);
    // One batch gathered, the article being analysed, and what the reader has in hand.
    assert.ok(ahead <= batch + 4, `read ${ahead} articles ahead of the store`);
  });
});

/** Runs rasd without blocking this process (a local server here must answer it). */
function rasdAsync(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString("utf8");
    });
    child.once("exit", (code) => resolve({ code, stderr }));
  });
}

describe("rasd ingest from the web", () => {
  const page = (n: number) => {
    const a = article(n);
    const [title, , ...body] = a.text.split("\n");
    return `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>${title}</title>
<meta property="og:site_name" content="شبكة الأخبار المحلية">
<meta property="article:published_time" content="2016-03-10T09:00:00+02:00"></head>
<body><nav><a href="/">الرئيسية</a></nav><article><h1>${title}</h1>
${body
  .filter(Boolean)
  .map((p) => `<p>${p}</p>`)
  .join("\n")}</article></body></html>`;
  };
  const server = createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (req.url === "/feed.xml") {
      res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8" });
      res.end(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>أخبار</title>
<item><title>قصف الأول</title><link>${base}/a/1</link><guid>item-1</guid></item>
<item><title>قصف الثاني</title><link>${base}/a/2</link><guid>item-2</guid></item>
</channel></rss>`);
    } else if (req.url?.startsWith("/a/")) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(page(Number(req.url.slice(3))));
    } else {
      res.writeHead(404).end();
    }
  });
  after(() => server.close());

  it("ingests each item of a feed once, however often the feed is read", async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
    const db = join(dir, "feed.db");
    const first = await rasdAsync(["ingest", url, "--db", db]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /stored 2 new/);
    const second = await rasdAsync(["ingest", url, "--db", db]);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stderr, /0 articles read/);
    assert.equal(count(db, "articles"), 2);
    assert.equal(count(db, "feed_items"), 2);
  });
});
