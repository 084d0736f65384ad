/**
 * Trains rasd's entity recognizer on ANERcorp (CAMeL Lab split) and writes the model to
 * data/models/ner-anercorp.bin.
 *
 *   npm run train:ner [-- --dev-only] [-- --epochs 6] [-- --bits 20] [-- --min-count 2]
 *                     [-- --c2 1] [-- --eta 0.1] [-- --seed 1] [-- --algo crf|perceptron]
 *                     [-- --out data/models/ner-anercorp.bin] [-- --no-lexicons]
 *
 * 1. The original ANERcorp file is cleaned and split as the CAMeL Lab did (conll.ts).
 * 2. The sentences holding the last 10% of the training words are held out as a development
 *    split; a model is trained on the rest and scored on dev after every epoch, and the
 *    confidence of its entities is calibrated on dev.
 * 3. Unless --dev-only, the final model is trained on the whole training split with the same
 *    settings and written out. The test split is never read here beyond its size.
 *
 * The defaults (6 epochs, 2^20 buckets, features seen at least twice, c2 = 1, eta0 = 0.1) were
 * chosen by 5-fold cross-validation inside the training split (docs/ner.md).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { loadActors, loadRoles } from "../src/knowledge/actors.js";
import { loadGazetteer } from "../src/knowledge/gazetteer.js";
import { camelSplit, devSplit, NER_LABELS, repairIob } from "../src/recognize/ner/conll.js";
import type { NerLexicons } from "../src/recognize/ner/features.js";
import { configHash, NerModel } from "../src/recognize/ner/model.js";
import { type NerScore, scoreNer } from "../src/recognize/ner/score.js";
import {
  type Example,
  examples,
  pruneRareFeatures,
  sentenceTokens,
  type TrainProgress,
  trainCrf,
  trainPerceptron,
} from "../src/recognize/ner/train.js";
import { defaultFunctionWords, defaultVocabulary } from "../src/text/lexicon.js";

const args = process.argv.slice(2);
const num = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(args[i + 1]);
  if (!Number.isFinite(v)) throw new Error(`--${name} needs a number`);
  return v;
};
const str = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
};
const devOnly = args.includes("--dev-only");
const useLexicons = !args.includes("--no-lexicons");
const shared = process.env.RASD_SHARED_DATA ?? join(process.cwd(), "..", "shared", "data");
const source = join(shared, "anercorp", "ANERCorp.txt");
const out = str("out", join(process.cwd(), "data", "models", "ner-anercorp.bin"));

const config = {
  algorithm: str("algo", "crf"),
  bits: num("bits", 20),
  epochs: num("epochs", 6),
  minCount: num("min-count", 2),
  seed: num("seed", 1),
  c2: num("c2", 1),
  eta0: num("eta", 0.1),
  features: "features.ts v1",
  lexicons: {
    places: useLexicons,
    actors: useLexicons,
    roles: useLexicons,
    frequency: true,
    functionWords: true,
  },
};

const t0 = performance.now();
const seconds = (from: number) => +((performance.now() - from) / 1000).toFixed(1);
const split = camelSplit(readFileSync(source, "utf8"), source);
const train = split.train.map((s) => ({ words: s.words, tags: repairIob(s.tags) }));
const { fit, dev } = devSplit(train);
const words = (ss: { words: string[] }[]) => ss.reduce((n, s) => n + s.words.length, 0);
console.log(
  `ANERcorp: ${split.words.total} words after clean-up (${split.cleanup.emptyTokensDropped} empty tokens dropped, ` +
    `${split.cleanup.tagsFixed} tags fixed); CAMeL split: train ${split.words.train} words / ${split.train.length} sentences, ` +
    `test ${split.words.test} words / ${split.test.length} sentences`,
);
console.log(
  `fit ${fit.length} sentences (${words(fit)} words), dev ${dev.length} sentences (${words(dev)} words)`,
);

const lexicons: NerLexicons = {
  ...(config.lexicons.places ? { places: loadGazetteer() } : {}),
  ...(config.lexicons.actors ? { actors: loadActors() } : {}),
  ...(config.lexicons.roles ? { roles: loadRoles() } : {}),
  ...(config.lexicons.frequency ? { frequency: defaultVocabulary() } : {}),
  ...(config.lexicons.functionWords ? { functionWords: defaultFunctionWords() } : {}),
};
const fitTokens = sentenceTokens(fit);
const devTokens = sentenceTokens(dev);
const featuresOf = () => ({
  fitData: examples(fit, fitTokens, lexicons, config.bits),
  devData: examples(dev, devTokens, lexicons, config.bits),
});
const { fitData, devData } = featuresOf();
console.log(`tokens and features in ${seconds(t0)} s`);

type Meta = Parameters<typeof trainPerceptron>[2];
function fitModel(
  data: readonly Example[],
  meta: Meta,
  onEpoch?: (p: TrainProgress) => void,
): NerModel {
  return config.algorithm === "perceptron"
    ? trainPerceptron(data, config, meta, onEpoch)
    : trainCrf(data, config, meta, onEpoch);
}

function decodeAll(model: NerModel, data: readonly Example[]) {
  const pred: string[][] = [];
  const margins: { margin: number; correct: boolean }[] = [];
  for (const ex of data) {
    const n = ex.gold.length;
    const { labels, entities } = model.decode(model.emissions(ex.features), n);
    pred.push([...labels].map((y) => NER_LABELS[y] as string));
    for (const e of entities) {
      let correct = ex.gold[e.start] === e.label && (e.end >= n || ex.gold[e.end] !== e.label + 1);
      for (let i = e.start + 1; i < e.end && correct; i++) correct = ex.gold[i] === e.label + 1;
      margins.push({ margin: e.margin, correct });
    }
  }
  const gold = data.map((ex) => [...ex.gold].map((y) => NER_LABELS[y] as string));
  return { score: scoreNer(gold, pred), margins };
}

/** Logistic regression of correctness on margin (Newton's method, a little L2, deterministic). */
function calibrate(points: { margin: number; correct: boolean }[]): { a: number; b: number } {
  let a = 0.1;
  let b = 0;
  const l2 = 1e-3;
  for (let it = 0; it < 100; it++) {
    let ga = l2 * a;
    let gb = 0;
    let haa = l2;
    let hab = 0;
    let hbb = 1e-9;
    for (const p of points) {
      const q = 1 / (1 + Math.exp(-(a * p.margin + b)));
      const r = q - (p.correct ? 1 : 0);
      ga += r * p.margin;
      gb += r;
      const v = q * (1 - q);
      haa += v * p.margin * p.margin;
      hab += v * p.margin;
      hbb += v;
    }
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-12) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return { a: +a.toFixed(6), b: +b.toFixed(6) };
}

