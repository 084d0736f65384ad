/**
 * Analysis benchmark (`npm run bench:analysis`; `npm run bench` is the scale benchmark,
 * bench/scale.ts): runs the whole pipeline — text engine, entities,
 * geoparsing, events, claims — over every article of the development corpus on one core, and
 * prints articles/s, latency percentiles per article, the time per stage, and peak memory.
 * The knowledge base is loaded once before the clock starts (its load time is printed apart).
 *
 *   npm run bench:analysis [-- --rounds 3] [-- --json] [-- --output] [-- --ner]
 *   (--output also serializes JSON; --ner adds the learned entity recognizer, off by default)
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createPipeline } from "../src/pipeline.js";

const args = process.argv.slice(2);
const rounds = Number(args[args.indexOf("--rounds") + 1]) || 3;
const asJson = args.includes("--json");
const withOutput = args.includes("--output");
const shared = process.env.RASD_SHARED_DATA ?? join(process.cwd(), "..", "shared", "data");
const corpus = join(shared, "saudinewsnet-syria-iraq", "articles.jsonl");

interface Line {
  id: string;
  text: string;
  date?: string;
}
const articles = readFileSync(corpus, "utf8")
  .split("\n")
  .filter((l) => l.trim().length > 0)
  .map((l) => JSON.parse(l) as Line);
const bytes = articles.reduce((n, a) => n + Buffer.byteLength(a.text, "utf8"), 0);

const t0 = performance.now();
const ner = args.includes("--ner");
const analyze = createPipeline({ ner });
const loadMs = performance.now() - t0;

let peakRss = process.memoryUsage().rss;
const latencies: number[] = [];
let events = 0;
let rejected = 0;
const roundTimes: number[] = [];
for (let r = 0; r < rounds; r++) {
  const start = performance.now();
  for (const a of articles) {
    const s = performance.now();
    try {
      const doc = analyze({
        id: a.id,
        text: a.text,
        ...(a.date && /^\d{4}-\d{2}-\d{2}$/.test(a.date) ? { published: a.date } : {}),
      });
      if (withOutput) JSON.stringify(doc.events);
      if (r === 0) events += doc.events.length;
    } catch {
      if (r === 0) rejected++;
    }
    latencies.push(performance.now() - s);
  }
  roundTimes.push((performance.now() - start) / 1000);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}
latencies.sort((a, b) => a - b);
const pct = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
const median = [...roundTimes].sort((a, b) => a - b)[Math.floor(roundTimes.length / 2)] ?? 0;
const figures = {
  corpus: "saudinewsnet-syria-iraq",
  articles: articles.length,
  megabytes: +(bytes / 1e6).toFixed(2),
  rounds,
  ner,
  knowledge_load_ms: +loadMs.toFixed(0),
  seconds_per_round_median: +median.toFixed(3),
  articles_per_second_one_core: +(articles.length / median).toFixed(0),
  megabytes_per_second: +(bytes / 1e6 / median).toFixed(2),
  latency_ms: {
    p50: +pct(0.5).toFixed(2),
    p95: +pct(0.95).toFixed(2),
    p99: +pct(0.99).toFixed(2),
    max: +(latencies.at(-1) ?? 0).toFixed(2),
  },
  events_per_pass: events,
  rejected_per_pass: rejected,
  peak_rss_mb: +(peakRss / 2 ** 20).toFixed(0),
};
if (asJson) console.log(JSON.stringify(figures, null, 2));
else {
  console.log(
    `rasd analysis benchmark — ${figures.articles} articles, ${figures.megabytes} MB, ${rounds} rounds, 1 core, entity recognizer ${ner ? "on (--ner)" : "off"}`,
  );
  console.log(`  knowledge loaded once in ${figures.knowledge_load_ms} ms`);
  console.log(
    `  ${figures.articles_per_second_one_core} articles/s (${figures.megabytes_per_second} MB/s), median round ${figures.seconds_per_round_median} s`,
  );
  console.log(
    `  latency per article: p50 ${figures.latency_ms.p50} ms, p95 ${figures.latency_ms.p95} ms, p99 ${figures.latency_ms.p99} ms, max ${figures.latency_ms.max} ms`,
  );
  console.log(`  ${events} events per pass, ${rejected} articles rejected (not Arabic / empty)`);
  console.log(`  peak RSS ${figures.peak_rss_mb} MB`);
}
