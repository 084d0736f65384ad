/**
 * Readers for the Arabic event gold standard (openeventdata/arabic_event_gsr), read at run time
 * from ../shared/data/arabic-event-gsr (or $RASD_SHARED_DATA). Licensed newswire: nothing read
 * here is ever written to disk.
 *
 * Detection files (`assault_gsr.csv`, `protest_gsr.csv`): one row per sentence, columns
 * `(index), accept, event_type, id, label, reject, text, total`. `event_type` is the file's one
 * class (every row of assault_gsr.csv says ASSAULT, positive or not); the gold answer is
 * `label`, derived from the annotators' votes (`accept`/`reject`):
 *   - "yes"          no annotator rejected (reject = 0, total ≥ 2)           → positive
 *   - "easy no"      no annotator accepted (accept = 0, total ≥ 2)           → negative
 *   - "difficult no" two or more rejected, one or more accepted             → negative
 *   - "ambiguous"    a single annotation, or exactly one dissenting reject  → no gold answer
 * The two files are labelled independently: a sentence of protest_gsr.csv carries no ASSAULT
 * label (only 3 ids are in both files).
 *
 * Span files (`assault_spans.json`, `protest_spans.json`): one record per sentence with
 * `spans[]`, one entry per annotator, each giving the source actor, verb and target actor as
 * lists of whitespace-separated words of `text` (not character offsets; punctuation attached to
 * a word is sometimes dropped), and `source_gold`/`target_gold`/`verb_gold`: the words every
 * annotator included, space-joined in no particular order ("" when they share none). `text` is
 * the CSV sentence itself; `source` is the CSV id for the assault file, but in the protest file
 * it is often an outlet name or another sentence's id, so records are matched to CSV rows by text.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Span } from "../../src/types.js";

export type GsrClass = "assault" | "protest";
export const GSR_CLASSES: readonly GsrClass[] = ["assault", "protest"];

export type GsrLabel = "yes" | "easy no" | "difficult no" | "ambiguous";

export interface GsrSentence {
  cls: GsrClass;
  /** Position in the file (0-based), the CSV's unnamed first column. */
  index: number;
  id: string;
  text: string;
  label: GsrLabel;
  accept: number;
  reject: number;
  total: number;
  /** Publication date from an LDC Gigaword id (AAW_ARB_YYYYMMDD.NNNN-k); none for hashed ids. */
  published?: string;
}

/** A word of the text: its whitespace-delimited extent and its core without edge punctuation. */
export interface Word {
  start: number;
  end: number;
  coreStart: number;
  coreEnd: number;
}

export interface GoldSpan {
  /** Character range [start, end) into the sentence text, from the first to the last word's core. */
  start: number;
  end: number;
  /** Indices of the first and last word covered (in `words(text)`). */
  firstWord: number;
  lastWord: number;
}

export interface GsrSpanRecord {
  cls: GsrClass;
  /** The record's position in the JSON file. */
  index: number;
  /** The CSV row whose text it is. */
  sentence: GsrSentence;
  /** Consensus source actor (source_gold) in the text, if annotators shared one and it was found. */
  source?: GoldSpan;
  target?: GoldSpan;
  /**
   * Every annotator's verb words, one span per word and annotator (a word two annotators chose
   * appears twice): used to pick which rasd event the record is about.
   */
  verbWords: Span[];
  /** Consensus words that could not be placed in the text (kept for the report; should be 0). */
  unplaced: number;
}

export function sharedDataDir(): string {
  const shared = process.env.RASD_SHARED_DATA ?? join(process.cwd(), "..", "shared", "data");
  return join(shared, "arabic-event-gsr");
}

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(input: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = input.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < input.length; i++) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && input[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.length > 1 || (r[0] ?? "") !== "");
}

const LABELS: ReadonlySet<string> = new Set(["yes", "easy no", "difficult no", "ambiguous"]);
const GIGAWORD_ID = /^[A-Z]{3}_[A-Z]{3}_(\d{4})(\d{2})(\d{2})\./;

function dateOfId(id: string): string | undefined {
  const m = GIGAWORD_ID.exec(id);
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : undefined;
}

