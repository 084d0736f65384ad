/**
 * The actor dictionary and the role lexicon.
 *
 * Actors are the armed and political actors of the region's conflicts (plus civilians,
 * protesters, media and monitors) under every Arabic name the news gives them, with their ACLED
 * actor name and inter code; roles are the offices, titles and unnamed-source phrases that say
 * who speaks ("المتحدث باسم", "مصدر عسكري"). The knowledge is data (data/actors/*.json, fields
 * in data/actors/README.md); this module loads it once, checks it lightly and indexes every
 * alias for longest match over tokens with the shared PhraseIndex.
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import type { SourceKind, Token } from "../types.js";
import { SOURCE_KINDS } from "../types.js";
import { firstWordForms, PhraseIndex, type PhraseMatch, phraseWords } from "./phrase-index.js";

export const ACTOR_KINDS = [
  "state_force",
  "armed_group",
  "militia",
  "coalition",
  "government",
  "ministry",
  "political_party",
  "media",
  "monitor",
  "international_org",
  "civilians",
  "protesters",
  "generic",
] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export { SOURCE_KINDS };

/** An alias as the data writes it: the name, or the name with flags. */
export type AliasSpec = string | { text: string; ambiguous?: boolean; note?: string };

export interface ActorEntry {
  id: string;
  nameEn: string;
  kind: ActorKind;
  /** ACLED actor name; `{country}` stands for the event's country ("Civilians ({country})"). */
  acledName: string | null;
  /** True when the ACLED name was seen in published ACLED data, false when inferred. */
  acledChecked: boolean;
  /** ACLED inter code (1..8); null for actors ACLED does not code (media, monitors ...). */
  inter: number | null;
  /** Inter code when a state force acts outside its own country (ACLED: 8). */
  interAbroad?: number;
  /** ISO 3166-1 alpha-2; absent for transnational and generic actors. */
  country?: string;
  parent?: string;
  wikidata?: string;
  /** Whose side a source is on ("Syrian government" for SANA). */
  allegiance?: string;
  /** How the actor counts as a source when it speaks. */
  sourceKind?: SourceKind;
  note?: string;
  /** Names as written in the data. */
  aliases: string[];
  /** Aliases that need context: shared with another actor, or also a common word or a place. */
  ambiguousAliases: string[];
  /** The data file it came from (base name). */
  file: string;
}

export type RoleCategory = string;

export interface RoleEntry {
  id: string;
  /** A role (office, title, rank) or a source phrase ("مصادر محلية"). */
  type: "role" | "source";
  /** For roles: spokesperson, minister, commander, military_rank, official, governor ... */
  category?: RoleCategory;
  /** The source kind the phrase signals (for roles: when the holder speaks). */
  kind: SourceKind;
  allegiance?: string;
  note?: string;
  aliases: string[];
  ambiguousAliases: string[];
}

/** Malformed knowledge data: the file and what is wrong with it. */
export class KnowledgeDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KnowledgeDataError";
  }
}

const DATA_DIR = new URL("../../data/actors/", import.meta.url);
const ROLES_FILE = "roles.json";

// ---------------------------------------------------------------------------------------------
// Alias keys: normalized words, with the spelling variants news alternates between

/**
 * Spelling pairs the news writes both ways, applied to normalized words so the data lists a
 * name once: ميليشيا/مليشيا, سوريا/سورية, أميركي/أمريكي, ديمقراطية/ديموقراطية.
 */
const VARIANTS: [RegExp, string][] = [
  [/^(ال)?ميليشي/, "$1مليشي"],
  [/^(ال)?مليشي/, "$1ميليشي"],
  [/^سوريا$/, "سوريه"],
  [/^سوريه$/, "سوريا"],
  [/^(ال)?اميرك/, "$1امريك"],
  [/^(ال)?امريك/, "$1اميرك"],
  [/ديمقراط/, "ديموقراط"],
  [/ديموقراط/, "ديمقراط"],
];
const MAX_VARIANTS = 32;

