import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  extractHtml,
  FetchTimeoutError,
  ingestUrl,
  NotHtmlError,
  toArticle,
} from "../../src/ingest/index.js";
import { fixture, serve, type TestServer } from "./helpers.js";

let server: TestServer;

before(async () => {
  server = await serve((req, res) => {
    if (req.url === "/sana") {
      res.writeHead(200, { "content-type": "text/html; charset=windows-1256" });
      return void res.end(fixture("sana-windows-1256.html"));
    }
    if (req.url === "/old-link") return void res.writeHead(301, { location: "/sana" }).end();
    if (req.url === "/image") {
      res.writeHead(200, { "content-type": "image/jpeg" });
      return void res.end(Buffer.from([0xff, 0xd8]));
    }
    // /slow: never answers
  });
});

after(() => server.close());

describe("ingesting a URL", () => {
  it("fetches the page, decodes it by the HTTP charset and reads it, keeping the final URL", async () => {
    const a = await ingestUrl(`${server.url}/old-link`);
    assert.equal(a.url, `${server.url}/sana`);
    assert.deepEqual(a.encoding, { name: "windows-1256", source: "http" });
    assert.equal(a.title, "وحدات الجيش تعيد فتح طريق حمص - تدمر");
  });

  it("refuses a URL that is not a page", async () => {
    await assert.rejects(ingestUrl(`${server.url}/image`), NotHtmlError);
  });

  it("gives up on a URL that does not answer in time", async () => {
    await assert.rejects(ingestUrl(`${server.url}/slow`, { timeoutMs: 150 }), FetchTimeoutError);
  });
});

describe("the article rasd analyses", () => {
  it("takes the text, title, outlet, canonical URL and the publication day as the outlet wrote it", () => {
    const a = extractHtml(fixture("alaraby.html"), {
      url: "https://www.alaraby.co.uk/x",
      id: "araby-1",
    });
    const article = toArticle(a);
    assert.deepEqual(
      { ...article, text: article.text.slice(0, 20) },
      {
        text: a.text.slice(0, 20),
        id: "araby-1",
        title: "قوات النظام تتقدم في ريف دير الزور الشرقي",
        published: "2017-11-02",
        outlet: "العربي الجديد",
        url: a.canonicalUrl,
      },
    );
  });
});
