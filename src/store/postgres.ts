/**
 * The scale backend: PostgreSQL through pg, selected by a postgres:// url. Plain latitude and
 * longitude columns (no PostGIS needed); full-text search through a generated tsvector column.
 */
import { Kysely, PostgresDialect, type SqlBool, sql } from "kysely";
import pg from "pg";
import type { Backend } from "./backend.js";
import { StoreError } from "./errors.js";
import type { Database } from "./schema/tables.js";

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Advisory-lock key of rasd's writers ("rasd" in ASCII); the second half is the schema's. */
const LOCK_CLASS = 0x72617364;

function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

export async function openPostgres(url: string, schema?: string, poolSize = 8): Promise<Backend> {
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new StoreError(`not a plain schema name: ${schema}`, "config");
  }
  if (schema !== undefined) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`create schema if not exists "${schema}"`);
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    ...(schema !== undefined ? { options: `-c search_path="${schema}"` } : {}),
  });
  // A connection that dies (the server restarted, the network lost) emits 'error' on its
  // client, and on the pool when idle; unlistened, either ends the process. The queries on it
  // fail with the error instead, and pg drops the connection from the pool.
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  // Kysely looks for its migration table in every schema unless told which: name ours.
  const current = await sql<{ s: string }>`select current_schema() as s`.execute(db);
  const migrationSchema = current.rows[0]?.s ?? schema ?? "public";
  const lockKey = hash32(migrationSchema);

  return {
    kind: "postgres",
    db,
    migrationSchema,
    write<T>(fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
      return db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(${LOCK_CLASS}, ${lockKey})`.execute(trx);
        return fn(trx);
      });
    },
    matchArticles(terms) {
      return sql<SqlBool>`articles.search @@ plainto_tsquery('simple', ${terms.join(" ")})`;
    },
    async close() {
      await db.destroy();
    },
  };
}
