/** NER corpora and scoring: the CAMeL split of ANERcorp, CoNLL errors, Wojood, seqeval semantics. */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import {
  camelSplit,
  chunks,
  devSplit,
  parseConll,
  parseWojood,
  repairIob,
  scoreNer,
  wojoodTypeMap,
} from "../../src/recognize/ner/index.js";

const shared = process.env.RASD_SHARED_DATA ?? join(process.cwd(), "..", "shared", "data");
const ANERCORP = join(shared, "anercorp", "ANERCorp.txt");
const WOJOOD = join(shared, "wojood-sample", "test.txt");

describe("the CAMeL Lab split of ANERcorp", () => {
  const skip = existsSync(ANERCORP) ? false : `no ANERcorp at ${ANERCORP} (../shared/data absent)`;

  it("reproduces the documented counts", { skip }, () => {
    const s = camelSplit(readFileSync(ANERCORP, "utf8"));
    assert.equal(s.cleanup.lines, 150_313);
    assert.equal(s.cleanup.emptyTokensDropped, 191);
    assert.equal(s.words.total, 150_122);
    // The published test split has 25,008 words: reproduced exactly. The published train split
    // has 125,102; this copy of the corpus holds 12 more words before the boundary.
    assert.equal(s.words.test, 25_008);
    assert.equal(s.words.train, 125_114);
    assert.equal(s.train.length, 3_988);
    assert.equal(s.test.length, 918);
    assert.equal(
      s.test.reduce((n, x) => n + x.words.length, 0),
      25_008,
    );
    // Every sentence but the last ends with a period.
    for (const x of s.train) assert.equal(x.words[x.words.length - 1], ".");
    const { fit, dev } = devSplit(s.train);
    assert.equal(fit.length + dev.length, s.train.length);
    assert.equal(
      dev.reduce((n, x) => n + x.words.length, 0),
      12_505,
    );
  });

  it("applies the clean-ups: U+200F removed, middle and bold periods made periods, sentence breaks after runs of periods", () => {
    const text = [
      "أ B-PERS",
      "\u200f O",
      "ب\u200f I-PERS",
      "· O",
      "ج B-LOC",
      ". O",
      ". O",
      "د O",
      "• O",
      "هـ B-ORG",
    ].join("\n");
    const s = camelSplit(text);
    assert.equal(s.cleanup.emptyTokensDropped, 1);
    assert.equal(s.cleanup.periodsConverted, 2);
    assert.deepEqual(
      [...s.train, ...s.test].map((x) => x.words.join(" ")),
      ["أ ب .", "ج . .", "د .", "هـ"],
    );
    assert.equal(s.words.total, 9);
  });

  it("fixes known tag misspellings and refuses unknown tags", () => {
    const s = camelSplit("زيد B-PER\nقال O\n. O");
    assert.equal(s.cleanup.tagsFixed, 1);
    assert.deepEqual(s.train[0]?.tags, ["B-PERS", "O", "O"]);
    assert.throws(() => camelSplit("زيد B-XYZ"), /ANERcorp:1: unknown tag "B-XYZ"/);
  });
});

describe("CoNLL reading", () => {
  it("reads sentences separated by blank lines", () => {
    const s = parseConll("زار O\nماكرون B-PERS\n\nحلب B-LOC\n. O\n");
    assert.equal(s.length, 2);
    assert.deepEqual(s[1], { words: ["حلب", "."], tags: ["B-LOC", "O"] });
  });

  it("names the line of a malformed entry", () => {
    assert.throws(
      () => parseConll("زار O\nماكرون\n"),
      /input:2: expected "token TAG", found one field/,
    );
    assert.throws(() => parseConll("زار O\nماكرون B-PERSON\n"), /input:2: unknown tag "B-PERSON"/);
    assert.throws(() => parseConll("زار O B-LOC\n"), /input:1: .*3 fields.*--scheme wojood/);
    assert.throws(() => parseConll("\n\n"), /no tagged tokens/);
  });

  it("repairs an I- that starts an entity into B- for training", () => {
    assert.deepEqual(repairIob(["O", "I-PERS", "I-PERS", "I-LOC"]), [
      "O",
      "B-PERS",
      "I-PERS",
      "B-LOC",
    ]);
  });
});

