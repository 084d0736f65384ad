/**
 * Events as PLOVER records (the Open Event Data Alliance's ontology, as used by POLECAT): one
 * JSON object per event, written as JSON Lines. The event type and mode come from the trigger's
 * PLOVER code where the lexicon gives one, otherwise from the ACLED type (ACLED_TO_PLOVER).
 *
 * Conventions taken from the PLOVER manual: two-sided violence (an armed clash) has every side as
 * an `actor` and no `recipient`; one-sided acts have the perpetrator as `actor` and the target as
 * `recipient`. Only events rasd asserts happened are written, and only those with a PLOVER type
 * (fleeing, returning, camps and changes of activity have none). PLOVER leaves events without a
 * named actor uncoded; rasd keeps them with an empty `actor` list so nothing disappears silently.
 */
import { RASD_VERSION } from "../output/json.js";
import type { ArticleMeta, EventRecord, Evidence, GeoPrecision, Span, Stance } from "../types.js";

export interface PloverCode {
  event_type: string;
  mode: string | null;
}

/**
 * PLOVER codes for ACLED's sub-event types (and rasd's displacement types), for events whose
 * trigger carries no PLOVER code. `null`: no PLOVER category fits, the event is not written.
 */
export const ACLED_TO_PLOVER: Readonly<Record<string, PloverCode | null>> = {
  // Battles
  "Armed clash": { event_type: "ASSAULT", mode: null },
  "Government regains territory": { event_type: "COERCE", mode: "seize" },
  "Non-state actor overtakes territory": { event_type: "COERCE", mode: "seize" },
  // Explosions/Remote violence
  "Air/drone strike": { event_type: "ASSAULT", mode: "aerial" },
  "Shelling/artillery/missile attack": { event_type: "ASSAULT", mode: "heavy-weapons" },
  "Remote explosive/landmine/IED": { event_type: "ASSAULT", mode: "explosives" },
  "Suicide bomb": { event_type: "ASSAULT", mode: "suicide-attack" },
  Grenade: { event_type: "ASSAULT", mode: "explosives" },
  // Violence against civilians
  Attack: { event_type: "ASSAULT", mode: null },
  "Abduction/forced disappearance": { event_type: "ASSAULT", mode: "abduct" },
  "Sexual violence": { event_type: "ASSAULT", mode: "sexual" },
  // Protests and riots
  "Peaceful protest": { event_type: "PROTEST", mode: "demo" },
  "Protest with intervention": { event_type: "PROTEST", mode: "demo" },
  "Excessive force against protesters": { event_type: "ASSAULT", mode: "crowd-control" },
  "Violent demonstration": { event_type: "PROTEST", mode: "riot" },
  "Mob violence": { event_type: "PROTEST", mode: "riot" },
  // Strategic developments
  Arrests: { event_type: "COERCE", mode: "arrest" },
  "Looting/property destruction": { event_type: "ASSAULT", mode: "destroy" },
  "Disrupted weapons use": null,
  "Headquarters or base established": { event_type: "MOBILIZE", mode: "troops" },
  Agreement: { event_type: "AGREE", mode: null },
  "Change to group/activity": null,
  "Non-violent transfer of territory": { event_type: "RETREAT", mode: "withdraw" },
  // rasd's displacement types
  "Forced displacement": { event_type: "COERCE", mode: "deport" },
  Flight: null,
  Evacuation: null,
  Return: null,
  "Displacement camp": null,
};

/** Fallback by ACLED event type, for a sub-event type the table above does not name. */
const BY_EVENT_TYPE: Readonly<Record<string, PloverCode>> = {
  Battles: { event_type: "ASSAULT", mode: null },
  "Explosions/Remote violence": { event_type: "ASSAULT", mode: null },
  "Violence against civilians": { event_type: "ASSAULT", mode: null },
  Protests: { event_type: "PROTEST", mode: "demo" },
  Riots: { event_type: "PROTEST", mode: "riot" },
};

/** PLOVER contexts (manual, table of general contexts) implied by the ACLED type. */
const CONTEXTS: Readonly<Record<string, readonly string[]>> = {
  Battles: ["military"],
  "Explosions/Remote violence": ["military"],
  Displacement: ["migration"],
  "Headquarters or base established": ["military"],
  "Non-violent transfer of territory": ["military"],
};

