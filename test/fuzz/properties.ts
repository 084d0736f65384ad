/**
 * The fuzz suite's properties, run by test/fuzz/*.test.ts with fixed seeds and a few hundred
 * inputs each, and by `npm run bench:fuzz` with many more. Each names what it feeds and checks:
 *
 * - analyze: word soups of real Arabic words and odd characters, the seed article mangled, and
 *   any string at all — analysed (every check of checks.ts, twice, the same) or refused with an
 *   InputError;
 * - HTML pages (tag soups nested deep, broken markup, entities, charset declarations, as text or
 *   bytes) — read as an article that analyses, or refused with an IngestError;
 * - bytes of any kind through the charset decoder — always decoded;
 * - feeds (RSS, Atom and JSON shapes, broken, with entity bombs and CDATA) and any bytes — read
 *   as a feed whose items have keys, or refused with a FeedError.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import type { AnalyzeOptions } from "../../src/index.js";
import { decodeBytes, encodingName } from "../../src/ingest/charset.js";
import { FeedError, IngestError } from "../../src/ingest/errors.js";
import { parseFeedBytes, parseFeedText } from "../../src/ingest/feeds.js";
import { extractHtml } from "../../src/ingest/html.js";
import { toArticle } from "../../src/ingest/index.js";
import type { Article } from "../../src/types.js";
import { SEED } from "../helpers.js";
import { CALL_BUDGET_MS, checkArticle, withinBudget } from "./checks.js";
import { arabicWords, PIECES } from "./inputs.js";

export interface FuzzProperty<T> {
  name: string;
  arbitrary: fc.Arbitrary<T>;
  /** Throws (an assertion) when the property fails for `input`. */
  check: (input: T) => void;
  /** Inputs tried by the test suite (the bench takes its own count). */
  runs: number;
}

const lists = arabicWords();
/** A word or phrase rasd knows: triggers, actors and places often enough to make events. */
const word = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...lists.common) },
  { weight: 2, arbitrary: fc.constantFrom(...lists.lexicon) },
  { weight: 2, arbitrary: fc.constantFrom(...lists.actors) },
  { weight: 2, arbitrary: fc.constantFrom(...lists.places) },
);
const piece = fc.constantFrom(...PIECES);
const separator = fc.constantFrom(" ", " ", " ", "", "\n", "\n\n", "، ", ". ", " و");

/** Real Arabic words, with odd characters and separators among them. */
export const wordSoup: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.oneof({ weight: 6, arbitrary: word }, piece), separator), {
    minLength: 1,
    maxLength: 250,
    size: "max",
  })
  .map((parts) => parts.map(([w, s]) => w + s).join(""));

/** The seed article with pieces cut out, put in, repeated and cut off anywhere (even mid-pair). */
const edit = fc.oneof(
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text: fc.oneof(piece, word) }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.nat({ max: 200 }) }),
  fc.record({ kind: fc.constant("repeat" as const), at: fc.nat(), length: fc.nat({ max: 300 }) }),
  fc.record({ kind: fc.constant("cut" as const), at: fc.nat(), length: fc.nat({ max: 4000 }) }),
);
type Edit = typeof edit extends fc.Arbitrary<infer E> ? E : never;

function applyEdit(text: string, e: Edit): string {
  const at = text.length === 0 ? 0 : e.at % text.length;
  switch (e.kind) {
    case "insert":
      return text.slice(0, at) + e.text + text.slice(at);
    case "delete":
      return text.slice(0, at) + text.slice(at + e.length);
    case "repeat":
      return text.slice(0, at + e.length) + text.slice(at);
    case "cut":
      return text.slice(at, at + Math.max(1, e.length));
  }
}

export const mangledSeed: fc.Arbitrary<string> = fc
  .array(edit, { minLength: 1, maxLength: 12 })
  .map((edits) => edits.reduce(applyEdit, SEED));

