/**
 * The store's hot statements compiled once, not once per run: Kysely builds and compiles a query
 * each time it runs it, which for storing an article (a score of small statements) cost as much
 * as SQLite's own work. Each statement is still written in Kysely, for whichever database the
 * store is on; its SQL is kept (per database, under a key naming the statement's shape) and run
 * again with new parameters.
 *
 * The parameters are given by the caller in the order the SQL takes them; the first compile of
 * each shape checks that order against Kysely's own (a wrong order fails at once, loudly, not
 * with wrong rows).
 */
import type { Compilable, CompiledQuery, DialectAdapter, QueryResult } from "kysely";
import type { Db } from "./rows.js";

/** Compiled SQL per database (its Kysely adapter) and statement shape. */
const cache = new WeakMap<DialectAdapter, Map<string, CompiledQuery>>();

function compiledFor(db: Db): Map<string, CompiledQuery> {
  const adapter = db.getExecutor().adapter;
  let m = cache.get(adapter);
  if (!m) {
    m = new Map();
    cache.set(adapter, m);
  }
  return m;
}

function sameParameters(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/**
 * Runs the statement `key` with `parameters`: compiled from `build()` the first time this store
 * runs it (which must take exactly these parameters, in this order), its SQL reused after.
 */
export async function runCompiled<R>(
  db: Db,
  key: string,
  build: () => Compilable<R>,
  parameters: readonly unknown[],
): Promise<QueryResult<R>> {
  const m = compiledFor(db);
  let template = m.get(key);
  if (!template) {
    template = build().compile();
    if (!sameParameters(template.parameters, parameters)) {
      throw new Error(
        `compiled statement ${key}: the parameters given are not the ones its SQL takes (${template.sql})`,
      );
    }
    m.set(key, template);
  }
  // The template's SQL string itself, every time: the SQLite driver's statement cache finds it
  // without hashing its text again.
  const query: CompiledQuery = {
    query: template.query,
    queryId: template.queryId,
    sql: template.sql,
    parameters,
  };
  return db.executeQuery<R>(query as CompiledQuery<R>);
}
