/**
 * What the store derives from an article before writing it: its checks, content hash and id,
 * normalised title and text (searched), text hash (exact copies from other outlets),
 * annotations and the rows of its analysis (analysis.ts, analysisRows), none of which needs the
 * database. `putArticles` does it for each article, unless
 * handed it done (`PutItem.prepared`): `rasd ingest` has it done on the analysis worker threads,
 * so that the one writing thread only writes.
 */
import type { AnalysisResult } from "../output/json.js";
import { type AnalysisRows, analysisRows, checkAnalysis } from "./analysis.js";
import { articleIdFor, contentHash, textHash } from "./ids.js";
import { annotationsOf, checkDate, json } from "./rows.js";
import type { Database } from "./schema/tables.js";
import { searchableText } from "./search.js";
import type { ArticleInput, PutOptions } from "./types.js";

/**
 * An article checked and made ready to store: its row, but for the text and the times, and the
 * rows of its analysis (all the writer needs of it).
 */
export interface PreparedArticle {
  hash: string;
  id: string;
  row: Omit<Database["articles"], "seq" | "text" | "ingested_at" | "analyzed_at"> & {
    ingested_at: string | undefined;
  };
  analysis: AnalysisRows;
}

/** Checks an article and its analysis (StoreError `bad-input`) and derives its row. */
export function prepareArticle(
  article: ArticleInput,
  analysis: AnalysisResult,
  options: PutOptions = {},
): PreparedArticle {
  checkAnalysis(article.text, analysis);
  const meta = analysis.metadata;
  const outlet = article.outlet ?? meta.outlet ?? null;
  const published = article.published ?? meta.published ?? null;
  checkDate("published", published);
  const hash = contentHash(article.text, outlet);
  const id = articleIdFor(hash);
  const title = article.title ?? meta.title ?? null;
  return {
    hash,
    id,
    row: {
      id,
      url: article.url ?? meta.url ?? null,
      canonical_url: article.canonicalUrl ?? null,
      outlet,
      title,
      title_norm: searchableText(title ?? ""),
      published: published ?? "",
      normalized_text: searchableText(article.text),
      content_hash: hash,
      text_hash: textHash(article.text),
      story_id: null,
      ingested_at: article.ingestedAt,
      analyzed_with: options.version ?? analysis.rasd_version,
      annotations: json(annotationsOf(analysis)),
    },
    analysis: analysisRows(id, hash, article.text, analysis),
  };
}
