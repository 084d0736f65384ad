/**
 * Validation of query parameters and JSON body fields. Each endpoint declares its parameters
 * once (a `QuerySpec`); `parseQuery` checks every parameter of a request against it and reports
 * every fault at once (an unknown parameter, a bad date, a limit out of range …) as one 400
 * problem with `invalid-params`. The same declarations describe the parameters in /openapi.json.
 */
import { isIsoDate } from "../pipeline.js";
import { type InvalidParam, invalidParams } from "./problems.js";

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

interface Described {
  description: string;
}

export type ParamSpec = Described &
  (
    | { type: "string"; maxLength?: number; pattern?: RegExp; patternHint?: string }
    | { type: "date" }
    | { type: "integer"; min: number; max: number; default?: number }
    | { type: "number"; min: number; max: number }
    | { type: "boolean" }
    | { type: "enum"; values: readonly string[]; list?: boolean; default?: string }
    | { type: "bbox" }
    | { type: "cursor" }
  );

export type QuerySpec = Record<string, ParamSpec>;

type ValueOf<P> = P extends { type: "integer" | "number" }
  ? number
  : P extends { type: "boolean" }
    ? boolean
    : P extends { type: "bbox" }
      ? [number, number, number, number]
      : P extends { type: "enum"; list: true }
        ? string[]
        : string;

export type ParsedQuery<S extends QuerySpec> = { [K in keyof S]?: ValueOf<S[K]> };

/** `limit` and `cursor`, which every list takes. */
export const PAGE_PARAMS = {
  limit: {
    type: "integer",
    min: 1,
    max: MAX_LIMIT,
    default: DEFAULT_LIMIT,
    description: `Rows per page, 1 to ${MAX_LIMIT} (default ${DEFAULT_LIMIT}).`,
  },
  cursor: {
    type: "cursor",
    description: "The `next_cursor` of the previous page (opaque).",
  },
} as const satisfies QuerySpec;

/** A date range on the records' dates: `from` and `to`, inclusive, `YYYY-MM-DD`. */
export function dateRange(what: string) {
  return {
    from: { type: "date", description: `Earliest ${what}, YYYY-MM-DD (inclusive).` },
    to: { type: "date", description: `Latest ${what}, YYYY-MM-DD (inclusive).` },
  } as const satisfies QuerySpec;
}

const CURSOR = /^[A-Za-z0-9_-]{1,2000}$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function quoted(value: string): string {
  const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value;
  return JSON.stringify(shown);
}

function listOf(values: readonly string[]): string {
  return values.map((v) => JSON.stringify(v)).join(", ");
}

/** One value checked against its spec: the parsed value, or why it is refused. */
function parseValue(spec: ParamSpec, raw: string): { value: unknown } | { reason: string } {
  switch (spec.type) {
    case "string":
      if (spec.maxLength !== undefined && raw.length > spec.maxLength)
        return { reason: `must be at most ${spec.maxLength} characters, not ${raw.length}` };
      if (spec.pattern && !spec.pattern.test(raw))
        return {
          reason: `must be ${spec.patternHint ?? `like ${spec.pattern}`}, not ${quoted(raw)}`,
        };
      return { value: raw };
    case "date":
      return isIsoDate(raw)
        ? { value: raw }
        : { reason: `must be a real date written YYYY-MM-DD, not ${quoted(raw)}` };
    case "integer": {
      const n = /^[+-]?\d+$/.test(raw) ? Number(raw) : Number.NaN;
      if (!Number.isSafeInteger(n) || n < spec.min || n > spec.max)
        return { reason: `must be an integer from ${spec.min} to ${spec.max}, not ${quoted(raw)}` };
      return { value: n };
    }
    case "number": {
      const n = NUMBER.test(raw) ? Number(raw) : Number.NaN;
      if (!Number.isFinite(n) || n < spec.min || n > spec.max)
        return { reason: `must be a number from ${spec.min} to ${spec.max}, not ${quoted(raw)}` };
      return { value: n };
    }
    case "boolean":
      if (raw === "true") return { value: true };
      if (raw === "false") return { value: false };
      return { reason: `must be true or false, not ${quoted(raw)}` };
    case "enum": {
      // Each value once: a list repeating one value forty thousand times made a query with more
      // parameters than the database takes.
      const items = spec.list ? [...new Set(raw.split(",").map((s) => s.trim()))] : [raw];
      const unknown = items.filter((v) => !spec.values.includes(v));
      if (unknown.length > 0)
        return {
          reason: `${unknown.map(quoted).join(", ")} ${unknown.length > 1 ? "are" : "is"} not one of ${listOf(spec.values)}`,
        };
      return { value: spec.list ? items : raw };
    }
    case "bbox":
      return parseBbox(raw);
    case "cursor":
      return CURSOR.test(raw)
        ? { value: raw }
        : { reason: "is not a cursor: pass back the next_cursor of the previous page as it is" };
  }
}

