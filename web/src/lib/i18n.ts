/**
 * The workspace's words in Arabic (the default, right to left) and English. Event types, actor
 * families, stances and source kinds are translated here; names from the data (actors, places,
 * sources) are shown as stored.
 */
import type { EventClass, Family } from "./classes.js";

export type Lang = "ar" | "en";
export const LANGS: readonly Lang[] = ["ar", "en"];

const STRINGS = {
  appName: { ar: "رصد", en: "rasd" },
  appTagline: { ar: "أحداث النزاع من الأخبار العربية", en: "Conflict events from Arabic news" },
  switchLang: { ar: "English", en: "العربية" },
  switchLangLabel: { ar: "Switch to English", en: "التبديل إلى العربية" },
  viewMap: { ar: "الخريطة", en: "Map" },
  viewDisputes: { ar: "النزاعات", en: "Disputes" },
  viewReader: { ar: "القارئ", en: "Reader" },
  viewAdd: { ar: "إضافة أخبار", en: "Add news" },
  views: { ar: "أقسام مساحة العمل", en: "Workspace sections" },
  skipToContent: { ar: "انتقل إلى المحتوى", en: "Skip to content" },
  filters: { ar: "التصفية", en: "Filters" },
  dateFrom: { ar: "من تاريخ", en: "From" },
  dateTo: { ar: "إلى تاريخ", en: "To" },
  eventTypes: { ar: "نوع الحدث", en: "Event type" },
  all: { ar: "الكل", en: "All" },
  none: { ar: "لا شيء", en: "None" },
  actor: { ar: "الطرف", en: "Actor" },
  anyActor: { ar: "أي طرف", en: "Any actor" },
  country: { ar: "البلد", en: "Country" },
  anyCountry: { ar: "أي بلد", en: "Any country" },
  admin1: { ar: "المحافظة", en: "Province" },
  anyAdmin1: { ar: "أي محافظة", en: "Any province" },
  sourceKinds: { ar: "نوع المصدر", en: "Source kind" },
  onlyDisputed: { ar: "المتنازع عليها فقط", en: "Only disputed" },
  minConfidence: { ar: "أدنى ثقة", en: "Minimum confidence" },
  search: { ar: "بحث في النص", en: "Text search" },
  searchPlaceholder: { ar: "كلمات من الخبر…", en: "Words from the report…" },
  clearFilters: { ar: "إعادة ضبط", en: "Reset" },
  events: { ar: "الأحداث", en: "Events" },
  eventsOf: { ar: "{n} من {total}", en: "{n} of {total}" },
  loading: { ar: "جارٍ التحميل…", en: "Loading…" },
  loadingPages: { ar: "جارٍ تحميل الأحداث ({n})…", en: "Loading events ({n})…" },
  noEvents: {
    ar: "لا أحداث تطابق هذه التصفية.",
    en: "No events match these filters.",
  },
  emptyStore: {
    ar: "لا أحداث بعد: أضف خبراً من «إضافة أخبار».",
    en: "No events yet: add an article under “Add news”.",
  },
  error: { ar: "خطأ", en: "Error" },
  retry: { ar: "إعادة المحاولة", en: "Retry" },
  close: { ar: "إغلاق", en: "Close" },
  map: { ar: "خريطة الأحداث", en: "Event map" },
  mapKeys: {
    ar: "الأسهم تحرك الخريطة، و+ و- للتكبير. N أو ] للحدث التالي في المنظور، P أو [ للسابق.",
    en: "Arrows move the map, + and - zoom. N or ] for the next event in view, P or [ for the previous.",
  },
  mapEventOf: {
    ar: "الحدث {i} من {n} في المنظور: {what}، {where}، {date}",
    en: "Event {i} of {n} in view: {what}, {where}, {date}",
  },
  mapNoEventInView: { ar: "لا أحداث في منظور الخريطة", en: "No event in the map's view" },
  mapHelp: {
    ar: "الشكل نوع الحدث، واللون عائلة الطرف الأول، والحجم عدد القتلى. الهالة: موقع تقريبي.",
    en: "Shape: event type. Colour: actor 1's family. Size: fatalities. Halo: approximate location.",
  },
  legend: { ar: "مفتاح الخريطة", en: "Legend" },
  legendShapes: { ar: "الأشكال: نوع الحدث", en: "Shapes: event type" },
  legendColors: { ar: "الألوان: عائلة الطرف", en: "Colours: actor family" },
  legendPrecision: { ar: "دقة الموقع", en: "Location precision" },
  legendArrow: { ar: "سهم: اتجاه النزوح", en: "Arrow: displacement" },
  cluster: { ar: "مجموعة من {n} حدث: انقر للتكبير", en: "{n} events: click to zoom in" },
  timeline: { ar: "الخط الزمني", en: "Timeline" },
  timelineHelp: {
    ar: "اسحب لتحديد فترة؛ الأسهم تحرّك الفترة.",
    en: "Drag to select a period; arrow keys move it.",
  },
  play: { ar: "تشغيل", en: "Play" },
  pause: { ar: "إيقاف", en: "Pause" },
  clearRange: { ar: "كل الفترة", en: "All dates" },
  perDay: { ar: "أحداث في اليوم", en: "events per day" },
  export: { ar: "تصدير", en: "Export" },
  exportCsv: { ar: "ACLED CSV", en: "ACLED CSV" },
  exportGeojson: { ar: "GeoJSON", en: "GeoJSON" },
  exportJson: { ar: "JSON", en: "JSON" },
  exporting: { ar: "جارٍ التصدير…", en: "Exporting…" },
  copyLink: { ar: "نسخ الرابط", en: "Copy link" },
  linkCopied: { ar: "نُسخ الرابط", en: "Link copied" },
  // Event panel
  eventRecord: { ar: "السجل (بصيغة ACLED)", en: "Record (ACLED columns)" },
  sources: { ar: "المصادر", en: "Sources" },
  reports: { ar: "التقارير المدمجة", en: "Merged reports" },
  reportsCount: { ar: "{reports} من {articles}", en: "{reports} from {articles}" },
  evidence: { ar: "الأدلة من النص", en: "Evidence in the text" },
  claimsAbout: { ar: "الادعاءات حول الحدث", en: "Claims about this event" },
  disputesAbout: { ar: "الخلافات حول الحدث", en: "Disputes about this event" },
  openInReader: { ar: "افتح المقال في القارئ", en: "Open the article in the reader" },
  showOnMap: { ar: "اعرض على الخريطة", en: "Show on the map" },
  confidence: { ar: "الثقة", en: "Confidence" },
  disputed: { ar: "متنازع عليه", en: "Disputed" },
  fatalities: { ar: "القتلى", en: "Fatalities" },
  reportedBy: { ar: "وفق", en: "according to" },
  verb: { ar: "فعل الإسناد", en: "Reporting verb" },
  stance: { ar: "الموقف", en: "Stance" },
  noLocation: { ar: "بلا إحداثيات", en: "no coordinates" },
  mode: { ar: "النمط", en: "Mode" },
  eventNotFound: { ar: "لم يُعثر على الحدث.", en: "Event not found." },
  roles: { ar: "الأدوار", en: "Roles" },
  // Disputes
  disputesTitle: { ar: "لوحة النزاعات", en: "Disputes board" },
  disputesIntro: {
    ar: "الخلافات المفتوحة بين المصادر: من يقول ماذا، ومتى، وبأي موقف.",
    en: "Open disagreements between sources: who claims what, when, with which stance.",
  },
  noDisputes: { ar: "لا خلافات.", en: "No disputes." },
  side: { ar: "الطرف {n}", en: "Side {n}" },
  versus: { ar: "مقابل", en: "versus" },
  corroboratedBy: { ar: "يؤيده", en: "Corroborated by" },
  disputeAbout: { ar: "خلاف حول {topic}", en: "Dispute over {topic}" },
  tollDispute: { ar: "خلاف على الحصيلة", en: "Disputed toll" },
  relatedEvents: { ar: "الأحداث", en: "Events" },
  relatedPlaces: { ar: "الأماكن", en: "Places" },
  inArticle: { ar: "في المقال", en: "In the article" },
  value: { ar: "الرقم", en: "Figure" },
  // Reader
  readerTitle: { ar: "القارئ", en: "Reader" },
  articles: { ar: "المقالات", en: "Articles" },
  searchArticles: { ar: "ابحث في المقالات", en: "Search the articles" },
  noArticles: { ar: "لا مقالات.", en: "No articles." },
  chooseArticle: { ar: "اختر مقالاً لقراءته.", en: "Choose an article to read." },
  highlightLegend: { ar: "ما يظلَّل", en: "Highlights" },
  details: { ar: "التفاصيل", en: "Details" },
  clickHighlight: {
    ar: "انقر على نص مظلَّل لترى ما استخرجه رصد منه ولماذا.",
    en: "Click a highlight to see what rasd made of it and why.",
  },
  published: { ar: "تاريخ النشر", en: "Published" },
  outlet: { ar: "الوسيلة", en: "Outlet" },
  // Add news
  addTitle: { ar: "إضافة أخبار", en: "Add news" },
  pasteText: { ar: "لصق نص", en: "Paste text" },
  upload: { ar: "رفع ملفات", en: "Upload" },
  feeds: { ar: "الخلاصات", en: "Feeds" },
  articleText: { ar: "نص الخبر", en: "Article text" },
  title: { ar: "العنوان", en: "Title" },
  date: { ar: "التاريخ", en: "Date" },
  url: { ar: "الرابط", en: "URL" },
  analyse: { ar: "حلّل واحفظ", en: "Analyse and store" },
  analysing: { ar: "جارٍ التحليل…", en: "Analysing…" },
  stored: { ar: "حُفظ المقال: {events}.", en: "Stored: {events}." },
  alreadyStored: { ar: "المقال محفوظ من قبل.", en: "This article was already stored." },
  chooseFiles: { ar: "ملفات HTML أو TXT أو JSONL", en: "HTML, TXT or JSONL files" },
  uploadProgress: {
    ar: "{done} من {total}، {errors} أخطاء",
    en: "{done} of {total}, {errors} errors",
  },
  feedUrl: { ar: "رابط الخلاصة (RSS/Atom)", en: "Feed URL (RSS/Atom)" },
  addFeed: { ar: "أضف الخلاصة", en: "Add feed" },
  removeFeed: { ar: "احذف", en: "Remove" },
  noFeeds: { ar: "لا خلاصات.", en: "No feeds." },
  lastPoll: { ar: "آخر قراءة", en: "Last poll" },
  never: { ar: "لم تُقرأ بعد", en: "never" },
  token: { ar: "رمز الكتابة (إن طلبه الخادم)", en: "Write token (if the server asks for one)" },
  openEvents: { ar: "اعرض أحداثه على الخريطة", en: "Show its events on the map" },
  readIt: { ar: "اقرأه", en: "Read it" },
  untitled: { ar: "(بلا عنوان)", en: "(untitled)" },
} as const;

