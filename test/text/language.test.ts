import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkLanguage } from "../../src/text/language.js";
import { SEED } from "../helpers.js";

const reason = (input: unknown) => {
  const v = checkLanguage(input);
  return v.ok ? "ok" : v.reason;
};

describe("language check", () => {
  it("accepts the seed article", () => {
    const v = checkLanguage(SEED);
    assert.ok(v.ok);
    assert.ok(v.arabicShare > 0.95);
  });

  it("accepts Arabic text with an English quotation in it", () => {
    assert.equal(reason('قال المتحدث باسم البنتاغون "we are monitoring the situation" أمس'), "ok");
  });

  it("refuses empty and blank input", () => {
    assert.equal(reason(""), "empty");
    assert.equal(reason(" \n\t "), "empty");
  });

  it("refuses English text, naming the share of Arabic", () => {
    const v = checkLanguage("Syrian government forces shelled the town on Wednesday.");
    assert.equal(v.ok, false);
    assert.match(v.ok ? "" : v.message, /not Arabic: only 0% of its letters are Arabic/);
  });

  it("refuses input that is not a string", () => {
    assert.equal(reason(Buffer.from("قصف")), "binary");
  });

  it("refuses binary data", () => {
    assert.equal(reason("قصف\u0000\u0001\u0002 مدفعي"), "binary");
  });

  it("refuses UTF-8 Arabic decoded as Latin-1", () => {
    const mojibake = Buffer.from("قصفت الطائرات الحربية بلدة محاصرة في الريف", "utf8").toString(
      "latin1",
    );
    assert.equal(reason(mojibake), "bad-encoding");
  });

  it("refuses text full of undecodable characters", () => {
    assert.equal(reason("قصف \ufffd\ufffd\ufffd\ufffd\ufffd\ufffd"), "bad-encoding");
  });

  it("refuses a single word as too short", () => {
    assert.equal(reason("قصف"), "too-short");
  });

  it("refuses text over the size limit", () => {
    assert.equal(checkLanguage("قصف ".repeat(100), { maxLength: 100 }).ok, false);
    assert.equal(reason("قصف ".repeat(600_000)), "too-large");
  });
});
