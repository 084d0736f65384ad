/**
 * Helpers for the queue's tests: a PostgreSQL database of their own per test (the store's tables
 * and pg-boss's schema both live in it, and CLI workers are given its url), created beside the
 * one RASD_TEST_DATABASE_URL names and dropped after; and synthetic Arabic articles.
 */
import { it } from "node:test";
import pg from "pg";
import { PG_URL } from "../store/helpers.js";

export { PG_URL };

/** Why the PostgreSQL tests are skipped, or false. */
export const SKIP_PG: string | false = PG_URL
  ? false
  : "RASD_TEST_DATABASE_URL is not set; run the tests inside `scripts/with-postgres.sh` to test the queue on PostgreSQL";

/** A test that needs PostgreSQL; skipped (and counted as such) without it. */
export function pgTest(name: string, fn: () => Promise<void>): void {
  if (SKIP_PG) it(name, { skip: SKIP_PG }, () => {});
  else it(name, fn);
}

let counter = 0;

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A new empty database; its url and a function that drops it (closing its connections). */
export async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!PG_URL) throw new Error("RASD_TEST_DATABASE_URL is not set");
  const name = `rasd_queue_${process.pid}_${++counter}`;
  await admin((c) => c.query(`create database "${name}"`));
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      admin((c) => c.query(`drop database if exists "${name}" with (force)`)).then(() => {}),
  };
}

/** Runs one query on a database and closes the connection. */
export async function query<R = Record<string, unknown>>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as R[];
  } finally {
    await client.end();
  }
}

const TOWNS = ["سراقب", "أريحا", "جسر الشغور", "خان شيخون", "دوما", "داريا", "تلبيسة", "الرستن"];
const WEAPONS = ["بالمدفعية الثقيلة", "بقذائف الهاون", "بالصواريخ", "بالبراميل المتفجرة"];

/** Article n of a synthetic archive: a shelling report with its own town, weapon and toll. */
export function syntheticArticle(n: number): { id: string; text: string; date: string } {
  const town = TOWNS[n % TOWNS.length];
  const weapon = WEAPONS[n % WEAPONS.length];
  const text = [
    `قصف على ${town}`,
    "",
    `قصفت قوات النظام ${weapon} مدينة ${town} يوم الأحد، ما أسفر عن مقتل ${(n % 7) + 2} مدنيين وإصابة ${n + 4} آخرين، بحسب ما أفاد ناشطون.`,
    "",
    `وقال الدفاع المدني إن فرقه عملت على إسعاف الجرحى في المدينة (النشرة رقم ${n}).`,
  ].join("\n");
  return { id: `queued-${n}`, text, date: "2016-04-17" };
}

/** Per article: event reports, claims and mentions, to compare two stores. */
export async function derived(url: string): Promise<Record<string, string>> {
  const rows = await query<{ id: string; reports: number; claims: number; mentions: number }>(
    url,
    `select a.id as id,
       (select count(*) from event_reports r where r.article_id = a.id)::int as reports,
       (select count(*) from claims c where c.article_id = a.id)::int as claims,
       (select count(*) from mentions m where m.article_id = a.id)::int as mentions
     from articles a order by a.id`,
  );
  return Object.fromEntries(rows.map((r) => [r.id, `${r.reports}/${r.claims}/${r.mentions}`]));
}
