/**
 * The event and report lexicons (data/lexicons/): trigger words mapped to ACLED and PLOVER
 * types, cues of modality (future, negated, attempted ...) and reporting verbs with their
 * stance. Each is compiled once into a phrase index for longest-match lookup over tokens.
 *
 * The knowledge is data; this module only loads, indexes and checks it. What a match means
 * in context (who the gainer is, whether a cue reaches the trigger) is the event stage's job.
 */
import { readdirSync, readFileSync } from "node:fs";
import type { EventMode, Stance, Token } from "../types.js";
import { PhraseIndex, phraseWords } from "./phrase-index.js";

// ---------------------------------------------------------------------------------------------
// Reference tables: ACLED's event types (codebook 2023) and PLOVER's (manual, chapter 3).
// ---------------------------------------------------------------------------------------------

/** The ACLED event type / sub-event type pairs rasd codes. */
export const ACLED_PAIRS: Readonly<Record<string, readonly string[]>> = {
  Battles: ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
  "Explosions/Remote violence": [
    "Air/drone strike",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Suicide bomb",
    "Grenade",
  ],
  "Violence against civilians": ["Attack", "Abduction/forced disappearance", "Sexual violence"],
  Protests: ["Peaceful protest", "Protest with intervention"],
  Riots: ["Violent demonstration", "Mob violence"],
  "Strategic developments": [
    "Arrests",
    "Looting/property destruction",
    "Disrupted weapons use",
    "Headquarters or base established",
    "Agreement",
    "Change to group/activity",
    "Non-violent transfer of territory",
  ],
};

/** rasd's own event types, outside ACLED: never exported as ACLED rows. */
export const RASD_PAIRS: Readonly<Record<string, readonly string[]>> = {
  Displacement: ["Flight", "Forced displacement", "Evacuation", "Return", "Displacement camp"],
};

/** PLOVER event types and the modes the manual defines for them (tables 3.1 to 3.11). */
export const PLOVER_MODES: Readonly<Record<string, readonly string[]>> = {
  AGREE: [],
  CONSULT: ["visit", "third-party", "multilateral", "phone"],
  SUPPORT: [],
  CONCEDE: [],
  COOPERATE: [],
  AID: [],
  RETREAT: ["withdraw", "release", "disarm", "ceasefire", "access", "resign"],
  REQUEST: [],
  ACCUSE: ["disapprove", "investigate", "allege"],
  REJECT: [],
  THREATEN: ["restrict", "arrest", "relations", "expel", "territory", "violence"],
  PROTEST: ["demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"],
  SANCTION: ["convict", "expel", "withdraw", "discontinue"],
  MOBILIZE: ["troops", "weapons", "police", "militia"],
  COERCE: [
    "seize",
    "restrict",
    "censor",
    "curfew",
    "martial-law",
    "arrest",
    "deport",
    "withhold",
    "misinformation",
    "cyber",
  ],
  ASSAULT: [
    "abduct",
    "beat",
    "torture",
    "sexual",
    "targeted",
    "destroy",
    "primitive",
    "firearms",
    "explosives",
    "suicide-attack",
    "aerial",
    "drone",
    "heavy-weapons",
    "crowd-control",
    "unconventional",
    "sideAB",
  ],
};

// ---------------------------------------------------------------------------------------------
// Entry types, as the JSON files hold them (defaults filled in on load).
// ---------------------------------------------------------------------------------------------

/** Who the trigger's grammatical subject (or the trigger itself) is in the event. */
export const ROLE_HINTS = [
  "mutual", // both sides are actors (اشتباكات)
  "attacker-subject", // the subject attacks; the target follows
  "gainer-subject", // territory: the subject gains the place
  "loser-subject", // territory: the subject withdraws or the place falls
  "victim-subject", // passive forms and victim nouns (اغتيل، قتلى)
  "against-civilians", // the victims are civilians by definition (مجزرة، عمليات انتقام)
  "arrester-subject",
  "protesters-subject",
  "displaced-subject", // the displaced are the subject (نزحوا)
  "cause-subject", // the subject displaces others (هجّر)
  "none",
] as const;
export type RoleHint = (typeof ROLE_HINTS)[number];

export interface PloverCode {
  event_type: string;
  mode?: string;
}

/** Another reading of a trigger and when it applies (decided by the event stage). */
export interface TriggerAlternative {
  event_type: string;
  sub_event_type: string;
  when: string;
}

