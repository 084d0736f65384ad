/**
 * The public JSON shape of one analysis (`rasd analyze --format json`, `--jsonl` lines and the
 * library's `analyze()`): the article's metadata and every annotation, with snake_case field
 * names and every span as UTF-16 `start`/`end` offsets (end exclusive) into the original text.
 * Tokens and sentences are left out unless asked for; with them comes the text they point into.
 *
 * Every field is always present, `null` when unknown (tokens excepted: their clitic fields are
 * left out for non-Arabic words). Fields are copied one by one, so an internal field never leaks
 * into the output: docs/schema/analysis.schema.json describes exactly this shape.
 */
import { readFileSync } from "node:fs";
import type {
  AcledColumns,
  ArticlePartKind,
  Attribution,
  ClaimTopic,
  DateMention,
  EntityType,
  EventMode,
  EventRecord,
  Evidence,
  GeoPrecision,
  PlaceMention,
  Quantity,
  QuantityUnit,
  RasdDocument,
  Severity,
  SourceKind,
  Span,
  Stance,
  TokenKind,
} from "../types.js";

/** rasd's version (package.json), written into every result. */
export const RASD_VERSION: string = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  }
).version;

export interface AnalysisJsonOptions {
  /** Add `text`, `tokens` and `sentences` (large: a token is about 100 bytes of JSON). */
  tokens?: boolean;
}

export interface OutSpan {
  start: number;
  end: number;
}

export interface OutMetadata {
  title: string | null;
  published: string | null;
  published_source: "given" | "dateline" | null;
  outlet: string | null;
  url: string | null;
  caption: string | null;
  photo_credit: string | null;
  /** Length of the original text in UTF-16 code units: every offset is below it. */
  text_length: number;
}

export interface OutPart extends OutSpan {
  kind: ArticlePartKind;
}

export interface OutEntity extends OutSpan {
  type: EntityType;
  text: string;
  actor_id: string | null;
  role: string | null;
  affiliation: string | null;
  role_span: OutSpan | null;
  refers_to: OutSpan | null;
  rule: string;
  confidence: number;
}

export interface OutPlace extends OutSpan {
  text: string;
  gazetteer_id: string | null;
  name: string | null;
  kind: string | null;
  latitude: number | null;
  longitude: number | null;
  country: string | null;
  admin1: string | null;
  admin2: string | null;
  geo_precision: GeoPrecision | null;
  /** For a neighbourhood, camp or facility: the town it lies in, where ACLED codes its events. */
  within: {
    gazetteer_id: string;
    name: string;
    latitude: number;
    longitude: number;
    admin1: string | null;
    admin2: string | null;
  } | null;
  method: string;
  candidates: number;
  confidence: number;
}

export interface OutQuantity extends OutSpan {
  value: number | null;
  min: number | null;
  max: number | null;
  approximate: boolean;
  unit: QuantityUnit | null;
  qualifier: string | null;
}

export interface OutDate extends OutSpan {
  date: string;
  end_date: string;
  precision: DateMention["precision"];
  time_precision: 1 | 2 | 3;
  basis: DateMention["basis"];
  part_of_day: string | null;
}

export interface OutQuote extends OutSpan {
  inner: OutSpan;
}

export interface OutSourceLink {
  kind: SourceKind;
  name: string;
  span: OutSpan | null;
  actor_id: string | null;
  allegiance: string | null;
}

export interface OutVerb {
  lemma: string;
  span: OutSpan;
}

export interface OutAttribution {
  chain: OutSourceLink[];
  verb: OutVerb | null;
  stance: Stance;
}

export interface OutEvidence extends OutSpan {
  role: Evidence["role"];
}

/** One event under ACLED's column names, plus rasd's evidence, attribution and confidence. */
export interface OutEvent extends AcledColumns {
  id: string;
  evidence: OutEvidence[];
  attribution: OutAttribution;
  confidence: number;
  mode: EventMode;
  plover: { event_type: string; mode: string | null } | null;
  displacement: {
    origin: OutPlace | null;
    destinations: OutPlace[];
    people: OutQuantity | null;
  } | null;
}

export interface OutClaim {
  id: string;
  speaker: {
    name: string | null;
    role: string | null;
    affiliation: string | null;
    actor_id: string | null;
    kind: SourceKind;
    span: OutSpan | null;
  };
  verb: OutVerb;
  stance: Stance;
  date: string | null;
  content: OutSpan;
  topic: ClaimTopic;
  positive: boolean;
  event_ids: string[];
  attribution: OutAttribution;
}

