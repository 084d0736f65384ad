/**
 * The store's test-suite runs once per backend: SQLite always, PostgreSQL when
 * RASD_TEST_DATABASE_URL is set (scripts/with-postgres.sh sets it). Every test gets a store of
 * its own: a SQLite file in a temporary folder, or a PostgreSQL schema of its own, removed after.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import pg from "pg";
import { analyze } from "../../src/index.js";
import type { AnalysisResult, OutClaim } from "../../src/output/json.js";
import { openStore } from "../../src/store/index.js";
import type { ArticleInput, BackendKind, Store, StoreConfig } from "../../src/store/types.js";

export const PG_URL = process.env.RASD_TEST_DATABASE_URL;

export interface TestBackend {
  kind: BackendKind;
  /** Why the backend's tests are skipped (shown by the test reporter), or false. */
  skip: string | false;
}

export const BACKENDS: TestBackend[] = [
  { kind: "sqlite", skip: false },
  {
    kind: "postgres",
    skip: PG_URL
      ? false
      : "RASD_TEST_DATABASE_URL is not set; run the tests inside `scripts/with-postgres.sh` (as .ci/run does) to test on PostgreSQL too",
  },
];

/**
 * A suite for one backend; for a backend that is not available, one skipped test saying why (so
 * that the skip shows in the runner's count, not only in its log).
 */
export function suite(backend: TestBackend, name: string, fn: () => void): void {
  const title = `${name} on ${backend.kind}`;
  if (backend.skip) it(title, { skip: backend.skip }, () => {});
  else describe(title, fn);
}

let counter = 0;

/** A fresh, migrated store on `kind` and a function that closes and removes it. */
export async function freshStore(
  kind: BackendKind = "sqlite",
  config: StoreConfig = {},
): Promise<{ store: Store; dispose: () => Promise<void> }> {
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "rasd-store-"));
    const store = await openStore({ ...config, path: join(dir, "rasd.db") });
    return {
      store,
      dispose: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (!PG_URL) throw new Error("RASD_TEST_DATABASE_URL is not set");
  const schema = `rasd_test_${process.pid}_${++counter}`;
  const dropSchema = async () => {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`drop schema if exists "${schema}" cascade`);
    await client.end();
  };
  let store: Store;
  try {
    store = await openStore({ ...config, url: PG_URL, schema });
  } catch (e) {
    await dropSchema();
    throw e;
  }
  return {
    store,
    dispose: async () => {
      try {
        await store.close();
      } finally {
        await dropSchema();
      }
    },
  };
}

/** Opens a fresh, migrated store on `kind`, runs `fn`, then closes and removes it. */
export async function withStore<T>(
  kind: BackendKind,
  fn: (store: Store) => Promise<T>,
  config: StoreConfig = {},
): Promise<T> {
  const { store, dispose } = await freshStore(kind, config);
  try {
    return await fn(store);
  } finally {
    await dispose();
  }
}

/** An article and its analysis, ready for putArticle. */
export interface Analysed {
  input: ArticleInput;
  analysis: AnalysisResult;
}

export function analysed(outlet: string, published: string, text: string, url?: string): Analysed {
  const input: ArticleInput = { text, outlet, published, ...(url ? { url } : {}) };
  return { input, analysis: analyze({ text, outlet, published }) };
}

export async function put(store: Store, a: Analysed) {
  return store.putArticle(a.input, a.analysis);
}

// Short texts written for these tests. Three outlets tell one regime shelling of Kafr Nabl
// (southern Idlib) on Friday 10 May 2019 with three death tolls; a fourth tells a shelling of
// Maarrat al-Nu'man, 11 km away, the same day; a fifth an older shelling of Kafr Nabl.
export const KAFR_NABL_A = () =>
  analysed(
    "عنب بلدي",
    "2019-05-11",
    "قصفت قوات النظام السوري بلدة كفرنبل في ريف إدلب الجنوبي أمس الجمعة، ما أسفر عن مقتل خمسة مدنيين، بحسب ناشطين.",
    "https://example.org/enab/1",
  );
export const KAFR_NABL_B = () =>
  analysed(
    "العربي الجديد",
    "2019-05-10",
    "قُتِلَ ثمانية مدنيين في قصف مدفعي لقوات النظام على بلدة كفرنبل جنوب إدلب اليوم الجمعة، وفق المرصد السوري لحقوق الإنسان.",
    "https://example.org/araby/2",
  );
export const KAFR_NABL_C = () =>
  analysed(
    "الجزيرة",
    "2019-05-10",
    "قتل سبعة مدنيين بقصف مدفعي لقوات النظام على مدينة كفرنبل في ريف إدلب الجنوبي، حسب الدفاع المدني.",
    "https://example.org/jazeera/3",
  );
export const MAARRAT = () =>
  analysed(
    "الجزيرة",
    "2019-05-10",
    "قصفت قوات النظام مدينة معرة النعمان في ريف إدلب الجنوبي اليوم، ما أدى إلى مقتل ثلاثة مدنيين.",
    "https://example.org/jazeera/4",
  );
export const KAFR_NABL_EARLIER = () =>
  analysed(
    "الجزيرة",
    "2019-05-10",
    "قصفت قوات النظام مدينة كفرنبل في ريف إدلب الجنوبي قبل ثلاثة أيام، ما أدى إلى مقتل مدنيين اثنين.",
    "https://example.org/jazeera/5",
  );
export const DAMASCUS_ARREST = () =>
  analysed(
    "عنب بلدي",
    "2019-05-10",
    "اعتقلت قوات الأمن خمسة شبان في حي الميدان بمدينة دمشق أمس.",
    "https://example.org/enab/6",
  );

/** A well-formed claim pointing into `text`, for analyses built by hand. */
export function claimAbout(id: string, eventIds: string[]): OutClaim {
  return {
    id,
    speaker: {
      name: "ناشطون",
      role: null,
      affiliation: null,
      actor_id: null,
      kind: "activist",
      span: null,
    },
    verb: { lemma: "قال", span: { start: 0, end: 4 } },
    stance: "report",
    date: null,
    content: { start: 0, end: 20 },
    topic: "event",
    positive: true,
    event_ids: eventIds,
    attribution: { chain: [], verb: null, stance: "report" },
  };
}

/** Every page of a paged list, following cursors. */
export async function allPages<T>(
  list: (cursor: string | null) => Promise<{ items: T[]; next_cursor: string | null }>,
): Promise<T[][]> {
  const pages: T[][] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await list(cursor);
    pages.push(page.items);
    if (page.next_cursor === null) return pages;
    cursor = page.next_cursor;
  }
  throw new Error("pagination does not end");
}
