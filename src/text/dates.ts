/**
 * Arabic date recognizer. Reads the token stream (normalized forms, original offsets) and finds:
 * absolute dates with the month names of every regional system (Egyptian/Gulf, Levantine/Iraqi,
 * Maghrebi, Moroccan, and paired forms such as "تشرين الثاني/نوفمبر"), numeric dates, Hijri dates
 * (converted through Intl's Umm al-Qura calendar), and relative expressions (أمس، فجر اليوم،
 * الأربعاء، الأسبوع الماضي، منذ يومين ...) resolved against the publication date.
 *
 * One linear pass: a token can only start a date when it is a number, "(" or a trigger word
 * (after dropping a proclitic و ف ب ل ك); at each start the longest match wins and the scan
 * resumes after it, so mentions come out sorted and non-overlapping.
 *
 * Weeks are Saturday to Friday, as in ACLED's weekly data.
 */
import type { DateMention, DatePrecision, Token } from "../types.js";
import { normalize, normalizeForMatch } from "./normalize.js";
import { tokenize } from "./tokenize.js";

export interface DateOptions {
  /** Publication date, ISO YYYY-MM-DD: the anchor for relative expressions. */
  published?: string;
}

// ---------------------------------------------------------------------------------------------
// Data tables, written as in news text (normalized when the lookup maps are built).
// ---------------------------------------------------------------------------------------------

/**
 * Gregorian month names by month number. Egyptian/Gulf and Levantine/Iraqi names are those of
 * Intl (ar-EG, ar-SY); Maghrebi (ar-DZ, ar-TN) and Moroccan (ar-MA) likewise, plus variants
 * seen in news text. The test suite checks that every Intl regional name is listed here.
 */
const GREGORIAN_MONTHS: readonly (readonly string[])[] = [
  ["يناير", "كانون الثاني", "جانفي", "ينير"],
  ["فبراير", "شباط", "فيفري", "فبرير"],
  ["مارس", "آذار"],
  ["أبريل", "إبريل", "نيسان", "أفريل"],
  ["مايو", "أيار", "ماي"],
  ["يونيو", "يونيه", "حزيران", "جوان"],
  ["يوليو", "يوليه", "تموز", "جويلية", "يوليوز"],
  ["أغسطس", "آب", "أوت", "غشت"],
  ["سبتمبر", "أيلول", "شتنبر"],
  ["أكتوبر", "تشرين الأول"],
  ["نوفمبر", "تشرين الثاني", "نونبر"],
  ["ديسمبر", "كانون الأول", "دجنبر"],
];

/** Month names that are also ordinary words (أب father, مارس practised, جوان a name ...). */
const AMBIGUOUS_MONTHS = ["آب", "ماي", "مارس", "أيار", "جوان", "نيسان"];

const HIJRI_MONTHS: readonly (readonly string[])[] = [
  ["محرم", "المحرم"],
  ["صفر"],
  ["ربيع الأول", "ربيع أول"],
  ["ربيع الآخر", "ربيع الثاني", "ربيع آخر", "ربيع ثاني"],
  ["جمادى الأولى", "جمادى الأول", "جمادى أولى"],
  ["جمادى الآخرة", "جمادى الثانية", "جمادى الآخر", "جمادى الثاني"],
  ["رجب"],
  ["شعبان"],
  ["رمضان"],
  ["شوال"],
  ["ذو القعدة", "ذي القعدة"],
  ["ذو الحجة", "ذي الحجة"],
];

/** Hijri month names that are also words or given names (صفر zero, رجب, شعبان ...). */
const AMBIGUOUS_HIJRI = ["محرم", "المحرم", "صفر", "رجب", "شعبان"];

/** Weekday names, Sunday = 0 (the order of Date.getUTCDay). */
const WEEKDAYS: readonly (readonly string[])[] = [
  ["الأحد"],
  ["الاثنين", "الإثنين"],
  ["الثلاثاء", "الثلثاء"],
  ["الأربعاء"],
  ["الخميس"],
  ["الجمعة"],
  ["السبت"],
];

/** Parts of the day: the canonical name reported, and the forms that mean it. */
const PARTS_OF_DAY: readonly (readonly [string, readonly string[]])[] = [
  ["فجر", ["فجر"]],
  ["صباح", ["صباح", "صبيحة"]],
  ["ظهر", ["ظهر", "ظهيرة"]],
  ["عصر", ["عصر"]],
  ["مساء", ["مساء"]],
  ["ليلة", ["ليلة", "ليل"]],
];

/** Days relative to publication: offset in days, and the part of day the phrase itself names. */
const RELATIVE_DAYS: readonly (readonly [string, number, string?])[] = [
  ["اليوم", 0],
  ["هذا الصباح", 0, "صباح"],
  ["هذا المساء", 0, "مساء"],
  ["الليلة", 0, "ليلة"],
  ["هذه الليلة", 0, "ليلة"],
  ["أمس", -1],
  ["الأمس", -1],
  ["يوم أمس", -1],
  ["البارحة", -1],
  ["الليلة الماضية", -1, "ليلة"],
  ["أول أمس", -2],
  ["أول من أمس", -2],
  ["أول من الأمس", -2],
  ["أمس الأول", -2],
  ["قبل أمس", -2],
  ["غدا", 1],
  ["الغد", 1],
  ["يوم غد", 1],
  ["يوم الغد", 1],
  ["بعد غد", 2],
  ["بعد الغد", 2],
];

