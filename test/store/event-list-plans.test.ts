/**
 * The event list at a million events (bench/api-load.ts, docs/performance.md): its page must come
 * from an index in the list's order under each common filter, not from sorting every matching
 * event. Checked on SQLite's query plans of the statements `listEvents` actually runs (captured
 * from better-sqlite3), so that a change of query or index that brings the sort back fails here.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import BetterSqlite3 from "better-sqlite3";
import { openStore } from "../../src/store/index.js";
import { encodeCursor } from "../../src/store/paging.js";
import type { EventQuery, Store } from "../../src/store/types.js";

interface Statement {
  sql: string;
  params: unknown[];
}

describe("the event list's query plans on SQLite", () => {
  let dir: string;
  let store: Store;
  let plain: BetterSqlite3.Database;
  const seen: Statement[] = [];
  // biome-ignore lint/suspicious/noExplicitAny: better-sqlite3's prototype, patched to listen
  const proto = BetterSqlite3.prototype as any;
  const prepare = proto.prepare;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "rasd-plans-"));
    store = await openStore({ path: join(dir, "rasd.db") });
    plain = new BetterSqlite3(join(dir, "rasd.db"), { readonly: true });
    proto.prepare = function (this: BetterSqlite3.Database, sql: string) {
      const statement = prepare.call(this, sql);
      if (this === plain) return statement;
      const all = statement.all.bind(statement);
      statement.all = (...params: unknown[]) => {
        seen.push({ sql, params });
        return all(...params);
      };
      return statement;
    };
  });

  after(async () => {
    proto.prepare = prepare;
    plain.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * The plan of the statement `listEvents(query)` runs: the steps that choose the page's ids
   * (the subquery) and those that read its rows.
   */
  async function plan(query: EventQuery): Promise<{ page: string[]; rows: string[] }> {
    seen.length = 0;
    await store.listEvents(query);
    assert.equal(seen.length, 1, "one statement");
    const { sql, params } = seen[0] as Statement;
    const steps = plain.prepare(`explain query plan ${sql}`).all(...(params as never[])) as {
      id: number;
      parent: number;
      detail: string;
    }[];
    const sub = steps.find((s) => s.detail.startsWith("LIST SUBQUERY"));
    assert.ok(sub, "the page's ids are chosen in a subquery");
    const inside = new Set([sub.id]);
    for (const s of steps) if (inside.has(s.parent)) inside.add(s.id);
    return {
      page: steps.filter((s) => inside.has(s.parent)).map((s) => s.detail),
      rows: steps.filter((s) => !inside.has(s.id)).map((s) => s.detail),
    };
  }

  const cursor = encodeCursor("events", ["2015-08-01", "SYR-0000000000000000"]);
  const ordered: [string, EventQuery][] = [
    ["no filter", {}],
    ["country", { country: "Syria" }],
    ["type", { type: "Battles" }],
    ["sub-type", { subType: "Air/drone strike" }],
    ["date range", { from: "2015-01-01", to: "2015-03-31" }],
    ["cursor", { cursor }],
    [
      "country, type, dates and cursor",
      { country: "Iraq", type: "Battles", from: "2014-01-01", cursor },
    ],
  ];
  for (const [name, query] of ordered) {
    it(`chooses the page in order from an index, without sorting: ${name}`, async () => {
      const { page, rows } = await plan(query);
      const explained = [...page, "--", ...rows].join("\n");
      assert.ok(page.length > 0, explained);
      for (const step of page) {
        assert.doesNotMatch(step, /TEMP B-TREE/, explained);
        assert.match(step, /^(SEARCH|SCAN) events USING (COVERING )?INDEX|CORRELATED/, explained);
      }
      // The rows are read by id, one page of them.
      assert.ok(
        rows.some((r) => /SEARCH events USING INDEX sqlite_autoindex_events_1 \(id=\?\)/.test(r)),
        explained,
      );
    });
  }

  it("chooses a bounding box's page from a covering index: only ids are sorted", async () => {
    const { page } = await plan({ bbox: [36, 35, 37.5, 36.5] });
    assert.ok(
      page.some((s) => s.includes("COVERING INDEX events_latitude_longitude_event_date_id_idx")),
      page.join("\n"),
    );
  });
});
