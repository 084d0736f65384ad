/**
 * The pipeline: checks the input at the door, then runs the stages in order over one
 * document. Each stage is a plain function that adds annotations; none reaches into another.
 */

import { articlePartsStage } from "./article/parts.js";
import { InputError } from "./errors.js";
import { claimsStage } from "./events/claims.js";
import type { Knowledge } from "./events/context.js";
import { eventsStage } from "./events/extract.js";
import { geoStage } from "./geo/geoparse.js";
import { loadGazetteer } from "./knowledge/gazetteer.js";
import { loadKnowledge } from "./knowledge/index.js";
import { entitiesStage } from "./recognize/entities.js";
import { namesStage } from "./recognize/names.js";
import { loadNerModel, type NerModel } from "./recognize/ner/index.js";
import {
  createDocument,
  datesStage,
  quantitiesStage,
  type TextStageOptions,
  tokensStage,
} from "./text/index.js";
import { checkLanguage, type LanguageCheckOptions } from "./text/language.js";
import type { Article, RasdDocument, Stage } from "./types.js";

export interface PipelineOptions {
  text?: TextStageOptions;
  language?: LanguageCheckOptions;
  /** Stop after the text engine (tokens, parts, dates, quantities): no knowledge is loaded. */
  textOnly?: boolean;
  knowledge?: Knowledge;
  /** The user's own gazetteer files (CSV or GeoJSON, columns in data/gazetteer/README.md). */
  gazetteerFiles?: string[];
  /**
   * The learned entity recognizer (src/recognize/ner): true for the bundled ANERcorp model, or a
   * model of your own. Off by default: tagging every token costs about eight times the rest of
   * the analysis (135 against 1,114 articles/s on the development corpus) and changes no event
   * yet; it adds persons and organizations no dictionary lists (docs/ner.md).
   */
  ner?: boolean | NerModel;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `s` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** Builds the stages once (knowledge is loaded here, not per article). */
export function createPipeline(options: PipelineOptions = {}): (article: Article) => RasdDocument {
  const stages: Stage[] = [
    tokensStage(options.text),
    articlePartsStage, // before dates: the date line anchors relative dates
    datesStage,
    quantitiesStage(options.text),
  ];
  if (!options.textOnly) {
    const knowledge = options.knowledge ?? loadKnowledge();
    stages.push(
      entitiesStage({ knowledge }),
      geoStage({ gazetteer: loadGazetteer({ extraFiles: options.gazetteerFiles ?? [] }) }), // after entities: a name that is an actor (العربي الجديد) is not a place
    );
    if (options.ner !== undefined && options.ner !== false) {
      // After geoparsing: a name the gazetteer placed stays a place.
      const model = options.ner === true ? loadNerModel() : options.ner;
      stages.push(namesStage({ model }));
    }
    stages.push(
      eventsStage({ knowledge, acledVague: options.text?.acledVague ?? false }),
      claimsStage({ knowledge }),
    );
  }
  return (article) => {
    const verdict = checkLanguage(article.text, options.language);
    if (!verdict.ok) throw new InputError(verdict.reason, verdict.message);
    if (article.published !== undefined && !isIsoDate(article.published)) {
      throw new InputError(
        "bad-date",
        `invalid publication date "${article.published}": expected a real date as YYYY-MM-DD`,
      );
    }
    const { text, ...meta } = article;
    const doc = createDocument(text, meta);
    for (const stage of stages) stage(doc);
    return doc;
  };
}
