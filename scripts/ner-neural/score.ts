/**
 * Scores the predictions of the neural tagger experiment (scripts/ner-neural/train.py) with
 * rasd's own scorer, against gold read by rasd's own corpus readers, beside the shipped CRF on
 * the same sentences.
 *
 *   node --import tsx scripts/ner-neural/score.ts DIR [--json]
 *
 * DIR holds the trainer's sweep-*.json (dev predictions of each configuration, trained on the
 * fit part) and final-*.json (test and Wojood predictions of the selected configuration, trained
 * on the whole training split; `pred` alone, `ens_pred` with the CRF). Dev is scored against the
 * repaired tags (as `npm run train:ner` scores it), test and Wojood against the tags as read (as
 * `rasd eval ner`); Wojood with NORP left out and MISC out of the comparison, all three files.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  camelSplit,
  devSplit,
  loadNerModel,
  type NerScore,
  parseWojood,
  repairIob,
  scoreNer,
  type TaggedSentence,
  tokensForWords,
  wojoodTypeMap,
} from "../../src/recognize/ner/index.js";

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith("--"));
if (!dir) throw new Error("usage: score.ts DIR [--json]");
const shared = process.env.RASD_SHARED_DATA ?? join(process.cwd(), "..", "shared", "data");
const source = join(shared, "anercorp", "ANERCorp.txt");
const split = camelSplit(readFileSync(source, "utf8"), source);
const { dev } = devSplit(split.train.map((s) => ({ words: s.words, tags: repairIob(s.tags) })));
const wojood: Record<string, TaggedSentence[]> = {};
for (const part of ["train", "val", "test"]) {
  const file = join(shared, "wojood-sample", `${part}.txt`);
  wojood[`wojood-${part}`] = parseWojood(readFileSync(file, "utf8"), wojoodTypeMap("omit"), file);
}

const pct = (x: number) => +(100 * x).toFixed(2);
const row = (s: NerScore) => ({
  f1: pct(s.f1),
  p: pct(s.precision),
  r: pct(s.recall),
  ...Object.fromEntries(Object.entries(s.perType).map(([t, x]) => [t, pct(x.f1)])),
});
const dropMisc = (tags: readonly string[]) => tags.map((t) => (t.endsWith("-MISC") ? "O" : t));
const gold = (ss: readonly TaggedSentence[]) => ss.map((s) => s.tags);
const crf = loadNerModel();
const crfTags = (ss: readonly TaggedSentence[]) =>
  ss.map((s) => crf.tagSentence(tokensForWords(s.words).tokens));

const out: Record<string, unknown> = {};
const files = readdirSync(dir).sort();
const sweep: Record<string, unknown> = {};
for (const f of files.filter((f) => /^sweep-.*\.json$/.test(f))) {
  const r = JSON.parse(readFileSync(join(dir, f), "utf8")) as {
    name: string;
    best_epoch: number;
    dev_pred: string[][];
  };
  sweep[r.name] = { epoch: r.best_epoch, ...row(scoreNer(gold(dev), r.dev_pred)) };
}
out.dev = sweep;

for (const f of files.filter((f) => /^final-.*\.json$/.test(f) && !f.endsWith("-vocab.json"))) {
  const r = JSON.parse(readFileSync(join(dir, f), "utf8")) as {
    config: { name: string };
    epochs: number;
    alpha: number;
    pred: Record<string, string[][]>;
    ens_pred: Record<string, string[][]>;
  };
  const test = split.test;
  const res: Record<string, unknown> = {
    epochs: r.epochs,
    alpha: r.alpha,
    test: {
      crf: row(scoreNer(gold(test), crfTags(test))),
      neural: row(scoreNer(gold(test), r.pred.test as string[][])),
      ...(r.ens_pred.test ? { ensemble: row(scoreNer(gold(test), r.ens_pred.test)) } : {}),
    },
  };
  // Wojood: all three files together, NORP left out, MISC out of the comparison.
  const parts = ["wojood-train", "wojood-val", "wojood-test"];
  const wGold = parts.flatMap((p) => gold(wojood[p] as TaggedSentence[]).map(dropMisc));
  const wOf = (preds: Record<string, string[][]>) =>
    parts.flatMap((p) => (preds[p] as string[][]).map(dropMisc));
  const wCrf = parts.flatMap((p) => crfTags(wojood[p] as TaggedSentence[]).map(dropMisc));
  const tGold = gold(wojood["wojood-test"] as TaggedSentence[]).map(dropMisc);
  res.wojood = {
    crf: row(scoreNer(wGold, wCrf)),
    neural: row(scoreNer(wGold, wOf(r.pred))),
    ...(r.ens_pred["wojood-test"] ? { ensemble: row(scoreNer(wGold, wOf(r.ens_pred))) } : {}),
  };
  res.wojoodTestOnly = {
    crf: row(scoreNer(tGold, crfTags(wojood["wojood-test"] as TaggedSentence[]).map(dropMisc))),
    neural: row(scoreNer(tGold, (r.pred["wojood-test"] as string[][]).map(dropMisc))),
    ...(r.ens_pred["wojood-test"]
      ? { ensemble: row(scoreNer(tGold, r.ens_pred["wojood-test"].map(dropMisc))) }
      : {}),
  };
  out[r.config.name] = res;
}

if (args.includes("--json")) {
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
} else {
  for (const [k, v] of Object.entries(out)) {
    console.log(`== ${k}`);
    for (const [name, s] of Object.entries(v as Record<string, unknown>)) {
      console.log(`${name.padEnd(16)} ${JSON.stringify(s)}`);
    }
  }
}