/** Qualifiers after a period, month or weekday: -1 past, 0 current, +1 next. */
const QUALIFIERS: readonly (readonly [string, number])[] = [
  ...["الماضي", "الماضية", "المنصرم", "المنصرمة", "الفائت", "الفائتة", "المنقضي", "السابق"].map(
    (w) => [w, -1] as const,
  ),
  ...["الجاري", "الجارية", "الحالي", "الحالية"].map((w) => [w, 0] as const),
  ...["المقبل", "المقبلة", "القادم", "القادمة"].map((w) => [w, 1] as const),
];

type Period = "week" | "month" | "year";

/** Calendar periods named relative to publication; "هذا/هذه" make the current one. */
const PERIODS: readonly (readonly [string, Period, number?])[] = [
  ["الأسبوع", "week"],
  ["الشهر", "month"],
  ["العام", "year"],
  ["السنة", "year"],
  ["هذا الأسبوع", "week", 0],
  ["هذا الشهر", "month", 0],
  ["هذا العام", "year", 0],
  ["هذه السنة", "year", 0],
];

/** Day ordinals as written before "من <month>": الثاني من نوفمبر، الحادي والعشرين من أيار. */
const ORDINAL_DAYS: readonly (readonly [string, number])[] = (() => {
  const units = [
    ...["الأول", "الثاني", "الثالث", "الرابع", "الخامس"],
    ...["السادس", "السابع", "الثامن", "التاسع"],
  ];
  const out: [string, number][] = units.map((w, k) => [w, k + 1]);
  out.push(["العاشر", 10], ["العشرين", 20], ["الثلاثين", 30]);
  out.push(["الحادي عشر", 11], ["الحادي والعشرين", 21], ["الحادي والثلاثين", 31]);
  // 12-19 and 22-29: الثاني عشر، الثاني والعشرين ...
  for (let k = 1; k < units.length; k++) {
    out.push([`${units[k]} عشر`, k + 11], [`${units[k]} والعشرين`, k + 21]);
  }
  return out;
})();

/** Words after which an ordinal can open a date (not النصف الثاني من نوفمبر, the second half). */
const ORDINAL_PRECEDERS = ["في", "يوم", "منذ", "حتى", "إلى", "من", "بين", "و", "قبل", "بعد"];

/** Words after which a bare month name is read as a date: في نوفمبر، مطلع ديسمبر. */
const MONTH_PRECEDERS = [
  ...["في", "خلال", "منذ", "حتى", "مطلع", "منتصف", "أواسط", "أواخر", "أوائل", "نهاية"],
  ...["بداية", "مستهل", "بحلول"],
];

/** Day counts for منذ/قبل: منذ يومين، قبل ثلاثة أيام. */
const DAY_COUNTS: readonly (readonly [string, number])[] = [
  ["يوم", 1],
  ["يومين", 2],
  ...["ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة", "عشرة"].map(
    (w, k) => [`${w} أيام`, k + 3] as const,
  ),
];

const HIJRI_MARKS = ["هـ", "هجري", "هجرية", "للهجرة"];
const YEAR_WORDS = ["عام", "العام", "سنة", "السنة"];
/** Marks allowed between a weekday and the date it introduces: الخميس، 2 نوفمبر. */
const SEPARATORS = new Set(["،", ",", "-", "–", "—", ":"]);

/** Words before اليوم/الليلة that make it "that day" rather than today (روسيا اليوم is RT). */
const NOT_TODAY_BEFORE = ["تلك", "ذلك", "ذات", "نفس", "مثل", "هذا", "روسيا", "المصري"];
/** Words after اليوم that make it a day in a sequence: اليوم التالي، اليوم الأول. */
const NOT_TODAY_AFTER = ["التالي", "السابق", "الأخير", "نفسه", "ذاته", "العالمي", "الوطني"];

const YEAR_RANGE = { gregorian: [1900, 2099], hijri: [1300, 1600] } as const;
/** Dates without a year take the publication year unless that is this far in the future. */
const MAX_FUTURE_DAYS = 62;
const RECENT_DAYS = 7;

// ---------------------------------------------------------------------------------------------
// Lookup structures, built once at module load.
// ---------------------------------------------------------------------------------------------

const n = (s: string) => normalizeForMatch(s);
const normSet = (words: readonly string[]) => new Set(words.map(n));

interface Phrase<T> {
  rest: string[];
  value: T;
}

/** Multi-word phrases keyed by their first normalized word, longest phrase tried first. */
class PhraseTable<T> {
  readonly byFirst = new Map<string, Phrase<T>[]>();

  constructor(entries: Iterable<readonly [string, T]>) {
    for (const [phrase, value] of entries) {
      const [first, ...rest] = n(phrase).split(" ");
      if (!first) continue;
      let list = this.byFirst.get(first);
      if (!list) {
        list = [];
        this.byFirst.set(first, list);
      }
      if (list.some((p) => p.rest.join(" ") === rest.join(" "))) continue;
      list.push({ rest, value });
      list.sort((a, b) => b.rest.length - a.rest.length);
    }
  }

