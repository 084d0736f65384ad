/**
 * Exports ANERcorp (CAMeL Lab split, with the development split) and the Wojood sample as the
 * entity recognizer sees them, for the neural tagger experiment (scripts/ner-neural/train.py):
 * per sentence the normalized words, the CRF's hashed feature buckets of every token, the gold
 * labels, and the emission scores of a CRF (for an ensemble).
 *
 *   node --import tsx scripts/ner-export.ts [--out DIR]     (default: .gpu/ under the repo)
 *
 * Writes DIR/ner-data.jsonl.gz: a header line, then one line per sentence:
 *   {"split": "fit"|"dev"|"test"|"wojood-train"|"wojood-val"|"wojood-test",
 *    "norm": [...], "f": [[bucket ids of token 0], ...], "y": [label index per token],
 *    "crf": [n * 9 emission scores]}  ("crf" on dev, test and wojood only)
 *
 * Feature buckets are renamed to small integers (1, 2, ... in order of first appearance over
 * the file; a renaming only: which ones to keep is decided by the trainer from its training
 * sentences). Training sentences carry repaired IOB tags (as `npm run train:ner` trains and
 * scores dev); test and Wojood carry the tags as read, as `rasd eval ner` scores them.
 *
 * The CRF emissions on dev come from a CRF trained on the fit part only (the same settings as
 * `npm run train:ner`, deterministic); on test and Wojood from the shipped model, which was
 * trained on the whole training split. The header holds both models' transition weights.
 *
 * The file holds ANERcorp and Wojood text: it stays out of the repository (.gpu/ is ignored).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { loadActors, loadRoles } from "../src/knowledge/actors.js";
import { loadGazetteer } from "../src/knowledge/gazetteer.js";
import {
  camelSplit,
  devSplit,
  NER_LABELS,
  parseWojood,
  repairIob,
  type TaggedSentence,
  wojoodTypeMap,
} from "../src/recognize/ner/conll.js";
import type { NerLexicons } from "../src/recognize/ner/features.js";
import { loadNerModel, type NerModel } from "../src/recognize/ner/model.js";
import {
  examples,
  labelIndices,
  pruneRareFeatures,
  sentenceTokens,
  trainCrf,
} from "../src/recognize/ner/train.js";
import { defaultFunctionWords, defaultVocabulary } from "../src/text/lexicon.js";

const args = process.argv.slice(2);
const outIdx = args.indexOf("--out");
const outDir = outIdx >= 0 ? (args[outIdx + 1] as string) : join(process.cwd(), ".gpu");
const shared = process.env.RASD_SHARED_DATA ?? join(process.cwd(), "..", "shared", "data");
const source = join(shared, "anercorp", "ANERCorp.txt");

const split = camelSplit(readFileSync(source, "utf8"), source);
const train = split.train.map((s) => ({ words: s.words, tags: repairIob(s.tags) }));
const { fit, dev } = devSplit(train);
const wojood = (["train", "val", "test"] as const).map((part) => {
  const file = join(shared, "wojood-sample", `${part}.txt`);
  return {
    part,
    sentences: parseWojood(readFileSync(file, "utf8"), wojoodTypeMap("omit"), file),
  };
});

const lexicons: NerLexicons = {
  places: loadGazetteer(),
  actors: loadActors(),
  roles: loadRoles(),
  frequency: defaultVocabulary(),
  functionWords: defaultFunctionWords(),
};
const shipped = loadNerModel();
const bits = shipped.meta.bits;

// The CRF of `npm run train:ner --dev-only`: fit part only, the shipped model's settings.
const config = {
  bits,
  epochs: 6,
  minCount: 2,
  seed: 1,
  c2: 1,
  eta0: 0.1,
  lexicons: shipped.meta.lexicons,
};
const fitTokens = sentenceTokens(fit);
const fitData = examples(fit, fitTokens, lexicons, bits);
pruneRareFeatures(fitData, bits, config.minCount);
const t0 = performance.now();
const fitCrf = trainCrf(fitData, config, { training: {}, calibration: { a: 0.1, b: 0 } });
fitCrf.setLexicons(lexicons);
console.log(`CRF on fit trained in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const rename = new Map<number, number>();
const lines: string[] = [];
const round = (x: number) => Math.round(x * 1000) / 1000;
let tokenCount = 0;

function emit(name: string, sentences: readonly TaggedSentence[], crf?: NerModel): void {
  const tokens = sentenceTokens(sentences);
  sentences.forEach((s, i) => {
    const toks = tokens[i] as (typeof tokens)[number];
    const f = (crf ?? shipped).featuresOf(toks);
    const perToken: number[][] = [];
    for (let t = 0; t < toks.length; t++) {
      const ids: number[] = [];
      for (let k = f.offsets[t] as number; k < (f.offsets[t + 1] as number); k++) {
        const b = f.ids[k] as number;
        let r = rename.get(b);
        if (r === undefined) {
          r = rename.size + 1;
          rename.set(b, r);
        }
        ids.push(r);
      }
      perToken.push(ids);
    }
    const line: Record<string, unknown> = {
      split: name,
      norm: toks.map((t) => t.norm),
      f: perToken,
      y: [...labelIndices(s.tags)],
    };
    if (crf) line.crf = [...crf.emissions(f)].map(round);
    lines.push(JSON.stringify(line));
    tokenCount += toks.length;
  });
  console.log(`${name}: ${sentences.length} sentences`);
}

shipped.setLexicons(lexicons);
emit("fit", fit);
emit("dev", dev, fitCrf);
emit("test", split.test, shipped);
for (const w of wojood) emit(`wojood-${w.part}`, w.sentences, shipped);

const header = {
  labels: NER_LABELS,
  buckets: rename.size,
  crf: {
    fit: { trans: [...fitCrf.trans], start: [...fitCrf.start] },
    shipped: { version: shipped.version, trans: [...shipped.trans], start: [...shipped.start] },
  },
};
mkdirSync(outDir, { recursive: true });
const body = gzipSync(Buffer.from(`${JSON.stringify(header)}\n${lines.join("\n")}\n`, "utf8"));
const file = join(outDir, "ner-data.jsonl.gz");
writeFileSync(file, body);
console.log(
  `${lines.length} sentences, ${tokenCount} tokens, ${rename.size} feature buckets -> ${file} (${(body.length / 1024 / 1024).toFixed(1)} MB)`,
);
