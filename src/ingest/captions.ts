/**
 * Photo captions and credits, read from the page and then taken out of it, so that a caption
 * ("عناصر من الدفاع المدني في موقع الغارة") never reaches the body as if it were reported text,
 * and the photographer's agency is not mistaken for the article's source.
 *
 * The shapes handled: <figure> with <figcaption> (Al-Araby, Al Jazeera, Enab Baladi), WordPress
 * captions (div.wp-caption with p.wp-caption-text: SANA, Enab Baladi), BBC Arabic's "صدر
 * الصورة، ..." credit and "التعليق على الصورة، ..." caption labels, credit elements
 * (class credit/copyright/photographer), and a credit in parentheses at the end of the caption:
 * "(اسم المصور/فرانس برس)".
 */
import { type DomDocument, type DomElement, textOf } from "./dom.js";
import type { Caption } from "./types.js";

const CONTAINERS = "figure, .wp-caption, [class*='image-caption'], [class*='photo-caption']";
const CAPTION_TEXT = "figcaption, .wp-caption-text, [class*='caption']";
const CREDIT_CLASS = /credit|copyright|photographer|(^|[-_])source([-_]|$)/i;

/** Labels before a credit or a caption, cut off ("صدر الصورة، Getty Images"). */
const CREDIT_LABEL =
  /^\s*(?:صدر الصورة|مصدر الصورة|حقوق الصورة|الصورة|تصوير|photo|credit|image|©)\s*[،,:：]?\s*/iu;
const CAPTION_LABEL = /^\s*(?:التعليق على الصورة|تعليق الصورة|caption)\s*[،,:：]\s*/iu;

/** A parenthesised credit at the end: "(عمر حاج قدور/فرانس برس)", "(الجزيرة)", "(Getty)". */
const TRAILING_CREDIT = /\s*\(([^()]{2,80})\)\s*$/u;

const MAX_CREDIT_CHARS = 100;

function hasCreditClass(el: DomElement): boolean {
  return CREDIT_CLASS.test(el.getAttribute("class") ?? "");
}

function cleanCredit(s: string): string {
  return s
    .replace(CREDIT_LABEL, "")
    .replace(/^[(\s]+|[)\s]+$/g, "")
    .trim();
}

/** A caption's text and credit from the elements of one figure. */
function readFigure(container: DomElement): Caption | undefined {
  let credit: string | undefined;
  // Credit elements first, removed so they do not run into the caption's text.
  for (const el of Array.from(container.querySelectorAll("*"))) {
    if (!el.parentNode) continue;
    const text = textOf(el);
    if (!text) continue;
    const labelled =
      /^\s*(?:صدر الصورة|مصدر الصورة|حقوق الصورة)/u.test(text) &&
      text.length <= MAX_CREDIT_CHARS &&
      !el.querySelector(CAPTION_TEXT);
    if (hasCreditClass(el) || labelled) {
      credit ??= cleanCredit(text);
      el.remove();
    }
  }
  const captionEl =
    (container.tagName === "FIGCAPTION" ? container : null) ??
    container.querySelector(CAPTION_TEXT);
  let text = textOf(captionEl ?? container).replace(CAPTION_LABEL, "");
  const m = TRAILING_CREDIT.exec(text);
  if (m && m.index > 0) {
    credit ??= cleanCredit(m[1] as string);
    text = text.slice(0, m.index).trim();
  }
  if (!text && !credit) return undefined;
  return credit ? { text, credit } : { text };
}

/** The page's photo captions, each with its credit when it has one; removed from `doc`. */
export function extractCaptions(doc: DomDocument): Caption[] {
  const captions: Caption[] = [];
  const seen = new Set<string>();
  const take = (container: DomElement) => {
    if (!container.parentNode) return; // inside a figure already read
    const caption = readFigure(container);
    container.remove();
    if (!caption) return;
    const key = `${caption.text}\u0000${caption.credit ?? ""}`;
    if (seen.has(key)) return; // the same photo in several sizes
    seen.add(key);
    captions.push(caption);
  };
  for (const el of Array.from(doc.body.querySelectorAll(CONTAINERS))) take(el);
  // Captions outside any figure.
  for (const el of Array.from(doc.body.querySelectorAll("figcaption, .wp-caption-text"))) take(el);
  return captions;
}