  match(s: Scan, j: number): { value: T; next: number } | null {
    const list = this.byFirst.get(s.word(j));
    if (!list) return null;
    next: for (const p of list) {
      for (let k = 0; k < p.rest.length; k++) {
        if (s.word(j + 1 + k) !== p.rest[k]) continue next;
      }
      return { value: p.value, next: j + 1 + p.rest.length };
    }
    return null;
  }
}

function byIndex(table: readonly (readonly string[])[], base: number): [string, number][] {
  return table.flatMap((names, k) => names.map((name) => [name, k + base] as [string, number]));
}

interface MonthName {
  month: number;
  ambiguous: boolean;
}
const ambiguousMonths = normSet(AMBIGUOUS_MONTHS);
const GREGORIAN_TABLE = new PhraseTable<MonthName>(
  byIndex(GREGORIAN_MONTHS, 1).map(([w, m]) => [
    w,
    { month: m, ambiguous: ambiguousMonths.has(n(w)) },
  ]),
);
const ambiguousHijri = normSet(AMBIGUOUS_HIJRI);
const HIJRI_TABLE = new PhraseTable<MonthName>(
  byIndex(HIJRI_MONTHS, 1).map(([w, m]) => [w, { month: m, ambiguous: ambiguousHijri.has(n(w)) }]),
);
const WEEKDAY_TABLE = new PhraseTable<number>(byIndex(WEEKDAYS, 0));
const PART_TABLE = new PhraseTable<string>(
  PARTS_OF_DAY.flatMap(([name, forms]) => forms.map((f) => [f, name] as const)),
);
const RELATIVE_TABLE = new PhraseTable<{ offset: number; part: string | undefined }>(
  RELATIVE_DAYS.map(([w, offset, part]) => [w, { offset, part }]),
);
const PERIOD_TABLE = new PhraseTable<{ period: Period; fixed: number | undefined }>(
  PERIODS.map(([w, period, fixed]) => [w, { period, fixed }]),
);
const ORDINAL_TABLE = new PhraseTable<number>(ORDINAL_DAYS);
const DAY_COUNT_TABLE = new PhraseTable<number>(DAY_COUNTS);
const QUALIFIER_MAP = new Map(QUALIFIERS.map(([w, q]) => [n(w), q]));
const HIJRI_MARK_SET = normSet(HIJRI_MARKS);
const YEAR_WORD_SET = normSet(YEAR_WORDS);
const ORDINAL_PRECEDER_SET = normSet(ORDINAL_PRECEDERS);
const MONTH_PRECEDER_SET = normSet(MONTH_PRECEDERS);
const NOT_TODAY_BEFORE_SET = normSet(NOT_TODAY_BEFORE);
const NOT_TODAY_AFTER_SET = normSet(NOT_TODAY_AFTER);

const W = {
  yawm: n("يوم"),
  shahr: n("شهر"),
  muwafiq: n("الموافق"),
  min: n("من"),
  qabl: n("قبل"),
  mundhu: n("منذ"),
  khilal: n("خلال"),
  ayyam: n("الأيام"),
  qalila: n("القليلة"),
  akhira: n("الأخيرة"),
  days: n("أيام"),
  daysAcc: n("يوما"),
  ghadan: n("غدا"),
  today: n("اليوم"),
  tonight: n("الليلة"),
  ithnayn: n("الاثنين"),
  bayn: n("بين"),
  kila: n("كلا"),
  gregorianMark: "م",
};

/** Words that can open a date expression. */
const TRIGGERS = new Set<string>([
  ...GREGORIAN_TABLE.byFirst.keys(),
  ...HIJRI_TABLE.byFirst.keys(),
  ...WEEKDAY_TABLE.byFirst.keys(),
  ...PART_TABLE.byFirst.keys(),
  ...RELATIVE_TABLE.byFirst.keys(),
  ...PERIOD_TABLE.byFirst.keys(),
  ...ORDINAL_TABLE.byFirst.keys(),
  ...YEAR_WORD_SET,
  ...[W.yawm, W.shahr, W.qabl, W.mundhu, W.khilal, W.ayyam],
]);

/** Last two code units of every trigger: a cheap integer pre-filter before the Map lookups. */
const TRIGGER_ENDINGS = new Set([...TRIGGERS].map((w) => ending(w, w.length)));

function ending(w: string, len: number): number {
  return (w.charCodeAt(len - 1) << 16) | w.charCodeAt(len - 2);
}

// ---------------------------------------------------------------------------------------------
// Calendars: day numbers count days since 1970-01-01 (UTC).
// ---------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;

interface Calendar {
  basis: "absolute" | "hijri";
  range: readonly [number, number];
  /** Day number of a date, or null when the date does not exist (31 November). */
  toDay(y: number, m: number, d: number): number | null;
  fromDay(day: number): [number, number, number];
}

const GREGORIAN: Calendar = {
  basis: "absolute",
  range: YEAR_RANGE.gregorian,
  toDay(y, m, d) {
    if (m < 1 || m > 12 || d < 1 || d > 31) return null;
    const t = Date.UTC(y, m - 1, d);
    const back = new Date(t);
    // Date.UTC rolls 31 November over to 1 December: reject what does not round-trip.
    return back.getUTCMonth() === m - 1 && back.getUTCDate() === d ? t / DAY_MS : null;
  },
  fromDay(day) {
    const t = new Date(day * DAY_MS);
    return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
  },
};

