/**
 * Reading a JSON request body within a size limit. The limit is enforced while reading: a
 * `Content-Length` over it is refused before a byte is read, and a body without one (chunked) is
 * read chunk by chunk and dropped the moment it passes the limit, never buffered whole.
 */
import type { Context } from "hono";
import { ApiProblem } from "./problems.js";

export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

function size(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function tooLarge(limit: number, detail: string): ApiProblem {
  return new ApiProblem("payload-too-large", detail, {
    members: { limit_bytes: limit },
    headers: { Connection: "close" },
  });
}

/** The body's bytes, at most `maxBytes` of them. */
export async function readBodyLimited(c: Context, maxBytes: number): Promise<Uint8Array> {
  const declared = c.req.header("content-length");
  if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) > maxBytes) {
    throw tooLarge(
      maxBytes,
      `the body is ${size(Number(declared))}, over the ${size(maxBytes)} limit (refused before reading)`,
    );
  }
  const stream = c.req.raw.body;
  if (!stream) return new Uint8Array(0);
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(
        maxBytes,
        `the body is over the ${size(maxBytes)} limit (reading stopped at ${size(total)})`,
      );
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/** Whether a Content-Type is JSON (`application/json`, or any `+json` type). */
export function isJsonType(contentType: string | undefined): boolean {
  const mime = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  return mime === "application/json" || /^application\/[\w.+-]+\+json$/.test(mime);
}

/**
 * The body as a JSON object. Refused: another media type (415: a browser form cannot post JSON
 * across origins without asking first), a body over the limit (413), bytes that are not UTF-8 or
 * text that is not JSON (400 malformed-json, with where it broke), JSON that is not an object.
 */
export async function readJsonObject(
  c: Context,
  maxBytes: number,
): Promise<Record<string, unknown>> {
  const type = c.req.header("content-type");
  if (!isJsonType(type)) {
    throw new ApiProblem(
      "unsupported-media-type",
      `the body must be JSON sent as Content-Type: application/json, not ${type ? JSON.stringify(type) : "without a Content-Type"}`,
      { headers: { "Accept-Post": "application/json", "Accept-Patch": "application/json" } },
    );
  }
  const bytes = await readBodyLimited(c, maxBytes);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ApiProblem("malformed-json", "the body is not valid UTF-8 text");
  }
  if (text.trim() === "") throw new ApiProblem("malformed-json", "the body is empty");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ApiProblem("malformed-json", `the body is not valid JSON: ${(e as Error).message}`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ApiProblem(
      "malformed-json",
      `the body must be a JSON object, not ${value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`}`,
    );
  }
  return value as Record<string, unknown>;
}
