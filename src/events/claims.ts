/**
 * Claims and disputes. A statement by a named or unnamed source becomes a claim: speaker, verb,
 * stance, date, the reported content and what it is about. Claims by two speakers where one
 * rejects the other's statements ("استغرابه من تصريحات ماتيس، معتبرا إياها سخافة") form a
 * dispute with a side each; a third source whose claim agrees with one side corroborates it.
 */
import { partAt } from "../article/parts.js";
import { defaultFunctionWords } from "../text/lexicon.js";
import { tokenIndexAt } from "../text/tokenize.js";
import type {
  Claim,
  ClaimTopic,
  Dispute,
  EntityMention,
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
import { CAUSE_WORDS, type Hit, type Knowledge } from "./context.js";

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

function tokenRange(doc: RasdDocument, span: Span): Token[] {
  // Tokens are in text order: the ones inside are a run, found by binary search.
  const tokens = doc.tokens;
  let from = tokenIndexAt(tokens, span.start);
  while (from < tokens.length && (tokens[from] as Token).start < span.start) from++;
  return tokens.slice(from, Math.max(from, tokenIndexAt(tokens, span.end)));
}

/** The reported content: after أن/إن or a colon, or the quotation that follows the verb. */
function contentOf(doc: RasdDocument, sentence: Sentence, from: number): Span {
  const tokens = doc.tokens
    .slice(sentence.tokenStart, sentence.tokenEnd)
    .filter((t) => t.start >= from);
  const comp = tokens.find((t) => COMPLEMENTIZERS.has(t.stem ?? t.norm) || t.norm === ":");
  // A quotation is the content when no أن/إن clause comes first ("قال: «...»", "معتبرا إياها «...»").
  const quote = doc.quotes.find(
    (q) =>
      q.start >= from &&
      q.end <= sentence.end &&
      (!comp || comp.norm === ":" || q.start < comp.start),
  );
  if (quote && (!comp || comp.norm === ":" || quote.end <= comp.start) && quote.start - from < 40) {
    if (!comp || comp.norm === ":" || comp.start > quote.end) return quote.inner;
  }
  const start = comp ? (tokens[tokens.indexOf(comp) + 1]?.start ?? comp.end) : from;
  let end = sentence.end;
  while (end > start && /[\s.،؛]/u.test(doc.text[end - 1] as string)) end--;
  return { start, end: Math.max(start, end) };
}

function topicOf(
  doc: RasdDocument,
  content: Span,
  triggers: Hit<import("./context.js").TriggerInfo>[],
): ClaimTopic {
  const inContent = triggers.filter((t) => inside(t, content));
  if (inContent.some((t) => t.entry.eventType === "Displacement")) return "displacement";
  const words = tokenRange(doc, content).map((t) => t.stem ?? t.norm);
  if (words.some((w) => CONTROL_WORDS.has(w))) return "control";
  if (doc.quantities.some((q) => inside(q, content) && q.unit === "percent")) return "number";
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

function buildClaims(doc: RasdDocument, kb: Knowledge, ctx: AttributionContext): ClaimDraft[] {
  const triggers = kb.triggers(doc.tokens);
  const drafts: ClaimDraft[] = [];
  let n = 0;
  let lastSpeaker: EntityMention | undefined;
  for (const sentence of doc.sentences) {
    if (partAt(doc, sentence) !== "body") continue;
    for (const verb of ctx.verbs.filter((v) => inside(v, sentence))) {
      // "تصريحات ماتيس" names statements without giving them: no claim of its own.
      if (verb.entry.kind === "noun") continue;
      let speakers = speakersOf(ctx, sentence, verb);
      // "مشيرا إلى أن ...", "مضيفا: ..." continue the sentence's subject, or the last speaker.
      if (speakers.length === 0) {
        const subject = ctx.speakers.find(
          (m) =>
            inside(m, sentence) &&
            m.end <= verb.start &&
            (m.type === "person" || m.type === "source"),
        );
        const s = subject ?? lastSpeaker;
        if (s) speakers = [s];
      }
      const speaker = speakers.at(-1);
      if (!speaker) continue;
      lastSpeaker = speaker;
      const content = contentOf(doc, sentence, Math.max(verb.end, Math.max(speaker.end, verb.end)));
      // A statement says something: one or two quoted words ("وصفها بـ«المكثفة»") are a
      // description, and a name alone ("وفقا للمتحدث") is the speaker again.
      if (wordsIn(doc, content) < 3) continue;
      if (doc.entities.some((e) => e.start <= content.start + 1 && e.end >= content.end - 1))
        continue;
      const ref = speaker.refersTo
        ? doc.entities.find((e) => e.start === speaker.refersTo?.start && e.type === "person")
        : undefined;
      const who = ref ?? speaker;
      const actor = who.actorId ? kb.actor(who.actorId) : undefined;
      const link = linkFor(ctx, speaker);
      const date = doc.dates.find((d) => inside(d, sentence))?.date ?? doc.meta.published;
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
        topic: topicOf(doc, content, triggers),
        positive: !negated,
        eventIds: doc.events
          .filter((e) => e.evidence.some((x) => x.role === "trigger" && inside(x, content)))
          .map((e) => e.id),
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
function signature(doc: RasdDocument, c: Claim): Set<string> {
  const out = new Set<string>();
  for (const t of tokenRange(doc, c.content)) {
    const w = t.stem ?? t.norm;
    if (t.kind === "arabic" && w.length > 2 && !STOP.has(w)) out.add(w);
  }
  for (const e of doc.entities)
    if (e.actorId && inside(e, c.content)) out.add(`actor:${e.actorId}`);
  for (const p of doc.places)
    if (p.gazetteerId && inside(p, c.content)) out.add(`place:${p.gazetteerId}`);
  return out;
}

function overlap(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n += x.includes(":") ? 3 : 1;
  return n;
}

/**
 * The sentence of `b` names `a`'s speaker and rejects what was said, or `b` alleges. The name
 * must frame b's statement ("استغرابه من تصريحات القائد الأميركي"), not lie inside what b says: "فروا
 * بسبب تقدم قوات النظام" speaks of the regime forces, not of a regime source's statement.
 */
function rejects(doc: RasdDocument, a: ClaimDraft, b: ClaimDraft): boolean {
  const words = tokenRange(doc, b.sentence).map((t) => t.stem ?? t.norm);
  const namesA = doc.entities.some(
    (e) =>
      inside(e, b.sentence) &&
      !inside(e, b.claim.content) &&
      (speakerKey(doc, e) === a.key || (e.refersTo && `${e.refersTo.start}` === a.key)),
  );
  return namesA && words.some((w) => REJECTION.has(w));
}

/** The most specific topic among a side's claims (an event or displacement over "other"). */
function topicOfSide(side: ClaimDraft[]): ClaimTopic | undefined {
  const order: ClaimTopic[] = ["displacement", "event", "control", "number", "cause"];
  return order.find((t) => side.some((d) => d.claim.topic === t));
}

function buildDisputes(doc: RasdDocument, drafts: ClaimDraft[]): Dispute[] {
  const disputes: Dispute[] = [];
  const used = new Set<string>();
  for (const b of drafts) {
    // Most sentences hold no word of rejection: then `rejects` fails for every earlier claim.
    if (!tokenRange(doc, b.sentence).some((t) => REJECTION.has(t.stem ?? t.norm))) continue;
    for (const a of drafts) {
      if (a === b || a.key === b.key || a.sentence.start >= b.sentence.start) continue;
      const pair = `${a.key}|${b.key}`;
      if (used.has(pair) || !rejects(doc, a, b)) continue;
      used.add(pair);
      const sideA = drafts.filter((d) => d.key === a.key);
      const sideB = drafts.filter((d) => d.key === b.key);
      const sigA = new Set(sideA.flatMap((d) => [...signature(doc, d.claim)]));
      const sigB = new Set(sideB.flatMap((d) => [...signature(doc, d.claim)]));
      const corroborations: Dispute["corroborations"] = [];
      // The question is what the first side's claims are about; third sources on it may agree.
      const question = topicOfSide(sideA) ?? topicOfSide(sideB) ?? "other";
      for (const d of drafts) {
        if (d.key === a.key || d.key === b.key || d.claim.topic !== question) continue;
        const sig = signature(doc, d.claim);
        const oa = overlap(sig, sigA);
        const ob = overlap(sig, sigB);
        if (Math.max(oa, ob) >= 3 && oa !== ob)
          corroborations.push({ claimId: d.claim.id, side: oa > ob ? 0 : 1 });
      }
      const topic = question;
      const claimsAll = [...sideA, ...sideB].map((d) => d.claim);
      const places = doc.places.filter(
        (p) => p.gazetteerId && claimsAll.some((c) => inside(p, c.content)),
      );
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
    const drafts = buildClaims(doc, options.knowledge, ctx);
    doc.claims = drafts.map((d) => d.claim);
    doc.disputes = buildDisputes(doc, drafts);
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