/** Tabular (arithmetic) Islamic calendar: exact where Intl lacks Umm al-Qura, else a first guess. */
function tabularHijriToDay(y: number, m: number, d: number): number {
  const jd =
    d + Math.ceil(29.5 * (m - 1)) + (y - 1) * 354 + Math.floor((3 + 11 * y) / 30) + 1948439;
  return jd - 2440588;
}

function tabularHijriFromDay(day: number): [number, number, number] {
  const jd = day + 2440588;
  const y = Math.floor((30 * (jd - 1948440) + 10646) / 10631);
  const m = Math.min(12, Math.ceil((day - 29 - tabularHijriToDay(y, 1, 1)) / 29.5) + 1);
  return [y, m, day - tabularHijriToDay(y, m, 1) + 1];
}

/** Intl's Umm al-Qura calendar, or null on a runtime built without it. */
const UMALQURA = (() => {
  try {
    const f = new Intl.DateTimeFormat("en-u-ca-islamic-umalqura-nu-latn", {
      timeZone: "UTC",
      year: "numeric",
      month: "numeric",
      day: "numeric",
    });
    return f.resolvedOptions().calendar === "islamic-umalqura" ? f : null;
  } catch {
    return null;
  }
})();

function umalquraFromDay(f: Intl.DateTimeFormat, day: number): [number, number, number] {
  let y = 0;
  let m = 0;
  let d = 0;
  for (const p of f.formatToParts(new Date(day * DAY_MS))) {
    if (p.type === "year") y = Number.parseInt(p.value, 10);
    else if (p.type === "month") m = Number.parseInt(p.value, 10);
    else if (p.type === "day") d = Number.parseInt(p.value, 10);
  }
  return [y, m, d];
}

const HIJRI: Calendar = {
  basis: "hijri",
  range: YEAR_RANGE.hijri,
  toDay(y, m, d) {
    if (m < 1 || m > 12 || d < 1 || d > 30) return null;
    const guess = tabularHijriToDay(y, m, d);
    if (!UMALQURA) return tabularHijriFromDay(guess)[2] === d ? guess : null;
    // Umm al-Qura months differ from the tabular ones by a day or two: search around the guess.
    for (const off of [0, -1, 1, -2, 2, -3, 3]) {
      const [hy, hm, hd] = umalquraFromDay(UMALQURA, guess + off);
      if (hy === y && hm === m && hd === d) return guess + off;
    }
    return null;
  },
  fromDay(day) {
    return UMALQURA ? umalquraFromDay(UMALQURA, day) : tabularHijriFromDay(day);
  },
};

function monthSpan(cal: Calendar, y: number, m: number): [number, number] | null {
  const from = cal.toDay(y, m, 1);
  const next = m === 12 ? cal.toDay(y + 1, 1, 1) : cal.toDay(y, m + 1, 1);
  return from === null || next === null ? null : [from, next - 1];
}

function yearSpan(cal: Calendar, y: number): [number, number] | null {
  const from = cal.toDay(y, 1, 1);
  const next = cal.toDay(y + 1, 1, 1);
  return from === null || next === null ? null : [from, next - 1];
}

/** Saturday that opens the (Saturday–Friday) week of a day. */
function weekStart(day: number): number {
  return day - ((weekday(day) + 1) % 7);
}

function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday (4)
}