export interface PloverActor {
  /** The actor as the text names it (the first span), or null when only the ACLED name is known. */
  actor_text: string | null;
  /** ACLED's name for the actor ("Military Forces of Syria (2000-2024)"). */
  acled_name: string;
  /** ACLED inter code of the primary actor of the side; null for associated actors. */
  inter: number | null;
  /** True for an ACLED associated actor (assoc_actor_1 / assoc_actor_2). */
  associated: boolean;
  /** Where the text names the actor: UTF-16 offsets into the article. */
  spans: Span[];
}

export interface PloverTextSpan extends Span {
  text: string;
}

export interface PloverRecord {
  event_id: string;
  event_date: string | null;
  /** ACLED time_precision: 1 day, 2 week, 3 month. */
  time_precision: 1 | 2 | 3 | null;
  /** PLOVER event category (ASSAULT, COERCE, PROTEST, MOBILIZE ...). */
  event_type: string;
  /** PLOVER mode of the category (aerial, heavy-weapons, seize, arrest, demo ...), or null. */
  mode: string | null;
  /** PLOVER contexts (military, migration ...); empty when none is implied. */
  context: string[];
  /** Where the PLOVER code came from: the trigger word's lexicon entry, or the ACLED type. */
  coded_from: "trigger" | "acled";
  /** Who acts: the perpetrator, or every side of two-sided violence. */
  actor: PloverActor[];
  /** Who is acted on; empty for two-sided violence and for events without a target. */
  recipient: PloverActor[];
  country: string;
  location: {
    name: string;
    admin1: string;
    admin2: string;
    latitude: number | null;
    longitude: number | null;
    /** ACLED geo_precision: 1 the place itself, 2 near or part of it, 3 only the province or region. */
    geo_precision: GeoPrecision | null;
    spans: Span[];
  } | null;
  /** The sentence the event was read from, and the trigger word within it. */
  event_text: (PloverTextSpan & { trigger: PloverTextSpan | null }) | null;
  fatalities: number;
  /** The ACLED coding of the same event. */
  acled: { event_type: string; sub_event_type: string };
  /** Who says so: ACLED's source field and the chain of sources, outermost first. */
  attribution: {
    source: string;
    chain: { kind: string; name: string; span: Span | null }[];
    stance: Stance;
    verb: string | null;
  };
  confidence: number;
  /** PLOVER's citation object. */
  cite_info: {
    publication: string | null;
    title: string | null;
    url: string | null;
    date: string | null;
    language: "ar";
    coder: string;
  };
}

/** The PLOVER code of an event: its trigger's, else the ACLED type's; null when none fits. */
export function ploverCode(e: EventRecord): { code: PloverCode; from: "trigger" | "acled" } | null {
  if (e.plover) {
    return {
      code: { event_type: e.plover.event_type, mode: e.plover.mode ?? null },
      from: "trigger",
    };
  }
  const code = Object.hasOwn(ACLED_TO_PLOVER, e.sub_event_type)
    ? ACLED_TO_PLOVER[e.sub_event_type]
    : BY_EVENT_TYPE[e.event_type];
  return code ? { code, from: "acled" } : null;
}

/** Events with two-sided violence: both sides are PLOVER actors, nobody is the recipient. */
function twoSided(e: EventRecord, code: PloverCode): boolean {
  return code.event_type === "ASSAULT" && e.sub_event_type === "Armed clash";
}

const spansOf = (e: EventRecord, role: Evidence["role"]): Span[] =>
  e.evidence.filter((x) => x.role === role).map((x) => ({ start: x.start, end: x.end }));

/** ACLED lists several associated actors in one cell, separated by semicolons. */
const names = (cell: string): string[] =>
  cell
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean);

