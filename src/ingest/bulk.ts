/**
 * Bulk reading: a JSONL archive, a folder of .txt and .html files, or standard input, each as an
 * async iterable of results, one per article, so a CLI can show progress and a summary. A bad
 * line or file is a result with its place and a typed error; it never stops the rest.
 */
import { createReadStream, type Dirent } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { extname, join, relative, sep } from "node:path";
import { readLines } from "../cli/lines.js";
import { decodeBytes } from "./charset.js";
import { contentHash } from "./dedupe.js";
import { IngestError, megabytes } from "./errors.js";
import { assertArabicText, extractHtml } from "./html.js";
import { toIsoDateTime } from "./metadata.js";
import type { IngestedArticle, IngestResult } from "./types.js";

/** Largest article (a JSONL line, a file, standard input) read, in bytes. */
export const DEFAULT_MAX_ARTICLE_BYTES = 8 * 1024 * 1024;

export interface BulkOptions {
  /** Largest article in bytes. Default 8 MB. */
  maxBytes?: number;
  /** Refuse articles whose text is not Arabic. Default true. */
  requireArabic?: boolean;
  /** Force the encoding of .txt and .html files and of standard input (else sniffed). */
  encoding?: string;
}

/** What is known about a plain-text article. */
export type TextMeta = Partial<
  Pick<IngestedArticle, "id" | "title" | "published" | "outlet" | "url" | "author">
>;

/**
 * A plain text as an ingested article: line ends made "\n", the text otherwise untouched (rasd's
 * article-part recogniser reads its headline, date line, caption and furniture).
 */
export function articleFromText(text: string, meta: TextMeta = {}): IngestedArticle {
  const clean = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const article = { text: clean, captions: [] } as unknown as IngestedArticle;
  // Hashed when first asked for (a third of the cost of reading an article from an archive, which
  // rasd ingest never asks for: it hashes on its worker threads); then kept like any field.
  let hash: string | undefined;
  Object.defineProperty(article, "contentHash", {
    enumerable: true,
    configurable: true,
    get: () => {
      hash ??= contentHash(clean);
      return hash;
    },
    set: (value: string) => {
      hash = value;
    },
  });
  for (const [key, value] of Object.entries(meta)) {
    if (value !== undefined) (article as unknown as Record<string, unknown>)[key] = value;
  }
  return article;
}

function fail(where: string, error: unknown): IngestResult {
  if (error instanceof IngestError) return { ok: false, where, error };
  if (error instanceof RangeError) {
    return {
      ok: false,
      where,
      error: new IngestError("bad-encoding", `${where}: ${error.message}`),
    };
  }
  throw error; // a bug, not bad input
}

function optionalString(
  o: Record<string, unknown>,
  key: string,
  where: string,
): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string")
    throw new IngestError("bad-field", `${where}: "${key}" must be a string`);
  return v;
}

/** One JSONL record, `{id, text, title?, date?, source?, url?}`, checked field by field. */
export function articleFromRecord(value: unknown, where: string): IngestedArticle {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new IngestError("bad-line", `${where}: expected a JSON object {id, text, ...}`);
  }
  const o = value as Record<string, unknown>;
  if (o.id !== undefined && typeof o.id !== "string" && typeof o.id !== "number") {
    throw new IngestError("bad-field", `${where}: "id" must be a string or a number`);
  }
  if (typeof o.text !== "string") {
    throw new IngestError("bad-field", `${where}: missing "text" (a string)`);
  }
  const date = optionalString(o, "date", where) ?? optionalString(o, "published", where);
  const published = date === undefined ? undefined : toIsoDateTime(date);
  if (date !== undefined && published === undefined) {
    throw new IngestError(
      "bad-date",
      `${where}: "date" is "${date}", not a date (expected YYYY-MM-DD)`,
    );
  }
  return articleFromText(o.text, {
    id: o.id === undefined ? undefined : String(o.id),
    title: optionalString(o, "title", where),
    published,
    outlet: optionalString(o, "source", where) ?? optionalString(o, "outlet", where),
    url: optionalString(o, "url", where),
  });
}

/**
 * Reads a JSONL archive (a path, or a stream such as standard input) line by line, with memory
 * bounded by the longest accepted line. Blank lines are skipped; each bad line is a failed
 * result naming its line number.
 */
export async function* readJsonl(
  input: string | NodeJS.ReadableStream,
  options: BulkOptions & { name?: string } = {},
): AsyncGenerator<IngestResult> {
  const name = options.name ?? (typeof input === "string" ? input : "stdin");
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_ARTICLE_BYTES;
  let stream: NodeJS.ReadableStream;
  if (typeof input === "string") {
    await assertFile(input);
    stream = createReadStream(input);
  } else {
    stream = input;
  }
  for await (const line of readLines(stream, maxBytes)) {
    const where = `${name}:${line.line}`;
    if ("tooLong" in line) {
      yield fail(
        where,
        new IngestError(
          "too-large",
          `${where}: line is ${megabytes(line.tooLong)}, over the ${megabytes(maxBytes)} limit for one article`,
        ),
      );
      continue;
    }
    const text = line.text.trim();
    if (text.length === 0) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield fail(
        where,
        new IngestError("bad-line", `${where}: not valid JSON (${(error as Error).message})`),
      );
      continue;
    }
    try {
      const article = articleFromRecord(value, where);
      if (options.requireArabic !== false) assertArabicText(article.text, where);
      yield { ok: true, article, where };
    } catch (error) {
      yield fail(where, error);
    }
  }
}

