/**
 * Claims and disputes. A statement by a named or unnamed source becomes a claim: speaker, verb,
 * stance, date, the reported content and what it is about. Claims by two speakers where one
 * rejects the other's statements ("استغرابه من تصريحات ماتيس، معتبرا إياها سخافة") form a
 * dispute with a side each; a third source whose claim agrees with one side corroborates it.
 */
import { partAt } from "../article/parts.js";
import { defaultFunctionWords } from "../text/lexicon.js";
import { SpanIndex } from "../text/span-index.js";
import { tokenIndexAt } from "../text/tokenize.js";
import type {
  Claim,
  ClaimTopic,
  DateMention,
  Dispute,
  EntityMention,
  EventRecord,
  PlaceMention,
  Quantity,
  Quote,
  RasdDocument,
  Sentence,
  Span,
  Stage,
  Token,
} from "../types.js";
import {
  type AttributionContext,
  buildAttributionContext,
  linkFor,
  speakersOf,
} from "./attribution.js";
import { CAUSE_WORDS, type Hit, type Knowledge, type TriggerInfo } from "./context.js";

const COMPLEMENTIZERS = new Set(["ان", "انه", "انها", "انهم", "بان", "بانه"]);
/** Words that reject what someone else said: surprise, absurdity, lies, claims. */
const REJECTION = new Set([
  "استغراب",
  "استغرابه",
  "سخافه",
  "سخافات",
  "مزاعم",
  "ادعاءات",
  "اكاذيب",
  "كذب",
  "هراء",
  "رفض",
  "نفي",
  "تكذيب",
  "مغالطات",
  "خلاف",
  "تضارب",
]);
const CONTROL_WORDS = new Set([
  "سيطره",
  "سيطرت",
  "يسيطر",
  "تسيطر",
  "تفرض",
  "نفوذ",
  "تحرير",
  "تحررت",
]);
/** Words too common to tell two claims' contents apart. */
const STOP = defaultFunctionWords();

function inside(span: Span, s: Span): boolean {
  return span.start >= s.start && span.end <= s.end;
}

/** The document's spans by position, built once per document (see SpanIndex). */
interface Spans {
  entities: SpanIndex<EntityMention>;
  places: SpanIndex<PlaceMention>;
  quantities: SpanIndex<Quantity>;
  dates: SpanIndex<DateMention>;
  quotes: SpanIndex<Quote>;
  triggers: SpanIndex<Hit<TriggerInfo>>;
  /** Each event's trigger evidence, for the events a claim's content tells. */
  eventTriggers: SpanIndex<{ start: number; end: number; event: number }>;
}

function spansOf(doc: RasdDocument, triggers: Hit<TriggerInfo>[]): Spans {
  return {
    entities: new SpanIndex(doc.entities),
    places: new SpanIndex(doc.places),
    quantities: new SpanIndex(doc.quantities),
    dates: new SpanIndex(doc.dates),
    quotes: new SpanIndex(doc.quotes),
    triggers: new SpanIndex(triggers),
    eventTriggers: new SpanIndex(
      doc.events.flatMap((e: EventRecord, event) =>
        e.evidence
          .filter((x) => x.role === "trigger")
          .map((x) => ({ start: x.start, end: x.end, event })),
      ),
    ),
  };
}

function tokenRange(doc: RasdDocument, span: Span): Token[] {
  // Tokens are in text order: the ones inside are a run, found by binary search.
  const tokens = doc.tokens;
  let from = tokenIndexAt(tokens, span.start);
  while (from < tokens.length && (tokens[from] as Token).start < span.start) from++;
  return tokens.slice(from, Math.max(from, tokenIndexAt(tokens, span.end)));
}

/** The reported content: after أن/إن or a colon, or the quotation that follows the verb. */
function contentOf(doc: RasdDocument, spans: Spans, sentence: Sentence, from: number): Span {
  const tokens = doc.tokens
    .slice(sentence.tokenStart, sentence.tokenEnd)
    .filter((t) => t.start >= from);
  const comp = tokens.find((t) => COMPLEMENTIZERS.has(t.stem ?? t.norm) || t.norm === ":");
  // A quotation is the content when no أن/إن clause comes first ("قال: «...»", "معتبرا إياها «...»").
  const quote = spans.quotes
    .inside(from, sentence.end)
    .find((q) => !comp || comp.norm === ":" || q.start < comp.start);
  if (quote && (!comp || comp.norm === ":" || quote.end <= comp.start) && quote.start - from < 40) {
    if (!comp || comp.norm === ":" || comp.start > quote.end) return quote.inner;
  }
  const start = comp ? (tokens[tokens.indexOf(comp) + 1]?.start ?? comp.end) : from;
  let end = sentence.end;
  while (end > start && /[\s.،؛]/u.test(doc.text[end - 1] as string)) end--;
  return { start, end: Math.max(start, end) };
}