describe("Wojood flattened to rasd's types", () => {
  it("keeps the outermost mapped entity and maps GPE/FAC to LOC", () => {
    const text = [
      "سكرتير B-OCC",
      "اللجنة I-OCC B-ORG",
      "القومية I-OCC I-ORG",
      "في I-OCC",
      "نابلس I-OCC B-GPE",
      "مجلس B-ORG",
      "الأمن I-ORG",
      "ضد I-ORG",
      "الأسد I-ORG B-PERS",
      "السوريون B-NORP",
      "",
    ].join("\n");
    const [s] = parseWojood(text, wojoodTypeMap("omit"));
    assert.deepEqual(s?.tags, [
      "O",
      "B-ORG",
      "I-ORG",
      "O",
      "B-LOC",
      "B-ORG",
      "I-ORG",
      "I-ORG",
      "I-ORG",
      "O",
    ]);
    const [m] = parseWojood(text, wojoodTypeMap("MISC"));
    assert.equal(m?.tags[9], "B-MISC");
  });

  it("reads the shared sample", { skip: existsSync(WOJOOD) ? false : "no Wojood sample" }, () => {
    const s = parseWojood(readFileSync(WOJOOD, "utf8"), wojoodTypeMap("omit"));
    assert.equal(s.length, 357);
    assert.equal(
      s.reduce((n, x) => n + x.words.length, 0),
      5_344,
    );
  });
});

describe("seqeval-style scoring", () => {
  it("reads entities as conlleval does: I- after O or another type starts one", () => {
    assert.deepEqual(chunks(["B-PERS", "I-PERS", "O", "I-LOC", "I-LOC", "B-LOC", "I-ORG"]), [
      { type: "PERS", start: 0, end: 2 },
      { type: "LOC", start: 3, end: 5 },
      { type: "LOC", start: 5, end: 6 },
      { type: "ORG", start: 6, end: 7 },
    ]);
    assert.deepEqual(chunks(["B-PERS", "B-PERS"]).length, 2);
    assert.deepEqual(chunks(["O", "O"]), []);
  });

  it("counts exact span and type only", () => {
    const gold = [
      ["B-PERS", "I-PERS", "O", "B-LOC"],
      ["B-ORG", "I-ORG", "I-ORG"],
    ];
    const pred = [
      ["B-PERS", "O", "O", "B-LOC"],
      ["B-ORG", "I-ORG", "I-ORG"],
    ];
    const s = scoreNer(gold, pred);
    assert.equal(s.support, 3);
    assert.equal(s.predicted, 3);
    assert.equal(s.correct, 2); // the person is cut short: a miss and a false alarm
    assert.ok(Math.abs(s.f1 - 2 / 3) < 1e-12);
    assert.equal(s.perType.PERS?.f1, 0);
    assert.equal(s.perType.LOC?.f1, 1);
    assert.equal(s.perType.ORG?.f1, 1);
  });

  it("scores a wrong type as one miss and one false alarm, and I-X alone like B-X", () => {
    const s = scoreNer([["B-LOC", "O"]], [["B-ORG", "O"]]);
    assert.equal(s.correct, 0);
    assert.equal(s.precision, 0);
    assert.equal(s.f1, 0);
    const t = scoreNer([["B-LOC", "O"]], [["I-LOC", "O"]]);
    assert.equal(t.f1, 1);
  });

  it("gives zeros, not NaN, when nothing is predicted", () => {
    const s = scoreNer([["B-PERS"]], [["O"]]);
    assert.deepEqual([s.precision, s.recall, s.f1], [0, 0, 0]);
  });

  it("refuses sequences of different lengths", () => {
    assert.throws(() => scoreNer([["O"]], [["O", "O"]]), /1 gold tags but 2 predicted/);
  });
});
