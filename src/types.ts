/**
 * Shared types of rasd. Every stage reads and extends one `RasdDocument`: the original
 * text never changes, and every annotation points back into it with UTF-16 `[start, end)`
 * offsets, so any output can be highlighted and audited.
 */

/** A stand-off reference into the original text: UTF-16 code units, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

export type Severity = "error" | "warning" | "info";

/** A message about the input or the analysis, with the rule that raised it and where. */
export interface Diagnostic {
  ruleId: string;
  severity: Severity;
  message: string;
  span?: Span;
}

export type TokenKind =
  | "arabic" // an Arabic-script word
  | "latin" // a Latin-script word
  | "number" // digits, with thousands separators or a decimal part
  | "numeric-date" // 2017/11/02, 02-11-2017, 2.11.2017
  | "punct" // sentence and clause punctuation, quotes, brackets
  | "symbol" // %, $, +, = and other signs
  | "other"; // any other script or sign

export interface Token extends Span {
  kind: TokenKind;
  /** The matching form: `normalize()` applied to the surface. */
  norm: string;
  /**
   * Clitic segmentation of Arabic words (absent for other kinds): the stem with the
   * detached proclitics (و ف ب ل ك س ال) and enclitics (ه ها هم ...), in normalized form.
   */
  stem?: string;
  proclitics?: string[];
  enclitics?: string[];
  /** True when the stem carries the definite article (ال), whether attached or after a preposition (لل). */
  definite?: boolean;
  /**
   * Original offset where the word proper begins: after a conjunction or preposition
   * (و، ف، ب، ل، ك، س), at the article if there is one ("والرقة" → at "الرقة").
   */
  baseStart?: number;
}

export interface Sentence extends Span {
  /** Index of the first token of the sentence in `doc.tokens`, and one past the last. */
  tokenStart: number;
  tokenEnd: number;
}

/** A span between matching quotation marks (« », “ ”, " "), the marks included. */
export interface Quote extends Span {
  /** The quoted content without the marks. */
  inner: Span;
}

export type QuantityUnit =
  | "percent"
  | "km"
  | "m"
  | "person"
  | "civilian"
  | "fighter"
  | "child"
  | "woman"
  | "family"
  | "house"
  | "vehicle"
  | "airstrike"
  | "shell"
  | "hour"
  | "day"
  | "week"
  | "month"
  | "year"
  | "currency";

export interface Quantity extends Span {
  /** Best single figure (null when the text gives none, e.g. "العديد" many). */
  value: number | null;
  /** Lower and upper bounds; null when unbounded. */
  min: number | null;
  max: number | null;
  approximate: boolean;
  unit?: QuantityUnit;
  /** The qualifier as written, normalized (نحو, أكثر من, عشرات ...). */
  qualifier?: string;
}

/** ACLED time_precision: 1 day, 2 week (or a few days), 3 month. Years are coded 3 too. */
export type DatePrecision = "day" | "week" | "month" | "year";

export interface DateMention extends Span {
  /** ISO date (YYYY-MM-DD): the day, or the first day of the week/month/year meant. */
  date: string;
  /** Last day of the period for week/month/year precision (ISO). */
  endDate: string;
  precision: DatePrecision;
  timePrecision: 1 | 2 | 3;
  /** How it was read: absolute (a month name or numbers), hijri, or relative to the publication date. */
  basis: "absolute" | "numeric" | "hijri" | "relative";
  /** Part of day where the text says it (فجر، صباح، ظهر، عصر، مساء، ليلة). */
  partOfDay?: string;
}

export type LanguageVerdict =
  | { ok: true; arabicShare: number }
  | {
      ok: false;
      reason: "empty" | "binary" | "bad-encoding" | "not-arabic" | "too-short" | "too-large";
      message: string;
      arabicShare: number;
    };

export type ArticlePartKind =
  | "title" // headline line(s) at the top
  | "dateline" // a line that is only a date ("02 نوفمبر 2017")
  | "caption" // a photo caption
  | "credit" // a photo credit ("عمر حاج قدور/فرانس برس")
  | "furniture" // page furniture: "+ الخط -", "المساهمون", share and read-more lines
  | "body";