function topicOf(doc: RasdDocument, spans: Spans, content: Span): ClaimTopic {
  const inContent = spans.triggers.inside(content.start, content.end);
  if (inContent.some((t) => t.entry.eventType === "Displacement")) return "displacement";
  const words = tokenRange(doc, content).map((t) => t.stem ?? t.norm);
  if (words.some((w) => CONTROL_WORDS.has(w))) return "control";
  if (spans.quantities.inside(content.start, content.end).some((q) => q.unit === "percent"))
    return "number";
  if (inContent.length > 0) return "event";
  if (words.some((w) => CAUSE_WORDS.has(w))) return "cause";
  return "other";
}

function speakerKey(doc: RasdDocument, m: EntityMention | undefined): string {
  if (!m) return "outlet";
  if (m.refersTo) return `${m.refersTo.start}`;
  if (m.type === "person") return `${m.start}`;
  return m.actorId ?? doc.text.slice(m.start, m.end);
}

interface ClaimDraft {
  claim: Claim;
  speaker?: EntityMention;
  key: string;
  sentence: Sentence;
}

function buildClaims(
  doc: RasdDocument,
  kb: Knowledge,
  ctx: AttributionContext,
  spans: Spans,
): ClaimDraft[] {
  const drafts: ClaimDraft[] = [];
  let n = 0;
  let lastSpeaker: EntityMention | undefined;
  for (const sentence of doc.sentences) {
    if (partAt(doc, sentence) !== "body") continue;
    for (const verb of ctx.verbIndex.inside(sentence.start, sentence.end)) {
      // "تصريحات ماتيس" names statements without giving them: no claim of its own.
      if (verb.entry.kind === "noun") continue;
      let speakers = speakersOf(ctx, sentence, verb);
      // "مشيرا إلى أن ...", "مضيفا: ..." continue the sentence's subject, or the last speaker.
      if (speakers.length === 0) {
        const subject = ctx.speakerIndex
          .inside(sentence.start, sentence.end)
          .find((m) => m.end <= verb.start && (m.type === "person" || m.type === "source"));
        const s = subject ?? lastSpeaker;
        if (s) speakers = [s];
      }
      const speaker = speakers.at(-1);
      if (!speaker) continue;
      lastSpeaker = speaker;
      const content = contentOf(
        doc,
        spans,
        sentence,
        Math.max(verb.end, Math.max(speaker.end, verb.end)),
      );
      // A statement says something: one or two quoted words ("وصفها بـ«المكثفة»") are a
      // description, and a name alone ("وفقا للمتحدث") is the speaker again.
      if (wordsIn(doc, content) < 3) continue;
      if (spans.entities.containing(content.start + 1, content.end - 1).length > 0) continue;
      const ref = speaker.refersTo
        ? spans.entities.startingAt(speaker.refersTo.start).find((e) => e.type === "person")
        : undefined;
      const who = ref ?? speaker;
      const actor = who.actorId ? kb.actor(who.actorId) : undefined;
      const link = linkFor(ctx, speaker);
      const date = spans.dates.inside(sentence.start, sentence.end)[0]?.date ?? doc.meta.published;
      const words = tokenRange(doc, content).map((t) => t.stem ?? t.norm);
      const negated =
        verb.entry.stance === "deny" ||
        words[0] === "لا" ||
        words[0] === "ليس" ||
        words[0] === "لم";
      const claim: Claim = {
        id: `${doc.meta.id ?? "doc"}:c${++n}`,
        speaker: {
          name: doc.text.slice(who.start, who.end),
          ...(who.role ? { role: who.role } : {}),
          ...(actor ? { affiliation: actor.acledName || actor.nameEn, actorId: actor.id } : {}),
          kind: link.kind,
          span: { start: speaker.start, end: speaker.end },
        },
        verb: { lemma: verb.entry.lemma, span: { start: verb.start, end: verb.end } },
        stance: verb.entry.stance,
        ...(date ? { date } : {}),
        content,
        topic: topicOf(doc, spans, content),
        positive: !negated,
        eventIds: [
          ...new Set(spans.eventTriggers.inside(content.start, content.end).map((x) => x.event)),
        ]
          .sort((a, b) => a - b)
          .map((i) => (doc.events[i] as EventRecord).id),
        attribution: {
          chain: [ctx.outlet, ...speakers.map((m) => linkFor(ctx, m))],
          verb: { lemma: verb.entry.lemma, span: { start: verb.start, end: verb.end } },
          stance: verb.entry.stance,
        },
      };
      drafts.push({ claim, speaker: who, key: speakerKey(doc, who), sentence });
    }
  }
  return oneClaimPerStatement(drafts);
}

