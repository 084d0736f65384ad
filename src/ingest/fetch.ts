/**
 * Fetching one URL's body with the limits a crawler needs: one deadline for the whole exchange
 * (connecting, redirects and reading the body), a size limit enforced while streaming (a huge
 * body is cut off, never buffered whole), redirects followed by hand (counted, and the final URL
 * known), a media-type check, and conditional GET. Every failure is a typed `FetchError`.
 *
 * The `fetch` function is injected (the global one by default), so tests and callers can run
 * without network.
 */
import {
  FetchError,
  FetchTimeoutError,
  HttpStatusError,
  IngestError,
  NotHtmlError,
  TooLargeError,
} from "./errors.js";

/** The part of the Fetch API used here: the global `fetch`, or a fake in tests. */
export type FetchLike = (
  url: string,
  init: {
    method: "GET";
    headers: Record<string, string>;
    redirect: "manual";
    signal: AbortSignal;
  },
) => Promise<Response>;

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;
const USER_AGENT = "rasd/0.1 (Arabic conflict-event research; ingestion)";

export interface FetchOptions {
  fetch?: FetchLike;
  /** Deadline for the whole exchange, body included. Default 30 s. */
  timeoutMs?: number;
  /** Largest body accepted, in bytes. Default 50 MB. */
  maxBytes?: number;
  /** Redirects followed before giving up. Default 5. */
  maxRedirects?: number;
  /** "html": refuse a body whose Content-Type is not an HTML page. Default "any". */
  accept?: "html" | "any";
  /** Conditional GET: the validators of the copy already held. */
  etag?: string;
  lastModified?: string;
  headers?: Record<string, string>;
  /** The caller's own cancellation. */
  signal?: AbortSignal;
}

export interface Fetched {
  /** The URL the body came from, after redirects. */
  url: string;
  status: number;
  /** The Content-Type header as sent (with its charset parameter). */
  contentType?: string;
  /** Empty when `notModified`. */
  bytes: Uint8Array;
  etag?: string;
  lastModified?: string;
  /** The server answered 304 to a conditional GET: the copy held is current. */
  notModified: boolean;
}

const HTML_TYPES = new Set(["text/html", "application/xhtml+xml"]);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function checkUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FetchError("bad-url", url, `"${url}" is not a valid URL`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new FetchError("bad-url", url, `"${url}" is not an http(s) URL`);
  }
  return parsed;
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
function retryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

/** What went wrong below the HTTP level, in words: "ECONNREFUSED", "getaddrinfo ENOTFOUND x". */
function networkCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}

async function discard(response: Response): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    // The body is not wanted; failing to cancel it changes nothing.
  }
}

/** Reads a body chunk by chunk, stopping as soon as it passes `maxBytes`. */
async function readLimited(response: Response, url: string, maxBytes: number): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new TooLargeError(url, maxBytes, total, false);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/**
 * GETs `url` and returns its body. Throws `FetchTimeoutError`, `TooLargeError`,
 * `HttpStatusError`, `NotHtmlError`, or a `FetchError` for a bad URL, a network failure or too
 * many redirects.
 */
export async function fetchBody(url: string, options: FetchOptions = {}): Promise<Fetched> {
  const fetchFn = options.fetch ?? (globalThis.fetch as FetchLike);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  const headers: Record<string, string> = {
    "user-agent": USER_AGENT,
    accept:
      options.accept === "html"
        ? "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"
        : "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/html;q=0.8,*/*;q=0.5",
    ...options.headers,
  };
  if (options.etag) headers["if-none-match"] = options.etag;
  if (options.lastModified) headers["if-modified-since"] = options.lastModified;

  let current = checkUrl(url).href;
  // Any failure while the deadline has passed is the deadline's doing.
  const failure = (error: unknown): unknown => {
    if (error instanceof IngestError) return error;
    if (deadline.aborted) return new FetchTimeoutError(current, timeoutMs);
    if (options.signal?.aborted) return error;
    return new FetchError("network", current, `cannot fetch ${current}: ${networkCause(error)}`, {
      cause: error,
    });
  };
  try {
    for (let redirects = 0; ; redirects++) {
      const response = await fetchFn(current, {
        method: "GET",
        headers,
        redirect: "manual",
        signal,
      });
      const location = response.headers.get("location");
      if (REDIRECTS.has(response.status) && location) {
        await discard(response);
        if (redirects >= maxRedirects) {
          throw new FetchError(
            "redirects",
            url,
            `${url} redirected more than ${maxRedirects} times (last to ${location})`,
          );
        }
        current = checkUrl(new URL(location, current).href).href;
        continue;
      }
      const etag = response.headers.get("etag") ?? undefined;
      const lastModified = response.headers.get("last-modified") ?? undefined;
      if (response.status === 304 && (options.etag || options.lastModified)) {
        await discard(response);
        return {
          url: current,
          status: 304,
          bytes: new Uint8Array(0),
          etag,
          lastModified,
          notModified: true,
        };
      }
      if (response.status < 200 || response.status > 299) {
        await discard(response);
        throw new HttpStatusError(
          current,
          response.status,
          response.statusText,
          retryAfter(response.headers.get("retry-after")),
        );
      }
      const contentType = response.headers.get("content-type") ?? undefined;
      const mime = contentType?.split(";")[0]?.trim().toLowerCase();
      if (options.accept === "html" && mime && !HTML_TYPES.has(mime)) {
        await discard(response);
        throw new NotHtmlError(current, mime);
      }
      const announced = Number(response.headers.get("content-length") ?? Number.NaN);
      if (Number.isFinite(announced) && announced > maxBytes) {
        await discard(response);
        throw new TooLargeError(current, maxBytes, announced, true);
      }
      const bytes = await readLimited(response, current, maxBytes);
      return {
        url: current,
        status: response.status,
        contentType,
        bytes,
        etag,
        lastModified,
        notModified: false,
      };
    }
  } catch (error) {
    throw failure(error);
  }
}
