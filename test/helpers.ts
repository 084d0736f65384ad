/** Shared helpers for tests: the seed article and a document run through the text engine. */
import { readFileSync } from "node:fs";
import { createDocument, textStage } from "../src/text/index.js";
import type { EventRecord, RasdDocument, Span } from "../src/types.js";

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

/** A complete event record (a regime air strike on ISIS in Mahkan) for export tests to vary. */
export function airStrikeRecord(overrides: Partial<EventRecord> = {}): EventRecord {
  return {
    id: "SYR-test-1",
    event_date: "2017-11-01",
    time_precision: 1,
    event_type: "Explosions/Remote violence",
    sub_event_type: "Air/drone strike",
    actor1: "Military Forces of Syria (2000-2024)",
    assoc_actor_1: "",
    inter1: 1,
    actor2: "Islamic State (Syria)",
    assoc_actor_2: "",
    inter2: 2,
    civilian_targeting: "",
    country: "Syria",
    admin1: "Deir ez-Zor",
    admin2: "Deir ez-Zor",
    location: "Mahkan",
    latitude: 34.9,
    longitude: 40.3,
    geo_precision: 1,
    source: "Al-Araby Al-Jadeed; SANA",
    notes: "غارات جوية على مقار التنظيم، وفق مصادر في قوات النظام",
    fatalities: 0,
    evidence: [{ role: "trigger", start: 10, end: 20 }],
    attribution: { chain: [{ kind: "outlet", name: "العربي الجديد" }], stance: "assert" },
    confidence: 0.8,
    mode: "asserted",
    ...overrides,
  };
}
