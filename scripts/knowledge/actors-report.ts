/**
 * Checks the actor dictionary and role lexicon (data/actors/) and reports their size and their
 * coverage over the development corpus, so that gaps are visible:
 *
 *   node --import tsx scripts/knowledge/actors-report.ts [--corpus PATH] [--top N]
 *
 * Validation: ids unique, parents exist, inter codes in 1..8, aliases that normalize to
 * something, and an alias shared by two actors flagged "ambiguous" on at least one of them.
 * Coverage: alias hits per actor, and the most frequent phrases after a group noun (قوات،
 * تنظيم، جماعة ...) that no alias covers. Exits 1 when the data has problems.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  type ActorDictionary,
  loadActors,
  loadRoles,
  validateActors,
} from "../../src/knowledge/actors.js";
import { firstWordForms } from "../../src/knowledge/phrase-index.js";
import { createDocument, tokensStage } from "../../src/text/index.js";
import { normalizeForMatch } from "../../src/text/normalize.js";
import type { Token } from "../../src/types.js";

export const DEFAULT_CORPUS = fileURLToPath(
  new URL("../../../shared/data/saudinewsnet-syria-iraq/articles.jsonl", import.meta.url),
);

/** Group nouns that head an actor's name: what follows them is probably an actor. */
const HEADS = new Set(
  [
    "قوات",
    "تنظيم",
    "جماعة",
    "حركة",
    "ميليشيا",
    "مليشيا",
    "ميليشيات",
    "مليشيات",
    "لواء",
    "جيش",
    "كتائب",
    "فصيل",
    "حزب",
  ].map((w) => normalizeForMatch(w)),
);

/** Function words after a head noun: not part of a name. */
const STOPWORDS = new Set(
  [
    "في",
    "من",
    "على",
    "إلى",
    "عن",
    "مع",
    "التي",
    "الذي",
    "الذين",
    "او",
    "أو",
    "أن",
    "إن",
    "قد",
    "لا",
    "ما",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "بين",
    "كل",
    "بعد",
    "قبل",
    "خلال",
    "حول",
    "ضد",
    "كان",
    "كانت",
    "تابعة",
    "التابعة",
    "تابع",
    "التابع",
    "موالية",
    "الموالية",
    "هو",
    "هي",
    "نحو",
    "لم",
    "لن",
    "منذ",
    "عند",
    "أي",
    "غير",
    "كما",
    "ثم",
    "إلا",
  ].map((w) => normalizeForMatch(w)),
);

export interface CoverageReport {
  articles: number;
  /** Actor id and number of matches, most first. */
  hits: [string, number][];
  /** Phrase after a group noun not covered by any alias, with its count and commonest next word. */
  gaps: { phrase: string; count: number; next: string }[];
}

export interface ActorsReport {
  problems: string[];
  actors: number;
  aliases: number;
  keys: number;
  byKind: [string, number][];
  byCountry: [string, number][];
  roles: number;
  sources: number;
  roleAliases: number;
  coverage: CoverageReport | null;
}

function tally<T>(items: Iterable<T>): Map<T, number> {
  const m = new Map<T, number>();
  for (const x of items) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

function sorted<T>(m: Map<T, number>): [T, number][] {
  return [...m].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])));
}

function isWord(t: Token | undefined): t is Token {
  return t !== undefined && t.kind === "arabic";
}

/** Token indexes covered by an actor match. */
function coveredTokens(dict: ActorDictionary, tokens: Token[]): Uint8Array {
  const covered = new Uint8Array(tokens.length);
  for (const m of dict.matchTokens(tokens)) covered.fill(1, m.tokenStart, m.tokenEnd);
  return covered;
}

/**
 * The head noun a token is (clitics stripped), or undefined. Only the construct state counts
 * ("تنظيم داعش"): a definite head ("التنظيم الإرهابي") describes an actor already named.
 */
function headOf(t: Token): string | undefined {
  if (t.definite) return undefined;
  return firstWordForms(t).find((f) => HEADS.has(f));
}

interface GapCount {
  count: number;
  next: Map<string, number>;
}

