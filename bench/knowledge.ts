/**
 * Knowledge benchmark: load time and memory of the compiled gazetteer (and of the actor and
 * lexicon indexes when those modules exist), each loaded once in this fresh process.
 *
 *   npm run bench:knowledge [-- --json]
 */
import { existsSync } from "node:fs";

const asJson = process.argv.includes("--json");

interface Measure {
  name: string;
  ms: number;
  heapMB: number;
  rssMB: number;
  size?: number;
}

function mb(bytes: number): number {
  return Math.round((bytes / 1048576) * 10) / 10;
}

/** Runs `load` once and measures its wall time and heap/RSS growth. */
async function measure(name: string, load: () => unknown): Promise<Measure> {
  globalThis.gc?.();
  const before = process.memoryUsage();
  const t0 = process.hrtime.bigint();
  const result = await load();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  globalThis.gc?.();
  const after = process.memoryUsage();
  const size = (result as { size?: number } | undefined)?.size;
  return {
    name,
    ms: Math.round(ms * 10) / 10,
    heapMB: mb(after.heapUsed - before.heapUsed),
    rssMB: mb(after.rss - before.rss),
    ...(typeof size === "number" ? { size } : {}),
  };
}

/** Loads an optional module's default loaders, if that module is there yet. */
async function optional(file: string, loaders: string[]): Promise<Measure[]> {
  const url = new URL(`../src/knowledge/${file}`, import.meta.url);
  if (!existsSync(url)) return [];
  const mod = (await import(url.href)) as Record<string, unknown>;
  const out: Measure[] = [];
  for (const fn of loaders) {
    const load = mod[fn];
    if (typeof load === "function") out.push(await measure(fn, () => load()));
  }
  return out;
}

const { loadGazetteer } = await import("../src/knowledge/gazetteer.js");
const results: Measure[] = [await measure("loadGazetteer", () => loadGazetteer())];
results.push(...(await optional("actors.ts", ["loadActors", "loadActorIndex"])));
results.push(...(await optional("lexicons.ts", ["loadLexicons", "loadLexiconIndex"])));

if (asJson) console.log(JSON.stringify(results));
else {
  console.log(
    "knowledge load, first call in a fresh process (run with --expose-gc for exact memory)",
  );
  for (const r of results) {
    const size = r.size !== undefined ? `, ${r.size} entries` : "";
    console.log(`  ${r.name}: ${r.ms} ms, heap +${r.heapMB} MB, RSS +${r.rssMB} MB${size}`);
  }
}
