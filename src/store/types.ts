/**
 * The storage layer's public types: how to open a store, what goes in, what comes out.
 *
 * Records read back are in the style of the analysis JSON (snake_case fields, `null` for
 * unknown, spans as UTF-16 `start`/`end` into the article's text); options passed in are in
 * TypeScript style (camelCase). Dates are ACLED's `YYYY-MM-DD` strings, timestamps ISO 8601 UTC.
 */
import type {
  AnalysisResult,
  OutAttribution,
  OutClaim,
  OutDispute,
  OutEntity,
  OutEvent,
  OutPlace,
  OutSpan,
} from "../output/json.js";
import type { AcledColumns, SourceKind } from "../types.js";
import type { PreparedArticle } from "./prepare.js";

export type BackendKind = "sqlite" | "postgres";

export interface StoreConfig {
  /**
   * Where the data lives. `postgres://…` or `postgresql://…` selects PostgreSQL; `sqlite:PATH`
   * or a plain path selects SQLite. Default: `$DATABASE_URL`, else SQLite at `path`.
   */
  url?: string;
  /** SQLite file; default `$RASD_DB_PATH`, else `.rasd/rasd.db`. `:memory:` for a throwaway store. */
  path?: string;
  /** PostgreSQL schema holding rasd's tables (created if absent); default the connection's own. */
  schema?: string;
  /**
   * PostgreSQL: connections in the store's pool (default 8). Writes are serialised anyway, so a
   * queue worker needs few (docs/deploy.md).
   */
  poolSize?: number;
  /** Apply pending migrations when opening (default true). */
  migrate?: boolean;
  /** Cross-article event matching thresholds (docs/store.md). */
  merge?: Partial<MergeOptions>;
}

export interface MergeOptions {
  /** Two reports are the same event only if their places lie within this distance (km). Default 5. */
  maxDistanceKm: number;
  /** ... and their dates within this many days of each other. Default 1. */
  maxDayGap: number;
}

export interface SchemaVersion {
  /** Number of migrations applied; `latest` when the schema is current. */
  version: number;
  /** Name of the last migration applied, null on an empty database. */
  name: string | null;
  /** Number of migrations this code knows. */
  latest: number;
}

/** An article as handed to the store, beside its analysis. */
export interface ArticleInput {
  /** The exact text that was analysed: every span of the analysis points into it. */
  text: string;
  url?: string | null;
  canonicalUrl?: string | null;
  /** Falls back to the analysis' metadata for outlet, title and publication date. */
  outlet?: string | null;
  title?: string | null;
  /** Publication date, `YYYY-MM-DD`. */
  published?: string | null;
  /** When it was fetched (ISO timestamp); default now. */
  ingestedAt?: string;
}

export interface PutOptions {
  /** The rasd version that analysed it; default the analysis' `rasd_version`. */
  version?: string;
}

export interface PutResult {
  article_id: string;
  /** False when an article with the same content hash was already stored (nothing changed). */
  created: boolean;
  story_id: string | null;
  analyzed_with: string;
  /** The stored (merged) event id of each of the analysis' events, in the analysis' order. */
  event_ids: string[];
}

/** One article of a batch handed to `putArticles`. */
export interface PutItem {
  article: ArticleInput;
  /** The article's analysis; may be left out when `prepared` is given (all the store needs of it). */
  analysis?: AnalysisResult;
  options?: PutOptions;
  /**
   * An article stored before (or earlier in the same batch) that this one is a near-identical
   * copy of (the same wire story with small edits): stored for the first time and not already
   * grouped with an exact copy, it joins that article's story, in the same transaction. An id
   * not stored is ignored.
   */
  nearDuplicateOf?: string;
  /**
   * What `prepareArticle(article, analysis, options)` returned for this very article, computed
   * elsewhere (a worker thread): taken as it is, so that the writer need not derive it again
   * (nor receive the analysis itself: the prepared rows are all it writes).
   */
  prepared?: PreparedArticle;
}