export function loadSentences(cls: GsrClass, dir = sharedDataDir()): GsrSentence[] {
  const rows = parseCsv(readFileSync(join(dir, `${cls}_gsr.csv`), "utf8"));
  const header = rows.shift() ?? [];
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${cls}_gsr.csv: no column "${name}"`);
    return i;
  };
  const [iIndex, iAccept, iType, iId, iLabel, iReject, iText, iTotal] = [
    0,
    col("accept"),
    col("event_type"),
    col("id"),
    col("label"),
    col("reject"),
    col("text"),
    col("total"),
  ];
  return rows.map((r, n) => {
    const label = r[iLabel] ?? "";
    if (!LABELS.has(label))
      throw new Error(`${cls}_gsr.csv row ${n + 2}: unknown label "${label}"`);
    if ((r[iType] ?? "").toLowerCase() !== cls)
      throw new Error(`${cls}_gsr.csv row ${n + 2}: event_type "${r[iType]}"`);
    const id = r[iId] ?? "";
    const published = dateOfId(id);
    return {
      cls,
      index: Number(r[iIndex]) || n,
      id,
      text: r[iText] ?? "",
      label: label as GsrLabel,
      accept: Number(r[iAccept]),
      reject: Number(r[iReject]),
      total: Number(r[iTotal]),
      ...(published ? { published } : {}),
    };
  });
}

/** Gold answer for the strict protocol: "yes" positive, "easy/difficult no" negative, else none. */
export function strictGold(s: GsrSentence): boolean | undefined {
  if (s.label === "yes") return true;
  if (s.label === "ambiguous") return undefined;
  return false;
}

/** Gold answer for the majority protocol: more accepts than rejects (every row has one). */
export function majorityGold(s: GsrSentence): boolean {
  return s.accept > s.reject;
}

const EDGE = /[^\p{L}\p{N}\p{M}]/u;

/** The whitespace-delimited words of a text, each with its core (edge punctuation removed). */
export function words(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(/\S+/gu)) {
    const start = m.index;
    const end = start + m[0].length;
    let coreStart = start;
    let coreEnd = end;
    while (coreStart < coreEnd && EDGE.test(text[coreStart]!)) coreStart++;
    while (coreEnd > coreStart && EDGE.test(text[coreEnd - 1]!)) coreEnd--;
    if (coreStart === coreEnd) {
      coreStart = start;
      coreEnd = end;
    }
    out.push({ start, end, coreStart, coreEnd });
  }
  return out;
}

/** Indices of the words a gold word can be: the whole word, its core, or a piece of it. */
function candidates(text: string, ws: Word[], token: string): number[] {
  const exact: number[] = [];
  const inside: number[] = [];
  ws.forEach((w, i) => {
    const whole = text.slice(w.start, w.end);
    if (whole === token || text.slice(w.coreStart, w.coreEnd) === token) exact.push(i);
    else if (whole.includes(token)) inside.push(i);
  });
  return exact.length > 0 ? exact : inside;
}

/**
 * Places a list of gold words in the text: for each word, the occurrence that keeps the whole
 * list in the narrowest window (annotators' words are close together, and a word such as في
 * may occur many times). Returns undefined when a word is nowhere in the text.
 */
export function placeWords(
  text: string,
  ws: Word[],
  tokens: string[],
): { span?: GoldSpan; placed: number[]; unplaced: number } {
  const cands = tokens.filter((t) => t.length > 0).map((t) => candidates(text, ws, t));
  const found = cands.filter((c) => c.length > 0);
  const unplaced = cands.length - found.length;
  if (found.length === 0) return { placed: [], unplaced };
  let best: { lo: number; hi: number; placed: number[] } | undefined;
  for (const anchor of new Set(found.flat())) {
    const placed = found.map((c) =>
      c.reduce((a, b) => (Math.abs(b - anchor) < Math.abs(a - anchor) ? b : a)),
    );
    const lo = Math.min(anchor, ...placed);
    const hi = Math.max(anchor, ...placed);
    if (!best || hi - lo < best.hi - best.lo || (hi - lo === best.hi - best.lo && lo < best.lo))
      best = { lo, hi, placed };
  }
  const { lo, hi, placed } = best!;
  return {
    span: { start: ws[lo]!.coreStart, end: ws[hi]!.coreEnd, firstWord: lo, lastWord: hi },
    placed,
    unplaced,
  };
}

interface RawSpanRecord {
  source: string;
  text: string;
  event_type: string;
  source_gold: string;
  target_gold: string;
  verb_gold: string;
  spans: { source_actor: string[]; verb: string[]; target_actor: string[] }[];
}

/** The span records of a class, each tied to the CSV row with the same text. */
export function loadSpanRecords(
  cls: GsrClass,
  sentences: GsrSentence[],
  dir = sharedDataDir(),
): { records: GsrSpanRecord[]; unmatched: number } {
  const raw = JSON.parse(readFileSync(join(dir, `${cls}_spans.json`), "utf8")) as RawSpanRecord[];
  const byId = new Map(sentences.map((s) => [s.id, s]));
  const byText = new Map<string, GsrSentence>();
  for (const s of sentences) if (!byText.has(s.text)) byText.set(s.text, s);
  const records: GsrSpanRecord[] = [];
  let unmatched = 0;
  raw.forEach((r, index) => {
    const byIdHit = byId.get(r.source);
    const sentence = byIdHit && byIdHit.text === r.text ? byIdHit : byText.get(r.text);
    if (!sentence) {
      unmatched++;
      return;
    }
    const ws = words(sentence.text);
    const split = (s: string) => s.split(/\s+/u).filter(Boolean);
    const source = placeWords(sentence.text, ws, split(r.source_gold));
    const target = placeWords(sentence.text, ws, split(r.target_gold));
    const verbWords: Span[] = [];
    for (const a of r.spans)
      for (const i of placeWords(sentence.text, ws, a.verb).placed)
        verbWords.push({ start: ws[i]!.coreStart, end: ws[i]!.coreEnd });
    records.push({
      cls,
      index,
      sentence,
      ...(source.span ? { source: source.span } : {}),
      ...(target.span ? { target: target.span } : {}),
      verbWords,
      unplaced: source.unplaced + target.unplaced,
    });
  });
  return { records, unmatched };
}