const pct = (x: number) => +(100 * x).toFixed(2);
const summary = (s: NerScore) => ({
  f1: pct(s.f1),
  precision: pct(s.precision),
  recall: pct(s.recall),
  perType: Object.fromEntries(Object.entries(s.perType).map(([t, x]) => [t, pct(x.f1)])),
});

// 1. Fit on 90%, follow dev, calibrate on dev.
const tFit = performance.now();
const kept = pruneRareFeatures(fitData, config.bits, config.minCount);
console.log(`feature buckets seen at least ${config.minCount} times: ${kept}`);
let devScore: NerScore | undefined;
let calibration = { a: 0.1, b: 0 };
fitModel(fitData, { training: {}, calibration }, ({ epoch, model }) => {
  const { score, margins } = decodeAll(model, devData);
  const perType = Object.entries(score.perType)
    .map(([t, s]) => `${t} ${pct(s.f1)}`)
    .join("  ");
  console.log(
    `epoch ${String(epoch).padStart(2)}: dev F1 ${pct(score.f1)} (P ${pct(score.precision)} R ${pct(score.recall)})  ${perType}`,
  );
  if (epoch === config.epochs) {
    devScore = score;
    calibration = calibrate(margins);
  }
});
console.log(
  `dev model in ${seconds(tFit)} s; entity confidence = 1 / (1 + exp(-(${calibration.a} * margin + ${calibration.b})))`,
);
if (devOnly) process.exit(0);

// 2. The final model on the whole training split.
const tFull = performance.now();
const allData = examples(train, [...fitTokens, ...devTokens], lexicons, config.bits);
pruneRareFeatures(allData, config.bits, config.minCount);
const trained = fitModel(allData, {
  calibration,
  training: {
    config: { ...config, hash: configHash(config) },
    algorithm:
      config.algorithm === "perceptron"
        ? "averaged structured perceptron, first-order, constrained Viterbi"
        : "linear-chain CRF, L2-regularized SGD, first-order, constrained Viterbi",
    data: {
      corpus:
        "ANERcorp (Benajiba, Rosso & Benedí 2007), CAMeL Lab split (Obeid et al. 2020), CC BY-SA 4.0",
      words: split.words,
      sentences: { train: split.train.length, test: split.test.length },
      cleanup: split.cleanup,
      dev: { sentences: dev.length, words: words(dev) },
    },
    dev: devScore ? summary(devScore) : null,
  },
});
const trainSeconds = seconds(tFull);
const { model, bytes } = NerModel.seal(trained);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, bytes);
console.log(
  `final model: ${train.length} sentences, ${config.epochs} epochs in ${trainSeconds} s -> ${out} ` +
    `(${(bytes.length / 1024 / 1024).toFixed(2)} MB), version ${model.version}`,
);
console.log(`total ${seconds(t0)} s`);
