/**
 * The web workspace's load in a browser (`npm run bench:web`): `rasd serve` over a SQLite store
 * holding the seed article (examples/), its events copied with SQL up to `--events`, and Debian's
 * Chromium (headless, software WebGL: `--no-sandbox --enable-unsafe-swiftshader`, as the browser
 * tests) opening the workspace `--runs` times, each in a fresh context (nothing cached).
 *
 *   npm run bench:web                          # the seed's 5 events, 7 runs: first useful paint
 *   npm run bench:web -- --events 100000 --runs 3   # 100,000 events: first drawn, all loaded
 *   npm run bench:web -- --db PATH             # reuse (or build once) a store at PATH
 *   npm run bench:web -- --dist A,B            # builds A and B (vite --outDir), run by run in turn
 *   npm run bench:web -- --wait-list           # each run also waits for the list's last page
 *   npm run bench:web -- --json                # figures as JSON on stdout
 *
 * Per run, from navigation start (performance.now() in the page): the page's `rasd:*` marks
 * (web/src: map created, style loaded, basemap set, events and basemap both set, …); `useful`,
 * the first useful paint: the map idle (everything drawn, no fade running) after the basemap and
 * events are both set (window.__rasd.firstEventsAt, what the browser test checks); `all`, when
 * the map holds every located event of the store; `all_idle`, the map idle after that (and, with
 * --wait-list, after the list's last page: the `rasd:events-loaded` mark). Medians
 * over the runs and the load average before and after are printed.
 *
 * The copies: copy k of event `SYR-0123456789abcdef` is `SYR-` + k in 8 hex digits + `89abcdef`,
 * its date moved back (k × 37 mod 3,650) days, its point up to half a degree; its reports,
 * actors and sources are copied with it (as bench/api-load.ts does).
 */
import type { ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import BetterSqlite3 from "better-sqlite3";
import { type Browser, chromium } from "playwright-core";
import { ensureWebBuild } from "../scripts/web-build.js";
import { multiplyEvents, startServer } from "./serve-store.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CHROMIUM = process.env.RASD_CHROMIUM ?? "/usr/bin/chromium";
const SEED = join(ROOT, "examples", "alaraby-2017-11-02-deir-ez-zor.txt");

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const wantEvents = Number(option("--events") ?? 0);
const runs = Number(option("--runs") ?? (wantEvents > 1000 ? 3 : 7));
const asJson = args.includes("--json");
/** Also wait for the event list's last page (the `rasd:events-loaded` mark). */
const waitList = args.includes("--wait-list");
const log = (line: string) => (asJson ? process.stderr.write(`${line}\n`) : console.log(line));

function countEvents(path: string): { all: number; located: number } {
  if (!existsSync(path)) return { all: 0, located: 0 };
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    const r = db
      .prepare(
        "select count(*) as n, coalesce(sum(latitude is not null and longitude is not null), 0) as located from events",
      )
      .get() as { n: number; located: number };
    return { all: r.n, located: r.located };
  } catch {
    return { all: 0, located: 0 };
  } finally {
    db.close();
  }
}

/** A store at `path` holding the seed article, its events copied up to `target` when more. */
async function buildStore(path: string, target: number): Promise<void> {
  const { url, child } = await startServer(path);
  try {
    const res = await fetch(`${url}/api/articles`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text: readFileSync(SEED, "utf8"), outlet: "العربي الجديد" }),
    });
    if (res.status !== 201) throw new Error(`seeding failed: ${res.status} ${await res.text()}`);
  } finally {
    child.kill();
    await new Promise((r) => child.once("exit", r));
  }
  if (target > countEvents(path).all) multiplyEvents(path, target, { batch: 200, exact: true });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0
    ? Number.NaN
    : s.length % 2
      ? (s[m] as number)
      : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

interface Run {
  marks: Record<string, number>;
  useful: number;
  all: number;
  all_idle: number;
  requests: number;
  api_requests: number;
}

/**
 * In the page (a string: tsx's helpers must not leak into it): resolves once the map holds WANT
 * located events and the first useful paint is recorded, then once the map is idle after that.
 */
const WAIT_FOR_MAP = `new Promise((resolve, reject) => {
  const start = performance.now();
  let all = -1;
  const tick = () => {
    const r = globalThis.__rasd;
    if (performance.now() - start > 180000) return reject(new Error("timed out"));
    if (r && all < 0 && r.eventsShown >= WANT) all = performance.now();
    const listDone = !WAIT_LIST || performance.getEntriesByName("rasd:events-loaded").length > 0;
    if (r && all >= 0 && r.firstEventsAt !== undefined && listDone) {
      let sent = false;
      const done = () => {
        if (!sent) resolve({ useful: r.firstEventsAt, all, all_idle: performance.now() });
        sent = true;
      };
      r.map.once("idle", done);
      // A map already idle fires no more idle events until something changes.
      setTimeout(() => { if (r.map.loaded() && !r.map.isMoving()) done(); }, 0);
      return;
    }
    setTimeout(tick, 20);
  };
  tick();
})`;

