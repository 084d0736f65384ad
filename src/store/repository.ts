/**
 * The repository: the `Store` interface over one backend. Writes run in one transaction each
 * (`backend.write`): an article, its mentions, places, reports, merged events, claims and
 * disputes are stored together or not at all. The work itself lives beside this file, one
 * concern each: analysis.ts (writing an analysis), events.ts (merged events), queries.ts
 * (reading), stories.ts, feeds.ts.
 */
import { Migrator } from "kysely";
import type { AnalysisResult } from "../output/json.js";
import {
  analysisRows,
  checkAnalysis,
  checkTextLength,
  DeferredRows,
  eventIdsOf,
  removeAnalysis,
  writeAnalysis,
} from "./analysis.js";
import type { Backend } from "./backend.js";
import { runCompiled } from "./compiled.js";
import { StoreError } from "./errors.js";
import { refreshEvents } from "./events.js";
import * as feeds from "./feeds.js";
import { type PreparedArticle, prepareArticle } from "./prepare.js";
import * as queries from "./queries.js";
import { annotationsOf, type Db, insertRows, json, nowIso } from "./rows.js";
import { migrationProvider } from "./schema/migrations.js";
import * as stories from "./stories.js";
import type {
  ActorQuery,
  ArticleInput,
  ArticleQuery,
  BatchPutResult,
  ClaimQuery,
  DisputeQuery,
  EventQuery,
  FeedInput,
  FeedPatch,
  FeedQuery,
  MergeOptions,
  PlaceQuery,
  PollOutcome,
  PutItem,
  PutOptions,
  PutResult,
  SchemaVersion,
  SourceQuery,
  Store,
} from "./types.js";

/** An article of a batch, checked, with its row ready but for the text and the times. */
interface CheckedItem extends PreparedArticle {
  item: PutItem;
}

export class Repository implements Store {
  constructor(
    private readonly b: Backend,
    private readonly merge: MergeOptions,
  ) {}

  get backend() {
    return this.b.kind;
  }

  // Schema ------------------------------------------------------------------------------------

  private migrator(): Migrator {
    return new Migrator({
      db: this.b.db,
      provider: migrationProvider(this.b.kind),
      ...(this.b.migrationSchema !== undefined
        ? { migrationTableSchema: this.b.migrationSchema }
        : {}),
    });
  }

  async migrate(): Promise<string[]> {
    const { error, results } = await this.migrator().migrateToLatest();
    if (error) throw error;
    return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
  }

  async schemaVersion(): Promise<SchemaVersion> {
    const all = await this.migrator().getMigrations();
    const applied = all.filter((m) => m.executedAt !== undefined);
    return { version: applied.length, name: applied.at(-1)?.name ?? null, latest: all.length };
  }

  async close(): Promise<void> {
    await this.b.close();
  }

  // Writing articles --------------------------------------------------------------------------

  async putArticle(
    article: ArticleInput,
    analysis: AnalysisResult,
    options: PutOptions = {},
  ): Promise<PutResult> {
    const [r] = await this.putArticles([{ article, analysis, options }]);
    const { linked: _, ...result } = r as BatchPutResult;
    return result;
  }

  async putArticles(items: readonly PutItem[]): Promise<BatchPutResult[]> {
    // Checked, hashed and serialised before the transaction: the write lock is held for the
    // writing only.
    const checked = items.map((item, i): CheckedItem => {
      try {
        let prepared = item.prepared;
        if (prepared) checkTextLength(item.article.text, prepared.analysis.textLength);
        else if (item.analysis)
          prepared = prepareArticle(item.article, item.analysis, item.options);
        else throw new StoreError("an article to store needs its analysis", "bad-input");
        return { item, ...prepared };
      } catch (error) {
        if (error instanceof StoreError && items.length > 1) {
          throw new StoreError(`article ${i + 1} of the batch: ${error.message}`, error.code);
        }
        throw error;
      }
    });
    if (checked.length === 0) return [];
    return this.b.write(async (trx) => {
      const now = nowIso();
      const out: BatchPutResult[] = [];
      const placesWritten = new Map<string, string>();
      const deferred = new DeferredRows();
      for (const c of checked) {
        out.push(await this.putChecked(trx, c, now, placesWritten, deferred));
      }
      await deferred.flush(trx);
      return out;
    });
  }

