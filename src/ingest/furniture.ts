/**
 * Page furniture taken out of a page before Readability reads it: share bars, font controls
 * ("+ الخط -"), contributor blocks ("المساهمون"), related links ("اقرأ أيضاً"، "مواضيع ذات
 * صلة"), tags, newsletter prompts, ads. Readability scores these down, but keeps them when their
 * class also says "article" ("article-share") or when they sit inside the body's container, so
 * they are removed by class and by text first.
 *
 * Text is matched with the phrase list rasd's article-part recogniser uses for plain text
 * (data/text/furniture.txt), plus the phrases of whole web pages that never reach plain text.
 */
import { readFileSync } from "node:fs";
import { normalizeForMatch } from "../text/normalize.js";
import { type DomDocument, type DomElement, type DomNode, TEXT_NODE, textOf } from "./dom.js";

const FURNITURE_FILE = new URL("../../data/text/furniture.txt", import.meta.url);

/** Page-level phrases ("…" ends a prefix), beyond data/text/furniture.txt. */
const PAGE_PHRASES = [
  "اشترك في النشرة البريدية…",
  "اشترك في نشرتنا…",
  "اشترك الآن…",
  "النشرة البريدية…",
  "النشرة الإخبارية…",
  "سجل بريدك الإلكتروني…",
  "أدخل بريدك الإلكتروني…",
  "انضم إلى قناتنا…",
  "حمل تطبيق…",
  "شارك هذا المقال…",
  "شارك على…",
  "تم النسخ",
  "تابعونا على…",
  "تابعونا عبر…",
  "تابعنا على…",
  "قصص ذات صلة",
  "الأكثر قراءة",
  "الأكثر مشاهدة",
  "الأكثر تداولا",
  "قصص مقترحة",
  "مواضيع مقترحة",
  "مقالات مقترحة",
  "أخبار متعلقة…",
  "قد يهمك أيضا…",
  "قد يعجبك أيضا…",
  "المزيد حول هذه القصة",
  "تخطى الإعلان…",
  "نهاية الإعلان",
  "إعلانات",
  "Facebook",
  "Twitter",
  "WhatsApp",
  "Telegram",
];

interface Lexicon {
  whole: Set<string>;
  prefixes: string[];
}

let lexicon: Lexicon | undefined;

/** Letters and digits only, normalized, spaces collapsed: how furniture is compared. */
export function bareForm(s: string): string {
  return normalizeForMatch(s)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function loadLexicon(): Lexicon {
  if (lexicon) return lexicon;
  const whole = new Set<string>();
  const prefixes: string[] = [];
  const lines = readFileSync(FURNITURE_FILE, "utf8").split("\n").concat(PAGE_PHRASES);
  for (const raw of lines) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    if (line.endsWith("…")) prefixes.push(bareForm(line.slice(0, -1)));
    else whole.add(bareForm(line));
  }
  lexicon = { whole, prefixes };
  return lexicon;
}

/** Furniture is short: a paragraph of the article is never taken for it. */
const MAX_FURNITURE_CHARS = 160;
/** A read-more line ("اقرأ أيضاً: <headline>") may carry a headline. */
const MAX_PREFIXED_CHARS = 300;

/** Whether a line or block of text is page furniture ("شارك"، "+ الخط -"، "اقرأ أيضاً: ..."). */
export function isFurnitureText(text: string): boolean {
  const t = text.trim();
  if (t.length > MAX_PREFIXED_CHARS) return false;
  const lex = loadLexicon();
  const bare = bareForm(t);
  if (bare.length === 0) return t.length > 0; // symbols only: "+ -", "***", "|"
  if (t.length <= MAX_FURNITURE_CHARS && lex.whole.has(bare)) return true;
  // A row of share buttons: every word is itself furniture ("فيسبوك تويتر واتساب").
  if (t.length <= MAX_FURNITURE_CHARS && bare.split(" ").every((w) => lex.whole.has(w)))
    return true;
  return lex.prefixes.some((p) => bare === p || bare.startsWith(`${p} `));
}

/** Elements that are never article text. */
const NEVER_TEXT =
  "script, style, noscript, template, iframe, object, embed, form, button, input, select, textarea, nav, aside, footer, svg, canvas, video, audio";

