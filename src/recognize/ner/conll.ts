/**
 * Reading named-entity corpora: CoNLL files (one `token TAG` per line, blank line between
 * sentences), the original single-file ANERcorp with the CAMeL Lab train/test split, and the
 * nested Wojood format flattened to rasd's four types.
 */
import { InputError } from "../../errors.js";

/** The entity types rasd's recognizer knows (ANERcorp's tag set). */
export const NER_TYPES = ["PERS", "LOC", "ORG", "MISC"] as const;
export type NerType = (typeof NER_TYPES)[number];

/** BIO labels in model order: O first, then B-/I- per type. */
export const NER_LABELS: readonly string[] = [
  "O",
  ...NER_TYPES.flatMap((t) => [`B-${t}`, `I-${t}`]),
];

/** A sentence of a tagged corpus: words and their IOB2 tags, one per word. */
export interface TaggedSentence {
  words: string[];
  tags: string[];
}

const TAG = /^(O|[BI]-[A-Za-z_]+)$/;

/** A malformed corpus file: names the file, line and what is wrong. */
function bad(origin: string, line: number, message: string): InputError {
  return new InputError("bad-conll", `${origin}:${line}: ${message}`);
}

function isTag(s: string): boolean {
  return TAG.test(s);
}

/**
 * Spellings of ANERcorp tags seen across copies of the corpus, mapped to the canonical ones
 * (CAMeL Lab clean-up 1: "we corrected minor tag spelling errors").
 */
const TAG_FIXES: Record<string, string> = {
  "B-PER": "B-PERS",
  "I-PER": "I-PERS",
  "B-PRES": "B-PERS",
  "I-PRES": "I-PERS",
  "B-ORGANIZATION": "B-ORG",
  "I-ORGANIZATION": "I-ORG",
  "B-LOCATION": "B-LOC",
  "I-LOCATION": "I-LOC",
  "B-MISC0": "B-MISC",
  "I-MISC0": "I-MISC",
  "B-MIS": "B-MISC",
  "I-MIS": "I-MISC",
  "B-LOC,": "B-LOC",
  o: "O",
  "0": "O",
};

/** A tag of rasd's set (O, B-/I- with PERS, LOC, ORG, MISC), after the known spelling fixes. */
function canonicalTag(tag: string): string | undefined {
  const t = TAG_FIXES[tag] ?? TAG_FIXES[tag.toUpperCase()] ?? tag.toUpperCase();
  return NER_LABELS.includes(t) ? t : undefined;
}

/**
 * Reads a CoNLL file: one `token TAG` per line (space or tab separated), a blank line between
 * sentences. Tags must be O or B-/I- of PERS, LOC, ORG, MISC (a few known misspellings are
 * corrected). Throws an InputError naming the line for anything else.
 */
export function parseConll(text: string, origin = "input"): TaggedSentence[] {
  const out: TaggedSentence[] = [];
  let cur: TaggedSentence = { words: [], tags: [] };
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = (lines[n] as string).trim();
    if (n === 0 && line.startsWith("-DOCSTART-")) continue;
    if (line.length === 0 || line.startsWith("-DOCSTART-")) {
      if (cur.words.length > 0) out.push(cur);
      cur = { words: [], tags: [] };
      continue;
    }
    const fields = line.split(/[ \t]+/);
    if (fields.length < 2) {
      throw bad(origin, n + 1, `expected "token TAG", found one field "${clip(line)}"`);
    }
    if (fields.length > 2) {
      const tags = fields.slice(1);
      const hint = tags.every(isTag)
        ? " (several tags per token is the nested Wojood format: pass --scheme wojood)"
        : "";
      throw bad(
        origin,
        n + 1,
        `expected "token TAG", found ${fields.length} fields "${clip(line)}"${hint}`,
      );
    }
    const tag = canonicalTag(fields[1] as string);
    if (!tag) {
      throw bad(
        origin,
        n + 1,
        `unknown tag "${clip(fields[1] as string)}" (expected O or B-/I- with PERS, LOC, ORG, MISC)`,
      );
    }
    cur.words.push(fields[0] as string);
    cur.tags.push(tag);
  }
  if (cur.words.length > 0) out.push(cur);
  if (out.length === 0) throw new InputError("bad-conll", `${origin}: no tagged tokens`);
  return out;
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