export type StringKey = keyof typeof STRINGS;

export function t(lang: Lang, key: StringKey, vars?: Record<string, string | number>): string {
  let s: string = STRINGS[key][lang];
  if (vars) {
    for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, formatNumber(lang, v));
  }
  return s;
}

function formatNumber(lang: Lang, v: string | number): string {
  return typeof v === "number" ? num(lang, v) : v;
}

const NOUNS = {
  // Arabic: 1, 2, 3–10, 11–99, and 0 or 100 and more (the noun's number follows the count),
  // then the dual after a preposition (genitive).
  event: {
    ar: ["حدث واحد", "حدثان", "{n} أحداث", "{n} حدثاً", "{n} حدث", "حدثين"],
    en: ["1 event", "{n} events"],
  },
  report: {
    ar: ["تقرير واحد", "تقريران", "{n} تقارير", "{n} تقريراً", "{n} تقرير", "تقريرين"],
    en: ["1 report", "{n} reports"],
  },
  article: {
    ar: ["مقال واحد", "مقالان", "{n} مقالات", "{n} مقالاً", "{n} مقال", "مقالين"],
    en: ["1 article", "{n} articles"],
  },
} as const;

/**
 * A count with its noun, in the grammar of the language ("3 أحداث", "1 event"); `genitive` for
 * Arabic after a preposition ("من مقالين").
 */
