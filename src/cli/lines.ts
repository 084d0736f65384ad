/**
 * Streaming JSONL reading with bounded memory: lines are split from chunks as they arrive, and
 * a line longer than the limit is skipped (and reported) without being held whole in memory.
 */
import { createReadStream } from "node:fs";

export type JsonLine =
  | { line: number; ok: true; value: unknown }
  | { line: number; ok: false; error: string };

export async function* readLines(
  input: NodeJS.ReadableStream,
  maxLineBytes: number,
): AsyncGenerator<{ line: number; text: string } | { line: number; tooLong: number }> {
  let line = 0;
  let parts: Buffer[] = [];
  let size = 0;
  let overflow = false;
  const finish = () => {
    line++;
    const result = overflow
      ? { line, tooLong: size }
      : { line, text: Buffer.concat(parts).toString("utf8") };
    parts = [];
    size = 0;
    overflow = false;
    return result;
  };
  for await (const chunk of input) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    let from = 0;
    for (;;) {
      const nl = buf.indexOf(0x0a, from);
      // A whole line inside this chunk (most are): decoded from it, without a copy.
      if (nl !== -1 && size === 0 && !overflow) {
        line++;
        yield nl - from > maxLineBytes
          ? { line, tooLong: nl - from }
          : { line, text: buf.toString("utf8", from, nl) };
        from = nl + 1;
        continue;
      }
      const piece = buf.subarray(from, nl === -1 ? buf.length : nl);
      size += piece.length;
      if (size > maxLineBytes && !overflow) {
        overflow = true;
        parts = [];
      }
      if (!overflow && piece.length > 0) parts.push(Buffer.from(piece));
      if (nl === -1) break;
      yield finish();
      from = nl + 1;
    }
  }
  if (size > 0 || parts.length > 0) yield finish();
}

/** Parses each line as JSON; blank lines are skipped, bad ones reported with their number. */
export async function* readJsonLines(path: string, maxLineBytes: number): AsyncGenerator<JsonLine> {
  const input = path === "-" ? process.stdin : createReadStream(path);
  for await (const l of readLines(input, maxLineBytes)) {
    if ("tooLong" in l) {
      yield {
        line: l.line,
        ok: false,
        error: `line is ${(l.tooLong / 1024 / 1024).toFixed(1)} MB, over the ${(maxLineBytes / 1024 / 1024).toFixed(1)} MB limit for one article`,
      };
      continue;
    }
    const text = l.text.trim();
    if (text.length === 0) continue;
    try {
      yield { line: l.line, ok: true, value: JSON.parse(text) };
    } catch (e) {
      yield { line: l.line, ok: false, error: `not valid JSON (${(e as Error).message})` };
    }
  }
}