function wordVariants(word: string): string[] {
  const out = [word];
  for (const [re, rep] of VARIANTS) {
    if (!re.test(word)) continue;
    const v = word.replace(re, rep);
    if (!out.includes(v)) out.push(v);
  }
  return out;
}

/** Every index key of an alias: its normalized words joined by one space, and their variants. */
export function aliasKeys(alias: string): string[] {
  let keys = [""];
  for (const word of phraseWords(alias)) {
    const forms = wordVariants(word);
    keys = keys.flatMap((k) => forms.map((f) => (k ? `${k} ${f}` : f))).slice(0, MAX_VARIANTS);
  }
  return keys[0] === "" ? [] : keys;
}

function aliasText(spec: AliasSpec): string {
  return typeof spec === "string" ? spec : spec.text;
}

function isAmbiguous(spec: AliasSpec): boolean {
  return typeof spec !== "string" && spec.ambiguous === true;
}

// ---------------------------------------------------------------------------------------------
// Parsing the data files (light checks; scripts/knowledge/actors-report.ts checks the rest)

interface RawActor {
  id?: unknown;
  name_en?: unknown;
  kind?: unknown;
  acled_name?: unknown;
  acled_checked?: unknown;
  inter?: unknown;
  inter_abroad?: unknown;
  country?: unknown;
  parent?: unknown;
  wikidata?: unknown;
  allegiance?: unknown;
  source_kind?: unknown;
  note?: unknown;
  aliases?: unknown;
}

function optionalString(v: unknown): string | undefined {
  return typeof v === "string" && v.length > 0 ? v : undefined;
}

function readAliases(raw: unknown, where: string): AliasSpec[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    throw new KnowledgeDataError(`${where}: "aliases" must be a non-empty array`);
  }
  for (const a of raw) {
    const ok = typeof a === "string" || (typeof a === "object" && a && typeof a.text === "string");
    if (!ok) throw new KnowledgeDataError(`${where}: bad alias ${JSON.stringify(a)}`);
  }
  return raw as AliasSpec[];
}

function toActor(raw: RawActor, file: string): ActorEntry {
  const where = `${file}: actor ${JSON.stringify(raw.id ?? "?")}`;
  if (typeof raw.id !== "string" || raw.id.length === 0) {
    throw new KnowledgeDataError(`${where}: missing "id"`);
  }
  if (typeof raw.name_en !== "string") throw new KnowledgeDataError(`${where}: missing "name_en"`);
  if (typeof raw.kind !== "string") throw new KnowledgeDataError(`${where}: missing "kind"`);
  const specs = readAliases(raw.aliases, where);
  return {
    id: raw.id,
    nameEn: raw.name_en,
    kind: raw.kind as ActorKind,
    acledName: typeof raw.acled_name === "string" ? raw.acled_name : null,
    acledChecked: raw.acled_checked === true,
    inter: typeof raw.inter === "number" ? raw.inter : null,
    interAbroad: typeof raw.inter_abroad === "number" ? raw.inter_abroad : undefined,
    country: optionalString(raw.country),
    parent: optionalString(raw.parent),
    wikidata: optionalString(raw.wikidata),
    allegiance: optionalString(raw.allegiance),
    sourceKind: optionalString(raw.source_kind) as SourceKind | undefined,
    note: optionalString(raw.note),
    aliases: specs.map(aliasText),
    ambiguousAliases: specs.filter(isAmbiguous).map(aliasText),
    file,
  };
}

/** Reads one actors file ({"version": 1, "actors": [...]}). */
export function parseActorFile(text: string, file: string): ActorEntry[] {
  let data: { version?: unknown; actors?: unknown };
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new KnowledgeDataError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  if (data.version !== 1) throw new KnowledgeDataError(`${file}: "version" must be 1`);
  if (!Array.isArray(data.actors))
    throw new KnowledgeDataError(`${file}: "actors" must be an array`);
  return data.actors.map((a) => toActor(a as RawActor, file));
}