export function count(lang: Lang, noun: keyof typeof NOUNS, n: number, genitive = false): string {
  let form: string;
  if (lang === "en") form = n === 1 ? NOUNS[noun].en[0] : NOUNS[noun].en[1];
  else {
    const f = NOUNS[noun].ar;
    const h = n % 100;
    form =
      n === 1
        ? f[0]
        : n === 2
          ? f[genitive ? 5 : 1]
          : h >= 3 && h <= 10
            ? f[2]
            : h >= 11 && h <= 99
              ? f[3]
              : f[4];
  }
  return form.replace("{n}", num(lang, n));
}

export function num(lang: Lang, n: number, digits?: number): string {
  return n.toLocaleString(lang === "ar" ? "ar-u-nu-latn" : "en", {
    ...(digits !== undefined ? { maximumFractionDigits: digits, minimumFractionDigits: 0 } : {}),
  });
}

/** A YYYY-MM-DD date as the reader writes it (Gregorian, Arabic month names in Arabic). */
export function formatDate(lang: Lang, iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString(lang === "ar" ? "ar-u-ca-gregory-nu-latn" : "en-GB", {
    timeZone: "UTC",
    year: "numeric",
    month: "short",
    day: "numeric",
  });
}

export const CLASS_LABELS: Record<EventClass, Record<Lang, string>> = {
  battle: { ar: "معارك", en: "Battles" },
  airstrike: { ar: "غارات جوية", en: "Air strikes" },
  shelling: { ar: "قصف مدفعي وصاروخي", en: "Shelling" },
  explosive: { ar: "عبوات وتفجيرات", en: "Explosives" },
  civilians: { ar: "عنف ضد المدنيين", en: "Violence against civilians" },
  displacement: { ar: "نزوح", en: "Displacement" },
  protest: { ar: "احتجاجات وشغب", en: "Protests and riots" },
  strategic: { ar: "تطورات أخرى", en: "Strategic developments" },
};