const anyString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.string({ unit: "grapheme", maxLength: 300 }),
  fc.string({ maxLength: 300 }),
);

const isoDate = fc
  .date({ min: new Date("1990-01-01"), max: new Date("2030-12-31"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const metaText = fc.oneof(word, piece, fc.string({ unit: "binary", maxLength: 30 }));

/** An article around `text`: sometimes a date (a real one, or not), an outlet, a title, an id. */
const articleOf = (text: fc.Arbitrary<string>): fc.Arbitrary<Article> =>
  fc
    .record(
      {
        text,
        published: fc.oneof({ weight: 9, arbitrary: isoDate }, fc.string({ maxLength: 12 })),
        outlet: metaText,
        title: metaText,
        id: fc.string({ minLength: 1, maxLength: 12 }),
        url: fc.webUrl(),
      },
      { requiredKeys: ["text"] },
    )
    .map((a) => a as Article);

/** The learned recognizer in one run of five, tokens and sentences in one of four. */
const analyzeOptions: fc.Arbitrary<AnalyzeOptions> = fc.record({
  ner: fc.constantFrom(false, false, false, false, true),
  tokens: fc.constantFrom(false, false, false, true),
});

const analyzeProperty = (
  name: string,
  text: fc.Arbitrary<string>,
  runs: number,
): FuzzProperty<[Article, AnalyzeOptions]> => ({
  name,
  arbitrary: fc.tuple(articleOf(text), analyzeOptions),
  check: ([article, options]) => {
    checkArticle(article, options);
  },
  runs,
});

// HTML ---------------------------------------------------------------------------------------

const TAGS = [
  "div",
  "p",
  "span",
  "article",
  "section",
  "main",
  "header",
  "footer",
  "nav",
  "aside",
  "h1",
  "h2",
  "figure",
  "figcaption",
  "blockquote",
  "table",
  "tr",
  "td",
  "ul",
  "li",
  "a",
  "b",
  "script",
  "style",
  "noscript",
  "template",
  "svg",
  "iframe",
  "form",
  "button",
  "pre",
  "html",
  "head",
  "body",
  "title",
];
const ATTRIBUTES = [
  "",
  ' class="article-body"',
  ' id="content"',
  ' dir="rtl"',
  ' class="caption"',
  ' itemprop="articleBody"',
  ' style="display:none"',
  " hidden",
  ' class="share social"',
  ' lang="ar"',
];
const RAW_HTML = [
  "<br>",
  "<br/>",
  "<hr>",
  '<img src="x.jpg" alt="صورة">',
  "<!-- تعليق -->",
  "<!--",
  "-->",
  "<![CDATA[ نص ]]>",
  "<!DOCTYPE html>",
  '<meta charset="windows-1256">',
  '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-6">',
  '<meta property="og:title" content="قصف على إدلب">',
  '<meta property="article:published_time" content="2017-11-02T01:30:00+03:00">',
  '<meta property="article:published_time" content="2017-13-45T99:99:99">',
  '<script type="application/ld+json">{"@type":"NewsArticle","headline":"عنوان","datePublished":"2019-05-14"}</script>',
  '<script type="application/ld+json">{"@type": [</script>',
  '<link rel="canonical" href="https://example.org/a">',
  "&amp;",
  "&lt;",
  "&#x202e;",
  "&#0;",
  "&#xD800;",
  "&#1589;",
  "&nbsp;",
  "&bogus;",
  "<",
  ">",
  "</div>",
  "</p></p></p>",
  "<p",
  '"',
];

type Html = string;
const htmlTree: fc.Arbitrary<Html> = fc.letrec<{ node: Html; nodes: Html }>((tie) => ({
  node: fc.oneof(
    { maxDepth: 6, depthIdentifier: "html" },
    wordSoup.map((t) => t.replace(/</g, "")),
    fc.constantFrom(...RAW_HTML),
    fc
      .tuple(
        fc.constantFrom(...TAGS),
        fc.constantFrom(...ATTRIBUTES),
        tie("nodes"),
        fc.constantFrom("closed", "closed", "closed", "unclosed", "mismatched"),
      )
      .map(([tag, attrs, inner, close]) =>
        close === "closed"
          ? `<${tag}${attrs}>${inner}</${tag}>`
          : close === "unclosed"
            ? `<${tag}${attrs}>${inner}`
            : `<${tag}${attrs}>${inner}</${tag === "div" ? "span" : "div"}>`,
      ),
  ),
  nodes: fc.array(tie("node"), { maxLength: 5 }).map((xs) => xs.join("")),
})).nodes;

const htmlPage = fc.oneof(
  htmlTree,
  fc
    .tuple(htmlTree, htmlTree)
    .map(
      ([head, body]) =>
        `<!DOCTYPE html><html lang="ar" dir="rtl"><head>${head}</head><body>${body}</body></html>`,
    ),
);

const win1256 = new TextDecoder("windows-1256");
let toWindows1256: Map<string, number> | undefined;
/** Windows-1256 bytes of `s` (characters it lacks become "?"). */
function encode1256(s: string): Uint8Array {
  if (!toWindows1256) {
    toWindows1256 = new Map();
    for (let b = 0; b < 256; b++) toWindows1256.set(win1256.decode(Uint8Array.of(b)), b);
  }
  const table = toWindows1256;
  return Uint8Array.from([...s].map((c) => table.get(c) ?? 0x3f));
}

/** A page as a string, as UTF-8 bytes, as windows-1256 bytes, or with bytes spliced in. */
const htmlInput = fc.oneof(
  htmlPage,
  htmlPage.map((h) => new TextEncoder().encode(h)),
  htmlPage.map(encode1256),
  fc.tuple(htmlPage, fc.uint8Array({ maxLength: 64 }), fc.nat()).map(([h, junk, at]) => {
    const bytes = new TextEncoder().encode(h);
    const i = bytes.length === 0 ? 0 : at % bytes.length;
    return Uint8Array.from([...bytes.subarray(0, i), ...junk, ...bytes.subarray(i)]);
  }),
);

const contentType = fc.option(
  fc.constantFrom(
    "text/html",
    "text/html; charset=utf-8",
    "text/html; charset=windows-1256",
    'text/html; charset="iso-8859-6"',
    "text/html; charset=utf-16",
    "text/html; charset=nonsense",
    "text/html; charset=",
    "application/xhtml+xml; charset=UTF-8",
  ),
  { nil: undefined },
);

/** A page read as an article whose analysis passes every check, or an IngestError. */
export const htmlProperty: FuzzProperty<[string | Uint8Array, string | undefined, boolean]> = {
  name: "HTML pages: read and analysed, or refused with an IngestError",
  arbitrary: fc.tuple(htmlInput, contentType, fc.boolean()),
  check: ([input, type, requireArabic]) => {
    let article: ReturnType<typeof extractHtml>;
    try {
      article = withinBudget("extractHtml", CALL_BUDGET_MS, () =>
        extractHtml(input, { contentType: type ?? null, requireArabic, url: "https://x.test/a" }),
      );
    } catch (error) {
      if (error instanceof IngestError) return;
      throw error;
    }
    assert.ok(article.text.trim().length > 0, "an article with no text");
    assert.match(article.contentHash, /^[0-9a-f]{64}$/);
    for (const c of article.captions) assert.equal(typeof c.text, "string");
    if (requireArabic) checkArticle(toArticle(article));
  },
  runs: 120,
};

// Character sets ---------------------------------------------------------------------------

const DECLARATIONS = [
  "",
  '<meta charset="utf-8">',
  '<meta charset="windows-1256">',
  "<meta charset=>",
  '<meta charset="x-unknown-label">',
  '<meta http-equiv="content-type" content="text/html; charset=utf-16le">',
  '<?xml version="1.0" encoding="ISO-8859-6"?>',
  '<?xml version="1.0" encoding="',
  "<!-- <meta charset=latin1> -->",
];
const BOMS = [[], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0xef, 0xbb]];

/** Bytes of any kind, behind a byte-order mark or a declaration or neither. */
const anyBytes = fc
  .tuple(
    fc.constantFrom(...BOMS),
    fc.constantFrom(...DECLARATIONS),
    fc.oneof(
      fc.uint8Array({ maxLength: 600 }),
      fc.string({ unit: "binary", maxLength: 200 }).map((s) => new TextEncoder().encode(s)),
    ),
  )
  .map(([bom, declaration, body]) =>
    Uint8Array.from([...bom, ...new TextEncoder().encode(declaration), ...body]),
  );

export const charsetProperty: FuzzProperty<[Uint8Array, string | undefined, string | undefined]> = {
  name: "character sets: any bytes decode, with a known encoding",
  arbitrary: fc.tuple(
    anyBytes,
    contentType,
    fc.option(fc.constantFrom("windows-1256", "iso-8859-6", "utf-8", "bogus"), {
      nil: undefined,
    }),
  ),
  check: ([bytes, type, fallback]) => {
    const decoded = decodeBytes(bytes, {
      contentType: type ?? null,
      ...(fallback ? { fallback } : {}),
    });
    assert.equal(typeof decoded.text, "string");
    assert.ok(encodingName(decoded.encoding), `unknown encoding ${decoded.encoding}`);
    assert.notEqual(decoded.text.charCodeAt(0), 0xfeff, "the byte-order mark is kept");
  },
  runs: 400,
};

// Feeds ------------------------------------------------------------------------------------

const feedText = fc.oneof(
  wordSoup.map((t) => t.replace(/[<&]/g, "")),
  wordSoup.map((t) => `<![CDATA[<p>${t}</p>]]>`),
  fc.constantFrom(
    "&amp;",
    "&lt;p&gt;",
    "&#1589;",
    "&#x0;",
    "&bogus;",
    "&lol9;",
    "<![CDATA[",
    "]]>",
    "<",
    "&",
    "",
    "https://example.org/a?b=1&amp;c=2",
    "/relative/link",
    "javascript:alert(1)",
    "Sun, 14 Jun 2020 15:20:31 +0300",
    "2019-05-14T10:21:00Z",
    "not a date",
  ),
);
const FIELDS = ["title", "link", "guid", "pubDate", "description", "dc:creator", "content:encoded"];
const ATOM_FIELDS = ["title", "id", "published", "updated", "summary", "content", "author"];

const element = (names: string[]) =>
  fc
    .tuple(fc.constantFrom(...names), feedText, fc.constantFrom("closed", "closed", "unclosed"))
    .map(([n, t, c]) => (c === "closed" ? `<${n}>${t}</${n}>` : `<${n}>${t}`));

const rss = fc
  .tuple(feedText, fc.array(fc.array(element(FIELDS), { maxLength: 6 }), { maxLength: 6 }))
  .map(
    ([title, items]) =>
      `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>${title}</title><link>https://example.org/</link>${items.map((i) => `<item>${i.join("")}</item>`).join("")}</channel></rss>`,
  );
const atom = fc
  .tuple(
    feedText,
    fc.array(fc.tuple(fc.array(element(ATOM_FIELDS), { maxLength: 6 }), fc.option(feedText)), {
      maxLength: 6,
    }),
  )
  .map(
    ([title, entries]) =>
      `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>${title}</title>${entries
        .map(
          ([fields, href]) =>
            `<entry>${fields.join("")}${href === null ? "" : `<link rel="alternate" href="${href.replace(/"/g, "")}"/>`}</entry>`,
        )
        .join("")}</feed>`,
  );
const jsonFeed = fc
  .record({
    version: fc.constantFrom("https://jsonfeed.org/version/1.1", "1", ""),
    title: feedText,
    items: fc.array(
      fc.record(
        { id: feedText, url: feedText, title: feedText, content_html: feedText },
        { requiredKeys: [] },
      ),
      { maxLength: 5 },
    ),
  })
  .map((f) => JSON.stringify(f));
const ENTITY_BOMB = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol">${Array.from(
  { length: 9 },
  (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ""};`.repeat(10)}">`,
).join(
  "",
)}]><rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><link>https://x.test/1</link></item></channel></rss>`;