function side(
  text: string,
  primary: string,
  inter: number | null,
  primarySpans: Span[],
  assoc: string,
  assocSpans: Span[],
): PloverActor[] {
  const slice = (spans: Span[]) => (spans[0] ? text.slice(spans[0].start, spans[0].end) : null);
  const out: PloverActor[] = [];
  if (primary) {
    out.push({
      actor_text: slice(primarySpans),
      acled_name: primary,
      inter,
      associated: false,
      spans: primarySpans,
    });
  }
  const assocNames = names(assoc);
  assocNames.forEach((name, i) => {
    // One associated actor takes every associated span; several take them in order.
    const spans = assocNames.length === 1 ? assocSpans : assocSpans[i] ? [assocSpans[i]] : [];
    out.push({ actor_text: slice(spans), acled_name: name, inter: null, associated: true, spans });
  });
  return out;
}

/** One event as a PLOVER record, or null when it is not asserted or has no PLOVER type. */
export function toPloverRecord(
  e: EventRecord,
  text: string,
  meta: ArticleMeta = {},
): PloverRecord | null {
  if (e.mode !== "asserted") return null;
  const coded = ploverCode(e);
  if (!coded) return null;
  // Associated-actor spans carry no side: give them to the side that has associated actors.
  const assocSpans = spansOf(e, "assoc_actor");
  const side1Assoc = e.assoc_actor_1 && !e.assoc_actor_2 ? assocSpans : [];
  const side2Assoc = e.assoc_actor_2 && !e.assoc_actor_1 ? assocSpans : [];
  const side1 = side(text, e.actor1, e.inter1, spansOf(e, "actor1"), e.assoc_actor_1, side1Assoc);
  const side2 = side(text, e.actor2, e.inter2, spansOf(e, "actor2"), e.assoc_actor_2, side2Assoc);
  const mutual = twoSided(e, coded.code);
  const sentence = e.evidence.find((x) => x.role === "sentence");
  const trigger = e.evidence.find((x) => x.role === "trigger");
  const withText = (s: Span): PloverTextSpan => ({
    start: s.start,
    end: s.end,
    text: text.slice(s.start, s.end),
  });
  const context = [
    ...new Set([...(CONTEXTS[e.event_type] ?? []), ...(CONTEXTS[e.sub_event_type] ?? [])]),
  ];
  return {
    event_id: e.id,
    event_date: e.event_date,
    time_precision: e.time_precision,
    event_type: coded.code.event_type,
    mode: coded.code.mode,
    context,
    coded_from: coded.from,
    actor: mutual ? [...side1, ...side2] : side1,
    recipient: mutual ? [] : side2,
    country: e.country,
    location: e.location
      ? {
          name: e.location,
          admin1: e.admin1,
          admin2: e.admin2,
          latitude: e.latitude,
          longitude: e.longitude,
          geo_precision: e.geo_precision,
          spans: spansOf(e, "location"),
        }
      : null,
    event_text:
      sentence || trigger
        ? {
            ...withText((sentence ?? trigger)!),
            trigger: trigger ? withText(trigger) : null,
          }
        : null,
    fatalities: e.fatalities,
    acled: { event_type: e.event_type, sub_event_type: e.sub_event_type },
    attribution: {
      source: e.source,
      chain: e.attribution.chain.map((l) => ({
        kind: l.kind,
        name: l.name,
        span: l.span ? { start: l.span.start, end: l.span.end } : null,
      })),
      stance: e.attribution.stance,
      verb: e.attribution.verb?.lemma ?? null,
    },
    confidence: e.confidence,
    cite_info: {
      publication: meta.outlet ?? null,
      title: meta.title ?? null,
      url: meta.url ?? null,
      date: meta.published ?? null,
      language: "ar",
      coder: `rasd ${RASD_VERSION}`,
    },
  };
}

/** The PLOVER records of a document's events (asserted events with a PLOVER type only). */
export function toPloverRecords(doc: {
  text: string;
  events: EventRecord[];
  meta?: ArticleMeta;
}): PloverRecord[] {
  const out: PloverRecord[] = [];
  for (const e of doc.events) {
    const r = toPloverRecord(e, doc.text, doc.meta);
    if (r) out.push(r);
  }
  return out;
}

/** PLOVER records as JSON Lines: one record per line, as the PLOVER manual recommends. */
export function toPloverJsonl(doc: {
  text: string;
  events: EventRecord[];
  meta?: ArticleMeta;
}): string {
  return toPloverRecords(doc)
    .map((r) => `${JSON.stringify(r)}\n`)
    .join("");
}
