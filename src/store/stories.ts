/**
 * Stories: near-duplicate articles (one story told by several outlets, or one wire text carried
 * by several) grouped together. Exact copies are grouped on insert; the caller links the rest.
 */
import type { Backend } from "./backend.js";
import { StoreError } from "./errors.js";
import { shortHash } from "./ids.js";
import { ARTICLE_COLUMNS, type Db, nowIso, toSummary } from "./rows.js";
import type { Story } from "./types.js";

export async function linkStory(
  b: Backend,
  articleId: string,
  otherArticleId: string,
): Promise<string> {
  return b.write(async (trx) => {
    const rows = await trx
      .selectFrom("articles")
      .select(["id", "story_id"])
      .where("id", "in", [articleId, otherArticleId])
      .execute();
    const a = rows.find((r) => r.id === articleId);
    const b = rows.find((r) => r.id === otherArticleId);
    if (!a) throw new StoreError(`no article ${articleId}`, "not-found");
    if (!b) throw new StoreError(`no article ${otherArticleId}`, "not-found");
    const now = nowIso();
    if (a.story_id && b.story_id && a.story_id !== b.story_id) {
      // Two stories found to be one: the first article's moves into the other's.
      await trx
        .updateTable("articles")
        .set({ story_id: b.story_id })
        .where("story_id", "=", a.story_id)
        .execute();
      await trx.deleteFrom("stories").where("id", "=", a.story_id).execute();
      return b.story_id;
    }
    if (b.story_id) return joinStory(trx, b.id, b.story_id, [a.id], now);
    return joinStory(trx, a.id, a.story_id, [b.id], now);
  });
}

export async function unlinkStory(b: Backend, articleId: string): Promise<void> {
  await b.write(async (trx) => {
    const a = await trx
      .selectFrom("articles")
      .select("story_id")
      .where("id", "=", articleId)
      .executeTakeFirst();
    if (!a) throw new StoreError(`no article ${articleId}`, "not-found");
    if (!a.story_id) return;
    await trx.updateTable("articles").set({ story_id: null }).where("id", "=", articleId).execute();
    await tidyStory(trx, a.story_id);
  });
}

export async function getStory(db: Db, id: string): Promise<Story | null> {
  const story = await db.selectFrom("stories").selectAll().where("id", "=", id).executeTakeFirst();
  if (!story) return null;
  const rows = await db
    .selectFrom("articles")
    .select([...ARTICLE_COLUMNS, "text"])
    .where("story_id", "=", id)
    .orderBy("published")
    .orderBy("seq")
    .execute();
  return {
    id: story.id,
    created_at: story.created_at,
    articles: rows.map((r) => toSummary(r, [])),
  };
}

/** Puts `others` in the story of `anchor`, founding it (named after the anchor) if it has none. */
export async function joinStory(
  trx: Db,
  anchor: string,
  anchorStory: string | null,
  others: string[],
  now: string,
): Promise<string> {
  let storyId = anchorStory;
  if (!storyId) {
    storyId = `s-${shortHash(anchor)}`;
    await trx
      .insertInto("stories")
      .values({ id: storyId, created_at: now })
      .onConflict((oc) => oc.column("id").doNothing())
      .execute();
    await trx.updateTable("articles").set({ story_id: storyId }).where("id", "=", anchor).execute();
  }
  await trx.updateTable("articles").set({ story_id: storyId }).where("id", "in", others).execute();
  return storyId;
}

/** A story of fewer than two articles is no story: dissolved. */
export async function tidyStory(trx: Db, storyId: string): Promise<void> {
  const left = await trx
    .selectFrom("articles")
    .select("id")
    .where("story_id", "=", storyId)
    .limit(2)
    .execute();
  if (left.length >= 2) return;
  await trx
    .updateTable("articles")
    .set({ story_id: null })
    .where("story_id", "=", storyId)
    .execute();
  await trx.deleteFrom("stories").where("id", "=", storyId).execute();
}
