/**
 * The route table: each endpoint is registered once with its method, path, handler and a short
 * description (summary, query parameters, body fields, responses). From the table come the 405
 * answers (with `Allow`) for a known path asked with another method, and the OpenAPI document.
 */
import type { Context, Hono, MiddlewareHandler } from "hono";
import type { FetchLike } from "../ingest/index.js";
import type { AnalysisResult } from "../output/json.js";
import type { Store } from "../store/index.js";
import type { Article } from "../types.js";
import type { QuerySpec } from "./params.js";
import { ApiProblem } from "./problems.js";

export type Env = { Variables: { requestId: string } };
export type Handler = (c: Context<Env>) => Response | Promise<Response>;
export type Method = "GET" | "POST" | "PATCH" | "DELETE";

export interface RouteDoc {
  summary: string;
  description?: string;
  tag: string;
  query?: QuerySpec;
  /** Body fields and what each is, for a POST or PATCH. */
  body?: Record<string, { type: string; description: string; required?: boolean }>;
  /** Status → what it means. */
  responses: Record<number, string>;
  /** Media types of the success response, when not only JSON. */
  produces?: string[];
}

export interface Route {
  method: Method;
  path: string;
  doc: RouteDoc;
  write: boolean;
}

/** What the handlers share: the store, the analyzer, fetching, limits. */
export interface Deps {
  store: Store;
  analyze: (article: Article) => AnalysisResult;
  fetch: FetchLike;
  maxBodyBytes: number;
  fetchTimeoutMs: number;
  fetchMaxBytes: number;
  version: string;
  startedAt: number;
  /** Called after every successful write (the health counts' cache listens). */
  onWrite: () => void;
}

export class Routes {
  readonly list: Route[] = [];

  constructor(
    private readonly app: Hono<Env>,
    private readonly guard: MiddlewareHandler,
  ) {}

  add(method: Method, path: string, doc: RouteDoc, handler: Handler): void {
    const write = method !== "GET";
    this.list.push({ method, path, doc, write });
    const honoPath = path.replace(/\{(\w+)\}/g, ":$1");
    const m = method.toLowerCase() as "get" | "post" | "patch" | "delete";
    if (write) this.app[m](honoPath, this.guard, handler);
    else this.app[m](honoPath, handler);
  }

  /** For each path, a 405 for the methods it does not take. Call after every `add`. */
  finish(): void {
    const methods = new Map<string, Set<string>>();
    for (const r of this.list) {
      const set = methods.get(r.path) ?? new Set<string>();
      set.add(r.method);
      if (r.method === "GET") set.add("HEAD");
      methods.set(r.path, set);
    }
    for (const [path, set] of methods) {
      const order = ["GET", "HEAD", "POST", "PATCH", "DELETE"];
      const allow = [...order.filter((m) => set.has(m)), "OPTIONS"].join(", ");
      this.app.all(path.replace(/\{(\w+)\}/g, ":$1"), (c) => {
        throw new ApiProblem(
          "method-not-allowed",
          `${c.req.method} is not allowed on ${path}; it takes ${allow}`,
          { headers: { Allow: allow } },
        );
      });
    }
  }
}