  /** One checked article, inside the batch's transaction. */
  private async putChecked(
    trx: Db,
    c: CheckedItem,
    now: string,
    placesWritten: Map<string, string>,
    deferred: DeferredRows,
  ): Promise<BatchPutResult> {
    const [existing] = (
      await runCompiled(
        trx,
        "article by content hash",
        () =>
          trx
            .selectFrom("articles")
            .select(["id", "story_id", "analyzed_with"])
            .where("content_hash", "=", c.hash),
        [c.hash],
      )
    ).rows;
    if (existing) {
      return {
        article_id: existing.id,
        created: false,
        story_id: existing.story_id,
        analyzed_with: existing.analyzed_with,
        event_ids: await eventIdsOf(trx, existing.id),
        linked: false,
      };
    }
    const r = c.row;
    // Every column named, in one order (the statement is compiled once).
    await insertRows(trx, "articles", [
      {
        id: r.id,
        url: r.url,
        canonical_url: r.canonical_url,
        outlet: r.outlet,
        title: r.title,
        title_norm: r.title_norm,
        published: r.published,
        text: c.item.article.text,
        normalized_text: r.normalized_text,
        content_hash: r.content_hash,
        text_hash: r.text_hash,
        story_id: r.story_id,
        ingested_at: r.ingested_at ?? now,
        analyzed_with: r.analyzed_with,
        analyzed_at: now,
        annotations: r.annotations,
      },
    ]);
    // The same text already stored from another outlet: one story.
    const [twin] = (
      await runCompiled(
        trx,
        "first other article of a text",
        () =>
          trx
            .selectFrom("articles")
            .select(["id", "story_id"])
            .where("text_hash", "=", r.text_hash)
            .where("id", "<>", c.id)
            .orderBy("seq")
            .limit(1),
        [r.text_hash, c.id, 1],
      )
    ).rows;
    let storyId: string | null = null;
    if (twin) storyId = await stories.joinStory(trx, twin.id, twin.story_id, [c.id], now);
    const eventIds = await writeAnalysis(trx, c.analysis, {
      merge: this.merge,
      touched: new Set(),
      now,
      placesWritten,
      deferred,
    });
    let linked = false;
    const near = c.item.nearDuplicateOf;
    if (storyId === null && near !== undefined && near !== c.id) {
      const other = await trx
        .selectFrom("articles")
        .select(["id", "story_id"])
        .where("id", "=", near)
        .executeTakeFirst();
      if (other) {
        // As linkStory(new article, other) would: into the other's story, or a story of the two
        // named after the new article.
        storyId = other.story_id
          ? await stories.joinStory(trx, other.id, other.story_id, [c.id], now)
          : await stories.joinStory(trx, c.id, null, [other.id], now);
        linked = true;
      }
    }
    return {
      article_id: c.id,
      created: true,
      story_id: storyId,
      analyzed_with: c.row.analyzed_with,
      event_ids: eventIds,
      linked,
    };
  }