/** Class or id words of furniture containers (matched per word of a class, between - and _). */
const FURNITURE_CLASS =
  /(^|[-_])(share|shares|sharing|sharethis|addthis|social|socials|tags?|taglist|keywords|related|newsletter|subscribe|subscription|fontsize|font-size|font-controls?|text-size|textsize|contributors?|author-box|authorbox|breadcrumbs?|comments?|disqus|advert|adverts|advertisement|ads?|ad-slot|promo|readmore|read-more|more-stories|most-read|mostread|most-viewed|popular|trending|taboola|outbrain|toolbar|sidebar|newsletter-signup|cookie|gdpr)([-_]|$)/i;

const FURNITURE_ROLES = new Set([
  "navigation",
  "complementary",
  "banner",
  "contentinfo",
  "toolbar",
]);

/** A container that holds an article's paragraphs is never removed, whatever its class says. */
const MAX_REMOVED_TEXT = 600;

function linkDensity(el: DomElement): number {
  const all = textOf(el).length;
  if (all === 0) return 0;
  let links = 0;
  for (const a of el.querySelectorAll("a")) links += textOf(a).length;
  return links / all;
}

/**
 * WordPress marks a post's own container with its tags and categories ("tag-idlib",
 * "category-news"): those words name the post, not a tag list.
 */
const POST_CLASS = /^(tag|category)-(?!(list|cloud|links|box)$)/i;

function hasFurnitureClass(el: DomElement): boolean {
  const words = `${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""}`
    .split(/\s+/)
    .filter((w) => w && !POST_CLASS.test(w));
  if (words.some((w) => FURNITURE_CLASS.test(w))) return true;
  return FURNITURE_ROLES.has((el.getAttribute("role") ?? "").toLowerCase());
}

/** Paragraphs of prose (long, not links): two of them make a block the article, whatever its class. */
const PROSE_CHARS = 60;

function holdsProse(el: DomElement): boolean {
  let prose = 0;
  for (const p of el.querySelectorAll("p")) {
    if (textOf(p).length >= PROSE_CHARS && linkDensity(p) < 0.3 && ++prose >= 2) return true;
  }
  return false;
}

/** Small enough, or made of links enough, to be furniture and not the article's container. */
function isSmall(el: DomElement): boolean {
  if (linkDensity(el) >= 0.5) return true;
  return textOf(el).length <= MAX_REMOVED_TEXT && !holdsProse(el);
}

/** A list of links only: related stories, tags, more from the section. */
function isLinkList(el: DomElement): boolean {
  if (el.tagName !== "UL" && el.tagName !== "OL") return false;
  return textOf(el).length > 0 && linkDensity(el) >= 0.8;
}

/**
 * Whether an element sits inside running prose: a sibling text node holds words. "تويتر" is
 * furniture as a button, but not in "قال في تغريدة على <a>تويتر</a> إن". Answered once per
 * parent (`seen`): a row of a hundred thousand buttons made this quadratic.
 */
function inRunningText(el: DomElement, seen: Map<DomNode, boolean>): boolean {
  const parent = el.parentNode;
  if (!parent) return false;
  let prose = seen.get(parent);
  if (prose === undefined) {
    prose = false;
    for (const sibling of parent.childNodes) {
      if (sibling.nodeType === TEXT_NODE && /[\p{L}\p{N}]/u.test(sibling.textContent ?? "")) {
        prose = true;
        break;
      }
    }
    seen.set(parent, prose);
  }
  return prose;
}

/** Removes furniture from the page in place. Call before Readability and after captions. */
export function removeFurniture(doc: DomDocument): void {
  for (const el of Array.from(doc.body.querySelectorAll(NEVER_TEXT))) el.remove();
  const prose = new Map<DomNode, boolean>();
  for (const el of Array.from(doc.body.querySelectorAll("*"))) {
    if (!el.parentNode) continue; // inside something already removed
    if (el.tagName === "ARTICLE" || el.tagName === "MAIN") continue;
    if ((hasFurnitureClass(el) && isSmall(el)) || isLinkList(el)) {
      el.remove();
      continue;
    }
    const text = textOf(el);
    if (text.length === 0 || !isFurnitureText(text) || inRunningText(el, prose)) continue;
    // A heading of a furniture block ("مواضيع ذات صلة", "المساهمون") takes the links under it along.
    const next = el.nextElementSibling;
    if (next && textOf(next).length > 0 && linkDensity(next) >= 0.5) next.remove();
    el.remove();
  }
}
