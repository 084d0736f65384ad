/** The library entry (src/index.ts): analyze() and its pipeline cache. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { analyze, InputError, pipelineFor } from "../../src/index.js";

const TEXT = "اعتقلت قوات الأمن خمسة شبان في حي الميدان بمدينة دمشق أمس.";

describe("analyze()", () => {
  it("returns the analysis in the JSON output shape, with the article's metadata", () => {
    const r = analyze({ id: "x1", text: TEXT, published: "2019-05-10", outlet: "عنب بلدي" });
    assert.equal(r.id, "x1");
    assert.deepEqual(
      [r.metadata.published, r.metadata.published_source, r.metadata.outlet],
      ["2019-05-10", "given", "عنب بلدي"],
    );
    assert.equal(r.metadata.text_length, TEXT.length);
  });

  it("finds the event with its offsets into the text", () => {
    const r = analyze({ text: TEXT, published: "2019-05-10" });
    const trigger = r.events[0]?.evidence.find((x) => x.role === "trigger");
    assert.ok(trigger);
    assert.equal(TEXT.slice(trigger.start, trigger.end), "اعتقلت");
  });

  it("gives a neighbourhood the town it lies in", () => {
    const r = analyze({ text: TEXT, published: "2019-05-10" });
    const midan = r.places.find((p) => p.text === "حي الميدان");
    assert.equal(midan?.within?.name, "Damascus");
  });

  it("adds text, tokens and sentences only when asked", () => {
    assert.equal(analyze({ text: TEXT }).tokens, undefined);
    const r = analyze({ text: TEXT }, { tokens: true });
    assert.equal(r.text, TEXT);
    assert.equal(r.sentences?.length, 1);
    assert.ok((r.tokens?.length ?? 0) > 5);
  });

  it("throws an InputError for text that is not Arabic", () => {
    assert.throws(() => analyze({ text: "Government forces shelled the town." }), InputError);
  });

  it("builds the pipeline once for the same options", () => {
    assert.equal(pipelineFor({}), pipelineFor({}));
    assert.equal(
      pipelineFor({ textOnly: true, language: { minArabicWords: 1, maxLength: 10_000 } }),
      pipelineFor({ language: { maxLength: 10_000, minArabicWords: 1 }, textOnly: true }),
    );
  });

  it("builds another pipeline for other options", () => {
    assert.notEqual(pipelineFor({}), pipelineFor({ textOnly: true }));
  });
});