export const FAMILY_LABELS: Record<Family, Record<Lang, string>> = {
  1: { ar: "قوات حكومية", en: "State forces" },
  2: { ar: "جماعات مسلحة معارضة", en: "Rebel groups" },
  3: { ar: "ميليشيات سياسية", en: "Political militias" },
  4: { ar: "ميليشيات هوياتية", en: "Identity militias" },
  5: { ar: "مشاغبون", en: "Rioters" },
  6: { ar: "محتجون", en: "Protesters" },
  7: { ar: "مدنيون", en: "Civilians" },
  8: { ar: "قوات خارجية وأخرى", en: "External/other forces" },
  0: { ar: "غير معروف", en: "Unknown" },
};

const TYPE_AR: Record<string, string> = {
  Battles: "معارك",
  "Explosions/Remote violence": "انفجارات وعنف عن بعد",
  "Violence against civilians": "عنف ضد المدنيين",
  Protests: "احتجاجات",
  Riots: "أعمال شغب",
  "Strategic developments": "تطورات استراتيجية",
  Displacement: "نزوح",
  "Armed clash": "اشتباك مسلح",
  "Government regains territory": "استعادة الحكومة السيطرة على أراضٍ",
  "Non-state actor overtakes territory": "سيطرة جهة غير حكومية على أراضٍ",
  "Air/drone strike": "غارة جوية أو بطائرة مسيّرة",
  "Shelling/artillery/missile attack": "قصف مدفعي أو صاروخي",
  "Remote explosive/landmine/IED": "عبوة ناسفة أو لغم",
  "Suicide bomb": "تفجير انتحاري",
  Grenade: "قنبلة يدوية",
  Attack: "هجوم",
  "Abduction/forced disappearance": "خطف أو إخفاء قسري",
  "Sexual violence": "عنف جنسي",
  "Peaceful protest": "احتجاج سلمي",
  "Protest with intervention": "احتجاج مع تدخل",
  "Violent demonstration": "تظاهرة عنيفة",
  "Mob violence": "عنف جماعي",
  Arrests: "اعتقالات",
  "Looting/property destruction": "نهب أو تدمير ممتلكات",
  "Disrupted weapons use": "إحباط استخدام أسلحة",
  "Headquarters or base established": "إنشاء مقر أو قاعدة",
  Agreement: "اتفاق",
  "Change to group/activity": "تغيّر في جماعة أو نشاط",
  "Non-violent transfer of territory": "انتقال السيطرة دون قتال",
  Flight: "فرار",
  "Forced displacement": "تهجير قسري",
  Evacuation: "إجلاء",
  Return: "عودة",
  "Displacement camp": "مخيم نزوح",
};