/** A block of the article (a line or paragraph) and the role it plays on the page. */
export interface ArticlePart extends Span {
  kind: ArticlePartKind;
}

/** An article as given to rasd: the text and what is known about it. */
export interface Article {
  text: string;
  id?: string;
  title?: string;
  /** Publication date, ISO YYYY-MM-DD. */
  published?: string;
  outlet?: string;
  url?: string;
}

/** What is known about an article before analysis. */
export interface ArticleMeta {
  id?: string;
  title?: string;
  /** Publication date, ISO YYYY-MM-DD (the anchor for relative dates). */
  published?: string;
  /** Where `published` came from: given by the caller, or read from the article's date line. */
  publishedSource?: "given" | "dateline";
  outlet?: string;
  url?: string;
  /** Photo caption and credit found in the text, kept out of the body. */
  caption?: string;
  photoCredit?: string;
}

/** The object every pipeline stage reads and extends. */
export interface RasdDocument {
  /** The original text, never modified. */
  readonly text: string;
  meta: ArticleMeta;
  /** Versions of the learned models that read it (the entity recognizer's). */
  models?: { ner?: string };
  /** The article's blocks by role; events come from the body only. */
  parts: ArticlePart[];
  tokens: Token[];
  sentences: Sentence[];
  quotes: Quote[];
  quantities: Quantity[];
  dates: DateMention[];
  entities: EntityMention[];
  places: PlaceMention[];
  events: EventRecord[];
  /** Future, hypothetical, conditional, negated and attempted events: kept, never exported. */
  nonEvents: EventRecord[];
  claims: Claim[];
  disputes: Dispute[];
  diagnostics: Diagnostic[];
}

/** A pipeline stage: a plain function that adds annotations to the document. */
export type Stage = (doc: RasdDocument) => void;

// ---------------------------------------------------------------------------------------------
// Analysis: mentions, places, events, attribution, claims and disputes.
// ---------------------------------------------------------------------------------------------

