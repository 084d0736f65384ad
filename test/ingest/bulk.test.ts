import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, it } from "node:test";
import { articleFromText, readFolder, readJsonl, readStream } from "../../src/ingest/bulk.js";
import { IngestError } from "../../src/ingest/errors.js";
import type { IngestResult } from "../../src/ingest/types.js";
import { encode1256, PARAGRAPHS, page, SHARED_DATA } from "./helpers.js";

const TEXT = PARAGRAPHS.join("\n\n");
const dir = mkdtempSync(join(tmpdir(), "rasd-ingest-"));

async function collect(results: AsyncIterable<IngestResult>): Promise<IngestResult[]> {
  const out: IngestResult[] = [];
  for await (const r of results) out.push(r);
  return out;
}

/** Each result as "where ok" or "where reason: message". */
const summary = (results: IngestResult[]) =>
  results.map((r) => (r.ok ? `${r.where} ok` : `${r.where} ${r.error.reason}: ${r.error.message}`));

describe("a JSONL archive", () => {
  const lines = [
    JSON.stringify({
      id: "a1",
      text: TEXT,
      title: "غارات على إدلب",
      date: "2019-05-14",
      source: "الجزيرة",
      url: "https://x/1",
    }),
    "{not json",
    JSON.stringify({ id: "a3", title: "بلا نص" }),
    "",
    JSON.stringify({ id: "a5", text: TEXT, date: "14/05/2019" }),
    JSON.stringify({ id: "a6", text: "Government forces shelled the town on Friday." }),
    JSON.stringify({ id: 7, text: TEXT, date: "2019-05-14T23:30:00+03:00" }),
    "[1, 2]",
  ];
  const path = join(dir, "archive.jsonl");
  writeFileSync(path, `${lines.join("\n")}\n`);

  it("reads every line, reporting each bad one with its line number and going on", async () => {
    // The parser's own words vary with the Node version.
    const results = summary(await collect(readJsonl(path, { name: "archive.jsonl" })));
    assert.deepEqual(
      results.map((r) => r.replace(/JSON \(.*\)$/, "JSON (…)")),
      [
        "archive.jsonl:1 ok",
        "archive.jsonl:2 bad-line: archive.jsonl:2: not valid JSON (…)",
        'archive.jsonl:3 bad-field: archive.jsonl:3: missing "text" (a string)',
        'archive.jsonl:5 bad-date: archive.jsonl:5: "date" is "14/05/2019", not a date (expected YYYY-MM-DD)',
        "archive.jsonl:6 not-arabic: archive.jsonl:6 has no Arabic text: its article text holds no Arabic letters",
        "archive.jsonl:7 ok",
        "archive.jsonl:8 bad-line: archive.jsonl:8: expected a JSON object {id, text, ...}",
      ],
    );
  });

  it("maps the record's fields onto the article: source is the outlet, date the publication", async () => {
    const [first, , , , , seventh] = await collect(readJsonl(path));
    assert.ok(first?.ok && seventh?.ok);
    const { text, contentHash, ...meta } = first.article;
    assert.equal(text, TEXT);
    assert.match(contentHash, /^[0-9a-f]{64}$/);
    assert.deepEqual(meta, {
      captions: [],
      id: "a1",
      title: "غارات على إدلب",
      published: "2019-05-14",
      outlet: "الجزيرة",
      url: "https://x/1",
    });
    assert.deepEqual(
      [seventh.article.id, seventh.article.published],
      ["7", "2019-05-14T23:30:00+03:00"],
    );
  });

  it("reports a line over the size limit and reads the next one", async () => {
    const huge = JSON.stringify({ id: "big", text: "ق".repeat(4000) });
    const input = Readable.from([`${huge}\n${JSON.stringify({ id: "small", text: TEXT })}\n`]);
    const results = summary(await collect(readJsonl(input, { maxBytes: 4096 })));
    assert.match(
      results[0] ?? "",
      /^stdin:1 too-large: stdin:1: line is 7\.8 KB, over the 4\.0 KB limit/,
    );
    assert.equal(results[1], "stdin:2 ok");
  });

  it("refuses a path that does not exist", async () => {
    await assert.rejects(collect(readJsonl(join(dir, "none.jsonl"))), IngestError);
  });

  it("streams: reads an archive only as far as the articles taken (memory bounded by the longest line)", async () => {
    // 20,000 articles of 2 KB (40 MB) made as they are read, never all in memory.
    const total = 20_000;
    let made = 0;
    function* archive() {
      for (let i = 0; i < total; i++) {
        made++;
        yield `${JSON.stringify({ id: `a${i}`, text: `${TEXT.slice(0, 2000)} ${i}` })}\n`;
      }
    }
    let taken = 0;
    let ahead = 0;
    for await (const r of readJsonl(Readable.from(archive()))) {
      assert.ok(r.ok);
      taken++;
      ahead = Math.max(ahead, made - taken);
      if (taken === 100) assert.ok(made < 200, `made ${made} lines to give 100 articles`);
    }
    assert.equal(taken, total);
    assert.ok(ahead <= 32, `read ${ahead} lines ahead of the articles taken`);
  });
});

