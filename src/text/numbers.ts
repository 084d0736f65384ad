/**
 * Numbers and quantities in Arabic news: digits (95, ١٬٠٠٠, 3.5), number words (خمسة وعشرون،
 * ثلاثمئة ألف), vague amounts (عشرات، الآلاف), indefinite ones (العديد، بضعة), qualifiers (نحو،
 * أكثر من، على الأقل), ranges (بين 10 و15، 10-15) and the counted unit (قتيلا، كيلومتر، %).
 *
 * Reads the tokens of `tokenize(normalize(text))` in one pass, left to right; every lexicon is a
 * Map built once at load. Each quantity's span covers qualifier, number and unit in the original
 * text; quantities come out sorted by start and never overlap.
 */
import type { Quantity, QuantityUnit, Token } from "../types.js";

export interface QuantityOptions {
  /**
   * ACLED's convention for vague counts: عشرات (tens) = 10, مئات = 100, آلاف = 1000 ...: the floor
   * becomes the value. Indefinite words (العديد many, عدة several, بضعة a few) stay unknown
   * (value null) either way. Default false: vague amounts give value null with `min` the floor.
   */
  acledVague?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Lexicons, in normalized form (أ إ آ → ا, ى → ي, ة → ه). A later issue moves them to data files.

/** 1–9 with gender and case variants. */
const UNIT_WORDS: [number, string[]][] = [
  [1, ["واحد", "واحده"]],
  [2, ["اثنان", "اثنين", "اثنتان", "اثنتين"]],
  [3, ["ثلاث", "ثلاثه"]],
  [4, ["اربع", "اربعه"]],
  [5, ["خمس", "خمسه"]],
  [6, ["ست", "سته"]],
  [7, ["سبع", "سبعه"]],
  [8, ["ثمان", "ثماني", "ثمانيه"]],
  [9, ["تسع", "تسعه"]],
];
/** The first word of 11 and 12 (أحد عشر، اثنا عشر): never a count on its own (الأحد is Sunday). */
const TEEN_FIRST_WORDS: [number, string[]][] = [
  [1, ["احد", "احدي"]],
  [2, ["اثنا", "اثني", "اثنتا", "اثنتي"]],
];
const TEN_WORDS = ["عشر", "عشره"];
const TENS_WORDS: [number, string[]][] = [
  [20, ["عشرون", "عشرين"]],
  [30, ["ثلاثون", "ثلاثين"]],
  [40, ["اربعون", "اربعين"]],
  [50, ["خمسون", "خمسين"]],
  [60, ["ستون", "ستين"]],
  [70, ["سبعون", "سبعين"]],
  [80, ["ثمانون", "ثمانين"]],
  [90, ["تسعون", "تسعين"]],
];
const HUNDRED_WORDS: [number, string[]][] = [
  [100, ["مئه", "مائه", "ميه"]],
  [200, ["مئتان", "مئتين", "مئتا", "مئتي", "مائتان", "مائتين", "مائتا", "مائتي"]],
];
/** 300–900 are written as one word (ثلاثمئة) or two (ثلاث مئة); the one-word forms are generated. */
const HUNDRED_PREFIXES: [number, string[]][] = [
  [3, ["ثلاث"]],
  [4, ["اربع"]],
  [5, ["خمس"]],
  [6, ["ست"]],
  [7, ["سبع"]],
  [8, ["ثمان", "ثماني"]],
  [9, ["تسع"]],
];
/**
 * Multipliers. `plural` forms (آلاف) need a number before them, otherwise they are vague
 * amounts; `dual` forms (ألفان) are 2 × the scale on their own.
 */
const SCALE_WORDS: { value: number; forms: string[]; plural: string[]; dual: string[] }[] = [
  { value: 1e3, forms: ["الف", "الفا"], plural: ["الاف"], dual: ["الفان", "الفين", "الفي"] },
  {
    value: 1e6,
    forms: ["مليون", "مليونا"],
    plural: ["ملايين"],
    dual: ["مليونان", "مليونين", "مليوني"],
  },
  {
    value: 1e9,
    forms: ["مليار", "مليارا", "بليون"],
    plural: ["مليارات"],
    dual: ["ملياران", "مليارين", "ملياري"],
  },
];
/** Vague plurals and their floor: عشرات is at least 10, مئات at least 100 ... */
const VAGUE_WORDS: [number, string[]][] = [
  [10, ["عشرات", "العشرات"]],
  [100, ["مئات", "المئات"]],
  [1e3, ["الاف", "الالاف"]],
  [1e6, ["ملايين", "الملايين"]],
  [1e9, ["مليارات", "المليارات"]],
];
/**
 * Indefinite amounts: no figure at all. عدة and بضع/بضعة are plurals (three or more; بضع is at
 * most nine). `needsOf`: عدد is "a number of" only before من (عدد القتلى is "the death toll").
 * `bare`: عدة only without a proclitic, since بعدة (with several) and بعده (after it) both
 * normalize to بعده.
 */
interface IndefiniteWord {
  forms: string[];
  min: number | null;
  max: number | null;
  needsOf?: true;
  bare?: true;
}
const INDEFINITE_WORDS: IndefiniteWord[] = [
  { forms: ["العديد", "عديد"], min: null, max: null },
  { forms: ["عده"], min: 3, max: null, bare: true },
  { forms: ["بضع", "بضعه"], min: 3, max: 9 },
  { forms: ["عدد"], min: null, max: null, needsOf: true },
];

/** How a qualifier bounds the figure. `between` and `from` open a range (بين 10 و15، من 10 إلى 15). */
type QualifierKind = "approx" | "more" | "atLeast" | "less" | "upTo" | "between" | "from";

/** Qualifiers before the number; the first word may carry و ف ب ل (بنحو، وأكثر من). */
const PRE_QUALIFIERS: [QualifierKind, string[]][] = [
  [
    "approx",
    ["نحو", "قرابه", "حوالي", "زهاء", "تقريبا", "ما يقارب", "يقارب", "ما يقرب من", "يقرب من"],
  ],
  ["approx", ["ما يناهز", "يناهز"]],
  ["more", ["اكثر من", "ما يزيد علي", "ما يزيد عن", "يزيد علي", "يزيد عن", "ازيد من", "فوق"]],
  ["more", ["ما يربو علي", "يربو علي", "ما يفوق", "يفوق"]],
  ["atLeast", ["علي الاقل", "ما لا يقل عن", "لا يقل عن"]],
  ["less", ["اقل من", "دون", "ما دون", "ما يقل عن"]],
  ["upTo", ["ما يصل الي", "يصل الي"]],
  ["between", ["بين", "ما بين"]],
  ["from", ["من"]],
];
/** Qualifiers after the number or its unit (30 قتيلا على الأقل). */
const POST_QUALIFIERS: [QualifierKind, string[]][] = [
  ["approx", ["تقريبا"]],
  ["atLeast", ["علي الاقل", "علي اقل تقدير"]],
  ["more", ["او اكثر", "فاكثر"]],
  ["less", ["او اقل", "فاقل"]],
];
/** Words joining the two ends of a range; a dash joins digits only (10-15). */
const RANGE_WORDS = new Set(["الي", "حتي"]);
const RANGE_DASHES = new Set(["-", "–", "—"]);

/**
 * What is counted, directly after the number or after من (الآلاف من المدنيين). A noun mapped
 * to null is taken into the span but has no unit in `QuantityUnit` (hours, weeks). The article
 * is stripped before lookup (آلاف المدنيين).
 */
const UNIT_NOUNS: [QuantityUnit | null, string[]][] = [
  ["km", ["كيلومتر", "كيلومترا", "كيلومترات", "كلم", "كم"]],
  ["m", ["متر", "مترا", "امتار"]],
  ["percent", ["بالمئه", "بالمائه", "بالميه"]],
  // The dead, wounded and displaced are counted as persons.
  ["person", ["شخص", "شخصا", "اشخاص", "قتيل", "قتيلا", "قتلي", "جريح", "جريحا", "جرحي"]],
  ["person", ["مصاب", "مصابا", "مصابين", "ضحيه", "ضحايا", "نازح", "نازحا", "نازحين"]],
  ["person", ["لاجئ", "لاجئا", "لاجئين", "معتقل", "معتقلا", "معتقلين", "مواطن", "مواطنا"]],
  ["person", ["مواطنين", "معتقلي", "ساكن", "سكان", "نسمه"]],
  ["civilian", ["مدني", "مدنيا", "مدنيين", "مدنيون", "مدنيي"]],
  ["fighter", ["عنصر", "عنصرا", "عناصر", "مقاتل", "مقاتلا", "مقاتلين", "مقاتلون", "مقاتلي"]],
  ["fighter", ["مسلح", "مسلحا", "مسلحين", "مسلحون", "مسلحي", "جندي", "جنديا", "جنود"]],
  ["fighter", ["عسكري", "عسكريا", "عسكريين", "عسكريون", "ارهابي", "ارهابيا", "ارهابيين"]],
  ["fighter", ["ارهابيون", "شرطي", "شرطيا", "شرطيين", "متمرد", "متمردا", "متمردين"]],
  ["fighter", ["متشدد", "متشددا", "متشددين"]],
  ["child", ["طفل", "طفلا", "اطفال", "طفله"]],
  ["woman", ["امراه", "نساء", "نسوه", "سيده", "سيدات"]],
  ["family", ["عائله", "عائلات", "اسره", "اسر", "عوائل"]],
  ["house", ["منزل", "منزلا", "منازل", "بيت", "بيتا", "بيوت", "مسكن", "مساكن"]],
  ["vehicle", ["اليه", "اليات", "سياره", "سيارات", "عربه", "عربات", "مركبه", "مركبات"]],
  ["vehicle", ["دبابه", "دبابات"]],
  ["airstrike", ["غاره", "غارات"]],
  // Rockets are counted with shells: both are the projectiles of a shelling.
  ["shell", ["قذيفه", "قذائف", "صاروخ", "صاروخا", "صواريخ"]],
  ["day", ["يوم", "يوما", "ايام"]],
  ["month", ["شهر", "شهرا", "اشهر", "شهور"]],
  ["year", ["عام", "عاما", "اعوام", "سنه", "سنوات", "سنين"]],
  ["currency", ["دولار", "دولارا", "دولارات", "ليره", "ليرات", "دينار", "دينارا", "دنانير"]],
  ["currency", ["ريال", "ريالا", "ريالات", "يورو", "جنيه", "جنيها", "درهم", "درهما", "دراهم"]],
  ["hour", ["ساعه", "ساعات"]],
  ["week", ["اسبوع", "اسبوعا", "اسابيع"]],
  // No QuantityUnit for minutes; kept in the span all the same.
  [null, ["دقيقه", "دقائق"]],
];
/** Percent written as two words: في المئة. */
const PERCENT_AFTER_FI = new Set(["المئه", "المائه", "الميه"]);
/** Units whose count is a whole number, so "1.500 مدني" is 1500 (a dot as thousands separator). */
const WHOLE_UNITS = new Set<QuantityUnit>([
  "person",
  "civilian",
  "fighter",
  "child",
  "woman",
  "family",
  "house",
  "vehicle",
  "airstrike",
  "shell",
]);

/** Month names (Gregorian in Egyptian, Levantine and Maghrebi use, and Hijri). */
const MONTHS = new Set([
  ...["يناير", "فبراير", "مارس", "ابريل", "مايو", "يونيو", "يونيه", "يوليو", "يوليه", "اغسطس"],
  ...["سبتمبر", "اكتوبر", "نوفمبر", "ديسمبر", "شباط", "اذار", "نيسان", "ايار", "حزيران", "تموز"],
  ...["اب", "ايلول", "جانفي", "فيفري", "افريل", "ماي", "جوان", "جويليه", "اوت", "محرم", "صفر"],
  ...["رجب", "شعبان", "رمضان", "شوال"],
]);
/** Two-word months: تشرين الثاني، كانون الأول، ربيع الأول، جمادى الآخرة، ذو الحجة. */
const MONTH_HEADS = new Set(["تشرين", "كانون", "ربيع", "جمادي", "ذو", "ذي"]);
const MONTH_TAILS = new Set([
  ...["الاول", "الثاني", "الاخر", "الاخره", "الاولي", "الثانيه", "القعده", "الحجه"],
]);
/** Words before a year (عام 2015، لسنة 2011، بين عامي 2015 و2017). */
const YEAR_WORDS = new Set(["عام", "العام", "عامي", "سنه", "السنه", "سنتي"]);
/** Era marks after a year: 2017م، 1439هـ. */
const ERA_MARKS = new Set(["م", "ه"]);
/** Clock times: الساعة 10، 10 صباحا. */
const TIME_BEFORE = new Set(["الساعه"]);
const TIME_AFTER = new Set(["صباحا", "مساء", "مساءا", "ظهرا", "فجرا", "ليلا", "عصرا"]);
/** Nouns whose number is a name, not a count: القرار 2254، الفرقة 17، الفيلق 5. */
const LABEL_NOUNS = new Set([
  ...["رقم", "الرقم", "القرار", "قرار", "الفرقه", "اللواء", "الفوج", "الكتيبه", "الفيلق"],
  ...["الماده", "البند", "الفقره", "الطريق", "طريق", "الصفحه", "الجوله", "الدوره", "الحلقه"],
]);

/** A number word that is no count on its own: ست is also "lady"; واحد needs its noun (مدني واحد). */
const NEEDS_UNIT = new Set(["ست"]);
const ONE_WORDS = new Set(["واحد", "واحده"]);
const TWO_WORDS = new Set(["اثنان", "اثنين", "اثنتان", "اثنتين"]);

/**
 * Conjunction and preposition prefixes tried on the first word, longest first. The article ال is
 * never stripped from a number: with it a cardinal is an ordinal or a name (القرن العشرين).
 */
const PROCLITICS = ["وب", "فب", "ول", "فل", "وك", "فك", "و", "ف", "ب", "ل", "ك"];

// ---------------------------------------------------------------------------------------------
// Maps built once at load.

type AtomKind = "unit" | "teenFirst" | "ten" | "tens" | "hundred" | "scale";
interface Atom {
  kind: AtomKind;
  value: number;
  plural?: boolean;
  dual?: boolean;
}
/** What a word can start: a number word, a vague amount, an indefinite amount. */
interface NumberEntry {
  atom?: Atom;
  vague?: number;
  indefinite?: IndefiniteWord;
}
interface Phrase {
  kind: QualifierKind;
  words: string[];
  text: string;
}

const ATOMS = new Map<string, Atom>();
const NUMBER_ENTRIES = new Map<string, NumberEntry>();
const UNITS = new Map<string, QuantityUnit | null>();
const PRE_PHRASES = phraseIndex(PRE_QUALIFIERS);
const POST_PHRASES = phraseIndex(POST_QUALIFIERS);

function addAtom(word: string, atom: Atom): void {
  ATOMS.set(word, atom);
  entryFor(word).atom = atom;
}
function entryFor(word: string): NumberEntry {
  let e = NUMBER_ENTRIES.get(word);
  if (!e) {
    e = {};
    NUMBER_ENTRIES.set(word, e);
  }
  return e;
}
for (const [value, forms] of UNIT_WORDS) for (const w of forms) addAtom(w, { kind: "unit", value });
for (const [value, forms] of TEEN_FIRST_WORDS) {
  for (const w of forms) addAtom(w, { kind: "teenFirst", value });
}
for (const w of TEN_WORDS) addAtom(w, { kind: "ten", value: 10 });
for (const [value, forms] of TENS_WORDS) for (const w of forms) addAtom(w, { kind: "tens", value });
for (const [value, forms] of HUNDRED_WORDS) {
  for (const w of forms) addAtom(w, { kind: "hundred", value });
}
for (const [n, prefixes] of HUNDRED_PREFIXES) {
  for (const p of prefixes) {
    for (const h of ["مئه", "مائه"]) addAtom(p + h, { kind: "hundred", value: n * 100 });
  }
}
for (const s of SCALE_WORDS) {
  for (const w of s.forms) addAtom(w, { kind: "scale", value: s.value });
  for (const w of s.plural) addAtom(w, { kind: "scale", value: s.value, plural: true });
  for (const w of s.dual) addAtom(w, { kind: "scale", value: s.value, dual: true });
}
for (const [floor, forms] of VAGUE_WORDS) for (const w of forms) entryFor(w).vague = floor;
for (const ind of INDEFINITE_WORDS) for (const w of ind.forms) entryFor(w).indefinite = ind;
for (const [unit, forms] of UNIT_NOUNS) for (const w of forms) UNITS.set(w, unit);

/** Phrases by their first word, longest first, so "ما يزيد على" wins over a shorter one. */
function phraseIndex(table: [QualifierKind, string[]][]): Map<string, Phrase[]> {
  const index = new Map<string, Phrase[]>();
  for (const [kind, phrases] of table) {
    for (const text of phrases) {
      const words = text.split(" ");
      const first = words[0] as string;
      const list = index.get(first) ?? [];
      list.push({ kind, words, text });
      list.sort((a, b) => b.words.length - a.words.length);
      index.set(first, list);
    }
  }
  return index;
}

// ---------------------------------------------------------------------------------------------
// Token-level helpers.

interface Hit<T> {
  value: T;
  /** Letters of proclitic before the word proper (و in وعشرات). */
  skip: number;
  /** The key found (الالاف for للآلاف). */
  key: string;
}

/**
 * Every key of a table with every proclitic in front (بنحو, وعشرات, للآلاف), so that a lookup
 * is one Map.get instead of one per proclitic.
 */
function expandedTable<T>(map: Map<string, T>): Map<string, Hit<T>> {
  const table = new Map<string, Hit<T>>();
  for (const [key, value] of map) table.set(key, { value, skip: 0, key });
  for (const p of PROCLITICS) {
    for (const [key, value] of map) {
      if (key.length < 2) continue;
      const add = (written: string) => {
        if (!table.has(written)) table.set(written, { value, skip: p.length, key });
      };
      add(p + key);
      // ل before the article drops its alef: للآلاف is ل + الآلاف.
      if (p.endsWith("ل") && key.startsWith("ال")) add(p + key.slice(1));
    }
  }
  return table;
}

// The tables above, expanded once when the module loads.
const NUMBER_TABLE = expandedTable(NUMBER_ENTRIES);
const PRE_TABLE = expandedTable(PRE_PHRASES);
const POST_TABLE = expandedTable(POST_PHRASES);

/** True when `token` is an Arabic word of `set`, bare or after a conjunction or preposition. */
function has(set: Set<string>, token: Token | undefined): boolean {
  if (token?.kind !== "arabic") return false;
  let expanded = expandedSets.get(set);
  if (!expanded) {
    expanded = new Set(set);
    for (const p of PROCLITICS) for (const w of set) expanded.add(p + w);
    expandedSets.set(set, expanded);
  }
  return expanded.has(token.norm);
}

/** Each word set with every proclitic in front, built once (see expandedTable). */
const expandedSets = new WeakMap<Set<string>, Set<string>>();

/**
 * Original offset where the word proper begins, `skip` normalized letters into the token. Exact
 * when the token has one original unit per normalized one (no tashkeel) or when clitic
 * segmentation already set `baseStart`; otherwise the token start (the proclitic is included).
 */
function startAfter(t: Token, skip: number): number {
  if (skip === 0) return t.start;
  if (t.end - t.start === t.norm.length) return t.start + skip;
  if (t.baseStart !== undefined && t.proclitics) {
    let lead = 0;
    for (const p of t.proclitics) if (p !== "ال") lead += p.length;
    if (lead === skip) return t.baseStart;
  }
  return t.start;
}

function unitOf(word: string): QuantityUnit | null | undefined {
  const u = UNITS.get(word);
  if (u !== undefined || !word.startsWith("ال") || word.length < 5) return u;
  return UNITS.get(word.slice(2));
}

/** Token index after a percent marker at `k` (%، بالمئة، في المئة), or -1. */
function percentEnd(tokens: Token[], k: number): number {
  const t = tokens[k];
  if (!t) return -1;
  if (t.kind === "symbol" && t.norm === "%") return k + 1;
  if (t.kind !== "arabic") return -1;
  if (UNITS.get(t.norm) === "percent") return k + 1;
  const next = tokens[k + 1];
  if (t.norm === "في" && next !== undefined && PERCENT_AFTER_FI.has(next.norm)) return k + 2;
  return -1;
}

/** The unit at `k`, directly or after من; percent only directly. */
function readUnit(tokens: Token[], k: number): { unit: QuantityUnit | null; end: number } | null {
  const p = percentEnd(tokens, k);
  if (p >= 0) return { unit: "percent", end: p };
  const t = tokens[k];
  if (t?.kind !== "arabic") return null;
  const u = unitOf(t.norm);
  if (u !== undefined) return { unit: u, end: k + 1 };
  const next = tokens[k + 1];
  if (t.norm === "من" && next?.kind === "arabic") {
    const v = unitOf(next.norm);
    if (v !== undefined && v !== "percent") return { unit: v, end: k + 2 };
  }
  return null;
}

/** The longest phrase of `table` starting at token `i` (first word may carry a proclitic). */
function matchPhrase(
  tokens: Token[],
  i: number,
  table: Map<string, Hit<Phrase[]>>,
): { phrase: Phrase; start: number; end: number } | null {
  const t = tokens[i];
  if (t?.kind !== "arabic") return null;
  const hit = table.get(t.norm);
  if (!hit) return null;
  for (const phrase of hit.value) {
    let ok = true;
    for (let w = 1; w < phrase.words.length && ok; w++) {
      ok = tokens[i + w]?.norm === phrase.words[w];
    }
    if (ok) return { phrase, start: startAfter(t, hit.skip), end: i + phrase.words.length };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Dates, times and labels: digits that are not counts.

function isYearValue(norm: string, lo: number, hi: number): boolean {
  if (norm.length !== 4) return false;
  const n = Number(norm);
  return n >= lo && n <= hi;
}

function isMonthAt(tokens: Token[], k: number): boolean {
  return has(MONTHS, tokens[k]) || has(MONTH_HEADS, tokens[k]);
}

/** True when the number token at `i` is part of a date, a clock time or a name (القرار 2254). */
function isNotACount(tokens: Token[], i: number): boolean {
  const t = tokens[i] as Token;
  const prev = tokens[i - 1];
  const next = tokens[i + 1];
  const plain = t.norm.indexOf(".") < 0 && t.norm.indexOf(",") < 0;
  if (plain && t.norm.length === 4) {
    // نوفمبر 2017، تشرين الثاني 2017، عام 2015
    if (has(MONTHS, prev) || has(YEAR_WORDS, prev)) return true;
    if (has(MONTH_TAILS, prev) && has(MONTH_HEADS, tokens[i - 2])) return true;
    if (next !== undefined && ERA_MARKS.has(next.norm) && isYearValue(t.norm, 1300, 2100)) {
      return true;
    }
  }
  // 2 نوفمبر، 2 من تشرين الثاني
  if (plain && t.norm.length <= 2) {
    if (isMonthAt(tokens, i + 1)) return true;
    if (next?.norm === "من" && isMonthAt(tokens, i + 2)) return true;
  }
  if (has(TIME_BEFORE, prev) || (next !== undefined && TIME_AFTER.has(next.norm))) return true;
  // 10:30
  if (next?.norm === ":" && tokens[i + 2]?.kind === "number") return true;
  if (prev?.norm === ":" && tokens[i - 2]?.kind === "number") return true;
  if (prev !== undefined && prev.kind === "arabic" && LABEL_NOUNS.has(prev.norm)) return true;
  // A word glued to the number by a dash is a name: كوفيد-19.
  const before = tokens[i - 2];
  if (prev !== undefined && RANGE_DASHES.has(prev.norm) && prev.end === t.start) {
    if (before !== undefined && before.kind !== "number" && before.end === prev.start) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Reading one number expression.

interface NumberRead {
  kind: "exact" | "vague" | "indefinite";
  /** The figure (exact), the floor (vague), or NaN (indefinite). */
  value: number;
  /** Bounds of an indefinite amount. */
  min: number | null;
  max: number | null;
  /** Original offset of the first character. */
  start: number;
  /** Token index one past the expression. */
  end: number;
  /** Scale word applied (ألف، مليون), 1 if none. */
  scale: number;
  /** The vague or indefinite words, normalized (عشرات الالاف). */
  words?: string;
  /** The digit token, for digit numbers. */
  digits?: string;
  /** The word, when the expression is one number word alone (واحد، ست). */
  single?: string;
}

/** Multiplies without floating-point noise (3.3 × 1000 is 3300, not 3299.9999999999995). */
function times(a: number, b: number): number {
  return Number((a * b).toPrecision(15));
}

function readNumber(tokens: Token[], j: number): NumberRead | null {
  const t = tokens[j];
  if (!t) return null;
  if (t.kind === "number") return readDigits(tokens, j);
  if (t.kind !== "arabic") return null;
  const hit = NUMBER_TABLE.get(t.norm);
  if (!hit) return null;
  const e = hit.value;
  const start = startAfter(t, hit.skip);
  const word = hit.key;
  return (
    (e.atom ? readWords(tokens, j, e.atom, start, word) : null) ??
    (e.vague !== undefined ? readVague(tokens, j, e.vague, start, word) : null) ??
    (e.indefinite && !(e.indefinite.bare && hit.skip > 0)
      ? readIndefinite(tokens, j, e.indefinite, start, word)
      : null)
  );
}

function readDigits(tokens: Token[], j: number): NumberRead | null {
  if (isNotACount(tokens, j)) return null;
  const t = tokens[j] as Token;
  let value = Number(t.norm.indexOf(",") < 0 ? t.norm : t.norm.replaceAll(",", ""));
  if (!Number.isFinite(value)) return null;
  // 3 آلاف، 2.5 مليون، 100 ألف
  let scale = 1;
  let end = j + 1;
  const s = tokens[j + 1];
  const atom = s?.kind === "arabic" ? ATOMS.get(s.norm) : undefined;
  if (atom?.kind === "scale" && !atom.dual) {
    scale = atom.value;
    value = times(value, scale);
    end++;
    const half = halfEnd(tokens, end, scale);
    if (half > end) {
      value += scale / 2;
      end = half;
    }
  }
  return { kind: "exact", value, min: null, max: null, start: t.start, end, scale, digits: t.norm };
}

/**
 * Number words: units before tens joined by و (خمسة وعشرون), teens (خمسة عشر), hundreds
 * (ثلاث مئة، مئة وخمسون) and scales (ثلاثة آلاف، مئة ألف، ألفان وخمسمئة).
 */
function readWords(
  tokens: Token[],
  j: number,
  first: Atom,
  start: number,
  word: string,
): NumberRead | null {
  let total = 0; // closed groups (× a scale)
  let group = 0; // the group being read, below 1000
  let lastScale = Number.POSITIVE_INFINITY;
  let last: AtomKind | "teen" = first.kind;
  let scale = 1;
  if (first.kind === "scale") {
    if (first.plural) return null; // آلاف alone is vague
    total = first.value * (first.dual ? 2 : 1);
    lastScale = scale = first.value;
  } else {
    group = first.value;
  }
  let k = j + 1;
  for (;;) {
    const t = tokens[k];
    if (t?.kind !== "arabic") break;
    let atom = ATOMS.get(t.norm);
    const conj = atom === undefined && t.norm.length > 2 && t.norm.startsWith("و");
    if (conj) atom = ATOMS.get(t.norm.slice(1));
    if (!atom) {
      // مليون ونصف، ألف ونصف الألف
      const half = last === "scale" && group === 0 ? halfEnd(tokens, k, lastScale) : -1;
      if (half > k) {
        total += lastScale / 2;
        k = half;
      }
      break;
    }
    if (!conj) {
      if (atom.kind === "ten" && (last === "unit" || last === "teenFirst")) {
        group += 10; // خمسة عشر
        last = "teen";
      } else if (atom.kind === "hundred" && atom.value === 100 && last === "unit" && group <= 9) {
        group *= 100; // ثلاث مئة
        last = "hundred";
      } else if (atom.kind === "scale" && !atom.dual && group > 0 && atom.value < lastScale) {
        total += times(group, atom.value); // ثلاثة آلاف، مئة ألف
        group = 0;
        lastScale = scale = atom.value;
        last = "scale";
      } else break;
    } else {
      const additive = atom.kind === "unit" || atom.kind === "ten" || atom.kind === "tens";
      if (last === "unit" && atom.kind === "tens") {
        group += atom.value; // خمسة وعشرون
        last = "tens";
      } else if (last === "hundred" && (additive || atom.kind === "teenFirst")) {
        group += atom.value; // مئة وخمسون، مئة وخمسة
        last = atom.kind === "ten" ? "tens" : atom.kind;
      } else if (last === "scale" && group === 0 && (additive || atom.kind === "hundred")) {
        group = atom.value; // ألف وخمسمئة
        last = atom.kind;
      } else if (last === "scale" && group === 0 && atom.kind === "teenFirst") {
        group = atom.value;
        last = "teenFirst";
      } else break;
    }
    k++;
  }
  if (last === "teenFirst") return null; // أحد without عشر
  return {
    kind: "exact",
    value: total + group,
    min: null,
    max: null,
    start,
    end: k,
    scale,
    ...(k === j + 1 ? { single: word } : {}),
  };
}

/**
 * Token index after "ونصف" (and half) following a scale word at `k`, with the scale repeated if
 * it is (مليون ونصف المليون), or -1.
 */
function halfEnd(tokens: Token[], k: number, scale: number): number {
  if (tokens[k]?.norm !== "ونصف") return -1;
  const next = tokens[k + 1];
  const word = next?.kind === "arabic" ? next.norm : "";
  const again = ATOMS.get(word.startsWith("ال") ? word.slice(2) : word);
  return again?.kind === "scale" && again.value === scale && !again.dual ? k + 2 : k + 1;
}

/** عشرات، الآلاف، and with a scale after them: عشرات الآلاف (≥ 10000), مئات الآلاف. */
function readVague(
  tokens: Token[],
  j: number,
  floor: number,
  start: number,
  word: string,
): NumberRead {
  let value = floor;
  let words = word;
  let end = j + 1;
  const next = tokens[j + 1];
  const scale = next?.kind === "arabic" ? NUMBER_ENTRIES.get(next.norm)?.vague : undefined;
  if (scale !== undefined && scale >= 1e3 && scale > floor) {
    value = floor * scale;
    words += ` ${next?.norm}`;
    end++;
  }
  return { kind: "vague", value, min: null, max: null, start, end, scale: 1, words };
}

function readIndefinite(
  tokens: Token[],
  j: number,
  ind: IndefiniteWord,
  start: number,
  word: string,
): NumberRead | null {
  const next = tokens[j + 1]?.norm;
  if (ind.needsOf && next !== "من" && next !== "منهم" && next !== "منهن" && next !== "منها") {
    return null;
  }
  return {
    kind: "indefinite",
    value: Number.NaN,
    min: ind.min,
    max: ind.max,
    start,
    end: j + 1,
    scale: 1,
    words: word,
  };
}

// ---------------------------------------------------------------------------------------------
// One quantity: qualifier, number, range, unit, qualifier after.

/** Applies a bound qualifier to an exact figure `n`. */
function bound(q: Quantity, kind: QualifierKind, n: number): void {
  q.approximate = true;
  if (kind === "approx") {
    if (q.min === n && q.max === n) q.min = q.max = null;
  } else if (kind === "more" || kind === "atLeast") {
    q.min = n;
    q.max = null;
  } else if (kind === "less" || kind === "upTo") {
    q.min = null;
    q.max = n;
  }
}

function isYearLike(num: NumberRead): boolean {
  return num.digits !== undefined && num.scale === 1 && isYearValue(num.digits, 1900, 2100);
}

function matchAt(
  tokens: Token[],
  i: number,
  free: number,
  acled: boolean,
): { quantity: Quantity; next: number } | null {
  let pre = matchPhrase(tokens, i, PRE_TABLE);
  const num = readNumber(tokens, pre ? pre.end : i);
  if (!num) return null;
  let k = num.end;

  // A percent sign may close the first end of a range (10% إلى 15%).
  const pct = num.kind === "exact" ? percentEnd(tokens, k) : -1;
  if (pct >= 0) k = pct;

  // Range: بين 10 و15، من 10 إلى 15، 10-15.
  let lo = num.value;
  let hi: NumberRead | null = null;
  let connector: string | undefined;
  const c = tokens[k];
  if (num.kind === "exact" && c !== undefined) {
    if (pre?.phrase.kind === "between") {
      if (c.norm === "و") hi = readNumber(tokens, k + 1);
      else if (c.kind === "arabic" && c.norm.startsWith("و")) hi = readNumber(tokens, k);
    } else if (
      (c.kind === "arabic" && RANGE_WORDS.has(c.norm)) ||
      (c.kind === "punct" && RANGE_DASHES.has(c.norm) && num.digits !== undefined)
    ) {
      hi = readNumber(tokens, k + 1);
      connector = c.norm;
    }
    if (pre?.phrase.kind === "from" && connector === undefined) hi = null;
    if (hi && hi.scale > 1 && num.scale === 1 && lo < hi.value / hi.scale) {
      lo = times(lo, hi.scale); // بين 2 و3 ملايين
    }
    if (hi && (hi.kind !== "exact" || hi.value <= lo)) hi = null;
    // بين 2015 و2017: years, not a count; and a count does not run to a year (3 حتى 2015).
    if (hi && isYearLike(hi)) {
      if (isYearLike(num)) return null;
      hi = null;
    }
  }
  if (hi) k = hi.end;
  else if (pre?.phrase.kind === "between" || pre?.phrase.kind === "from") pre = null;

  let start = pre ? pre.start : num.start;
  let unit: QuantityUnit | null | undefined;
  if (pct >= 0 && !hi) {
    unit = "percent"; // 95% من مساحة المدينة: what follows من is not the unit
  } else {
    const u = readUnit(tokens, k);
    if (u) {
      unit = u.unit;
      k = u.end;
    } else if (pct >= 0) unit = "percent";
  }
  const post = matchPhrase(tokens, k, POST_TABLE);
  if (post) k = post.end;

  // واحد and اثنان follow their noun (مدني واحد).
  if (num.single !== undefined && unit === undefined && !pre && !hi) {
    const one = ONE_WORDS.has(num.single);
    if (one || TWO_WORDS.has(num.single)) {
      const prev = tokens[i - 1];
      const u = i - 1 >= free && prev?.kind === "arabic" ? unitOf(prev.norm) : undefined;
      if (u !== undefined && u !== "percent") {
        unit = u;
        start = prev?.start ?? start;
      } else if (one) return null;
    }
    if (NEEDS_UNIT.has(num.single) && unit === undefined) return null;
  }
  // A bare 1900–2100 with nothing counted is a year (منذ 2011).
  if (isYearLike(num) && !pre && !hi && unit === undefined && !post) return null;

  // 1.500 مدني: a dot before three digits in a whole count is a thousands separator.
  if (num.digits !== undefined && !hi && unit && WHOLE_UNITS.has(unit) && num.scale === 1) {
    const dot = num.digits.indexOf(".");
    if (dot > 0 && dot <= 3 && num.digits.length - dot === 4 && num.digits.indexOf(",") < 0) {
      lo = Number(num.digits.replace(".", ""));
    }
  }

  const quantity: Quantity = {
    start,
    end: (tokens[k - 1] as Token).end,
    value: lo,
    min: lo,
    max: lo,
    approximate: false,
  };
  if (num.kind === "vague") {
    quantity.value = acled ? num.value : null;
    quantity.max = null;
    quantity.approximate = true;
  } else if (num.kind === "indefinite") {
    quantity.value = null;
    quantity.min = num.min;
    quantity.max = num.max;
    quantity.approximate = true;
  } else if (hi) {
    quantity.max = hi.value; // value = the lower end: conservative counting
    quantity.approximate = true;
  } else {
    if (pre) bound(quantity, pre.phrase.kind, lo);
    if (post) bound(quantity, post.phrase.kind, lo);
  }
  if (unit) quantity.unit = unit;
  const qualifier = [pre?.phrase.text, num.words, connector, post?.phrase.text]
    .filter((s) => s !== undefined)
    .join(" ");
  if (qualifier) quantity.qualifier = qualifier;
  return { quantity, next: k };
}

/**
 * Quantities in `tokens` (from `tokenize(normalize(text))`), sorted by start, non-overlapping,
 * with spans over the original text.
 *
 * Conventions: an exact figure has min = max = value; a range gives value = its lower end (for
 * conservative counting) with min/max the ends; أكثر من / على الأقل n give min = n, أقل من n gives
 * max = n, نحو n gives open bounds, all approximate. Vague plurals give min = their floor and
 * value null (or the floor with `acledVague`); indefinite words give value null.
 */
export function extractQuantities(tokens: Token[], options: QuantityOptions = {}): Quantity[] {
  const acled = options.acledVague === true;
  const out: Quantity[] = [];
  let free = 0; // first token not inside a quantity already found
  let i = 0;
  while (i < tokens.length) {
    const kind = (tokens[i] as Token).kind;
    if (kind === "arabic" || kind === "number") {
      const m = matchAt(tokens, i, free, acled);
      if (m) {
        out.push(m.quantity);
        i = free = m.next;
        continue;
      }
    }
    i++;
  }
  return out;
}
