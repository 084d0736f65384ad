/**
 * Errors of the ingestion layer. Each is an `InputError` (so the CLI and the API report them
 * like any refused input) with a `reason` a program can switch on and a message a person can
 * act on: what was wrong, with which input, and the limit or value involved.
 */
import { InputError } from "../errors.js";

export type IngestErrorReason =
  // fetching
  | "bad-url"
  | "network"
  | "timeout"
  | "too-large"
  | "http-status"
  | "not-html"
  | "redirects"
  // reading files and archives
  | "not-found"
  | "unreadable"
  | "binary"
  | "bad-encoding"
  | "bad-line"
  | "bad-field"
  | "bad-date"
  // extraction
  | "too-deep"
  | "empty"
  | "not-arabic"
  | "too-short"
  // feeds
  | "not-xml"
  | "not-a-feed"
  | "malformed-feed"
  | "no-link";

export class IngestError extends InputError {
  declare readonly reason: IngestErrorReason;
  constructor(reason: IngestErrorReason, message: string, options?: { cause?: unknown }) {
    super(reason, message);
    this.name = "IngestError";
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/** A URL could not be fetched: the base of the fetch errors, carrying the URL. */
export class FetchError extends IngestError {
  constructor(
    reason: IngestErrorReason,
    readonly url: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(reason, message, options);
    this.name = "FetchError";
  }
}

/** No complete answer within the time limit (connecting, waiting or reading the body). */
export class FetchTimeoutError extends FetchError {
  constructor(
    url: string,
    readonly timeoutMs: number,
  ) {
    super("timeout", url, `${url} did not answer within ${seconds(timeoutMs)} (timed out)`);
    this.name = "FetchTimeoutError";
  }
}

/** The body is over the size limit: refused from Content-Length, or cut off while streaming. */
export class TooLargeError extends FetchError {
  constructor(
    url: string,
    readonly limitBytes: number,
    /** The size the server announced, or how much had arrived when reading stopped. */
    readonly sizeBytes: number,
    announced: boolean,
  ) {
    super(
      "too-large",
      url,
      announced
        ? `${url} is ${megabytes(sizeBytes)}, over the ${megabytes(limitBytes)} limit (refused before reading)`
        : `${url} sent more than ${megabytes(limitBytes)}, the limit: reading stopped at ${megabytes(sizeBytes)}`,
    );
    this.name = "TooLargeError";
  }
}

/** The server answered with a status other than 2xx (or 304 where one was asked for). */
export class HttpStatusError extends FetchError {
  constructor(
    url: string,
    readonly status: number,
    statusText: string,
    /** Milliseconds the server asked to wait (Retry-After), when it said so. */
    readonly retryAfterMs?: number,
  ) {
    super(
      "http-status",
      url,
      `${url} answered HTTP ${status}${statusText ? ` ${statusText}` : ""}`,
    );
    this.name = "HttpStatusError";
  }

  /** 5xx, 408 and 429 may succeed later; other statuses will not. */
  get transient(): boolean {
    return this.status >= 500 || this.status === 408 || this.status === 429;
  }
}

/** The body is not of an accepted media type (a PDF or an image where a page was expected). */
export class NotHtmlError extends FetchError {
  constructor(
    url: string,
    readonly contentType: string,
  ) {
    super("not-html", url, `${url} is ${contentType}, not an HTML page`);
    this.name = "NotHtmlError";
  }
}

/** The page could not be read as an article: empty, no Arabic text, too short. */
export class ExtractionError extends IngestError {
  constructor(reason: IngestErrorReason, message: string) {
    super(reason, message);
    this.name = "ExtractionError";
  }
}

/** The body is not a feed: not XML at all, XML of another kind, or a broken feed. */
export class FeedError extends IngestError {
  constructor(reason: "not-xml" | "not-a-feed" | "malformed-feed", message: string) {
    super(reason, message);
    this.name = "FeedError";
  }
}

export function megabytes(n: number): string {
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** Whether a later attempt may succeed: time-outs, network failures, 5xx/408/429. */
export function isTransient(error: unknown): boolean {
  if (error instanceof HttpStatusError) return error.transient;
  return error instanceof IngestError && (error.reason === "timeout" || error.reason === "network");
}
