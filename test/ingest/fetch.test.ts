import assert from "node:assert/strict";
import type { ServerResponse } from "node:http";
import { after, before, describe, it } from "node:test";
import {
  FetchError,
  FetchTimeoutError,
  HttpStatusError,
  NotHtmlError,
  TooLargeError,
} from "../../src/ingest/errors.js";
import { DEFAULT_MAX_BYTES, type FetchLike, fetchBody } from "../../src/ingest/fetch.js";
import { serve, type TestServer } from "./helpers.js";

const PAGE = "<html><body><p>قصف مدفعي على ريف حماة</p></body></html>";
const MB = 1024 * 1024;

/** Writes 1 MB chunks for as long as the client reads, up to `limit` bytes. */
function endless(res: ServerResponse, limit: number): void {
  const chunk = Buffer.alloc(MB, 0x61);
  let sent = 0;
  const pump = () => {
    while (sent < limit && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once("drain", pump);
    }
    res.end();
  };
  pump();
}

let server: TestServer;

before(async () => {
  server = await serve((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    switch (url.pathname) {
      case "/page":
        res.writeHead(200, { "content-type": "text/html; charset=utf-8", etag: '"v1"' });
        return void res.end(PAGE);
      case "/conditional":
        if (req.headers["if-none-match"] === '"v1"') return void res.writeHead(304).end();
        res.writeHead(200, { "content-type": "text/html", etag: '"v1"' });
        return void res.end(PAGE);
      case "/moved":
        return void res.writeHead(301, { location: "/moved-again" }).end();
      case "/moved-again":
        return void res.writeHead(302, { location: `${server.url}/page` }).end();
      case "/loop":
        return void res.writeHead(302, { location: "/loop" }).end();
      case "/silent":
        return; // never answers
      case "/stalls":
        res.writeHead(200, { "content-type": "text/html" });
        return void res.write("<html><body><p>بداية"); // and never ends
      case "/announced-huge":
        res.writeHead(200, { "content-type": "text/html", "content-length": String(60 * MB) });
        return void res.write("<html>");
      case "/huge":
        res.writeHead(200, { "content-type": "text/html" });
        return endless(res, 200 * MB);
      case "/pdf":
        res.writeHead(200, { "content-type": "application/pdf" });
        return void res.end("%PDF-1.4");
      case "/missing":
        return void res.writeHead(404, "Not Found").end("no");
      case "/busy":
        return void res.writeHead(503, "Service Unavailable", { "retry-after": "120" }).end();
      default:
        res.writeHead(500).end();
    }
  });
});

after(() => server.close());

describe("fetching a page", () => {
  it("returns the body, its Content-Type and its validators", async () => {
    const r = await fetchBody(`${server.url}/page`);
    assert.equal(Buffer.from(r.bytes).toString("utf8"), PAGE);
    assert.deepEqual(
      [r.status, r.contentType, r.etag, r.notModified],
      [200, "text/html; charset=utf-8", '"v1"', false],
    );
  });

  it("follows redirects and reports the final URL", async () => {
    const r = await fetchBody(`${server.url}/moved`);
    assert.equal(r.url, `${server.url}/page`);
  });

  it("gives up after too many redirects", async () => {
    await assert.rejects(fetchBody(`${server.url}/loop`, { maxRedirects: 3 }), (e: unknown) => {
      assert.ok(e instanceof FetchError);
      assert.equal(e.reason, "redirects");
      assert.match(e.message, /redirected more than 3 times/);
      return true;
    });
  });

  it("answers a conditional GET of an unchanged page with notModified", async () => {
    const r = await fetchBody(`${server.url}/conditional`, { etag: '"v1"' });
    assert.deepEqual([r.status, r.notModified, r.bytes.length], [304, true, 0]);
  });

  it("uses an injected fetch instead of the network", async () => {
    const fake: FetchLike = async () =>
      new Response(PAGE, { headers: { "content-type": "text/html" } });
    const r = await fetchBody("https://example.invalid/page", { fetch: fake });
    assert.equal(Buffer.from(r.bytes).toString("utf8"), PAGE);
  });
});

