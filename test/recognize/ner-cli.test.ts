/** `rasd eval ner`: scores, JSON output, and precise errors with a non-zero exit. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../bin/rasd.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "rasd-ner-"));
const shared = process.env.RASD_SHARED_DATA ?? join(process.cwd(), "..", "shared", "data");
const ANERCORP = join(shared, "anercorp", "ANERCorp.txt");

function rasd(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const GOOD = [
  "قال O",
  "الرئيس O",
  "بشار B-PERS",
  "الأسد I-PERS",
  "في O",
  "دمشق B-LOC",
  ". O",
  "",
  "وصل O",
  "سيرغي B-PERS",
  "لافروف I-PERS",
  "إلى O",
  "بيروت B-LOC",
  ". O",
  "",
].join("\n");

describe("rasd eval ner", () => {
  it("prints precision, recall and F1 per type and overall", () => {
    const r = rasd(["eval", "ner", "--data", file("good.conll", GOOD)]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /2 sentences, 13 tokens; model ner-[0-9a-f]{12}/);
    assert.match(r.stdout, /^PERS\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+2\s/m);
    assert.match(r.stdout, /^overall\s/m);
  });

  it("gives the overall F1 as a field f1 with --format json", () => {
    const r = rasd(["eval", "ner", "--data", file("good2.conll", GOOD), "--format", "json"]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as {
      f1: number;
      precision: number;
      recall: number;
      support: number;
      model: string;
      perType: Record<string, { f1: number; support: number }>;
    };
    assert.equal(typeof out.f1, "number");
    assert.ok(out.f1 >= 0 && out.f1 <= 100);
    assert.equal(out.support, 4);
    assert.equal(out.perType.LOC?.support, 2);
    assert.match(out.model, /^ner-/);
  });

  it("refuses a missing file, a malformed line and an unknown tag, naming them", () => {
    const missing = rasd(["eval", "ner", "--data", join(dir, "nope.conll")]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read .*nope\.conll: no such file/);

    const oneField = rasd(["eval", "ner", "--data", file("bad1.conll", "قال O\nبشار\n")]);
    assert.equal(oneField.code, 2);
    assert.match(oneField.stderr, /bad1\.conll:2: expected "token TAG", found one field "بشار"/);

    const badTag = rasd(["eval", "ner", "--data", file("bad2.conll", "قال O\nبشار B-PERSON\n")]);
    assert.equal(badTag.code, 2);
    assert.match(badTag.stderr, /bad2\.conll:2: unknown tag "B-PERSON"/);

    const empty = rasd(["eval", "ner", "--data", file("empty.conll", "\n\n")]);
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /no tagged tokens/);

    const noData = rasd(["eval", "ner"]);
    assert.equal(noData.code, 2);
    assert.match(noData.stderr, /--data/);
  });

  it("reads the nested Wojood format with --scheme wojood", () => {
    const text = "زار O\nمجلس B-ORG\nالأمن I-ORG\nمدينة B-GPE\nحلب I-GPE\n\n";
    const r = rasd([
      "eval",
      "ner",
      "--data",
      file("w.txt", text),
      "--scheme",
      "wojood",
      "--format",
      "json",
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { support: number }).support, 2);
  });

  it("scores the CAMeL test split of the original ANERcorp file", {
    skip: existsSync(ANERCORP) ? false : "no ../shared/data",
  }, () => {
    const r = rasd([
      "eval",
      "ner",
      "--data",
      ANERCORP,
      "--split",
      "camel-test",
      "--format",
      "json",
    ]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { tokens: number; sentences: number; f1: number };
    assert.equal(out.tokens, 25_008);
    assert.equal(out.sentences, 918);
    assert.ok(out.f1 > 60, `F1 ${out.f1}`);
  });
});
