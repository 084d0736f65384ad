/**
 * Cursor pagination. Lists with a stable order (events, articles, claims, disputes) page by
 * keyset: the cursor holds the sort key of the last row, so a row inserted meanwhile never shifts
 * a page. Aggregate lists (places, actors, sources, ordered by counts that change) page by offset.
 * Cursors are opaque base64url JSON tagged with their list, so one list's cursor is refused by another.
 */
import { StoreError } from "./errors.js";

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;
/** Rows per page of the map's compact event list (`listMapEvents`): a few fields each. */
export const MAP_DEFAULT_LIMIT = 5000;
export const MAP_MAX_LIMIT = 10_000;

export function pageSize(
  limit: number | undefined,
  { fallback = DEFAULT_LIMIT, max = MAX_LIMIT }: { fallback?: number; max?: number } = {},
): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new StoreError(`limit must be a positive integer, not ${limit}`, "bad-input");
  }
  return Math.min(limit, max);
}

export function encodeCursor(list: string, key: (string | number)[]): string {
  return Buffer.from(JSON.stringify([list, ...key]), "utf8").toString("base64url");
}

/** The key a cursor of `list` holds (`arity` values, strings or numbers as `kinds` says); undefined for no cursor. */
export function decodeCursor<const K extends readonly ("string" | "number")[]>(
  list: string,
  cursor: string | null | undefined,
  kinds: K,
): { [I in keyof K]: K[I] extends "number" ? number : string } | undefined {
  if (cursor === undefined || cursor === null || cursor === "") return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new StoreError("malformed cursor", "bad-cursor");
  }
  if (
    !Array.isArray(parsed) ||
    parsed[0] !== list ||
    parsed.length !== kinds.length + 1 ||
    kinds.some((k, i) => typeof parsed[i + 1] !== k)
  ) {
    throw new StoreError(`not a cursor of this list (${list})`, "bad-cursor");
  }
  // Numbers in a cursor are offsets: a made-up cursor with -5, 1.5 or 1e300 failed in the
  // database (a 500) instead of being refused.
  if (kinds.some((k, i) => k === "number" && !isOffset(parsed[i + 1]))) {
    throw new StoreError(`not a cursor of this list (${list}): a bad position`, "bad-cursor");
  }
  return parsed.slice(1) as { [I in keyof K]: K[I] extends "number" ? number : string };
}

const isOffset = (n: unknown) => typeof n === "number" && Number.isSafeInteger(n) && n >= 0;

/** Splits `rows` fetched with limit + 1 into a page and the cursor of its last row. */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  map: (row: R) => T,
  cursorOf: (row: R) => string,
): { items: T[]; next_cursor: string | null } {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const last = kept.at(-1);
  return { items: kept.map(map), next_cursor: more && last !== undefined ? cursorOf(last) : null };
}