/**
 * "أبدى استغرابه …، مشيرا إلى أنه «…»": two verbs of one speaker reaching the same words are one
 * statement; the verb nearest the words introduces it.
 */
function oneClaimPerStatement(drafts: ClaimDraft[]): ClaimDraft[] {
  const best = new Map<string, ClaimDraft>();
  for (const d of drafts) {
    const k = `${d.key}|${d.claim.content.start}|${d.claim.content.end}`;
    const other = best.get(k);
    if (!other || d.claim.verb.span.start > other.claim.verb.span.start) best.set(k, d);
  }
  const kept = drafts.filter(
    (d) => best.get(`${d.key}|${d.claim.content.start}|${d.claim.content.end}`) === d,
  );
  // Ids numbered again, without gaps, in text order.
  kept.forEach((d, i) => {
    d.claim.id = d.claim.id.replace(/c\d+$/, `c${i + 1}`);
  });
  return kept;
}

/** Content words of a claim (stems, minus stop words), and the actors and places it names. */
function signature(doc: RasdDocument, spans: Spans, c: Claim): Set<string> {
  const out = new Set<string>();
  for (const t of tokenRange(doc, c.content)) {
    const w = t.stem ?? t.norm;
    if (t.kind === "arabic" && w.length > 2 && !STOP.has(w)) out.add(w);
  }
  for (const e of spans.entities.inside(c.content.start, c.content.end))
    if (e.actorId) out.add(`actor:${e.actorId}`);
  for (const p of spans.places.inside(c.content.start, c.content.end))
    if (p.gazetteerId) out.add(`place:${p.gazetteerId}`);
  return out;
}

function overlap(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n += x.includes(":") ? 3 : 1;
  return n;
}

/**
 * The speakers (their keys) the sentence of `b` names outside b's statement: when the sentence
 * rejects what was said, b disputes what they said. The name must frame b's statement
 * ("استغرابه من تصريحات القائد الأميركي"), not lie inside what b says: "فروا بسبب تقدم قوات
 * النظام" speaks of the regime forces, not of a regime source's statement.
 */
function namedBy(doc: RasdDocument, spans: Spans, b: ClaimDraft): Set<string> {
  const keys = new Set<string>();
  for (const e of spans.entities.inside(b.sentence.start, b.sentence.end)) {
    if (inside(e, b.claim.content)) continue;
    keys.add(speakerKey(doc, e));
    if (e.refersTo) keys.add(`${e.refersTo.start}`);
  }
  return keys;
}

/** The most specific topic among a side's claims (an event or displacement over "other"). */
function topicOfSide(side: ClaimDraft[]): ClaimTopic | undefined {
  const order: ClaimTopic[] = ["displacement", "event", "control", "number", "cause"];
  return order.find((t) => side.some((d) => d.claim.topic === t));
}