export interface BatchPutResult extends PutResult {
  /** Whether the article was put in the story of its `nearDuplicateOf`. */
  linked: boolean;
}

export interface StoredArticle {
  id: string;
  url: string | null;
  canonical_url: string | null;
  outlet: string | null;
  title: string | null;
  published: string | null;
  text: string;
  content_hash: string;
  story_id: string | null;
  ingested_at: string;
  analyzed_with: string;
  analyzed_at: string;
}

/** What the analysis held beside the tabled rows: kept so that nothing of it is lost. */
export type ArticleAnnotations = Pick<
  AnalysisResult,
  "metadata" | "parts" | "non_events" | "dates" | "quantities" | "quotes" | "diagnostics"
>;

export interface StoredMention extends OutEntity {
  article_id: string;
}

export interface StoredPlaceMention extends OutPlace {
  article_id: string;
}

/** One article's report of an event: the event as that article told it. */
export interface EventReport {
  id: string;
  event_id: string;
  article_id: string;
  /** The event's id inside its analysis (`doc:e1`). */
  local_id: string;
  /** The event as analysed from this article, ACLED columns, evidence and attribution. */
  record: OutEvent;
}

/** An article with everything derived from it. */
export interface ArticleDetail extends StoredArticle {
  annotations: ArticleAnnotations;
  entities: StoredMention[];
  places: StoredPlaceMention[];
  reports: EventReport[];
  claims: StoredClaim[];
  disputes: StoredDispute[];
}

/** An article in a result list: no text, but where the query matched it. */
export interface ArticleSummary extends Omit<StoredArticle, "text"> {
  /** About 200 characters of the original text around the first match (or its beginning). */
  snippet: string;
  /** Where the query's words occur in the original text (at most 20). */
  matches: OutSpan[];
}

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  next_cursor: string | null;
}

export interface PageQuery {
  /** Default 50, at most 500. */
  limit?: number;
  cursor?: string | null;
}

export interface ArticleQuery extends PageQuery {
  /** Words, matched after rasd's normalisation (harakat, hamza forms, taa marbuta). All must occur. */
  q?: string;
  /** Publication date range, inclusive. */
  from?: string;
  to?: string;
  outlet?: string;
  storyId?: string;
}

/** A merged event: one row per event, however many articles reported it. */
export interface StoredEvent extends AcledColumns {
  id: string;
  confidence: number;
  mode: string;
  /** The gazetteer entry of the event's place, when the analysis resolved one. */
  place_id: string | null;
  report_count: number;
  article_count: number;
  /** True when sources disagree about it (a dispute in an article, or differing figures across articles). */
  disputed: boolean;
  created_at: string;
  updated_at: string;
}

export interface EvidenceText extends OutSpan {
  role: string;
  report_id: string;
  article_id: string;
  /** The original text of the span. */
  text: string;
}

export interface ReportWithArticle extends EventReport {
  article: Pick<StoredArticle, "id" | "title" | "url" | "outlet" | "published">;
}

/**
 * What a map draws of an event (`listMapEvents`, `format=map`): where, what, when, how deadly,
 * whose, how precise, whether disputed, and the place's names for a tooltip, in the order of
 * each row of the compact format.
 */
export const MAP_EVENT_FIELDS = [
  "id",
  "longitude",
  "latitude",
  "event_date",
  "event_type",
  "sub_event_type",
  "inter1",
  "fatalities",
  "geo_precision",
  "disputed",
  "location",
  "admin1",
  "country",
] as const satisfies readonly (keyof StoredEvent)[];

export type StoredMapEvent = Pick<StoredEvent, (typeof MAP_EVENT_FIELDS)[number]>;

export interface EventDetail extends StoredEvent {
  reports: ReportWithArticle[];
  evidence: EvidenceText[];
  sources: StoredSource[];
  claims: StoredClaim[];
  disputes: StoredDispute[];
}

