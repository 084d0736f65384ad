/**
 * List responses: `{items, next_cursor, next}`. `next` is this request's path and query with the
 * cursor replaced, also sent as a `Link: <…>; rel="next"` header (RFC 8288), so that a client can
 * follow pages without building URLs.
 */
import type { Context } from "hono";
import type { Page } from "../store/index.js";
import { invalidParams } from "./problems.js";

/** This request's path and query, with `cursor` set to the next page's. */
export function nextHref(url: string, cursor: string): string {
  const u = new URL(url);
  u.searchParams.set("cursor", cursor);
  return `${u.pathname}${u.search}`;
}

/** Sets `Link` (and `X-Next-Cursor`, for bodies that cannot carry it) and returns the next href. */
export function linkNext(c: Context, cursor: string | null): string | null {
  if (cursor === null) return null;
  const href = nextHref(c.req.url, cursor);
  c.header("Link", `<${href}>; rel="next"`);
  c.header("X-Next-Cursor", cursor);
  return href;
}

export function pageJson<T>(c: Context, page: Page<T>): Response {
  const next = linkNext(c, page.next_cursor);
  return c.json({ items: page.items, next_cursor: page.next_cursor, next });
}

/** A page of an in-memory list sorted by `key`, keyset-paged on it (feeds). */
export function pageInMemory<T>(
  items: T[],
  key: (item: T) => string,
  list: string,
  limit: number,
  cursor: string | undefined,
): Page<T> {
  const sorted = [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  let after: string | undefined;
  if (cursor !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    } catch {
      parsed = undefined;
    }
    if (!Array.isArray(parsed) || parsed[0] !== list || typeof parsed[1] !== "string") {
      throw invalidParams([{ name: "cursor", reason: `not a cursor of this list (${list})` }]);
    }
    after = parsed[1];
  }
  const rest = after === undefined ? sorted : sorted.filter((x) => key(x) > (after as string));
  const items2 = rest.slice(0, limit);
  const last = items2.at(-1);
  return {
    items: items2,
    next_cursor:
      rest.length > limit && last !== undefined
        ? Buffer.from(JSON.stringify([list, key(last)]), "utf8").toString("base64url")
        : null,
  };
}
