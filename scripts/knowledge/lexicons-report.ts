/**
 * Checks the event and report lexicons (data/lexicons/) and measures their coverage.
 *
 *   node --import tsx scripts/knowledge/lexicons-report.ts
 *
 * 1. Validation: every ACLED type/sub-type pair, PLOVER type and mode, stance and scope is one
 *    the reference tables know; no phrase has two conflicting types unless marked shared.
 * 2. Counts per file and per event type.
 * 3. Coverage over the development corpus (../shared/data/saudinewsnet-syria-iraq/articles.jsonl):
 *    trigger hits per event type and the share of articles with one.
 * 4. Coverage over the Arabic PLOVER gold sentences (../shared/data/arabic-event-gsr/): the share
 *    of gold-positive sentences with a trigger of the right family (a recall proxy) and of
 *    gold-negative ones (a false-alarm proxy), then the words most frequent in the positives
 *    that no trigger covers, and the gold event verbs the lexicon misses. Words only: the gold
 *    sentences are licensed newswire and are never printed.
 *
 * Sources live under ../shared/data, or $RASD_SHARED_DATA; a missing source is skipped.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  formKeys,
  type LexiconCounts,
  type LexiconProblem,
  type Lexicons,
  loadLexicons,
  type TriggerEntry,
  validateLexicons,
} from "../../src/knowledge/lexicons.js";
import { createDocument, tokensStage } from "../../src/text/index.js";
import type { Token } from "../../src/types.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SHARED = process.env.RASD_SHARED_DATA ?? join(ROOT, "..", "shared", "data");
const CORPUS = join(SHARED, "saudinewsnet-syria-iraq", "articles.jsonl");
const GSR_DIR = join(SHARED, "arabic-event-gsr");

export interface FileCount {
  file: string;
  entries: number;
  forms: number;
}

export interface TypeCoverage {
  eventType: string;
  hits: number;
  strongHits: number;
  /** Articles with at least one non-weak hit of the type. */
  articles: number;
}

export interface CorpusCoverage {
  articles: number;
  byType: TypeCoverage[];
  topTriggers: { key: string; hits: number }[];
}

export interface GsrCoverage {
  family: string;
  positives: number;
  /** Share of gold-positive sentences with a trigger of the family (any, and non-weak only). */
  recall: number;
  strongRecall: number;
  /** The same with a casualty hint also counted (killings are ASSAULT in PLOVER). */
  recallWithCasualties: number;
  /** Share of gold-negative sentences with a trigger of the family, per label. */
  falseAlarm: { label: string; sentences: number; share: number; strongShare: number }[];
  /** Frequent words of uncovered positive sentences, more typical of positives than negatives. */
  gaps: { word: string; count: number }[];
  /** Gold event verbs (from the span annotations) that no trigger matches, not even a casualty hint. */
  missedVerbs: { word: string; count: number }[];
  /** Gold event verbs matched only by a casualty hint (قتل، أصيب): killings, not typed events. */
  casualtyOnlyVerbs: number;
}

export interface LexiconsReport {
  counts: LexiconCounts;
  files: FileCount[];
  problems: LexiconProblem[];
  corpus?: CorpusCoverage;
  gsr: GsrCoverage[];
}

const tokenize = (() => {
  const stage = tokensStage();
  return (text: string): Token[] => {
    const doc = createDocument(text);
    stage(doc);
    return doc.tokens;
  };
})();

function fileCounts(lex: Lexicons): FileCount[] {
  const files = new Map<string, TriggerEntry[]>();
  for (const e of lex.triggers) {
    if (!e.blocker) files.set(e.file, [...(files.get(e.file) ?? []), e]);
  }
  const count = (file: string, entries: { forms: string[] }[]) => ({
    file,
    entries: entries.length,
    forms: new Set(entries.flatMap((e) => formKeys(e.forms))).size,
  });
  return [
    ...[...files].map(([file, entries]) => count(`triggers-${file}`, entries)),
    count(
      "modality",
      lex.modality.filter((c) => !c.blocker),
    ),
    count("reporting-verbs", lex.reportingVerbs),
  ];
}

// ---------------------------------------------------------------------------------------------
// Development corpus.
// ---------------------------------------------------------------------------------------------

function corpusCoverage(lex: Lexicons, path: string, limit: number): CorpusCoverage {
  const byType = new Map<string, TypeCoverage>();
  const keyHits = new Map<string, number>();
  let articles = 0;
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (line.trim() === "" || articles >= limit) continue;
    const { text } = JSON.parse(line) as { text: string };
    articles++;
    const seen = new Set<string>();
    for (const m of lex.matchTriggers(tokenize(text))) {
      const type = m.entry.event_type ?? `(${m.entry.casualty} hint)`;
      const c = byType.get(type) ?? { eventType: type, hits: 0, strongHits: 0, articles: 0 };
      c.hits++;
      if (!m.entry.weak) {
        c.strongHits++;
        if (!seen.has(type)) c.articles++;
        seen.add(type);
      }
      byType.set(type, c);
      keyHits.set(m.key, (keyHits.get(m.key) ?? 0) + 1);
    }
  }
  const topTriggers = [...keyHits]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25)
    .map(([key, hits]) => ({ key, hits }));
  return { articles, byType: [...byType.values()].sort((a, b) => b.hits - a.hits), topTriggers };
}