/** A feed: RSS, Atom or JSON, whole, cut off, with junk spliced in, or an entity bomb. */
const feedBody = fc.oneof(
  rss,
  atom,
  jsonFeed,
  fc.constant(ENTITY_BOMB),
  fc
    .tuple(fc.oneof(rss, atom, jsonFeed), fc.nat())
    .map(([f, at]) => f.slice(0, at % (f.length + 1))),
  fc
    .tuple(
      fc.oneof(rss, atom),
      fc.constantFrom(...RAW_HTML, "<item>", "</channel>", "]]>"),
      fc.nat(),
    )
    .map(([f, junk, at]) => {
      const i = at % (f.length + 1);
      return f.slice(0, i) + junk + f.slice(i);
    }),
  anyString,
);

/** Items whose keys, links and titles are strings; links resolved, never left relative. */
function checkFeed(feed: ReturnType<typeof parseFeedText>): void {
  assert.ok(["rss", "atom", "rdf", "json"].includes(feed.format), `format ${feed.format}`);
  for (const item of feed.items) {
    assert.ok(typeof item.key === "string" && item.key.length > 0, "an item without a key");
    for (const k of ["guid", "link", "title", "published", "summary", "content"] as const)
      if (item[k] !== undefined) assert.equal(typeof item[k], "string", `item.${k}`);
    if (item.published !== undefined)
      assert.ok(!Number.isNaN(Date.parse(item.published)), `published ${item.published}`);
  }
  // An entity bomb must not be expanded: no field grows beyond what the body held.
  assert.ok(JSON.stringify(feed).length < 1_000_000, "the feed grew while parsed");
}

