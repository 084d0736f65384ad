/**
 * RFC 9457 problem details: every error the API answers is `application/problem+json` with a
 * `type` (a URN naming the kind of problem, listed in docs/api.md), a `title` (the same for every
 * occurrence of the type), the HTTP `status`, a `detail` saying what was wrong with this request,
 * and, where parameters were at fault, `invalid-params` naming each one and why.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** The kinds of problem, their status and title. The URN is `urn:rasd:problem:<kind>`. */
export const PROBLEM_TYPES = {
  "invalid-parameters": { status: 400, title: "Invalid parameters" },
  "malformed-json": { status: 400, title: "Malformed JSON body" },
  unauthorized: { status: 401, title: "Missing or invalid bearer token" },
  forbidden: { status: 403, title: "Forbidden" },
  "not-found": { status: 404, title: "Not found" },
  "method-not-allowed": { status: 405, title: "Method not allowed" },
  "payload-too-large": { status: 413, title: "Request body too large" },
  "unsupported-media-type": { status: 415, title: "Unsupported media type" },
  "unprocessable-article": { status: 422, title: "Article refused" },
  "internal-error": { status: 500, title: "Internal server error" },
  "upstream-failed": { status: 502, title: "Fetching the URL failed" },
  unavailable: { status: 503, title: "Service unavailable" },
  "upstream-timeout": { status: 504, title: "Fetching the URL timed out" },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemKind = keyof typeof PROBLEM_TYPES;

export function problemType(kind: ProblemKind): string {
  return `urn:rasd:problem:${kind}`;
}

/** One parameter at fault: its name (a query parameter, a body field, a header) and why. */
export interface InvalidParam {
  name: string;
  reason: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  "invalid-params"?: InvalidParam[];
  [extension: string]: unknown;
}

/** An error to be answered as a problem. Thrown anywhere in a handler; the app's error handler renders it. */
export class ApiProblem extends Error {
  readonly status: number;
  constructor(
    readonly kind: ProblemKind,
    readonly detail: string,
    readonly extra: {
      invalidParams?: InvalidParam[];
      headers?: Record<string, string>;
      /** Further members (e.g. `reason`, `limit_bytes`). */
      members?: Record<string, unknown>;
    } = {},
  ) {
    super(detail);
    this.name = "ApiProblem";
    this.status = PROBLEM_TYPES[kind].status;
  }
}

/** A 400 for parameters: the detail lists them, `invalid-params` names each. */
export function invalidParams(params: InvalidParam[]): ApiProblem {
  const detail =
    params.length === 1 && params[0]
      ? `${params[0].name}: ${params[0].reason}`
      : `${params.length} parameters are invalid: ${params.map((p) => p.name).join(", ")}`;
  return new ApiProblem("invalid-parameters", detail, { invalidParams: params });
}

export function notFound(detail: string): ApiProblem {
  return new ApiProblem("not-found", detail);
}

/** The problem as a response, with the request's path as `instance` and its id as `request_id`. */
export function problemResponse(c: Context, problem: ApiProblem): Response {
  const body: ProblemBody = {
    type: problemType(problem.kind),
    title: PROBLEM_TYPES[problem.kind].title,
    status: problem.status,
    detail: problem.detail,
    instance: new URL(c.req.url).pathname,
  };
  if (problem.extra.invalidParams) body["invalid-params"] = problem.extra.invalidParams;
  Object.assign(body, problem.extra.members ?? {});
  const requestId = c.get("requestId" as never) as string | undefined;
  if (requestId) body.request_id = requestId;
  for (const [k, v] of Object.entries(problem.extra.headers ?? {})) c.header(k, v);
  c.header("Content-Type", PROBLEM_CONTENT_TYPE);
  c.header("Cache-Control", "no-store");
  return c.body(JSON.stringify(body), problem.status as ContentfulStatusCode);
}
