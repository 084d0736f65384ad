import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { SEED, SEED_PATH } from "../helpers.js";

const BIN = fileURLToPath(new URL("../../bin/rasd.js", import.meta.url));
const seedFile = fileURLToPath(SEED_PATH);
const dir = mkdtempSync(join(tmpdir(), "rasd-cli-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function rasd(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe("rasd analyze", () => {
  it("analyses the seed article and prints what it found", () => {
    const r = rasd(["analyze", seedFile, "--date", "2017-11-02"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /20 sentences/);
  });

  it("prints the analysis as JSON with offsets into the original text", () => {
    const r = rasd(["analyze", seedFile, "--format", "json"]);
    assert.equal(r.code, 0, r.stderr);
    const result = JSON.parse(r.stdout) as {
      places: { text: string; start: number; end: number }[];
    };
    const place = result.places[0]!;
    assert.equal(SEED.slice(place.start, place.end), place.text);
  });

  it("leaves the text, tokens and sentences out of the JSON unless asked", () => {
    const r = rasd(["analyze", seedFile, "--format", "json"]);
    assert.equal(r.code, 0, r.stderr);
    const result = JSON.parse(r.stdout) as Record<string, unknown>;
    assert.deepEqual(
      ["text", "tokens", "sentences"].filter((k) => k in result),
      [],
    );
  });

  it("adds the text, its tokens and sentences with --tokens", () => {
    const r = rasd(["analyze", seedFile, "--format", "json", "--tokens"]);
    assert.equal(r.code, 0, r.stderr);
    const result = JSON.parse(r.stdout) as {
      text: string;
      tokens: { start: number; end: number }[];
      sentences: unknown[];
    };
    const second = result.tokens[1]!;
    assert.equal(result.text.slice(second.start, second.end), "داعش");
    assert.equal(result.sentences.length, 20);
  });

  it("keeps ACLED's column names on events in the JSON", () => {
    const r = rasd(["analyze", seedFile, "--format", "json"]);
    const event = (JSON.parse(r.stdout) as { events: Record<string, unknown>[] }).events[0]!;
    for (const column of [
      "event_date",
      "sub_event_type",
      "assoc_actor_1",
      "inter2",
      "geo_precision",
    ])
      assert.ok(column in event, column);
  });

  it("refuses --tokens with a format that is not JSON", () => {
    const r = rasd(["analyze", seedFile, "--format", "acled-csv", "--tokens"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--tokens goes with JSON output/);
  });

  it("reads the article from standard input with -", () => {
    const r = rasd(
      ["analyze", "-", "--format", "json", "--tokens"],
      "قصفت الطائرات الحربية بلدة محكان.",
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).sentences.length, 1);
  });

  it("writes the seed's events as PLOVER records with --format plover", () => {
    const r = rasd(["analyze", seedFile, "--format", "plover"]);
    assert.equal(r.code, 0, r.stderr);
    const records = r.stdout
      .trim()
      .split("\n")
      .map(
        (l) => JSON.parse(l) as { event_type: string; event_text: { start: number; end: number } },
      );
    assert.ok(records.some((x) => x.event_type === "ASSAULT"));
    const t = records[0]!.event_text;
    assert.ok(SEED.slice(t.start, t.end).length > 20);
  });

  it("refuses empty input with exit code 2", () => {
    const r = rasd(["analyze", "-"], "");
    assert.equal(r.code, 2);
    assert.match(r.stderr, /input is empty/);
  });

  it("refuses English text, saying it is not Arabic", () => {
    const r = rasd(["analyze", file("en.txt", "Government forces shelled the town on Wednesday.")]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not Arabic/);
  });

  it("refuses binary data", () => {
    const r = rasd(["analyze", file("bin.dat", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]))]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /binary/);
  });

  it("refuses a file in a legacy encoding, naming the option that reads it", () => {
    const cp1256 = Buffer.from([0xe3, 0xcf, 0xdf, 0xc9, 0x20, 0xde, 0xd5, 0xdd]); // "مدينة قصف" in windows-1256
    const r = rasd(["analyze", file("legacy.txt", cp1256)]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--encoding windows-1256/);
  });

  it("reads a windows-1256 file when told its encoding", () => {
    // "قصفت الطائرات" (the planes shelled) in windows-1256
    const cp1256 = Buffer.from([
      0xde, 0xd5, 0xdd, 0xca, 0x20, 0xc7, 0xe1, 0xd8, 0xc7, 0xc6, 0xd1, 0xc7, 0xca,
    ]);
    const r = rasd([
      "analyze",
      file("ok1256.txt", cp1256),
      "--encoding",
      "windows-1256",
      "--format",
      "json",
      "--tokens",
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).text, "قصفت الطائرات");
  });

  it("refuses a 50 MB file before reading it", () => {
    const big = join(dir, "big.txt");
    writeFileSync(big, Buffer.alloc(50 * 1024 * 1024, 0x20));
    const r = rasd(["analyze", big]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /50\.0 MB; the limit for one article is 8\.0 MB/);
  });

  it("refuses an impossible publication date", () => {
    const r = rasd(["analyze", seedFile, "--date", "2017-02-30"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not a real date/);
  });

  it("says which file is missing", () => {
    const r = rasd(["analyze", join(dir, "nope.txt")]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no such file/);
  });
});

