/**
 * Who may write: the bearer token when one is configured; without one, only requests addressed to
 * localhost; no server beyond localhost without a token. And the public-addresses-only fetch.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  ApiConfigError,
  createApp,
  isLoopbackHost,
  isPrivateAddress,
  publicOnlyFetch,
  sameSecret,
  serve,
} from "../../src/api/index.js";
import { FetchError, type FetchLike, ingestUrl } from "../../src/ingest/index.js";
import type { Store } from "../../src/store/index.js";
import {
  type App,
  DARAA_PROTEST,
  expectProblem,
  freshStore,
  json,
  MOSUL_IED,
  makeApp,
  postJson,
} from "./helpers.js";
import { SARAQEB_PAGE } from "./pages.js";

describe("addresses", () => {
  it("knows loopback listening addresses and host names", () => {
    for (const h of [
      "127.0.0.1",
      "127.1.2.3",
      "localhost",
      "LOCALHOST",
      "::1",
      "[::1]",
      "api.localhost",
      "::ffff:127.0.0.1",
    ])
      assert.equal(isLoopbackHost(h), true, h);
    for (const h of [
      "0.0.0.0",
      "::",
      "192.168.1.10",
      "10.0.0.1",
      "example.org",
      "localhost.example.org",
      "128.0.0.1",
    ])
      assert.equal(isLoopbackHost(h), false, h);
  });

  it("knows the addresses a public fetch must not reach", () => {
    for (const a of [
      "127.0.0.1",
      "10.20.30.40",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.0.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.1",
      "255.255.255.255",
      "::1",
      "::",
      "fe80::1",
      "fd00::1",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "::ffff:a9fe:a9fe",
      "not an address",
    ])
      assert.equal(isPrivateAddress(a), true, a);
    for (const a of ["8.8.8.8", "172.32.0.1", "93.184.216.34", "2606:4700::1111", "::ffff:8.8.8.8"])
      assert.equal(isPrivateAddress(a), false, a);
  });

  it("fetches public addresses, and refuses names and redirects that lead inside", async () => {
    const resolver = async (host: string) =>
      ({ "news.example": ["93.184.216.34"], "intranet.example": ["93.184.216.35", "10.0.0.5"] })[
        host
      ] ?? Promise.reject(Object.assign(new Error("not found"), { code: "ENOTFOUND" }));
    const asked: string[] = [];
    const inner: FetchLike = async (url) => {
      asked.push(url);
      if (url.endsWith("/moved"))
        return new Response(null, {
          status: 302,
          headers: { location: "http://intranet.example/admin" },
        });
      return new Response(SARAQEB_PAGE, { headers: { "content-type": "text/html" } });
    };
    const guarded = publicOnlyFetch(inner, resolver);
    const page = await ingestUrl("https://news.example/a", { fetch: guarded });
    assert.equal(page.title, "قصف على بلدة سراقب");
    await assert.rejects(
      ingestUrl("https://news.example/moved", { fetch: guarded }),
      (e: unknown) => {
        assert.ok(e instanceof FetchError);
        assert.equal(e.reason, "bad-url");
        assert.match(e.message, /10\.0\.0\.5/);
        return true;
      },
    );
    await assert.rejects(ingestUrl("http://nowhere.example/", { fetch: guarded }), (e: unknown) => {
      assert.ok(e instanceof FetchError);
      assert.equal(e.reason, "network");
      return true;
    });
    assert.deepEqual(asked, ["https://news.example/a", "https://news.example/moved"]);
  });
});

describe("secrets", () => {
  it("compares tokens exactly", () => {
    assert.equal(sameSecret("s3cret-token", "s3cret-token"), true);
    assert.equal(sameSecret("s3cret-token", "s3cret-tokeN"), false);
    assert.equal(sameSecret("s3cret", "s3cret-token"), false);
    assert.equal(sameSecret("", "x"), false);
  });
});

describe("writes with a token", () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let app: App;
  const TOKEN = "correct-horse-battery-staple";

  before(async () => {
    ({ store, dispose } = await freshStore());
    app = makeApp(store, { token: TOKEN });
  });
  after(async () => dispose());

  it("refuses a write without the token: 401 with WWW-Authenticate", async () => {
    const res = await postJson(app, "/api/articles", DARAA_PROTEST);
    const p = await expectProblem(res, 401, "unauthorized");
    assert.equal(res.headers.get("www-authenticate"), 'Bearer realm="rasd"');
    assert.match(p.detail, /Authorization: Bearer/);
  });

  it("refuses a wrong token and another scheme", async () => {
    for (const auth of [
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(1)}`,
      `Basic ${TOKEN}`,
      "Bearer",
      TOKEN,
    ]) {
      const res = await postJson(app, "/api/articles", DARAA_PROTEST, { authorization: auth });
      await expectProblem(res, 401, "unauthorized");
      assert.match(res.headers.get("www-authenticate") ?? "", /invalid_token/);
    }
  });

  it("takes a write with the token, on any write endpoint", async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    assert.equal((await postJson(app, "/api/articles", DARAA_PROTEST, auth)).status, 201);
    assert.equal(
      (await postJson(app, "/api/articles", MOSUL_IED, { authorization: `bearer ${TOKEN}` }))
        .status,
      201,
      "the scheme is case-insensitive",
    );
    const feed = await json(
      await postJson(app, "/api/feeds", { url: "https://t.example/rss" }, auth),
    );
    await expectProblem(
      await postJson(app, `/api/feeds/${feed.id}`, { active: false }, {}, "PATCH"),
      401,
      "unauthorized",
    );
    assert.equal(
      (await postJson(app, `/api/feeds/${feed.id}`, { active: false }, auth, "PATCH")).status,
      200,
    );
    await expectProblem(
      await app.request(`/api/feeds/${feed.id}`, { method: "DELETE" }),
      401,
      "unauthorized",
    );
    assert.equal(
      (await app.request(`/api/feeds/${feed.id}`, { method: "DELETE", headers: auth })).status,
      204,
    );
  });

  it("reads need no token", async () => {
    for (const path of ["/api/health", "/api/articles", "/api/events", "/api/feeds"])
      assert.equal((await app.request(path)).status, 200, path);
  });

  it("checks the token before reading the body", async () => {
    const res = await postJson(app, "/api/articles", "{broken");
    await expectProblem(res, 401, "unauthorized");
  });
});

describe("writes without a token", () => {
  let store: Store;
  let dispose: () => Promise<void>;

  before(async () => {
    ({ store, dispose } = await freshStore());
  });
  after(async () => dispose());

  it("are taken from requests to localhost", async () => {
    const app = makeApp(store);
    for (const [i, origin] of [
      "http://localhost",
      "http://127.0.0.1:8080",
      "http://[::1]:8080",
    ].entries()) {
      const res = await app.request(`${origin}/api/feeds`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ url: `https://local.example/${i}` }),
      });
      assert.equal(res.status, 201, origin);
    }
  });

  it("are refused when the request names another host (DNS rebinding)", async () => {
    const app = makeApp(store);
    const res = await app.request("http://attacker.example:8080/api/feeds", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ url: "https://evil.example/rss" }),
    });
    const p = await expectProblem(res, 403, "forbidden");
    assert.match(p.detail, /--token/);
    assert.equal((await app.request("http://attacker.example:8080/api/health")).status, 200);
  });

  it("an app that must have a token refuses to be built without one", () => {
    assert.throws(() => createApp({ store, requireToken: true }), ApiConfigError);
    assert.throws(() => createApp({ store, token: "  " }), /empty/);
    assert.doesNotThrow(() => createApp({ store, requireToken: true, token: "t" }));
  });
});

describe("serve", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "rasd-serve-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("refuses to listen beyond localhost without a token, before opening the store", async () => {
    const db = join(dir, "refused.db");
    for (const host of ["0.0.0.0", "::", "192.0.2.1"]) {
      await assert.rejects(serve({ host, port: 0, dbUrl: db }), (e: unknown) => {
        assert.ok(e instanceof ApiConfigError);
        assert.match(e.message, /token/);
        assert.match(e.message, /RASD_API_TOKEN/);
        return true;
      });
    }
    assert.equal(existsSync(db), false);
  });

  it("listens on a free port, answers over HTTP, limits bodies on the wire, and closes its store", async () => {
    const db = join(dir, "served.db");
    const server = await serve({
      port: 0,
      dbUrl: db,
      maxBodyBytes: 1024 * 1024,
      warm: false,
      allowPrivateNetworks: true,
    });
    try {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const health: { status: string; backend: string } = (await (
        await fetch(`${server.url}/api/health`)
      ).json()) as never;
      assert.equal(health.status, "ok");
      assert.equal(health.backend, "sqlite");
      const posted = await fetch(`${server.url}/api/articles`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(DARAA_PROTEST),
      });
      assert.equal(posted.status, 201);
      // 5 MB sent chunked: refused once 1 MB has come, without waiting for the rest.
      let sent = 0;
      const chunk = new Uint8Array(64 * 1024).fill(0x20);
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent >= 5 * 1024 * 1024) return controller.close();
          sent += chunk.byteLength;
          controller.enqueue(chunk);
        },
      });
      const big = await fetch(`${server.url}/api/articles`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
        duplex: "half",
      } as RequestInit).catch((e: unknown) => e);
      if (big instanceof Response) {
        assert.equal(big.status, 413);
        assert.equal(big.headers.get("content-type"), "application/problem+json");
      } else {
        // The server may cut the connection while the client is still sending.
        assert.ok(big instanceof Error);
      }
      const after = await fetch(`${server.url}/api/articles`);
      assert.equal(after.status, 200);
      // A URL posted over the wire is fetched (the request's abort signal stays quiet).
      const page = createServer((_req, res) => {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end(SARAQEB_PAGE);
      });
      await new Promise<void>((resolve) => page.listen(0, "127.0.0.1", resolve));
      try {
        const pageUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}/saraqeb`;
        const viaUrl = await fetch(`${server.url}/api/articles`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ url: pageUrl }),
        });
        assert.equal(viaUrl.status, 201, await viaUrl.clone().text());
        assert.equal(((await viaUrl.json()) as { article: { url: string } }).article.url, pageUrl);
      } finally {
        page.closeAllConnections();
        await new Promise<void>((resolve) => page.close(() => resolve()));
      }
    } finally {
      await server.close();
    }
    await assert.rejects(server.store.listEvents(), "the store is closed");
    await assert.rejects(fetch(`${server.url}/api/health`), "nothing listens any more");
  });

  it("says when the port is taken", async () => {
    const first = await serve({ port: 0, dbUrl: join(dir, "a.db"), warm: false });
    try {
      await assert.rejects(
        serve({ port: first.port, dbUrl: join(dir, "b.db"), warm: false }),
        /already in use/,
      );
    } finally {
      await first.close();
    }
  });
});
