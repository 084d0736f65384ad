/**
 * Article parts for plain-text input: the title line(s), the date line, the photo caption and
 * its credit, and page furniture are recognized and kept out of the body that events come from.
 * The date line becomes the publication date when none was given.
 */
import { readFileSync } from "node:fs";
import { extractDates } from "../text/dates.js";
import { normalizeForMatch } from "../text/normalize.js";
import { SpanIndex } from "../text/span-index.js";
import type { ArticlePart, ArticlePartKind, RasdDocument, Span, Stage, Token } from "../types.js";

const FURNITURE_FILE = new URL("../../data/text/furniture.txt", import.meta.url);

interface FurnitureLexicon {
  whole: Set<string>;
  prefixes: string[];
}

let furniture: FurnitureLexicon | undefined;

/** Letters and digits only, spaces collapsed: how furniture lines are compared. */
function bareForm(s: string): string {
  return normalizeForMatch(s)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function loadFurniture(): FurnitureLexicon {
  if (furniture) return furniture;
  const whole = new Set<string>();
  const prefixes: string[] = [];
  for (const raw of readFileSync(FURNITURE_FILE, "utf8").split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    if (line.endsWith("…")) prefixes.push(bareForm(line.slice(0, -1)));
    else whole.add(bareForm(line));
  }
  furniture = { whole, prefixes };
  return furniture;
}

/** Lines at the top that may still be title, date line or caption, before the body begins. */
const HEAD_LINES = 8;
/** A title or caption line is short; the body's paragraphs are longer. */
const MAX_HEAD_WORDS = 30;
/** A parenthesised photo credit at the end of a line: "(عمر حاج قدور/فرانس برس)", "(Getty)". */
const CREDIT = /\(([^()]{2,80})\)\s*$/u;
const CREDIT_AGENCIES =
  /(فرانس برس|فرانس پرس|رويترز|الأناضول|أسوشيتد برس|اسوشيتد برس|غيتي|جيتي|الأوروبية|سانا|getty|afp|reuters|ap|epa|anadolu)/iu;
const ENDS_SENTENCE = /[.!؟?]["»”)]*\s*$/u;

interface Line extends Span {
  /** Index of the first token of the line and one past the last. */
  tokenStart: number;
  tokenEnd: number;
}

function splitLines(doc: RasdDocument): Line[] {
  const lines: Line[] = [];
  const text = doc.text;
  let k = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && text[i] !== "\n") continue;
    let a = start;
    let b = i;
    while (a < b && /\s/u.test(text[a] as string)) a++;
    while (b > a && /\s/u.test(text[b - 1] as string)) b--;
    start = i + 1;
    if (a === b) continue;
    while (k < doc.tokens.length && (doc.tokens[k] as Token).end <= a) k++;
    let e = k;
    while (e < doc.tokens.length && (doc.tokens[e] as Token).start < b) e++;
    lines.push({ start: a, end: b, tokenStart: k, tokenEnd: e });
  }
  return lines;
}

function wordCount(doc: RasdDocument, line: Line): number {
  let n = 0;
  for (let i = line.tokenStart; i < line.tokenEnd; i++) {
    const kind = (doc.tokens[i] as Token).kind;
    if (kind === "arabic" || kind === "latin" || kind === "number") n++;
  }
  return n;
}

const MAX_FURNITURE_CHARS = 160;

function isFurniture(text: string, line: Line): boolean {
  // Furniture is a short line ("+ الخط -", "اقرأ أيضا: ..."): a paragraph is never checked.
  if (line.end - line.start > MAX_FURNITURE_CHARS) return false;
  const lex = loadFurniture();
  const bare = bareForm(text.slice(line.start, line.end));
  if (bare.length === 0) return true; // a line of symbols only ("+ -", "***")
  if (lex.whole.has(bare)) return true;
  return lex.prefixes.some((p) => bare === p || bare.startsWith(`${p} `));
}

/** The date a date line holds when the whole line is that date, else undefined. */
function datelineDate(doc: RasdDocument, line: Line): string | undefined {
  if (line.tokenEnd - line.tokenStart > 8) return undefined;
  const tokens = doc.tokens.slice(line.tokenStart, line.tokenEnd);
  const dates = extractDates(doc.text, tokens);
  const d = dates[0];
  if (d?.precision !== "day") return undefined;
  // Everything on the line but punctuation is the date ("الخميس 2 نوفمبر 2017 - 10:30" is not).
  const rest = tokens.filter(
    (t) => (t.start < d.start || t.end > d.end) && t.kind !== "punct" && t.kind !== "symbol",
  );
  return rest.length === 0 ? d.date : undefined;
}