function countGaps(tokens: Token[], covered: Uint8Array, gaps: Map<string, GapCount>): void {
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (covered[i] || t.kind !== "arabic") continue;
    const head = headOf(t);
    const next = tokens[i + 1];
    if (!head || !isWord(next) || STOPWORDS.has(next.norm) || covered[i + 1]) continue;
    const phrase = `${head} ${next.norm}`;
    const g = gaps.get(phrase) ?? { count: 0, next: new Map() };
    g.count++;
    const third = tokens[i + 2];
    if (isWord(third)) g.next.set(third.norm, (g.next.get(third.norm) ?? 0) + 1);
    gaps.set(phrase, g);
  }
}

/** Alias hits and uncovered head phrases over a JSONL corpus of {title, text} articles. */
export function corpusCoverage(dict: ActorDictionary, corpus: string, top = 30): CoverageReport {
  const stage = tokensStage();
  const hits = new Map<string, number>();
  const gaps = new Map<string, GapCount>();
  let articles = 0;
  for (const line of readFileSync(corpus, "utf8").split("\n")) {
    if (line.trim().length === 0) continue;
    const a = JSON.parse(line) as { title?: string; text?: string };
    const doc = createDocument(`${a.title ?? ""}\n\n${a.text ?? ""}`);
    stage(doc);
    articles++;
    for (const m of dict.matchTokens(doc.tokens)) {
      for (const v of m.values) hits.set(v.id, (hits.get(v.id) ?? 0) + 1);
    }
    countGaps(doc.tokens, coveredTokens(dict, doc.tokens), gaps);
  }
  const gapList = [...gaps]
    .map(([phrase, g]) => ({ phrase, count: g.count, next: sorted(g.next)[0]?.[0] ?? "" }))
    .sort((a, b) => b.count - a.count || a.phrase.localeCompare(b.phrase))
    .slice(0, top);
  return { articles, hits: sorted(hits).slice(0, top), gaps: gapList };
}

/** Validates the data, counts it and, when the corpus is there, measures its coverage. */
export function actorsReport(options: { corpus?: string | null; top?: number } = {}): ActorsReport {
  const dict = loadActors();
  const roles = loadRoles();
  const actors = dict.all();
  const corpus = options.corpus === undefined ? DEFAULT_CORPUS : options.corpus;
  return {
    problems: validateActors(dict),
    actors: actors.length,
    aliases: actors.reduce((n, e) => n + e.aliases.length, 0),
    keys: [...dict.aliases()].length,
    byKind: sorted(tally(actors.map((e) => e.kind))),
    byCountry: sorted(tally(actors.map((e) => e.country ?? "—"))),
    roles: roles.all().filter((r) => r.type === "role").length,
    sources: roles.all().filter((r) => r.type === "source").length,
    roleAliases: roles.all().reduce((n, r) => n + r.aliases.length, 0),
    coverage: corpus && existsSync(corpus) ? corpusCoverage(dict, corpus, options.top) : null,
  };
}

function formatPairs(pairs: [string, number][]): string {
  return pairs.map(([k, n]) => `${k} ${n}`).join(", ");
}

/** The report as text lines. */
export function formatActorsReport(r: ActorsReport): string[] {
  const lines = [
    `actors: ${r.actors}, aliases: ${r.aliases} (${r.keys} index keys with spelling variants)`,
    `by kind: ${formatPairs(r.byKind)}`,
    `by country: ${formatPairs(r.byCountry)}`,
    `roles: ${r.roles} roles and ${r.sources} source phrases, ${r.roleAliases} aliases`,
    r.problems.length === 0 ? "validation: ok" : `validation: ${r.problems.length} problems`,
    ...r.problems.map((p) => `  ${p}`),
  ];
  const c = r.coverage;
  if (!c) return [...lines, "coverage: corpus not found, skipped"];
  lines.push(`coverage over ${c.articles} articles — alias hits per actor (top ${c.hits.length}):`);
  for (const [id, n] of c.hits) lines.push(`  ${String(n).padStart(6)}  ${id}`);
  lines.push(`phrases after a group noun that no alias covers (top ${c.gaps.length}):`);
  for (const g of c.gaps)
    lines.push(`  ${String(g.count).padStart(6)}  ${g.phrase}   (then: ${g.next})`);
  return lines;
}

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const top = argValue(args, "--top");
  const report = actorsReport({
    corpus: argValue(args, "--corpus"),
    top: top ? Number(top) : undefined,
  });
  for (const line of formatActorsReport(report)) console.log(line);
  if (report.problems.length > 0) process.exitCode = 1;
}
