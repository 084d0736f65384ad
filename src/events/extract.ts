/**
 * Events: one record per event an ACLED coder would code — per type, location, date and actor
 * pair — built clause by clause from trigger words, the actors and places around them, the
 * sentence's date and casualty figures, and the chain of sources that reports it. Future,
 * hypothetical, negated and attempted events are kept apart with their mode, never exported.
 */
import { partAt } from "../article/parts.js";
import { SpanIndex } from "../text/span-index.js";
import { tokenIndexAt } from "../text/tokenize.js";
import type {
  Attribution,
  DateMention,
  EntityMention,
  EventMode,
  EventRecord,
  Evidence,
  GeoPrecision,
  PlaceMention,
  Quantity,
  RasdDocument,
  Sentence,
  Span,
  Stage,
  Token,
} from "../types.js";
import {
  type AttributionContext,
  attributionFor,
  buildAttributionContext,
  sourceNames,
} from "./attribution.js";
import {
  CAUSE_WORDS,
  type Hit,
  type Knowledge,
  type ModalityInfo,
  type TriggerInfo,
} from "./context.js";

/** Words on either side of a quoted event where its place, day or toll is looked for. */
const QUOTE_WINDOW = 12;
/** Nouns of deeds in the plural (عمليات اختطاف، أعمال عنف، حملات إبادة): kinds, not one event. */
const KINDS_OF_DEEDS = new Set(["عمليات", "اعمال", "حملات", "جرائم", "سلسله", "موجه"]);
const CLAUSE_BREAKS = new Set(["،", "؛", ":", ";", ",", "-", "–", "—"]);
/**
 * Verbs (normalized stems, with their common inflections) that say an event named by a noun took
 * place: "شهدت المدينة اشتباكات", "شنت الطائرات غارات", "تعرض الموكب لهجوم", "خرجت مظاهرة".
 */
const OCCURRENCE_VERBS = new Set(
  [
    "شهد شهدت يشهد تشهد شهدتها شهده",
    "وقع وقعت يقع تقع",
    "دار دارت تدور يدور",
    "اندلع اندلعت تندلع يندلع",
    "تعرض تعرضت تعرضوا يتعرض تتعرض",
    "نفذ نفذت نفذوا ينفذ تنفذ نفذه نفذها نفذتها",
    "شن شنت شنوا يشن تشن شنه شنها شنتها",
    "جري جرت يجري تجري",
    "حدث حدثت يحدث تحدث",
    "اسفر اسفرت يسفر تسفر ادي ادت اوقع اوقعت خلف خلفت",
    "استهدف استهدفت استهدفوا يستهدف تستهدف",
    "ضرب ضربت هز هزت طال طالت",
    // what a weapon did ("سلاح المدفعية … دمرا تحصينات"، "سقطت قذائف")
    "دمر دمرت دمرا دمروا يدمر تدمر سقط سقطت سقطا يسقط تسقط",
    "ارتكب ارتكبت ارتكبوا يرتكب ترتكب",
    // what a weapon was made to do ("أطلقت الطائرة صاروخا"، "ألقت المروحيات براميل")
    "اطلق اطلقت اطلقوا اطلقا يطلق تطلق يطلقون القي القت القوا يلقي تلقي",
    "خرج خرجت خرجوا يخرج تخرج نظم نظمت نظموا ينظم تنظم شارك شاركت شاركوا",
    "قام قامت قاموا يقوم تقوم",
    "تجدد تجددت تواصل تواصلت استمر استمرت انطلق انطلقت عم عمت",
    // aspect: began or kept doing it ("بدأت القوات في تضييق الخناق")
    "بدا بدات بداوا يبدا تبدا واصل واصلت واصلوا يواصل يواصلون",
    // what crowds do: gather, march, chant, block roads
    "احتشد احتشدت احتشدوا تجمع تجمعت تجمعوا تجمهر تجمهروا اعتصم اعتصموا نزل نزلوا",
    "سار ساروا جاب جابوا طاف طافوا توجه توجهوا زحف زحفوا هتف هتفوا ردد رددوا رفع رفعوا",
    "طالب طالبوا قطع قطعوا سد سدوا اغلق اغلقوا احرق احرقوا اقدم اقدموا رشق رشقوا",
  ].flatMap((line) => line.split(" ")),
);
const TERRITORIAL = new Set([
  "Government regains territory",
  "Non-state actor overtakes territory",
]);
/** Event types whose nouns need a verb or casualties in their sentence to be reported. */
const REPORTED_BY_VERB = new Set([
  "Battles",
  "Explosions/Remote violence",
  "Violence against civilians",
  "Protests",
  "Riots",
]);
/** Prepositions after which a bare event word is a noun ("في قصف", "إثر انفجار"). */
const NOUN_CONTEXT = new Set(["في", "من", "عن", "علي", "الي", "اثر", "جراء", "خلال", "ضد"]);

/** Words that open a new clause with its own subject (while, whereas, as for). */
const CLAUSE_OPENERS = new Set(["فيما", "بينما", "حيث", "اما", "كما"]);
/** Prepositions and nouns that put a target after the trigger: على، ضد، بحق، مقار، مواقع ... */
const TARGET_MARKERS = new Set([
  "علي",
  "ضد",
  "بحق",
  "مقار",
  "مقرات",
  "مواقع",
  "تحصينات",
  "مسلحي",
  "عناصر",
  "تجمعات",
  "استهدف",
  "استهدفت",
]);
const RELATIVE_PRONOUNS = new Set([
  "التي",
  "الذي",
  "الذين",
  "اللذين",
  "اللتين",
  "اللواتي",
  "اللاتي",
]);
const FORCE_KINDS = new Set([
  "state_force",
  "armed_group",
  "militia",
  "coalition",
  "generic",
  "civilians",
  "protesters",
]);

interface Clause {
  from: number; // token index
  to: number;
}

function clausesOf(doc: RasdDocument, s: Sentence): Clause[] {
  const out: Clause[] = [];
  let from = s.tokenStart;
  for (let i = s.tokenStart; i < s.tokenEnd; i++) {
    const t = doc.tokens[i] as Token;
    const opener =
      i > from && CLAUSE_OPENERS.has(t.stem ?? t.norm) && (t.proclitics?.length ?? 0) <= 1;
    if (CLAUSE_BREAKS.has(t.norm) || opener) {
      if (i > from) out.push({ from, to: i });
      from = CLAUSE_BREAKS.has(t.norm) ? i + 1 : i;
    }
  }
  if (from < s.tokenEnd) out.push({ from, to: s.tokenEnd });
  return out;
}

interface ActorRef {
  mention: EntityMention;
  tokenStart: number;
  tokenEnd: number;
}

interface SentenceView {
  tokens: Token[];
  sentence: Sentence;
  clauses: Clause[];
  actors: ActorRef[];
  places: PlaceMention[];
  quantities: Quantity[];
  /**
   * Actors that cannot be the agent: the dead or wounded after a casualty word ("قتل جنديان"),
   * and the speaker right after a reporting verb ("أعلنت الشرطة مقتل ...").
   */
  notAgents: Set<ActorRef>;
  /** The sentence's dates. */
  dates: DateMention[];
  /** The persons and organizations named in the sentence (who may speak rather than act). */
  names: EntityMention[];
  /** Whether the sentence dates something to the week before the article ("أمس", "الأحد"). */
  recent: boolean;
}

function within(span: Span, s: Span): boolean {
  return span.start >= s.start && span.end <= s.end;
}

function clauseOf(view: SentenceView, tokenIndex: number): Clause {
  return (
    view.clauses.find((c) => tokenIndex >= c.from && tokenIndex < c.to) ?? {
      from: view.sentence.tokenStart,
      to: view.sentence.tokenEnd,
    }
  );
}

/** How many words after a governing cue (بعد، بتهمة) an event noun is still its complement. */
const GOVERNED_WORDS = 4;

/**
 * The mode the nearest cue before the trigger in its clause gives it ("من المتوقع أن تدور").
 * `casualties` are the sentence's dead-and-wounded words: reported before a background cue
 * ("قتل خمسة بعد هجوم"), they make the sentence news, and the cue does not apply.
 */
function modeOf(
  view: SentenceView,
  t: Hit<TriggerInfo>,
  cues: SpanIndex<Hit<ModalityInfo>>,
  casualties: Hit<TriggerInfo>[],
): EventMode {
  const mode = cueOf(view, t, cues, casualties)?.entry.mode ?? "asserted";
  // A question asks whether something happened or may happen; it does not report it.
  if (mode === "asserted" && isQuestion(view)) return "hypothetical";
  return mode;
}