function buildDisputes(doc: RasdDocument, spans: Spans, drafts: ClaimDraft[]): Dispute[] {
  const disputes: Dispute[] = [];
  const used = new Set<string>();
  const byKey = new Map<string, ClaimDraft[]>();
  for (const d of drafts) {
    const side = byKey.get(d.key);
    if (side) side.push(d);
    else byKey.set(d.key, [d]);
  }
  const order = new Map(doc.places.map((p, i) => [p, i]));
  const placeOrder = (p: PlaceMention) => order.get(p) ?? 0;
  const rejecting = new Map<Sentence, boolean>();
  const rejects = (s: Sentence) => {
    let r = rejecting.get(s);
    if (r === undefined) {
      r = tokenRange(doc, s).some((t) => REJECTION.has(t.stem ?? t.norm));
      rejecting.set(s, r);
    }
    return r;
  };
  const draftIndex = new Map(drafts.map((d, i) => [d, i]));
  const draftOrder = (d: ClaimDraft) => draftIndex.get(d) ?? 0;
  const signatures = new Map<ClaimDraft, Set<string>>();
  const signatureOf = (d: ClaimDraft) => {
    let sig = signatures.get(d);
    if (!sig) {
      sig = signature(doc, spans, d.claim);
      signatures.set(d, sig);
    }
    return sig;
  };
  for (const b of drafts) {
    // `b` disputes an earlier claim when its sentence rejects what was said and names the
    // earlier claim's speaker. Most sentences hold no word of rejection.
    if (!rejects(b.sentence)) continue;
    // The first claim of each speaker b names, when it came before b (drafts are in text
    // order), in the order of the drafts: only the first of a pair of speakers opens a dispute.
    const earlier: ClaimDraft[] = [];
    for (const key of namedBy(doc, spans, b)) {
      const a = byKey.get(key)?.[0];
      if (a && a.key !== b.key && a.sentence.start < b.sentence.start) earlier.push(a);
    }
    earlier.sort((x, y) => draftOrder(x) - draftOrder(y));
    for (const a of earlier) {
      const pair = `${a.key}|${b.key}`;
      if (used.has(pair)) continue;
      used.add(pair);
      const sideA = byKey.get(a.key) ?? [];
      const sideB = byKey.get(b.key) ?? [];
      const sigA = new Set(sideA.flatMap((d) => [...signatureOf(d)]));
      const sigB = new Set(sideB.flatMap((d) => [...signatureOf(d)]));
      const corroborations: Dispute["corroborations"] = [];
      // The question is what the first side's claims are about; third sources on it may agree.
      const question = topicOfSide(sideA) ?? topicOfSide(sideB) ?? "other";
      for (const d of drafts) {
        if (d.key === a.key || d.key === b.key || d.claim.topic !== question) continue;
        const sig = signatureOf(d);
        const oa = overlap(sig, sigA);
        const ob = overlap(sig, sigB);
        if (Math.max(oa, ob) >= 3 && oa !== ob)
          corroborations.push({ claimId: d.claim.id, side: oa > ob ? 0 : 1 });
      }
      const topic = question;
      const claimsAll = [...sideA, ...sideB].map((d) => d.claim);
      const placed = new Set<PlaceMention>();
      for (const c of claimsAll)
        for (const p of spans.places.inside(c.content.start, c.content.end))
          if (p.gazetteerId) placed.add(p);
      const places = [...placed].sort((p, q) => placeOrder(p) - placeOrder(q));
      const where = [...new Set(places.map((p) => p.name))].slice(0, 3).join(", ");
      const name = (d: ClaimDraft) => d.claim.speaker.name ?? "a source";
      disputes.push({
        id: `${doc.meta.id ?? "doc"}:d${disputes.length + 1}`,
        question: `${name(a)} and ${name(b)} disagree on ${topic}${where ? ` (${where})` : ""}`,
        sides: [
          {
            position: doc.text.slice(a.claim.content.start, a.claim.content.end),
            claimIds: sideA.map((d) => d.claim.id),
          },
          {
            position: doc.text.slice(b.claim.content.start, b.claim.content.end),
            claimIds: sideB.map((d) => d.claim.id),
          },
        ],
        corroborations,
        placeIds: [...new Set(places.map((p) => p.gazetteerId as string))],
        eventIds: [...new Set(claimsAll.flatMap((c) => c.eventIds))],
      });
    }
  }
  return disputes;
}

export function claimsStage(options: { knowledge: Knowledge }): Stage {
  return (doc) => {
    const ctx = buildAttributionContext(doc, options.knowledge);
    const spans = spansOf(doc, options.knowledge.triggers(doc.tokens));
    const drafts = buildClaims(doc, options.knowledge, ctx, spans);
    doc.claims = drafts.map((d) => d.claim);
    doc.disputes = buildDisputes(doc, spans, drafts);
  };
}

/** How many words (Arabic, Latin or numbers) lie in a span. */
function wordsIn(doc: RasdDocument, span: Span): number {
  let n = 0;
  for (let i = tokenIndexAt(doc.tokens, span.start); i < doc.tokens.length; i++) {
    const t = doc.tokens[i] as Token;
    if (t.start >= span.end) break;
    if (t.kind === "arabic" || t.kind === "latin" || t.kind === "number") n++;
  }
  return n;
}