function iso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function parsePublished(p: string | undefined): number | null {
  if (typeof p !== "string") return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(p.trim());
  if (!m) return null;
  return GREGORIAN.toDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

// ---------------------------------------------------------------------------------------------
// Scanning.
// ---------------------------------------------------------------------------------------------

/** The token stream seen from one start position (whose word may have lost a proclitic). */
class Scan {
  start = 0;
  bare = "";
  /** Proclitic letters dropped from the start token (they stay out of the span). */
  skip = 0;

  constructor(
    readonly text: string,
    readonly tokens: Token[],
    readonly pub: number | null,
  ) {}

  word(j: number): string {
    if (j === this.start) return this.bare;
    return this.tokens[j]?.norm ?? "";
  }

  /** Value of a plain number token of `min`..`max` digits, or -1. */
  int(j: number, min: number, max: number): number {
    const t = this.tokens[j];
    if (t?.kind !== "number" || t.norm.length < min || t.norm.length > max) return -1;
    for (let k = 0; k < t.norm.length; k++) {
      const c = t.norm.charCodeAt(k);
      if (c < 0x30 || c > 0x39) return -1;
    }
    return Number(t.norm);
  }

  /** The word before the start, without a conjunction و. */
  previousWord(): string {
    const t = this.tokens[this.start - 1];
    if (t?.kind !== "arabic") return t?.norm ?? "";
    return t.norm.length > 2 && t.norm.charCodeAt(0) === 0x648 ? t.norm.slice(1) : t.norm;
  }
}

/** What a matcher found: token range end and the period, as day numbers. */
interface Found {
  next: number;
  /** A date that does not exist (31 نوفمبر): its tokens are passed over, nothing is reported. */
  invalid?: boolean;
  from: number;
  to: number;
  precision: DatePrecision;
  basis: DateMention["basis"];
  part?: string | undefined;
}

const TIME_PRECISION: Record<DatePrecision, 1 | 2 | 3> = { day: 1, week: 2, month: 3, year: 3 };

function dayFound(next: number, at: number, basis: DateMention["basis"], part?: string): Found {
  return { next, from: at, to: at, precision: "day", basis, part };
}

function rejected(next: number): Found {
  return { next, from: 0, to: 0, precision: "day", basis: "absolute", invalid: true };
}

function spanFound(
  next: number,
  range: readonly [number, number] | null,
  precision: DatePrecision,
  basis: DateMention["basis"],
): Found | null {
  return range ? { next, from: range[0], to: range[1], precision, basis } : null;
}

const WAW = 0x648;
const FA = 0x641;
const BA = 0x628;
const LAM = 0x644;
const KAF = 0x643;

/**
 * The trigger word a token stands for, and how many proclitic letters were dropped to find it
 * (والأربعاء → الأربعاء, بالأمس → الأمس, للعام → العام), or null when it cannot open a date.
 */
function triggerForm(w: string): [string, number] | null {
  const len = w.length;
  if (len < 2 || !TRIGGER_ENDINGS.has(ending(w, len))) return null;
  if (TRIGGERS.has(w)) return [w, 0];
  let k = 0;
  const c0 = w.charCodeAt(0);
  if (c0 === WAW || c0 === FA) {
    k = 1;
    const rest = w.slice(1);
    if (rest.length >= 2 && TRIGGERS.has(rest)) return [rest, 1];
  }
  const c = w.charCodeAt(k);
  if (c === LAM && w.charCodeAt(k + 1) === LAM && len - k > 3) {
    const rest = `ال${w.slice(k + 2)}`; // لل = ل + ال; the span keeps the preposition
    return TRIGGERS.has(rest) ? [rest, k] : null;
  }
  if ((c === BA || c === LAM || c === KAF) && len - k > 2) {
    const rest = w.slice(k + 1);
    if (TRIGGERS.has(rest)) return [rest, k + 1];
  }
  return null;
}

// --- Absolute dates --------------------------------------------------------------------------

/** A Gregorian month name, alone or paired: تشرين الثاني/نوفمبر، (نوفمبر) تشرين الثاني. */
function matchGregorianMonth(
  s: Scan,
  j: number,
): { month: number; ambiguous: boolean; next: number } | null {
  if (s.word(j) === "(") {
    const a = GREGORIAN_TABLE.match(s, j + 1);
    if (!a || s.word(a.next) !== ")") return null;
    const b = GREGORIAN_TABLE.match(s, a.next + 1);
    return b && b.value.month === a.value.month
      ? { month: a.value.month, ambiguous: false, next: b.next }
      : null;
  }
  const a = GREGORIAN_TABLE.match(s, j);
  if (!a) return null;
  const sep = s.word(a.next);
  if (sep === "/" || sep === "(") {
    const b = GREGORIAN_TABLE.match(s, a.next + 1);
    if (b && b.value.month === a.value.month) {
      if (sep === "/") return { month: a.value.month, ambiguous: false, next: b.next };
      if (s.word(b.next) === ")")
        return { month: a.value.month, ambiguous: false, next: b.next + 1 };
    }
  }
  return { month: a.value.month, ambiguous: a.value.ambiguous, next: a.next };
}

function matchMonth(
  s: Scan,
  j: number,
): { cal: Calendar; month: number; ambiguous: boolean; next: number } | null {
  const g = matchGregorianMonth(s, j);
  if (g) return { cal: GREGORIAN, ...g };
  const h = HIJRI_TABLE.match(s, j);
  return h
    ? { cal: HIJRI, month: h.value.month, ambiguous: h.value.ambiguous, next: h.next }
    : null;
}

/** What follows a month: a year (2017, 2017م, 1439 هـ), a qualifier (الماضي), or من العام الماضي. */
type YearSpec =
  | { kind: "year"; year: number; next: number }
  | { kind: "qualifier"; q: number; next: number }
  | { kind: "ofYear"; q: number; next: number };

function matchYearSpec(s: Scan, j: number, cal: Calendar): YearSpec | null {
  const y = s.int(j, 4, 4);
  if (y >= 0) {
    if (y < cal.range[0] || y > cal.range[1]) return null;
    const mark = s.word(j + 1);
    const hijriMark = HIJRI_MARK_SET.has(mark);
    if (cal === GREGORIAN && hijriMark) return null;
    const marked = hijriMark || (cal === GREGORIAN && mark === W.gregorianMark);
    return { kind: "year", year: y, next: marked ? j + 2 : j + 1 };
  }
  const q = QUALIFIER_MAP.get(s.word(j));
  if (q !== undefined) return { kind: "qualifier", q, next: j + 1 };
  if (s.word(j) === W.min && YEAR_WORD_SET.has(s.word(j + 1))) {
    const q2 = QUALIFIER_MAP.get(s.word(j + 2));
    if (q2 !== undefined) return { kind: "ofYear", q: q2, next: j + 3 };
  }
  return null;
}

/**
 * The year of a day or month written without one, from the publication date: the publication
 * year unless that is more than ~2 months ahead (then the year before); الماضي/المقبل pick the
 * occurrence strictly before/after the publication day (or month, for `unit` "month").
 */
function inferYear(
  s: Scan,
  cal: Calendar,
  spec: YearSpec | null,
  unit: "day" | "month",
  dateIn: (y: number) => number | null,
): number | null {
  if (spec?.kind === "year") return spec.year;
  if (s.pub === null) return null;
  const [py, pm] = cal.fromDay(s.pub);
  if (spec?.kind === "ofYear") return py + spec.q;
  const at = dateIn(py);
  if (at === null) return spec ? null : py - 1; // 29 February or 30 of a Hijri month: try last year
  if (!spec) return at - s.pub > MAX_FUTURE_DAYS ? py - 1 : py;
  const anchor = unit === "day" ? s.pub : (cal.toDay(py, pm, 1) ?? s.pub);
  if (spec.q < 0) return at < anchor ? py : py - 1;
  if (spec.q > 0) return at > anchor ? py : py + 1;
  return py;
}

/** A day: 2, 02, or an ordinal (الثاني من). Ordinals open a date only after a few words. */
function matchDayOfMonth(
  s: Scan,
  j: number,
  introduced: boolean,
): { day: number; next: number } | null {
  if (introduced && s.word(j) === "ال" && s.int(j + 1, 1, 2) >= 0) j++; // الجمعة الـ3 من نوفمبر
  const num = s.int(j, 1, 2);
  // 0 and 32..99 are kept so that the date is rejected as a whole (0 نوفمبر 2017).
  if (num >= 0) return { day: num, next: s.word(j + 1) === W.min ? j + 2 : j + 1 };
  const ord = ORDINAL_TABLE.match(s, j);
  if (!ord) return null;
  if (!introduced) {
    const prev = s.tokens[j - 1];
    if (prev && prev.kind === "arabic" && !ORDINAL_PRECEDER_SET.has(s.previousWord())) return null;
  }
  return { day: ord.value, next: s.word(ord.next) === W.min ? ord.next + 1 : ord.next };
}

/** [weekday] [يوم] day [من] month [year]: الخميس 2 نوفمبر 2017، الثاني من تشرين الثاني. */
function matchDayDate(s: Scan, i: number): Found | null {
  let j = i;
  let part: string | undefined;
  const wd = matchWeekdayWords(s, j);
  if (wd) {
    part = wd.part;
    j = wd.next;
    if (SEPARATORS.has(s.word(j))) j++;
    if (s.word(j) === W.muwafiq) j++;
  } else if (s.word(j) === W.yawm) j++;
  const d = matchDayOfMonth(s, j, j > i);
  if (!d) return null;
  const m = matchMonth(s, d.next);
  if (!m) return dayOfRelativeMonth(s, d.day, d.next, part);
  const spec = matchYearSpec(s, m.next, m.cal);
  if (!spec && m.cal === HIJRI && m.ambiguous) return null;
  const next = spec ? spec.next : m.next;
  const y = inferYear(s, m.cal, spec, "day", (yy) => m.cal.toDay(yy, m.month, d.day));
  if (y === null) return null;
  const at = m.cal.toDay(y, m.month, d.day);
  return at === null ? rejected(next) : dayFound(next, at, m.cal.basis, part);
}

/** A day of a month named relative to publication: 25 من الشهر الماضي، الثاني من الشهر الجاري. */
function dayOfRelativeMonth(s: Scan, day: number, j: number, part?: string): Found | null {
  if (s.pub === null) return null;
  const p = PERIOD_TABLE.match(s, j);
  if (p?.value.period !== "month") return null;
  const q = p.value.fixed ?? QUALIFIER_MAP.get(s.word(p.next));
  if (q === undefined) return null;
  const next = p.value.fixed === undefined ? p.next + 1 : p.next;
  const first = periodRange(s.pub, "month", q)?.[0] ?? s.pub;
  const [y, m] = GREGORIAN.fromDay(first);
  const at = GREGORIAN.toDay(y, m, day);
  return at === null ? rejected(next) : dayFound(next, at, "relative", part);
}

/** [شهر] month (year | الماضي | من العام الماضي): نوفمبر 2017، صفر 1439 هـ، شهر رمضان. */
function matchMonthDate(s: Scan, i: number): Found | null {
  const named = s.word(i) === W.shahr;
  const m = matchMonth(s, named ? i + 1 : i);
  if (!m) return null;
  const spec = matchYearSpec(s, m.next, m.cal);
  if (!spec && !named) {
    // A bare name is a date only when unambiguous and introduced: في نوفمبر، مطلع ديسمبر.
    if (m.ambiguous || m.cal === HIJRI || !MONTH_PRECEDER_SET.has(s.previousWord())) return null;
  }
  const y = inferYear(s, m.cal, spec, "month", (yy) => m.cal.toDay(yy, m.month, 1));
  if (y === null) return null;
  return spanFound(spec ? spec.next : m.next, monthSpan(m.cal, y, m.month), "month", m.cal.basis);
}

/** عام 2017، سنة 2015، 2017م، 1439 هـ، عام 1439 للهجرة. */
function matchYearDate(s: Scan, i: number): Found | null {
  const keyword = YEAR_WORD_SET.has(s.word(i));
  const j = keyword ? i + 1 : i;
  const y = s.int(j, 4, 4);
  if (y < 0) return null;
  const mark = s.word(j + 1);
  let cal: Calendar | null = null;
  let next = j + 1;
  if (HIJRI_MARK_SET.has(mark)) [cal, next] = [HIJRI, j + 2];
  else if (mark === W.gregorianMark) [cal, next] = [GREGORIAN, j + 2];
  else if (keyword) cal = GREGORIAN;
  if (!cal || y < cal.range[0] || y > cal.range[1]) return null;
  return spanFound(next, yearSpan(cal, y), "year", cal.basis);
}

/** 2017/11/02، 02/11/2017، 2-11-2017 (day first unless the year is; m/d/y when only that fits). */
function matchNumericDate(s: Scan, i: number): Found | null {
  const t = s.tokens[i];
  if (t?.kind !== "numeric-date") return null;
  const fields = t.norm.split(/[-./]/);
  if (fields.length !== 3) return null;
  const [a, b, c] = fields as [string, string, string];
  let y: number;
  let candidates: [number, number][];
  if (a.length === 4) {
    y = Number(a);
    candidates = [[Number(b), Number(c)]];
  } else {
    y = c.length === 2 ? twoDigitYear(Number(c), s.pub) : Number(c);
    candidates = [
      [Number(b), Number(a)],
      [Number(a), Number(b)],
    ];
  }
  const hijriMark = HIJRI_MARK_SET.has(s.word(i + 1));
  const cal = hijriMark || (y >= HIJRI.range[0] && y <= HIJRI.range[1]) ? HIJRI : GREGORIAN;
  if (y < cal.range[0] || y > cal.range[1]) return null;
  const next =
    hijriMark || (cal === GREGORIAN && s.word(i + 1) === W.gregorianMark) ? i + 2 : i + 1;
  for (const [m, d] of candidates) {
    const at = cal.toDay(y, m, d);
    if (at !== null) return dayFound(next, at, cal === HIJRI ? "hijri" : "numeric");
  }
  return rejected(next);
}

/** 17 → 2017 unless that is after the publication year (or 2049 without one), then 1917. */
function twoDigitYear(yy: number, pub: number | null): number {
  const limit = pub === null ? 2049 : GREGORIAN.fromDay(pub)[0] + 1;
  return 2000 + yy > limit ? 1900 + yy : 2000 + yy;
}

// --- Relative expressions --------------------------------------------------------------------

/** [part of day] [يوم] weekday: مساء الأربعاء، يوم الخميس، فجر يوم الجمعة. */
function matchWeekdayWords(
  s: Scan,
  j: number,
): { weekday: number; part: string | undefined; next: number } | null {
  let k = j;
  const p = PART_TABLE.match(s, k);
  if (p) k = p.next;
  if (s.word(k) === W.yawm) k++;
  const wd = WEEKDAY_TABLE.match(s, k);
  return wd ? { weekday: wd.value, part: p?.value, next: wd.next } : null;
}

/**
 * A weekday: the latest such day on or before publication (the day itself when it is the
 * same weekday); الماضي strictly before, المقبل/القادم strictly after.
 */
function matchWeekday(s: Scan, i: number): Found | null {
  if (s.pub === null) return null;
  const wd = matchWeekdayWords(s, i);
  if (!wd) return null;
  // الاثنين is also "the two": بين الاثنين، كلا الاثنين.
  if (wd.next === i + 1 && s.word(i) === W.ithnayn) {
    const prev = s.previousWord();
    if (prev === W.bayn || prev === W.kila) return null;
  }
  const q = QUALIFIER_MAP.get(s.word(wd.next));
  const back = (weekday(s.pub) - wd.weekday + 7) % 7;
  let at = s.pub - back;
  if (q !== undefined && q < 0 && back === 0) at -= 7;
  if (q !== undefined && q > 0) at = s.pub + ((wd.weekday - weekday(s.pub) + 7) % 7 || 7);
  return dayFound(q === undefined ? wd.next : wd.next + 1, at, "relative", wd.part);
}

/** [part of day] اليوم/أمس/أول أمس/غدا [weekday]: فجر اليوم، مساء أمس، أمس الأربعاء. */
function matchRelativeDay(s: Scan, i: number): Found | null {
  if (s.pub === null) return null;
  const p = PART_TABLE.match(s, i);
  const j = p ? p.next : i;
  const r = RELATIVE_TABLE.match(s, j);
  if (!r) return null;
  const w = s.word(j);
  if (w === W.today || w === W.tonight) {
    if (!p && NOT_TODAY_BEFORE_SET.has(s.previousWord())) return null;
    const after = s.word(r.next);
    if (NOT_TODAY_AFTER_SET.has(after) || ORDINAL_TABLE.byFirst.has(after)) return null;
  }
  // غدا is also a verb (became): غدا الوضع أسوأ. Read it as tomorrow unless a noun follows.
  if (w === W.ghadan && r.next === j + 1) {
    const t = s.tokens[r.next];
    const after = s.word(r.next);
    const apposition = WEEKDAY_TABLE.byFirst.has(after) || PART_TABLE.byFirst.has(after);
    if (t && t.kind === "arabic" && after.startsWith("ال") && !apposition) return null;
  }
  const wd = WEEKDAY_TABLE.match(s, r.next);
  const part = p?.value ?? r.value.part;
  return dayFound(wd ? wd.next : r.next, s.pub + r.value.offset, "relative", part);
}

/** الأسبوع الماضي، الشهر الجاري، العام المقبل، هذا العام، العام قبل الماضي. */
function matchPeriod(s: Scan, i: number): Found | null {
  if (s.pub === null) return null;
  const p = PERIOD_TABLE.match(s, i);
  if (!p) return null;
  let q = p.value.fixed;
  let next = p.next;
  if (q === undefined) {
    if (s.word(next) === W.qabl && QUALIFIER_MAP.get(s.word(next + 1)) === -1) {
      [q, next] = [-2, next + 2];
    } else {
      q = QUALIFIER_MAP.get(s.word(next));
      if (q === undefined) return null;
      next++;
    }
  }
  return spanFound(next, periodRange(s.pub, p.value.period, q), p.value.period, "relative");
}

function periodRange(pub: number, period: Period, q: number): [number, number] | null {
  if (period === "week") {
    const from = weekStart(pub) + 7 * q;
    return [from, from + 6];
  }
  const [y, m] = GREGORIAN.fromDay(pub);
  if (period === "year") return yearSpan(GREGORIAN, y + q);
  const k = y * 12 + (m - 1) + q;
  return monthSpan(GREGORIAN, Math.floor(k / 12), (k % 12) + 1);
}

/** منذ يومين، قبل ثلاثة أيام، منذ 5 أيام (not قبل يومين من الانتخابات: relative to an event). */
function matchDaysAgo(s: Scan, i: number): Found | null {
  if (s.pub === null) return null;
  const w = s.word(i);
  if (w !== W.mundhu && w !== W.qabl) return null;
  let count = -1;
  let next = i + 1;
  const named = DAY_COUNT_TABLE.match(s, i + 1);
  // منذ يوم الأحد is "since Sunday", not "a day ago".
  if (named && !(named.value === 1 && TRIGGERS.has(s.word(named.next)))) {
    [count, next] = [named.value, named.next];
  } else {
    const num = s.int(i + 1, 1, 3);
    const unit = s.word(i + 2);
    if (num >= 1 && (unit === W.days || unit === W.daysAcc)) [count, next] = [num, i + 3];
  }
  if (count < 1 || s.word(next) === W.min) return null;
  return dayFound(next, s.pub - count, "relative");
}

/** [خلال] الأيام [القليلة] الماضية/الأخيرة: the 7 days before publication. */
function matchRecentDays(s: Scan, i: number): Found | null {
  if (s.pub === null) return null;
  let j = s.word(i) === W.khilal ? i + 1 : i;
  if (s.word(j) !== W.ayyam) return null;
  j++;
  if (s.word(j) === W.qalila) j++;
  const w = s.word(j);
  if (QUALIFIER_MAP.get(w) !== -1 && w !== W.akhira) return null;
  return {
    next: j + 1,
    from: s.pub - RECENT_DAYS,
    to: s.pub - 1,
    precision: "week",
    basis: "relative",
  };
}

const MATCHERS = [
  matchNumericDate,
  matchDayDate,
  matchMonthDate,
  matchYearDate,
  matchRelativeDay,
  matchWeekday,
  matchPeriod,
  matchDaysAgo,
  matchRecentDays,
];

/** The longest match at the scan's start (the first matcher wins a tie). */
function longestMatch(s: Scan, i: number): Found | null {
  let best: Found | null = null;
  for (const matcher of MATCHERS) {
    const f = matcher(s, i);
    if (f && (!best || f.next > best.next)) best = f;
  }
  return best;
}

/** Original offset of a token's start after `skip` normalized letters (a dropped proclitic). */
function startAfter(text: string, t: Token, skip: number): number {
  let pos = t.start;
  for (let seen = 0; pos < t.end && seen < skip; pos++) {
    if (normalizeForMatch(text.charAt(pos)) !== "") seen++;
  }
  while (pos < t.end && normalizeForMatch(text.charAt(pos)) === "") pos++; // its harakat
  return pos;
}

function toMention(s: Scan, i: number, f: Found): DateMention {
  const first = s.tokens[i] as Token;
  const last = s.tokens[f.next - 1] as Token;
  const mention: DateMention = {
    start: s.skip > 0 ? startAfter(s.text, first, s.skip) : first.start,
    end: last.end,
    date: iso(f.from),
    endDate: iso(f.to),
    precision: f.precision,
    timePrecision: TIME_PRECISION[f.precision],
    basis: f.basis,
  };
  if (f.part) mention.partOfDay = f.part;
  return mention;
}

/**
 * The date expressions of a text, sorted by start and non-overlapping. `tokens` are
 * `tokenize(normalize(text))`. Relative expressions (and dates without a year) need
 * `options.published`; without it only self-contained dates are returned. Never throws.
 */
export function extractDates(text: string, tokens: Token[], options?: DateOptions): DateMention[] {
  const s = new Scan(text, tokens, parsePublished(options?.published));
  const out: DateMention[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i] as Token;
    let trigger: [string, number] | null = null;
    if (t.kind === "number" || t.kind === "numeric-date" || t.norm === "(") trigger = [t.norm, 0];
    else if (t.kind === "arabic") trigger = triggerForm(t.norm);
    if (trigger) {
      s.start = i;
      [s.bare, s.skip] = trigger;
      const f = longestMatch(s, i);
      if (f) {
        if (!f.invalid) out.push(toMention(s, i, f));
        i = f.next;
        continue;
      }
    }
    i++;
  }
  return out;
}

/** The first date in a short string, e.g. parseArabicDate("02 نوفمبر 2017"), or null. */
export function parseArabicDate(s: string, options?: DateOptions): DateMention | null {
  if (typeof s !== "string") return null;
  return extractDates(s, tokenize(normalize(s)), options)[0] ?? null;
}