export interface EventQuery extends PageQuery {
  /** Event date range, inclusive. */
  from?: string;
  to?: string;
  /** ACLED event type(s) and sub-event type(s). */
  type?: string | string[];
  subType?: string | string[];
  /** An ACLED actor name, as actor1, actor2 or an associated actor. */
  actor?: string;
  country?: string;
  admin1?: string;
  /** `[minLon, minLat, maxLon, maxLat]`, GeoJSON's order. */
  bbox?: [number, number, number, number];
  minConfidence?: number;
  disputed?: boolean;
  /** Only events this article reported. */
  articleId?: string;
}

export interface StoredClaim extends Omit<OutClaim, "id"> {
  id: string;
  article_id: string;
  local_id: string;
  /** The claim's content as written. */
  content_text: string;
  /** The analysis' own event ids (`doc:e1`), including those of non-events, which have no stored event. */
  local_event_ids: string[];
}

export interface ClaimQuery extends PageQuery {
  articleId?: string;
  eventId?: string;
  topic?: string;
  stance?: string;
  speakerKind?: SourceKind;
  /** Claim date range, inclusive. */
  from?: string;
  to?: string;
}

/** Whose side a dispute's side is: claims in one article, or reports across articles. */
export interface DisputeSide {
  position: string;
  claim_ids: string[];
  report_ids: string[];
  /** For a disagreement on a figure: the figure. */
  value: number | null;
}

export type DisputeKind = "article" | "fatalities";

export interface StoredDispute extends Omit<OutDispute, "id" | "sides"> {
  id: string;
  /** `article`: found by the analysis inside one article; `fatalities`: reports of one event disagree. */
  kind: DisputeKind;
  article_id: string | null;
  /** For a cross-article dispute, the event it is about. */
  event_id: string | null;
  local_id: string | null;
  sides: DisputeSide[];
}

export interface DisputeQuery extends PageQuery {
  articleId?: string;
  eventId?: string;
  kind?: DisputeKind;
}

export interface StoredSource {
  id: string;
  name: string;
  kind: SourceKind;
  actor_id: string | null;
  allegiance: string | null;
}

export interface SourceCount extends StoredSource {
  reports: number;
  events: number;
}

export interface PlaceCount {
  id: string;
  name: string;
  kind: string | null;
  latitude: number | null;
  longitude: number | null;
  country: string | null;
  admin1: string | null;
  admin2: string | null;
  mentions: number;
  articles: number;
  events: number;
}

export interface PlaceQuery extends PageQuery {
  country?: string;
  admin1?: string;
  bbox?: [number, number, number, number];
}

export interface ActorCount {
  name: string;
  inter: number | null;
  events: number;
  reports: number;
}

export interface ActorQuery extends PageQuery {
  /** Part of the name, case-insensitive for Latin letters. */
  q?: string;
}

export interface SourceQuery extends PageQuery {
  kind?: SourceKind;
}

export interface Story {
  id: string;
  created_at: string;
  articles: ArticleSummary[];
}

export interface Feed {
  id: string;
  url: string;
  title: string | null;
  outlet: string | null;
  active: boolean;
  poll_interval_s: number;
  etag: string | null;
  last_modified: string | null;
  last_polled_at: string | null;
  last_status: number | null;
  last_error: string | null;
  error_count: number;
  next_poll_at: string | null;
  created_at: string;
}

export interface FeedInput {
  url: string;
  title?: string | null;
  outlet?: string | null;
  active?: boolean;
  /** Default 900 (15 minutes). */
  pollIntervalS?: number;
}

export type FeedPatch = Partial<Omit<FeedInput, "url">> & { nextPollAt?: string | null };

/** The outcome of one poll of a feed. */
export interface PollOutcome {
  /** HTTP status; null when no response came (DNS, timeout). */
  status: number | null;
  /** When it was polled; default now. */
  at?: string;
  etag?: string | null;
  lastModified?: string | null;
  /** What went wrong; a poll with an error increments `error_count`, one without resets it. */
  error?: string | null;
  /** When to poll next; default `at` + the feed's interval. */
  nextPollAt?: string;
}