describe("rasd analyze --jsonl", () => {
  const lines = [
    JSON.stringify({
      id: "a1",
      text: "قصفت الطائرات الحربية بلدة محكان جنوب مدينة الميادين أمس.",
      date: "2017-11-02",
    }),
    "not json",
    JSON.stringify({ id: "a3", text: "Government forces shelled the town." }),
    JSON.stringify({ id: "a4", text: "قصفت الطائرات البلدة", date: "2017-02-30" }),
    "",
    JSON.stringify({ id: 5 }),
    JSON.stringify({
      id: 6,
      text: "تظاهر المئات في مدينة إدلب ضد هيئة تحرير الشام",
      source: "enab",
    }),
  ].join("\n");

  it("writes one result per good line, carrying its id", () => {
    const r = rasd(["analyze", "--jsonl", "-"], lines);
    assert.equal(r.code, 0, r.stderr);
    const out = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { id: string });
    assert.deepEqual(
      out.map((o) => o.id),
      ["a1", "6"],
    );
  });

  it("reports each bad line with its number and the reason, and goes on", () => {
    const r = rasd(["analyze", "--jsonl", "-"], lines);
    assert.match(r.stderr, /line 2: not valid JSON/);
    assert.match(r.stderr, /line 3: input is not Arabic/);
    assert.match(r.stderr, /line 4: "date" is "2017-02-30"/);
    assert.match(r.stderr, /line 6: missing "text"/);
    assert.match(r.stderr, /2 articles analysed, 4 lines rejected/);
  });

  it("writes each result in the JSON output shape, without tokens", () => {
    const r = rasd(["analyze", "--jsonl", "-"], lines);
    const first = JSON.parse(r.stdout.split("\n")[0]!) as Record<string, unknown>;
    assert.equal(first.id, "a1");
    assert.equal(typeof first.rasd_version, "string");
    assert.equal((first.metadata as { published: string }).published, "2017-11-02");
    assert.ok(!("tokens" in first));
  });

  it("adds tokens to each line with --tokens", () => {
    const r = rasd(["analyze", "--jsonl", "-", "--tokens"], lines);
    const first = JSON.parse(r.stdout.split("\n")[0]!) as { tokens: unknown[] };
    assert.ok(first.tokens.length > 5);
  });

  it("writes PLOVER records, one per line, with --format plover", () => {
    const r = rasd(["analyze", "--jsonl", "-", "--format", "plover"], lines);
    assert.equal(r.code, 0, r.stderr);
    const records = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { event_id: string; event_type: string });
    assert.ok(records.some((x) => x.event_id.startsWith("a1:") && x.event_type === "ASSAULT"));
  });

  it("says which archive is missing", () => {
    const r = rasd(["analyze", "--jsonl", join(dir, "none.jsonl")]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no such file/);
  });
});

describe("rasd analyze --gazetteer", () => {
  it("places a village only the user's own gazetteer file knows", () => {
    const csv = file(
      "villages.csv",
      "id,kind,name_ar,name_en,country,parent,lat,lon\nuser:tell-x,village,تل زويبع,Tell Zuwaybi,SY,ocha:SY0903,35.01,40.45\n",
    );
    const article = file(
      "x.txt",
      "قصفت الطائرات الحربية قرية تل زويبع في ريف دير الزور الشرقي صباح اليوم.",
    );
    const r = rasd(["analyze", article, "--gazetteer", csv, "--format", "json"]);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { places: { text: string; gazetteer_id: string | null }[] };
    assert.equal(doc.places.find((p) => p.text === "تل زويبع")?.gazetteer_id, "user:tell-x");
  });
});