/** The cue that sets the trigger's mode: the last one before it that reaches it. */
function cueOf(
  view: SentenceView,
  t: Hit<TriggerInfo>,
  cues: SpanIndex<Hit<ModalityInfo>>,
  casualties: Hit<TriggerInfo>[],
): Hit<ModalityInfo> | undefined {
  const clause = clauseOf(view, t.tokenStart);
  let found: Hit<ModalityInfo> | undefined;
  // The cues between the sentence's start and the trigger (and on its own word), in text order,
  // and those that reach the whole sentence wherever they are.
  for (const c of cues.inside(view.sentence.tokenStart, view.sentence.tokenEnd)) {
    // "على مدى الأشهر الماضية" sums up its whole sentence, before it as well as after.
    if (c.entry.scope === "whole-sentence") {
      found ??= c;
      continue;
    }
    if (c.tokenStart > t.tokenStart) continue;
    // A proclitic cue lies on the trigger's own word (the future س of ستقصف).
    const onTrigger = c.entry.scope === "self" && c.tokenStart === t.tokenStart;
    if (c.tokenEnd > t.tokenStart && !onTrigger) continue;
    // "يذكر أن …": background, unless the sentence dates what it tells to the days before.
    if (c.entry.yieldsToRecentDate && view.recent) continue;
    // How far a cue reaches: "من المتوقع أن" frames the rest of its sentence; "قد" or "لم" only
    // the word after it; "بعد" or "بتهمة" the noun phrase it governs; "يحاول" its clause.
    const reaches =
      c.entry.scope === "sentence" ||
      (c.entry.scope === "next-clause" && c.tokenStart >= clause.from) ||
      (c.entry.scope === "governs" &&
        c.tokenStart >= clause.from &&
        // A cue governs a noun phrase ("المشاركة في الهجوم"), not the verb of its clause
        // ("الطائرات المشاركة في الطلعات قصفت").
        !isFiniteVerb(view.tokens, t.tokenStart, true) &&
        t.tokenStart - c.tokenEnd <= GOVERNED_WORDS &&
        !(c.entry.yieldsToCasualties && casualties.some((k) => k.tokenEnd <= c.tokenStart))) ||
      (c.entry.scope === "next-word" && t.tokenStart - c.tokenEnd <= 1) ||
      (c.entry.scope === "self" && (onTrigger || c.tokenEnd === t.tokenStart));
    if (reaches) found = c;
  }
  return found;
}

/**
 * Whether a trigger's first word is a finite verb (قصفت، اغتالوا، يستهدف، فجر انتحاري) rather
 * than a noun (الغارات، اغتيال، تفجير، في قصف). A heuristic on the word's shape: the
 * article, noun endings (ة، ات، ية) and verbal-noun patterns (افتعال، استفعال، تفعيل) make a
 * noun; verb suffixes (وا، ت) and present prefixes a verb; a bare word that could be either
 * (قصف، قتل) is a verb unless a preposition governs it.
 */
function isFiniteVerb(tokens: Token[], i: number, strict = false): boolean {
  const t = tokens[i] as Token;
  if (t.definite || t.kind !== "arabic") return false;
  const w = t.stem ?? t.norm;
  const pro = t.proclitics ?? [];
  if (pro.some((p) => p === "ب" || p === "ل" || p === "ك")) return false;
  if (/(ه|ات|يه)$/.test(w) && !/^[يت]/.test(w)) return false;
  if (w.endsWith("وا")) return true;
  if (/^(ا|است|ان)..?ا.$/.test(w) || /^ت..ي.$/.test(w) || /^(ا|است)...ا.$/.test(w)) return false;
  if (/[^ا]ت$/.test(w) && w.length >= 4) return true;
  if (/^[يت]/.test(w) && w.length >= 4 && !/^ت..ي.$/.test(w)) return true;
  // Strict: only words the shape marks as verbs; a bare خطف or قصف may be either.
  if (strict) return false;
  const prev = tokens[i - 1];
  if (prev?.kind === "arabic" && NOUN_CONTEXT.has(prev.stem ?? prev.norm)) return false;
  return w.length <= 6;
}

/** Whether a verb of occurrence (شهدت، شنت، تعرض، نفذ) stands in the trigger's clause. */
function hasOccurrenceVerb(view: SentenceView, t: Hit<TriggerInfo>): boolean {
  const clause = clauseOf(view, t.tokenStart);
  for (let i = clause.from; i < clause.to; i++) {
    const w = view.tokens[i] as Token;
    if (w.kind === "arabic" && OCCURRENCE_VERBS.has(w.stem ?? w.norm)) return true;
  }
  return false;
}

/** Whether a trigger is a verb in the present (يقتل، تقصف): a habit, or what goes on. */
function presentVerb(tokens: Token[], t: Hit<TriggerInfo>): boolean {
  const first = tokens[t.tokenStart] as Token;
  return isFiniteVerb(tokens, t.tokenStart, true) && /^[يتن]/.test(first.stem ?? first.norm);
}

/**
 * Whether an ambiguous verb of the same kind of event in the noun's clause says it took place:
 * "انفجرت سيارة مفخخة" (a car bomb exploded), which the verb alone could not report.
 */
function toldByOwnVerb(
  view: SentenceView,
  t: Hit<TriggerInfo>,
  here: Hit<TriggerInfo>[],
  asserted: (o: Hit<TriggerInfo>) => boolean,
): boolean {
  const clause = clauseOf(view, t.tokenStart);
  return here.some(
    (o) =>
      o !== t &&
      // A verb that makes an event of its own (تظاهر) tells it; the noun (احتجاجا) adds nothing.
      o.entry.weak &&
      asserted(o) &&
      !o.entry.casualty &&
      o.entry.eventType === t.entry.eventType &&
      o.tokenStart >= clause.from &&
      o.tokenStart < clause.to &&
      // A bare فجر or قصف is a verb unless a preposition governs it ("فجر انتحاري نفسه").
      isFiniteVerb(view.tokens, o.tokenStart),
  );
}

/**
 * Whether a verb of occurrence in the trigger's clause says, in the past and unqualified, that
 * it took place: "وقعت تفجيرات", "أطلقت صواريخ" — not "سوف يقع تفجير", "لم تمنع وقوع".
 */
function happenedVerb(
  view: SentenceView,
  t: Hit<TriggerInfo>,
  cues: SpanIndex<Hit<ModalityInfo>>,
): boolean {
  const clause = clauseOf(view, t.tokenStart);
  for (let i = clause.from; i < clause.to; i++) {
    const w = view.tokens[i] as Token;
    const form = w.stem ?? w.norm;
    if (w.kind !== "arabic" || !OCCURRENCE_VERBS.has(form)) continue;
    // يقع، تشهد: the present tells a habit or what is feared.
    if (form.startsWith("ي") || (form.startsWith("ت") && OCCURRENCE_VERBS.has(`ي${form.slice(1)}`)))
      continue;
    // لم تقع، قد وقعت: a cue on the verb itself.
    if (cues.inside(Math.max(clause.from, i - 2), i).some((c) => c.tokenEnd === i)) continue;
    return true;
  }
  return false;
}

/** A killing told by its verb: the trigger it stands for, its killers, and its toll. */
interface Killing {
  trigger: Hit<TriggerInfo>;
  agent: ActorRef;
  dead?: Quantity;
}

/** The verb "to kill" in the past: killed (he, she, they, the two). */
const KILL_VERBS = new Set(["قتل", "قتلت", "قتلوا", "قتلا"]);
const DEAD_UNITS = new Set(["person", "civilian", "fighter", "child", "woman"]);

/**
 * A killing told by its verb with the killers as its subject, and no other word of violence in
 * the sentence: "قتلت القوات العراقية 20 عنصرا من داعش" (a fight), "قتل مسلحون مجهولون ثلاثة
 * مدنيين" (an attack on civilians). The subject stands right after the verb and before the dead
 * (a number or another side); with none after it, "قتل جنديان" is the passive and names the dead.
 */
function killings(kb: Knowledge, view: SentenceView, here: Hit<TriggerInfo>[]): Killing[] {
  if (here.some((t) => !t.entry.casualty && VIOLENT.has(t.entry.eventType))) return [];
  const out: Killing[] = [];
  for (const c of here) {
    if (c.entry.casualty !== "killed" || c.tokenEnd - c.tokenStart !== 1) continue;
    const word = view.tokens[c.tokenStart] as Token;
    if (!KILL_VERBS.has(word.stem ?? word.norm) || !isFiniteVerb(view.tokens, c.tokenStart))
      continue;
    const forces = view.actors.filter(
      (a) => isForce(kb, a.mention) && kb.actor(a.mention.actorId as string)?.inter !== 7,
    );
    // "قتلت القوات العراقية 20 عنصرا", or "قوات البيشمركة قتلت 15 مسلحا".
    const vso = forces.find((a) => a.tokenStart >= c.tokenEnd && a.tokenStart <= c.tokenEnd + 1);
    const svo = forces.find((a) => a.tokenEnd === c.tokenStart);
    const agent = vso ?? svo;
    if (!agent) continue;
    const from = vso ? agent.tokenEnd : c.tokenEnd;
    const dead = view.quantities.find((q) => {
      const i = tokenIndexAt(view.tokens, q.start);
      return i >= from && i - from <= 3;
    });
    const side = view.actors.find(
      (a) => a !== agent && a.tokenStart >= from && a.tokenStart - from <= 4,
    );
    if (!dead && !side) continue;
    // The dead are people: "قتلت 15 مسلحا", not a count of vehicles or days.
    if (dead?.unit && !DEAD_UNITS.has(dead.unit)) continue;
    const sideInter = side?.mention.actorId ? kb.actor(side.mention.actorId)?.inter : undefined;
    // The dead counted as fighters ("20 عنصرا", the text stage's unit) or a side that fights.
    const armed = dead?.unit === "fighter" || (sideInter !== undefined && sideInter !== 7);
    out.push({
      agent,
      ...(dead ? { dead } : {}),
      trigger: {
        ...c,
        entry: {
          ...c.entry,
          id: "casualties.killing",
          eventType: armed ? "Battles" : "Violence against civilians",
          subEventType: armed ? "Armed clash" : "Attack",
          acled: true,
          plover: { event_type: "ASSAULT" },
          casualty: undefined,
          roleHint: "attacker-subject",
          verb: true,
          weak: false,
          generic: false,
        },
      },
    });
  }
  return out;
}

