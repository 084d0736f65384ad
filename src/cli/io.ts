/** Reading articles from files and standard input, with limits and precise errors. */
import { readFileSync, readSync, statSync } from "node:fs";
import { InputError } from "../errors.js";

/** Largest article file read whole (bytes); archives go through --jsonl streaming instead. */
export const MAX_ARTICLE_BYTES = 8 * 1024 * 1024;

function megabytes(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Decodes bytes as `encoding` (default UTF-8, strictly), naming the fix when it fails. */
export function decodeText(bytes: Uint8Array, encoding = "utf-8", origin = "input"): string {
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    throw new InputError("bad-encoding", `unknown encoding "${encoding}"`);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    const hint =
      encoding.toLowerCase().replace("-", "") === "utf8"
        ? "; if it is a legacy Arabic file, pass --encoding windows-1256"
        : "";
    throw new InputError("bad-encoding", `${origin} is not valid ${encoding} text${hint}`);
  }
}

function readStdin(maxBytes: number): Uint8Array {
  const chunks: Buffer[] = [];
  let total = 0;
  const buf = Buffer.alloc(65536);
  for (;;) {
    let n: number;
    try {
      n = readSync(0, buf, 0, buf.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EAGAIN") continue;
      if ((e as NodeJS.ErrnoException).code === "EOF") break;
      throw e;
    }
    if (n === 0) break;
    total += n;
    if (total > maxBytes) {
      throw new InputError(
        "too-large",
        `standard input exceeds ${megabytes(maxBytes)}, the limit for one article (use --jsonl for archives)`,
      );
    }
    chunks.push(Buffer.from(buf.subarray(0, n)));
  }
  return Buffer.concat(chunks);
}

/** Throws an InputError naming the problem unless `path` is a readable regular file. */
export function assertReadableFile(path: string): number {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch {
    throw new InputError("not-found", `cannot read ${path}: no such file`);
  }
  if (st.isDirectory()) throw new InputError("not-a-file", `${path} is a directory, not a file`);
  return st.size;
}

/** Reads one article's text from a file path, or standard input for "-". */
export function readArticleFile(
  path: string,
  options: { encoding?: string; maxBytes?: number } = {},
): string {
  const maxBytes = options.maxBytes ?? MAX_ARTICLE_BYTES;
  let bytes: Uint8Array;
  if (path === "-") {
    bytes = readStdin(maxBytes);
  } else {
    const size = assertReadableFile(path);
    if (size > maxBytes) {
      throw new InputError(
        "too-large",
        `${path} is ${megabytes(size)}; the limit for one article is ${megabytes(maxBytes)} (use --jsonl for archives)`,
      );
    }
    bytes = readFileSync(path);
  }
  const origin = path === "-" ? "standard input" : path;
  if (bytes.subarray(0, 8192).includes(0) && !/^utf-?16/i.test(options.encoding ?? "")) {
    throw new InputError(
      "binary",
      `${origin} holds NUL bytes: it looks like binary data, not text`,
    );
  }
  const text = decodeText(bytes, options.encoding, origin);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
