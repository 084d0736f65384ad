/**
 * Inputs for the fuzz suite and `npm run bench:fuzz`: real Arabic words gathered from rasd's own
 * data files (never from a news corpus), the characters scraped text is made of, and large
 * adversarial texts built deterministically (a sentence repeated, a line with no space, quotes
 * nested thousands deep, tatweel and harakat floods, bidi overrides).
 */
import { readdirSync, readFileSync } from "node:fs";
import { SEED } from "../helpers.js";

const data = (path: string) => new URL(`../../data/${path}`, import.meta.url);

function collectStrings(value: unknown, out: Set<string>): void {
  if (typeof value === "string") {
    if (/^[\u0600-\u06ff ]+$/.test(value) && value.length <= 40) out.add(value);
  } else if (Array.isArray(value)) {
    for (const v of value) collectStrings(v, out);
  } else if (value && typeof value === "object") {
    for (const v of Object.values(value)) collectStrings(v, out);
  }
}

export interface WordLists {
  /** The commonest words of rasd's vocabulary. */
  common: string[];
  /** Forms of event triggers, reporting verbs and modality cues. */
  lexicon: string[];
  /** Actor aliases and role words. */
  actors: string[];
  /** Gazetteer names (a sample) and geographic cue words. */
  places: string[];
}

let lists: WordLists | undefined;

function stringsOf(files: URL[]): string[] {
  const out = new Set<string>();
  for (const f of files) collectStrings(JSON.parse(readFileSync(f, "utf8")), out);
  return [...out].sort();
}

const jsonFiles = (dir: string) =>
  readdirSync(data(dir))
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => data(`${dir}/${f}`));

/**
 * Arabic words and phrases rasd knows, by kind, each list sorted so that a seed always draws the
 * same words: the vocabulary's commonest words, trigger and reporting-verb forms, actor aliases,
 * gazetteer names and cue words.
 */
export function arabicWords(): WordLists {
  if (lists) return lists;
  const common = readFileSync(data("text/vocabulary.tsv"), "utf8")
    .split("\n")
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => l.split("\t")[0] as string)
    .slice(0, 3000)
    .sort();
  const gazetteer = JSON.parse(readFileSync(data("gazetteer/gazetteer.json"), "utf8")) as {
    columns: { name: string[] };
  };
  const places = new Set(stringsOf([data("geo/cues.json")]));
  gazetteer.columns.name.forEach((n, i) => {
    if (i % 5 === 0 && /^[\u0600-\u06ff ]+$/.test(n)) places.add(n);
  });
  lists = {
    common,
    lexicon: stringsOf(jsonFiles("lexicons")),
    actors: stringsOf(jsonFiles("actors")),
    places: [...places].sort(),
  };
  return lists;
}

/** What scraped news text is made of besides words: marks, digits, invisible and odd characters. */
export const PIECES = [
  " ",
  " ",
  " ",
  "\n",
  "\n\n",
  "\t",
  ".",
  "،",
  "؛",
  "؟",
  ":",
  "«",
  "»",
  '"',
  "“",
  "”",
  "(",
  ")",
  "-",
  "–",
  "/",
  "٪",
  "%",
  "0",
  "12",
  "٣",
  "١٢٠",
  "2017",
  "2015/08/12",
  "12 آب 2015",
  "3.5",
  "1,000",
  "\u0640", // tatweel
  "\u064e", // fatha
  "\u0651", // shadda
  "\u0670", // superscript alef
  "\u200b", // zero-width space
  "\u200c", // zero-width non-joiner
  "\u200d", // zero-width joiner
  "\u200e", // left-to-right mark
  "\u200f", // right-to-left mark
  "\u061c", // Arabic letter mark
  "\u202a",
  "\u202b",
  "\u202c",
  "\u202d",
  "\u202e", // right-to-left override
  "\u2066",
  "\u2067",
  "\u2069",
  "\u00a0",
  "\ufeff",
  "\ufffd",
  "\ud800", // lone high surrogate
  "\udc00", // lone low surrogate
  "😀",
  "\ufefb",
  "\ufdfa",
  "\u06cc",
  "\u06a9",
  "Reuters",
  "AFP",
  "ISIS",
  "Ø§Ù„",
  "د.",
  "http://example.org/x?y=1",
  "<b>",
  "&amp;",
];

/** A sentence of an air strike, with a place, a date word and casualties. */
export const STRIKE =
  "شنت طائرات حربية روسية غارات جوية على بلدة خان شيخون في ريف إدلب الجنوبي صباح اليوم، ما أدى إلى مقتل خمسة مدنيين. ";
/** Two sources disputing each other's statements. */
export const CLAIM =
  "وقال المرصد السوري لحقوق الإنسان إن «قوات النظام قصفت مدينة حلب» مشيرا إلى مقتل عشرة أشخاص، فيما نفت وكالة سانا ذلك. ";
/** Ten places of a coordinated list. */
export const PLACES =
  "قصفت الطائرات قرى كفرنبل ومعرة النعمان وسراقب وأريحا وجسر الشغور وخان شيخون ودير الزور والميادين والبوكمال وتدمر. ";

/** `unit` repeated to `length` characters (cut there). */
export function repeatTo(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** Large texts of one shape each, `length` characters long or about. */
export const LARGE: Record<string, (length: number) => string> = {
  "seed article repeated": (n) => repeatTo(`${SEED}\n\n`, n),
  "one sentence repeated": (n) => repeatTo(STRIKE, n),
  "claims and denials repeated": (n) => repeatTo(CLAIM, n),
  "a list of places repeated": (n) => repeatTo(PLACES, n),
  "claims run on with no full stop": (n) => repeatTo(CLAIM.replace(". ", "، "), n),
  "quotes nested thousands deep": (n) => {
    const k = Math.floor(n / 8);
    return `قال المرصد ${"« قتل ".repeat(k)}${"» ".repeat(k)}`;
  },
  "bidi overrides around every phrase": (n) => repeatTo("\u202eقتل خمسة مدنيين\u202c ", n),
  "one line with no space or mark": (n) => `${repeatTo("قصف", n - 12)} قتل خمسة`,
  "a tatweel flood": (n) => `قتل خمسة ${"\u0640".repeat(n - 20)} مدنيين`,
  "a harakat flood": (n) => `قتل خمسة ${repeatTo("قَتَلَ", n - 20)} مدنيين`,
  "zero-width characters between letters": (n) => repeatTo("ق\u200bت\u200cل\u200d ", n),
  "a number thousands of digits long": (n) => `قتل ${"٣".repeat(n - 12)} مدنيين`,
  "mixed scripts": (n) => repeatTo("قتل 5 civilians في мирный Idlib 😀 ريف حلب Ø§Ù„ ‏الشمالي, ", n),
};
