/**
 * The long fuzz run (`npm run bench:fuzz`): the fuzz suite's properties (test/fuzz/properties.ts:
 * analyze over word soups, the mangled seed article and any string; HTML pages; charset
 * decoding; feeds as text and as bytes) with many more inputs than the test suite tries, then
 * the large adversarial articles (test/fuzz/inputs.ts) at a size near the one-article limit.
 * Prints, per property, the inputs tried, failures (with the counterexample and its seed), the
 * time per input (p50, p99, max) and the peak RSS; per large article its time and throughput.
 * Exits 1 when a property fails or a large article breaks a check.
 *
 *   npm run bench:fuzz [-- --runs 20000] [-- --seed 42] [-- --only feeds] [-- --large-size 1900000]
 *                      [-- --no-large] [-- --json]
 *
 * --runs applies to every property (default 2,000); the analyze properties cost about 10-40 ms
 * an input on one core, the others well under 1 ms.
 */
import { performance } from "node:perf_hooks";
import fc from "fast-check";
import { analyze } from "../src/index.js";
import { checkAnalysis } from "../test/fuzz/checks.js";
import { LARGE, STRIKE } from "../test/fuzz/inputs.js";
import { ALL_PROPERTIES } from "../test/fuzz/properties.js";

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const runs = Number(option("--runs") ?? 2000);
const seed = Number(option("--seed") ?? 42);
const only = option("--only");
const largeSize = Number(option("--large-size") ?? 1_900_000);
const withLarge = !args.includes("--no-large");
const asJson = args.includes("--json");

const peakRssMb = () => +(process.resourceUsage().maxRSS / 1024).toFixed(0);
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
const ms = (x: number) => +x.toFixed(2);

function log(line: string): void {
  if (!asJson) console.log(line);
}

interface PropertyFigures {
  property: string;
  inputs_tried: number;
  failures: number;
  counterexample?: string;
  error?: string;
  ms_per_input: { p50: number; p99: number; max: number };
  seconds: number;
  peak_rss_mb: number;
}

analyze({ text: STRIKE }); // pipelines built before any clock starts
analyze({ text: STRIKE }, { ner: true });

const properties: PropertyFigures[] = [];
for (const p of ALL_PROPERTIES) {
  if (only && !p.name.includes(only)) continue;
  const times: number[] = [];
  const start = performance.now();
  const details = fc.check(
    fc.property(p.arbitrary, (input) => {
      const t = performance.now();
      try {
        p.check(input);
      } finally {
        times.push(performance.now() - t);
      }
    }),
    { seed, numRuns: runs },
  );
  const seconds = (performance.now() - start) / 1000;
  times.sort((a, b) => a - b);
  const figures: PropertyFigures = {
    property: p.name,
    inputs_tried: times.length,
    failures: details.failed ? 1 : 0,
    ms_per_input: {
      p50: ms(quantile(times, 0.5)),
      p99: ms(quantile(times, 0.99)),
      max: ms(times.at(-1) ?? 0),
    },
    seconds: +seconds.toFixed(1),
    peak_rss_mb: peakRssMb(),
  };
  if (details.failed) {
    figures.counterexample = JSON.stringify(details.counterexample)?.slice(0, 2000);
    figures.error = String(details.errorInstance ?? "").slice(0, 2000);
  }
  properties.push(figures);
  log(
    `${p.name}\n  ${figures.inputs_tried} inputs in ${figures.seconds} s, ${figures.failures} failed; per input p50 ${figures.ms_per_input.p50} ms, p99 ${figures.ms_per_input.p99} ms, max ${figures.ms_per_input.max} ms; peak RSS ${figures.peak_rss_mb} MB`,
  );
  if (details.failed) {
    log(`  FAILED (seed ${seed}, path ${details.counterexamplePath}): ${figures.error}`);
    log(`  counterexample: ${figures.counterexample}`);
  }
}

interface LargeFigures {
  input: string;
  characters: number;
  ms: number;
  characters_per_second: number;
  events: number;
  entities: number;
  ok: boolean;
  error?: string;
}

const large: LargeFigures[] = [];
if (withLarge && !only) {
  for (const [shape, build] of Object.entries(LARGE)) {
    const text = build(largeSize);
    const start = performance.now();
    let figures: LargeFigures;
    try {
      const result = analyze({ text, published: "2015-08-12" });
      const took = performance.now() - start;
      checkAnalysis(text, result);
      figures = {
        input: shape,
        characters: text.length,
        ms: +took.toFixed(0),
        characters_per_second: +(text.length / (took / 1000)).toFixed(0),
        events: result.events.length,
        entities: result.entities.length,
        ok: true,
      };
    } catch (error) {
      figures = {
        input: shape,
        characters: text.length,
        ms: +(performance.now() - start).toFixed(0),
        characters_per_second: 0,
        events: 0,
        entities: 0,
        ok: false,
        error: String(error).slice(0, 2000),
      };
    }
    large.push(figures);
    log(
      `large: ${shape}, ${figures.characters.toLocaleString("en")} characters: ${figures.ok ? `${figures.ms} ms (${Math.round(figures.characters_per_second / 1000)} k characters/s), ${figures.events} events, ${figures.entities} entities` : `FAILED ${figures.error}`}`,
    );
  }
}

const failed = properties.some((p) => p.failures > 0) || large.some((l) => !l.ok);
const summary = {
  runs_per_property: runs,
  seed,
  node: process.version,
  properties,
  large,
  peak_rss_mb: peakRssMb(),
  failed,
};
if (asJson) console.log(JSON.stringify(summary, null, 2));
else {
  const tried = properties.reduce((n, p) => n + p.inputs_tried, 0);
  console.log(
    `${tried} inputs over ${properties.length} properties, ${large.length} large articles; peak RSS ${summary.peak_rss_mb} MB; ${failed ? "FAILED" : "no failure"}`,
  );
}
process.exit(failed ? 1 : 0);