describe("a folder of articles", () => {
  const root = join(dir, "folder");
  mkdirSync(join(root, "b", "deep"), { recursive: true });
  writeFileSync(join(root, "a.txt"), `\uFEFF${TEXT.replace(/\n/g, "\r\n")}`);
  writeFileSync(join(root, "b", "c.html"), page(PARAGRAPHS, "<title>عنوان الصفحة</title>"));
  writeFileSync(join(root, "b", "deep", "old.txt"), encode1256(TEXT));
  writeFileSync(join(root, "b", "empty.txt"), "");
  writeFileSync(join(root, "b", "photo.jpg"), Buffer.from([0xff, 0xd8, 0xff]));
  writeFileSync(join(root, "Z.htm"), "<html><body><p>An English page.</p></body></html>");

  it("reads .txt and .html files recursively, in path order, skipping other files", async () => {
    assert.deepEqual(summary(await collect(readFolder(root))), [
      "Z.htm not-arabic: Z.htm has no Arabic text: its article text holds no Arabic letters",
      "a.txt ok",
      "b/c.html ok",
      "b/deep/old.txt ok",
      "b/empty.txt empty: b/empty.txt has no article text",
    ]);
  });

  it("reads .html through the HTML extractor and .txt as plain text, by their encoding", async () => {
    const results = await collect(readFolder(root));
    const byWhere = new Map(results.map((r) => [r.where, r]));
    const html = byWhere.get("b/c.html");
    const txt = byWhere.get("a.txt");
    const old = byWhere.get("b/deep/old.txt");
    assert.ok(html?.ok && txt?.ok && old?.ok);
    assert.equal(html.article.title, "عنوان الصفحة");
    assert.equal(html.article.id, "b/c.html");
    assert.equal(txt.article.text, TEXT); // the BOM dropped, CRLF made LF
    assert.deepEqual(txt.article.encoding, { name: "utf-8", source: "bom" });
    assert.equal(old.article.text, TEXT);
    assert.deepEqual(old.article.encoding, { name: "windows-1256", source: "fallback" });
  });

  it("refuses a folder that does not exist", async () => {
    await assert.rejects(collect(readFolder(join(dir, "no-such-folder"))), /no such folder/);
  });
});

describe("standard input", () => {
  it("reads one plain-text article", async () => {
    const [r] = await collect(readStream(Readable.from([Buffer.from(TEXT)]), { format: "text" }));
    assert.ok(r?.ok);
    assert.equal(r.article.text, TEXT);
  });

  it("reads one HTML page", async () => {
    const [r] = await collect(readStream(Readable.from([page(PARAGRAPHS)]), { format: "html" }));
    assert.ok(r?.ok);
    assert.equal(r.article.text, TEXT);
  });

  it("reads a JSONL archive", async () => {
    const input = Readable.from([`${JSON.stringify({ text: TEXT })}\n`, "oops\n"]);
    assert.deepEqual(
      summary(await collect(readStream(input, { format: "jsonl" }))).map((s) => s.slice(0, 20)),
      ["stdin:1 ok", "stdin:2 bad-line: st"],
    );
  });

  it("refuses input over the size limit without reading it all", async () => {
    const chunks = (function* () {
      for (let i = 0; i < 1000; i++) yield Buffer.alloc(1024, 0x61);
    })();
    const [r] = await collect(
      readStream(Readable.from(chunks), { format: "text", maxBytes: 10_000 }),
    );
    assert.equal(r?.ok, false);
    assert.match(r?.ok ? "" : r?.error.message, /stdin passes 9\.8 KB, the limit for one article/);
  });

  it("refuses binary data", async () => {
    const [r] = await collect(
      readStream(Readable.from([Buffer.from([0, 1, 2, 3])]), { format: "text" }),
    );
    assert.equal(r?.ok ? "ok" : r?.error.reason, "binary");
  });
});

describe("plain text", () => {
  it("becomes an article with line ends made \\n and a content hash", () => {
    const a = articleFromText("سطر أول\r\nسطر ثان", { id: "x" });
    assert.deepEqual([a.text, a.id, a.captions], ["سطر أول\nسطر ثان", "x", []]);
  });
});

const SAUDINEWSNET = join(SHARED_DATA, "saudinewsnet-syria-iraq", "articles.jsonl");

describe("the SaudiNewsNet archive", { skip: !existsSync(SAUDINEWSNET) }, () => {
  it("reads every article with its outlet and date", async () => {
    let ok = 0;
    const failures: string[] = [];
    for await (const r of readJsonl(SAUDINEWSNET)) {
      if (r.ok) {
        ok++;
        assert.ok(r.article.outlet && r.article.published && r.article.id);
      } else failures.push(r.error.message);
    }
    assert.deepEqual(failures, []);
    assert.ok(ok > 2000, `${ok} articles`);
  });
});