async function assertFile(path: string): Promise<void> {
  let st: Awaited<ReturnType<typeof stat>>;
  try {
    st = await stat(path);
  } catch {
    throw new IngestError("not-found", `cannot read ${path}: no such file`);
  }
  if (st.isDirectory()) throw new IngestError("unreadable", `${path} is a folder, not a file`);
}

const TEXT_EXTENSIONS = new Set([".txt"]);
const HTML_EXTENSIONS = new Set([".html", ".htm", ".xhtml"]);

/** The .txt and .html files under `dir`, recursively, as paths relative to it, sorted. */
async function listArticles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (folder: string) => {
    let entries: Dirent[];
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      if (folder === dir)
        throw new IngestError("not-found", `cannot read the folder ${dir}: no such folder`);
      throw error;
    }
    for (const e of entries) {
      const path = join(folder, e.name);
      // Symbolic links are not followed: a link to a parent folder would never end.
      if (e.isDirectory()) await walk(path);
      else if (e.isFile()) {
        const ext = extname(e.name).toLowerCase();
        if (TEXT_EXTENSIONS.has(ext) || HTML_EXTENSIONS.has(ext)) out.push(relative(dir, path));
      }
    }
  };
  await walk(dir);
  // One order on every system: by path, folders separated by "/".
  const key = (p: string) => p.split(sep).join("/");
  return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** One file as an article: .html through the HTML extractor, .txt as plain text. */
export async function readArticleFile(
  path: string,
  options: BulkOptions & { id?: string; where?: string } = {},
): Promise<IngestedArticle> {
  const where = options.where ?? path;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_ARTICLE_BYTES;
  const st = await stat(path).catch(() => {
    throw new IngestError("not-found", `cannot read ${where}: no such file`);
  });
  if (st.size > maxBytes) {
    throw new IngestError(
      "too-large",
      `${where} is ${megabytes(st.size)}, over the ${megabytes(maxBytes)} limit for one article`,
    );
  }
  const bytes = await readFile(path);
  if (HTML_EXTENSIONS.has(extname(path).toLowerCase())) {
    return extractHtml(bytes, {
      where,
      id: options.id,
      encoding: options.encoding,
      requireArabic: options.requireArabic,
    });
  }
  return textArticle(bytes, where, options);
}

function textArticle(
  bytes: Uint8Array,
  where: string,
  options: BulkOptions & { id?: string },
): IngestedArticle {
  if (bytes.subarray(0, 8192).includes(0)) {
    throw new IngestError("binary", `${where} holds NUL bytes: it is binary data, not text`);
  }
  const decoded = decodeBytes(bytes, { encoding: options.encoding });
  const article = articleFromText(decoded.text, { id: options.id });
  article.encoding = { name: decoded.encoding, source: decoded.source };
  if (options.requireArabic !== false) assertArabicText(article.text, where);
  return article;
}

/** Every .txt and .html file under `dir` (recursively, in path order), one result each. */
export async function* readFolder(
  dir: string,
  options: BulkOptions = {},
): AsyncGenerator<IngestResult> {
  for (const rel of await listArticles(dir)) {
    const where = rel.split(sep).join("/");
    try {
      const article = await readArticleFile(join(dir, rel), { ...options, id: where, where });
      yield { ok: true, article, where };
    } catch (error) {
      yield fail(where, error);
    }
  }
}

/** Reads a whole stream, refusing it as soon as it passes `maxBytes`. */
async function readAll(
  stream: NodeJS.ReadableStream,
  maxBytes: number,
  where: string,
): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    total += buf.length;
    if (total > maxBytes) {
      throw new IngestError(
        "too-large",
        `${where} passes ${megabytes(maxBytes)}, the limit for one article (use JSONL for archives)`,
      );
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks, total);
}

/**
 * Standard input (or any stream): a JSONL archive, or one article as plain text or HTML.
 */
export async function* readStream(
  stream: NodeJS.ReadableStream,
  options: BulkOptions & { format: "jsonl" | "text" | "html"; name?: string },
): AsyncGenerator<IngestResult> {
  const where = options.name ?? "stdin";
  if (options.format === "jsonl") {
    yield* readJsonl(stream, { ...options, name: where });
    return;
  }
  try {
    const bytes = await readAll(stream, options.maxBytes ?? DEFAULT_MAX_ARTICLE_BYTES, where);
    const article =
      options.format === "html"
        ? extractHtml(bytes, {
            where,
            encoding: options.encoding,
            requireArabic: options.requireArabic,
          })
        : textArticle(bytes, where, options);
    yield { ok: true, article, where };
  } catch (error) {
    yield fail(where, error);
  }
}