/** The shipped actor files: every data/actors/*.json except the role lexicon. */
export function defaultActorFiles(): string[] {
  const dir = fileURLToPath(DATA_DIR);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json") && f !== ROLES_FILE)
    .sort()
    .map((f) => `${dir}${f}`);
}

// ---------------------------------------------------------------------------------------------
// The dictionary

const OPENING_QUOTES = new Set(['"', "«", "“", "„", "'"]);
const CLOSING_QUOTES = new Set(['"', "»", "”", "“", "'"]);

export class ActorDictionary {
  private readonly index = new PhraseIndex<ActorEntry>();
  private readonly byId = new Map<string, ActorEntry>();
  /** Every index key with the actors that claim it. */
  private readonly owners = new Map<string, ActorEntry[]>();
  /** `id \0 key` for each key an actor flags as ambiguous. */
  private readonly flagged = new Set<string>();

  constructor(entries: Iterable<ActorEntry>) {
    for (const e of entries) this.add(e);
  }

  /** Number of actors. */
  get size(): number {
    return this.byId.size;
  }

  get(id: string): ActorEntry | undefined {
    return this.byId.get(id);
  }

  /** Every actor, in load order. */
  all(): ActorEntry[] {
    return [...this.byId.values()];
  }

  /** Actors known under exactly this name (quotes dropped, clitics of the first word stripped). */
  lookup(name: string): ActorEntry[] {
    const key = phraseWords(name).join(" ");
    const exact = this.owners.get(key);
    return this.rank(key, exact ?? this.index.lookup(name));
  }

  /**
   * Longest non-overlapping matches, left to right, each with every actor claiming the alias
   * (those that do not flag it ambiguous first).
   * A name quoted after its head noun (تنظيم "داعش", وكالة "سانا") is matched with the head and
   * the quotes when head + name is itself an alias of the actor.
   */
  matchTokens(tokens: Token[]): PhraseMatch<ActorEntry>[] {
    const out: PhraseMatch<ActorEntry>[] = [];
    for (const m of this.index.matchAll(tokens)) {
      const floor = out.length > 0 ? (out[out.length - 1] as PhraseMatch<ActorEntry>).tokenEnd : 0;
      const match = this.withQuotedHead(tokens, m, floor) ?? m;
      // The match is this call's own: ranked in place rather than copied with a spread.
      match.values = this.rank(match.key, match.values);
      out.push(match);
    }
    return out;
  }

  /** Parents of an actor, nearest first (an air force → its state forces → ...). */
  ancestors(id: string): ActorEntry[] {
    const out: ActorEntry[] = [];
    const seen = new Set([id]);
    for (let p = this.byId.get(id)?.parent; p && !seen.has(p); p = this.byId.get(p)?.parent) {
      seen.add(p);
      const parent = this.byId.get(p);
      if (!parent) break;
      out.push(parent);
    }
    return out;
  }

  /** Every normalized alias key (words joined by one space), for protecting names from clitic cutting. */
  aliases(): Iterable<string> {
    return this.owners.keys();
  }

  /** Actors claiming a normalized key. */
  ownersOf(key: string): readonly ActorEntry[] {
    return this.owners.get(key) ?? [];
  }

  private add(entry: ActorEntry): void {
    if (this.byId.has(entry.id)) {
      throw new KnowledgeDataError(`${entry.file}: duplicate actor id "${entry.id}"`);
    }
    this.byId.set(entry.id, entry);
    for (const alias of entry.aliases) {
      const ambiguous = entry.ambiguousAliases.includes(alias);
      for (const key of aliasKeys(alias)) {
        if (ambiguous) this.flagged.add(`${entry.id}\u0000${key}`);
        const list = this.owners.get(key) ?? [];
        if (list.includes(entry)) continue;
        list.push(entry);
        this.owners.set(key, list);
        this.index.addKey(key, entry);
      }
    }
  }

  /** Candidates for `key`, those that claim it without flagging it ambiguous first (stable). */
  private rank(key: string, values: ActorEntry[]): ActorEntry[] {
    if (values.length < 2) return [...values];
    const flag = (e: ActorEntry) => (this.flagged.has(`${e.id}\u0000${key}`) ? 1 : 0);
    return [...values].sort((a, b) => flag(a) - flag(b));
  }

