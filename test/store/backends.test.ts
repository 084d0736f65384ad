/**
 * The backends themselves: which one a configuration opens, the schema's version and its
 * migrations (all or nothing), WAL mode and the default file for SQLite, and concurrent writes.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import BetterSqlite3 from "better-sqlite3";
import { Migrator } from "kysely";
import pg from "pg";
import type { Backend } from "../../src/store/backend.js";
import { DEFAULT_SQLITE_PATH, migrations, openStore, StoreError } from "../../src/store/index.js";
import { openPostgres } from "../../src/store/postgres.js";
import { openSqlite } from "../../src/store/sqlite.js";
import {
  BACKENDS,
  KAFR_NABL_A,
  KAFR_NABL_B,
  KAFR_NABL_C,
  MAARRAT,
  PG_URL,
  put,
  suite,
  withStore,
} from "./helpers.js";

/** Runs `fn` in a temporary folder, removed after. */
async function inTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "rasd-store-"));
  try {
    await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A raw backend on `kind` for migration tests, and how to remove what it made. */
async function rawBackend(
  kind: "sqlite" | "postgres",
): Promise<{ b: Backend; done(): Promise<void> }> {
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "rasd-store-"));
    const b = openSqlite(join(dir, "rasd.db"));
    return {
      b,
      async done() {
        await b.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `rasd_test_raw_${process.pid}`;
  const b = await openPostgres(PG_URL as string, schema);
  return {
    b,
    async done() {
      await b.close();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema if exists "${schema}" cascade`);
      await c.end();
    },
  };
}

async function tables(b: Backend): Promise<string[]> {
  const all = await b.db.introspection.getTables({ withInternalKyselyTables: true });
  return all.map((t) => t.name).sort();
}

for (const backend of BACKENDS) {
  suite(backend, "backend", () => {
    it("reads the schema version: none before migrating, the latest after", async () => {
      if (backend.kind === "sqlite") {
        await inTempDir(async (dir) => {
          const store = await openStore({ path: join(dir, "x.db"), migrate: false });
          assert.deepEqual(await store.schemaVersion(), { version: 0, name: null, latest: 4 });
          assert.deepEqual(await store.migrate(), [
            "0001_initial",
            "0002_event_list_indexes",
            "0003_fts_without_positions",
            "0004_drop_unread_indexes",
          ]);
          assert.deepEqual(await store.schemaVersion(), {
            version: 4,
            name: "0004_drop_unread_indexes",
            latest: 4,
          });
          await store.close();
        });
      } else {
        await withStore("postgres", async (store) => {
          assert.deepEqual(await store.schemaVersion(), {
            version: 4,
            name: "0004_drop_unread_indexes",
            latest: 4,
          });
        });
      }
    });

    it("is chosen by DATABASE_URL when no url or path is given", async () => {
      const saved = process.env.DATABASE_URL;
      if (backend.kind === "postgres") process.env.DATABASE_URL = PG_URL;
      else delete process.env.DATABASE_URL;
      const schema = `rasd_test_env_${process.pid}`;
      try {
        await inTempDir(async (dir) => {
          const saved2 = process.env.RASD_DB_PATH;
          process.env.RASD_DB_PATH = join(dir, "env.db");
          try {
            const store = await openStore({ schema });
            assert.equal(store.backend, backend.kind);
            await store.close();
          } finally {
            if (saved2 === undefined) delete process.env.RASD_DB_PATH;
            else process.env.RASD_DB_PATH = saved2;
          }
        });
      } finally {
        if (saved === undefined) delete process.env.DATABASE_URL;
        else process.env.DATABASE_URL = saved;
        if (backend.kind === "postgres") {
          const c = new pg.Client({ connectionString: PG_URL });
          await c.connect();
          await c.query(`drop schema if exists "${schema}" cascade`);
          await c.end();
        }
      }
    });

    it("runs pending migrations in one transaction: a failing one leaves no table behind", async () => {
      const { b, done } = await rawBackend(backend.kind);
      try {
        const before = await tables(b);
        const migrator = new Migrator({
          db: b.db,
          provider: {
            getMigrations: async () => ({
              ...migrations(backend.kind),
              "0002_broken": {
                async up(db) {
                  await db.schema.createTable("half_done").addColumn("x", "text").execute();
                  throw new Error("the migration fails half-way");
                },
              },
            }),
          },
          ...(b.migrationSchema ? { migrationTableSchema: b.migrationSchema } : {}),
        });
        const { error } = await migrator.migrateToLatest();
        assert.match(String(error), /half-way/);
        const after = (await tables(b)).filter((t) => !t.startsWith("kysely_migration"));
        assert.deepEqual(
          after,
          before.filter((t) => !t.startsWith("kysely_migration")),
        );
        assert.ok(!after.includes("articles") && !after.includes("half_done"));
      } finally {
        await done();
      }
    });

    it("serialises concurrent writes: three reports of one event put at once make one event", () =>
      withStore(backend.kind, async (store) => {
        const results = await Promise.all(
          [KAFR_NABL_A(), KAFR_NABL_B(), KAFR_NABL_C(), MAARRAT(), KAFR_NABL_A()].map((a) =>
            put(store, a),
          ),
        );
        assert.equal(new Set(results.map((r) => r.article_id)).size, 4);
        assert.equal(results.filter((r) => r.created).length, 4);
        const events = (await store.listEvents()).items;
        assert.deepEqual(events.map((e) => [e.location, e.report_count, e.fatalities]).sort(), [
          ["Kafr Nobol", 3, 5],
          ["Maarrat An Numan", 1, 3],
        ]);
      }));
  });
}

describe("choosing a backend", () => {
  it("opens SQLite at .rasd/rasd.db in the working folder by default, in WAL mode", () =>
    inTempDir(async (dir) => {
      const cwd = process.cwd();
      const env = {
        DATABASE_URL: process.env.DATABASE_URL,
        RASD_DB_PATH: process.env.RASD_DB_PATH,
      };
      delete process.env.DATABASE_URL;
      delete process.env.RASD_DB_PATH;
      process.chdir(dir);
      try {
        const store = await openStore();
        assert.equal(store.backend, "sqlite");
        await store.close();
        assert.equal(DEFAULT_SQLITE_PATH, ".rasd/rasd.db");
        assert.ok(existsSync(join(dir, ".rasd", "rasd.db")));
        const raw = new BetterSqlite3(join(dir, ".rasd", "rasd.db"), { readonly: true });
        assert.equal(raw.pragma("journal_mode", { simple: true }), "wal");
        raw.close();
      } finally {
        process.chdir(cwd);
        for (const [k, v] of Object.entries(env)) if (v !== undefined) process.env[k] = v;
      }
    }));

  it("takes a path, a sqlite: url or RASD_DB_PATH", () =>
    inTempDir(async (dir) => {
      for (const config of [{ path: join(dir, "a.db") }, { url: `sqlite:${join(dir, "b.db")}` }]) {
        const store = await openStore(config);
        assert.equal(store.backend, "sqlite");
        await store.close();
      }
      assert.ok(existsSync(join(dir, "a.db")) && existsSync(join(dir, "b.db")));
      const saved = process.env.RASD_DB_PATH;
      const savedUrl = process.env.DATABASE_URL;
      delete process.env.DATABASE_URL;
      process.env.RASD_DB_PATH = join(dir, "c.db");
      try {
        const store = await openStore();
        await store.close();
        assert.ok(existsSync(join(dir, "c.db")));
      } finally {
        if (saved === undefined) delete process.env.RASD_DB_PATH;
        else process.env.RASD_DB_PATH = saved;
        if (savedUrl !== undefined) process.env.DATABASE_URL = savedUrl;
      }
    }));

  it("refuses a url of another database, without echoing its password", async () => {
    await assert.rejects(openStore({ url: "mysql://user:secret@host/db" }), (e: unknown) => {
      assert.ok(e instanceof StoreError);
      assert.equal(e.code, "config");
      assert.ok(!e.message.includes("secret"));
      return true;
    });
  });

  it("keeps an in-memory SQLite store for throwaway work", async () => {
    const store = await openStore({ path: ":memory:" });
    await put(store, KAFR_NABL_A());
    assert.equal((await store.listEvents()).items.length, 1);
    await store.close();
  });

  it("refuses a PostgreSQL schema name that is not a plain identifier", async () => {
    await assert.rejects(
      openStore({ url: "postgres://nobody@localhost:1/none", schema: 'x"; drop table y; --' }),
      /plain schema name/,
    );
  });
});
