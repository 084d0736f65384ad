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
  SqliteDialect,
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
  const db = new Kysely<Database>({ dialect: new TransactionalSqliteDialect({ database: raw }) });

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
