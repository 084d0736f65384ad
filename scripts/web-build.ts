/**
 * Builds the web workspace (web/ → web/dist) with Vite when the build is missing or older than
 * its sources. Used by `npm start` (scripts/start.ts) and the browser tests; `npm run build:web`
 * always builds.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const WEB_DIST = join(ROOT, "web", "dist");

function newest(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = st.mtimeMs;
  for (const name of readdirSync(path)) t = Math.max(t, newest(join(path, name)));
  return t;
}

/** Whether web/dist is missing or older than anything it is built from. */
export function webBuildStale(): boolean {
  const index = join(WEB_DIST, "index.html");
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const sources = [
    join(ROOT, "web", "src"),
    join(ROOT, "web", "index.html"),
    join(ROOT, "web", "vite.config.ts"),
    join(ROOT, "data", "web"),
    join(ROOT, "package-lock.json"),
  ].filter(existsSync);
  return sources.some((s) => newest(s) > built);
}

/** Builds the workspace if it is stale; returns whether it built. */
export async function ensureWebBuild(options: { quiet?: boolean } = {}): Promise<boolean> {
  if (!webBuildStale()) return false;
  const { build } = await import("vite");
  if (!options.quiet) process.stderr.write("rasd: building the web workspace (web/ → web/dist)…\n");
  await build({
    configFile: join(ROOT, "web", "vite.config.ts"),
    logLevel: options.quiet ? "error" : "warn",
  });
  return true;
}
