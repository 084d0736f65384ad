/**
 * Attribution: the chain of sources behind a statement as the text gives it — the outlet, then
 * "وكالة سانا التابعة للنظام", then "مصدر عسكري في قوات النظام" — each link with its span, kind
 * and allegiance, and the reporting verb's stance (أكد assert, زعم allege, نفى deny ...). What
 * the outlet states itself is attributed to the outlet.
 */

import { SpanIndex } from "../text/span-index.js";
import { tokenIndexAt } from "../text/tokenize.js";
import type {
  Attribution,
  EntityMention,
  RasdDocument,
  Sentence,
  SourceKind,
  SourceLink,
  Span,
} from "../types.js";
import { SOURCE_KINDS } from "../types.js";
import type { Hit, Knowledge, ReportingVerbInfo } from "./context.js";

/** The first link of a chain when the article's outlet was not given (--outlet, metadata). */
export const UNNAMED_OUTLET = "unnamed outlet";

/**
 * The names for ACLED's `source` column: every link of the chain, but not an outlet nobody
 * named — a placeholder is not a source.
 */
export function sourceNames(chain: readonly { kind: string; name: string }[]): string[] {
  return chain
    .filter((l) => !(l.kind === "outlet" && l.name === UNNAMED_OUTLET))
    .map((l) => l.name);
}

export interface AttributionContext {
  doc: RasdDocument;
  kb: Knowledge;
  verbs: Hit<ReportingVerbInfo>[];
  /** Mentions that can speak: sources, persons, and actors (a force "says" through its officials). */
  speakers: EntityMention[];
  outlet: SourceLink;
  /** The verbs and the speakers by position, for the ones in a sentence. */
  verbIndex: SpanIndex<Hit<ReportingVerbInfo>>;
  speakerIndex: SpanIndex<EntityMention>;
}

const SOURCE_KIND_OF_ACTOR: Record<string, SourceKind> = {
  media: "news_agency",
  monitor: "monitor",
  government: "official",
  ministry: "official",
  international_org: "official",
  state_force: "official",
  armed_group: "official",
  militia: "official",
  coalition: "official",
};

/** Source kinds a mention can be given (every kind but "unknown"). */
const KNOWN_SOURCE_KINDS = new Set<SourceKind>(SOURCE_KINDS.filter((k) => k !== "unknown"));

export function buildAttributionContext(doc: RasdDocument, kb: Knowledge): AttributionContext {
  const verbs = kb.reportingVerbs(doc.tokens);
  const speakers = doc.entities.filter((e) => e.type !== "organization");
  return {
    doc,
    kb,
    verbs,
    speakers,
    outlet: { kind: "outlet", name: doc.meta.outlet ?? UNNAMED_OUTLET },
    verbIndex: new SpanIndex(verbs),
    speakerIndex: new SpanIndex(speakers),
  };
}

/** The source link a mention stands for. */
export function linkFor(ctx: AttributionContext, m: EntityMention): SourceLink {
  const text = ctx.doc.text.slice(m.start, m.end);
  const actor = m.actorId ? ctx.kb.actor(m.actorId) : undefined;
  let kind: SourceKind = "unknown";
  if (m.type === "source" && m.role && KNOWN_SOURCE_KINDS.has(m.role as SourceKind))
    kind = m.role as SourceKind;
  else if (m.type === "person") kind = "official";
  else if (actor?.sourceKind && KNOWN_SOURCE_KINDS.has(actor.sourceKind as SourceKind))
    kind = actor.sourceKind as SourceKind;
  else if (actor) kind = SOURCE_KIND_OF_ACTOR[actor.kind] ?? "unknown";
  const allegiance =
    actor?.allegiance ??
    (m.type === "source" && actor ? actor.acledName || actor.nameEn : undefined);
  return {
    kind,
    name: text,
    span: { start: m.start, end: m.end },
    ...(actor ? { actorId: actor.id } : {}),
    ...(allegiance ? { allegiance } : {}),
  };
}

/** Actors that speak as sources; civilians, generic groups and weapons do not. */
const SILENT_KINDS = new Set(["civilians", "generic", "protesters"]);