/** An ACLED event type or sub-type in the reader's language. */
export function typeLabel(lang: Lang, acled: string): string {
  return lang === "ar" ? (TYPE_AR[acled] ?? acled) : acled;
}

export const STANCE_LABELS: Record<string, Record<Lang, string>> = {
  assert: { ar: "يؤكد", en: "asserts" },
  report: { ar: "ينقل", en: "reports" },
  allege: { ar: "يزعم", en: "alleges" },
  deny: { ar: "ينفي", en: "denies" },
  accuse: { ar: "يتهم", en: "accuses" },
  speculate: { ar: "يرجّح", en: "speculates" },
  admit: { ar: "يعترف", en: "admits" },
};

export const SOURCE_KIND_LABELS: Record<string, Record<Lang, string>> = {
  outlet: { ar: "وسيلة إعلام", en: "Outlet" },
  news_agency: { ar: "وكالة أنباء", en: "News agency" },
  official: { ar: "مسؤول أو جهة رسمية", en: "Official" },
  military_source: { ar: "مصدر عسكري", en: "Military source" },
  local_source: { ar: "مصادر محلية", en: "Local sources" },
  activist: { ar: "ناشطون", en: "Activists" },
  witness: { ar: "شهود عيان", en: "Witnesses" },
  monitor: { ar: "مرصد", en: "Monitor" },
  medical: { ar: "مصادر طبية", en: "Medical sources" },
  unknown: { ar: "غير معروف", en: "Unknown" },
};

export const PRECISION_LABELS: Record<number, Record<Lang, string>> = {
  1: { ar: "موقع دقيق (البلدة نفسها)", en: "Exact place (the town itself)" },
  2: { ar: "قرب المكان أو المنطقة", en: "Near the place, or its district" },
  3: { ar: "المحافظة أو الإقليم فقط", en: "Province or region only" },
};

export const TIME_PRECISION_LABELS: Record<number, Record<Lang, string>> = {
  1: { ar: "اليوم بالتحديد", en: "exact day" },
  2: { ar: "خلال أسبوع", en: "within a week" },
  3: { ar: "خلال شهر", en: "within a month" },
};