export interface OutDispute {
  id: string;
  question: string;
  sides: { position: string; claim_ids: string[] }[];
  corroborations: { claim_id: string; side: number }[];
  place_ids: string[];
  event_ids: string[];
}

export interface OutDiagnostic {
  rule_id: string;
  severity: Severity;
  message: string;
  span: OutSpan | null;
}

export interface OutToken extends OutSpan {
  kind: TokenKind;
  norm: string;
  stem?: string;
  proclitics?: string[];
  enclitics?: string[];
  definite?: boolean;
  base_start?: number;
}

export interface OutSentence extends OutSpan {
  token_start: number;
  token_end: number;
}

/** One article's analysis: what `--format json` prints and `analyze()` returns. */
export interface AnalysisResult {
  rasd_version: string;
  id?: string;
  metadata: OutMetadata;
  parts: OutPart[];
  entities: OutEntity[];
  places: OutPlace[];
  events: OutEvent[];
  /** Future, hypothetical, conditional, negated and attempted events: kept, never exported. */
  non_events: OutEvent[];
  claims: OutClaim[];
  disputes: OutDispute[];
  dates: OutDate[];
  quantities: OutQuantity[];
  quotes: OutQuote[];
  diagnostics: OutDiagnostic[];
  /** Versions of the learned models that read the article; null when one was not used. */
  models: { ner: string | null };
  /** Only with `tokens: true`: the original text, its tokens and sentences. */
  text?: string;
  tokens?: OutToken[];
  sentences?: OutSentence[];
}

const span = (s: Span): OutSpan => ({ start: s.start, end: s.end });
const spanOrNull = (s: Span | undefined): OutSpan | null => (s ? span(s) : null);

function place(p: PlaceMention): OutPlace {
  return {
    start: p.start,
    end: p.end,
    text: p.text,
    gazetteer_id: p.gazetteerId ?? null,
    name: p.name ?? null,
    kind: p.kind ?? null,
    latitude: p.latitude ?? null,
    longitude: p.longitude ?? null,
    country: p.country ?? null,
    admin1: p.admin1 ?? null,
    admin2: p.admin2 ?? null,
    geo_precision: p.geoPrecision ?? null,
    within: p.within
      ? {
          gazetteer_id: p.within.gazetteerId,
          name: p.within.name,
          latitude: p.within.latitude,
          longitude: p.within.longitude,
          admin1: p.within.admin1 ?? null,
          admin2: p.within.admin2 ?? null,
        }
      : null,
    method: p.method,
    candidates: p.candidates,
    confidence: p.confidence,
  };
}

function quantity(q: Quantity): OutQuantity {
  return {
    start: q.start,
    end: q.end,
    value: q.value,
    min: q.min,
    max: q.max,
    approximate: q.approximate,
    unit: q.unit ?? null,
    qualifier: q.qualifier ?? null,
  };
}

export function attributionJson(a: Attribution): OutAttribution {
  return {
    chain: a.chain.map((l) => ({
      kind: l.kind,
      name: l.name,
      span: spanOrNull(l.span),
      actor_id: l.actorId ?? null,
      allegiance: l.allegiance ?? null,
    })),
    verb: a.verb ? { lemma: a.verb.lemma, span: span(a.verb.span) } : null,
    stance: a.stance,
  };
}

export function eventJson(e: EventRecord): OutEvent {
  return {
    id: e.id,
    event_date: e.event_date,
    time_precision: e.time_precision,
    event_type: e.event_type,
    sub_event_type: e.sub_event_type,
    actor1: e.actor1,
    assoc_actor_1: e.assoc_actor_1,
    inter1: e.inter1,
    actor2: e.actor2,
    assoc_actor_2: e.assoc_actor_2,
    inter2: e.inter2,
    civilian_targeting: e.civilian_targeting,
    country: e.country,
    admin1: e.admin1,
    admin2: e.admin2,
    location: e.location,
    latitude: e.latitude,
    longitude: e.longitude,
    geo_precision: e.geo_precision,
    source: e.source,
    notes: e.notes,
    fatalities: e.fatalities,
    evidence: e.evidence.map((x) => ({ role: x.role, start: x.start, end: x.end })),
    attribution: attributionJson(e.attribution),
    confidence: e.confidence,
    mode: e.mode,
    plover: e.plover ? { event_type: e.plover.event_type, mode: e.plover.mode ?? null } : null,
    displacement: e.displacement
      ? {
          origin: e.displacement.origin ? place(e.displacement.origin) : null,
          destinations: e.displacement.destinations.map(place),
          people: e.displacement.people ? quantity(e.displacement.people) : null,
        }
      : null,
  };
}

