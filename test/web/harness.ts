/**
 * The browser tests' harness: the workspace built (if stale), `rasd serve` in-process on a free
 * port over a temporary SQLite store holding the seed article, and Debian's Chromium driven by
 * playwright-core (headless; never a downloaded browser). Screenshots go to a temporary folder,
 * printed by the tests, never into the repository.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { ensureWebBuild } from "../../scripts/web-build.js";
import { type RunningServer, serve } from "../../src/api/index.js";

export const CHROMIUM = process.env.RASD_CHROMIUM ?? "/usr/bin/chromium";
export const SEED = fileURLToPath(
  new URL("../../examples/alaraby-2017-11-02-deir-ez-zor.txt", import.meta.url),
);

/** Why the browser tests cannot run here, or null when they can. */
export function browserMissing(): string | null {
  return existsSync(CHROMIUM)
    ? null
    : `no Chromium at ${CHROMIUM} (apt-get install chromium, or set RASD_CHROMIUM)`;
}

export interface Workspace {
  server: RunningServer;
  url: string;
  browser: Browser;
  shots: string;
  /** A fresh page at 1440×900 (or the size given), console errors collected. */
  page(size?: { width: number; height: number }): Promise<Page & { errors: string[] }>;
  /** Saves a screenshot under the run's folder; returns its path. */
  shot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

export async function startWorkspace(): Promise<Workspace> {
  await ensureWebBuild({ quiet: true });
  const dir = mkdtempSync(join(tmpdir(), "rasd-web-"));
  // Screenshots stay after the run, for a person to look at; the database goes.
  const shots = join(dir, "screenshots");
  const server = await serve({ port: 0, dbUrl: join(dir, "rasd.db") });
  const res = await fetch(`${server.url}/api/articles`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ text: readFileSync(SEED, "utf8"), outlet: "العربي الجديد" }),
  });
  if (res.status !== 201) throw new Error(`seeding failed: ${res.status} ${await res.text()}`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--enable-unsafe-swiftshader", "--lang=ar"],
  });
  return {
    server,
    url: server.url,
    browser,
    shots,
    async page(size = { width: 1440, height: 900 }) {
      const context = await browser.newContext({ viewport: size, deviceScaleFactor: 1 });
      const page = (await context.newPage()) as Page & { errors: string[] };
      page.errors = [];
      page.on("pageerror", (e) => page.errors.push(e.message));
      page.on("console", (m) => {
        if (m.type() === "error") page.errors.push(m.text());
      });
      return page;
    },
    async shot(page, name) {
      const path = join(shots, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    async close() {
      await browser.close();
      await server.close();
      for (const f of ["rasd.db", "rasd.db-wal", "rasd.db-shm"])
        rmSync(join(dir, f), { force: true });
    },
  };
}

/** Waits until the map has drawn the basemap and `n` events (or any, without n). */
export async function mapReady(page: Page, n?: number): Promise<void> {
  await page.waitForFunction(
    (want) => {
      const r = (globalThis as unknown as RasdGlobal).__rasd;
      return !!r && r.basemap && (want === undefined ? r.eventsShown > 0 : r.eventsShown === want);
    },
    n,
    { timeout: 30_000 },
  );
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = (globalThis as unknown as RasdGlobal).__rasd?.map;
        if (!map || (map.loaded() && !map.isMoving())) resolve();
        else map.once("idle", () => resolve());
      }),
  );
}

/** What the page exposes for tests (web/src/map/MapView.tsx), as far as the tests use it. */
export interface RasdGlobal {
  __rasd?: {
    map: TestMap;
    eventsShown: number;
    basemap: boolean;
    firstEventsAt?: number;
  };
}

export interface TestMap {
  loaded(): boolean;
  isMoving(): boolean;
  once(event: string, f: () => void): void;
  jumpTo(o: { center: [number, number]; zoom: number }): void;
  project(p: [number, number]): { x: number; y: number };
  queryRenderedFeatures(
    box: [[number, number], [number, number]],
    o: { layers: string[] },
  ): { properties: Record<string, unknown> }[];
  querySourceFeatures(source: string): { properties: Record<string, unknown> }[];
  getLayoutProperty(layer: string, name: string): unknown;
  getZoom(): number;
}
