import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeBytes, encodingName } from "../../src/ingest/charset.js";
import { encode1256 } from "./helpers.js";

const ARABIC = "قتل خمسة مدنيين في قصف على ريف حلب";
const html = (head: string, body = ARABIC) =>
  `<html><head>${head}</head><body><p>${body}</p></body></html>`;

describe("charset sniffing", () => {
  it("reads UTF-8 with a byte-order mark, and drops the mark", () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ARABIC)]);
    const d = decodeBytes(bytes, { contentType: "text/html; charset=windows-1256" });
    assert.deepEqual([d.text, d.encoding, d.source], [ARABIC, "utf-8", "bom"]);
  });

  it("reads UTF-16 with a byte-order mark", () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ARABIC, "utf16le")]);
    assert.equal(decodeBytes(bytes).text, ARABIC);
  });

  it("follows the charset of the HTTP Content-Type", () => {
    const d = decodeBytes(encode1256(ARABIC), { contentType: "text/html; charset=windows-1256" });
    assert.deepEqual([d.text, d.encoding, d.source], [ARABIC, "windows-1256", "http"]);
  });

  it("follows <meta charset> in the first bytes", () => {
    const d = decodeBytes(encode1256(html('<meta charset="windows-1256">')));
    assert.deepEqual([d.encoding, d.source], ["windows-1256", "meta"]);
    assert.ok(d.text.includes(ARABIC));
  });

  it("follows a http-equiv Content-Type declaration", () => {
    const d = decodeBytes(
      encode1256(html('<meta http-equiv="Content-Type" content="text/html; charset=cp1256">')),
    );
    assert.deepEqual([d.encoding, d.source], ["windows-1256", "meta"]);
  });

  it("follows the encoding of an XML declaration", () => {
    const xml = `<?xml version="1.0" encoding="windows-1256"?><rss><channel><title>${ARABIC}</title></channel></rss>`;
    const d = decodeBytes(encode1256(xml));
    assert.deepEqual([d.encoding, d.source], ["windows-1256", "xml"]);
    assert.ok(d.text.includes(ARABIC));
  });

  it("takes undeclared bytes that are valid UTF-8 as UTF-8", () => {
    const d = decodeBytes(Buffer.from(html("")));
    assert.deepEqual([d.encoding, d.source], ["utf-8", "utf8-valid"]);
  });

  it("falls back to windows-1256 for undeclared bytes that are not UTF-8", () => {
    const d = decodeBytes(encode1256(html("")));
    assert.deepEqual([d.encoding, d.source], ["windows-1256", "fallback"]);
    assert.ok(d.text.includes(ARABIC));
  });

  it("does not trust a UTF-8 declaration that the bytes break", () => {
    const d = decodeBytes(encode1256(html('<meta charset="utf-8">')));
    assert.equal(d.encoding, "windows-1256");
    assert.ok(d.text.includes(ARABIC));
  });

  it("skips a charset label it does not know and goes on to the next clue", () => {
    const d = decodeBytes(encode1256(html('<meta charset="windows-1256">')), {
      contentType: "text/html; charset=x-no-such-charset",
    });
    assert.deepEqual([d.encoding, d.source], ["windows-1256", "meta"]);
  });

  it("uses an encoding the caller forces", () => {
    const d = decodeBytes(encode1256(ARABIC), { encoding: "cp1256" });
    assert.deepEqual([d.text, d.source], [ARABIC, "given"]);
  });

  it("maps labels to their WHATWG names, and unknown ones to undefined", () => {
    assert.equal(encodingName("CP1256"), "windows-1256");
    assert.equal(encodingName("ISO-8859-6"), "iso-8859-6");
    assert.equal(encodingName("nonsense"), undefined);
  });
});
