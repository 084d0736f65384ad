/**
 * The tables as Kysely sees them (the rows as stored). Conventions, the same on both backends:
 * JSON in `text` columns (serialised by the repository, so both backends return the same
 * strings); booleans as 0/1 integers; ACLED dates as `YYYY-MM-DD` text, with '' for an unknown
 * date so that ranges and keyset pagination compare plain strings; timestamps as ISO 8601 text.
 */
import type { Generated } from "kysely";

export interface ArticlesTable {
  /** Row number for the SQLite full-text index (FTS5 content_rowid); never exposed. */
  seq: Generated<number>;
  id: string;
  url: string | null;
  canonical_url: string | null;
  outlet: string | null;
  title: string | null;
  title_norm: string;
  published: string;
  text: string;
  normalized_text: string;
  content_hash: string;
  text_hash: string;
  story_id: string | null;
  ingested_at: string;
  analyzed_with: string;
  analyzed_at: string;
  annotations: string;
}

export interface StoriesTable {
  id: string;
  created_at: string;
}

export interface MentionsTable {
  article_id: string;
  ordinal: number;
  span_start: number;
  span_end: number;
  type: string;
  text: string;
  actor_id: string | null;
  role: string | null;
  affiliation: string | null;
  role_span: string | null;
  refers_to: string | null;
  rule: string;
  confidence: number;
}

export interface PlacesTable {
  id: string;
  name: string;
  kind: string | null;
  latitude: number | null;
  longitude: number | null;
  country: string | null;
  admin1: string | null;
  admin2: string | null;
}

export interface PlaceMentionsTable {
  article_id: string;
  ordinal: number;
  span_start: number;
  span_end: number;
  text: string;
  place_id: string | null;
  within_id: string | null;
  geo_precision: number | null;
  method: string;
  candidates: number;
  confidence: number;
  /** The whole place mention as the analysis gave it (JSON). */
  record: string;
}

export interface ActorsTable {
  name: string;
  inter: number | null;
}

export interface SourcesTable {
  id: string;
  name: string;
  kind: string;
  actor_id: string | null;
  allegiance: string | null;
}

export interface EventsTable {
  id: string;
  event_date: string;
  time_precision: number | null;
  event_type: string;
  sub_event_type: string;
  actor1: string;
  assoc_actor_1: string;
  inter1: number | null;
  actor2: string;
  assoc_actor_2: string;
  inter2: number | null;
  civilian_targeting: string;
  country: string;
  admin1: string;
  admin2: string;
  location: string;
  latitude: number | null;
  longitude: number | null;
  geo_precision: number | null;
  source: string;
  notes: string;
  fatalities: number;
  confidence: number;
  mode: string;
  place_id: string | null;
  primary_report_id: string | null;
  report_count: number;
  article_count: number;
  disputed: number;
  created_at: string;
  updated_at: string;
}

export interface EventReportsTable {
  id: string;
  event_id: string;
  article_id: string;
  local_id: string;
  ordinal: number;
  event_key: string;
  event_date: string;
  fatalities: number;
  confidence: number;
  place_id: string | null;
  /** The event as analysed from this article (JSON of the analysis' event). */
  record: string;
}

export interface ReportSourcesTable {
  report_id: string;
  depth: number;
  source_id: string;
}

export interface EventActorsTable {
  event_id: string;
  role: string;
  actor: string;
}

export interface ClaimsTable {
  id: string;
  article_id: string;
  local_id: string;
  claim_date: string;
  topic: string;
  stance: string;
  positive: number;
  speaker_kind: string;
  speaker_name: string | null;
  content_start: number;
  content_end: number;
  content_text: string;
  /** The claim as analysed, its event ids mapped to stored ones (JSON). */
  record: string;
}

export interface ClaimEventsTable {
  claim_id: string;
  event_id: string;
}

export interface DisputesTable {
  id: string;
  kind: string;
  article_id: string | null;
  event_id: string | null;
  local_id: string | null;
  question: string;
  /** The dispute with sides, corroborations and place and event ids (JSON). */
  record: string;
}

export interface DisputeEventsTable {
  dispute_id: string;
  event_id: string;
}

export interface FeedsTable {
  id: string;
  url: string;
  title: string | null;
  outlet: string | null;
  active: number;
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

export interface FeedItemsTable {
  feed_id: string;
  item_key: string;
  seen_at: string;
  article_id: string | null;
}

export interface Database {
  articles: ArticlesTable;
  stories: StoriesTable;
  mentions: MentionsTable;
  places: PlacesTable;
  place_mentions: PlaceMentionsTable;
  actors: ActorsTable;
  sources: SourcesTable;
  events: EventsTable;
  event_reports: EventReportsTable;
  report_sources: ReportSourcesTable;
  event_actors: EventActorsTable;
  claims: ClaimsTable;
  claim_events: ClaimEventsTable;
  disputes: DisputesTable;
  dispute_events: DisputeEventsTable;
  feeds: FeedsTable;
  feed_items: FeedItemsTable;
}
