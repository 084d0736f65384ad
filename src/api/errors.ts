/**
 * What each error thrown below the API becomes: an `ApiProblem` as it is; the store's refusals
 * (a bad cursor, a bad filter, an unknown id); ingestion's failures (a URL that times out or
 * answers 404 is the remote server's doing: 504 and 502; a page that is not an Arabic article is
 * the client's: 422); the analyzer's `InputError` (empty, not Arabic, too large: 422). Anything
 * else is a bug: 500, with details only in the server's log.
 */
import { InputError } from "../errors.js";
import { HttpStatusError, IngestError } from "../ingest/index.js";
import { StoreError } from "../store/index.js";
import { ApiProblem, invalidParams } from "./problems.js";

/** The parameter a store message names first ("from must be a date …", "limit must be …"). */
function storeParam(message: string): string {
  const m = /^([a-z_]+) must\b/i.exec(message);
  return m?.[1] ?? "query";
}

/** The problem an error stands for, or null for an unexpected error (a 500). */
export function toProblem(error: unknown, field = "url"): ApiProblem | null {
  if (error instanceof ApiProblem) return error;
  if (error instanceof StoreError) {
    switch (error.code) {
      case "bad-cursor":
        return invalidParams([{ name: "cursor", reason: error.message }]);
      case "bad-input":
        return invalidParams([{ name: storeParam(error.message), reason: error.message }]);
      case "not-found":
        return new ApiProblem("not-found", error.message);
      default:
        return null;
    }
  }
  if (error instanceof IngestError) {
    const members = { reason: error.reason };
    switch (error.reason) {
      case "timeout":
        return new ApiProblem("upstream-timeout", error.message, { members });
      case "network":
      case "redirects":
        return new ApiProblem("upstream-failed", error.message, { members });
      case "http-status":
        return new ApiProblem("upstream-failed", error.message, {
          members: {
            ...members,
            upstream_status: error instanceof HttpStatusError ? error.status : null,
          },
        });
      case "bad-url":
        return invalidParams([{ name: field, reason: error.message }]);
      default:
        return new ApiProblem("unprocessable-article", error.message, { members });
    }
  }
  if (error instanceof InputError) {
    return new ApiProblem("unprocessable-article", error.message, {
      members: { reason: error.reason },
    });
  }
  return null;
}
