/**
 * What the event and attribution stages need from the knowledge base, as small interfaces:
 * the stages depend on these, not on how the dictionaries are stored or matched.
 */
import type { Token } from "../types.js";

/** Words that introduce a cause: "بسبب تقدم قوات النظام" explains, it does not report. */
export const CAUSE_WORDS: ReadonlySet<string> = new Set([
  "بسبب",
  "سبب",
  "نتيجه",
  "جراء",
  "لان",
  "لانه",
]);

/** A lexicon or dictionary hit over the token sequence. */
export interface Hit<T> {
  tokenStart: number;
  tokenEnd: number;
  start: number;
  end: number;
  entry: T;
}

export interface ActorInfo {
  id: string;
  nameEn: string;
  acledName: string;
  inter: number | null;
  /** state_force, armed_group, militia, coalition, government, ministry, media, monitor, ... */
  kind: string;
  country?: string;
  parentId?: string;
  /** For media and monitors: whose side they are on ("Syrian government" for SANA). */
  allegiance?: string;
  /** For actors that speak as sources: news_agency, outlet, monitor, official. */
  sourceKind?: string;
}

export interface TriggerInfo {
  id: string;
  lemma: string;
  eventType: string;
  subEventType: string;
  /** False for rasd's own types (Displacement), which ACLED exports leave out. */
  acled: boolean;
  plover?: { event_type: string; mode?: string };
  /** Who the trigger's subject is: the attacker, the side gaining territory, the victims ... */
  roleHint?: string;
  /** Casualty words (قتل، مقتل، أصيب) give fatalities, not an event type of their own. */
  casualty?: "killed" | "injured";
  /** Whether the trigger is a verb (its subject follows it) or a noun. */
  verb: boolean;
  /** Ambiguous out of context: an event only with an actor or a place in its clause. */
  weak: boolean;
  /**
   * A word for any attack (هجوم، هاجم): it gives way to a specific means in its sentence, and
   * as a definite noun with no side of its own it points back at an attack already told.
   */
  generic: boolean;
  /** Words (normalized) that, in the trigger's sentence, make it figurative (المباراة: sport). */
  figurativeAmong?: ReadonlySet<string>;
}

export interface ModalityInfo {
  mode: "future" | "hypothetical" | "conditional" | "negated" | "attempted" | "reference";
  /**
   * How far the cue reaches: itself, the next word, the noun phrase it governs (a few words of
   * its clause), the next clause, the rest of the sentence, or all of it, before the cue too.
   */
  scope: "self" | "next-word" | "governs" | "next-clause" | "sentence" | "whole-sentence";
  /** Dead or wounded told before the cue override it (cues of time: "قتل خمسة بعد هجوم"). */
  yieldsToCasualties: boolean;
  /** A date in the week before the article overrides it (background: "يذكر أن …"). */
  yieldsToRecentDate: boolean;
  /** The weapons it governs were seized, found or defused (ضبط عبوات): they did not go off. */
  disrupts: boolean;
}

export interface ReportingVerbInfo {
  lemma: string;
  stance: "assert" | "report" | "allege" | "deny" | "accuse" | "speculate" | "admit";
  /** "source" for phrases that name the source after them (وفقا لـ، بحسب، نقلا عن). */
  complement?: string;
  /** verb (قال), participle (مشيرا), noun (تصريحات), or preposition (بحسب). */
  kind: "verb" | "participle" | "noun" | "preposition";
  /** The phrase ends with its complementizer (أشار إلى أن): its subject cannot follow it. */
  endsWithThat: boolean;
}

export interface RoleInfo {
  /** "title" for offices and ranks (المتحدث باسم، الجنرال), "source" for unnamed sources. */
  type: "title" | "source";
  label: string;
  sourceKind?: string;
}

/** The knowledge the analysis stages read, already matched over a document's tokens. */
export interface Knowledge {
  actors(tokens: Token[]): Hit<ActorInfo>[];
  actor(id: string): ActorInfo | undefined;
  triggers(tokens: Token[]): Hit<TriggerInfo>[];
  modality(tokens: Token[]): Hit<ModalityInfo>[];
  reportingVerbs(tokens: Token[]): Hit<ReportingVerbInfo>[];
  roles(tokens: Token[]): Hit<RoleInfo>[];
}