/**
 * A definite noun of a person (الانتحاري، المهاجمين) followed by a relative clause that says the
 * person was arrested or killed ("الذي تم اعتقاله"، "الذين قتلوا"): the trigger names who, not
 * what happened.
 */
function caughtPerson(view: SentenceView, t: Hit<TriggerInfo>, here: Hit<TriggerInfo>[]): boolean {
  const first = view.tokens[t.tokenStart] as Token;
  const next = view.tokens[t.tokenEnd];
  if (!first.definite || t.tokenEnd - t.tokenStart !== 1 || !next) return false;
  if (!RELATIVE_PRONOUNS.has(next.norm)) return false;
  const clause = clauseOf(view, t.tokenStart);
  const end = Math.min(clause.to, t.tokenEnd + 5);
  return here.some(
    (o) =>
      o.tokenStart > t.tokenEnd &&
      o.tokenStart < end &&
      (o.entry.casualty === "killed" || o.entry.subEventType === "Arrests"),
  );
}

/** Units of the dead that are civilians; "person" counts when no force is named among them. */
const CIVILIAN_DEAD = new Set(["civilian", "child", "woman"]);

/**
 * The count of the dead or wounded when they are civilians: "ثلاثة مدنيين", "أطفال", or persons
 * ("12 شخصا") with no armed side named in the sentence.
 */
function civilianDead(view: SentenceView, casualties: Hit<TriggerInfo>[]): Quantity | undefined {
  if (casualties.length === 0) return undefined;
  const armed = view.actors.some(
    (a) => view.notAgents.has(a) && !a.mention.actorId?.includes("civilian"),
  );
  return view.quantities.find((q) => {
    if (!q.unit) return false;
    const near = casualties.some(
      (c) =>
        (q.start >= c.end && q.start - c.end <= 12) || (q.end <= c.start && c.start - q.end <= 3),
    );
    if (!near) return false;
    return CIVILIAN_DEAD.has(q.unit) || (q.unit === "person" && !armed);
  });
}

/** The force right after a finite verb among the first words of the sentence (VSO). */
function openingSubject(kb: Knowledge, view: SentenceView): ActorRef | undefined {
  const { sentence, tokens } = view;
  for (let i = sentence.tokenStart; i < Math.min(sentence.tokenEnd, sentence.tokenStart + 3); i++) {
    const w = tokens[i] as Token;
    if (w.kind !== "arabic" || !isFiniteVerb(tokens, i, true)) continue;
    const subject = view.actors.find((a) => a.tokenStart === i + 1);
    return subject && isForce(kb, subject.mention) ? subject : undefined;
  }
  return undefined;
}

/** Days before the article past which a dated event is background. */
const BACKGROUND_DAYS = 14;

/** Whether a date to the day lies more than two weeks before the article's publication. */
function longBefore(date: DateMention | undefined, published: string | undefined): boolean {
  if (!date || !published || date.timePrecision !== 1) return false;
  const days = (Date.parse(published.slice(0, 10)) - Date.parse(date.date)) / 86_400_000;
  return Number.isFinite(days) && days > BACKGROUND_DAYS;
}

/** A sentence that ends with a question mark or opens with هل ("is it ...?"). */
function isQuestion(view: SentenceView): boolean {
  const { tokens, sentence } = view;
  for (let i = sentence.tokenEnd - 1; i >= sentence.tokenStart; i--) {
    const t = tokens[i] as Token;
    if (t.kind !== "punct") break;
    if (t.norm.includes("؟") || t.norm.includes("?")) return true;
  }
  for (let i = sentence.tokenStart; i < sentence.tokenEnd; i++) {
    const t = tokens[i] as Token;
    if (t.kind === "punct") continue;
    return t.norm === "هل" || t.stem === "هل";
  }
  return false;
}

function isForce(kb: Knowledge, m: EntityMention): boolean {
  if (!m.actorId) return false;
  const a = kb.actor(m.actorId);
  return a !== undefined && FORCE_KINDS.has(a.kind);
}

/** The agent: for a verb, the actor right after it (Arabic is verb-first); else the nearest before. */
function agentOf(kb: Knowledge, view: SentenceView, t: Hit<TriggerInfo>): ActorRef | undefined {
  const clause = clauseOf(view, t.tokenStart);
  // Civilians are the agents of their own flight or protest, never of fighting.
  const civiliansAct = t.entry.eventType === "Displacement" || t.entry.eventType === "Protests";
  const forces = view.actors.filter(
    (a) =>
      isForce(kb, a.mention) &&
      !view.notAgents.has(a) &&
      (civiliansAct || kb.actor(a.mention.actorId as string)?.inter !== 7),
  );
  if (t.entry.verb) {
    const after = forces.find((a) => a.tokenStart >= t.tokenEnd && a.tokenStart <= t.tokenEnd + 1);
    if (after) return after;
  } else if (t.entry.roleHint === "attacker-subject" || t.entry.roleHint === "gainer-subject") {
    // A noun of attack with its side right after it is that side's attack: "هجوم التنظيم",
    // "غارات التحالف", "تقدم قوات النظام" (an arrest's or a kidnapping's is who was taken).
    const genitive = forces.find((a) => a.tokenStart === t.tokenEnd);
    if (genitive) return genitive;
  }
  // The trigger itself may name the force (الطيران الحربي): an actor overlapping it.
  const inside = forces.find((a) => a.tokenStart < t.tokenEnd && a.tokenEnd > t.tokenStart);
  if (inside) return inside;
  const before = forces.filter((a) => a.tokenEnd <= t.tokenStart && a.tokenStart >= clause.from);
  if (before.length > 0) return before[0];
  const earlier = forces.filter((a) => a.tokenEnd <= t.tokenStart);
  return earlier.at(-1);
}

/** The target: an actor after the trigger, preferably after على، ضد، بحق، مقار ... */
function targetOf(
  doc: RasdDocument,
  kb: Knowledge,
  view: SentenceView,
  t: Hit<TriggerInfo>,
  agent: ActorRef | undefined,
): ActorRef | undefined {
  const clause = clauseOf(view, t.tokenStart);
  const candidates = view.actors.filter(
    (a) =>
      a !== agent &&
      a.tokenStart >= t.tokenEnd &&
      a.tokenStart < clause.to &&
      isForce(kb, a.mention) &&
      a.mention.actorId !== agent?.mention.actorId,
  );
  const marked = candidates.find((a) => {
    for (let i = Math.max(t.tokenEnd, a.tokenStart - 3); i < a.tokenStart; i++) {
      const w = doc.tokens[i] as Token;
      if (TARGET_MARKERS.has(w.stem ?? w.norm)) return true;
    }
    return false;
  });
  return marked ?? candidates[0];
}

/**
 * The dead or wounded named right after a casualty word are the side that was hit: "قتل جنديان
 * أميركيان في هجوم انتحاري", "مقتل خمسة مدنيين" (a number may stand between).
 */
function victimOf(
  kb: Knowledge,
  view: SentenceView,
  casualties: Hit<TriggerInfo>[],
  agent: ActorRef | undefined,
): ActorRef | undefined {
  for (const c of casualties) {
    const victim = view.actors.find(
      (a) =>
        a !== agent &&
        a.tokenStart >= c.tokenEnd &&
        a.tokenStart - c.tokenEnd <= 3 &&
        isForce(kb, a.mention) &&
        a.mention.actorId !== agent?.mention.actorId,
    );
    if (victim) return victim;
  }
  return undefined;
}

/**
 * An actor with no ACLED name names a weapon or a part, not a side: "الطيران الحربي التابعين
 * للأخيرة", "مسلحي تنظيم داعش". Its side is the actor named right after it, or else the
 * nearest side named before it in the sentence.
 */
function resolveSide(
  kb: Knowledge,
  view: SentenceView,
  ref: ActorRef | undefined,
  owners: Map<string, ActorRef>,
): ActorRef | undefined {
  const id = ref?.mention.actorId;
  if (!ref || !id || kb.actor(id)?.acledName) return ref;
  const named = (a: ActorRef) =>
    a !== ref && a.mention.actorId !== undefined && Boolean(kb.actor(a.mention.actorId)?.acledName);
  const after = view.actors.find(
    (a) => named(a) && a.tokenStart >= ref.tokenEnd && a.tokenStart - ref.tokenEnd <= 4,
  );
  if (after) {
    owners.set(id, after);
    return after;
  }
  // "الطيران الحربي" again, later in the article: the same side's aircraft as before.
  const known = owners.get(id);
  if (known) return known;
  const before = view.actors.filter(
    (a) => named(a) && a.tokenEnd <= ref.tokenStart && isForce(kb, a.mention),
  );
  return before.at(-1) ?? ref;
}

