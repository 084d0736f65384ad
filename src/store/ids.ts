/**
 * Identifiers the store gives: content hashes, article ids and stable event ids.
 *
 * Event ids follow ACLED's `event_id_cnty` idea (a country code and a number, e.g. SYR12345),
 * but the number is a hash of what identifies the event in its article instead of a counter, so
 * that re-analysing the same text gives the same ids without any state: ISO3 country code, a
 * dash, then 16 hex digits of sha256(article content hash, event key, occurrence). See
 * docs/store.md for what the key holds and when an id changes.
 */
import { createHash } from "node:crypto";
import type { OutEvent } from "../output/json.js";
import { normalizeForMatch } from "../text/normalize.js";

const sha256 = (s: string): string => createHash("sha256").update(s, "utf8").digest("hex");

/**
 * The article's identity: its text as published by its outlet, up to spacing and Unicode
 * composition (a copy re-posted with a trailing space or other line breaks is the same article).
 * The outlet is part of it because the same wire text carried by two outlets is two reports of
 * the facts (they become one story, not one article).
 */
export function contentHash(text: string, outlet: string | null): string {
  const canonical = text.normalize("NFC").replace(/\s+/gu, " ").trim();
  return sha256(`rasd-article/2\0${outlet ?? ""}\0${canonical}`);
}

/** The text alone, normalised and with whitespace collapsed: equal for copies of one text. */
export function textHash(text: string): string {
  return sha256(normalizeForMatch(text).replace(/\s+/gu, " ").trim());
}

export function articleIdFor(contentHash: string): string {
  return `a-${contentHash.slice(0, 20)}`;
}

/**
 * What identifies an event within its article: when, what, who and where. Fatalities, sources,
 * notes, confidence and evidence offsets are left out, so that a better count or a new source
 * keeps the id.
 */
export function eventKey(e: OutEvent): string {
  return [
    e.event_date ?? "",
    e.event_type,
    e.sub_event_type,
    e.actor1,
    e.actor2,
    e.country,
    e.admin1,
    e.location,
  ].join("\u001f");
}

/** The id of an article's report of an event: `occurrence` counts earlier events with the same key. */
export function reportIdFor(
  articleContentHash: string,
  e: OutEvent,
  key: string,
  occurrence: number,
): string {
  return `${iso3(e.country)}-${sha256(`${articleContentHash}\0${key}\0${occurrence}`).slice(0, 16)}`;
}

/** ISO 3166-1 alpha-3 codes of the countries ACLED names in and around the Arabic-speaking world. */
const ISO3: Record<string, string> = {
  Afghanistan: "AFG",
  Algeria: "DZA",
  Armenia: "ARM",
  Azerbaijan: "AZE",
  Bahrain: "BHR",
  Chad: "TCD",
  Comoros: "COM",
  Cyprus: "CYP",
  Djibouti: "DJI",
  Egypt: "EGY",
  Eritrea: "ERI",
  Ethiopia: "ETH",
  France: "FRA",
  Georgia: "GEO",
  Germany: "DEU",
  Greece: "GRC",
  Iran: "IRN",
  Iraq: "IRQ",
  Israel: "ISR",
  Jordan: "JOR",
  Kuwait: "KWT",
  Lebanon: "LBN",
  Libya: "LBY",
  Mali: "MLI",
  Mauritania: "MRT",
  Morocco: "MAR",
  Niger: "NER",
  Oman: "OMN",
  Pakistan: "PAK",
  Palestine: "PSE",
  Qatar: "QAT",
  Russia: "RUS",
  "Saudi Arabia": "SAU",
  Somalia: "SOM",
  "South Sudan": "SSD",
  Sudan: "SDN",
  Syria: "SYR",
  Tunisia: "TUN",
  Turkey: "TUR",
  "United Arab Emirates": "ARE",
  "United Kingdom": "GBR",
  "United States": "USA",
  "Western Sahara": "ESH",
  Yemen: "YEM",
};

/** The ISO3 code of an ACLED country name; `XXX` when unknown or empty. */
export function iso3(country: string): string {
  return ISO3[country] ?? "XXX";
}

/** A short stable id from parts (sources, feeds). */
export function shortHash(...parts: string[]): string {
  return sha256(parts.join("\0")).slice(0, 16);
}
