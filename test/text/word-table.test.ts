import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { WordTable } from "../../src/text/word-table.js";

describe("word table", () => {
  it("gives each word one id, in order of addition", () => {
    const t = new WordTable();
    assert.equal(t.add("الرقه"), 0);
    assert.equal(t.add("دير"), 1);
    assert.equal(t.add("الرقه"), 0);
    assert.equal(t.size, 2);
    assert.equal(t.find("دير"), 1);
    assert.equal(t.find("الزور"), -1);
    assert.equal(t.word(0), "الرقه");
  });

  it("finds a word inside a longer text without slicing it", () => {
    const t = new WordTable();
    t.add("الزور");
    const text = "في دير الزور اليوم";
    assert.equal(t.findIn(text, 7, 12), 0);
    assert.equal(t.findIn(text, 7, 11), -1);
    assert.equal(t.addIn(text, 3, 6), 1);
    assert.equal(t.word(1), "دير");
  });

  it("finds a word given in two pieces without joining them", () => {
    const t = new WordTable();
    t.add("الرقه");
    assert.equal(t.findJoined("ال", "رقه"), 0);
    assert.equal(t.findJoined("", "الرقه"), 0);
    assert.equal(t.findJoined("الرقه", ""), 0);
    assert.equal(t.findJoined("ال", "رق"), -1);
    assert.equal(t.findJoined("لل", "رقه"), -1);
  });

  it("tells the empty word and prefixes apart, and starts again when cleared", () => {
    const t = new WordTable();
    t.add("");
    t.add("ال");
    assert.equal(t.find(""), 0);
    assert.equal(t.find("ا"), -1);
    t.clear();
    assert.equal(t.size, 0);
    assert.equal(t.find("ال"), -1);
    assert.equal(t.add("ال"), 0);
  });

  it("agrees with a Map as it grows", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 400 }), (words) => {
        const t = new WordTable(4);
        const m = new Map<string, number>();
        for (const w of words) {
          if (!m.has(w)) m.set(w, m.size);
          assert.equal(t.add(w), m.get(w));
        }
        for (const [w, id] of m) {
          assert.equal(t.find(w), id);
          assert.equal(t.findJoined(w.slice(0, 2), w.slice(2)), id);
          assert.equal(t.word(id), w);
        }
        assert.equal(t.find("\u0000never"), -1);
      }),
    );
  });
});
