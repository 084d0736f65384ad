/**
 * What the HTTP benchmarks share: a SQLite store's events copied up to a target count, and
 * `rasd serve` started on a free loopback port.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import BetterSqlite3 from "better-sqlite3";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

export interface CopyOptions {
  /** Copies written to a transaction. */
  batch?: number;
  /** Trim the copies' overshoot to exactly `target` events. */
  exact?: boolean;
  /** Progress lines. */
  log?: (line: string) => void;
}

/**
 * Copies every stored event (reports, actors, sources with it) until there are at least
 * `target`. Copy k of event `SYR-0123456789abcdef` is `SYR-` + k in 8 hex digits + `89abcdef`;
 * its date is moved back (k × 37 mod 3,650) days and its point up to half a degree.
 */
export function multiplyEvents(path: string, target: number, options: CopyOptions = {}): void {
  const { batch = 100, exact = false, log } = options;
  const db = new BetterSqlite3(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  db.pragma("foreign_keys = ON");
  const base = (db.prepare("select count(*) as n from events").get() as { n: number }).n;
  if (base === 0) throw new Error("no events stored to copy");
  const copies = Math.ceil(target / base) - 1;
  db.exec(`
    create temp table base_events as select * from events;
    create temp table base_reports as select * from event_reports;
    create temp table base_actors as select * from event_actors;
    create temp table base_sources as select * from report_sources;
    create temp table copies (k integer primary key);
  `);
  const newId = (col: string) =>
    `substr(${col}, 1, 4) || printf('%08x', c.k) || substr(${col}, 13)`;
  const shifted = (col: string) =>
    `case when ${col} = '' then '' else date(${col}, printf('-%d days', (c.k * 37) % 3650)) end`;
  const lat = (col: string) => `${col} + ((c.k * 7919) % 201 - 100) / 200.0`;
  const lon = (col: string) => `${col} + ((c.k * 104729) % 201 - 100) / 200.0`;
  const statements = [
    `insert or ignore into events select ${newId("e.id")}, ${shifted("e.event_date")},
       e.time_precision, e.event_type, e.sub_event_type, e.actor1, e.assoc_actor_1, e.inter1,
       e.actor2, e.assoc_actor_2, e.inter2, e.civilian_targeting, e.country, e.admin1, e.admin2,
       e.location, ${lat("e.latitude")}, ${lon("e.longitude")}, e.geo_precision, e.source,
       e.notes, e.fatalities, e.confidence, e.mode, e.place_id, ${newId("e.primary_report_id")},
       e.report_count, e.article_count, e.disputed, e.created_at, e.updated_at
     from base_events e cross join copies c`,
    `insert or ignore into event_reports select ${newId("r.id")}, ${newId("r.event_id")},
       r.article_id, r.local_id || '.' || c.k, r.ordinal, r.event_key, ${shifted("r.event_date")},
       r.fatalities, r.confidence, r.place_id,
       json_set(r.record, '$.id', ${newId("r.id")}, '$.event_date',
         nullif(${shifted("r.event_date")}, ''),
         '$.latitude', ${lat("json_extract(r.record, '$.latitude')")},
         '$.longitude', ${lon("json_extract(r.record, '$.longitude')")})
     from base_reports r cross join copies c
     where exists (select 1 from events x where x.id = ${newId("r.event_id")})`,
    `insert or ignore into event_actors select ${newId("a.event_id")}, a.role, a.actor
     from base_actors a cross join copies c
     where exists (select 1 from events x where x.id = ${newId("a.event_id")})`,
    `insert or ignore into report_sources select ${newId("s.report_id")}, s.depth, s.source_id
     from base_sources s cross join copies c
     where exists (select 1 from event_reports x where x.id = ${newId("s.report_id")})`,
  ].map((sql) => db.prepare(sql));
  const addCopies = db.prepare("insert into copies (k) values (?)");
  for (let from = 1; from <= copies; from += batch) {
    db.transaction(() => {
      db.exec("delete from copies");
      for (let k = from; k < Math.min(from + batch, copies + 1); k++) addCopies.run(k);
      for (const s of statements) s.run();
    })();
    const done = Math.min(from + batch - 1, copies);
    if (log && (done % 500 === 0 || done === copies))
      log(`  ${done} of ${copies} copies (${((done + 1) * base).toLocaleString("en")} events)`);
  }
  // Exactly `target`: the copies overshoot by less than one round of the base.
  if (exact)
    db.prepare(
      "delete from events where id in (select id from events order by id desc limit max(0, (select count(*) from events) - ?))",
    ).run(target);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
}

/** `rasd serve --no-poll --quiet` on a free loopback port; resolves with its URL once it listens. */
export function startServer(
  path: string,
  env: Record<string, string> = {},
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [join(ROOT, "bin", "rasd.js"), "serve", "--db", path, "--port", "0", "--no-poll", "--quiet"],
    { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, ...env } },
  );
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m) resolve({ url: m[1] as string, child });
    });
    child.once("exit", (code) => reject(new Error(`rasd serve exited with ${code}: ${out}`)));
  });
}
