/**
 * An HTML news page as an article: metadata from JSON-LD, OpenGraph and <meta>; captions and
 * credits kept apart; furniture removed; the main text found by Mozilla Readability; the body
 * rebuilt from Readability's content element by element, a blank line between blocks
 * (Readability's `textContent` runs "…الجمعة.</p><p>وقال…" together as "الجمعة.وقال").
 */
import { Readability } from "@mozilla/readability";
import { checkLanguage } from "../text/language.js";
import { extractCaptions } from "./captions.js";
import { type CharsetOptions, decodeBytes } from "./charset.js";
import { contentHash } from "./dedupe.js";
import {
  type DomDocument,
  type DomElement,
  type DomNode,
  ELEMENT_NODE,
  elementShape,
  estimatedDepth,
  parseDocument,
  TEXT_NODE,
} from "./dom.js";
import { ExtractionError, IngestError } from "./errors.js";
import { isFurnitureText, removeFurniture } from "./furniture.js";
import { extractMetadata, type PageMetadata } from "./metadata.js";
import type { IngestedArticle } from "./types.js";

export interface HtmlOptions extends CharsetOptions {
  /** Where the page came from (its final URL), kept as the article's url. */
  url?: string;
  id?: string;
  /** How the page is named in error messages; defaults to the URL, else "the page". */
  where?: string;
  /** Refuse a page whose text is not Arabic. Default true. */
  requireArabic?: boolean;
  /** What is known from elsewhere (a feed item), used where the page itself says nothing. */
  defaults?: Partial<Pick<IngestedArticle, "title" | "published" | "outlet" | "author">>;
}

/** Elements that end a paragraph: their text never runs into the text around them. */
const BLOCKS = new Set([
  "ADDRESS",
  "ARTICLE",
  "ASIDE",
  "BLOCKQUOTE",
  "CENTER",
  "DD",
  "DETAILS",
  "DIV",
  "DL",
  "DT",
  "FIELDSET",
  "FIGCAPTION",
  "FIGURE",
  "FOOTER",
  "FORM",
  "H1",
  "H2",
  "H3",
  "H4",
  "H5",
  "H6",
  "HEADER",
  "HR",
  "LI",
  "MAIN",
  "NAV",
  "OL",
  "P",
  "PRE",
  "SECTION",
  "SUMMARY",
  "TABLE",
  "TD",
  "TH",
  "TR",
  "UL",
]);

const SKIPPED = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "SVG", "BUTTON", "IFRAME"]);

/**
 * The deepest nesting of elements a page may have. News pages nest 10 to 60 deep; building a DOM
 * and walking it costs more with every level (linkedom took 11 s for a page 100,000 deep, and
 * Readability a minute for one 2,000 deep), so a page deeper than this is broken or made to be
 * slow, and is refused.
 */
export const MAX_DEPTH = 1000;
/** Deeper than this, Readability is not asked (its cost grows with the cube of the depth). */
const READABILITY_MAX_DEPTH = 150;
/**
 * With more elements than this, Readability is not asked either: news pages have a few
 * thousand; Readability took 5 s over 25,000 links and a minute over 100,000. (Its own
 * maxElemsToParse counts nothing on linkedom, whose getElementsByTagName("*") is empty.)
 */
const READABILITY_MAX_ELEMENTS = 15_000;

/** Source whitespace (not the no-break space, which a text may mean) becomes one space. */
const SOURCE_SPACE = /[ \t\n\r\f]+/g;

/**
 * The paragraphs of an element: a block boundary ends a paragraph, <br> ends a line within
 * one, and whitespace from the HTML source is collapsed.
 */
export function paragraphsOf(root: DomNode): string[] {
  const out: string[] = [];
  let current = "";
  const flush = () => {
    const lines = current
      .split("\n")
      .map((l) => l.replace(/ {2,}/g, " ").trim())
      .filter((l) => l.length > 0);
    if (lines.length > 0) out.push(lines.join("\n"));
    current = "";
  };
  // Walked with a stack of its own, not by recursion: a deep page overflowed the call stack.
  // `null` marks the end of a block, where its paragraph is flushed.
  const stack: (DomNode | null)[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node === null) {
      flush();
      continue;
    }
    if (node.nodeType === TEXT_NODE) {
      current += (node.textContent ?? "").replace(SOURCE_SPACE, " ");
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    const name = node.nodeName;
    if (SKIPPED.has(name)) continue;
    if (name === "BR") {
      current += "\n";
      continue;
    }
    const block = BLOCKS.has(name);
    if (block) {
      flush();
      stack.push(null);
    }
    const children = Array.from(node.childNodes);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as DomNode);
  }
  flush();
  return out;
}

