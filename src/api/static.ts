/**
 * The web workspace at `/`: the files Vite built into web/dist (`npm run build:web`), with the
 * single-page fallback (any other path that is not the API's answers index.html, so that a
 * shared link such as `/?view=disputes` or `/reader` opens the workspace).
 *
 * Hashed assets (`/assets/…`) are cached for a year; index.html never. Text files are sent
 * gzipped when the client takes it (compressed once, kept in memory). The page is sent with a
 * Content-Security-Policy that allows only this origin's scripts (and the page's own inline
 * script, by hash), so that nothing an article contains can run as code even if it reached the
 * page as HTML. Without a build, `/` says how to make one.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { Context, Hono } from "hono";
import type { Env } from "./routes.js";

/** Where `npm run build:web` writes the workspace; `$RASD_WEB_DIST` overrides it. */
export const DEFAULT_WEB_DIST = fileURLToPath(new URL("../../web/dist", import.meta.url));

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json; charset=utf-8",
};
const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".json", ".svg", ".txt", ".map"]);

interface CachedFile {
  body: Buffer;
  gzip: Buffer | null;
  type: string;
  mtimeMs: number;
}

function isApiPath(path: string): boolean {
  return path === "/api" || path.startsWith("/api/") || path === "/openapi.json";
}

/** The Content-Security-Policy of the page, allowing its inline scripts by hash. */
export function contentSecurityPolicy(html: string): string {
  const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (m) =>
      `'sha256-${createHash("sha256")
        .update(m[1] ?? "")
        .digest("base64")}'`,
  );
  return [
    "default-src 'self'",
    `script-src 'self' ${hashes.join(" ")}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join("; ");
}

const NOT_BUILT = `<!doctype html>
<html lang="ar" dir="rtl"><meta charset="utf-8"><title>rasd</title>
<body style="font-family:system-ui,sans-serif;max-width:40em;margin:3em auto;line-height:1.6">
<h1>رصد</h1>
<p>واجهة العمل لم تُبنَ بعد: شغّل <code>npm run build:web</code> (أو <code>npm start</code>) ثم أعد تحميل الصفحة.</p>
<p dir="ltr" lang="en">The web workspace is not built yet: run <code>npm run build:web</code>
(or <code>npm start</code>), then reload. The API is at <a href="/api/health">/api/health</a>.</p>
</body></html>
`;

/**
 * Serves the workspace from `root` (default web/dist) on every GET or HEAD that is not the
 * API's. Register after the API's routes.
 */
export function mountWorkspace(
  app: Hono<Env>,
  root = process.env.RASD_WEB_DIST || DEFAULT_WEB_DIST,
): void {
  const base = resolve(root);
  const cache = new Map<string, CachedFile>();

  const load = (file: string): CachedFile | null => {
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(file);
    } catch {
      return null;
    }
    if (!st.isFile()) return null;
    const hit = cache.get(file);
    if (hit && hit.mtimeMs === st.mtimeMs) return hit;
    const body = readFileSync(file);
    const ext = extname(file).toLowerCase();
    const entry: CachedFile = {
      body,
      gzip: COMPRESSIBLE.has(ext) && body.length > 1024 ? gzipSync(body, { level: 6 }) : null,
      type: TYPES[ext] ?? "application/octet-stream",
      mtimeMs: st.mtimeMs,
    };
    cache.set(file, entry);
    return entry;
  };

  const send = (
    c: Context<Env>,
    f: CachedFile,
    cacheControl: string,
    extra: Record<string, string> = {},
  ) => {
    const gzip = f.gzip !== null && /\bgzip\b/.test(c.req.header("Accept-Encoding") ?? "");
    const body = gzip ? (f.gzip as Buffer) : f.body;
    const headers: Record<string, string> = {
      "Content-Type": f.type,
      "Cache-Control": cacheControl,
      "Content-Length": String(body.length),
      Vary: "Accept-Encoding",
      ...extra,
    };
    if (gzip) headers["Content-Encoding"] = "gzip";
    if (c.req.method === "HEAD") return c.body(null, 200, headers);
    return c.body(new Uint8Array(body), 200, headers);
  };

  const page = (c: Context<Env>) => {
    const index = load(join(base, "index.html"));
    if (!index) {
      return c.html(NOT_BUILT, 503, { "Cache-Control": "no-store", "Retry-After": "30" });
    }
    return send(c, index, "no-cache", {
      "Content-Security-Policy": contentSecurityPolicy(index.body.toString("utf8")),
      "Referrer-Policy": "no-referrer",
    });
  };

  app.on(["GET", "HEAD"], "*", async (c, next) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(c.req.url).pathname);
    } catch {
      return next();
    }
    if (isApiPath(path)) return next();
    if (path === "/" || path === "/index.html") return page(c);
    const file = normalize(join(base, path));
    if (file.startsWith(base + sep) && !path.includes("\0")) {
      const f = load(file);
      if (f) {
        const immutable = path.startsWith("/assets/");
        return send(c, f, immutable ? "public, max-age=31536000, immutable" : "no-cache");
      }
    }
    // A missing asset is a 404, a page path opens the workspace.
    if (path.startsWith("/assets/") || /\.[a-z0-9]{1,8}$/i.test(path)) return next();
    return page(c);
  });
}

/** Whether the workspace has been built (web/dist/index.html exists). */
export function workspaceBuilt(root = process.env.RASD_WEB_DIST || DEFAULT_WEB_DIST): boolean {
  return existsSync(join(root, "index.html"));
}