export interface TriggerEntry {
  id: string;
  lemma: string;
  gloss: string;
  /** Every written form: inflections and verbal nouns; ال and clitics of the first word are handled by the matcher. */
  forms: string[];
  /** ACLED (or rasd) event type; null for casualty hints and blockers. */
  event_type: string | null;
  sub_event_type: string | null;
  /** False for rasd's extensions (Displacement) and hints: ACLED exports leave them out. */
  acled: boolean;
  plover: PloverCode | null;
  roleHint: RoleHint;
  /** Ambiguous out of context: needs support (a place, an actor, a weapon) to make an event. */
  weak: boolean;
  /** A word for any attack (هجوم): gives way to a specific means told beside it. */
  generic: boolean;
  /** Consumes a phrase that is not an event (تحت سيطرة); never returned by the matcher. */
  blocker: boolean;
  /** Fatality or injury hint: read with the quantity next to it. */
  casualty?: "fatality" | "injury";
  alternatives: TriggerAlternative[];
  /** Forms deliberately shared with an entry of another type (an ambiguity the event stage resolves). */
  sharedForms?: string[];
  /**
   * Words (normalized stems) that, anywhere in the sentence, show the entry used figuratively:
   * a football side's attack (المباراة، المهاجم، الدوري) is no armed attack.
   */
  figurativeAmong?: string[];
  note?: string;
  /** The lexicon file it comes from, without "triggers-" and ".json" (battles, territory ...). */
  file: string;
}

/** A cue's mode: an EventMode other than asserted, or "ongoing" (لا تزال: continuing, see modality.json). */
export type CueMode = Exclude<EventMode, "asserted"> | "ongoing";
export type CueScope =
  | "self"
  | "next-word"
  | "governs"
  | "next-clause"
  | "sentence"
  | "whole-sentence";
/** Conditions on the next word for ambiguous one-word cues (قد، لا، ما). */
export type CueGuard =
  | "before-present-verb"
  | "before-past-verb"
  | "before-noun"
  | "before-definite";

export interface ModalityCue {
  id: string;
  forms: string[];
  mode: CueMode;
  scope: CueScope;
  guard?: CueGuard;
  weak: boolean;
  blocker: boolean;
  /**
   * Dead or wounded told before the cue make the sentence news and the cue does not apply
   * ("قتل خمسة بعد هجوم"): true for cues of time (بعد، إثر), false for a charge or a reaction.
   */
  yieldsToCasualties: boolean;
  /** A date in the week before the article overrides it: background told as news. */
  yieldsToRecentDate: boolean;
  /** The weapons it governs were seized, found or defused: no attack. */
  disrupts: boolean;
  note?: string;
}

export type Complement =
  | "that"
  | "to-that"
  | "quote"
  | "from-source"
  | "about"
  | "source"
  | "object";
export type ReportingKind = "verb" | "participle" | "noun" | "preposition";

export interface ReportingVerb {
  id: string;
  lemma: string;
  stance: Stance;
  kind: ReportingKind;
  /** What follows: an أن/إن clause, a quote, عن + the source, the source itself ... */
  complement: Complement[];
  preposition?: string;
  forms: string[];
  weak: boolean;
  note?: string;
}

export interface LexiconMatch<T> {
  /** Token range matched, end exclusive. */
  tokenStart: number;
  tokenEnd: number;
  /** Original-text span (clitics of the first word excluded where the tokenizer cut them). */
  start: number;
  end: number;
  /** The normalized phrase that matched. */
  key: string;
  /** The first entry for the phrase (in file order); `entries` holds all when it has several. */
  entry: T;
  entries: T[];
}

export interface LexiconCounts {
  /** Trigger entries (blockers excluded) and their distinct phrase forms. */
  triggerEntries: number;
  triggerForms: number;
  /** Distinct trigger forms per event type ("(hint)" for casualty hints). */
  formsByEventType: Record<string, number>;
  modalityCues: number;
  modalityForms: number;
  reportingVerbs: number;
  reportingForms: number;
}

export interface Lexicons {
  triggers: TriggerEntry[];
  modality: ModalityCue[];
  reportingVerbs: ReportingVerb[];
  matchTriggers(tokens: Token[]): LexiconMatch<TriggerEntry>[];
  matchModality(tokens: Token[]): LexiconMatch<ModalityCue>[];
  matchReportingVerbs(tokens: Token[]): LexiconMatch<ReportingVerb>[];
  counts: LexiconCounts;
}