export interface FeedQuery {
  /** Only active feeds due at this time (next_poll_at unset or not after it). */
  dueAt?: string;
  active?: boolean;
}

/**
 * The repository: one interface over SQLite and PostgreSQL. Every write runs in one transaction,
 * so a failure leaves the store as it was.
 */
export interface Store {
  readonly backend: BackendKind;
  /** Applies pending migrations; returns their names. */
  migrate(): Promise<string[]>;
  schemaVersion(): Promise<SchemaVersion>;
  close(): Promise<void>;

  /**
   * Stores an article, its analysis and everything derived from it in one transaction, merging
   * its events with those other articles reported. Idempotent: an article whose content hash is
   * already stored is left as it is (`created: false`).
   */
  putArticle(
    article: ArticleInput,
    analysis: AnalysisResult,
    options?: PutOptions,
  ): Promise<PutResult>;
  /**
   * Stores many articles in one transaction, one after the other, exactly as that many
   * `putArticle` calls would (each merges with the events of those before it, the batch's
   * included), but committed together: all of them or, on a failure, none. Every item is checked
   * before anything is written; an invalid one refuses the whole batch (a StoreError naming it).
   * Results in the order of the items.
   */
  putArticles(items: readonly PutItem[]): Promise<BatchPutResult[]>;
  /** Replaces an article's derived rows with a new analysis of the same text, in one transaction. */
  reanalyze(articleId: string, analysis: AnalysisResult, version?: string): Promise<PutResult>;
  /** Removes an article and what was derived from it; events no other article reported go too. */
  deleteArticle(articleId: string): Promise<boolean>;
  getArticle(id: string): Promise<ArticleDetail | null>;
  /** Of these article ids, those stored: a cheap check before analysing (job queues, reruns). */
  storedArticleIds(ids: readonly string[]): Promise<string[]>;
  /** The id of the article stored under this url or canonical url. */
  findArticleByUrl(url: string): Promise<string | null>;
  searchArticles(query: ArticleQuery): Promise<Page<ArticleSummary>>;

  listEvents(query?: EventQuery): Promise<Page<StoredEvent>>;
  /**
   * The same events, filters, order and cursors as `listEvents`, with only what a map draws
   * (`StoredMapEvent`), in pages of up to 10,000 (default 5,000).
   */
  listMapEvents(query?: EventQuery): Promise<Page<StoredMapEvent>>;
  getEvent(id: string): Promise<EventDetail | null>;
  listClaims(query?: ClaimQuery): Promise<Page<StoredClaim>>;
  listDisputes(query?: DisputeQuery): Promise<Page<StoredDispute>>;
  listPlaces(query?: PlaceQuery): Promise<Page<PlaceCount>>;
  listActors(query?: ActorQuery): Promise<Page<ActorCount>>;
  listSources(query?: SourceQuery): Promise<Page<SourceCount>>;

  /** Puts two articles in one story (near-duplicates: one story, several outlets); returns its id. */
  linkStory(articleId: string, otherArticleId: string): Promise<string>;
  /** Takes an article out of its story. */
  unlinkStory(articleId: string): Promise<void>;
  getStory(id: string): Promise<Story | null>;

  addFeed(input: FeedInput): Promise<Feed>;
  getFeed(id: string): Promise<Feed | null>;
  listFeeds(query?: FeedQuery): Promise<Feed[]>;
  updateFeed(id: string, patch: FeedPatch): Promise<Feed | null>;
  removeFeed(id: string): Promise<boolean>;
  recordPoll(id: string, outcome: PollOutcome): Promise<Feed | null>;
  /** Of these item keys (guid or link), those the feed has not seen yet, in the order given. */
  unseenItems(feedId: string, keys: string[]): Promise<string[]>;
  /** Records items as seen (once ingested); returns how many were new. */
  markSeen(feedId: string, keys: string[], articleId?: string | null): Promise<number>;
}

/** Re-exported for callers that build analyses by hand. */
export type { AnalysisResult, OutAttribution, OutEvent };
