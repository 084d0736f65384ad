/**
 * The rows of an analysis, derived before the write (analysisRows): each claim's and dispute's
 * record is written around its stored event ids, and must be, byte for byte, the JSON of the
 * record as the store reads it back.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { analysisRows } from "../../src/store/analysis.js";
import { claimAbout, KAFR_NABL_A, MAARRAT } from "./helpers.js";

describe("analysisRows", () => {
  it("writes each claim's and dispute's record as the JSON of the stored record, event ids included", () => {
    for (const a of [KAFR_NABL_A(), MAARRAT()]) {
      const ids = a.analysis.events.map((e) => e.id);
      const claim = claimAbout("doc:c9", ids);
      const analysis = {
        ...a.analysis,
        claims: [...a.analysis.claims, claim],
        disputes: [
          {
            id: "doc:d1",
            question: "كم؟",
            sides: [{ position: "a", claim_ids: ["doc:c9"] }],
            corroborations: [{ claim_id: "doc:c9", side: 0 }],
            place_ids: ["p1"],
            event_ids: ids,
          },
        ],
      };
      const text = a.input.text;
      const rows = analysisRows("a-1", "hash", text, analysis);
      const stored = ["SYR-1", "SYR-2"];
      for (const [i, c] of analysis.claims.entries()) {
        const r = rows.claims[i];
        assert.ok(r);
        const expected = JSON.stringify({
          ...c,
          id: `a-1:${c.id.slice(c.id.lastIndexOf(":") + 1)}`,
          article_id: "a-1",
          local_id: c.id,
          content_text: text.slice(c.content.start, c.content.end),
          event_ids: stored,
          local_event_ids: [...c.event_ids],
        });
        assert.equal(`${r.record.head}${JSON.stringify(stored)}${r.record.tail}`, expected);
        assert.deepEqual(r.eventIds, c.event_ids);
      }
      const d = rows.disputes[0];
      assert.ok(d);
      assert.equal(
        `${d.record.head}${JSON.stringify([])}${d.record.tail}`,
        JSON.stringify({
          id: "a-1:d1",
          kind: "article",
          article_id: "a-1",
          event_id: null,
          local_id: "doc:d1",
          question: "كم؟",
          sides: [{ position: "a", claim_ids: ["a-1:c9"], report_ids: [], value: null }],
          corroborations: [{ claim_id: "a-1:c9", side: 0 }],
          place_ids: ["p1"],
          event_ids: [],
        }),
      );
    }
  });
});