  async reanalyze(
    articleId: string,
    analysis: AnalysisResult,
    version?: string,
  ): Promise<PutResult> {
    return this.b.write(async (trx) => {
      const a = await trx
        .selectFrom("articles")
        .select(["text", "content_hash", "story_id"])
        .where("id", "=", articleId)
        .executeTakeFirst();
      if (!a) throw new StoreError(`no article ${articleId}`, "not-found");
      checkAnalysis(a.text, analysis);
      const now = nowIso();
      const analyzedWith = version ?? analysis.rasd_version;
      const touched = await removeAnalysis(trx, articleId);
      await trx
        .updateTable("articles")
        .set({
          analyzed_with: analyzedWith,
          analyzed_at: now,
          annotations: json(annotationsOf(analysis)),
        })
        .where("id", "=", articleId)
        .execute();
      const eventIds = await writeAnalysis(
        trx,
        analysisRows(articleId, a.content_hash, a.text, analysis),
        { merge: this.merge, touched, now },
      );
      return {
        article_id: articleId,
        created: false,
        story_id: a.story_id,
        analyzed_with: analyzedWith,
        event_ids: eventIds,
      };
    });
  }

  async deleteArticle(articleId: string): Promise<boolean> {
    return this.b.write(async (trx) => {
      const a = await trx
        .selectFrom("articles")
        .select(["story_id"])
        .where("id", "=", articleId)
        .executeTakeFirst();
      if (!a) return false;
      const touched = await removeAnalysis(trx, articleId);
      await trx.deleteFrom("articles").where("id", "=", articleId).execute();
      await refreshEvents(trx, touched, nowIso());
      if (a.story_id) await stories.tidyStory(trx, a.story_id);
      return true;
    });
  }

  // Reading ------------------------------------------------------------------------------------

  getArticle(id: string) {
    return queries.getArticle(this.b.db, id);
  }

  storedArticleIds(ids: readonly string[]) {
    return queries.storedArticleIds(this.b.db, ids);
  }

  findArticleByUrl(url: string) {
    return queries.findArticleByUrl(this.b.db, url);
  }

  searchArticles(query: ArticleQuery) {
    return queries.searchArticles(this.b, query);
  }

  listEvents(query: EventQuery = {}) {
    return queries.listEvents(this.b.db, query);
  }

  listMapEvents(query: EventQuery = {}) {
    return queries.listMapEvents(this.b.db, query);
  }

  getEvent(id: string) {
    return queries.getEvent(this.b.db, id);
  }

  listClaims(query: ClaimQuery = {}) {
    return queries.listClaims(this.b.db, query);
  }

  listDisputes(query: DisputeQuery = {}) {
    return queries.listDisputes(this.b.db, query);
  }

  listPlaces(query: PlaceQuery = {}) {
    return queries.listPlaces(this.b.db, query);
  }

  listActors(query: ActorQuery = {}) {
    return queries.listActors(this.b.db, query);
  }

  listSources(query: SourceQuery = {}) {
    return queries.listSources(this.b.db, query);
  }

  // Stories ------------------------------------------------------------------------------------

  linkStory(articleId: string, otherArticleId: string) {
    return stories.linkStory(this.b, articleId, otherArticleId);
  }

  unlinkStory(articleId: string) {
    return stories.unlinkStory(this.b, articleId);
  }

  getStory(id: string) {
    return stories.getStory(this.b.db, id);
  }

  // Feeds --------------------------------------------------------------------------------------

  addFeed(input: FeedInput) {
    return feeds.addFeed(this.b, input);
  }

  getFeed(id: string) {
    return feeds.getFeed(this.b.db, id);
  }

  listFeeds(query: FeedQuery = {}) {
    return feeds.listFeeds(this.b.db, query);
  }

  updateFeed(id: string, patch: FeedPatch) {
    return feeds.updateFeed(this.b, id, patch);
  }

  removeFeed(id: string) {
    return feeds.removeFeed(this.b, id);
  }

  recordPoll(id: string, outcome: PollOutcome) {
    return feeds.recordPoll(this.b, id, outcome);
  }

  unseenItems(feedId: string, keys: string[]) {
    return feeds.unseenItems(this.b.db, feedId, keys);
  }

  markSeen(feedId: string, keys: string[], articleId: string | null = null) {
    return feeds.markSeen(this.b, feedId, keys, articleId);
  }
}
