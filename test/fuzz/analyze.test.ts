/**
 * The whole analysis over inputs made to break it (test/fuzz/properties.ts): word soups of real
 * Arabic words and odd characters, the seed article mangled, any string. Each input is analysed
 * twice (the same JSON), every span is checked against the text, the output against the schema;
 * a refusal must be an InputError. Fixed seeds: a failure here fails again, the same way.
 */
import { describe, it } from "node:test";
import fc from "fast-check";
import { analyzeProperties } from "./properties.js";

describe("fuzz: analyze", () => {
  for (const [i, p] of analyzeProperties.entries()) {
    it(`${p.name} (${p.runs} inputs)`, () => {
      fc.assert(fc.property(p.arbitrary, p.check), { seed: 20_240 + i, numRuns: p.runs });
    });
  }
});