/** The analysis of one document as its public JSON shape. */
export function toAnalysisJson(
  doc: RasdDocument,
  options: AnalysisJsonOptions = {},
): AnalysisResult {
  const m = doc.meta;
  const result: AnalysisResult = {
    rasd_version: RASD_VERSION,
    ...(m.id !== undefined ? { id: m.id } : {}),
    metadata: {
      title: m.title ?? null,
      published: m.published ?? null,
      published_source: m.publishedSource ?? null,
      outlet: m.outlet ?? null,
      url: m.url ?? null,
      caption: m.caption ?? null,
      photo_credit: m.photoCredit ?? null,
      text_length: doc.text.length,
    },
    parts: doc.parts.map((p) => ({ kind: p.kind, start: p.start, end: p.end })),
    entities: doc.entities.map((x) => ({
      start: x.start,
      end: x.end,
      type: x.type,
      text: x.text,
      actor_id: x.actorId ?? null,
      role: x.role ?? null,
      affiliation: x.affiliation ?? null,
      role_span: spanOrNull(x.roleSpan),
      refers_to: spanOrNull(x.refersTo),
      rule: x.rule,
      confidence: x.confidence,
    })),
    places: doc.places.map(place),
    events: doc.events.map(eventJson),
    non_events: doc.nonEvents.map(eventJson),
    claims: doc.claims.map((c) => ({
      id: c.id,
      speaker: {
        name: c.speaker.name ?? null,
        role: c.speaker.role ?? null,
        affiliation: c.speaker.affiliation ?? null,
        actor_id: c.speaker.actorId ?? null,
        kind: c.speaker.kind,
        span: spanOrNull(c.speaker.span),
      },
      verb: { lemma: c.verb.lemma, span: span(c.verb.span) },
      stance: c.stance,
      date: c.date ?? null,
      content: span(c.content),
      topic: c.topic,
      positive: c.positive,
      event_ids: [...c.eventIds],
      attribution: attributionJson(c.attribution),
    })),
    disputes: doc.disputes.map((d) => ({
      id: d.id,
      question: d.question,
      sides: d.sides.map((s) => ({ position: s.position, claim_ids: [...s.claimIds] })),
      corroborations: d.corroborations.map((c) => ({ claim_id: c.claimId, side: c.side })),
      place_ids: [...d.placeIds],
      event_ids: [...d.eventIds],
    })),
    dates: doc.dates.map((d) => ({
      start: d.start,
      end: d.end,
      date: d.date,
      end_date: d.endDate,
      precision: d.precision,
      time_precision: d.timePrecision,
      basis: d.basis,
      part_of_day: d.partOfDay ?? null,
    })),
    quantities: doc.quantities.map(quantity),
    quotes: doc.quotes.map((q) => ({ start: q.start, end: q.end, inner: span(q.inner) })),
    diagnostics: doc.diagnostics.map((d) => ({
      rule_id: d.ruleId,
      severity: d.severity,
      message: d.message,
      span: spanOrNull(d.span),
    })),
    models: { ner: doc.models?.ner ?? null },
  };
  if (options.tokens) {
    result.text = doc.text;
    result.tokens = doc.tokens.map((t) => {
      const out: OutToken = { start: t.start, end: t.end, kind: t.kind, norm: t.norm };
      if (t.stem !== undefined) out.stem = t.stem;
      if (t.proclitics !== undefined) out.proclitics = [...t.proclitics];
      if (t.enclitics !== undefined) out.enclitics = [...t.enclitics];
      if (t.definite !== undefined) out.definite = t.definite;
      if (t.baseStart !== undefined) out.base_start = t.baseStart;
      return out;
    });
    result.sentences = doc.sentences.map((s) => ({
      start: s.start,
      end: s.end,
      token_start: s.tokenStart,
      token_end: s.tokenEnd,
    }));
  }
  return result;
}
