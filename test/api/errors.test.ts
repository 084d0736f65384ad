/**
 * Every refusal as an RFC 9457 problem with its status and fields: malformed and oversized
 * bodies, wrong media types, refused articles, unknown routes and methods, unexpected failures;
 * the response headers every answer carries; and no bad request harms what is stored.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Store } from "../../src/store/index.js";
import {
  type App,
  DARAA_PROTEST,
  expectProblem,
  freshStore,
  getJson,
  type Json,
  json,
  makeApp,
  postJson,
  seedArticles,
} from "./helpers.js";

/** A request body that never ends, counting the bytes the server pulled from it. */
function endlessBody(chunk = 64 * 1024): {
  stream: ReadableStream<Uint8Array>;
  pulled: () => number;
} {
  let pulled = 0;
  const bytes = new Uint8Array(chunk).fill(0x20);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += bytes.byteLength;
      controller.enqueue(bytes);
    },
  });
  return { stream, pulled: () => pulled };
}

/** Everything a client can read back, to compare before and after bad requests. */
async function snapshot(app: App): Promise<string> {
  const parts: Json[] = [];
  for (const path of [
    "/api/articles?limit=500",
    "/api/events?limit=500",
    "/api/claims?limit=500",
    "/api/disputes?limit=500",
    "/api/places?limit=500",
    "/api/actors?limit=500",
    "/api/sources?limit=500",
    "/api/feeds?limit=500",
  ]) {
    parts.push((await getJson(app, path)).items);
  }
  const articles = parts[0] as Json[];
  for (const a of articles) parts.push(await getJson(app, `/api/articles/${a.id}`));
  for (const e of parts[1] as Json[]) parts.push(await getJson(app, `/api/events/${e.id}`));
  return JSON.stringify(parts);
}

