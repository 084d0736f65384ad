/**
 * Character-set sniffing and decoding, in the order browsers use: a byte-order mark, the HTTP
 * Content-Type charset, a `<meta charset>` / http-equiv (or an XML declaration) in the first
 * bytes, then a guess: UTF-8 when the bytes are valid UTF-8, else the fallback. The fallback is
 * windows-1256 because Arabic sites that do not declare UTF-8 are nearly all in it (Node's
 * TextDecoder knows it, and ISO-8859-6 and the cp1256 labels too).
 */
import type { CharsetSource } from "./types.js";

/** How far into the bytes a declaration is looked for (the HTML prescan reads 1024; pages with a
 * long head of inline scripts put it later, so a little more). */
const PRESCAN_BYTES = 4096;

export interface CharsetOptions {
  /** The HTTP Content-Type header, when the bytes came over HTTP. */
  contentType?: string | null;
  /** Used when nothing declares a charset and the bytes are not valid UTF-8. Default windows-1256. */
  fallback?: string;
  /** Force this encoding, whatever the bytes say (a user's --encoding). */
  encoding?: string;
}

export interface Decoded {
  text: string;
  /** The WHATWG name of the encoding used ("utf-8", "windows-1256"). */
  encoding: string;
  source: CharsetSource;
}

/** The WHATWG name for a charset label, or undefined when TextDecoder does not know it. */
export function encodingName(label: string): string | undefined {
  try {
    const name = new TextDecoder(label.trim()).encoding;
    // A page that declares UTF-16 in ASCII bytes cannot be UTF-16 (the HTML standard's rule).
    return name === "utf-16le" || name === "utf-16be" ? "utf-8" : name;
  } catch {
    return undefined;
  }
}

/** The charset parameter of a Content-Type header value. */
export function charsetOfContentType(contentType: string | null | undefined): string | undefined {
  if (!contentType) return undefined;
  const m = /;\s*charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType);
  return m ? m[1] : undefined;
}

function bomOf(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { encoding: "utf-8", length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  return undefined;
}

/** A charset declared in the first bytes: `<meta charset>`, http-equiv content, or `<?xml encoding>`. */
export function declaredCharset(
  bytes: Uint8Array,
): { label: string; source: "meta" | "xml" } | undefined {
  // Declarations are ASCII, so reading the bytes as latin1 finds them whatever the encoding.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, PRESCAN_BYTES))
    .toString("latin1")
    .replace(/<!--[\s\S]*?-->/g, "");
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (xml) return { label: xml[1] as string, source: "xml" };
  for (const tag of head.matchAll(/<meta\b[^>]*>/gi)) {
    // Both <meta charset="..."> and <meta http-equiv content="text/html; charset=...">.
    const m = /\bcharset\s*=\s*["']?\s*([^"'\s;/>]+)/i.exec(tag[0]);
    if (m) return { label: m[1] as string, source: "meta" };
  }
  return undefined;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function decodeWith(bytes: Uint8Array, encoding: string): string {
  // Not fatal: a few broken bytes in a long page should cost those characters, not the page
  // (the language check later refuses text where many were lost).
  return new TextDecoder(encoding).decode(bytes);
}

/**
 * Decodes `bytes`, choosing the encoding by BOM, HTTP header, in-page declaration, then UTF-8
 * validity, then the fallback. A declared UTF-8 that the bytes break is not trusted: sites that
 * moved to UTF-8 templates still serve old articles in windows-1256.
 */
export function decodeBytes(bytes: Uint8Array, options: CharsetOptions = {}): Decoded {
  const done = (encoding: string, source: CharsetSource, from = bytes): Decoded => ({
    text: stripBom(decodeWith(from, encoding)),
    encoding,
    source,
  });
  if (options.encoding) {
    const name = encodingName(options.encoding);
    if (!name) throw new RangeError(`unknown encoding "${options.encoding}"`);
    return done(name, "given");
  }
  const bom = bomOf(bytes);
  if (bom) return done(bom.encoding, "bom", bytes.subarray(bom.length));
  const utf8 = isValidUtf8(bytes);
  const candidates: [string | undefined, CharsetSource][] = [
    [charsetOfContentType(options.contentType), "http"],
  ];
  const declared = declaredCharset(bytes);
  if (declared) candidates.push([declared.label, declared.source]);
  for (const [label, source] of candidates) {
    const name = label ? encodingName(label) : undefined;
    if (!name) continue;
    if (name === "utf-8" && !utf8) continue;
    return done(name, source);
  }
  if (utf8) return done("utf-8", "utf8-valid");
  const fallback = encodingName(options.fallback ?? "windows-1256") ?? "windows-1256";
  return done(fallback, "fallback");
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