/** How a source relates to the facts it reports (for weighing and filtering). */
export const SOURCE_KINDS = [
  "outlet", // the publication itself
  "news_agency", // SANA, AFP, Reuters, Anadolu ...
  "official", // a named official, ministry or spokesman
  "military_source", // "a military source", "sources in the regime forces"
  "local_source", // "local sources"
  "activist", // "activists"
  "witness", // "eyewitnesses"
  "monitor", // SOHR, SNHR and other monitoring groups
  "medical", // "medical sources", hospitals
  "unknown",
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/**
 * The stance a reporting verb signals: assert (أكد), report (قال، ذكر، أفاد), allege (زعم:
 * the outlet doubts it), deny (نفى), accuse (اتهم), speculate (رجح، توقع), admit (اعترف).
 */
export type Stance = "assert" | "report" | "allege" | "deny" | "accuse" | "speculate" | "admit";

/** One link in the chain of sources behind a fact: outlet → agency → unnamed source. */
export interface SourceLink {
  kind: SourceKind;
  /** As the text names it ("وكالة سانا", "مصدر عسكري في قوات النظام"), or the outlet's name. */
  name: string;
  span?: Span;
  /** Actor dictionary id when the source is a known actor (an agency, a ministry, a force). */
  actorId?: string;
  /** Whose side the source is on, where known ("Syrian government" for SANA). */
  allegiance?: string;
}

export interface Attribution {
  /** Outermost first: the outlet, then whom it cites, then whom they cite. */
  chain: SourceLink[];
  /** The reporting verb of the innermost link, normalized, with its span. */
  verb?: { lemma: string; span: Span };
  stance: Stance;
}

export type EntityType = "actor" | "person" | "organization" | "source";

export interface EntityMention extends Span {
  type: EntityType;
  /** The text as written. */
  text: string;
  /** Actor dictionary id, when the mention is (or belongs to) a known actor. */
  actorId?: string;
  /** For persons: role and affiliation from an apposition ("المتحدث باسم وزارة الدفاع الروسية"). */
  role?: string;
  affiliation?: string;
  /** For persons: where the title and affiliation are written ("المتحدث باسم وزارة الدفاع الروسية"). */
  roleSpan?: Span;
  /** For a short reference (الأخيرة، التنظيم، الجنرال الروسي): the span of what it refers to. */
  refersTo?: Span;
  /** Which rule or resource found it ("actor-dictionary", "apposition", "coreference", "ner"). */
  rule: string;
  confidence: number;
}

/** ACLED geo_precision: 1 the named place, 2 near or part of it, 3 only the province or region. */
export type GeoPrecision = 1 | 2 | 3;

export interface PlaceMention extends Span {
  /** The name as written. */
  text: string;
  gazetteerId?: string;
  /** English name of the resolved entry. */
  name?: string;
  kind?: string;
  latitude?: number;
  longitude?: number;
  country?: string;
  admin1?: string;
  admin2?: string;
  geoPrecision?: GeoPrecision;
  /** For a neighbourhood, camp or facility: the town it lies in, where ACLED codes its events. */
  within?: {
    gazetteerId: string;
    name: string;
    latitude: number;
    longitude: number;
    admin1?: string;
    admin2?: string;
  };
  /** How the candidate was chosen, in words (e.g. "admin cue: ريف دير الزور", "near الميادين"). */
  method: string;
  /** How many gazetteer candidates the name had. */
  candidates: number;
  confidence: number;
}

/** Where the evidence for one field of an event lies in the text. */
export interface Evidence extends Span {
  role:
    | "trigger"
    | "actor1"
    | "actor2"
    | "assoc_actor"
    | "location"
    | "date"
    | "fatalities"
    | "sentence"
    | "source";
}

/** Whether the text says the event happened, or something else about it. */
export type EventMode =
  | "asserted"
  | "future"
  | "hypothetical"
  | "conditional"
  | "negated"
  | "attempted"
  /** Named as background, a topic or a legal case ("بعد اغتيال", "بتهمة الخطف"), not reported. */
  | "reference";

/** ACLED's columns for one event, under ACLED's names (shared by the record and its JSON). */
export interface AcledColumns {
  event_date: string | null;
  time_precision: 1 | 2 | 3 | null;
  event_type: string;
  sub_event_type: string;
  actor1: string;
  assoc_actor_1: string;
  inter1: number | null;
  actor2: string;
  assoc_actor_2: string;
  inter2: number | null;
  civilian_targeting: string;
  country: string;
  admin1: string;
  admin2: string;
  location: string;
  latitude: number | null;
  longitude: number | null;
  geo_precision: GeoPrecision | null;
  source: string;
  notes: string;
  fatalities: number;
}

/**
 * One event as an ACLED coder would record it, under ACLED's column names, plus rasd's
 * evidence, attribution and confidence.
 */
export interface EventRecord extends AcledColumns {
  id: string;
  evidence: Evidence[];
  attribution: Attribution;
  confidence: number;
  mode: EventMode;
  /** The PLOVER event type (and mode) of the trigger. */
  plover?: { event_type: string; mode?: string };
  /** For displacement (a rasd extension outside ACLED's types): who fled, from and to where. */
  displacement?: {
    origin?: PlaceMention;
    destinations: PlaceMention[];
    people?: Quantity;
  };
}

/** What a claim is about. */
export type ClaimTopic = "event" | "control" | "number" | "cause" | "displacement" | "other";

export interface Claim {
  id: string;
  speaker: {
    name?: string;
    role?: string;
    affiliation?: string;
    actorId?: string;
    kind: SourceKind;
    span?: Span;
  };
  verb: { lemma: string; span: Span };
  stance: Stance;
  date?: string;
  /** The quoted or reported content. */
  content: Span;
  topic: ClaimTopic;
  /** False when the speaker says something did not happen or is not so. */
  positive: boolean;
  /** Events the claim concerns. */
  eventIds: string[];
  attribution: Attribution;
}

export interface Dispute {
  id: string;
  /** The question the sides disagree on, in words. */
  question: string;
  sides: {
    /** What this side holds, in words. */
    position: string;
    claimIds: string[];
  }[];
  /** Claims by third sources that support one side. */
  corroborations: { claimId: string; side: number }[];
  placeIds: string[];
  eventIds: string[];
}