/** Sides that fight: state forces, rebels, political militias, identity militias, external forces. */
const ARMED_INTER = new Set([1, 2, 3, 4, 8]);

/**
 * The sub-type ACLED's rules give once the sides are known: who gains territory decides
 * "Government regains" against "Non-state actor overtakes"; a siege laid on an armed side by
 * an armed side is fighting (ACLED has no siege type), a siege on civilians stays strategic.
 */
function typeOf(
  kb: Knowledge,
  entry: TriggerInfo,
  agent: ActorRef | undefined,
  target: ActorRef | undefined,
): { eventType: string; subEventType: string } {
  const a = agent?.mention.actorId ? kb.actor(agent.mention.actorId) : undefined;
  const b = target?.mention.actorId ? kb.actor(target.mention.actorId) : undefined;
  const type = { eventType: entry.eventType, subEventType: entry.subEventType };
  const territorial =
    type.subEventType === "Government regains territory" ||
    type.subEventType === "Non-state actor overtakes territory";
  if (territorial && a?.inter != null && entry.roleHint !== "loser-subject") {
    type.subEventType =
      a.inter === 1 ? "Government regains territory" : "Non-state actor overtakes territory";
  } else if (territorial && !a && b?.inter != null) {
    // Only the side that lost is named: if it is the government, someone else took the ground.
    type.subEventType =
      b.inter === 1 ? "Non-state actor overtakes territory" : "Government regains territory";
  }
  if (
    entry.roleHint === "attacker-subject" &&
    type.eventType === "Strategic developments" &&
    type.subEventType === "Change to group/activity" &&
    a?.inter != null &&
    ARMED_INTER.has(a.inter) &&
    b?.inter != null &&
    ARMED_INTER.has(b.inter)
  ) {
    return { eventType: "Battles", subEventType: "Armed clash" };
  }
  return type;
}

/** Actors joined to the agent by و ("قوات النظام ومليشيات تساندها"). */
function associatesOf(
  doc: RasdDocument,
  kb: Knowledge,
  view: SentenceView,
  agent: ActorRef | undefined,
): ActorRef[] {
  if (!agent) return [];
  const out: ActorRef[] = [];
  let end = agent.tokenEnd;
  for (const a of view.actors) {
    if (a.tokenStart !== end) continue;
    const first = doc.tokens[a.tokenStart] as Token;
    if (first.proclitics?.[0] !== "و" || !isForce(kb, a.mention)) break;
    out.push(a);
    end = a.tokenEnd;
  }
  return out;
}

/** Places in the clause, then the sentence; neighbourhoods of one city count as that city. */
function placeOf(
  view: SentenceView,
  t: Hit<TriggerInfo>,
  doc: RasdDocument,
  lastPlace: PlaceMention | undefined,
): { place?: PlaceMention; inherited: boolean } {
  const clause = clauseOf(view, t.tokenStart);
  const clauseSpan = {
    start: (doc.tokens[clause.from] as Token).start,
    end: (doc.tokens[clause.to - 1] as Token).end,
  };
  const usable = view.places.filter((p) => p.latitude !== undefined && p.kind !== "country");
  const inClause = usable.filter((p) => within(p, clauseSpan));
  const pool = inClause.length > 0 ? inClause : usable;
  // The most specific place: a village or town over a region, the first after the trigger. A
  // village the gazetteer lacks, placed from the town it lies near ("بلدة زعيزيعة جنوب مدينة
  // الميادين"), is where it happened: it ranks as a named place, its precision stays 2.
  const specificity = (p: PlaceMention) =>
    p.gazetteerId?.startsWith(UNLISTED) ? 1 : (p.geoPrecision ?? 3);
  const rank = (p: PlaceMention) => specificity(p) * 10 + (p.start < t.start ? 5 : 0);
  const best = [...pool].sort((a, b) => rank(a) - rank(b) || a.start - b.start)[0];
  if (best) return { place: best, inherited: false };
  return lastPlace ? { place: lastPlace, inherited: true } : { inherited: true };
}

/** The id prefix of places the text locates and the gazetteer lacks (src/geo). */
const UNLISTED = "rasd:unlisted:";

/**
 * Where ACLED codes an event: a neighbourhood, camp or facility is coded at the town it lies
 * in (geo_precision 1: the town is known); the neighbourhood stays in the location evidence.
 */
function siteOf(place: PlaceMention | undefined): {
  name: string;
  latitude: number | null;
  longitude: number | null;
  admin1: string;
  admin2: string;
  precision: GeoPrecision | null;
} {
  if (!place)
    return { name: "", latitude: null, longitude: null, admin1: "", admin2: "", precision: null };
  const w = place.within;
  if (w && place.kind === "neighbourhood")
    return {
      name: w.name,
      latitude: w.latitude,
      longitude: w.longitude,
      admin1: w.admin1 ?? place.admin1 ?? "",
      admin2: w.admin2 ?? place.admin2 ?? "",
      precision: 1,
    };
  return {
    name: place.name ?? "",
    latitude: place.latitude ?? null,
    longitude: place.longitude ?? null,
    admin1: place.admin1 ?? "",
    admin2: place.admin2 ?? "",
    precision: place.geoPrecision ?? null,
  };
}

/** Words after which a place is where people went: إلى، نحو، باتجاه، اتجهوا، لجأوا. */
const DESTINATION_MARKERS = new Set([
  "الي",
  "نحو",
  "باتجاه",
  "اتجاه",
  "صوب",
  "اتجهوا",
  "توجهوا",
  "لجاوا",
  "لجؤوا",
  "وصلوا",
]);
const PEOPLE_UNITS = new Set(["person", "civilian", "family", "child", "woman"]);

/** The first token of the sentence, at or after `from`, that marks a destination. */
function destinationStart(view: SentenceView, from: number): number {
  for (let i = from; i < view.sentence.tokenEnd; i++) {
    const w = view.tokens[i] as Token;
    if (DESTINATION_MARKERS.has(w.stem ?? w.norm) || DESTINATION_MARKERS.has(w.norm)) return i;
  }
  return view.sentence.tokenEnd;
}

/**
 * Who fled from where to where: the origin is the place before the first destination word
 * (إلى، نحو، اتجهوا), the destinations every distinct place after it, and the number of people
 * the figure of civilians or persons in the sentence.
 */
function displacementOf(
  view: SentenceView,
  t: Hit<TriggerInfo>,
): { origins: PlaceMention[]; destinations: PlaceMention[]; people?: Quantity } {
  const cut = destinationStart(view, t.tokenStart);
  const cutOffset = cut < view.sentence.tokenEnd ? (view.tokens[cut] as Token).start : Infinity;
  const located = view.places.filter((p) => p.latitude !== undefined && p.kind !== "country");
  const origins = located.filter((p) => p.end <= cutOffset);
  const destinations: PlaceMention[] = [];
  for (const p of located) {
    if (p.start < cutOffset) continue;
    if (!destinations.some((d) => d.gazetteerId === p.gazetteerId)) destinations.push(p);
  }
  const people = view.quantities.find(
    (q) => (q.unit !== undefined && PEOPLE_UNITS.has(q.unit)) || Math.abs(q.end - t.start) <= 2,
  );
  return { origins, destinations, ...(people ? { people } : {}) };
}

const KILLED_UNITS = new Set(["person", "civilian", "fighter", "child", "woman"]);

/** Fatalities by ACLED's conservative rule: a stated number of dead, never a vague "many". */
function fatalitiesOf(
  view: SentenceView,
  casualties: Hit<TriggerInfo>[],
  acledVague: boolean,
): { count: number; evidence?: Span } {
  let count = 0;
  let evidence: Span | undefined;
  for (const c of casualties) {
    if (c.entry.casualty !== "killed") continue;
    // The figure next to the casualty word: "مقتل 12 مدنيا", "قتل نحو 30", "12 قتيلا".
    const q = view.quantities.find(
      (x) =>
        (x.start >= c.end && x.start - c.end <= 12) || (x.end <= c.start && c.start - x.end <= 3),
    );
    if (!q || (q.unit && !KILLED_UNITS.has(q.unit))) continue;
    const n = q.value ?? (acledVague ? q.min : null);
    if (n === null || n === undefined) continue;
    const conservative = q.min !== null && q.max === null && q.value !== null ? q.value : n;
    // People are counted in whole numbers: "3.5" by a casualty word is no death toll (and
    // ACLED's fatalities, like the schema's, is an integer).
    if (!Number.isSafeInteger(conservative) || conservative < 0) continue;
    if (conservative > count) {
      count = conservative;
      evidence = { start: q.start, end: q.end };
    }
  }
  if (count === 0) {
    // "قتل جنديان", "مقتل شخصين": the dual is the number.
    for (const c of casualties) {
      if (c.entry.casualty !== "killed") continue;
      for (let i = c.tokenEnd; i < Math.min(c.tokenEnd + 2, view.sentence.tokenEnd); i++) {
        const t = view.tokens[i] as Token;
        if (t.kind === "arabic" && DUAL_PEOPLE.has(t.stem ?? t.norm)) {
          return { count: 2, evidence: { start: t.start, end: t.end } };
        }
      }
    }
  }
  return evidence ? { count, evidence } : { count };
}