describe("fetch errors", () => {
  it("times out on a server that never answers", async () => {
    const url = `${server.url}/silent`;
    await assert.rejects(fetchBody(url, { timeoutMs: 200 }), (e: unknown) => {
      assert.ok(e instanceof FetchTimeoutError);
      assert.equal(e.reason, "timeout");
      assert.equal(e.message, `${url} did not answer within 200 ms (timed out)`);
      return true;
    });
  });

  it("times out on a body that stops arriving", async () => {
    await assert.rejects(fetchBody(`${server.url}/stalls`, { timeoutMs: 300 }), FetchTimeoutError);
  });

  it("refuses a body whose announced size is over the limit, before reading it", async () => {
    await assert.rejects(fetchBody(`${server.url}/announced-huge`), (e: unknown) => {
      assert.ok(e instanceof TooLargeError);
      assert.match(e.message, /is 60\.0 MB, over the 50\.0 MB limit \(refused before reading\)/);
      return true;
    });
  });

  it("cuts off an unannounced body as soon as it passes 50 MB", async () => {
    await assert.rejects(fetchBody(`${server.url}/huge`), (e: unknown) => {
      assert.ok(e instanceof TooLargeError);
      assert.equal(e.limitBytes, DEFAULT_MAX_BYTES);
      assert.ok(e.sizeBytes > DEFAULT_MAX_BYTES && e.sizeBytes <= DEFAULT_MAX_BYTES + 2 * MB);
      assert.match(e.message, /sent more than 50\.0 MB, the limit: reading stopped at/);
      return true;
    });
  });

  it("applies a smaller limit when given one", async () => {
    await assert.rejects(fetchBody(`${server.url}/huge`, { maxBytes: 2 * MB }), TooLargeError);
  });

  it("refuses a body that is not an HTML page when a page is expected", async () => {
    const url = `${server.url}/pdf`;
    await assert.rejects(fetchBody(url, { accept: "html" }), (e: unknown) => {
      assert.ok(e instanceof NotHtmlError);
      assert.equal(e.message, `${url} is application/pdf, not an HTML page`);
      return true;
    });
  });

  it("reports an HTTP error status, and whether it may pass", async () => {
    await assert.rejects(fetchBody(`${server.url}/missing`), (e: unknown) => {
      assert.ok(e instanceof HttpStatusError);
      assert.equal(e.message, `${server.url}/missing answered HTTP 404 Not Found`);
      assert.equal(e.transient, false);
      return true;
    });
    await assert.rejects(fetchBody(`${server.url}/busy`), (e: unknown) => {
      assert.ok(e instanceof HttpStatusError);
      assert.deepEqual([e.status, e.transient, e.retryAfterMs], [503, true, 120_000]);
      return true;
    });
  });

  it("reports a refused connection as a network error", async () => {
    const closed = await serve(() => {});
    const url = `${closed.url}/page`;
    await closed.close();
    await assert.rejects(fetchBody(url), (e: unknown) => {
      assert.ok(e instanceof FetchError);
      assert.equal(e.reason, "network");
      assert.match(e.message, /^cannot fetch .*: ECONNREFUSED$/);
      return true;
    });
  });

  it("refuses a URL that is not http(s)", async () => {
    await assert.rejects(
      fetchBody("ftp://example.com/a"),
      /"ftp:\/\/example.com\/a" is not an http\(s\) URL/,
    );
    await assert.rejects(fetchBody("no url at all"), /"no url at all" is not a valid URL/);
  });

  it("lets the caller's own cancellation through as it is", async () => {
    const controller = new AbortController();
    const pending = fetchBody(`${server.url}/silent`, { signal: controller.signal });
    controller.abort();
    await assert.rejects(pending, (e: unknown) => !(e instanceof FetchError));
  });
});
