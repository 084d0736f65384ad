/**
 * rasd as a library.
 *
 *     import { analyze } from "rasd";
 *     const result = analyze({ text, published: "2017-11-02", outlet: "العربي الجديد" });
 *     for (const e of result.events) console.log(e.event_type, e.actor1, e.location);
 *
 * `analyze` builds the pipeline (loading the knowledge base and gazetteer, about a second) once
 * per distinct set of options and reuses it; each call returns the public JSON shape described by
 * docs/schema/analysis.schema.json. The sources are TypeScript, run through tsx like the CLI
 * (`node --import tsx`).
 */
import { type AnalysisJsonOptions, type AnalysisResult, toAnalysisJson } from "./output/json.js";
import { createPipeline, type PipelineOptions } from "./pipeline.js";
import type { Article, RasdDocument } from "./types.js";

export { InputError } from "./errors.js";
export { ACLED_COLUMNS, isAcledEvent, toAcledCsv } from "./export/acled-csv.js";
export { toGeoJson } from "./export/geojson.js";
export {
  ACLED_TO_PLOVER,
  type PloverActor,
  type PloverRecord,
  ploverCode,
  toPloverJsonl,
  toPloverRecord,
  toPloverRecords,
} from "./export/plover.js";
export * from "./output/json.js";
export { createPipeline, isIsoDate, type PipelineOptions } from "./pipeline.js";
export type * from "./types.js";
export { SOURCE_KINDS } from "./types.js";

export interface AnalyzeOptions extends PipelineOptions, AnalysisJsonOptions {}

type Pipeline = (article: Article) => RasdDocument;

/** Pipelines kept at once: each holds the gazetteer and lexicons (tens of MB). */
const CACHE_SIZE = 4;
const pipelines = new Map<string, Pipeline>();
const identities = new WeakMap<object, number>();
let nextIdentity = 1;

/** An object passed by reference (a loaded knowledge base, a lexicon) is known by identity. */
function identity(o: object | undefined): number | null {
  if (o === undefined) return null;
  let id = identities.get(o);
  if (id === undefined) {
    id = nextIdentity++;
    identities.set(o, id);
  }
  return id;
}

/** JSON with sorted keys, so that {a, b} and {b, a} are the same options. */
function stable(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** The options that change the pipeline, as a cache key. */
function pipelineKey(options: PipelineOptions): string {
  const { knowledge, text, language, textOnly, gazetteerFiles, ner } = options;
  const { lexicon, frequencies, ...textRest } = text ?? {};
  return stable({
    text: textRest,
    language: language ?? {},
    textOnly: textOnly ?? false,
    gazetteerFiles: gazetteerFiles ?? [],
    ner: typeof ner === "object" ? identity(ner) : (ner ?? false),
    knowledge: identity(knowledge),
    lexicon: identity(lexicon),
    frequencies: identity(frequencies),
  });
}

/** The pipeline for these options, built on first use and then reused. */
export function pipelineFor(options: PipelineOptions = {}): Pipeline {
  const key = pipelineKey(options);
  let pipeline = pipelines.get(key);
  if (pipeline) {
    pipelines.delete(key); // most recently used goes last
  } else {
    pipeline = createPipeline(options);
    if (pipelines.size >= CACHE_SIZE) {
      const oldest = pipelines.keys().next().value;
      if (oldest !== undefined) pipelines.delete(oldest);
    }
  }
  pipelines.set(key, pipeline);
  return pipeline;
}

/**
 * Analyses one article and returns its events, claims, disputes and every other annotation, with
 * offsets into `article.text`. Throws `InputError` when the input is refused (empty, not Arabic,
 * binary, too large, an impossible publication date).
 */
export function analyze(article: Article, options: AnalyzeOptions = {}): AnalysisResult {
  const { tokens, ...pipelineOptions } = options;
  const doc = pipelineFor(pipelineOptions)(article);
  return toAnalysisJson(doc, { tokens: tokens ?? false });
}