export const feedProperty: FuzzProperty<string> = {
  name: "feeds: parsed, or refused with a FeedError",
  arbitrary: feedBody,
  check: (body) => {
    let feed: ReturnType<typeof parseFeedText>;
    try {
      feed = withinBudget("parseFeedText", CALL_BUDGET_MS, () =>
        parseFeedText(body, { url: "https://example.org/feed.xml" }),
      );
    } catch (error) {
      if (error instanceof FeedError) return;
      throw error;
    }
    checkFeed(feed);
  },
  runs: 250,
};

export const feedBytesProperty: FuzzProperty<Uint8Array> = {
  name: "feed bytes: any bytes parsed, or refused with a FeedError",
  arbitrary: fc.oneof(
    anyBytes,
    feedBody.map((b) => new TextEncoder().encode(b)),
    feedBody.map(encode1256),
  ),
  check: (bytes) => {
    let feed: ReturnType<typeof parseFeedText>;
    try {
      feed = parseFeedBytes(bytes, { where: "feed.xml" });
    } catch (error) {
      if (error instanceof FeedError) return;
      throw error;
    }
    checkFeed(feed);
  },
  runs: 250,
};

export const analyzeProperties = [
  analyzeProperty("analyze: Arabic word soups", wordSoup, 120),
  analyzeProperty("analyze: the seed article mangled", mangledSeed, 60),
  analyzeProperty("analyze: any string", anyString, 200),
];

/** Every property, for the bench. */
export const ALL_PROPERTIES = [
  ...analyzeProperties,
  htmlProperty,
  charsetProperty,
  feedProperty,
  feedBytesProperty,
] as unknown as FuzzProperty<unknown>[];
