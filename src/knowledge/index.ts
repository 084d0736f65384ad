/**
 * The knowledge base as the analysis stages see it: actors, roles and lexicons loaded once,
 * matched over a document's tokens, and presented through the small interfaces of
 * src/events/context.ts.
 */
import type {
  ActorInfo,
  Hit,
  Knowledge,
  ModalityInfo,
  ReportingVerbInfo,
  RoleInfo,
  TriggerInfo,
} from "../events/context.js";
import { normalizeForMatch } from "../text/normalize.js";
import type { Token } from "../types.js";
import { type ActorEntry, loadActors, loadRoles, type RoleEntry } from "./actors.js";
import {
  loadLexicons,
  type ModalityCue,
  type ReportingVerb,
  type TriggerEntry,
} from "./lexicons.js";

function actorInfo(a: ActorEntry): ActorInfo {
  return {
    id: a.id,
    nameEn: a.nameEn,
    acledName: a.acledName ?? "",
    inter: a.inter,
    kind: a.kind,
    ...(a.country ? { country: a.country } : {}),
    ...(a.parent ? { parentId: a.parent } : {}),
    ...(a.allegiance ? { allegiance: a.allegiance } : {}),
    ...(a.sourceKind ? { sourceKind: a.sourceKind } : {}),
  };
}

function triggerInfo(t: TriggerEntry, key: string): TriggerInfo | undefined {
  if (t.blocker) return undefined;
  if (!t.casualty && (!t.event_type || !t.sub_event_type)) return undefined;
  return {
    id: t.id,
    lemma: t.lemma,
    eventType: t.event_type ?? "",
    subEventType: t.sub_event_type ?? "",
    acled: t.acled,
    ...(t.plover ? { plover: t.plover } : {}),
    roleHint: t.roleHint,
    ...(t.casualty ? { casualty: t.casualty === "fatality" ? "killed" : "injured" } : {}),
    // A definite first word is a noun (الغارات); otherwise the form may be a verb (قصفت).
    verb: !key.startsWith("ال"),
    weak: t.weak,
    generic: t.generic,
    ...(t.figurativeAmong
      ? { figurativeAmong: new Set(t.figurativeAmong.map((w) => normalizeForMatch(w))) }
      : {}),
  };
}

/**
 * The grammatical kind of the matched form, which an entry's forms may mix: a form in -اً is a
 * participle continuing its sentence's subject (مشيرا، معتبرا، واصفا), a form in -ات or a
 * verbal noun in تـ names statements without giving them (تصريحات).
 */
function reportingKind(kind: ReportingVerbInfo["kind"], key: string): ReportingVerbInfo["kind"] {
  const first = key.split(" ")[0] ?? key;
  if (kind === "preposition") return kind;
  if (first.length >= 5 && first.endsWith("ا") && !first.endsWith("وا")) return "participle";
  if (/^(ال)?تصريح|ات$/.test(first)) return "noun";
  return kind;
}

/**
 * Memoizes a matcher per token array: the entity, event and claim stages all ask for the same
 * document's triggers and reporting verbs, and matching is the costly part.
 */
function perDocument<T>(match: (tokens: Token[]) => T): (tokens: Token[]) => T {
  const cache = new WeakMap<Token[], T>();
  return (tokens) => {
    let hits = cache.get(tokens);
    if (hits === undefined) {
      hits = match(tokens);
      cache.set(tokens, hits);
    }
    return hits;
  };
}

/**
 * One info object per entry (and per key, where the matched form changes the reading), made on
 * first use: entries are read-only, and building one per hit cost more than the matching.
 */
function memo<K, V>(make: (k: K) => V): (k: K) => V {
  const cache = new Map<K, V>();
  return (k) => {
    let v = cache.get(k);
    if (v === undefined && !cache.has(k)) {
      v = make(k);
      cache.set(k, v);
    }
    return v as V;
  };
}

