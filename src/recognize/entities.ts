/**
 * Entity mentions: actors from the dictionary, unnamed sources ("مصدر عسكري في قوات النظام"),
 * persons from appositions ("المتحدث باسم وزارة الدفاع الروسية، سيرغي شويغو"), and short
 * references resolved to what they point at: الأخيرة to the last-named force, التنظيم to the
 * group in focus, الجنرال الروسي to the Russian general named before, a surname to its person.
 */
import type { Hit, Knowledge, RoleInfo } from "../events/context.js";
import { defaultFunctionWords } from "../text/lexicon.js";
import { tokenIndexAt } from "../text/tokenize.js";
import type { EntityMention, RasdDocument, Stage, Token } from "../types.js";

const FORCE_KINDS = new Set(["state_force", "armed_group", "militia", "coalition"]);
const SOURCE_KINDS = new Set(["media", "monitor"]);

/** Nationality adjectives (normalized, without ال) and the ISO2 country they name. */
const NATIONALITY: Record<string, string> = {
  روسي: "RU",
  امريكي: "US",
  اميركي: "US",
  تركي: "TR",
  ايراني: "IR",
  سوري: "SY",
  عراقي: "IQ",
  اسرائيلي: "IL",
  فرنسي: "FR",
  بريطاني: "GB",
  سعودي: "SA",
  يمني: "YE",
  ليبي: "LY",
  لبناني: "LB",
  مصري: "EG",
};

/** Words that refer back to the last-named force (the latter; these forces). */
const LATTER = new Set(["اخيره", "اخير"]);
const GROUP_WORDS = new Set(["تنظيم"]);

function isWord(t: Token | undefined): t is Token {
  return t !== undefined && (t.kind === "arabic" || t.kind === "latin");
}

function base(t: Token): string {
  return t.stem ?? t.norm;
}

interface Ctx {
  doc: RasdDocument;
  kb: Knowledge;
  taken: Uint8Array; // tokens already inside a mention
  reserved?: Uint8Array; // reporting verbs and event words
  /** Where the document's verbs of saying end (token index), computed when first needed. */
  sayingEnds?: Set<number>;
}

function mark(ctx: Ctx, from: number, to: number): void {
  for (let i = from; i < to; i++) ctx.taken[i] = 1;
}

function free(ctx: Ctx, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (ctx.taken[i]) return false;
  return true;
}

/** Function words end a name (reporting verbs and event words are reserved separately). */
const NOT_NAME = defaultFunctionWords();

/**
 * A run of 1–4 name-like words at `i`: no punctuation, no word already inside another mention,
 * no clitic-bearing, function, reporting or event word or title, and no definite noun after the
 * first word but a family name (الجبوري) or the second half of a compound (عبد الكريم).
 */
function nameAt(ctx: Ctx, i: number): number {
  let j = i;
  while (j < ctx.doc.tokens.length && j - i < 4) {
    const t = ctx.doc.tokens[j];
    if (!isWord(t) || ctx.taken[j] || ctx.reserved?.[j] || NOT_NAME.has(t.norm)) break;
    if (j > i && (t.proclitics ?? []).some((p) => p !== "ال")) break;
    if (j > i && t.norm.startsWith("ال") && !namePart(ctx.doc.tokens[j - 1] as Token, t)) break;
    j++;
  }
  return j - i;
}

/** Verbs that open an aside after a title: "مسؤول، طلب عدم ذكر اسمه، …" (not a name). */
const ASIDE_VERBS = new Set(["طلب", "رفض", "فضل", "اشترط", "طالبا", "رافضا", "مفضلا"]);

/** Particles of compound names: عبد الكريم، أبو بكر، ابن الخطاب. */
const NAME_PARTICLES = new Set(["عبد", "ابو", "ابي", "ابن", "بن", "بنت", "ام"]);

/**
 * Whether a word with the article continues a name: after عبد/أبو (عبد الكريم), or as a family
 * name of relation (الجبوري، الربيعي — the nisba ending ي) that is not a nationality.
 */
function namePart(prev: Token, t: Token): boolean {
  if (NAME_PARTICLES.has(prev.norm)) return true;
  return t.norm.length >= 5 && t.norm.endsWith("ي") && !NATIONALITY[t.norm.replace(/^ال/, "")];
}

