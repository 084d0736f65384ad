/**
 * Scores rasd's events against the hand-coded golden fixtures (test/golden/fixtures): an event
 * matches a coded one when the event type is the same, the places lie within 25 km, and the
 * actors agree (the coded actor1 is rasd's actor1 and, where the coder named one, the coded
 * actor2 is rasd's actor2). The article texts are read from ../shared at run time, never copied.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { EventRecord, RasdDocument } from "../../src/types.js";

const here = dirname(fileURLToPath(import.meta.url));
export const FIXTURES = join(here, "fixtures");
export const CORPUS =
  process.env.RASD_SHARED_DATA !== undefined
    ? join(process.env.RASD_SHARED_DATA, "saudinewsnet-syria-iraq/articles.jsonl")
    : join(here, "../../../shared/data/saudinewsnet-syria-iraq/articles.jsonl");

export interface GoldEvent {
  event_type: string;
  sub_event_type: string;
  event_date: string;
  actor1: string;
  actor2: string | null;
  location: string;
  latitude: number;
  longitude: number;
  fatalities: number | null;
}

export interface GoldArticle {
  id: string;
  text_sha1: string;
  source: string;
  date: string;
  covers: string[];
  events: GoldEvent[];
}

export interface CorpusArticle {
  id: string;
  text: string;
  title?: string;
  date?: string;
  source?: string;
}

export function loadGold(): GoldArticle[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(FIXTURES, f), "utf8")) as GoldArticle);
}

/** The golden articles' texts from the corpus, each checked against its fixture's hash. */
export function loadTexts(gold: GoldArticle[]): Map<string, CorpusArticle> | undefined {
  if (!existsSync(CORPUS)) return undefined;
  const wanted = new Map(gold.map((g) => [g.id, g]));
  const out = new Map<string, CorpusArticle>();
  for (const line of readFileSync(CORPUS, "utf8").split("\n")) {
    if (!line.includes('"id"')) continue;
    const a = JSON.parse(line) as CorpusArticle;
    const g = wanted.get(a.id);
    if (!g) continue;
    const sha = createHash("sha1").update(a.text, "utf8").digest("hex");
    if (sha !== g.text_sha1) throw new Error(`${a.id}: the corpus text changed (sha1 ${sha})`);
    out.set(a.id, a);
  }
  return out;
}

function km(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * r) / 2) ** 2 +
    Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 12742 * Math.asin(Math.sqrt(a));
}

export type Strictness = "type+place" | "type+place+actors";

export function matches(g: GoldEvent, e: EventRecord, strictness: Strictness): boolean {
  if (g.event_type !== e.event_type) return false;
  if (e.latitude === null || e.longitude === null) return false;
  if (km(g.latitude, g.longitude, e.latitude, e.longitude) > 25) return false;
  if (strictness === "type+place") return true;
  if (g.actor1 !== e.actor1) return false;
  return !g.actor2 || g.actor2 === e.actor2;
}

export interface Score {
  gold: number;
  predicted: number;
  truePositives: number;
  precision: number;
  recall: number;
  f1: number;
}

/** One-to-one matching, greedy in gold order: each rasd event counts for one coded event. */
export function score(
  pairs: { gold: GoldEvent[]; predicted: EventRecord[] }[],
  strictness: Strictness,
): Score {
  let gold = 0;
  let predicted = 0;
  let tp = 0;
  for (const p of pairs) {
    gold += p.gold.length;
    predicted += p.predicted.length;
    const used = new Set<number>();
    for (const g of p.gold) {
      const k = p.predicted.findIndex((e, i) => !used.has(i) && matches(g, e, strictness));
      if (k >= 0) {
        used.add(k);
        tp++;
      }
    }
  }
  const precision = predicted ? tp / predicted : 1;
  const recall = gold ? tp / gold : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { gold, predicted, truePositives: tp, precision, recall, f1 };
}

/** The events ACLED counts and rasd asserts (displacement included: it is coded in the fixtures). */
export function codedEvents(doc: RasdDocument): EventRecord[] {
  return doc.events.filter((e) => e.mode === "asserted");
}