/** The raw lexicon files, as read from disk (for validation and custom sets). */
export interface LexiconSources {
  triggers: { file: string; entries: Record<string, unknown>[] }[];
  modality: { entries: Record<string, unknown>[]; proclitics?: Record<string, unknown>[] };
  reporting: { entries: Record<string, unknown>[] };
}

// ---------------------------------------------------------------------------------------------
// Loading.
// ---------------------------------------------------------------------------------------------

export const LEXICON_DIR = new URL("../../data/lexicons/", import.meta.url);

function readJson(url: URL): Record<string, unknown> {
  return JSON.parse(readFileSync(url, "utf8")) as Record<string, unknown>;
}

function entriesOf(doc: Record<string, unknown>): Record<string, unknown>[] {
  return Array.isArray(doc.entries) ? (doc.entries as Record<string, unknown>[]) : [];
}

/** Reads every triggers-*.json (in name order), modality.json and reporting-verbs.json. */
export function readLexiconSources(dir: URL = LEXICON_DIR): LexiconSources {
  const triggerFiles = readdirSync(dir)
    .filter((f) => f.startsWith("triggers-") && f.endsWith(".json"))
    .sort();
  const modality = readJson(new URL("modality.json", dir));
  return {
    triggers: triggerFiles.map((f) => ({
      file: f.slice("triggers-".length, -".json".length),
      entries: entriesOf(readJson(new URL(f, dir))),
    })),
    modality: {
      entries: entriesOf(modality),
      proclitics: (modality.proclitics as Record<string, unknown>[] | undefined) ?? [],
    },
    reporting: { entries: entriesOf(readJson(new URL("reporting-verbs.json", dir))) },
  };
}

const str = (v: unknown): string => (typeof v === "string" ? v : "");
const strs = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];

function toTrigger(raw: Record<string, unknown>, file: string): TriggerEntry {
  const eventType = typeof raw.event_type === "string" ? raw.event_type : null;
  return {
    id: str(raw.id),
    lemma: str(raw.lemma),
    gloss: str(raw.gloss),
    forms: strs(raw.forms),
    event_type: eventType,
    sub_event_type: typeof raw.sub_event_type === "string" ? raw.sub_event_type : null,
    // Only types in ACLED's list are exported as ACLED rows, unless the file says otherwise.
    acled:
      typeof raw.acled === "boolean" ? raw.acled : eventType !== null && eventType in ACLED_PAIRS,
    plover: (raw.plover as PloverCode | null | undefined) ?? null,
    roleHint: (raw.roleHint as RoleHint | undefined) ?? "none",
    weak: raw.weak === true,
    generic: raw.generic === true,
    blocker: raw.blocker === true,
    ...(raw.casualty ? { casualty: raw.casualty as "fatality" | "injury" } : {}),
    alternatives: (raw.alternatives as TriggerAlternative[] | undefined) ?? [],
    ...(raw.sharedForms ? { sharedForms: strs(raw.sharedForms) } : {}),
    ...(raw.figurativeAmong ? { figurativeAmong: strs(raw.figurativeAmong) } : {}),
    ...(raw.note ? { note: str(raw.note) } : {}),
    file,
  };
}

function toCue(raw: Record<string, unknown>): ModalityCue {
  return {
    id: str(raw.id),
    forms: strs(raw.forms),
    mode: raw.mode as CueMode,
    scope: (raw.scope as CueScope | undefined) ?? "next-clause",
    ...(raw.guard ? { guard: raw.guard as CueGuard } : {}),
    weak: raw.weak === true,
    blocker: raw.blocker === true,
    yieldsToCasualties: raw.yieldsToCasualties === true,
    yieldsToRecentDate: raw.yieldsToRecentDate === true,
    disrupts: raw.disrupts === true,
    ...(raw.note ? { note: str(raw.note) } : {}),
  };
}