function canSpeak(ctx: AttributionContext, m: EntityMention): boolean {
  if (m.type === "person" || m.type === "source") return true;
  const a = m.actorId ? ctx.kb.actor(m.actorId) : undefined;
  return a !== undefined && !SILENT_KINDS.has(a.kind) && a.inter !== 7;
}

/** The mention that starts (or ends) within `gap` tokens of a token index, if it can speak. */
function speakerNear(
  ctx: AttributionContext,
  sentence: Sentence,
  from: number,
  gap: number,
  after: boolean,
): EntityMention | undefined {
  const candidates = ctx.speakerIndex
    .inside(sentence.start, sentence.end)
    .filter((m) => canSpeak(ctx, m));
  if (after) {
    // A person is introduced by their title: "وأبدى المتحدث باسم الوزارة، سيرغي شويغو".
    return candidates.find((m) => {
      const i = tokenIndexAt(ctx.doc.tokens, m.roleSpan?.start ?? m.start);
      return i >= from && i - from <= gap;
    });
  }
  return [...candidates].reverse().find((m) => {
    const i = tokenIndexAt(ctx.doc.tokens, m.end - 1) + 1;
    return i <= from && from - i <= gap;
  });
}

/**
 * The chain of speakers of a reporting verb: its subject right after it (Arabic puts the verb
 * first: "ونقلت وكالة سانا"), then each source it cites with عن ("عن مصدر عسكري"); or, with
 * none after it, the subject right before it ("ناشطون يتحدثون").
 */
export function speakersOf(
  ctx: AttributionContext,
  sentence: Sentence,
  verb: Hit<ReportingVerbInfo>,
): EntityMention[] {
  const chain: EntityMention[] = [];
  // A participle (مشيرا) or a phrase ending in أن has no subject after it: the caller supplies
  // the sentence's speaker.
  const subjectAfter = verb.entry.kind !== "participle" && !verb.entry.endsWithThat;
  let first = subjectAfter ? speakerNear(ctx, sentence, verb.tokenEnd, 1, true) : undefined;
  if (!first && verb.entry.kind !== "participle")
    first = speakerNear(ctx, sentence, verb.tokenStart, 1, false);
  if (!first) return chain;
  chain.push(first);
  // "X التابعة للنظام عن مصدر عسكري في قوات النظام": follow عن to the cited source.
  let at = tokenIndexAt(ctx.doc.tokens, first.end - 1) + 1;
  while (chain.length < 4) {
    let k = at;
    while (k < at + 6 && k < sentence.tokenEnd && ctx.doc.tokens[k]?.norm !== "عن") k++;
    if (ctx.doc.tokens[k]?.norm !== "عن") break;
    const next = speakerNear(ctx, sentence, k + 1, 1, true);
    if (!next || chain.includes(next)) break;
    chain.push(next);
    at = tokenIndexAt(ctx.doc.tokens, next.end - 1) + 1;
  }
  return chain;
}

/** The reporting verb that governs a span of the sentence: the first one before it. */
export function governingVerb(
  ctx: AttributionContext,
  sentence: Sentence,
  at: Span,
): Hit<ReportingVerbInfo> | undefined {
  const inSentence = ctx.verbIndex.inside(sentence.start, sentence.end);
  const before = inSentence.filter((v) => v.end <= at.start);
  // "بحسب/وفقا لـ/نقلا عن X" names its source after it and may follow the statement.
  const after = inSentence.filter((v) => v.start >= at.end && v.entry.complement === "source");
  return before[0] ?? after[0];
}

export function attributionFor(ctx: AttributionContext, sentence: Sentence, at: Span): Attribution {
  const verb = governingVerb(ctx, sentence, at);
  if (!verb) return { chain: [ctx.outlet], stance: "assert" };
  const speakers = speakersOf(ctx, sentence, verb);
  return {
    chain: [ctx.outlet, ...speakers.map((m) => linkFor(ctx, m))],
    verb: { lemma: verb.entry.lemma, span: { start: verb.start, end: verb.end } },
    stance: verb.entry.stance,
  };
}
