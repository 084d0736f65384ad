/**
 * rasd's learned entity recognizer (persons, places, organizations, other names), trained on
 * ANERcorp: load the model, tag rasd tokens or a raw text, read and score CoNLL corpora.
 *
 *   const model = loadNerModel();
 *   const spans = model.tag(doc.tokens, doc.text); // [{start, end, type, score, ...}]
 *   model.version; // record it with every result
 */
export {
  type AnercorpSplit,
  camelSplit,
  devSplit,
  NER_LABELS,
  NER_TYPES,
  type NerType,
  parseConll,
  parseWojood,
  repairIob,
  type TaggedSentence,
  wojoodTypeMap,
} from "./conll.js";
export { evaluateModel, formatScore } from "./evaluate.js";
export {
  DEFAULT_MODEL,
  loadNerModel,
  NerModel,
  type NerSpan,
  tagText,
  tokensForText,
  tokensForWords,
} from "./model.js";
export { type Chunk, chunks, type NerScore, type PRF, scoreNer } from "./score.js";