  /** The match grown over `head "name"`, or null when the head is not part of an alias. */
  private withQuotedHead(
    tokens: Token[],
    m: PhraseMatch<ActorEntry>,
    floor: number,
  ): PhraseMatch<ActorEntry> | null {
    const open = tokens[m.tokenStart - 1];
    const head = tokens[m.tokenStart - 2];
    if (m.tokenStart - 2 < floor || !open || !head || head.kind !== "arabic") return null;
    if (open.kind !== "punct" || !OPENING_QUOTES.has(open.norm)) return null;
    for (const form of firstWordForms(head)) {
      const key = `${form} ${m.key}`;
      const values = m.values.filter((v) => this.owners.get(key)?.includes(v));
      if (values.length === 0) continue;
      const close = tokens[m.tokenEnd];
      const closed =
        close !== undefined && close.kind === "punct" && CLOSING_QUOTES.has(close.norm);
      return {
        tokenStart: m.tokenStart - 2,
        tokenEnd: closed ? m.tokenEnd + 1 : m.tokenEnd,
        start: form === head.norm ? head.start : (head.baseStart ?? head.start),
        end: closed ? close.end : m.end,
        key,
        values,
      };
    }
    return null;
  }
}

const actorCache = new Map<string, ActorDictionary>();

/** The actor dictionary, loaded once per set of files (default: the shipped data/actors/*.json). */
export function loadActors(options: { files?: string[] } = {}): ActorDictionary {
  const files = options.files ?? defaultActorFiles();
  const cacheKey = files.join("\n");
  let dict = actorCache.get(cacheKey);
  if (!dict) {
    const entries = files.flatMap((f) => parseActorFile(readFileSync(f, "utf8"), basename(f)));
    dict = new ActorDictionary(entries);
    actorCache.set(cacheKey, dict);
  }
  return dict;
}

// ---------------------------------------------------------------------------------------------
// Validation (for the report script and tests: the loader itself only rejects malformed files)

/** Kinds whose actors ACLED codes, so they must carry an inter code. */
const CODED_KINDS = new Set<ActorKind>([
  "state_force",
  "armed_group",
  "militia",
  "civilians",
  "protesters",
]);

function checkEntry(e: ActorEntry, dict: ActorDictionary): string[] {
  const problems: string[] = [];
  const at = `${e.file}: ${e.id}`;
  if (!ACTOR_KINDS.includes(e.kind)) problems.push(`${at}: unknown kind "${e.kind}"`);
  if (e.inter !== null && (!Number.isInteger(e.inter) || e.inter < 1 || e.inter > 8)) {
    problems.push(`${at}: inter ${e.inter} is not in 1..8`);
  }
  if (e.inter === null && CODED_KINDS.has(e.kind)) problems.push(`${at}: a ${e.kind} needs inter`);
  if (e.interAbroad !== undefined && e.interAbroad !== 8) {
    problems.push(`${at}: inter_abroad must be 8`);
  }
  if (e.parent && !dict.get(e.parent)) problems.push(`${at}: parent "${e.parent}" does not exist`);
  if (parentLoops(e, dict)) problems.push(`${at}: parent chain loops`);
  if (e.country && !/^[A-Z]{2}$/.test(e.country)) problems.push(`${at}: country "${e.country}"`);
  if (e.wikidata && !/^Q\d+$/.test(e.wikidata)) problems.push(`${at}: wikidata "${e.wikidata}"`);
  if (e.sourceKind && !SOURCE_KINDS.includes(e.sourceKind)) {
    problems.push(`${at}: unknown source_kind "${e.sourceKind}"`);
  }
  for (const a of e.aliases) {
    if (aliasKeys(a).length === 0) problems.push(`${at}: alias "${a}" normalizes to nothing`);
  }
  if (new Set(e.aliases).size !== e.aliases.length) problems.push(`${at}: repeated alias`);
  return problems;
}