describe("errors", () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let app: App;

  before(async () => {
    ({ store, dispose } = await freshStore());
    app = makeApp(store, { maxBodyBytes: 256 * 1024 });
    await seedArticles(app, [DARAA_PROTEST]);
  });
  after(async () => dispose());

  describe("bodies", () => {
    it("malformed JSON is a 400 saying where it broke", async () => {
      const p = await expectProblem(
        await postJson(app, "/api/articles", '{"text": "قصف",'),
        400,
        "malformed-json",
      );
      assert.match(p.detail, /not valid JSON/);
    });

    it("JSON that is not an object is a 400", async () => {
      for (const body of ["[]", "null", '"نص"', "42"]) {
        const p = await expectProblem(
          await postJson(app, "/api/articles", body),
          400,
          "malformed-json",
        );
        assert.match(p.detail, /must be a JSON object/, body);
      }
    });

    it("an empty body and bytes that are not UTF-8 are 400s", async () => {
      await expectProblem(await postJson(app, "/api/articles", ""), 400, "malformed-json");
      const res = await app.request("/api/articles", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: new Uint8Array([0x7b, 0x22, 0xc7, 0x22, 0x3a, 0x31, 0x7d]),
      });
      const p = await expectProblem(res, 400, "malformed-json");
      assert.match(p.detail, /UTF-8/);
    });

    it("a body that is not JSON is a 415, telling what to send", async () => {
      for (const type of ["text/plain", "application/x-www-form-urlencoded", undefined]) {
        const res = await app.request("/api/articles", {
          method: "POST",
          ...(type ? { headers: { "content-type": type } } : {}),
          body: "text=قصف",
        });
        const p = await expectProblem(res, 415, "unsupported-media-type");
        assert.match(p.detail, /application\/json/);
      }
      const ok = await postJson(
        app,
        "/api/articles",
        { text: "" },
        {
          "content-type": "application/merge-patch+json; charset=utf-8",
        },
      );
      assert.equal(ok.status, 422, "any +json type is JSON");
    });

    it("a body whose Content-Length is over the limit is a 413 before reading", async () => {
      const { stream, pulled } = endlessBody();
      const res = await app.request("/api/articles", {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": String(50 * 1024 * 1024) },
        body: stream,
        duplex: "half",
      } as RequestInit);
      const p = await expectProblem(res, 413, "payload-too-large");
      assert.equal(p.limit_bytes, 256 * 1024);
      assert.match(p.detail, /50\.0 MB, over the 256\.0 KB limit/);
      assert.ok(pulled() <= 64 * 1024 * 2, `read ${pulled()} bytes of a refused body`);
    });

    it("a body without Content-Length is cut off as soon as it passes the limit", async () => {
      const { stream, pulled } = endlessBody();
      const res = await app.request("/api/articles", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: stream,
        duplex: "half",
      } as RequestInit);
      const p = await expectProblem(res, 413, "payload-too-large");
      assert.match(p.detail, /reading stopped at/);
      assert.ok(pulled() < 256 * 1024 + 4 * 64 * 1024, `pulled ${pulled()} bytes`);
    });

    it("a body just under the limit is read", async () => {
      const text = `${DARAA_PROTEST.text} ${"و".repeat(100)}`;
      const res = await postJson(app, "/api/articles", { text, published: "2019-06-07" });
      assert.equal(res.status, 201);
    });
  });

  describe("articles refused", () => {
    it("empty or blank text is a 422 from the analyzer", async () => {
      for (const text of ["", "   \n\n  "]) {
        const p = await expectProblem(
          await postJson(app, "/api/articles", { text }),
          422,
          "unprocessable-article",
        );
        assert.equal(p.reason, "empty");
      }
    });

    it("text that is not Arabic is a 422 naming the reason", async () => {
      const p = await expectProblem(
        await postJson(app, "/api/articles", {
          text: "Government forces shelled the town on Friday, killing five civilians, activists said.",
        }),
        422,
        "unprocessable-article",
      );
      assert.equal(p.reason, "not-arabic");
      assert.match(p.detail, /not Arabic/);
    });

    it("fields of the wrong type, unknown fields and conflicting sources are 400s naming each", async () => {
      const p = await expectProblem(
        await postJson(app, "/api/articles", {
          text: 42,
          title: ["a"],
          published: "2019-02-30",
          outlet: false,
          url: "javascript:alert(1)",
          lang: "ar",
        }),
        400,
        "invalid-parameters",
      );
      const byName = Object.fromEntries(p["invalid-params"].map((x: Json) => [x.name, x.reason]));
      assert.deepEqual(Object.keys(byName).sort(), [
        "lang",
        "outlet",
        "published",
        "text",
        "title",
        "url",
      ]);
      assert.match(byName.text, /must be a string, not a number/);
      assert.match(byName.published, /real date/);
      assert.match(byName.url, /http/);
      assert.match(byName.lang, /unknown field/);
      const both = await expectProblem(
        await postJson(app, "/api/articles", { text: "نص", html: "<p>نص</p>" }),
        400,
        "invalid-parameters",
      );
      assert.equal(both["invalid-params"][0].name, "html");
      const none = await expectProblem(
        await postJson(app, "/api/articles", { title: "عنوان" }),
        400,
        "invalid-parameters",
      );
      assert.match(none["invalid-params"][0].reason, /text, html or url/);
    });

    it("HTML that is empty, binary or holds no article is a 422", async () => {
      for (const [html, reason] of [
        ["   ", "empty"],
        ["<html>\u0000\u0001</html>", "binary"],
        ["<html><body><nav><a href='/'>الرئيسية</a></nav></body></html>", undefined],
      ] as const) {
        const p = await expectProblem(
          await postJson(app, "/api/articles", { html }),
          422,
          "unprocessable-article",
        );
        if (reason) assert.equal(p.reason, reason);
      }
    });
  });

  describe("routes", () => {
    it("an unknown path is a 404 problem", async () => {
      for (const path of ["/", "/api", "/api/event", "/api/events/a/b", "/favicon.ico"]) {
        const p = await expectProblem(await app.request(path), 404, "not-found");
        assert.equal(p.instance, path);
      }
    });

    it("a known path asked with another method is a 405 with Allow", async () => {
      const cases: [string, string, string][] = [
        ["PUT", "/api/articles", "GET, HEAD, POST, OPTIONS"],
        ["DELETE", "/api/events", "GET, HEAD, OPTIONS"],
        ["POST", "/api/events/SYR-0000000000000000", "GET, HEAD, OPTIONS"],
        ["POST", "/api/health", "GET, HEAD, OPTIONS"],
        ["PUT", "/api/feeds/f-0000000000000000", "GET, HEAD, PATCH, DELETE, OPTIONS"],
        ["PATCH", "/api/feeds", "GET, HEAD, POST, OPTIONS"],
      ];
      for (const [method, path, allow] of cases) {
        const res = await app.request(path, { method });
        const p = await expectProblem(res, 405, "method-not-allowed");
        assert.equal(res.headers.get("allow"), allow, `${method} ${path}`);
        assert.match(p.detail, new RegExp(`^${method} is not allowed`));
      }
    });

    it("HEAD answers like GET without a body", async () => {
      const res = await app.request("/api/events", { method: "HEAD" });
      assert.equal(res.status, 200);
      assert.equal(await res.text(), "");
      assert.match(res.headers.get("content-type") ?? "", /application\/json/);
    });
  });

  describe("headers", () => {
    it("every answer carries an X-Request-Id, the client's when it is sane", async () => {
      const a = await app.request("/api/version");
      assert.match(a.headers.get("x-request-id") ?? "", /^[0-9a-f-]{36}$/);
      const b = await app.request("/api/version", { headers: { "x-request-id": "trace-42" } });
      assert.equal(b.headers.get("x-request-id"), "trace-42");
      const c = await app.request("/api/version", { headers: { "x-request-id": "<script>" } });
      assert.notEqual(c.headers.get("x-request-id"), "<script>");
      const d = await app.request("/api/nope", { headers: { "x-request-id": "trace-43" } });
      assert.equal(d.headers.get("x-request-id"), "trace-43");
      assert.equal((await json(d)).request_id, "trace-43");
    });

    it("reads are open to other origins; writes are not offered to them", async () => {
      const get = await app.request("/api/events", { headers: { origin: "https://ui.example" } });
      assert.equal(get.headers.get("access-control-allow-origin"), "*");
      assert.match(get.headers.get("access-control-expose-headers") ?? "", /X-Request-Id/);
      const preflight = await app.request("/api/articles", {
        method: "OPTIONS",
        headers: {
          origin: "https://ui.example",
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type",
        },
      });
      assert.equal(preflight.status, 204);
      assert.equal(preflight.headers.get("access-control-allow-methods"), "GET,HEAD");
    });

    it("answers JSON in the analysis' snake_case style", async () => {
      const v = await getJson(app, "/api/version");
      assert.deepEqual(Object.keys(v).sort(), ["api_version", "node_version", "rasd_version"]);
      const h = await getJson(app, "/api/health");
      for (const key of Object.keys(h)) assert.match(key, /^[a-z0-9_]+$/);
    });
  });

  describe("health", () => {
    it("gives the version, backend, schema and counts", async () => {
      const h = await getJson(app, "/api/health");
      assert.equal(h.status, "ok");
      assert.equal(h.backend, "sqlite");
      assert.equal(h.schema.current, true);
      assert.equal(typeof h.schema.version, "number");
      assert.ok(h.counts.articles >= 1);
      assert.ok(h.counts.events >= 1);
      assert.equal(h.counts.feeds, 0);
      assert.equal(h.counts_exact, true);
    });

    it("counts what a write through the API added at once", async () => {
      const before = (await getJson(app, "/api/health")).counts;
      await postJson(app, "/api/feeds", { url: "https://count.example/rss" });
      const after = (await getJson(app, "/api/health")).counts;
      assert.equal(after.feeds, before.feeds + 1);
    });

    it("is a 503 problem when the database does not answer", async () => {
      const broken = { ...store, backend: "sqlite" } as Store;
      broken.schemaVersion = async () => {
        throw new Error("database is locked");
      };
      const p = await expectProblem(
        await makeApp(broken).request("/api/health"),
        503,
        "unavailable",
      );
      assert.match(p.detail, /database is locked/);
    });
  });

  it("an unexpected failure is a 500 that tells the request id, not the error", async () => {
    const logged: string[] = [];
    const failing = Object.create(store) as Store;
    failing.listEvents = async () => {
      throw new Error("secret connection string postgres://u:p@h/db");
    };
    const res = await makeApp(failing, { errorLog: (m) => logged.push(m) }).request("/api/events");
    const p = await expectProblem(res, 500, "internal-error");
    assert.ok(!JSON.stringify(p).includes("secret"));
    assert.match(p.detail, new RegExp(p.request_id));
    assert.equal(logged.length, 1);
    assert.match(logged[0] as string, /secret connection string/);
    assert.match(logged[0] as string, new RegExp(p.request_id));
  });
});