// ---------------------------------------------------------------------------------------------
// ANERcorp and the CAMeL Lab split

/** What the ANERcorp clean-ups did, for the record. */
export interface AnercorpCleanup {
  /** Lines in the file (non-empty). */
  lines: number;
  /** Tokens dropped because nothing was left once U+200F (and whitespace) was removed. */
  emptyTokensDropped: number;
  /** Tags whose spelling was corrected. */
  tagsFixed: number;
  /** Middle and bold periods (· •) turned into "." tokens. */
  periodsConverted: number;
  /** I- tags following O or another type (kept as they are; the scorer reads them as a start). */
  looseInsideTags: number;
}

export interface AnercorpSplit {
  train: TaggedSentence[];
  test: TaggedSentence[];
  words: { total: number; train: number; test: number };
  cleanup: AnercorpCleanup;
}

/**
 * The CAMeL Lab split of ANERcorp (https://camel.abudhabi.nyu.edu/anercorp/), rebuilt from the
 * original single-file release: (1) tag spelling errors corrected, (2) middle (·) and bold (•)
 * periods turned into ".", (3) U+200F removed (a token left empty is dropped), (4) a sentence
 * boundary after every run of one or more "." tokens, (5) the sentences holding the first 5/6 of
 * the words go to train, the rest to test.
 */
export function camelSplit(text: string, origin = "ANERcorp"): AnercorpSplit {
  const words: string[] = [];
  const tags: string[] = [];
  const cleanup: AnercorpCleanup = {
    lines: 0,
    emptyTokensDropped: 0,
    tagsFixed: 0,
    periodsConverted: 0,
    looseInsideTags: 0,
  };
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n] as string;
    if (raw.trim().length === 0) continue;
    cleanup.lines++;
    // The tag is the last field; the token is everything before it (a few lines of the
    // original hold a token with a space inside, kept whole so that word counts hold).
    const line = raw.replace(/\u200f/g, "").trim();
    const cut = line.search(/[ \t][^ \t]+$/);
    const rawTag = cut < 0 ? line : line.slice(cut + 1);
    let token = cut < 0 ? "" : line.slice(0, cut).trim();
    const tag = canonicalTag(rawTag);
    if (!tag) {
      throw bad(origin, n + 1, `unknown tag "${clip(rawTag)}" in "${clip(raw)}"`);
    }
    if (tag !== rawTag) cleanup.tagsFixed++;
    if (token.length === 0) {
      cleanup.emptyTokensDropped++;
      continue;
    }
    if (token === "·" || token === "•") {
      token = ".";
      cleanup.periodsConverted++;
    }
    const prev = tags.length > 0 ? (tags[tags.length - 1] as string) : "O";
    if (tag.startsWith("I-") && prev.slice(2) !== tag.slice(2)) cleanup.looseInsideTags++;
    words.push(token);
    tags.push(tag);
  }
  if (words.length === 0) throw new InputError("bad-conll", `${origin}: no tagged tokens`);

  // Sentences end after each run of periods.
  const sentences: TaggedSentence[] = [];
  let from = 0;
  for (let i = 0; i < words.length; i++) {
    const endsRun = words[i] === "." && words[i + 1] !== ".";
    if (endsRun || i === words.length - 1) {
      sentences.push({ words: words.slice(from, i + 1), tags: tags.slice(from, i + 1) });
      from = i + 1;
    }
  }

  // A sentence goes to train when it holds any of the first 5/6 of the words.
  const limit = (words.length * 5) / 6;
  let seen = 0;
  let cut = 0;
  for (const s of sentences) {
    if (seen >= limit) break;
    seen += s.words.length;
    cut++;
  }
  const train = sentences.slice(0, cut);
  const test = sentences.slice(cut);
  return {
    train,
    test,
    words: { total: words.length, train: seen, test: words.length - seen },
    cleanup,
  };
}

/**
 * A development part inside the training part: the sentences holding the last `share` of its
 * words (sequential, like the test split, so that dev stories differ from the rest of train).
 */