/** Dual nouns of people (normalized) whose plural is another word, so the ending means two. */
const DUAL_PEOPLE = new Set(
  [
    "جنديان جنديين شخصان شخصين شرطيان شرطيين طفلان طفلين رجلان رجلين امراتان امراتين",
    "ضابطان ضابطين عنصران عنصرين مدنيان قتيلان قتيلين شقيقان شقيقين صحفيان صحافيان",
  ].flatMap((line) => line.split(" ")),
);

const TOWN_KINDS = new Set(["city", "town", "village", "admin1", "admin2", "admin3", "camp"]);

/**
 * The other places of a list the event's place opens ("في بغداد والبصرة وذي قار"): places
 * right after it in the clause, each joined by و or a comma, in other towns than the first.
 */
function coordinatedPlaces(
  doc: RasdDocument,
  view: SentenceView,
  t: Hit<TriggerInfo>,
  place: PlaceMention,
): PlaceMention[] {
  const clause = clauseOf(view, t.tokenStart);
  const out: PlaceMention[] = [];
  const seen = new Set([place.within?.gazetteerId ?? place.gazetteerId]);
  let last = place;
  for (const p of view.places) {
    if (p.start <= last.start) continue;
    const i = tokenIndexAt(doc.tokens, p.start);
    if (i >= clause.to) break;
    const first = doc.tokens[i] as Token;
    const between = doc.tokens.slice(tokenIndexAt(doc.tokens, last.end), i);
    const joined =
      (first.proclitics?.[0] === "و" && between.every((w) => w.norm === "،" || w.norm === ",")) ||
      (between.length === 1 && (between[0]?.norm === "،" || between[0]?.norm === ","));
    if (!joined) break;
    last = p;
    const id = p.within?.gazetteerId ?? p.gazetteerId;
    if (p.latitude === undefined || !p.kind || !TOWN_KINDS.has(p.kind) || !id || seen.has(id))
      continue;
    seen.add(id);
    out.push(p);
  }
  return out;
}

function addDestinations(record: EventRecord, places: PlaceMention[]): void {
  const d = record.displacement;
  if (!d) return;
  for (const p of places) {
    if (p.gazetteerId === d.origin?.gazetteerId) continue;
    if (!d.destinations.some((x) => x.gazetteerId === p.gazetteerId)) d.destinations.push(p);
  }
}

/**
 * The same flight told again (by another source, or in more detail): the more precise origin
 * wins, destinations and the number of people add up from every telling.
 */
function mergeFlight(into: EventRecord, other: EventRecord): void {
  const a = into.displacement;
  const b = other.displacement;
  if (!a || !b) return;
  if (b.origin && (!a.origin || (b.origin.geoPrecision ?? 3) < (a.origin.geoPrecision ?? 3))) {
    a.origin = b.origin;
    into.location = other.location;
    into.latitude = other.latitude;
    into.longitude = other.longitude;
    into.admin2 = other.admin2;
    into.geo_precision = other.geo_precision;
  }
  addDestinations(into, b.destinations);
  if (!a.people && b.people) a.people = b.people;
}

export interface EventOptions {
  knowledge: Knowledge;
  acledVague?: boolean;
}

interface Draft {
  record: EventRecord;
  key: string;
  /** The record's evidence as seen so far, to add each piece once (see `unseenEvidence`). */
  seen?: EvidenceSeen;
}

interface EvidenceSeen {
  evidence: Evidence[];
  count: number;
  /** `start|end` of every piece, and `start|end|role`. */
  spans: Set<string>;
  roles: Set<string>;
}

/**
 * The pieces of `evidence` the draft's record lacks: a span with the same role, or any span at
 * all for a sentence. Sets kept beside the record (brought up to date with what was added since)
 * instead of a scan of its evidence, which grew with every telling: an article repeating one
 * sentence ten thousand times spent minutes here.
 */
function unseenEvidence(draft: Draft, evidence: Evidence[]): Evidence[] {
  const own = draft.record.evidence;
  let seen = draft.seen;
  if (!seen || seen.evidence !== own || seen.count > own.length) {
    seen = { evidence: own, count: 0, spans: new Set(), roles: new Set() };
    draft.seen = seen;
  }
  for (; seen.count < own.length; seen.count++) {
    const x = own[seen.count] as Evidence;
    seen.spans.add(`${x.start}|${x.end}`);
    seen.roles.add(`${x.start}|${x.end}|${x.role}`);
  }
  const known = seen;
  return evidence.filter((e) =>
    e.role === "sentence"
      ? !known.spans.has(`${e.start}|${e.end}`)
      : !known.roles.has(`${e.start}|${e.end}|${e.role}`),
  );
}

/** The ACLED name, with "{country}" ("Civilians ({country})") filled in from the event's place. */
function actorName(
  kb: Knowledge,
  m: EntityMention | undefined,
  country: string,
): { name: string; inter: number | null } {
  if (!m?.actorId) return { name: "", inter: null };
  const a = kb.actor(m.actorId);
  // A word with no ACLED name (مسلحي، الطيران الحربي) whose side was not found names no actor.
  if (!a?.acledName) return { name: "", inter: null };
  return { name: a.acledName.replace("{country}", country || "International"), inter: a.inter };
}

