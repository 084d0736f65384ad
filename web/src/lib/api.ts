/**
 * The workspace's client of rasd's HTTP API (docs/api.md), same origin. Lists are paged with
 * cursors; `allPages` follows them. Errors are RFC 9457 problems, surfaced as `ApiError` with
 * the server's own detail.
 */
import type {
  ActorCount,
  ArticleDetail,
  ArticleSummary,
  EventDetail,
  Feed,
  Page,
  PlaceCount,
  SourceCount,
  StoredClaim,
  StoredDispute,
  StoredEvent,
  StoredMapEvent,
} from "../../../src/store/types.js";
import { MAP_EVENT_FIELDS } from "../../../src/store/types.js";

export type {
  ActorCount,
  ArticleDetail,
  ArticleSummary,
  EventDetail,
  Feed,
  PlaceCount,
  SourceCount,
  StoredClaim,
  StoredDispute,
  StoredEvent,
  StoredMapEvent,
};

export const PAGE_LIMIT = 500;
/** Rows a page of `/api/events?format=map` (the API's most); the first page is smaller, to be drawn sooner. */
export const MAP_PAGE_LIMIT = 10_000;
export const MAP_FIRST_PAGE_LIMIT = 2_000;

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly problem: Record<string, unknown> | null,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

let token: string | null = null;
/** A bearer token for writes, when the server asks for one (kept for this tab only). */
export function setToken(value: string | null): void {
  token = value?.trim() || null;
  try {
    if (token) sessionStorage.setItem("rasd-token", token);
    else sessionStorage.removeItem("rasd-token");
  } catch {}
}
try {
  token = sessionStorage.getItem("rasd-token");
} catch {}
export const getToken = () => token;

async function request(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (token && init.method && init.method !== "GET")
    headers.set("Authorization", `Bearer ${token}`);
  const res = await fetch(path, { ...init, headers });
  if (!res.ok) {
    let problem: Record<string, unknown> | null = null;
    try {
      problem = (await res.json()) as Record<string, unknown>;
    } catch {}
    const detail = typeof problem?.detail === "string" ? problem.detail : res.statusText;
    throw new ApiError(detail || `HTTP ${res.status}`, res.status, problem);
  }
  return res;
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const res = await request(path, signal ? { signal } : {});
  return (await res.json()) as T;
}

