/**
 * The schema, as Kysely migrations provided in code (no migration folder to ship or find).
 * Migrations are named in order (`0001_…`); Kysely records the applied ones in
 * `kysely_migration`, whose count is the schema version. Both backends run the pending ones in
 * one transaction (sqlite.ts says how), so a failed migration leaves the schema as it was.
 *
 * The tables are the same on both backends; only full-text search differs: an FTS5 table kept in
 * step by triggers on SQLite, a generated tsvector column with a GIN index on PostgreSQL.
 */
import { type Kysely, type Migration, type MigrationProvider, sql } from "kysely";
import type { BackendKind } from "../types.js";

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then.
type Db = Kysely<any>;

const initial = (backend: BackendKind): Migration => ({
  async up(db: Db) {
    await db.schema
      .createTable("stories")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();

    let articles = db.schema.createTable("articles");
    articles =
      backend === "sqlite"
        ? articles.addColumn("seq", "integer", (c) => c.primaryKey().autoIncrement())
        : articles.addColumn("seq", "serial", (c) => c.primaryKey());
    await articles
      .addColumn("id", "text", (c) => c.notNull().unique())
      .addColumn("url", "text")
      .addColumn("canonical_url", "text")
      .addColumn("outlet", "text")
      .addColumn("title", "text")
      .addColumn("title_norm", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("published", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("text", "text", (c) => c.notNull())
      .addColumn("normalized_text", "text", (c) => c.notNull())
      .addColumn("content_hash", "text", (c) => c.notNull().unique())
      .addColumn("text_hash", "text", (c) => c.notNull())
      .addColumn("story_id", "text", (c) => c.references("stories.id").onDelete("set null"))
      .addColumn("ingested_at", "text", (c) => c.notNull())
      .addColumn("analyzed_with", "text", (c) => c.notNull())
      .addColumn("analyzed_at", "text", (c) => c.notNull())
      .addColumn("annotations", "text", (c) => c.notNull())
      .execute();
    await index(db, "articles", ["published", "id"]);
    await index(db, "articles", ["outlet", "published"]);
    await index(db, "articles", ["story_id"]);
    await index(db, "articles", ["text_hash"]);
    await index(db, "articles", ["url"]);
    await index(db, "articles", ["canonical_url"]);

    if (backend === "sqlite") {
      // External-content FTS5 over the normalised columns, with positions at first (0003 drops them).
      await createArticlesFts(db, "full");
    } else {
      // 'simple': no stemming and no stop words, so the normalised words are matched as they are.
      await sql`alter table articles add column search tsvector generated always as
        (to_tsvector('simple', title_norm || ' ' || normalized_text)) stored`.execute(db);
      await sql`create index articles_search_idx on articles using gin (search)`.execute(db);
    }

    await db.schema
      .createTable("mentions")
      .addColumn("article_id", "text", (c) =>
        c.notNull().references("articles.id").onDelete("cascade"),
      )
      .addColumn("ordinal", "integer", (c) => c.notNull())
      .addColumn("span_start", "integer", (c) => c.notNull())
      .addColumn("span_end", "integer", (c) => c.notNull())
      .addColumn("type", "text", (c) => c.notNull())
      .addColumn("text", "text", (c) => c.notNull())
      .addColumn("actor_id", "text")
      .addColumn("role", "text")
      .addColumn("affiliation", "text")
      .addColumn("role_span", "text")
      .addColumn("refers_to", "text")
      .addColumn("rule", "text", (c) => c.notNull())
      .addColumn("confidence", "double precision", (c) => c.notNull())
      .addPrimaryKeyConstraint("mentions_pk", ["article_id", "ordinal"])
      .execute();
    await index(db, "mentions", ["actor_id"]);

    await db.schema
      .createTable("places")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("kind", "text")
      .addColumn("latitude", "double precision")
      .addColumn("longitude", "double precision")
      .addColumn("country", "text")
      .addColumn("admin1", "text")
      .addColumn("admin2", "text")
      .execute();
    await index(db, "places", ["country", "admin1"]);
    await index(db, "places", ["latitude", "longitude"]);

    await db.schema
      .createTable("place_mentions")
      .addColumn("article_id", "text", (c) =>
        c.notNull().references("articles.id").onDelete("cascade"),
      )
      .addColumn("ordinal", "integer", (c) => c.notNull())
      .addColumn("span_start", "integer", (c) => c.notNull())
      .addColumn("span_end", "integer", (c) => c.notNull())
      .addColumn("text", "text", (c) => c.notNull())
      .addColumn("place_id", "text", (c) => c.references("places.id"))
      .addColumn("within_id", "text", (c) => c.references("places.id"))
      .addColumn("geo_precision", "integer")
      .addColumn("method", "text", (c) => c.notNull())
      .addColumn("candidates", "integer", (c) => c.notNull())
      .addColumn("confidence", "double precision", (c) => c.notNull())
      .addColumn("record", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("place_mentions_pk", ["article_id", "ordinal"])
      .execute();
    await index(db, "place_mentions", ["place_id"]);
    await index(db, "place_mentions", ["within_id"]);

    await db.schema
      .createTable("actors")
      .addColumn("name", "text", (c) => c.primaryKey())
      .addColumn("inter", "integer")
      .execute();

    await db.schema
      .createTable("sources")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("actor_id", "text")
      .addColumn("allegiance", "text")
      .addUniqueConstraint("sources_kind_name", ["kind", "name"])
      .execute();

    await db.schema
      .createTable("events")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("event_date", "text", (c) => c.notNull())
      .addColumn("time_precision", "integer")
      .addColumn("event_type", "text", (c) => c.notNull())
      .addColumn("sub_event_type", "text", (c) => c.notNull())
      .addColumn("actor1", "text", (c) => c.notNull())
      .addColumn("assoc_actor_1", "text", (c) => c.notNull())
      .addColumn("inter1", "integer")
      .addColumn("actor2", "text", (c) => c.notNull())
      .addColumn("assoc_actor_2", "text", (c) => c.notNull())
      .addColumn("inter2", "integer")
      .addColumn("civilian_targeting", "text", (c) => c.notNull())
      .addColumn("country", "text", (c) => c.notNull())
      .addColumn("admin1", "text", (c) => c.notNull())
      .addColumn("admin2", "text", (c) => c.notNull())
      .addColumn("location", "text", (c) => c.notNull())
      .addColumn("latitude", "double precision")
      .addColumn("longitude", "double precision")
      .addColumn("geo_precision", "integer")
      .addColumn("source", "text", (c) => c.notNull())
      .addColumn("notes", "text", (c) => c.notNull())
      .addColumn("fatalities", "integer", (c) => c.notNull())
      .addColumn("confidence", "double precision", (c) => c.notNull())
      .addColumn("mode", "text", (c) => c.notNull())
      .addColumn("place_id", "text")
      .addColumn("primary_report_id", "text")
      .addColumn("report_count", "integer", (c) => c.notNull())
      .addColumn("article_count", "integer", (c) => c.notNull())
      .addColumn("disputed", "integer", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await index(db, "events", ["event_date", "id"]);
    await index(db, "events", ["event_type", "sub_event_type", "event_date"]);
    await index(db, "events", ["country", "admin1", "event_date"]);
    await index(db, "events", ["latitude", "longitude"]);
    await index(db, "events", ["place_id"]);

    await db.schema
      .createTable("event_reports")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("event_id", "text", (c) => c.notNull().references("events.id"))
      .addColumn("article_id", "text", (c) =>
        c.notNull().references("articles.id").onDelete("cascade"),
      )
      .addColumn("local_id", "text", (c) => c.notNull())
      .addColumn("ordinal", "integer", (c) => c.notNull())
      .addColumn("event_key", "text", (c) => c.notNull())
      .addColumn("event_date", "text", (c) => c.notNull())
      .addColumn("fatalities", "integer", (c) => c.notNull())
      .addColumn("confidence", "double precision", (c) => c.notNull())
      .addColumn("place_id", "text")
      .addColumn("record", "text", (c) => c.notNull())
      .addUniqueConstraint("event_reports_article_local", ["article_id", "local_id"])
      .execute();
    await index(db, "event_reports", ["event_id"]);

    await db.schema
      .createTable("report_sources")
      .addColumn("report_id", "text", (c) =>
        c.notNull().references("event_reports.id").onDelete("cascade"),
      )
      .addColumn("depth", "integer", (c) => c.notNull())
      .addColumn("source_id", "text", (c) => c.notNull().references("sources.id"))
      .addPrimaryKeyConstraint("report_sources_pk", ["report_id", "depth"])
      .execute();
    await index(db, "report_sources", ["source_id"]);

    await db.schema
      .createTable("event_actors")
      .addColumn("event_id", "text", (c) => c.notNull().references("events.id").onDelete("cascade"))
      .addColumn("role", "text", (c) => c.notNull())
      .addColumn("actor", "text", (c) => c.notNull().references("actors.name"))
      .addPrimaryKeyConstraint("event_actors_pk", ["event_id", "role", "actor"])
      .execute();
    await index(db, "event_actors", ["actor"]);

    await db.schema
      .createTable("claims")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("article_id", "text", (c) =>
        c.notNull().references("articles.id").onDelete("cascade"),
      )
      .addColumn("local_id", "text", (c) => c.notNull())
      .addColumn("claim_date", "text", (c) => c.notNull())
      .addColumn("topic", "text", (c) => c.notNull())
      .addColumn("stance", "text", (c) => c.notNull())
      .addColumn("positive", "integer", (c) => c.notNull())
      .addColumn("speaker_kind", "text", (c) => c.notNull())
      .addColumn("speaker_name", "text")
      .addColumn("content_start", "integer", (c) => c.notNull())
      .addColumn("content_end", "integer", (c) => c.notNull())
      .addColumn("content_text", "text", (c) => c.notNull())
      .addColumn("record", "text", (c) => c.notNull())
      .execute();
    await index(db, "claims", ["article_id"]);
    await index(db, "claims", ["claim_date", "id"]);

    await db.schema
      .createTable("claim_events")
      .addColumn("claim_id", "text", (c) => c.notNull().references("claims.id").onDelete("cascade"))
      .addColumn("event_id", "text", (c) => c.notNull().references("events.id").onDelete("cascade"))
      .addPrimaryKeyConstraint("claim_events_pk", ["claim_id", "event_id"])
      .execute();
    await index(db, "claim_events", ["event_id"]);

    await db.schema
      .createTable("disputes")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("article_id", "text", (c) => c.references("articles.id").onDelete("cascade"))
      .addColumn("event_id", "text", (c) => c.references("events.id").onDelete("cascade"))
      .addColumn("local_id", "text")
      .addColumn("question", "text", (c) => c.notNull())
      .addColumn("record", "text", (c) => c.notNull())
      .execute();
    await index(db, "disputes", ["article_id"]);
    await index(db, "disputes", ["event_id"]);

    await db.schema
      .createTable("dispute_events")
      .addColumn("dispute_id", "text", (c) =>
        c.notNull().references("disputes.id").onDelete("cascade"),
      )
      .addColumn("event_id", "text", (c) => c.notNull().references("events.id").onDelete("cascade"))
      .addPrimaryKeyConstraint("dispute_events_pk", ["dispute_id", "event_id"])
      .execute();
    await index(db, "dispute_events", ["event_id"]);

    await db.schema
      .createTable("feeds")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("url", "text", (c) => c.notNull().unique())
      .addColumn("title", "text")
      .addColumn("outlet", "text")
      .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
      .addColumn("poll_interval_s", "integer", (c) => c.notNull())
      .addColumn("etag", "text")
      .addColumn("last_modified", "text")
      .addColumn("last_polled_at", "text")
      .addColumn("last_status", "integer")
      .addColumn("last_error", "text")
      .addColumn("error_count", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("next_poll_at", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();
    await index(db, "feeds", ["next_poll_at"]);

    await db.schema
      .createTable("feed_items")
      .addColumn("feed_id", "text", (c) => c.notNull().references("feeds.id").onDelete("cascade"))
      .addColumn("item_key", "text", (c) => c.notNull())
      .addColumn("seen_at", "text", (c) => c.notNull())
      .addColumn("article_id", "text", (c) => c.references("articles.id").onDelete("set null"))
      .addPrimaryKeyConstraint("feed_items_pk", ["feed_id", "item_key"])
      .execute();
  },

  async down(db: Db) {
    for (const t of [
      "feed_items",
      "feeds",
      "dispute_events",
      "disputes",
      "claim_events",
      "claims",
      "event_actors",
      "report_sources",
      "event_reports",
      "events",
      "sources",
      "actors",
      "place_mentions",
      "places",
      "mentions",
    ]) {
      await db.schema.dropTable(t).execute();
    }
    if (backend === "sqlite") await sql`drop table articles_fts`.execute(db);
    await db.schema.dropTable("articles").execute();
    await db.schema.dropTable("stories").execute();
  },
});

/**
 * Indexes that give the event list its order under each common filter. `listEvents` answers
 * newest first (event_date, id): filtered by country, type or sub-type, an index on that column
 * alone (or with admin1 between) made the database sort every matching event for each page
 * (a country filter took 2 s, a type filter 5 s at a million events); with (column, event_date,
 * id) it reads the page in order. The bounding box's index carries the sort key too, so that the
 * events in a box are ordered from the index alone, without reading their rows.
 */
const eventListIndexes: Migration = {
  async up(db: Db) {
    await index(db, "events", ["country", "event_date", "id"]);
    await index(db, "events", ["event_type", "event_date", "id"]);
    await index(db, "events", ["sub_event_type", "event_date", "id"]);
    await index(db, "events", ["latitude", "longitude", "event_date", "id"]);
    await db.schema.dropIndex("events_latitude_longitude_idx").execute();
  },
  async down(db: Db) {
    await index(db, "events", ["latitude", "longitude"]);
    for (const columns of [
      ["country", "event_date", "id"],
      ["event_type", "event_date", "id"],
      ["sub_event_type", "event_date", "id"],
      ["latitude", "longitude", "event_date", "id"],
    ])
      await db.schema.dropIndex(`events_${columns.join("_")}_idx`).execute();
  },
};

/** SQLite's full-text index of the articles (external content: the text stays in `articles`). */
async function createArticlesFts(db: Db, detail: "full" | "none"): Promise<void> {
  // Diacritics are left to rasd's normalisation, as on PostgreSQL.
  await sql`create virtual table articles_fts using fts5(
    title_norm, normalized_text, content='articles', content_rowid='seq',
    tokenize='unicode61 remove_diacritics 0', detail=${sql.raw(detail)})`.execute(db);
  await sql`create trigger articles_fts_insert after insert on articles begin
    insert into articles_fts(rowid, title_norm, normalized_text)
      values (new.seq, new.title_norm, new.normalized_text);
  end`.execute(db);
  await sql`create trigger articles_fts_delete after delete on articles begin
    insert into articles_fts(articles_fts, rowid, title_norm, normalized_text)
      values ('delete', old.seq, old.title_norm, old.normalized_text);
  end`.execute(db);
  await sql`create trigger articles_fts_update after update of title_norm, normalized_text on articles begin
    insert into articles_fts(articles_fts, rowid, title_norm, normalized_text)
      values ('delete', old.seq, old.title_norm, old.normalized_text);
    insert into articles_fts(rowid, title_norm, normalized_text)
      values (new.seq, new.title_norm, new.normalized_text);
  end`.execute(db);
}

async function dropArticlesFts(db: Db): Promise<void> {
  for (const t of ["insert", "delete", "update"]) {
    await sql`drop trigger if exists ${sql.raw(`articles_fts_${t}`)}`.execute(db);
  }
  await sql`drop table if exists articles_fts`.execute(db);
}

/**
 * SQLite's full-text index without positions (`detail=none`): a search is every word somewhere
 * in the title or text, never a phrase or a NEAR, and no rank is used (results are ordered by
 * date), so positions were never read; writing them was a third of the cost of storing an
 * article. Rebuilt from the articles. Nothing changes on PostgreSQL.
 */
const ftsWithoutPositions = (backend: BackendKind): Migration => ({
  async up(db: Db) {
    if (backend !== "sqlite") return;
    await dropArticlesFts(db);
    await createArticlesFts(db, "none");
    await sql`insert into articles_fts(articles_fts) values ('rebuild')`.execute(db);
  },
  async down(db: Db) {
    if (backend !== "sqlite") return;
    await dropArticlesFts(db);
    await createArticlesFts(db, "full");
    await sql`insert into articles_fts(articles_fts) values ('rebuild')`.execute(db);
  },
});

/**
 * Two indexes no query reads, dropped: every stored article paid for them (17 entity mentions and
 * 17 place mentions an article, each an index entry more). No query looks entity mentions up by
 * actor, nor place mentions by the town they lie in (`listPlaces` counts by `place_id`); places are
 * never deleted, so the foreign key of `within_id` needs no index to be checked either.
 */
const unreadIndexes: Migration = {
  async up(db: Db) {
    await db.schema.dropIndex("mentions_actor_id_idx").execute();
    await db.schema.dropIndex("place_mentions_within_id_idx").execute();
  },
  async down(db: Db) {
    await index(db, "mentions", ["actor_id"]);
    await index(db, "place_mentions", ["within_id"]);
  },
};

async function index(db: Db, table: string, columns: string[]): Promise<void> {
  await db.schema
    .createIndex(`${table}_${columns.join("_")}_idx`)
    .on(table)
    .columns(columns)
    .execute();
}

/** Every migration, by name; names sort in the order they apply. */
export function migrations(backend: BackendKind): Record<string, Migration> {
  return {
    "0001_initial": initial(backend),
    "0002_event_list_indexes": eventListIndexes,
    "0003_fts_without_positions": ftsWithoutPositions(backend),
    "0004_drop_unread_indexes": unreadIndexes,
  };
}

export function migrationProvider(backend: BackendKind): MigrationProvider {
  return { getMigrations: async () => migrations(backend) };
}
