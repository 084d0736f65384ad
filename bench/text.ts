/**
 * Text engine benchmark: normalizes, tokenizes (with clitic segmentation) and sentence-splits
 * every article of the development corpus, and prints articles/s, MB/s and peak memory.
 *
 *   npm run bench:text [-- --rounds 5] [-- --json]
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createDocument, segmentTokens, textStage } from "../src/text/index.js";
import { defaultProtectedWords, defaultVocabulary } from "../src/text/lexicon.js";
import { normalize } from "../src/text/normalize.js";
import { splitSentences } from "../src/text/sentences.js";
import { findQuotes, tokenize } from "../src/text/tokenize.js";
import type { RasdDocument } from "../src/types.js";

const args = process.argv.slice(2);
const rounds = Number(args[args.indexOf("--rounds") + 1]) || 3;
const asJson = args.includes("--json");
const shared = process.env.RASD_SHARED_DATA ?? join(process.cwd(), "..", "shared", "data");
const corpus = join(shared, "saudinewsnet-syria-iraq", "articles.jsonl");

const texts = readFileSync(corpus, "utf8")
  .split("\n")
  .filter((l) => l.trim().length > 0)
  .map((l) => (JSON.parse(l) as { text: string }).text);
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t, "utf8"), 0);
const fullStage = textStage();
const lexicon = defaultProtectedWords();
const vocabulary = defaultVocabulary();
/** What the target names: normalize, tokenize (with clitics) and split sentences. */
const coreStage = (doc: RasdDocument) => {
  doc.tokens = tokenize(normalize(doc.text));
  segmentTokens(doc.text, doc.tokens, lexicon, vocabulary);
  doc.quotes = findQuotes(doc.text, doc.tokens);
  doc.sentences = splitSentences(doc.text, doc.tokens, doc.quotes);
};

function runOnce(stage: (doc: RasdDocument) => void) {
  let tokens = 0;
  let sentences = 0;
  const t0 = process.hrtime.bigint();
  for (const text of texts) {
    const doc = createDocument(text, { published: "2015-08-01" });
    stage(doc);
    tokens += doc.tokens.length;
    sentences += doc.sentences.length;
  }
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, tokens, sentences };
}

function measure(stage: (doc: RasdDocument) => void) {
  runOnce(stage); // warm-up: JIT and the clitic cache
  const runs = Array.from({ length: rounds }, () => runOnce(stage));
  const median = [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)]!;
  return {
    tokens: median.tokens,
    sentences: median.sentences,
    medianSeconds: +median.seconds.toFixed(3),
    articlesPerSecond: Math.round(texts.length / median.seconds),
    megabytesPerSecond: +(bytes / 1e6 / median.seconds).toFixed(1),
    tokensPerSecond: Math.round(median.tokens / median.seconds),
  };
}

const core = measure(coreStage);
const full = measure(fullStage);
const result = {
  corpus,
  articles: texts.length,
  megabytes: +(bytes / 1e6).toFixed(2),
  rounds,
  core,
  full,
  peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
};
if (asJson) console.log(JSON.stringify(result));
else {
  console.log(
    `text engine over ${result.articles} articles (${result.megabytes} MB UTF-8), median of ${rounds} rounds after warm-up, one core`,
  );
  for (const [name, r] of [
    ["normalize + tokenize + clitics + sentences", core],
    ["full text stage (+ dates, quantities)     ", full],
  ] as const) {
    console.log(
      `  ${name}: ${r.medianSeconds} s, ${r.articlesPerSecond} articles/s, ${r.megabytesPerSecond} MB/s, ${r.tokensPerSecond} tokens/s`,
    );
  }
  console.log(
    `  ${core.tokens} tokens, ${core.sentences} sentences; peak RSS ${result.peakRssMB} MB`,
  );
}
