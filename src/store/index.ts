/**
 * rasd's store: articles, their analyses and the events merged across them, in SQLite (embedded,
 * the default) or PostgreSQL (selected by a postgres:// url), behind one repository interface.
 *
 *     import { openStore } from "./store/index.js";
 *     const store = await openStore();                     // .rasd/rasd.db, or $DATABASE_URL
 *     const { article_id } = await store.putArticle(article, analyze(article));
 *     const { items } = await store.listEvents({ country: "Syria", from: "2017-11-01" });
 *
 * docs/store.md describes the schema, the event ids and the merging rule.
 */
import type { Backend } from "./backend.js";
import { StoreError } from "./errors.js";
import { DEFAULT_MERGE } from "./merge.js";
import { openPostgres } from "./postgres.js";
import { Repository } from "./repository.js";
import { openSqlite } from "./sqlite.js";
import type { Store, StoreConfig } from "./types.js";

export { StoreError } from "./errors.js";
export { articleIdFor, contentHash, eventKey, iso3 } from "./ids.js";
export { DEFAULT_MERGE } from "./merge.js";
export { type PreparedArticle, prepareArticle } from "./prepare.js";
export { migrations } from "./schema/migrations.js";
export type * from "./types.js";
export { MAP_EVENT_FIELDS } from "./types.js";

export const DEFAULT_SQLITE_PATH = ".rasd/rasd.db";

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

/**
 * Opens a store and (unless `migrate: false`) brings its schema up to date. Which database:
 * `config.url`, else `config.path` (SQLite), else `$DATABASE_URL`, else `$RASD_DB_PATH`
 * (SQLite), else SQLite at `.rasd/rasd.db`.
 */
export async function openStore(config: StoreConfig = {}): Promise<Store> {
  const backend = await openBackend(config);
  const store = new Repository(backend, { ...DEFAULT_MERGE, ...config.merge });
  if (config.migrate !== false) {
    try {
      await store.migrate();
    } catch (error) {
      await store.close();
      throw error;
    }
  }
  return store;
}

function openBackend(config: StoreConfig): Promise<Backend> | Backend {
  const url =
    config.url ??
    (config.path !== undefined ? `sqlite:${config.path}` : undefined) ??
    process.env.DATABASE_URL ??
    `sqlite:${process.env.RASD_DB_PATH ?? DEFAULT_SQLITE_PATH}`;
  if (POSTGRES_URL.test(url)) return openPostgres(url, config.schema, config.poolSize);
  if (url.startsWith("sqlite:"))
    return openSqlite(url.slice("sqlite:".length).replace(/^\/\//, ""));
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return openSqlite(url);
  throw new StoreError(
    `no backend for ${url.replace(/\/\/[^@/]*@/, "//…@")}: use postgres://… or a SQLite path`,
    "config",
  );
}
