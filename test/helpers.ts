/** Shared helpers for tests: the seed article and a document run through the text engine. */
import { readFileSync } from "node:fs";
import { createDocument, textStage } from "../src/text/index.js";
import type { RasdDocument, Span } from "../src/types.js";

export const SEED_PATH = new URL("./fixtures/alaraby-2017-11-02-deir-ez-zor.txt", import.meta.url);
export const SEED = readFileSync(SEED_PATH, "utf8");

const stage = textStage();

export function textDoc(text: string): RasdDocument {
  const doc = createDocument(text);
  stage(doc);
  return doc;
}

export function slice(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}
