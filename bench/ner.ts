/**
 * Entity recognizer benchmark, on one core (one thread, no workers): model load time, lexicon
 * load time, and tagging speed in tokens per second, both for tagging alone (features, Viterbi
 * and spans over tokens the text engine already made) and end to end from raw text.
 *
 * The text is the ANERcorp CAMeL test split joined into sentences (read from ../shared/data at
 * run time); without it, the example article repeated.
 *
 *   npm run bench:ner [-- --rounds 5] [-- --json]
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  camelSplit,
  DEFAULT_MODEL,
  loadNerModel,
  tokensForText,
} from "../src/recognize/ner/index.js";
import type { Token } from "../src/types.js";

const args = process.argv.slice(2);
const rounds = Number(args[args.indexOf("--rounds") + 1]) || 3;
const asJson = args.includes("--json");
const shared = process.env.RASD_SHARED_DATA ?? join(process.cwd(), "..", "shared", "data");
const anercorp = join(shared, "anercorp", "ANERCorp.txt");

const ms = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;

let t = process.hrtime.bigint();
const model = loadNerModel();
const modelLoadMs = ms(t);
t = process.hrtime.bigint();
model.lexicons();
const lexiconLoadMs = ms(t);

let texts: string[];
let source: string;
if (existsSync(anercorp)) {
  texts = camelSplit(readFileSync(anercorp, "utf8")).test.map((s) => s.words.join(" "));
  source = "ANERcorp CAMeL test split";
} else {
  const article = readFileSync(
    new URL("../examples/alaraby-2017-11-02-deir-ez-zor.txt", import.meta.url),
    "utf8",
  );
  texts = Array.from({ length: 50 }, () => article);
  source = "example article x50 (shared data not found)";
}

const tokenized: { text: string; tokens: Token[] }[] = texts.map((text) => ({
  text,
  tokens: tokensForText(text),
}));
const tokenCount = tokenized.reduce((n, d) => n + d.tokens.length, 0);

function run(endToEnd: boolean): number {
  const t0 = process.hrtime.bigint();
  let spans = 0;
  for (const d of tokenized) {
    const tokens = endToEnd ? tokensForText(d.text) : d.tokens;
    spans += model.tag(tokens, d.text).length;
  }
  if (spans < 0) throw new Error("unreachable");
  return ms(t0) / 1000;
}

function median(endToEnd: boolean): number {
  run(endToEnd); // warm-up (JIT, caches)
  const times = Array.from({ length: rounds }, () => run(endToEnd)).sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

const tagSeconds = median(false);
const e2eSeconds = median(true);
const result = {
  source,
  tokens: tokenCount,
  modelVersion: model.version,
  modelBytes: statSync(fileURLToPath(DEFAULT_MODEL)).size,
  modelLoadMs: +modelLoadMs.toFixed(1),
  lexiconLoadMs: +lexiconLoadMs.toFixed(1),
  tagTokensPerSecond: Math.round(tokenCount / tagSeconds),
  endToEndTokensPerSecond: Math.round(tokenCount / e2eSeconds),
  rounds,
};
if (asJson) {
  console.log(JSON.stringify(result, null, 2));
} else {
  console.log(
    `NER benchmark (${source}, ${tokenCount} tokens, median of ${rounds} rounds, one core)`,
  );
  console.log(
    `  model ${result.modelVersion}: ${(result.modelBytes / 1048576).toFixed(2)} MB, loaded in ${result.modelLoadMs} ms`,
  );
  console.log(
    `  lexicons (gazetteer, actors, roles, word lists) loaded in ${result.lexiconLoadMs} ms`,
  );
  console.log(
    `  tagging:                 ${result.tagTokensPerSecond.toLocaleString("en")} tokens/s`,
  );
  console.log(
    `  text → tokens → tagging: ${result.endToEndTokensPerSecond.toLocaleString("en")} tokens/s`,
  );
}
