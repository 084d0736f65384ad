import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseDocument } from "../../src/ingest/dom.js";

describe("parsing pages into a document", () => {
  it("leaves a well-formed page as it is", () => {
    const doc = parseDocument(
      '<html lang="ar"><head><title>ع</title></head><body><p>نص</p></body></html>',
    );
    assert.equal(doc.body.innerHTML, "<p>نص</p>");
  });

  it("gives a bare fragment an <html>, a <head> and a <body>", () => {
    const doc = parseDocument("<p>أ</p><p>ب</p>");
    assert.equal(doc.documentElement.nodeName, "HTML");
    assert.equal(doc.body.innerHTML, "<p>أ</p><p>ب</p>");
  });

  it("puts head elements before the content into <head>, and the rest into <body>", () => {
    const doc = parseDocument('<meta charset="utf-8"><title>عنوان</title><div>نص</div>');
    assert.equal(doc.head.querySelector("title")?.textContent, "عنوان");
    assert.equal(doc.body.innerHTML, "<div>نص</div>");
  });

  it("moves content written outside a page's <body> into it, keeping <html lang>", () => {
    const doc = parseDocument(
      '<html lang="ar"><head></head><p>قبل</p><body><p>داخل</p></body></html>',
    );
    assert.equal(doc.documentElement.getAttribute("lang"), "ar");
    assert.deepEqual(
      Array.from(doc.body.querySelectorAll("p")).map((p) => p.textContent),
      ["قبل", "داخل"],
    );
  });

  it("keeps text that is not markup at all, escaped", () => {
    const doc = parseDocument("نص <<< & >>> عادي");
    assert.equal(doc.body.textContent, "نص <<< & >>> عادي");
  });
});
