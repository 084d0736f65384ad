/**
 * The embedded backend: one SQLite file through better-sqlite3, in WAL mode (readers never wait
 * for the writer, so an API can read while the poller writes).
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import {
  type DialectAdapter,
  Kysely,
  type SqlBool,
  SqliteAdapter,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteStatement,
  sql,
} from "kysely";
import type { Backend } from "./backend.js";
import type { Database } from "./schema/tables.js";
import { fts5Query } from "./search.js";

/**
 * Kysely runs SQLite migrations outside a transaction (its adapter says SQLite has no
 * transactional DDL, which is wrong for what we do: CREATE TABLE, INDEX, TRIGGER and virtual
 * tables all roll back). Saying so makes the migrator wrap the pending migrations and its own
 * bookkeeping in one transaction, as it does on PostgreSQL.
 */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class TransactionalSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalSqliteAdapter();
  }
}

/** Prepared statements kept per connection (SQL texts: one per query shape and row count). */
const STATEMENT_CACHE = 512;

/**
 * better-sqlite3 as Kysely sees it, with its prepared statements kept: Kysely's driver prepares
 * every query again each time it runs it, which costs as much as running a small INSERT. A
 * statement still being iterated (a streamed select) is not handed out twice: a busy one is
 * prepared afresh. Least recently used statements are dropped past `size`.
 */
export function cachingDatabase(
  raw: BetterSqlite3.Database,
  size = STATEMENT_CACHE,
): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => {
      cache.clear();
      raw.close();
    },
    prepare(text: string): SqliteStatement {
      const hit = cache.get(text);
      if (hit && !hit.busy) {
        // Map order is insertion order: move it to the back (most recently used).
        cache.delete(text);
        cache.set(text, hit);
        return hit as unknown as SqliteStatement;
      }
      const stmt = raw.prepare(text);
      if (!hit) {
        cache.set(text, stmt);
        if (cache.size > size) cache.delete(cache.keys().next().value as string);
      }
      return stmt as unknown as SqliteStatement;
    },
  };
}

export function openSqlite(path: string): Backend {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const raw = new BetterSqlite3(path);
  if (path !== ":memory:") raw.pragma("journal_mode = WAL");
  // NORMAL is durable across application crashes in WAL mode (a power cut may lose the last
  // transactions, never half of one).
  raw.pragma("synchronous = NORMAL");
  raw.pragma("foreign_keys = ON");
  // Another process writing (the poller beside the API): wait for it instead of failing.
  raw.pragma("busy_timeout = 10000");
  // A bigger page cache than the default 2 MB (a batch of articles touches the FTS index and
  // every table's indexes); temporary b-trees in memory. Both bound memory: 64 MB at most.
  raw.pragma("cache_size = -65536");
  raw.pragma("temp_store = MEMORY");
  const db = new Kysely<Database>({
    dialect: new TransactionalSqliteDialect({ database: cachingDatabase(raw) }),
  });

  return {
    kind: "sqlite",
    db,
    migrationSchema: undefined,
    write<T>(fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
      // BEGIN IMMEDIATE takes the write lock up front: a deferred BEGIN that reads and then
      // writes fails with SQLITE_BUSY, without waiting, when another process wrote in between.
      return db.connection().execute(async (conn) => {
        await sql`begin immediate`.execute(conn);
        try {
          const result = await fn(conn);
          await sql`commit`.execute(conn);
          return result;
        } catch (error) {
          if (raw.inTransaction) await sql`rollback`.execute(conn);
          throw error;
        }
      });
    },
    matchArticles(terms) {
      return sql<SqlBool>`articles.seq in (select rowid from articles_fts where articles_fts match ${fts5Query(terms)})`;
    },
    async close() {
      await db.destroy();
    },
  };
}