async function measure(
  browser: Browser,
  url: string,
  located: number,
  errors: string[],
): Promise<Run> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    deviceScaleFactor: 1,
  });
  try {
    const page = await context.newPage();
    let requests = 0;
    let apiRequests = 0;
    page.on("request", (r) => {
      requests++;
      if (new URL(r.url()).pathname === "/api/events") apiRequests++;
    });
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await page.goto(url);
    const timing = (await page.evaluate(
      WAIT_FOR_MAP.replace("WANT", String(located)).replace("WAIT_LIST", String(waitList)),
    )) as {
      useful: number;
      all: number;
      all_idle: number;
    };
    const marks = (await page.evaluate(
      `Object.fromEntries(performance.getEntriesByType("mark")
        .filter((m) => m.name.startsWith("rasd:"))
        .map((m) => [m.name.slice(5), Math.round(m.startTime)]))`,
    )) as Record<string, number>;
    return {
      marks,
      useful: Math.round(timing.useful),
      all: Math.round(timing.all),
      all_idle: Math.round(timing.all_idle),
      requests,
      api_requests: apiRequests,
    };
  } finally {
    await context.close();
  }
}

function summarize(results: Run[]) {
  const markNames = [...new Set(results.flatMap((r) => Object.keys(r.marks)))];
  const range = (xs: number[]) => [Math.min(...xs), Math.max(...xs)];
  return {
    median: {
      useful: median(results.map((r) => r.useful)),
      all: median(results.map((r) => r.all)),
      all_idle: median(results.map((r) => r.all_idle)),
      api_requests: median(results.map((r) => r.api_requests)),
    },
    range: {
      useful: range(results.map((r) => r.useful)),
      all: range(results.map((r) => r.all)),
      all_idle: range(results.map((r) => r.all_idle)),
    },
    marks: Object.fromEntries(
      markNames.map((k) => [
        k,
        median(results.flatMap((r) => (k in r.marks ? [r.marks[k] as number] : []))),
      ]),
    ),
    results,
  };
}

async function main(): Promise<void> {
  // Several builds (--dist A,B) are measured in turn, run by run, so that they share the load.
  const dists = (option("--dist") ?? "").split(",").filter(Boolean);
  if (dists.length === 0) await ensureWebBuild({ quiet: true });
  const given = option("--db");
  const dir = given ? null : mkdtempSync(join(tmpdir(), "rasd-bench-web-"));
  const dbPath = given ?? join(dir as string, "rasd.db");
  const have = countEvents(dbPath);
  if (have.all === 0 || have.all < wantEvents) {
    log(`building the store (${Math.max(wantEvents, 5).toLocaleString("en")} events)…`);
    const t0 = performance.now();
    await buildStore(dbPath, wantEvents);
    log(`  built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const counts = countEvents(dbPath);
  log(
    `store: ${counts.all.toLocaleString("en")} events, ${counts.located.toLocaleString("en")} located`,
  );
  const servers: { name: string; url: string; child: ChildProcess }[] = [];
  for (const d of dists.length > 0 ? dists : [""]) {
    const s = await startServer(dbPath, d ? { RASD_WEB_DIST: resolve(d) } : {});
    servers.push({ name: d || "web/dist", ...s });
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--enable-unsafe-swiftshader", "--lang=ar"],
  });
  const loadBefore = loadavg();
  const results = new Map<string, Run[]>(servers.map((s) => [s.name, []]));
  try {
    for (let i = 0; i < runs; i++) {
      for (const s of servers) {
        const errors: string[] = [];
        const run = await measure(browser, s.url, counts.located, errors);
        results.get(s.name)?.push(run);
        if (errors.length > 0) log(`  page errors: ${errors.join(" | ")}`);
        log(
          `run ${i + 1}${servers.length > 1 ? ` ${s.name}` : ""}: useful ${run.useful} ms · all ${run.all} ms · all idle ${run.all_idle} ms · ${run.api_requests} /api/events requests · ${Object.entries(
            run.marks,
          )
            .map(([k, v]) => `${k} ${v}`)
            .join(", ")}`,
        );
      }
    }
  } finally {
    await browser.close();
    for (const s of servers) s.child.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
  const loadAfter = loadavg();
  const summary = {
    events: counts.all,
    located: counts.located,
    runs,
    load_before: loadBefore.map((x) => Math.round(x * 100) / 100),
    load_after: loadAfter.map((x) => Math.round(x * 100) / 100),
    builds: Object.fromEntries([...results].map(([name, rs]) => [name, summarize(rs)])),
  };
  if (asJson) {
    console.log(JSON.stringify(summary, null, 2));
    return;
  }
  log(
    `load average before ${summary.load_before.join(" ")}, after ${summary.load_after.join(" ")}`,
  );
  for (const [name, s] of Object.entries(summary.builds)) {
    log(
      `${name}: median of ${runs}: first useful paint ${s.median.useful} ms (${s.range.useful.join("–")}); all ${counts.located.toLocaleString("en")} located events on the map ${s.median.all} ms (${s.range.all.join("–")}), idle ${s.median.all_idle} ms; ${s.median.api_requests} /api/events requests`,
    );
    log(
      `  marks (median): ${Object.entries(s.marks)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}`,
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