async function sendJson<T>(method: string, path: string, body: unknown): Promise<T> {
  const res = await request(path, {
    method,
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return (res.status === 204 ? null : await res.json()) as T;
}

function withParams(path: string, params?: URLSearchParams | Record<string, string>): string {
  const p = new URLSearchParams(params);
  const q = p.toString();
  return q ? `${path}?${q}` : path;
}

/**
 * Every page of a list, `onPage` called with each page's items as it arrives (the map and list
 * fill in while later pages load). Stops when aborted.
 */
export async function allPages<T>(
  path: string,
  params: URLSearchParams | Record<string, string> = {},
  options: {
    signal?: AbortSignal;
    onPage?: (items: T[], total: number) => void;
    max?: number;
    /** Awaited before each page after the first (another load may go first). */
    beforeNext?: () => Promise<void> | undefined;
  } = {},
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    if (cursor) await options.beforeNext?.();
    const p = new URLSearchParams(params);
    p.set("limit", String(PAGE_LIMIT));
    if (cursor) p.set("cursor", cursor);
    const page: Page<T> = await getJson<Page<T>>(withParams(path, p), options.signal);
    items.push(...page.items);
    options.onPage?.(page.items, items.length);
    cursor = page.next_cursor;
    if (options.max !== undefined && items.length >= options.max) break;
  } while (cursor);
  return items;
}

interface MapPage {
  fields: string[];
  rows: unknown[][];
  next_cursor: string | null;
}

const MAP_FIELDS = MAP_EVENT_FIELDS;

/** A compact row of `format=map` as an object, by the page's own `fields`. */
function mapRowReader(fields: readonly string[]): (row: unknown[]) => StoredMapEvent {
  const i = {} as Record<(typeof MAP_FIELDS)[number], number>;
  for (const f of MAP_FIELDS) {
    i[f] = fields.indexOf(f);
    if (i[f] < 0) throw new ApiError(`format=map has no ${f}`, 200, null);
  }
  return (r) => ({
    id: r[i.id] as string,
    longitude: r[i.longitude] as number | null,
    latitude: r[i.latitude] as number | null,
    event_date: r[i.event_date] as string | null,
    event_type: r[i.event_type] as string,
    sub_event_type: r[i.sub_event_type] as string,
    inter1: r[i.inter1] as number | null,
    fatalities: r[i.fatalities] as number,
    geo_precision: r[i.geo_precision] as StoredMapEvent["geo_precision"],
    disputed: r[i.disputed] === 1,
    location: r[i.location] as string,
    admin1: r[i.admin1] as string,
    country: r[i.country] as string,
  });
}

/**
 * Every event of the filters in the map's compact format (`format=map`: a few fields, 10,000
 * rows a page), `onPage` called with each page as it arrives.
 */
export async function mapEvents(
  params: URLSearchParams,
  options: { signal?: AbortSignal; onPage?: (items: StoredMapEvent[]) => void } = {},
): Promise<StoredMapEvent[]> {
  const items: StoredMapEvent[] = [];
  let cursor: string | null = null;
  do {
    const p = new URLSearchParams(params);
    p.set("format", "map");
    p.set("limit", String(cursor ? MAP_PAGE_LIMIT : MAP_FIRST_PAGE_LIMIT));
    if (cursor) p.set("cursor", cursor);
    const page: MapPage = await getJson<MapPage>(withParams("/api/events", p), options.signal);
    const read = mapRowReader(page.fields);
    const got = page.rows.map(read);
    for (const e of got) items.push(e);
    options.onPage?.(got);
    cursor = page.next_cursor;
  } while (cursor);
  return items;
}

const cache = new Map<string, Promise<unknown>>();
/** A GET answered once per session (details, which change only when re-analysed). */
function cached<T>(path: string): Promise<T> {
  let p = cache.get(path) as Promise<T> | undefined;
  if (!p) {
    p = getJson<T>(path);
    cache.set(path, p);
    p.catch(() => cache.delete(path));
  }
  return p;
}
/** Forgets cached answers (after a write). */
export function clearCache(): void {
  cache.clear();
}

export const api = {
  events: (
    params: URLSearchParams,
    options: {
      signal?: AbortSignal;
      onPage?: (items: StoredEvent[], total: number) => void;
      beforeNext?: () => Promise<void> | undefined;
    },
  ) => allPages<StoredEvent>("/api/events", params, options),
  event: (id: string) => cached<EventDetail>(`/api/events/${encodeURIComponent(id)}`),
  article: (id: string) => cached<ArticleDetail>(`/api/articles/${encodeURIComponent(id)}`),
  articles: (params: Record<string, string>, signal?: AbortSignal) =>
    getJson<Page<ArticleSummary>>(withParams("/api/articles", params), signal),
  disputes: (signal?: AbortSignal) =>
    allPages<StoredDispute>("/api/disputes", {}, signal ? { signal } : {}),
  claimsOfArticle: (articleId: string) =>
    cached<Page<StoredClaim>>(
      withParams("/api/claims", { article: articleId, limit: String(PAGE_LIMIT) }),
    ),
  actors: () => allPages<ActorCount>("/api/actors", {}, { max: 5000 }),
  sources: () => allPages<SourceCount>("/api/sources", {}, { max: 20000 }),
  places: () => allPages<PlaceCount>("/api/places", {}, { max: 20000 }),
  feeds: () => allPages<Feed>("/api/feeds"),
  addFeed: (body: { url: string; title?: string; outlet?: string }) =>
    sendJson<Feed>("POST", "/api/feeds", body),
  removeFeed: (id: string) =>
    sendJson<null>("DELETE", `/api/feeds/${encodeURIComponent(id)}`, undefined),
  postArticle: (body: Record<string, string>) =>
    sendJson<PostedArticle>("POST", "/api/articles", body),
};

export interface PostedArticle {
  created: boolean;
  article: { id: string; title: string | null; outlet: string | null; published: string | null };
  event_ids: string[];
  story_id: string | null;
}

/** The URL of /api/events in an export format for these parameters (one page). */
export function eventsUrl(
  params: URLSearchParams,
  format: "json" | "geojson" | "acled-csv",
): string {
  const p = new URLSearchParams(params);
  p.set("format", format);
  return withParams("/api/events", p);
}