/** The actor mentioned right at token `i` (after باسم، في، من، لـ), if any. */
function actorAt(
  actorHits: Map<number, Hit<import("../events/context.js").ActorInfo>>,
  doc: RasdDocument,
  i: number,
) {
  for (let k = i; k < Math.min(i + 3, doc.tokens.length); k++) {
    const h = actorHits.get(k);
    if (h) return h;
    const w = doc.tokens[k];
    if (!w || !["في", "من", "باسم", "اسم", "داخل", "لدى", "ل"].includes(base(w))) break;
  }
  return undefined;
}

function recognize(doc: RasdDocument, kb: Knowledge): EntityMention[] {
  const ctx: Ctx = { doc, kb, taken: new Uint8Array(doc.tokens.length) };
  const out: EntityMention[] = [];
  const actorHits = kb.actors(doc.tokens);
  const byStart = new Map(actorHits.map((h) => [h.tokenStart, h]));

  for (const h of actorHits) {
    const a = h.entry;
    out.push({
      type: SOURCE_KINDS.has(a.kind) ? "source" : "actor",
      start: h.start,
      end: h.end,
      text: doc.text.slice(h.start, h.end),
      actorId: a.id,
      rule: "actor-dictionary",
      confidence: 0.9,
    });
    mark(ctx, h.tokenStart, h.tokenEnd);
  }

  // Reporting verbs and event words are never part of a name ("الشيخ ياسين، مشيرا").
  const reserved = new Uint8Array(doc.tokens.length);
  for (const h of [...kb.reportingVerbs(doc.tokens), ...kb.triggers(doc.tokens)]) {
    for (let i = h.tokenStart; i < h.tokenEnd; i++) reserved[i] = 1;
  }
  // Nor are titles: "عبد الكريم الربيعي قائد عمليات ديالى" ends before قائد.
  const roles = kb.roles(doc.tokens);
  for (const r of roles) reserved[r.tokenStart] = 1;
  ctx.reserved = reserved;
  for (const r of roles) {
    if (r.entry.type === "source") {
      // "مصادر في قوات النظام": the force inside the phrase is the source's affiliation, not
      // a party to the story, so its actor mention gives way to the source phrase.
      if (ctx.taken[r.tokenStart]) continue;
      const inner = actorHits.find((h) => h.tokenStart > r.tokenStart && h.tokenStart < r.tokenEnd);
      if (inner) {
        const k = out.findIndex((m) => m.start === inner.start && m.rule === "actor-dictionary");
        if (k >= 0) out.splice(k, 1);
      }
      out.push(sourceMention(ctx, r, byStart, inner));
      continue;
    }
    if (!free(ctx, r.tokenStart, r.tokenEnd)) continue;
    {
      const person = personAfterTitle(ctx, r, byStart);
      if (person) out.push(person);
    }
  }
  out.sort((a, b) => a.start - b.start);
  resolveReferences(ctx, out);
  resolveSameSources(doc, out);
  return out.sort((a, b) => a.start - b.start);
}

/** "مصدر عسكري في قوات النظام": the source phrase, with the force it belongs to. */
function sourceMention(
  ctx: Ctx,
  r: Hit<RoleInfo>,
  byStart: Map<number, Hit<import("../events/context.js").ActorInfo>>,
  inner?: Hit<import("../events/context.js").ActorInfo>,
): EntityMention {
  const affiliation = inner ?? actorAt(byStart, ctx.doc, r.tokenEnd);
  const end = Math.max(r.end, affiliation ? affiliation.end : r.end);
  const endToken = Math.max(r.tokenEnd, affiliation ? affiliation.tokenEnd : r.tokenEnd);
  mark(ctx, r.tokenStart, endToken);
  return {
    type: "source",
    start: r.start,
    end,
    text: ctx.doc.text.slice(r.start, end),
    role: r.entry.sourceKind ?? r.entry.label,
    ...(affiliation ? { affiliation: affiliation.entry.id, actorId: affiliation.entry.id } : {}),
    rule: "source-phrase",
    confidence: 0.8,
  };
}

/** Words that point back to sources already named: "المصادر ذاتها", "هذه المصادر". */
const SAME_WORDS = new Set(["ذاتها", "نفسها", "ذاته", "نفسه", "ذاتهم", "انفسهم"]);
const DEMONSTRATIVES = new Set(["هذه", "تلك", "هذا", "ذلك", "هؤلاء"]);

