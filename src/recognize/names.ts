/**
 * Names the learned recognizer finds beside the dictionaries (src/recognize/ner: a CRF trained on
 * ANERcorp). The dictionaries stay the authority for who an actor is; the model adds the persons
 * and organizations nobody listed, and its agreement raises a dictionary mention's confidence.
 * Places are left to the gazetteer: a LOC the model finds that the gazetteer lacks is not yet
 * placed on the map (see docs/ner.md).
 */

import type { EntityMention, EntityType, RasdDocument } from "../types.js";
import type { NerModel, NerSpan } from "./ner/index.js";

export interface NameOptions {
  model: NerModel;
  /** Model spans scored below this are left out (the score is calibrated on ANERcorp's dev split). */
  minScore?: number;
}

const DEFAULT_MIN_SCORE = 0.5;

/** Which of rasd's entity types a model type may confirm. */
const AGREES: Record<NerSpan["type"], readonly EntityType[]> = {
  PERS: ["person"],
  ORG: ["actor", "organization", "source"],
  LOC: [],
  MISC: [],
};

/** The model's new entity type for a name no dictionary or rule found. */
const NEW_TYPE: Partial<Record<NerSpan["type"], EntityType>> = {
  PERS: "person",
  ORG: "organization",
};

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * Adds the model's persons and organizations that overlap no mention found before, and raises the
 * confidence of the mentions it agrees with. Places the gazetteer found are never overridden.
 */
export function addModelNames(doc: RasdDocument, options: NameOptions): void {
  const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
  const spans = options.model.tag(doc.tokens, doc.text);
  const added: EntityMention[] = [];
  for (const s of spans) {
    if (s.score < minScore) continue;
    const known = doc.entities.filter((e) => overlaps(e, s));
    if (known.length > 0) {
      // A dictionary hit and a model prediction agreeing: more likely right.
      for (const e of known)
        if (AGREES[s.type].includes(e.type))
          e.confidence = Math.min(0.99, e.confidence + (1 - e.confidence) * 0.5 * s.score);
      continue;
    }
    const type = NEW_TYPE[s.type];
    if (!type) continue;
    // A name the gazetteer placed is a place, whatever the model says.
    if (doc.places.some((p) => overlaps(p, s))) continue;
    added.push({
      type,
      start: s.start,
      end: s.end,
      text: doc.text.slice(s.start, s.end),
      rule: "ner",
      confidence: Math.round(s.score * 0.8 * 100) / 100,
    });
  }
  if (added.length === 0) return;
  doc.entities = [...doc.entities, ...added].sort((a, b) => a.start - b.start || b.end - a.end);
}

export function namesStage(options: NameOptions): (doc: RasdDocument) => void {
  return (doc) => {
    addModelNames(doc, options);
    doc.models = { ...doc.models, ner: options.model.version };
  };
}
