/**
 * The ingestion layer: HTML pages (files, URLs, or HTML given directly), RSS and Atom feeds, and
 * bulk archives turned into articles rasd can analyse, each with its metadata, its captions
 * apart, and a content hash for duplicates. See docs/ingest.md.
 *
 *     const article = await ingestUrl("https://www.example.com/news/1");
 *     const result = analyze(toArticle(article));
 */
import type { Article } from "../types.js";
import { type FetchOptions, fetchBody } from "./fetch.js";
import { extractHtml, type HtmlOptions } from "./html.js";
import type { IngestedArticle } from "./types.js";

export {
  articleFromRecord,
  articleFromText,
  type BulkOptions,
  DEFAULT_MAX_ARTICLE_BYTES,
  readArticleFile,
  readFolder,
  readJsonl,
  readStream,
  type TextMeta,
} from "./bulk.js";
export { extractCaptions } from "./captions.js";
export {
  type CharsetOptions,
  charsetOfContentType,
  type Decoded,
  declaredCharset,
  decodeBytes,
  encodingName,
} from "./charset.js";
export {
  contentHash,
  DuplicateIndex,
  type DuplicateMatch,
  type DuplicateSignature,
  MINHASH_SIZE,
  minhash,
  NEAR_DUPLICATE_THRESHOLD,
  SHINGLE_WORDS,
  shingleHashes,
  signatureOf,
  similarity,
  words,
} from "./dedupe.js";
export { parseDocument } from "./dom.js";
export * from "./errors.js";
export { type Feed, type FeedItem, parseFeedBytes, parseFeedText } from "./feeds.js";
export {
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_TIMEOUT_MS,
  type Fetched,
  type FetchLike,
  type FetchOptions,
  fetchBody,
} from "./fetch.js";
export { isFurnitureText, removeFurniture } from "./furniture.js";
export { assertArabicText, extractHtml, type HtmlOptions, paragraphsOf } from "./html.js";
export { extractMetadata, type PageMetadata, stripSiteName, toIsoDateTime } from "./metadata.js";
export {
  backoffDelay,
  FeedPoller,
  type FeedPollerOptions,
  type FeedState,
  type FeedSubscription,
  MemorySeenItems,
  type PollReport,
  type SeenItems,
} from "./poller.js";
export type * from "./types.js";

/** Fetches a page and reads it as an article (the HTML extractor over the fetched bytes). */
export async function ingestUrl(
  url: string,
  options: FetchOptions & Omit<HtmlOptions, "url" | "contentType"> = {},
): Promise<IngestedArticle> {
  const page = await fetchBody(url, { ...options, accept: "html" });
  return extractHtml(page.bytes, { ...options, url: page.url, contentType: page.contentType });
}

/** What `toArticle` and `storedFields` read of an ingested article (a queued job carries these). */
export type ArticleFields = Pick<
  IngestedArticle,
  "text" | "id" | "title" | "published" | "outlet" | "url" | "canonicalUrl"
>;

/** Those fields alone (a job's payload carries nothing else: captions and encoding are not analysed). */
export function articleFields(a: ArticleFields): ArticleFields {
  const { text, id, title, published, outlet, url, canonicalUrl } = a;
  return { text, id, title, published, outlet, url, canonicalUrl };
}

/** The article as rasd's `analyze` takes it: the publication time becomes its calendar day. */
export function toArticle(article: ArticleFields): Article {
  const out: Article = { text: article.text };
  if (article.id !== undefined) out.id = article.id;
  if (article.title !== undefined) out.title = article.title;
  // The day as the outlet wrote it ("2017-11-02T01:30:00+03:00" is 2 November, not 1 November UTC).
  if (article.published !== undefined) out.published = article.published.slice(0, 10);
  if (article.outlet !== undefined) out.outlet = article.outlet;
  const url = article.canonicalUrl ?? article.url;
  if (url !== undefined) out.url = url;
  return out;
}

/**
 * What a store keeps beside an article's analysis: the analysed text, where it was read (the
 * page's final URL and the URL it names as its own) and what it says of itself.
 */
export function storedFields(article: Article, page?: Pick<ArticleFields, "url" | "canonicalUrl">) {
  return {
    text: article.text,
    url: page?.url ?? article.url ?? null,
    canonicalUrl: page?.canonicalUrl ?? null,
    outlet: article.outlet ?? null,
    title: article.title ?? null,
    published: article.published ?? null,
  };
}