// ---------------------------------------------------------------------------------------------
// Gold sentences.
// ---------------------------------------------------------------------------------------------

/** A CSV parser for quoted fields with embedded commas, quotes and newlines (RFC 4180). */
export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const endRow = () => {
    row.push(field);
    rows.push(row);
    row = [];
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"'; // an escaped quote
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted) {
      field += c;
    } else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endRow();
    } else field += c;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

interface GoldSentence {
  label: string;
  tokens: Token[];
}

function readGold(path: string): GoldSentence[] {
  const [header, ...rows] = parseCsvRows(readFileSync(path, "utf8"));
  const col = (name: string) => header?.indexOf(name) ?? -1;
  const [textCol, labelCol] = [col("text"), col("label")];
  return rows
    .filter((r) => r.length > Math.max(textCol, labelCol))
    .map((r) => ({ label: r[labelCol] ?? "", tokens: tokenize(r[textCol] ?? "") }));
}

/** Function words and news boilerplate, left out of the gap list. */
const STOPWORDS = new Set(
  (
    "في من علي الي عن مع ان او ثم كما لكن بعد قبل حتي منذ خلال بين عند هذا هذه ذلك تلك الذي التي " +
    "الذين هو هي هم انه انها لم لا ما لن قد كان كانت يكون تكون وقال قال اليوم امس الاول الثاني " +
    "كل بعض غير اي ايضا حيث اذا لو وقد فقد وهو وهي وكان بان لان اكثر اقل عدد احد الي اول " +
    "العام الماضي يوم السبت الاحد الاثنين الثلاثاء الاربعاء الخميس الجمعه مساء صباح امس"
  ).split(" "),
);

function familyOf(family: string): (e: TriggerEntry) => boolean {
  return (e) => e.plover?.event_type === family;
}

function sentenceHits(lex: Lexicons, tokens: Token[], inFamily: (e: TriggerEntry) => boolean) {
  const matches = lex.matchTriggers(tokens);
  const family = matches.filter((m) => m.entries.some(inFamily));
  return {
    any: family.length > 0,
    strong: family.some((m) => !m.entry.weak),
    casualty: matches.some((m) => m.entry.casualty !== undefined),
    covered: new Set(matches.flatMap((m) => range(m.tokenStart, m.tokenEnd))),
  };
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);

/** Distinct content words of a sentence (clitics stripped), skipping covered tokens. */
function contentWords(tokens: Token[], covered: Set<number>): Set<string> {
  const words = new Set<string>();
  tokens.forEach((t, i) => {
    const w = t.stem ?? t.norm;
    if (t.kind === "arabic" && !covered.has(i) && w.length >= 3 && !STOPWORDS.has(w)) {
      words.add(w.startsWith("ال") && w.length > 4 ? w.slice(2) : w);
    }
  });
  return words;
}

function topCounts(counts: Map<string, number>, n: number) {
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([word, count]) => ({ word, count }));
}

/** Gold event verbs (span annotations) that no trigger of the family matches. */
function goldVerbCoverage(lex: Lexicons, path: string, inFamily: (e: TriggerEntry) => boolean) {
  const missed = new Map<string, number>();
  let casualtyOnly = 0;
  if (!existsSync(path)) return { missed: [], casualtyOnly };
  const records = JSON.parse(readFileSync(path, "utf8")) as { spans?: { verb?: string[] }[] }[];
  for (const r of records) {
    for (const span of r.spans ?? []) {
      const verb = (span.verb ?? []).join(" ").trim();
      if (verb === "") continue;
      const tokens = tokenize(verb);
      const matches = lex.matchTriggers(tokens);
      if (matches.some((m) => m.entries.some(inFamily))) continue;
      if (matches.some((m) => m.entry.casualty !== undefined)) casualtyOnly++;
      else {
        // Only the head word is listed: spans can run to several words of the gold sentence.
        const head = tokens.find((t) => t.kind === "arabic");
        if (head) missed.set(head.norm, (missed.get(head.norm) ?? 0) + 1);
      }
    }
  }
  return { missed: topCounts(missed, 30), casualtyOnly };
}