/**
 * Readability's main-content element, or the page's body when Readability finds none (or is not
 * asked, the page being too deep or too large for it).
 */
function mainContent(doc: DomDocument, shape: { depth: number; elements: number }): DomNode {
  if (shape.depth > READABILITY_MAX_DEPTH || shape.elements > READABILITY_MAX_ELEMENTS)
    return doc.body;
  try {
    // The serializer hands back the content element itself, so it is walked, not re-parsed.
    const reader = new Readability<DomElement>(doc as never, {
      serializer: (node) => node as unknown as DomElement,
    });
    const result = reader.parse();
    if (result?.content && (result.textContent ?? "").trim().length > 0) return result.content;
  } catch {
    // Readability gives up on some broken documents; the body is still worth reading.
  }
  return doc.body;
}

const sameText = (a: string, b: string) =>
  a.replace(/\s+/g, " ").trim() === b.replace(/\s+/g, " ").trim();

function describe(options: HtmlOptions): string {
  return options.where ?? options.url ?? "the page";
}

/** Refuses text that is empty, not Arabic or too short, naming the page and the reason. */
export function assertArabicText(text: string, where: string): void {
  const verdict = checkLanguage(text);
  if (verdict.ok) return;
  switch (verdict.reason) {
    case "not-arabic":
      throw new ExtractionError(
        "not-arabic",
        verdict.arabicShare === 0
          ? `${where} has no Arabic text: its article text holds no Arabic letters`
          : `${where} has no Arabic article text: only ${Math.round(verdict.arabicShare * 100)}% of its letters are Arabic`,
      );
    case "too-short":
      throw new ExtractionError(
        "too-short",
        `${where} has too little Arabic text: ${verdict.message}`,
      );
    case "empty":
      throw new ExtractionError("empty", `${where} has no article text`);
    default:
      throw new ExtractionError(verdict.reason, `${where}: ${verdict.message}`);
  }
}

/**
 * Reads an HTML page (bytes, decoded by its charset, or a string) as an article. Throws an
 * `ExtractionError` for an empty page, a page with no article text, and (unless
 * `requireArabic` is false) a page whose text is not Arabic.
 */
export function extractHtml(
  input: string | Uint8Array,
  options: HtmlOptions = {},
): IngestedArticle {
  const where = describe(options);
  let html: string;
  let encoding: IngestedArticle["encoding"];
  if (typeof input === "string") {
    html = input;
  } else {
    const decoded = decodeBytes(input, options);
    html = decoded.text;
    encoding = { name: decoded.encoding, source: decoded.source };
  }
  if (html.trim().length === 0) throw new ExtractionError("empty", `${where} is empty`);
  if (html.slice(0, 8192).includes("\u0000")) {
    throw new IngestError(
      "binary",
      `${where} holds NUL bytes: it is binary data, not an HTML page`,
    );
  }
  const tooDeep = () =>
    new ExtractionError(
      "too-deep",
      `${where} nests its elements more than ${MAX_DEPTH.toLocaleString("en")} deep: it is broken, or made to be slow`,
    );
  if (estimatedDepth(html, MAX_DEPTH) > MAX_DEPTH) throw tooDeep();
  const doc = parseDocument(html);
  const shape = elementShape(doc.documentElement);
  if (shape.depth > MAX_DEPTH) throw tooDeep();
  const meta = extractMetadata(doc);
  for (const [key, value] of Object.entries(options.defaults ?? {}) as [
    keyof PageMetadata,
    string,
  ][]) {
    if (meta[key] === undefined && value !== undefined) meta[key] = value;
  }
  const captions = extractCaptions(doc);
  removeFurniture(doc);
  const paragraphs: string[] = [];
  for (const p of paragraphsOf(mainContent(doc, shape))) {
    if (isFurnitureText(p)) continue;
    if (captions.some((c) => sameText(c.text, p))) continue;
    if (paragraphs.length > 0 && sameText(paragraphs.at(-1) as string, p)) continue;
    paragraphs.push(p);
  }
  // The headline repeated as the first block of the content is the headline, given once.
  const title = meta.title;
  if (title && paragraphs.length > 0 && sameText(paragraphs[0] as string, title))
    paragraphs.shift();
  const body = paragraphs.join("\n\n");
  if (body.trim().length === 0) {
    throw new ExtractionError("empty", `${where} has no article text (no paragraphs found in it)`);
  }
  if (options.requireArabic !== false) assertArabicText(body, where);
  const text = title ? `${title}\n\n${body}` : body;
  const article: IngestedArticle = { text, ...meta, captions, contentHash: contentHash(text) };
  if (options.id !== undefined) article.id = options.id;
  if (options.url !== undefined) article.url = options.url;
  if (encoding) article.encoding = encoding;
  return article;
}