/** Loads every dictionary and lexicon once; the result is shared by all documents. */
export function loadKnowledge(): Knowledge {
  const actors = loadActors();
  const roles = loadRoles();
  const lexicons = loadLexicons();
  const infoCache = new Map<string, ActorInfo>();
  const info = (a: ActorEntry) => {
    let i = infoCache.get(a.id);
    if (!i) {
      i = actorInfo(a);
      infoCache.set(a.id, i);
    }
    return i;
  };
  // A trigger reads as a verb or a noun by its matched form (see triggerInfo).
  const triggerInfos = memo((t: TriggerEntry) => ({
    verb: triggerInfo(t, ""),
    noun: triggerInfo(t, "ال"),
  }));
  const reportingInfos = memo((v: ReportingVerb) =>
    memo(
      (key: string): ReportingVerbInfo => ({
        lemma: v.lemma,
        stance: v.stance,
        ...(v.complement.includes("source") ? { complement: "source" } : {}),
        kind: reportingKind(v.kind, key),
        endsWithThat: /(^| )(ان|انه|انها|بان)$/.test(key),
      }),
    ),
  );
  const modalityInfos = memo((c: ModalityCue): ModalityInfo => {
    // Cues with mode "ongoing" and blockers are dropped before this is asked.
    return {
      mode: c.mode as ModalityInfo["mode"],
      scope: c.scope,
      yieldsToCasualties: c.yieldsToCasualties,
      yieldsToRecentDate: c.yieldsToRecentDate,
      disrupts: c.disrupts,
    };
  });
  const roleInfos = memo((r: RoleEntry): RoleInfo => {
    return {
      type: r.type === "source" ? "source" : "title",
      label: r.category ?? r.id,
      sourceKind: r.kind,
    };
  });
  return {
    actors: perDocument((tokens: Token[]): Hit<ActorInfo>[] => {
      const out: Hit<ActorInfo>[] = [];
      for (const m of actors.matchTokens(tokens)) {
        const a = m.values[0];
        if (a)
          out.push({
            tokenStart: m.tokenStart,
            tokenEnd: m.tokenEnd,
            start: m.start,
            end: m.end,
            entry: info(a),
          });
      }
      return out;
    }),
    actor(id: string): ActorInfo | undefined {
      const a = actors.get(id);
      return a ? info(a) : undefined;
    },
    triggers: perDocument((tokens: Token[]): Hit<TriggerInfo>[] => {
      const out: Hit<TriggerInfo>[] = [];
      for (const m of lexicons.matchTriggers(tokens)) {
        const infos = triggerInfos(m.entry);
        const entry = m.key.startsWith("ال") ? infos.noun : infos.verb;
        if (entry)
          out.push({
            tokenStart: m.tokenStart,
            tokenEnd: m.tokenEnd,
            start: m.start,
            end: m.end,
            entry,
          });
      }
      return out;
    }),
    modality: perDocument((tokens: Token[]): Hit<ModalityInfo>[] => {
      const out: Hit<ModalityInfo>[] = [];
      for (const m of lexicons.matchModality(tokens)) {
        // "لا تزال" (still) marks an ongoing event, which is asserted all the same.
        if (m.entry.mode === "ongoing" || m.entry.blocker) continue;
        out.push({
          tokenStart: m.tokenStart,
          tokenEnd: m.tokenEnd,
          start: m.start,
          end: m.end,
          entry: modalityInfos(m.entry),
        });
      }
      return out;
    }),
    reportingVerbs: perDocument((tokens: Token[]): Hit<ReportingVerbInfo>[] => {
      return lexicons.matchReportingVerbs(tokens).map((m) => ({
        tokenStart: m.tokenStart,
        tokenEnd: m.tokenEnd,
        start: m.start,
        end: m.end,
        entry: reportingInfos(m.entry)(m.key),
      }));
    }),
    roles: perDocument((tokens: Token[]): Hit<RoleInfo>[] => {
      const out: Hit<RoleInfo>[] = [];
      for (const m of roles.matchTokens(tokens)) {
        const r = m.values[0];
        if (!r) continue;
        out.push({
          tokenStart: m.tokenStart,
          tokenEnd: m.tokenEnd,
          start: m.start,
          end: m.end,
          entry: roleInfos(r),
        });
      }
      return out;
    }),
  };
}