/** A caption with its parenthesised credit, when the line is one. */
function captionCredit(text: string, line: Line): { caption: Span; credit: Span } | undefined {
  const s = text.slice(line.start, line.end);
  const m = CREDIT.exec(s);
  if (!m || m.index === 0) return undefined;
  const inner = m[1] as string;
  if (!inner.includes("/") && !CREDIT_AGENCIES.test(inner)) return undefined;
  let captionEnd = line.start + m.index;
  while (captionEnd > line.start && /\s/u.test(text[captionEnd - 1] as string)) captionEnd--;
  const creditStart = line.start + m.index + 1;
  return {
    caption: { start: line.start, end: captionEnd },
    credit: { start: creditStart, end: creditStart + inner.length },
  };
}

export function findArticleParts(doc: RasdDocument): {
  parts: ArticlePart[];
  published?: string;
} {
  const lines = splitLines(doc);
  const kinds: ArticlePartKind[] = lines.map(() => "body");
  const parts: ArticlePart[] = [];
  let published: string | undefined;
  let bodyStarted = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Line;
    if (isFurniture(doc.text, line)) {
      kinds[i] = "furniture";
      continue;
    }
    if (bodyStarted || i >= HEAD_LINES) continue;
    const date = datelineDate(doc, line);
    if (date) {
      kinds[i] = "dateline";
      published ??= date;
      continue;
    }
    const cc = captionCredit(doc.text, line);
    if (cc && wordCount(doc, line) <= MAX_HEAD_WORDS) {
      kinds[i] = "caption";
      parts.push({ kind: "caption", ...cc.caption }, { kind: "credit", ...cc.credit });
      continue;
    }
    // A short line with no closing full stop, followed by more text, is a headline.
    const short = wordCount(doc, line) <= MAX_HEAD_WORDS;
    const last = i === lines.length - 1;
    if (short && !last && !ENDS_SENTENCE.test(doc.text.slice(line.start, line.end))) {
      kinds[i] = "title";
      continue;
    }
    bodyStarted = true;
  }
  // Headlines come only before the date line, caption and body: a short line further down is a
  // subheading of the body.
  let seenNonTitle = false;
  for (let i = 0; i < lines.length; i++) {
    if (kinds[i] === "title" && seenNonTitle) kinds[i] = "body";
    if (kinds[i] !== "title" && kinds[i] !== "furniture") seenNonTitle = true;
  }
  for (let i = 0; i < lines.length; i++) {
    const kind = kinds[i] as ArticlePartKind;
    if (kind !== "caption")
      parts.push({ kind, start: (lines[i] as Line).start, end: (lines[i] as Line).end });
  }
  parts.sort((a, b) => a.start - b.start || a.end - b.end);
  // With nothing left for the body, the text was all headline: read it as body instead.
  if (!parts.some((p) => p.kind === "body")) {
    for (const p of parts) if (p.kind === "title") p.kind = "body";
  }
  return published === undefined ? { parts } : { parts, published };
}

/** The article-parts stage: sets `doc.parts`, and title, caption and publication date in meta. */
export const articlePartsStage: Stage = (doc) => {
  const { parts, published } = findArticleParts(doc);
  doc.parts = parts;
  const textOf = (p: Span) => doc.text.slice(p.start, p.end);
  const titles = parts.filter((p) => p.kind === "title");
  if (doc.meta.title === undefined && titles.length > 0) doc.meta.title = textOf(titles[0] as Span);
  const caption = parts.find((p) => p.kind === "caption");
  if (caption) doc.meta.caption = textOf(caption);
  const credit = parts.find((p) => p.kind === "credit");
  if (credit) doc.meta.photoCredit = textOf(credit);
  if (doc.meta.published === undefined && published !== undefined) {
    doc.meta.published = published;
    doc.meta.publishedSource = "dateline";
  } else if (doc.meta.published !== undefined) {
    doc.meta.publishedSource ??= "given";
  }
};

/** The parts but credits by position, per list of parts (stages ask for every sentence). */
const partIndexes = new WeakMap<ArticlePart[], { length: number; index: SpanIndex<ArticlePart> }>();

/** The kind of part that holds `span` ("body" when no part does). */
export function partAt(doc: RasdDocument, span: Span): ArticlePartKind {
  let cached = partIndexes.get(doc.parts);
  if (!cached || cached.length !== doc.parts.length) {
    cached = {
      length: doc.parts.length,
      index: new SpanIndex(doc.parts.filter((p) => p.kind !== "credit")),
    };
    partIndexes.set(doc.parts, cached);
  }
  // The first part, in order, with start ≤ span.start < end.
  return cached.index.containing(span.start, span.start + 1)[0]?.kind ?? "body";
}