function gsrCoverage(lex: Lexicons, family: string, csv: string, spans: string): GsrCoverage {
  const inFamily = familyOf(family);
  const gold = readGold(csv);
  const positives = gold.filter((s) => s.label === "yes");
  const posWords = new Map<string, number>();
  const negWords = new Map<string, number>();
  let [any, strong, withCasualties] = [0, 0, 0];
  for (const s of positives) {
    const h = sentenceHits(lex, s.tokens, inFamily);
    any += +h.any;
    strong += +h.strong;
    withCasualties += +(h.any || h.casualty);
    if (!h.any) for (const w of contentWords(s.tokens, h.covered)) bump(posWords, w);
  }
  const falseAlarm = ["easy no", "difficult no"].map((label) => {
    const negs = gold.filter((s) => s.label === label);
    let [hit, hitStrong] = [0, 0];
    for (const s of negs) {
      const h = sentenceHits(lex, s.tokens, inFamily);
      hit += +h.any;
      hitStrong += +h.strong;
      for (const w of contentWords(s.tokens, new Set())) bump(negWords, w);
    }
    return {
      label,
      sentences: negs.length,
      share: hit / negs.length,
      strongShare: hitStrong / negs.length,
    };
  });
  const negTotal = falseAlarm.reduce((n, f) => n + f.sentences, 0);
  // Keep words at least twice as frequent (per sentence) in positives as in negatives.
  const typical = new Map(
    [...posWords].filter(
      ([w, n]) => n >= 2 && n / positives.length >= (2 * ((negWords.get(w) ?? 0) + 1)) / negTotal,
    ),
  );
  const n = positives.length;
  const verbs = goldVerbCoverage(lex, spans, inFamily);
  return {
    family,
    positives: n,
    recall: any / n,
    strongRecall: strong / n,
    recallWithCasualties: withCasualties / n,
    falseAlarm,
    gaps: topCounts(typical, 30),
    missedVerbs: verbs.missed,
    casualtyOnlyVerbs: verbs.casualtyOnly,
  };
}

function bump(m: Map<string, number>, key: string): void {
  m.set(key, (m.get(key) ?? 0) + 1);
}

// ---------------------------------------------------------------------------------------------
// Report.
// ---------------------------------------------------------------------------------------------

export function lexiconsReport(options: { corpusLimit?: number } = {}): LexiconsReport {
  const lex = loadLexicons();
  const report: LexiconsReport = {
    counts: lex.counts,
    files: fileCounts(lex),
    problems: validateLexicons(lex),
    gsr: [],
  };
  if (existsSync(CORPUS)) {
    report.corpus = corpusCoverage(lex, CORPUS, options.corpusLimit ?? Number.POSITIVE_INFINITY);
  }
  for (const family of ["ASSAULT", "PROTEST"]) {
    const name = family.toLowerCase();
    const csv = join(GSR_DIR, `${name}_gsr.csv`);
    if (existsSync(csv)) {
      report.gsr.push(gsrCoverage(lex, family, csv, join(GSR_DIR, `${name}_spans.json`)));
    }
  }
  return report;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const words = (list: { word: string; count: number }[]) =>
  list.map((w) => `${w.word} ${w.count}`).join("، ");

function printReport(r: LexiconsReport): void {
  const c = r.counts;
  console.log("Lexicons");
  console.log(`  triggers: ${c.triggerEntries} entries, ${c.triggerForms} distinct forms`);
  for (const [type, n] of Object.entries(c.formsByEventType)) console.log(`    ${type}: ${n}`);
  console.log(`  modality: ${c.modalityCues} cues, ${c.modalityForms} forms`);
  console.log(`  reporting verbs: ${c.reportingVerbs} entries, ${c.reportingForms} forms`);
  for (const f of r.files) console.log(`  ${f.file}: ${f.entries} entries, ${f.forms} forms`);
  const errors = r.problems.filter((p) => p.severity === "error");
  console.log(
    `\nValidation: ${errors.length} errors, ${r.problems.length - errors.length} warnings`,
  );
  for (const p of r.problems) console.log(`  ${p.severity}: ${p.id}: ${p.message}`);
  if (r.corpus) {
    console.log(`\nDevelopment corpus: ${r.corpus.articles} articles`);
    for (const t of r.corpus.byType) {
      const share = pct(t.articles / r.corpus.articles);
      console.log(
        `  ${t.eventType}: ${t.hits} hits (${t.strongHits} strong), ${share} of articles`,
      );
    }
    console.log(
      `  most frequent: ${r.corpus.topTriggers.map((t) => `${t.key} ${t.hits}`).join("، ")}`,
    );
  }
  for (const g of r.gsr) {
    console.log(`\nGold ${g.family} sentences: ${g.positives} positive`);
    console.log(
      `  recall proxy: ${pct(g.recall)} (non-weak ${pct(g.strongRecall)}), with casualty hints ${pct(g.recallWithCasualties)}`,
    );
    for (const f of g.falseAlarm) {
      console.log(
        `  false alarms, ${f.label} (${f.sentences}): ${pct(f.share)} (non-weak ${pct(f.strongShare)})`,
      );
    }
    console.log(`  gaps (words of uncovered positives): ${words(g.gaps)}`);
    console.log(`  gold event verbs covered only by casualty hints: ${g.casualtyOnlyVerbs}`);
    console.log(`  gold event verbs missed: ${words(g.missedVerbs)}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const report = lexiconsReport();
  printReport(report);
  if (report.problems.some((p) => p.severity === "error")) process.exitCode = 1;
}
