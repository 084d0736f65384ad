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
  | "credit" // a photo credit ("جورج أورفاليان/فرانس برس")
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
  /** The article's blocks by role; events come from the body only. */
  parts: ArticlePart[];
  tokens: Token[];
  sentences: Sentence[];
  quotes: Quote[];
  quantities: Quantity[];
  dates: DateMention[];
  diagnostics: Diagnostic[];
}

/** A pipeline stage: a plain function that adds annotations to the document. */
export type Stage = (doc: RasdDocument) => void;