function parentLoops(e: ActorEntry, dict: ActorDictionary): boolean {
  const seen = new Set<string>();
  for (let p = e.parent; p; p = dict.get(p)?.parent) {
    if (p === e.id || seen.has(p)) return true;
    seen.add(p);
  }
  return false;
}

/** A key claimed by several actors must be flagged ambiguous on at least one of them. */
function checkSharedKeys(dict: ActorDictionary): string[] {
  const problems: string[] = [];
  for (const key of dict.aliases()) {
    const owners = dict.ownersOf(key);
    if (owners.length < 2) continue;
    const flagged = owners.some((o) => o.ambiguousAliases.some((a) => aliasKeys(a).includes(key)));
    if (!flagged) {
      problems.push(
        `alias "${key}" is claimed by ${owners.map((o) => o.id).join(", ")}: mark it ambiguous`,
      );
    }
  }
  return problems;
}

/** Every problem in the dictionary's data, as messages (empty when all is well). */
export function validateActors(dict: ActorDictionary): string[] {
  return [...dict.all().flatMap((e) => checkEntry(e, dict)), ...checkSharedKeys(dict)];
}

// ---------------------------------------------------------------------------------------------
// The role lexicon

interface RawRole {
  id?: unknown;
  category?: unknown;
  source_kind?: unknown;
  kind?: unknown;
  allegiance?: unknown;
  note?: unknown;
  aliases?: unknown;
}

function toRole(raw: RawRole, type: RoleEntry["type"]): RoleEntry {
  const where = `${ROLES_FILE}: ${type} ${JSON.stringify(raw.id ?? "?")}`;
  if (typeof raw.id !== "string") throw new KnowledgeDataError(`${where}: missing "id"`);
  const kind = (type === "role" ? raw.source_kind : raw.kind) as SourceKind;
  if (!SOURCE_KINDS.includes(kind)) throw new KnowledgeDataError(`${where}: bad kind "${kind}"`);
  const specs = readAliases(raw.aliases, where);
  return {
    id: raw.id,
    type,
    category: optionalString(raw.category),
    kind,
    allegiance: optionalString(raw.allegiance),
    note: optionalString(raw.note),
    aliases: specs.map(aliasText),
    ambiguousAliases: specs.filter(isAmbiguous).map(aliasText),
  };
}

export class RoleLexicon {
  private readonly index = new PhraseIndex<RoleEntry>();
  private readonly entries: RoleEntry[];

  constructor(entries: RoleEntry[]) {
    this.entries = entries;
    for (const e of entries) {
      for (const a of e.aliases) for (const key of aliasKeys(a)) this.index.addKey(key, e);
    }
  }

  get size(): number {
    return this.entries.length;
  }

  all(): readonly RoleEntry[] {
    return this.entries;
  }

  /** Roles and source phrases under exactly this name. */
  lookup(name: string): RoleEntry[] {
    return this.index.lookup(name);
  }

  /** Longest non-overlapping role and source-phrase matches, left to right. */
  matchTokens(tokens: Token[]): PhraseMatch<RoleEntry>[] {
    return this.index.matchAll(tokens);
  }
}

const roleCache = new Map<string, RoleLexicon>();

/** The role lexicon (data/actors/roles.json by default), loaded once. */
export function loadRoles(options: { file?: string } = {}): RoleLexicon {
  const file = options.file ?? fileURLToPath(new URL(ROLES_FILE, DATA_DIR));
  let lex = roleCache.get(file);
  if (!lex) {
    const data = JSON.parse(readFileSync(file, "utf8")) as {
      roles?: RawRole[];
      sources?: RawRole[];
    };
    if (!Array.isArray(data.roles) || !Array.isArray(data.sources)) {
      throw new KnowledgeDataError(`${ROLES_FILE}: "roles" and "sources" must be arrays`);
    }
    const entries = [
      ...data.roles.map((r) => toRole(r, "role")),
      ...data.sources.map((s) => toRole(s, "source")),
    ];
    lex = new RoleLexicon(entries);
    roleCache.set(file, lex);
  }
  return lex;
}