export function devSplit(
  train: TaggedSentence[],
  share = 0.1,
): { fit: TaggedSentence[]; dev: TaggedSentence[] } {
  const total = train.reduce((n, s) => n + s.words.length, 0);
  const limit = total * (1 - share);
  let seen = 0;
  let cut = 0;
  for (const s of train) {
    if (seen >= limit) break;
    seen += s.words.length;
    cut++;
  }
  return { fit: train.slice(0, cut), dev: train.slice(cut) };
}

/**
 * IOB2 repair for training: an I- tag that follows O or another type starts an entity, as the
 * scorer reads it, so it becomes B-.
 */
export function repairIob(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i] as string;
    const prev = i > 0 ? (out[i - 1] as string) : "O";
    out.push(t.startsWith("I-") && prev.slice(2) !== t.slice(2) ? `B-${t.slice(2)}` : t);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Wojood (nested) flattened to rasd's types

/**
 * How Wojood's top-level types map onto rasd's: GPE, LOC and FAC are places (LOC); NORP
 * (nationalities, religious and political groups) is MISC only when `norp` is "MISC", and left
 * out otherwise. Every other Wojood type (OCC, DATE, EVENT, CARDINAL ...) is left out.
 */
export function wojoodTypeMap(norp: "MISC" | "omit"): Record<string, NerType> {
  const map: Record<string, NerType> = {
    PERS: "PERS",
    ORG: "ORG",
    GPE: "LOC",
    LOC: "LOC",
    FAC: "LOC",
  };
  if (norp === "MISC") map.NORP = "MISC";
  return map;
}

/**
 * Reads the nested Wojood format (`token TAG1 [TAG2 ...]`, blank line between sentences) and
 * flattens it: entities of each Wojood type are read on their own, mapped with `typeMap`
 * (unmapped types dropped), and the outermost mapped entities kept (longest first; a nested one
 * is dropped when it overlaps one already kept).
 */
export function parseWojood(
  text: string,
  typeMap: Record<string, NerType>,
  origin = "input",
): TaggedSentence[] {
  const out: TaggedSentence[] = [];
  let words: string[] = [];
  let layers: string[][] = [];
  const flush = () => {
    if (words.length > 0) out.push({ words, tags: flattenNested(layers, typeMap) });
    words = [];
    layers = [];
  };
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = (lines[n] as string).trim();
    if (line.length === 0) {
      flush();
      continue;
    }
    const fields = line.split(/[ \t]+/);
    if (fields.length < 2) {
      throw bad(origin, n + 1, `expected "token TAG [TAG ...]", found "${clip(line)}"`);
    }
    const tags = fields.slice(1);
    for (const t of tags) {
      if (!isTag(t)) throw bad(origin, n + 1, `unknown tag "${clip(t)}" in "${clip(line)}"`);
    }
    words.push(fields[0] as string);
    layers.push(tags);
  }
  flush();
  if (out.length === 0) throw new InputError("bad-conll", `${origin}: no tagged tokens`);
  return out;
}

function flattenNested(tokenTags: string[][], typeMap: Record<string, NerType>): string[] {
  const n = tokenTags.length;
  const spans: { start: number; end: number; type: NerType }[] = [];
  const types = new Set<string>();
  for (const tags of tokenTags) for (const t of tags) if (t !== "O") types.add(t.slice(2));
  for (const wt of types) {
    const mapped = typeMap[wt];
    if (!mapped) continue;
    // This type's own layer: I- when the token continues an entity of the type, else B-.
    let start = -1;
    for (let i = 0; i <= n; i++) {
      const tags = i < n ? (tokenTags[i] as string[]) : [];
      const inside = tags.includes(`I-${wt}`) && start >= 0;
      const begins = tags.includes(`B-${wt}`) || (tags.includes(`I-${wt}`) && start < 0);
      if (inside) continue;
      if (start >= 0) spans.push({ start, end: i, type: mapped });
      start = begins ? i : -1;
    }
  }
  spans.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const tags: string[] = new Array(n).fill("O");
  for (const s of spans) {
    let free = true;
    for (let i = s.start; i < s.end; i++) if (tags[i] !== "O") free = false;
    if (!free) continue;
    for (let i = s.start; i < s.end; i++) tags[i] = `${i === s.start ? "B" : "I"}-${s.type}`;
  }
  return tags;
}