describe("bad requests harm nothing", () => {
  it("leaves every stored row as it was", async () => {
    const { store, dispose } = await freshStore();
    try {
      const app = makeApp(store, { maxBodyBytes: 64 * 1024 });
      const guarded = makeApp(store, { token: "t0ken" });
      await seedArticles(app);
      await postJson(app, "/api/feeds", { url: "https://keep.example/rss", title: "يبقى" });
      const before = await snapshot(app);
      const health = (await getJson(app, "/api/health")).counts;
      const feed = (await getJson(app, "/api/feeds")).items[0];

      const bad: [string, string, unknown, Record<string, string>?][] = [
        ["POST", "/api/articles", "{not json"],
        ["POST", "/api/articles", { text: "" }],
        ["POST", "/api/articles", { text: "Only English words in this article text." }],
        ["POST", "/api/articles", { text: "قصف", published: "2019-13-40" }],
        ["POST", "/api/articles", { text: "نص", html: "<p>نص</p>" }],
        ["POST", "/api/articles", { html: "<html><body></body></html>" }],
        ["POST", "/api/articles", { url: "http://127.0.0.1:1/" }],
        ["POST", "/api/articles", { text: "و".repeat(70 * 1024) }],
        ["POST", "/api/articles", { text: DARAA_PROTEST.text }, { "content-type": "text/plain" }],
        ["POST", "/api/feeds", { url: "not a url" }],
        ["PATCH", `/api/feeds/${feed.id}`, { interval: -1 }],
        ["PATCH", `/api/feeds/${feed.id}`, { active: "no", title: "تغيير" }],
        ["DELETE", "/api/feeds/f-doesnotexist", ""],
        ["DELETE", "/api/articles", ""],
        ["PUT", "/api/events", ""],
      ];
      for (const [method, path, body, headers] of bad) {
        const res = await postJson(app, path, body, headers ?? {}, method);
        assert.ok(res.status >= 400, `${method} ${path} → ${res.status}`);
        await res.arrayBuffer();
      }
      // Writes without the token, or with a wrong one, to a server that has one.
      for (const auth of [undefined, "Bearer wrong", "Basic dDBrZW4="]) {
        const headers: Record<string, string> = auth ? { authorization: auth } : {};
        const res = await postJson(guarded, "/api/articles", DARAA_PROTEST, headers);
        assert.equal(res.status, 401);
        const del = await guarded.request(`/api/feeds/${feed.id}`, { method: "DELETE", headers });
        assert.equal(del.status, 401);
      }
      // Bad queries.
      for (const path of ["/api/events?bbox=x", "/api/articles?limit=9999", "/api/claims?from=x"]) {
        assert.equal((await app.request(path)).status, 400);
      }

      assert.equal(await snapshot(app), before);
      assert.deepEqual((await getJson(app, "/api/health")).counts, health);
    } finally {
      await dispose();
    }
  });
});
