/**
 * What differs between the two databases, behind one small interface; everything else (the
 * repository's queries) is written once in Kysely and runs on both.
 */
import type { Expression, Kysely, SqlBool } from "kysely";
import type { Database } from "./schema/tables.js";
import type { BackendKind } from "./types.js";

export interface Backend {
  readonly kind: BackendKind;
  readonly db: Kysely<Database>;
  /** The schema holding Kysely's migration tables (PostgreSQL); undefined on SQLite. */
  readonly migrationSchema: string | undefined;
  /**
   * Runs `fn` in one transaction, serialised against every other writer (SQLite: BEGIN
   * IMMEDIATE; PostgreSQL: a transaction-scoped advisory lock), so that merging events on insert
   * never races another insert of the same event.
   */
  write<T>(fn: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
  /** A condition on `articles` true when every (normalised) term occurs in its title or text. */
  matchArticles(terms: readonly string[]): Expression<SqlBool>;
  close(): Promise<void>;
}
