/**
 * The workspace's files served at / by the API (src/api/static.ts): the page with its security
 * policy, hashed assets cached and gzipped, the single-page fallback, the API left alone, no way
 * out of the build folder, and a helpful page when there is no build.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { gunzipSync } from "node:zlib";
import { createApp } from "../../src/api/index.js";
import { contentSecurityPolicy, mountWorkspace } from "../../src/api/static.js";
import { openStore } from "../../src/store/index.js";

const INLINE = "document.documentElement.lang = 'ar';";
const INDEX = `<!doctype html><html><head><script>${INLINE}</script><script type="module" src="/assets/app-1.js"></script></head><body><div id="root"></div></body></html>`;

async function appWith(dist: string | null) {
  const store = await openStore({ path: ":memory:" });
  const app = createApp({ store });
  if (dist) mountWorkspace(app, dist);
  else mountWorkspace(app, join(tmpdir(), "rasd-no-such-build"));
  return { app, store };
}

function fakeDist(): string {
  const dist = mkdtempSync(join(tmpdir(), "rasd-dist-"));
  mkdirSync(join(dist, "assets"));
  writeFileSync(join(dist, "index.html"), INDEX);
  writeFileSync(
    join(dist, "assets", "app-1.js"),
    `console.log(${JSON.stringify("x".repeat(5000))});`,
  );
  writeFileSync(join(dist, "secret.txt"), "inside");
  writeFileSync(join(tmpdir(), "rasd-outside.txt"), "CONTENT-OUTSIDE-THE-BUILD");
  return dist;
}

describe("web workspace files", () => {
  test("/ is the page, never cached, with a CSP allowing only its own scripts", async () => {
    const { app, store } = await appWith(fakeDist());
    const res = await app.request("/");
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /text\/html/);
    assert.equal(res.headers.get("cache-control"), "no-cache");
    const csp = res.headers.get("content-security-policy") ?? "";
    const hash = createHash("sha256").update(INLINE).digest("base64");
    assert.ok(csp.includes(`'sha256-${hash}'`), csp);
    assert.ok(csp.includes("script-src 'self'"));
    assert.ok(!csp.includes("unsafe-eval") && !/script-src[^;]*unsafe-inline/.test(csp));
    assert.equal(await res.text(), INDEX);
    await store.close();
  });

  test("hashed assets: cached for a year, gzipped when asked", async () => {
    const { app, store } = await appWith(fakeDist());
    const plain = await app.request("/assets/app-1.js");
    assert.equal(plain.status, 200);
    assert.match(plain.headers.get("cache-control") ?? "", /immutable/);
    assert.match(plain.headers.get("content-type") ?? "", /javascript/);
    const body = await plain.text();
    const gz = await app.request("/assets/app-1.js", {
      headers: { "Accept-Encoding": "gzip, br" },
    });
    assert.equal(gz.headers.get("content-encoding"), "gzip");
    assert.equal(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString(), body);
    const head = await app.request("/assets/app-1.js", { method: "HEAD" });
    assert.equal(head.status, 200);
    await store.close();
  });

  test("page paths fall back to the page; missing files and the API do not", async () => {
    const { app, store } = await appWith(fakeDist());
    for (const path of ["/reader", "/?view=disputes&lang=en", "/events/SYR-1"]) {
      const res = await app.request(path);
      assert.equal(res.status, 200, path);
      assert.equal(await res.text(), INDEX);
    }
    assert.equal((await app.request("/assets/missing-2.js")).status, 404);
    assert.equal((await app.request("/missing.png")).status, 404);
    const api = await app.request("/api/nothing-here");
    assert.equal(api.status, 404);
    assert.match(api.headers.get("content-type") ?? "", /problem\+json/);
    assert.equal((await app.request("/api/health")).status, 200);
    await store.close();
  });

  test("no file outside the build is reachable", async () => {
    const { app, store } = await appWith(fakeDist());
    for (const path of [
      "/../rasd-outside.txt",
      "/%2e%2e/rasd-outside.txt",
      "/assets/..%2f..%2frasd-outside.txt",
    ]) {
      const res = await app.request(path);
      const text = await res.text();
      assert.ok(!text.includes("CONTENT-OUTSIDE-THE-BUILD"), `${path} → ${res.status}`);
    }
    assert.equal(await (await app.request("/secret.txt")).text(), "inside");
    await store.close();
  });

  test("without a build, / says how to make one", async () => {
    const { app, store } = await appWith(null);
    const res = await app.request("/");
    assert.equal(res.status, 503);
    assert.match(await res.text(), /npm run build:web/);
    await store.close();
  });

  test("the policy lists a hash per inline script and none for external ones", () => {
    const csp = contentSecurityPolicy(
      '<script>a()</script><script src="/x.js"></script><script>b()</script>',
    );
    assert.equal((csp.match(/'sha256-/g) ?? []).length, 2);
  });
});