/**
 * A bare definite "المصادر" with ذاتها/نفسها after it or هذه before it is the last unnamed
 * source named before: it inherits that source's kind and affiliation.
 */
function resolveSameSources(doc: RasdDocument, mentions: EntityMention[]): void {
  const sources = mentions.filter((m) => m.type === "source").sort((a, b) => a.start - b.start);
  for (const m of sources) {
    if (m.refersTo || m.rule !== "source-phrase") continue;
    const i = tokenIndexAt(doc.tokens, m.start);
    const j = tokenIndexAt(doc.tokens, m.end - 1);
    const t = doc.tokens[i];
    if (!t?.definite || j !== i) continue;
    const after = doc.tokens[j + 1];
    const before = doc.tokens[i - 1];
    const anaphoric =
      (after && SAME_WORDS.has(after.norm)) || (before && DEMONSTRATIVES.has(before.norm));
    if (!anaphoric) continue;
    // "هذه المصادر" points at sources named as such (مصادر محلية), before activists or witnesses.
    const earlier = [...sources]
      .reverse()
      .filter((p) => p.end <= m.start && p !== m && !p.refersTo && p.rule === "source-phrase");
    const target = earlier.find((p) => /^(ال)?مصادر|^(ال)?مصدر/.test(p.text)) ?? earlier[0];
    if (!target) continue;
    m.refersTo = { start: target.start, end: target.end };
    if (target.role) m.role = target.role;
    if (target.affiliation) m.affiliation = target.affiliation;
    if (target.actorId) m.actorId = target.actorId;
  }
}

/**
 * A title followed by whom it belongs to and a name: "قائد قوات العمليات الخاصة في التحالف
 * الدولي، جيمس ماتيس" or "الجنرال سيرغي شويغو". Without a name it is a reference
 * ("الجنرال الروسي"), resolved later.
 */
function personAfterTitle(
  ctx: Ctx,
  r: Hit<RoleInfo>,
  byStart: Map<number, Hit<import("../events/context.js").ActorInfo>>,
): EntityMention | undefined {
  const tokens = ctx.doc.tokens;
  let i = r.tokenEnd;
  let affiliation: string | undefined;
  // Up to ten words of organisation after the title, to the comma before the name.
  let j = i;
  while (
    j < tokens.length &&
    j - i < 10 &&
    tokens[j]?.norm !== "،" &&
    tokens[j]?.kind !== "punct"
  ) {
    const h = byStart.get(j);
    if (h) {
      affiliation = h.entry.id;
      j = h.tokenEnd;
      continue;
    }
    j++;
  }
  // "وقال علي الحسيني، رئيس بلدية طوز خورماتو": the name comes first, between a verb of saying
  // and the comma before the title; what follows the title is its organisation or town.
  const before = nameBeforeTitle(ctx, r.tokenStart);
  if (before >= 0) {
    const first = tokens[before] as Token;
    const last = tokens[r.tokenStart - 2] as Token;
    const roleLast = tokens[j - 1] as Token;
    mark(ctx, before, j);
    return {
      type: "person",
      start: first.start,
      end: last.end,
      text: ctx.doc.text.slice(first.start, last.end),
      role: ctx.doc.text.slice(r.start, roleLast.end),
      roleSpan: { start: r.start, end: roleLast.end },
      ...(affiliation ? { affiliation, actorId: affiliation } : {}),
      rule: "apposition",
      confidence: 0.7,
    };
  }
  let nameStart = -1;
  if (
    tokens[j]?.norm === "،" &&
    nameAt(ctx, j + 1) >= 1 &&
    !ASIDE_VERBS.has(base(tokens[j + 1] as Token))
  )
    nameStart = j + 1;
  else if (nameAt(ctx, i) >= 2) nameStart = i; // "الجنرال سيرغي شويغو"
  const roleEnd = (tokens[(nameStart > 0 ? nameStart : j) - 1] ?? tokens[i - 1]) as Token;
  const roleText = ctx.doc.text.slice(
    r.start,
    nameStart === i
      ? r.end
      : roleEnd.norm === "،"
        ? (tokens[nameStart - 2] as Token).end
        : roleEnd.end,
  );
  if (nameStart < 0) {
    // A title with a nationality and no name: a reference to someone named before.
    const next = tokens[r.tokenEnd];
    const nat = next ? NATIONALITY[base(next).replace(/^ال/, "")] : undefined;
    if (!nat) return undefined;
    mark(ctx, r.tokenStart, r.tokenEnd + 1);
    return {
      type: "person",
      start: r.start,
      end: (next as Token).end,
      text: ctx.doc.text.slice(r.start, (next as Token).end),
      role: r.entry.label,
      affiliation: nat,
      rule: "title-reference",
      confidence: 0.6,
    };
  }
  i = nameStart;
  const n = nameAt(ctx, i);
  const first = tokens[i] as Token;
  const last = tokens[i + n - 1] as Token;
  mark(ctx, r.tokenStart, i + n);
  return {
    type: "person",
    start: first.start,
    end: last.end,
    text: ctx.doc.text.slice(first.start, last.end),
    role: roleText,
    roleSpan: { start: r.start, end: r.start + roleText.length },
    ...(affiliation ? { affiliation, actorId: affiliation } : {}),
    rule: "apposition",
    confidence: 0.75,
  };
}

