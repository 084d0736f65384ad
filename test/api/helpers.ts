/**
 * Helpers for the API's tests: a fresh store per suite (SQLite in a temporary folder; also
 * PostgreSQL when RASD_TEST_DATABASE_URL is set, so that nothing in the API is SQLite's alone),
 * the app over it, requests in-process, and short texts written for these tests.
 */
import assert from "node:assert/strict";
import { type ApiOptions, createApp } from "../../src/api/index.js";
import type { Store } from "../../src/store/index.js";
import { SEED } from "../helpers.js";

// The backends, their suites and fresh stores are the store tests' own.
export { BACKENDS, freshStore, suite, type TestBackend } from "../store/helpers.js";
export { SEED };

export type App = ReturnType<typeof createApp>;

export function makeApp(store: Store, options: Omit<ApiOptions, "store"> = {}): App {
  return createApp({ store, errorLog: () => {}, ...options });
}

export const JSON_HEADERS = { "content-type": "application/json" };

export function postJson(
  app: App,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
  method = "POST",
): Promise<Response> {
  return Promise.resolve(
    app.request(path, {
      method,
      headers: { ...JSON_HEADERS, ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
}

// biome-ignore lint/suspicious/noExplicitAny: test responses are read field by field
export type Json = any;

/** A response's JSON body, typed loosely. */
export async function json(res: Response): Promise<Json> {
  return res.json();
}

/** GETs a path; asserts the status (default 200); returns the JSON body. */
export async function getJson(app: App, path: string, status = 200): Promise<Json> {
  const res = await app.request(path);
  const text = await res.text();
  assert.equal(res.status, status, `${path} → ${res.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text);
}

/** Asserts a problem response: status, content type, type URN, and returns the body. */
export async function expectProblem(res: Response, status: number, kind: string): Promise<Json> {
  const text = await res.text();
  assert.equal(res.status, status, text.slice(0, 500));
  assert.equal(res.headers.get("content-type"), "application/problem+json");
  const body = JSON.parse(text);
  assert.equal(body.type, `urn:rasd:problem:${kind}`);
  assert.equal(body.status, status);
  assert.equal(typeof body.title, "string");
  assert.equal(typeof body.detail, "string");
  assert.ok(body.detail.length > 0);
  return body;
}

/** Every page of a list endpoint, following `next`. */
export async function allPages(app: App, path: string): Promise<Json[][]> {
  const pages: Json[][] = [];
  let next: string | null = path;
  for (let guard = 0; next !== null && guard < 1000; guard++) {
    const body: Json = await getJson(app, next);
    pages.push(body.items);
    next = body.next;
    if (next !== null) assert.equal(typeof body.next_cursor, "string");
  }
  assert.equal(next, null, "pagination does not end");
  return pages;
}

/** RFC 4180 CSV: quoted cells, doubled quotes, CRLF rows. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

// Short texts written for these tests. Two outlets tell one Russian air strike on al-Atarib
// (western Aleppo) on Tuesday 4 June 2019 with different tolls (one merged, disputed event); a
// protest in Daraa; a roadside bomb in Mosul (Iraq).
export const ATAREB_A = {
  text: "شنت طائرات حربية روسية غارات جوية على مدينة الأتارب في ريف حلب الغربي اليوم الثلاثاء، ما أدى إلى مقتل أربعة مدنيين، بحسب الدفاع المدني.",
  outlet: "عنب بلدي",
  published: "2019-06-04",
  url: "https://example.org/enab/atareb",
};
export const ATAREB_B = {
  text: "أغارت طائرات حربية روسية على مدينة الأتارب غربي حلب اليوم الثلاثاء، ما أسفر عن مقتل ستة مدنيين، وفق المرصد السوري لحقوق الإنسان.",
  outlet: "الجزيرة",
  published: "2019-06-04",
  url: "https://example.org/jazeera/atareb",
};
export const DARAA_PROTEST = {
  text: "تظاهر مئات من أهالي مدينة درعا اليوم الجمعة احتجاجا على تردي الأوضاع المعيشية.",
  outlet: "العربي الجديد",
  published: "2019-06-07",
};
export const MOSUL_IED = {
  text: "انفجرت عبوة ناسفة في سوق شعبي بمدينة الموصل صباح اليوم، ما أسفر عن مقتل ثلاثة أشخاص وإصابة سبعة آخرين، وفق مصدر في الشرطة العراقية.",
  outlet: "الجزيرة",
  published: "2019-06-10",
};
export const SEED_ARTICLE = {
  text: SEED,
  outlet: "العربي الجديد",
  published: "2017-11-02",
  url: "https://www.alaraby.co.uk/example-deir-ez-zor",
};

export const ALL_ARTICLES = [SEED_ARTICLE, ATAREB_A, ATAREB_B, DARAA_PROTEST, MOSUL_IED];

/** Posts the test articles through the API; returns the responses' bodies. */
export async function seedArticles(app: App, articles = ALL_ARTICLES): Promise<Json[]> {
  const out: Json[] = [];
  for (const a of articles) {
    const res = await postJson(app, "/api/articles", a);
    const body: Json = await res.json();
    assert.equal(res.status, 201, JSON.stringify(body).slice(0, 500));
    out.push(body);
  }
  return out;
}