/** The country most of the article's places lie in: where an unplaced event's actors belong. */
function focusCountry(doc: RasdDocument): string {
  const counts = new Map<string, number>();
  for (const p of doc.places)
    if (p.country && p.kind !== "country") counts.set(p.country, (counts.get(p.country) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "";
}

/** ACLED's actor for a demonstration whose organisers are not named. */
const DEFAULT_AGENT: Record<string, { name: string; inter: number }> = {
  Protests: { name: "Protesters", inter: 6 },
  Riots: { name: "Rioters", inter: 5 },
};

const UNCLAIMED = new Set([
  "Suicide bomb",
  "Remote explosive/landmine/IED",
  "Grenade",
  "Attack",
  "Abduction/forced disappearance",
]);

/**
 * Generic attack words give way to a specific means in the same sentence: "هاجم انتحاريان"
 * is a suicide bombing, not a clash besides it.
 */
function subsumed(
  t: Hit<TriggerInfo>,
  here: Hit<TriggerInfo>[],
  asserted: (o: Hit<TriggerInfo>) => boolean,
): boolean {
  // "هجوم انتحاري بسيارة مفخخة": the car bomb is how the suicide attack was carried out.
  if (t.entry.eventType === "Explosions/Remote violence" && t.entry.subEventType !== "Suicide bomb")
    return here.some((o) => o !== t && o.entry.subEventType === "Suicide bomb" && asserted(o));
  if (!t.entry.generic) return false;
  // "هاجموا مسجدا بعد يوم من هجوم انتحاري": a means named only as background does not stand
  // for the attack the sentence reports.
  return here.some(
    (o) =>
      o !== t &&
      !o.entry.casualty &&
      o.entry.eventType === "Explosions/Remote violence" &&
      asserted(o),
  );
}

/** Whether a word of the trigger's sentence shows its entry used figuratively (المباراة: sport). */
function figurative(view: SentenceView, t: Hit<TriggerInfo>): boolean {
  const words = t.entry.figurativeAmong;
  if (!words) return false;
  for (let i = view.sentence.tokenStart; i < view.sentence.tokenEnd; i++) {
    const w = view.tokens[i] as Token;
    if (w.kind === "arabic" && words.has(w.stem ?? w.norm)) return true;
  }
  return false;
}

/**
 * "شن النائب … هجوما عنيفا على الحكومة", "واصلت الحركة هجومها على اللجنة": a word for any attack
 * whose only author in its clause is a person or an unarmed body, with no dead, wounded or means
 * of violence in its sentence, is an attack in words.
 */
function spokenAttack(
  kb: Knowledge,
  view: SentenceView,
  t: Hit<TriggerInfo>,
  agent: ActorRef | undefined,
  here: Hit<TriggerInfo>[],
): boolean {
  if (!t.entry.generic || t.entry.eventType !== "Battles") return false;
  if (agent && agent.mention.type !== "person") return false;
  if (here.some((o) => o !== t && (o.entry.casualty || !o.entry.generic))) return false;
  const clause = clauseOf(view, t.tokenStart);
  return view.names.some((e) => {
    if (e.type === "organization" && isForce(kb, e)) return false;
    const i = tokenIndexAt(view.tokens, e.start);
    return i >= clause.from && i < clause.to;
  });
}

/** Days before publication within which a date makes an event news ("أمس", "الأحد الماضي"). */
const RECENT_DAYS = 7;

/** A date whose period began in the week before publication ("أمس"، "السبت"; not "في يوليو"). */
function isRecent(d: DateMention, published: number): boolean {
  const start = Date.parse(d.date);
  return start <= published + 86_400_000 && published - start <= RECENT_DAYS * 86_400_000;
}

/** Whether one of the dates began in the week before publication. */
function anyRecent(dates: DateMention[], published: string | undefined): boolean {
  if (!published) return false;
  const pub = Date.parse(published.slice(0, 10));
  return dates.some((d) => isRecent(d, pub));
}

/** Whether the trigger's clause dates it to the days just before the article. */
function recentInClause(doc: RasdDocument, view: SentenceView, t: Hit<TriggerInfo>): boolean {
  const clause = clauseOf(view, t.tokenStart);
  const from = (view.tokens[clause.from] as Token).start;
  const to = (view.tokens[clause.to - 1] as Token).end;
  return anyRecent(
    view.dates.filter((d) => d.start >= from && d.end <= to),
    doc.meta.published,
  );
}

/**
 * Casualty words that are only members of a list of kinds of violence with the trigger
 * ("القتل والتفجير والاغتيال"، "عمليات قتل وخطف"): no one is reported dead by them.
 */
function listedKinds(
  tokens: Token[],
  quantities: Quantity[],
  here: Hit<TriggerInfo>[],
): Set<Hit<TriggerInfo>> {
  const coordinated = (a: Hit<TriggerInfo>, b: Hit<TriggerInfo>) => {
    const [first, second] = a.tokenStart < b.tokenStart ? [a, b] : [b, a];
    if (second.tokenStart !== first.tokenEnd) return false;
    return (tokens[second.tokenStart] as Token).proclitics?.[0] === "و";
  };
  return new Set(
    here.filter(
      (k) =>
        k.entry.casualty &&
        // A number after the word tells who died ("قتل وخطف 3").
        !quantities.some((q) => q.start >= k.end && q.start - k.end <= 12) &&
        here.some((o) => !o.entry.casualty && coordinated(k, o)),
    ),
  );
}

/** Event types whose back-references (الهجوم، التفجير) may give the place the first telling lacked. */
const VIOLENT = new Set(["Battles", "Explosions/Remote violence", "Violence against civilians"]);

/**
 * Gives a told event the place a later telling names, when the event had only a country or a
 * province (geo precision 3) and the place is finer and in the same country.
 */
function relocate(draft: Draft, place: PlaceMention, sentence: Sentence): void {
  const r = draft.record;
  if (!VIOLENT.has(r.event_type)) return;
  if (r.geo_precision !== null && r.geo_precision < 3) return;
  const site = siteOf(place);
  if (site.precision === null || site.precision >= 3 || site.latitude === null) return;
  if (r.country && place.country && r.country !== place.country) return;
  r.country = place.country ?? r.country;
  r.admin1 = site.admin1;
  r.admin2 = site.admin2;
  r.location = site.name;
  r.latitude = site.latitude;
  r.longitude = site.longitude;
  r.geo_precision = site.precision;
  r.evidence = r.evidence.filter((e) => e.role !== "location");
  r.evidence.push({ role: "location", start: place.start, end: place.end });
  if (!r.evidence.some((e) => e.role === "sentence" && e.start === sentence.start))
    r.evidence.push({ role: "sentence", start: sentence.start, end: sentence.end });
  draft.key = eventKey(r, false);
}

/**
 * ACLED's identity of an event within an article: type, place, date and actor pair; a flight is
 * one per province of origin, however many sources tell it.
 */
function eventKey(record: EventRecord, flight: boolean): string {
  return flight
    ? [record.event_type, record.sub_event_type, record.admin1, record.actor1].join("|")
    : [
        record.event_type,
        record.sub_event_type,
        record.location,
        record.event_date,
        record.actor1,
        record.actor2,
      ].join("|");
}

function eventId(doc: RasdDocument, n: number): string {
  const base = doc.meta.id ?? "doc";
  return `${base}:e${n}`;
}

export function eventsStage(options: EventOptions): Stage {
  const kb = options.knowledge;
  return (doc) => {
    const triggers = kb.triggers(doc.tokens);
    const cues = new SpanIndex(
      kb.modality(doc.tokens),
      (c) => c.tokenStart,
      (c) => c.tokenEnd,
    );
    // The article's spans by position, for the ones in each sentence (see SpanIndex).
    const triggersByToken = new SpanIndex(
      triggers,
      (t) => t.tokenStart,
      (t) => t.tokenEnd,
    );
    const actors = new SpanIndex(
      doc.entities.filter((e) => (e.type === "actor" || e.actorId) && e.type !== "source"),
    );
    const sources = new SpanIndex(doc.entities.filter((e) => e.type === "source"));
    const places = new SpanIndex(doc.places);
    const quantities = new SpanIndex(doc.quantities);
    const dates = new SpanIndex(doc.dates);
    const names = new SpanIndex(
      doc.entities.filter((e) => e.type === "person" || e.type === "organization"),
    );
    const quoted = new SpanIndex(doc.quotes.map((q) => q.inner));
    /**
     * Whether a quoted event is told as news: a place, a day, or dead and wounded within a few
     * words of it, inside the quotation («انفجرت عبوة ناسفة اليوم في قرية …»). An opinion or an
     * accusation («يستخدمون العوائل دروعا بشرية») names none near the event.
     */
    const toldAsNews = (q: Span, t: Hit<TriggerInfo>, here: Hit<TriggerInfo>[]): boolean => {
      const from = Math.max(q.start, doc.tokens[Math.max(0, t.tokenStart - QUOTE_WINDOW)]!.start);
      const last = doc.tokens[Math.min(doc.tokens.length - 1, t.tokenEnd - 1 + QUOTE_WINDOW)]!;
      const to = Math.min(q.end, last.end);
      if (dates.inside(from, to).length > 0) return true;
      // The dead and wounded of a day (قتل، أصيب), not of a habit (يقتل).
      const toll = here.some(
        (o) => o.entry.casualty && o.start >= from && o.end <= to && !presentVerb(doc.tokens, o),
      );
      if (toll) return true;
      // A town, not a country or a province ("تركيا"، "الأنبار"): "the war in Syria" is no news.
      const town = places.inside(from, to).some((p) => (siteOf(p).precision ?? 3) < 3);
      // An ambiguous word (المعتقل، نازح) needs more than a place.
      if (!town || t.entry.weak) return false;
      // Nor does a place make news of what someone does habitually («يقتل ويخطف
      // الفلسطينيين») or of kinds of deeds («عمليات اختطاف وقتل في منطقة المنصور»).
      const before = doc.tokens[t.tokenStart - 1];
      const kinds = before !== undefined && KINDS_OF_DEEDS.has(before.stem ?? before.norm);
      return !presentVerb(doc.tokens, t) && !kinds;
    };
    // Verbs of saying by the token they end at: the speaker comes right after.
    const sayingEndsAt = new Set(
      kb
        .reportingVerbs(doc.tokens)
        .filter(
          (r) =>
            r.entry.kind === "verb" && (r.entry.stance === "report" || r.entry.stance === "assert"),
        )
        .map((r) => r.tokenEnd),
    );
    const actx: AttributionContext = buildAttributionContext(doc, kb);
    const drafts: Draft[] = [];
    const draftsByKey = new Map<string, Draft>();
    const draftsByType = new Map<string, Draft[]>();
    const nonEvents: EventRecord[] = [];
    let lastPlace: PlaceMention | undefined;
    const docCountry = focusCountry(doc);
    const owners = new Map<string, ActorRef>(); // a weapon or unit word → the side it belongs to
    let n = 0;
    /** Adds a record, or merges it into the same event told before (ACLED's identity rule). */
    const emit = (record: EventRecord, flight: boolean): Draft => {
      const key = eventKey(record, flight);
      const same = draftsByKey.get(key);
      if (!same) {
        const draft = { record: { ...record, id: eventId(doc, ++n) }, key };
        drafts.push(draft);
        draftsByKey.set(key, draft);
        const ofType = draftsByType.get(record.event_type);
        if (ofType) ofType.push(draft);
        else draftsByType.set(record.event_type, [draft]);
        return draft;
      }
      if (flight) mergeFlight(same.record, record);
      // Each piece of evidence once: the same span told again adds nothing.
      same.record.evidence.push(...unseenEvidence(same, record.evidence));
      same.record.fatalities = Math.max(same.record.fatalities, record.fatalities);
      // The article's lead sums up what its sources say further down: the more specific
      // chain (the outlet ← SANA ← a military source) is the event's attribution, and
      // `source` names everyone who told it.
      if (record.attribution.chain.length > same.record.attribution.chain.length)
        same.record.attribution = record.attribution;
      const names = new Set(same.record.source.split("; ").filter(Boolean));
      for (const name of sourceNames(record.attribution.chain)) names.add(name);
      same.record.source = [...names].join("; ");
      return same;
    };
    for (const sentence of doc.sentences) {
      if (partAt(doc, sentence) !== "body") continue;
      const here = triggersByToken.inside(sentence.tokenStart, sentence.tokenEnd);
      if (here.length === 0) continue; // only triggers read the view built below
      const inSentence = dates.inside(sentence.start, sentence.end);
      const view: SentenceView = {
        tokens: doc.tokens,
        sentence,
        clauses: clausesOf(doc, sentence),
        actors: actors.inside(sentence.start, sentence.end).map((e) => ({
          mention: e,
          tokenStart: tokenIndexAt(doc.tokens, e.start),
          tokenEnd: tokenIndexAt(doc.tokens, e.end - 1) + 1,
        })),
        places: places.inside(sentence.start, sentence.end),
        quantities: quantities.inside(sentence.start, sentence.end),
        notAgents: new Set(),
        dates: inSentence,
        names: names.inside(sentence.start, sentence.end),
        recent: anyRecent(inSentence, doc.meta.published),
      };
      const listed = listedKinds(doc.tokens, view.quantities, here);
      const casualties = here.filter((t) => t.entry.casualty && !listed.has(t));
      for (const a of view.actors) {
        const victim = casualties.some(
          (c) => a.tokenStart >= c.tokenEnd && a.tokenStart - c.tokenEnd <= 3,
        );
        // Only verbs of saying: "حمل" may be "carried" as well as "blamed".
        const speaker = sayingEndsAt.has(a.tokenStart) || sayingEndsAt.has(a.tokenStart - 1);
        // "ومصادر بالشرطة": a force named inside a source speaks, it does not act.
        const inSource = sources.containing(a.mention.start, a.mention.end).length > 0;
        if (victim || speaker || inSource) view.notAgents.add(a);
      }
      // Destruction or a change of posture told in the same sentence as an attack is part of it.
      const violent = here.some(
        (t) =>
          (t.entry.eventType === "Battles" || t.entry.eventType === "Explosions/Remote violence") &&
          // Bombs seized or defused (ضبط عبوات) do not make a raid part of an attack.
          !cueOf(view, t, cues, casualties)?.entry.disrupts,
      );
      let sentenceFlight: Draft | undefined;
      /**
       * The subject a verb joined by و shares: the side of the sentence's last event with one,
       * or the subject of the verb that opens the sentence ("وحققت وحدات حماية الشعب … وسيطرت").
       */
      let verbSubject: ActorRef | undefined = openingSubject(kb, view);
      // Each trigger's mode, worked out once: the rules below ask for it again and again.
      const modes = new Map<Hit<TriggerInfo>, EventMode>();
      const modeFor = (o: Hit<TriggerInfo>): EventMode => {
        let m = modes.get(o);
        if (m === undefined) {
          m = modeOf(view, o, cues, casualties);
          modes.set(o, m);
        }
        return m;
      };
      const isAsserted = (o: Hit<TriggerInfo>) => modeFor(o) === "asserted";
      const told = killings(kb, view, here);
      for (const k of told) view.notAgents.delete(k.agent);
      for (const t of [...here, ...told.map((k) => k.trigger)]) {
        if (t.entry.casualty) continue;
        // Inside a quotation, a past event is the speaker's claim, not a new record, unless
        // the quotation reports it as news does: with its place, its toll or its day
        // («انفجرت عبوة ناسفة اليوم في قرية … مما أدى إلى إصابة اثنين»).
        if (quoted.containing(t.start, t.end).some((q) => !toldAsNews(q, t, here))) continue;
        if (subsumed(t, here, isAsserted)) continue;
        const prev = doc.tokens[t.tokenStart - 1];
        // "في المناطق التي طردت التنظيم منها": an ambiguous word in a relative clause tells
        // the background of the place, not a new event.
        if (t.entry.weak && prev && RELATIVE_PRONOUNS.has(prev.norm)) continue;
        // "الانتحاري الذي تم اعتقاله": a bomber the relative clause says was caught or killed
        // is a person, not a bombing.
        if (caughtPerson(view, t, here)) continue;
        // "الميلان يكثف هجومه": a football side's attack.
        if (figurative(view, t)) continue;
        let mode = modeFor(t);
        // "أدانت الهجوم الذي استهدف مركزا للشرطة": a relative clause describes the event its
        // noun names, in that noun's mode.
        if (mode === "asserted" && prev && RELATIVE_PRONOUNS.has(prev.norm)) {
          const head = here.find(
            (o) =>
              o !== t &&
              !o.entry.casualty &&
              o.tokenEnd < t.tokenStart &&
              t.tokenStart - o.tokenEnd <= 3,
          );
          if (head) mode = modeFor(head);
          // "رفيق الحريري، الذي اغتيل في فبراير": a relative clause on a person tells who the
          // person is; the event it recalls is background, not news.
          else if (isFiniteVerb(doc.tokens, t.tokenStart, true) || t.entry.verb) {
            let k = t.tokenStart - 2;
            while (k >= 0 && (doc.tokens[k] as Token).kind === "punct") k--;
            const before = doc.tokens[k];
            if (
              before &&
              view.names.some(
                (e) => e.type === "person" && e.start <= before.start && e.end >= before.end,
              ) &&
              !recentInClause(doc, view, t)
            )
              mode = "reference";
          }
        }
        let agent = resolveSide(kb, view, agentOf(kb, view, t), owners);
        // "شن تنظيم داعش هجوما … وسيطر على أراض": a verb joined by و with no subject of its
        // own shares the subject of the verb before it.
        const own = doc.tokens[t.tokenStart] as Token;
        if (
          t.entry.verb &&
          own.proclitics?.[0] === "و" &&
          verbSubject &&
          !view.actors.some((a) => a.tokenStart >= t.tokenEnd && a.tokenStart <= t.tokenEnd + 1)
        )
          agent = verbSubject;
        if (agent) verbSubject = agent;
        if (casualties.length === 0 && spokenAttack(kb, view, t, agent, here)) continue;
        let target = resolveSide(
          kb,
          view,
          targetOf(doc, kb, view, t, agent) ?? victimOf(kb, view, casualties, agent),
          owners,
        );
        // "قصفت قوات النظام بالمدفعية": the agent's own weapon is not the other side; the dead
        // named after a casualty word may be.
        if (target && agent && target.mention.actorId === agent.mention.actorId)
          target = resolveSide(kb, view, victimOf(kb, view, casualties, agent), owners);
        // "بسبب تقدم قوات النظام", "بسبب المعارك الدائرة هناك": after "because of", an
        // ambiguous word or a fight with no side named explains, it does not report.
        if (prev && CAUSE_WORDS.has(prev.stem ?? prev.norm) && (t.entry.weak || !agent)) continue;
        // "وأسفر الهجوم عن", "عن الهجوم": the definite noun of a generic attack, with no side of
        // its own, points back at an attack the article already told.
        const first = doc.tokens[t.tokenStart] as Token;
        if (
          t.entry.generic &&
          first.definite &&
          !agent &&
          (drafts.length > 0 || nonEvents.length > 0)
        ) {
          // "وأسفر الهجوم الذي وقع في بلدة طوز خورماتو": the telling back may say where the
          // attack took place when the first telling only named the country or the province.
          if (mode === "asserted") {
            const told = drafts.at(-1);
            const { place, inherited } = placeOf(view, t, doc, lastPlace);
            if (told && place && !inherited) {
              const before = told.key;
              relocate(told, place, sentence);
              if (told.key !== before && !draftsByKey.has(told.key)) {
                draftsByKey.delete(before);
                draftsByKey.set(told.key, told);
              }
            }
          }
          continue;
        }
        let { eventType, subEventType } = typeOf(kb, t.entry, agent, target);
        // Crowds and civilians fight no battles and take no ground (ACLED: battles are between
        // organised armed groups): protesters clashing with the police riot; civilians as the
        // authors of a battle are a misreading.
        const agentInter = agent?.mention.actorId
          ? kb.actor(agent.mention.actorId)?.inter
          : undefined;
        if (eventType === "Battles" && (agentInter === 5 || agentInter === 6 || agentInter === 7)) {
          // Crowds named in an earlier clause were not the ones fighting ("طالب المعتصمون بإعدام
          // … الذي قتل في معارك مع الثوار").
          const crowdHere = agent && agent.tokenStart >= clauseOf(view, t.tokenStart).from;
          if (TERRITORIAL.has(subEventType) || agentInter === 7 || !crowdHere) continue;
          eventType = "Riots";
          subEventType = "Violent demonstration";
        }
        // Ground changing hands with neither side named cannot be coded: who gained it is the
        // event's sub-type and its first actor.
        if (TERRITORIAL.has(subEventType) && !agent && !target) continue;
        if (violent && eventType === "Strategic developments") continue;
        const flight = eventType === "Displacement" ? displacementOf(view, t) : undefined;
        // Who controls where people went is not the other side of their flight.
        if (flight) target = undefined;
        if (flight) {
          // Camps and "they headed to" in a sentence that already tells a flight add its
          // destinations; alone, a camp is a place, not an event.
          const joins = subEventType === "Displacement camp" || (t.entry.weak && sentenceFlight);
          if (joins) {
            if (sentenceFlight) addDestinations(sentenceFlight.record, flight.destinations);
            continue;
          }
        }
        const assoc = associatesOf(doc, kb, view, agent);
        const { place, inherited } =
          eventType === "Displacement" && flight && flight.origins.length > 0
            ? placeOf({ ...view, places: flight.origins }, t, doc, lastPlace)
            : placeOf(view, t, doc, lastPlace);
        // "المتظاهرون", "الغارات": a definite noun of a kind of event the article already
        // told, with no other place, is that event again.
        if (
          first.definite &&
          !t.entry.verb &&
          (draftsByType.get(eventType) ?? []).some(
            (d) => inherited || !place || d.record.location === siteOf(place).name,
          )
        )
          continue;
        // A word with neither a side nor a place of its own, and no dead or wounded beside it
        // ("بعد اغتيال", "هجوم على الحريات"), names a kind of event or one told elsewhere more
        // often than it reports a new one (measured on the GSR sentences: 419 of 1,308 false
        // alarms against 39 of 320 hits).
        if (!agent && !target && (inherited || !place) && casualties.length === 0) continue;
        // A noun of violence or protest with no dead or wounded in its sentence and no verb saying
        // it took place (شهدت، شنت، تعرض) names the event — in a statement, a condemnation, a
        // topic — more often than it reports it (GSR: nominal ASSAULT triggers with only an actor
        // or a place were 434 false alarms against 33 hits).
        if (
          REPORTED_BY_VERB.has(eventType) &&
          casualties.length === 0 &&
          !isFiniteVerb(doc.tokens, t.tokenStart) &&
          !hasOccurrenceVerb(view, t) &&
          !toldByOwnVerb(view, t, here, isAsserted)
        )
          continue;
        // An ambiguous word (دخل، تقدم) makes an event only with an actor or place of its own.
        // A crowd counted right after the word, or right before it, is the protest's own actor
        // ("تجمع المئات", "آلاف المتظاهرين", "عدة مئات من المتظاهرين").
        const crowdCounted =
          eventType === "Protests" &&
          view.quantities.some((q) => {
            const i = tokenIndexAt(doc.tokens, q.start);
            const j = tokenIndexAt(doc.tokens, q.end - 1);
            // Before the word, only a crowd's size (hundreds, thousands): "إصابة 8 متظاهرين"
            // counts the wounded among them.
            const crowd = (q.value ?? q.min ?? 0) >= 100;
            return (
              (i >= t.tokenStart && i - t.tokenEnd <= 1) ||
              (crowd && j < t.tokenStart && t.tokenStart - j <= 2)
            );
          });
        // A weapon or a blast told by a verb saying it happened (وقعت تفجيرات، أطلقت صواريخ،
        // انفجرت قنبلة) at a place of its own, or with dead or wounded, is an attack even when
        // nobody is named for it: "انفجار" alone may be a crisis, a bomb that went off may not.
        // A fight or an assault needs its dead ("تعرض للتعذيب" is a practice more often than an
        // event; an ambiguous "دخل" or "تقدم" is no battle without a side).
        const violenceTold =
          VIOLENT.has(eventType) &&
          !TERRITORIAL.has(subEventType) &&
          (eventType === "Explosions/Remote violence"
            ? (place && !inherited) || casualties.length > 0
            : casualties.length > 0) &&
          (happenedVerb(view, t, cues) || toldByOwnVerb(view, t, here, isAsserted));
        if (t.entry.weak && (!agent || inherited) && !crowdCounted && !violenceTold) continue;
        const date = inSentence.filter((d) => d.start < t.end).at(-1) ?? inSentence[0];
        // A day weeks before the article ("سيطرت على تل أبيض يوم 15 يونيو" in a report of late
        // July) dates background the article recalls: the news of that day reported it.
        if (mode === "asserted" && longBefore(date, doc.meta.published)) mode = "reference";
        let fatalities = fatalitiesOf(view, casualties, options.acledVague ?? false);
        // "قتلت القوات العراقية 20 عنصرا": the killers stand between the verb and the toll.
        const toll = told.find((k) => k.trigger === t)?.dead;
        if (fatalities.count === 0 && toll?.value != null && Number.isSafeInteger(toll.value))
          fatalities = { count: toll.value, evidence: { start: toll.start, end: toll.end } };
        const attribution: Attribution = attributionFor(actx, sentence, t);
        const site = siteOf(place);
        const country = place?.country || docCountry;
        let a1 = actorName(kb, agent?.mention, country);
        // ACLED codes a bomb or an attack on civilians nobody is named for to an unidentified
        // armed group of the country.
        if (!a1.name && UNCLAIMED.has(subEventType))
          a1 = { name: `Unidentified Armed Group (${country || "International"})`, inter: 3 };
        const crowd = DEFAULT_AGENT[eventType];
        // Protesters who turn violent are rioters (ACLED's inter 5).
        if (crowd && eventType === "Riots" && a1.inter === 6)
          a1 = { name: `${crowd.name} (${country || "International"})`, inter: crowd.inter };
        if (!a1.name && crowd)
          a1 = { name: `${crowd.name} (${country || "International"})`, inter: crowd.inter };
        let a2 = actorName(kb, target?.mention, country);
        // Violence against civilians has civilians on the other side, named or not.
        if (!a2.name && eventType === "Violence against civilians")
          a2 = { name: `Civilians (${country || "International"})`, inter: 7 };
        // A bomb or a shell whose dead are civilians, women, children, or people where no force
        // is named ("12 شخصا قتلوا عندما هاجم انتحاريان حمام سباحة"): civilians are the other
        // side, as ACLED codes it.
        const civilianToll =
          !a2.name && eventType === "Explosions/Remote violence"
            ? civilianDead(view, casualties)
            : undefined;
        if (civilianToll) a2 = { name: `Civilians (${country || "International"})`, inter: 7 };
        const targetInfo = target?.mention.actorId ? kb.actor(target.mention.actorId) : undefined;
        const civilians = targetInfo?.inter === 7 || a2.inter === 7;
        const evidence: Evidence[] = [
          { role: "sentence", start: sentence.start, end: sentence.end },
          { role: "trigger", start: t.start, end: t.end },
        ];
        if (agent)
          evidence.push({ role: "actor1", start: agent.mention.start, end: agent.mention.end });
        if (target)
          evidence.push({ role: "actor2", start: target.mention.start, end: target.mention.end });
        else if (civilianToll)
          evidence.push({ role: "actor2", start: civilianToll.start, end: civilianToll.end });
        for (const a of assoc)
          evidence.push({ role: "assoc_actor", start: a.mention.start, end: a.mention.end });
        if (place && !inherited)
          evidence.push({ role: "location", start: place.start, end: place.end });
        if (date) evidence.push({ role: "date", start: date.start, end: date.end });
        if (fatalities.evidence) evidence.push({ role: "fatalities", ...fatalities.evidence });
        let confidence = 0.4;
        if (agent) confidence += 0.15;
        if (target) confidence += 0.1;
        if (place && !inherited) confidence += 0.15;
        if (date) confidence += 0.1;
        if (attribution.stance === "allege" || attribution.stance === "speculate")
          confidence -= 0.15;
        const published = doc.meta.published ?? null;
        const record: EventRecord = {
          id: "",
          event_date: date?.date ?? published,
          time_precision: date ? date.timePrecision : published ? 2 : null,
          event_type: eventType,
          sub_event_type: subEventType,
          actor1: a1.name,
          assoc_actor_1: assoc
            .map((a) => actorName(kb, a.mention, country).name)
            .filter(Boolean)
            .join("; "),
          inter1: a1.inter,
          actor2: a2.name,
          assoc_actor_2: "",
          inter2: a2.inter,
          civilian_targeting:
            civilians && eventType === "Violence against civilians" ? "Civilian targeting" : "",
          country: place?.country ?? "",
          admin1: site.admin1,
          admin2: site.admin2,
          location: site.name,
          latitude: site.latitude,
          longitude: site.longitude,
          geo_precision: site.precision
            ? inherited
              ? (Math.min(3, site.precision + 1) as 2 | 3)
              : site.precision
            : null,
          source: sourceNames(attribution.chain).join("; "),
          notes: doc.text.slice(sentence.start, sentence.end).replace(/\s+/g, " ").slice(0, 500),
          fatalities: fatalities.count,
          evidence,
          attribution,
          confidence: +Math.max(0.05, Math.min(0.99, confidence)).toFixed(2),
          mode,
          // The trigger's PLOVER code holds for the type it names; when the context recodes it
          // (a siege between armed sides is a battle), the export maps the ACLED type instead.
          ...(t.entry.plover && subEventType === t.entry.subEventType
            ? { plover: t.entry.plover }
            : {}),
          ...(flight
            ? {
                displacement: {
                  ...(place && !inherited ? { origin: place } : {}),
                  destinations: flight.destinations.filter(
                    (d) => d.gazetteerId !== place?.gazetteerId,
                  ),
                  ...(flight.people ? { people: flight.people } : {}),
                },
              }
            : {}),
        };
        // Only a reported event's place carries over to the next sentences: the province of an
        // offensive still expected is not where the next attack took place.
        if (place && !inherited && mode === "asserted") lastPlace = place;
        if (mode !== "asserted") {
          nonEvents.push({ ...record, id: eventId(doc, ++n) });
          continue;
        }
        const emitted = emit(record, Boolean(flight));
        if (flight) sentenceFlight = emitted;
        // "تظاهرات في بغداد والبصرة والنجف": one event per place of a coordinated list.
        if (!flight && place && !inherited) {
          for (const other of coordinatedPlaces(doc, view, t, place)) {
            const s2 = siteOf(other);
            emit(
              {
                ...record,
                evidence: [
                  ...record.evidence.filter((e) => e.role !== "location"),
                  { role: "location", start: other.start, end: other.end },
                ],
                country: other.country ?? record.country,
                admin1: s2.admin1,
                admin2: s2.admin2,
                location: s2.name,
                latitude: s2.latitude,
                longitude: s2.longitude,
                geo_precision: s2.precision,
              },
              false,
            );
          }
        }
      }
    }
    doc.events = drafts.map((d) => d.record);
    doc.nonEvents = nonEvents;
  };
}