/**
 * The first token of a name of two to four words that ends with a comma right before the title
 * at `title` and starts right after a verb of saying ("قال علي الحسيني، رئيس …"), or -1.
 */
function nameBeforeTitle(ctx: Ctx, title: number): number {
  const tokens = ctx.doc.tokens;
  if (tokens[title - 1]?.norm !== "،") return -1;
  ctx.sayingEnds ??= new Set(ctx.kb.reportingVerbs(tokens).map((v) => v.tokenEnd));
  const saying = ctx.sayingEnds;
  for (let start = title - 3; start >= Math.max(0, title - 5); start--) {
    if (!saying.has(start)) continue;
    // Between the verb and the comma, every word is a word of the name: here a function word's
    // homograph is the name (علي, not على).
    for (let k = start; k < title - 1; k++) {
      const t = tokens[k] as Token;
      if (!isWord(t) || ctx.taken[k] || ctx.reserved?.[k]) return -1;
      if ((t.proclitics ?? []).some((p) => p !== "ال")) return -1;
      if (k === start ? t.definite : t.definite && !namePart(tokens[k - 1] as Token, t)) return -1;
    }
    return start;
  }
  return -1;
}

/** Short references: الأخيرة, التنظيم, a surname, "الجنرال الروسي". */
function resolveReferences(ctx: Ctx, mentions: EntityMention[]): void {
  const { doc, kb } = ctx;
  const persons = mentions.filter((m) => m.type === "person" && m.rule === "apposition");
  const forceCounts = new Map<string, number>();
  const added: EntityMention[] = [];
  let lastForce: EntityMention | undefined;
  let mi = 0;
  const sorted = [...mentions].sort((a, b) => a.start - b.start);
  // Made once, not per token: a closure per token was a measurable share of the pipeline.
  const at = (t: Token, refersTo: EntityMention, rule: string, confidence: number) => {
    added.push({
      type: refersTo.type === "source" ? "actor" : refersTo.type,
      start: t.baseStart ?? t.start,
      end: t.end,
      text: doc.text.slice(t.baseStart ?? t.start, t.end),
      ...(refersTo.actorId ? { actorId: refersTo.actorId } : {}),
      ...(refersTo.role ? { role: refersTo.role } : {}),
      refersTo: { start: refersTo.start, end: refersTo.end },
      rule,
      confidence,
    });
  };
  // A surname refers to the first person (in list order) of that surname who ends before it.
  // Persons become candidates as the tokens pass their end, so the first candidate of each
  // surname is kept up to date instead of every person being compared at every word.
  const surnames = persons.map((p) => p.text.split(/\s+/).at(-1));
  const surnameLengths = new Set(surnames.map((x) => x?.length));
  const endOf = (k: number) => (persons[k] as EntityMention).end;
  const byEnd = persons.map((_p, k) => k).sort((a, b) => endOf(a) - endOf(b));
  const firstBySurname = new Map<string, number>();
  let pi = 0;
  // Likewise the first mention (by start) of each actor that ends before the word.
  const sortedByEnd = sorted.map((_m, k) => k).sort((a, b) => endOfSorted(a) - endOfSorted(b));
  function endOfSorted(k: number): number {
    return (sorted[k] as EntityMention).end;
  }
  const firstOfActor = new Map<string | undefined, number>();
  let si = 0;
  for (let i = 0; i < doc.tokens.length; i++) {
    const t = doc.tokens[i] as Token;
    while (si < sortedByEnd.length && endOfSorted(sortedByEnd[si] as number) <= t.start) {
      const k = sortedByEnd[si++] as number;
      const actorId = (sorted[k] as EntityMention).actorId;
      const first = firstOfActor.get(actorId);
      if (first === undefined || k < first) firstOfActor.set(actorId, k);
    }
    while (pi < byEnd.length && endOf(byEnd[pi] as number) <= t.start) {
      const k = byEnd[pi++] as number;
      const surname = surnames[k];
      if (surname === undefined) continue;
      const first = firstBySurname.get(surname);
      if (first === undefined || k < first) firstBySurname.set(surname, k);
    }
    while (mi < sorted.length && (sorted[mi] as EntityMention).end <= t.start) {
      const m = sorted[mi] as EntityMention;
      const info = m.actorId ? kb.actor(m.actorId) : undefined;
      // A force named inside a source phrase ("مصدر في قوات النظام") is named all the same.
      if ((m.type === "actor" || m.type === "source") && info && FORCE_KINDS.has(info.kind)) {
        lastForce = m;
        if (info.kind === "armed_group")
          forceCounts.set(info.id, (forceCounts.get(info.id) ?? 0) + 1);
      }
      mi++;
    }
    if (ctx.taken[i] || !isWord(t)) continue;
    const w = base(t);
    // Flags before words: looking a word up reads its string, a cache miss at most tokens.
    if (t.definite && lastForce && LATTER.has(w)) at(t, lastForce, "coreference:latter", 0.7);
    else if (t.definite && GROUP_WORDS.has(w) && doc.tokens[i + 1]?.kind !== "punct") {
      const focusId = [...forceCounts].sort((a, b) => b[1] - a[1])[0]?.[0];
      const first = firstOfActor.get(focusId);
      const target = first === undefined ? undefined : sorted[first];
      if (target && !doc.tokens[i + 1]?.norm.startsWith('"'))
        at(t, target, "coreference:group-in-focus", 0.7);
    } else if (t.kind === "arabic" && !t.definite) {
      // The word sliced only when a surname is that long: this runs at every token.
      const from = t.baseStart ?? t.start;
      if (!surnameLengths.has(t.end - from)) continue;
      const k = firstBySurname.get(doc.text.slice(from, t.end));
      if (k !== undefined) at(t, persons[k] as EntityMention, "coreference:surname", 0.8);
    }
  }
  // "الجنرال الروسي": the last person (in list order) before it whose affiliation is of that
  // country; persons become candidates as the titles pass their end, as above.
  const titles = mentions.filter((m) => m.rule === "title-reference");
  const startOf = (j: number) => (titles[j] as EntityMention).start;
  const titleOrder = titles.map((_m, j) => j).sort((a, b) => startOf(a) - startOf(b));
  const lastByCountry = new Map<string | undefined, number>();
  const targets = new Map<EntityMention, EntityMention>();
  pi = 0;
  for (const j of titleOrder) {
    const m = titles[j] as EntityMention;
    while (pi < byEnd.length && endOf(byEnd[pi] as number) <= m.start) {
      const k = byEnd[pi++] as number;
      const p = persons[k] as EntityMention;
      if (!p.actorId) continue;
      const country = kb.actor(p.actorId)?.country;
      const last = lastByCountry.get(country);
      if (last === undefined || k > last) lastByCountry.set(country, k);
    }
    const k = lastByCountry.get(m.affiliation);
    if (k !== undefined) targets.set(m, persons[k] as EntityMention);
  }
  for (const m of titles) {
    const country = m.affiliation;
    const target = targets.get(m);
    if (target) {
      m.refersTo = { start: target.start, end: target.end };
      if (target.actorId) m.actorId = target.actorId;
      m.affiliation = target.affiliation ?? country;
    }
  }
  mentions.push(...added);
}

export interface EntityOptions {
  knowledge: Knowledge;
}

export function entitiesStage(options: EntityOptions): Stage {
  return (doc) => {
    doc.entities = recognize(doc, options.knowledge);
  };
}