export const TOPIC_LABELS: Record<string, Record<Lang, string>> = {
  event: { ar: "وقوع الحدث", en: "what happened" },
  control: { ar: "السيطرة", en: "control" },
  number: { ar: "الأرقام", en: "figures" },
  cause: { ar: "السبب", en: "the cause" },
  displacement: { ar: "النزوح", en: "displacement" },
  other: { ar: "أمر آخر", en: "another matter" },
  fatalities: { ar: "عدد القتلى", en: "fatalities" },
};

export const ROLE_LABELS: Record<string, Record<Lang, string>> = {
  trigger: { ar: "فعل الحدث", en: "trigger" },
  actor1: { ar: "الطرف الأول", en: "actor 1" },
  actor2: { ar: "الطرف الثاني", en: "actor 2" },
  assoc_actor: { ar: "طرف مرافق", en: "associated actor" },
  location: { ar: "المكان", en: "location" },
  date: { ar: "التاريخ", en: "date" },
  fatalities: { ar: "القتلى", en: "fatalities" },
  source: { ar: "المصدر", en: "source" },
  sentence: { ar: "الجملة", en: "sentence" },
};

export const MODE_LABELS: Record<string, Record<Lang, string>> = {
  asserted: { ar: "وقع", en: "asserted" },
  future: { ar: "مستقبلي", en: "future" },
  hypothetical: { ar: "افتراضي", en: "hypothetical" },
  negated: { ar: "منفي", en: "negated" },
  attempted: { ar: "محاولة", en: "attempted" },
  reference: { ar: "إشارة", en: "reference" },
  conditional: { ar: "مشروط", en: "conditional" },
};

export const ACLED_FIELD_LABELS: Record<string, Record<Lang, string>> = {
  id: { ar: "المعرّف (event_id_cnty)", en: "event_id_cnty" },
  event_date: { ar: "التاريخ", en: "event_date" },
  time_precision: { ar: "دقة التاريخ", en: "time_precision" },
  event_type: { ar: "نوع الحدث", en: "event_type" },
  sub_event_type: { ar: "النوع الفرعي", en: "sub_event_type" },
  actor1: { ar: "الطرف الأول", en: "actor1" },
  assoc_actor_1: { ar: "مرافقو الطرف الأول", en: "assoc_actor_1" },
  inter1: { ar: "عائلة الطرف الأول", en: "inter1" },
  actor2: { ar: "الطرف الثاني", en: "actor2" },
  assoc_actor_2: { ar: "مرافقو الطرف الثاني", en: "assoc_actor_2" },
  inter2: { ar: "عائلة الطرف الثاني", en: "inter2" },
  civilian_targeting: { ar: "استهداف المدنيين", en: "civilian_targeting" },
  country: { ar: "البلد", en: "country" },
  admin1: { ar: "المحافظة", en: "admin1" },
  admin2: { ar: "المنطقة", en: "admin2" },
  location: { ar: "المكان", en: "location" },
  latitude: { ar: "خط العرض", en: "latitude" },
  longitude: { ar: "خط الطول", en: "longitude" },
  geo_precision: { ar: "دقة الموقع", en: "geo_precision" },
  source: { ar: "المصدر", en: "source" },
  notes: { ar: "ملاحظات", en: "notes" },
  fatalities: { ar: "القتلى", en: "fatalities" },
};

export const ENTITY_LABELS: Record<string, Record<Lang, string>> = {
  actor: { ar: "طرف", en: "Actor" },
  person: { ar: "شخص", en: "Person" },
  organization: { ar: "منظمة", en: "Organisation" },
  source: { ar: "مصدر", en: "Source" },
  place: { ar: "مكان", en: "Place" },
  date: { ar: "تاريخ", en: "Date" },
  event: { ar: "حدث", en: "Event" },
  nonevent: { ar: "ليس حدثاً (مستقبلي، منفي…)", en: "Not an event (future, negated…)" },
  quantity: { ar: "عدد", en: "Quantity" },
};
