/**
 * Articles: `POST /api/articles` (text, HTML or a URL to fetch → analysed and stored),
 * `GET /api/articles` (full-text search, outlet, date range), `GET /api/articles/{id}`.
 */
import {
  extractHtml,
  type IngestedArticle,
  ingestUrl,
  storedFields,
  toArticle,
} from "../../ingest/index.js";
import type { Article } from "../../types.js";
import { readJsonObject } from "../body.js";
import { toProblem } from "../errors.js";
import { pageJson } from "../paging.js";
import { BodyFields, dateRange, PAGE_PARAMS, parseQuery } from "../params.js";
import { ApiProblem, notFound } from "../problems.js";
import type { Deps, Routes } from "../routes.js";

const SEARCH = {
  q: {
    type: "string",
    maxLength: 500,
    description:
      "Words that must all occur, matched after rasd's normalisation (harakat, hamza forms, taa marbuta).",
  },
  ...dateRange("publication date"),
  outlet: { type: "string", maxLength: 300, description: "The outlet, exactly as stored." },
  story: {
    type: "string",
    maxLength: 100,
    description: "Only the articles of this story (near-duplicates, `s-…`).",
  },
  ...PAGE_PARAMS,
} as const;

const BODY_FIELDS = ["text", "html", "url", "title", "published", "outlet"] as const;

/** What the page said about itself, for an article read from HTML or a URL. */
function extracted(a: IngestedArticle) {
  return {
    title: a.title ?? null,
    published: a.published ?? null,
    modified: a.modified ?? null,
    outlet: a.outlet ?? null,
    author: a.author ?? null,
    section: a.section ?? null,
    language: a.language ?? null,
    url: a.url ?? null,
    canonical_url: a.canonicalUrl ?? null,
    captions: a.captions.map((x) => ({ text: x.text, credit: x.credit ?? null })),
    encoding: a.encoding ?? null,
  };
}

export function registerArticles(r: Routes, deps: Deps): void {
  r.add(
    "POST",
    "/api/articles",
    {
      tag: "articles",
      summary: "Submit an article (text, HTML or a URL); it is analysed and stored",
      description:
        "Exactly one of `text`, `html` or `url` carries the article. `html` goes through rasd's page extractor; `url` is fetched (time and size limits; public addresses only) and extracted. The answer holds the stored article, the ids of its merged events and the analysis.",
      body: {
        text: { type: "string", description: "The article as plain text." },
        html: { type: "string", description: "The article's HTML page." },
        url: {
          type: "string",
          description:
            "With text or html: where it was published. Alone: the page to fetch and read.",
        },
        title: { type: "string", description: "The headline (wins over the page's)." },
        published: {
          type: "string",
          description: "Publication date, YYYY-MM-DD or ISO 8601 date-time (the date as written).",
        },
        outlet: { type: "string", description: "The outlet that published it." },
      },
      responses: {
        201: "stored: {created: true, article, event_ids, story_id, analysis, extracted}",
        200: "already stored (same content hash): the stored article, nothing changed",
        400: "invalid fields or malformed JSON",
        401: "missing or wrong token",
        413: "body over the limit",
        415: "not JSON",
        422: "the article is refused: empty, not Arabic, not an article page…",
        502: "fetching the URL failed",
        504: "fetching the URL timed out",
      },
    },
    async (c) => {
      const body = await readJsonObject(c, deps.maxBodyBytes);
      const f = new BodyFields(body, BODY_FIELDS);
      const text = f.string("text");
      const html = f.string("html");
      const url = f.url("url");
      const title = f.string("title", { maxLength: 2000, trim: true }) || undefined;
      const published = f.date("published");
      const outlet = f.string("outlet", { maxLength: 300, trim: true }) || undefined;
      if (f.has("text") && f.has("html"))
        f.add("html", "give the article as text or as html, not both");
      if (!f.has("text") && !f.has("html") && !f.has("url"))
        f.add("text", "missing: give the article as text, html or url");
      f.done();

      let article: Article;
      let page: IngestedArticle | null = null;
      if (text !== undefined) {
        article = { text };
        if (url !== undefined) article.url = url;
      } else {
        try {
          page =
            html !== undefined
              ? extractHtml(html, {
                  where: "the posted HTML",
                  ...(url !== undefined ? { url } : {}),
                })
              : await ingestUrl(url as string, {
                  fetch: deps.fetch,
                  timeoutMs: deps.fetchTimeoutMs,
                  maxBytes: deps.fetchMaxBytes,
                  signal: c.req.raw.signal,
                });
        } catch (e) {
          if (c.req.raw.signal.aborted) {
            // The client went away while the page was being fetched: nobody reads this answer.
            throw new ApiProblem("upstream-failed", "the request was aborted by the client");
          }
          throw toProblem(e, html !== undefined ? "html" : "url") ?? e;
        }
        article = toArticle(page);
      }
      if (title !== undefined) article.title = title;
      if (published !== undefined) article.published = published;
      if (outlet !== undefined) article.outlet = outlet;

      const analysis = deps.analyze(article);
      const put = await deps.store.putArticle(storedFields(article, page ?? undefined), analysis);
      if (put.created) deps.onWrite();
      const stored = await deps.store.getArticle(put.article_id);
      if (!stored) throw new Error(`article ${put.article_id} vanished after being stored`);
      const {
        annotations: _a,
        entities: _e,
        places: _p,
        reports: _r,
        claims: _c,
        disputes: _d,
        ...plain
      } = stored;
      if (put.created) c.header("Location", `/api/articles/${put.article_id}`);
      return c.json(
        {
          created: put.created,
          article: plain,
          event_ids: put.event_ids,
          story_id: put.story_id,
          analysis,
          extracted: page ? extracted(page) : null,
        },
        put.created ? 201 : 200,
      );
    },
  );

  r.add(
    "GET",
    "/api/articles",
    {
      tag: "articles",
      summary: "Search and list articles, newest first",
      query: SEARCH,
      responses: {
        200: "{items: article summaries (no text; snippet and matches), next_cursor, next}",
      },
    },
    async (c) => {
      const q = parseQuery(c.req.url, SEARCH);
      const page = await deps.store.searchArticles({
        ...(q.q !== undefined ? { q: q.q } : {}),
        ...(q.from !== undefined ? { from: q.from } : {}),
        ...(q.to !== undefined ? { to: q.to } : {}),
        ...(q.outlet !== undefined ? { outlet: q.outlet } : {}),
        ...(q.story !== undefined ? { storyId: q.story } : {}),
        ...(q.limit !== undefined ? { limit: q.limit } : {}),
        ...(q.cursor !== undefined ? { cursor: q.cursor } : {}),
      });
      return pageJson(c, page);
    },
  );

  r.add(
    "GET",
    "/api/articles/{id}",
    {
      tag: "articles",
      summary:
        "One article: text, metadata, annotations, entities, places, event reports, claims, disputes",
      responses: { 200: "the article", 404: "no such article" },
    },
    async (c) => {
      parseQuery(c.req.url, {});
      const id = c.req.param("id") ?? "";
      const article = id.length <= 200 ? await deps.store.getArticle(id) : null;
      if (!article) throw notFound(`no article ${JSON.stringify(id)}`);
      return c.json(article);
    },
  );
}
