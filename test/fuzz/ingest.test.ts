/**
 * Ingestion over inputs made to break it (test/fuzz/properties.ts): HTML tag soups as text and as
 * bytes (read as an article that analyses cleanly, or refused with an IngestError), any bytes
 * through the charset decoder, and feeds — RSS, Atom and JSON, broken, spliced with junk, as text
 * and as bytes (parsed, or refused with a FeedError). Fixed seeds.
 */
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  charsetProperty,
  type FuzzProperty,
  feedBytesProperty,
  feedProperty,
  htmlProperty,
} from "./properties.js";

const properties = [htmlProperty, charsetProperty, feedProperty, feedBytesProperty];

describe("fuzz: ingestion", () => {
  for (const [i, p] of (properties as FuzzProperty<unknown>[]).entries()) {
    it(`${p.name} (${p.runs} inputs)`, () => {
      fc.assert(fc.property(p.arbitrary, p.check), { seed: 7_000 + i, numRuns: p.runs });
    });
  }
});