function toReportingVerb(raw: Record<string, unknown>): ReportingVerb {
  return {
    id: str(raw.id),
    lemma: str(raw.lemma),
    stance: raw.stance as Stance,
    kind: (raw.kind as ReportingKind | undefined) ?? "verb",
    complement: strs(raw.complement) as Complement[],
    ...(raw.preposition ? { preposition: str(raw.preposition) } : {}),
    forms: strs(raw.forms),
    weak: raw.weak === true,
    ...(raw.note ? { note: str(raw.note) } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Indexing and matching.
// ---------------------------------------------------------------------------------------------

/** Normalized keys of an entry's forms, each once. */
export function formKeys(forms: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const f of forms) {
    const words = phraseWords(f);
    if (words.length > 0) keys.add(words.join(" "));
  }
  return [...keys];
}

function buildIndex<T extends { forms: string[] }>(entries: T[]): PhraseIndex<T> {
  const index = new PhraseIndex<T>();
  for (const e of entries) for (const key of formKeys(e.forms)) index.addKey(key, e);
  return index;
}

/**
 * One- and two-letter function words (لم، لا، قد، ما، لو) keep their conjunction: the
 * tokenizer never cuts a clitic that would leave so short a stem, so "ولا تزال" is one word
 * "ولا" + "تزال". Their و/ف forms are added to the index (the match span then includes و).
 */
function addConjunctionVariants(index: PhraseIndex<ModalityCue>, cues: ModalityCue[]): void {
  const explicit = new Set(cues.flatMap((c) => formKeys(c.forms)));
  for (const cue of cues) {
    for (const key of formKeys(cue.forms)) {
      const [first, ...rest] = key.split(" ");
      if (!first || first.length > 2) continue;
      for (const conj of ["و", "ف"]) {
        const variant = [conj + first, ...rest].join(" ");
        if (!explicit.has(variant)) index.addKey(variant, cue);
      }
    }
  }
}

function matchWith<T>(index: PhraseIndex<T>, tokens: Token[], keep: (e: T) => boolean) {
  const out: LexiconMatch<T>[] = [];
  for (const m of index.matchAll(tokens)) {
    const entries = m.values.filter(keep);
    const entry = entries[0];
    if (entry === undefined) continue;
    // Fields written out: an object spread here cost more than the matching itself.
    out.push({
      tokenStart: m.tokenStart,
      tokenEnd: m.tokenEnd,
      start: m.start,
      end: m.end,
      key: m.key,
      entry,
      entries,
    });
  }
  return out;
}

const PRESENT_PREFIX = /^[يتن]/;
/** Particles and pronouns that follow ما without making it a negation (normalized). */
const PARTICLES = new Set("من في الي علي عن بين هو هي هم لا لم قد".split(" "));

/** Words that turn a preposition into a conjunction followed by a verb (بعد أن، قبل ما). */
const CONJUNCTIONS_BEFORE_VERB = new Set(["ان", "أن", "إن", "ما"]);

/** The word the next token holds (stem without clitics), if it is an Arabic word. */
function nextWord(tokens: Token[], i: number): string | undefined {
  const t = tokens[i];
  return t?.kind === "arabic" ? (t.stem ?? t.norm) : undefined;
}

/**
 * Whether a guarded cue applies, judged on the words around it. A heuristic, not morphology:
 * a present verb starts with ي ت ن; a past verb is a short word with no article. Negative ما
 * must also open its clause: after a preposition or a noun it is the relative "what" (على ما خسره).
 */
function guardHolds(cue: ModalityCue, tokens: Token[], m: LexiconMatch<ModalityCue>): boolean {
  if (cue.guard === undefined) return true;
  const next = nextWord(tokens, m.tokenEnd);
  if (next === undefined) return false;
  if (cue.guard === "before-present-verb") return next.length >= 3 && PRESENT_PREFIX.test(next);
  // "بعد اغتياله" names an earlier event; "بعد أن فجر نفسه" tells what happened just before.
  if (cue.guard === "before-noun") return !CONJUNCTIONS_BEFORE_VERB.has(next);
  // "هذا الهجوم" points back at an attack; "هذا وقد قصفت" is a connective before a new clause.
  if (cue.guard === "before-definite") return tokens[m.tokenEnd]?.definite === true;
  const prev = tokens[m.tokenStart - 1];
  const clauseInitial = prev === undefined || prev.kind === "punct" || /^[وف]/.test(m.key);
  return (
    clauseInitial &&
    next.length >= 3 &&
    next.length <= 5 &&
    !next.startsWith("ال") &&
    !PRESENT_PREFIX.test(next) &&
    !PARTICLES.has(next)
  );
}

/** Cues carried by a proclitic of the word itself (the future س of سيقوم). */
function procliticCues(
  tokens: Token[],
  cues: Map<string, ModalityCue>,
): LexiconMatch<ModalityCue>[] {
  const out: LexiconMatch<ModalityCue>[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.proclitics === undefined) continue;
    for (const p of t.proclitics) {
      const cue = cues.get(p);
      if (cue) {
        const span = { tokenStart: i, tokenEnd: i + 1, start: t.start, end: t.end };
        out.push({ ...span, key: t.norm, entry: cue, entries: [cue] });
      }
    }
  }
  return out;
}

function countForms(entries: { forms: string[] }[]): number {
  return new Set(entries.flatMap((e) => formKeys(e.forms))).size;
}

function formsByEventType(triggers: TriggerEntry[]): Record<string, number> {
  const keys = new Map<string, Set<string>>();
  for (const e of triggers) {
    const type = e.event_type ?? "(hint)";
    const set = keys.get(type) ?? new Set<string>();
    for (const k of formKeys(e.forms)) set.add(k);
    keys.set(type, set);
  }
  return Object.fromEntries([...keys].map(([type, set]) => [type, set.size]));
}

/** Compiles lexicon sources (as read by `readLexiconSources`) into matchers. */
export function buildLexicons(sources: LexiconSources): Lexicons {
  const triggers = sources.triggers.flatMap((f) => f.entries.map((e) => toTrigger(e, f.file)));
  const modality = sources.modality.entries.map(toCue);
  const reportingVerbs = sources.reporting.entries.map(toReportingVerb);
  const procliticCueMap = new Map<string, ModalityCue>();
  for (const raw of sources.modality.proclitics ?? []) {
    const p = str(raw.proclitic);
    procliticCueMap.set(p, toCue({ ...raw, id: `proclitic.${p}`, forms: [] }));
  }

  const triggerIndex = buildIndex(triggers);
  const modalityIndex = buildIndex(modality);
  addConjunctionVariants(modalityIndex, modality);
  const reportingIndex = buildIndex(reportingVerbs);
  const eventTriggers = triggers.filter((e) => !e.blocker);
  const realCues = modality.filter((c) => !c.blocker);

  return {
    triggers,
    modality,
    reportingVerbs,
    matchTriggers: (tokens) => matchWith(triggerIndex, tokens, (e) => !e.blocker),
    matchModality: (tokens) => {
      const phrases = matchWith(modalityIndex, tokens, (c) => !c.blocker).filter((m) =>
        guardHolds(m.entry, tokens, m),
      );
      const all = [...phrases, ...procliticCues(tokens, procliticCueMap)];
      return all.sort((a, b) => a.tokenStart - b.tokenStart);
    },
    matchReportingVerbs: (tokens) => matchWith(reportingIndex, tokens, () => true),
    counts: {
      triggerEntries: eventTriggers.length,
      triggerForms: countForms(eventTriggers),
      formsByEventType: formsByEventType(eventTriggers),
      modalityCues: realCues.length,
      modalityForms: countForms(realCues),
      reportingVerbs: reportingVerbs.length,
      reportingForms: countForms(reportingVerbs),
    },
  };
}

let cached: Lexicons | undefined;

/** The shipped lexicons, loaded and indexed once per process. */
export function loadLexicons(): Lexicons {
  cached ??= buildLexicons(readLexiconSources());
  return cached;
}

// ---------------------------------------------------------------------------------------------
// Validation (run by scripts/knowledge/lexicons-report.ts and the tests).
// ---------------------------------------------------------------------------------------------

export interface LexiconProblem {
  severity: "error" | "warning";
  id: string;
  message: string;
}

const STANCES: readonly Stance[] = [
  "assert",
  "report",
  "allege",
  "deny",
  "accuse",
  "speculate",
  "admit",
];
const CUE_MODES: readonly CueMode[] = [
  "future",
  "hypothetical",
  "conditional",
  "negated",
  "attempted",
  "reference",
  "ongoing",
];
const SCOPES: readonly CueScope[] = [
  "self",
  "next-word",
  "governs",
  "next-clause",
  "sentence",
  "whole-sentence",
];
const COMPLEMENTS: readonly Complement[] = [
  "that",
  "to-that",
  "quote",
  "from-source",
  "about",
  "source",
  "object",
];

function pairProblem(type: string | null, sub: string | null, acled: boolean): string | null {
  if (type === null || sub === null) return "missing event_type or sub_event_type";
  const table = acled ? ACLED_PAIRS : RASD_PAIRS;
  const subs = table[type];
  if (!subs) return `event_type "${type}" is not ${acled ? "an ACLED" : "a rasd"} type`;
  return subs.includes(sub) ? null : `"${type}" / "${sub}" is not a valid pair`;
}

function ploverProblem(p: PloverCode | null): string | null {
  if (p === null) return null;
  const modes = PLOVER_MODES[p.event_type];
  if (!modes) return `PLOVER type "${p.event_type}" does not exist`;
  if (p.mode !== undefined && !modes.includes(p.mode)) {
    return `PLOVER ${p.event_type} has no mode "${p.mode}"`;
  }
  return null;
}

function triggerProblems(e: TriggerEntry): string[] {
  const out: string[] = [];
  if (e.forms.length === 0) out.push("no forms");
  if (e.blocker) {
    if (e.event_type !== null) out.push("a blocker has no event type");
    return out;
  }
  if (e.casualty) {
    if (e.event_type !== null || e.acled)
      out.push("a casualty hint has no event type and acled false");
  } else {
    const p = pairProblem(e.event_type, e.sub_event_type, e.acled);
    if (p) out.push(p);
  }
  for (const alt of e.alternatives) {
    const p = pairProblem(alt.event_type, alt.sub_event_type, true);
    if (p) out.push(`alternative: ${p}`);
  }
  const plover = ploverProblem(e.plover);
  if (plover) out.push(plover);
  if (!ROLE_HINTS.includes(e.roleHint)) out.push(`unknown roleHint "${e.roleHint}"`);
  return out;
}

/** What a phrase means, for detecting the same phrase with conflicting types. */
const reading = (e: TriggerEntry) =>
  e.blocker ? "blocker" : `${e.event_type}/${e.sub_event_type}/${e.casualty ?? ""}`;

function duplicateProblems(triggers: TriggerEntry[]): LexiconProblem[] {
  const byKey = new Map<string, TriggerEntry[]>();
  for (const e of triggers) {
    for (const k of formKeys(e.forms)) byKey.set(k, [...(byKey.get(k) ?? []), e]);
  }
  const out: LexiconProblem[] = [];
  for (const [key, entries] of byKey) {
    if (entries.length < 2) continue;
    const readings = new Set(entries.map(reading));
    const ids = entries.map((e) => e.id).join(", ");
    const shared = entries.every((e) => formKeys(e.sharedForms ?? []).includes(key));
    if (readings.size > 1 && !shared) {
      out.push({ severity: "error", id: ids, message: `"${key}" has conflicting types` });
    } else if (readings.size === 1) {
      out.push({ severity: "warning", id: ids, message: `"${key}" is listed twice` });
    }
  }
  return out;
}

function redundantForms(id: string, forms: string[]): LexiconProblem[] {
  const seen = new Set<string>();
  const out: LexiconProblem[] = [];
  for (const f of forms) {
    const key = phraseWords(f).join(" ");
    if (key === "") out.push({ severity: "error", id, message: `form "${f}" has no words` });
    else if (seen.has(key)) out.push({ severity: "warning", id, message: `"${f}" repeats a form` });
    seen.add(key);
  }
  return out;
}

/** Checks every entry against the reference tables; errors make the report fail. */
export function validateLexicons(lex: Lexicons): LexiconProblem[] {
  const out: LexiconProblem[] = [];
  const ids = new Set<string>();
  const all = [...lex.triggers, ...lex.modality, ...lex.reportingVerbs];
  for (const e of all) {
    if (ids.has(e.id)) out.push({ severity: "error", id: e.id, message: "duplicate id" });
    ids.add(e.id);
    out.push(...redundantForms(e.id, e.forms));
  }
  for (const e of lex.triggers) {
    for (const message of triggerProblems(e)) out.push({ severity: "error", id: e.id, message });
  }
  out.push(...duplicateProblems(lex.triggers));
  for (const c of lex.modality) {
    if (!c.blocker && !CUE_MODES.includes(c.mode)) {
      out.push({ severity: "error", id: c.id, message: `unknown mode "${c.mode}"` });
    }
    if (!SCOPES.includes(c.scope)) {
      out.push({ severity: "error", id: c.id, message: `unknown scope "${c.scope}"` });
    }
  }
  for (const v of lex.reportingVerbs) {
    if (!STANCES.includes(v.stance)) {
      out.push({ severity: "error", id: v.id, message: `unknown stance "${v.stance}"` });
    }
    const bad = v.complement.filter((c) => !COMPLEMENTS.includes(c));
    if (bad.length > 0 || v.complement.length === 0) {
      out.push({ severity: "error", id: v.id, message: `bad complement [${v.complement}]` });
    }
  }
  return out;
}