/** `minLon,minLat,maxLon,maxLat` (GeoJSON's order), within the world and with min ≤ max. */
export function parseBbox(
  raw: string,
): { value: [number, number, number, number] } | { reason: string } {
  const parts = raw.split(",").map((s) => s.trim());
  const hint = "minLon,minLat,maxLon,maxLat";
  if (parts.length !== 4)
    return { reason: `must be four numbers ${hint}, not ${parts.length} values (${quoted(raw)})` };
  const nums = parts.map((p) => (NUMBER.test(p) ? Number(p) : Number.NaN));
  const bad = parts.filter((_p, i) => !Number.isFinite(nums[i]));
  if (bad.length > 0)
    return {
      reason: `must be four numbers ${hint}; ${bad.map(quoted).join(", ")} is not a number`,
    };
  const [minLon, minLat, maxLon, maxLat] = nums as [number, number, number, number];
  if ([minLon, maxLon].some((x) => x < -180 || x > 180))
    return { reason: `longitudes must lie from -180 to 180 (${hint} = ${raw})` };
  if ([minLat, maxLat].some((y) => y < -90 || y > 90))
    return { reason: `latitudes must lie from -90 to 90 (${hint} = ${raw})` };
  if (minLon > maxLon) return { reason: `minLon ${minLon} is east of maxLon ${maxLon} (${hint})` };
  if (minLat > maxLat) return { reason: `minLat ${minLat} is north of maxLat ${maxLat} (${hint})` };
  return { value: [minLon, minLat, maxLon, maxLat] };
}

/**
 * Checks every query parameter against `spec`. Refused, all reported at once: a parameter the
 * endpoint does not take, one given twice (lists take `a,b` or repeats), a value of the wrong
 * form, and `from` after `to`. An empty value (`?q=`) counts as absent.
 */
export function parseQuery<S extends QuerySpec>(url: string, spec: S): ParsedQuery<S> {
  const params = new URL(url).searchParams;
  const out: Record<string, unknown> = {};
  const errors: InvalidParam[] = [];
  const known = Object.keys(spec);
  for (const name of new Set(params.keys())) {
    const p = spec[name];
    const values = params.getAll(name).filter((v) => v !== "");
    if (!p) {
      errors.push({
        name,
        reason: `unknown parameter; this endpoint takes ${known.length ? known.join(", ") : "none"}`,
      });
      continue;
    }
    if (values.length === 0) continue;
    const list = p.type === "enum" && p.list === true;
    if (values.length > 1 && !list) {
      errors.push({ name, reason: `given ${values.length} times; give it once` });
      continue;
    }
    const parsed = parseValue(p, list ? values.join(",") : (values[0] as string));
    if ("reason" in parsed) errors.push({ name, reason: parsed.reason });
    else out[name] = parsed.value;
  }
  if (
    typeof out.from === "string" &&
    typeof out.to === "string" &&
    out.from > out.to &&
    !errors.some((e) => e.name === "to")
  ) {
    errors.push({ name: "to", reason: `${out.to} is before from (${out.from})` });
  }
  if (errors.length > 0) throw invalidParams(errors);
  return out as ParsedQuery<S>;
}

// Body fields ----------------------------------------------------------------------------------

function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}

/**
 * Reads the fields of a JSON object body, collecting every fault; `done()` throws them as one
 * 400. Fields not in `allowed` are refused (a misspelt `titel` is an error, not ignored).
 */
export class BodyFields {
  readonly errors: InvalidParam[] = [];

  constructor(
    private readonly body: Record<string, unknown>,
    allowed: readonly string[],
  ) {
    for (const key of Object.keys(body)) {
      if (!allowed.includes(key))
        this.errors.push({
          name: key,
          reason: `unknown field; the body takes ${allowed.join(", ")}`,
        });
    }
  }

  has(name: string): boolean {
    return this.body[name] !== undefined && this.body[name] !== null;
  }

  /** A string, or undefined when absent or null. */
  string(name: string, options: { maxLength?: number; trim?: boolean } = {}): string | undefined {
    const v = this.body[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "string") {
      this.errors.push({ name, reason: `must be a string, not ${typeName(v)}` });
      return undefined;
    }
    if (options.maxLength !== undefined && v.length > options.maxLength) {
      this.errors.push({
        name,
        reason: `must be at most ${options.maxLength} characters, not ${v.length}`,
      });
      return undefined;
    }
    return options.trim ? v.trim() : v;
  }

  integer(name: string, min: number, max: number): number | undefined {
    const v = this.body[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
      this.errors.push({
        name,
        reason: `must be an integer from ${min} to ${max}, not ${typeof v === "number" ? v : typeName(v)}`,
      });
      return undefined;
    }
    return v;
  }

  boolean(name: string): boolean | undefined {
    const v = this.body[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "boolean") {
      this.errors.push({ name, reason: `must be true or false, not ${typeName(v)}` });
      return undefined;
    }
    return v;
  }

  /** An absolute http(s) URL. */
  url(name: string): string | undefined {
    const v = this.string(name, { maxLength: 4096, trim: true });
    if (v === undefined) return undefined;
    const reason = httpUrlProblem(v);
    if (reason) {
      this.errors.push({ name, reason });
      return undefined;
    }
    return v;
  }

  /** A publication date: `YYYY-MM-DD`, or an ISO 8601 date-time whose date is taken as written. */
  date(name: string): string | undefined {
    const v = this.string(name, { maxLength: 64, trim: true });
    if (v === undefined) return undefined;
    const day = v.slice(0, 10);
    const rest = v.slice(10);
    const timeOk = rest === "" || /^T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(rest);
    if (!isIsoDate(day) || !timeOk) {
      this.errors.push({
        name,
        reason: `must be a real date written YYYY-MM-DD (or an ISO 8601 date-time), not ${quoted(v)}`,
      });
      return undefined;
    }
    return day;
  }

  add(name: string, reason: string): void {
    this.errors.push({ name, reason });
  }

  done(): void {
    if (this.errors.length > 0) throw invalidParams(this.errors);
  }
}

/** Why a string is not an absolute http(s) URL, or null when it is one. */
export function httpUrlProblem(v: string): string | null {
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    return `must be an absolute http(s) URL, not ${quoted(v)}`;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:")
    return `must be an http(s) URL, not ${u.protocol.replace(/:$/, "")}`;
  if (u.username || u.password) return "must not carry a user name or password";
  return null;
}
