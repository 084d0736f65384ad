/**
 * Text engine benchmark: normalizes, tokenizes (with clitic segmentation) and sentence-splits
 * every article of the development corpus, and prints articles/s, MB/s and peak memory.
 *
 *   npm run bench:text [-- --rounds 5] [-- --json]
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createDocument, textStage } from "../src/text/index.js";

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
const stage = textStage();

function runOnce(): { seconds: number; tokens: number; sentences: number } {
  let tokens = 0;
  let sentences = 0;
  const t0 = process.hrtime.bigint();
  for (const text of texts) {
    const doc = createDocument(text);
    stage(doc);
    tokens += doc.tokens.length;
    sentences += doc.sentences.length;
  }
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, tokens, sentences };
}

runOnce(); // warm-up: JIT and the clitic cache
const runs = Array.from({ length: rounds }, runOnce);
const best = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
const median = [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)]!;
const result = {
  corpus,
  articles: texts.length,
  megabytes: +(bytes / 1e6).toFixed(2),
  tokens: best.tokens,
  sentences: best.sentences,
  rounds,
  medianSeconds: +median.seconds.toFixed(3),
  articlesPerSecond: Math.round(texts.length / median.seconds),
  megabytesPerSecond: +(bytes / 1e6 / median.seconds).toFixed(1),
  tokensPerSecond: Math.round(best.tokens / median.seconds),
  peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
};
if (asJson) console.log(JSON.stringify(result));
else {
  console.log(
    `text engine over ${result.articles} articles (${result.megabytes} MB UTF-8), ${rounds} rounds after warm-up, one core`,
  );
  console.log(`  ${result.tokens} tokens, ${result.sentences} sentences per round`);
  console.log(
    `  median ${result.medianSeconds} s: ${result.articlesPerSecond} articles/s, ${result.megabytesPerSecond} MB/s, ${result.tokensPerSecond} tokens/s`,
  );
  console.log(`  peak RSS ${result.peakRssMB} MB`);
}
