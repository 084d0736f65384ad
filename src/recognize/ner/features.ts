/**
 * Features of the entity recognizer, hashed into a fixed number of buckets (no feature strings
 * are stored): the normalized word, its stem and clitics from rasd's segmentation, character
 * prefixes and suffixes, word shape, the neighbouring words and stems (±2), word pairs, cue
 * words before a name, how often the word occurs, and the gazetteer, actor and role lexicons
 * (where a match begins, continues, ends, and of what kind), as evidence the model weighs.
 */
import type { PhraseMatch } from "../../knowledge/phrase-index.js";
import { CharClass, CLASS_TABLE } from "../../text/chars.js";
import type { Token } from "../../types.js";

/** The lexicons the features consult: anything with the knowledge base's `matchTokens`. */
export interface NerLexicons {
  /** Places: the kind of the best candidate names the match. */
  places?: { matchTokens(tokens: Token[]): PhraseMatch<{ kind: string }>[] };
  /** Actors (armed groups, forces, governments, media ...). */
  actors?: { matchTokens(tokens: Token[]): PhraseMatch<{ kind: string }>[] };
  /** Roles and titles (الرئيس، وزير الخارجية، المتحدث باسم ...). */
  roles?: { matchTokens(tokens: Token[]): PhraseMatch<{ category?: string; id: string }>[] };
  /** Corpus frequency of a normalized word form. */
  frequency?: { count(word: string): number };
  /** Function words (prepositions, particles, pronouns). */
  functionWords?: { has(word: string): boolean };
}

/**
 * Words that announce the kind of name after them (normalized). The class is a feature of the
 * next one or two words; the words themselves are also features through the neighbour words.
 */
export const CUE_WORDS: Readonly<Record<string, string>> = {
  // places
  مدينه: "LOC",
  قريه: "LOC",
  بلده: "LOC",
  بلدات: "LOC",
  قري: "LOC",
  مدن: "LOC",
  محافظه: "LOC",
  منطقه: "LOC",
  حي: "LOC",
  ريف: "LOC",
  مخيم: "LOC",
  عاصمه: "LOC",
  ولايه: "LOC",
  اقليم: "LOC",
  جزيره: "LOC",
  نهر: "LOC",
  جبل: "LOC",
  بحر: "LOC",
  مطار: "LOC",
  ميناء: "LOC",
  شارع: "LOC",
  // persons
  رئيس: "PERS",
  سيد: "PERS",
  شيخ: "PERS",
  وزير: "PERS",
  نائب: "PERS",
  امير: "PERS",
  ملك: "PERS",
  العاهل: "PERS",
  الدكتور: "PERS",
  دكتور: "PERS",
  مدير: "PERS",
  قائد: "PERS",
  العميد: "PERS",
  اللواء: "PERS",
  العقيد: "PERS",
  الجنرال: "PERS",
  السفير: "PERS",
  المبعوث: "PERS",
  مراسل: "PERS",
  الرئيس: "PERS",
  السيد: "PERS",
  الشيخ: "PERS",
  الوزير: "PERS",
  الامير: "PERS",
  الملك: "PERS",
  المستشار: "PERS",
  الفنان: "PERS",
  الفنانه: "PERS",
  اللاعب: "PERS",
  المدرب: "PERS",
  الكاتب: "PERS",
  الروائي: "PERS",
  المخرج: "PERS",
  الممثل: "PERS",
  الممثله: "PERS",
  الزعيم: "PERS",
  بن: "PERS",
  ابن: "PERS",
  ابو: "PERS",
  // organizations
  وزاره: "ORG",
  تنظيم: "ORG",
  قوات: "ORG",
  حركه: "ORG",
  جبهه: "ORG",
  حزب: "ORG",
  جيش: "ORG",
  مجلس: "ORG",
  شركه: "ORG",
  جامعه: "ORG",
  وكاله: "ORG",
  صحيفه: "ORG",
  جريده: "ORG",
  قناه: "ORG",
  منظمه: "ORG",
  هيئه: "ORG",
  لواء: "ORG",
  كتائب: "ORG",
  كتيبه: "ORG",
  فرقه: "ORG",
  جمعيه: "ORG",
  اتحاد: "ORG",
  نادي: "ORG",
  فريق: "ORG",
  بنك: "ORG",
  مصرف: "ORG",
  محكمه: "ORG",
  مؤسسه: "ORG",
  مركز: "ORG",
  // the spokesperson's organization
  باسم: "ORG-OF",
};

/** A fixed 32-bit FNV-1a hash of a template seed and a string (UTF-16 code units). */
export function hashString(seed: number, s: string): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function mix(h: number, x: number): number {
  h ^= x;
  h = Math.imul(h, 0x01000193);
  h ^= h >>> 15;
  return h >>> 0;
}

/** A seed per feature template, derived from its name (stable across runs and versions). */
function seed(name: string): number {
  return hashString(0x811c9dc5, name);
}

const T = {
  bias: seed("bias"),
  w: [seed("w-2"), seed("w-1"), seed("w0"), seed("w+1"), seed("w+2")],
  s: [seed("s-2"), seed("s-1"), seed("s0"), seed("s+1"), seed("s+2")],
  sh: [seed("sh-2"), seed("sh-1"), seed("sh0"), seed("sh+1"), seed("sh+2")],
  pre: seed("pre"),
  enc: seed("enc"),
  def: seed("def"),
  pf: [seed("pf1"), seed("pf2"), seed("pf3"), seed("pf4")],
  sf: [seed("sf1"), seed("sf2"), seed("sf3"), seed("sf4")],
  wsf: [seed("wsf2"), seed("wsf3")],
  wb: [seed("w-1w0"), seed("w0w+1"), seed("s-1s0"), seed("s0s+1"), seed("s-2s-1")],
  cue: [seed("cue-2"), seed("cue-1"), seed("cue+1")],
  freq: seed("freq"),
  fn: [seed("fn-1"), seed("fn0"), seed("fn+1")],
  gaz: [seed("gaz-1"), seed("gaz0"), seed("gaz+1")],
  act: [seed("act-1"), seed("act0"), seed("act+1")],
  role: [seed("role-1"), seed("role0"), seed("role+1"), seed("role-2")],
  first: seed("first"),
  sw: seed("s0shape"),
  pfs: seed("pre|s0"),
};

/** What the features read of one word. */
export interface NerWord {
  norm: string;
  /** Stem without clitics, and without the article. */
  bare: string;
  stem: string;
  pre: string;
  enc: string;
  definite: boolean;
  shape: string;
}

function shapeOf(norm: string): string {
  let out = "";
  let last = -1;
  for (let i = 0; i < norm.length; i++) {
    const c = CLASS_TABLE[norm.charCodeAt(i)] as number;
    if (c !== last) {
      out +=
        c === CharClass.Arabic
          ? "A"
          : c === CharClass.Latin
            ? "L"
            : c === CharClass.Digit
              ? "D"
              : c === CharClass.Punct
                ? "P"
                : "S";
      last = c;
    }
  }
  if (out === "A") out += Math.min(norm.length, 8);
  return out;
}

/** The word as the features read it, from a token of rasd's text engine. */
export function nerWord(t: Token): NerWord {
  const norm = t.norm;
  const stem = t.stem ?? norm;
  const definite = t.definite === true || stem.startsWith("ال");
  const bare = stem.startsWith("ال") && stem.length > 3 ? stem.slice(2) : stem;
  return {
    norm,
    stem,
    bare,
    pre: t.proclitics && t.proclitics.length > 0 ? t.proclitics.join("+") : "",
    enc: t.enclitics && t.enclitics.length > 0 ? t.enclitics.join("+") : "",
    definite,
    shape: shapeOf(norm),
  };
}

/** Per token, the position in a lexicon match: 0 none, 1 begins, 2 inside, 3 ends, 4 alone. */
function positions<T>(
  n: number,
  matches: PhraseMatch<T>[],
  label: (v: T) => string,
): { pos: Uint8Array; kind: string[] } {
  const pos = new Uint8Array(n);
  const kind: string[] = new Array(n).fill("");
  for (const m of matches) {
    const v = m.values[0];
    if (v === undefined) continue;
    const k = label(v);
    for (let i = m.tokenStart; i < m.tokenEnd && i < n; i++) {
      pos[i] =
        m.tokenEnd - m.tokenStart === 1 ? 4 : i === m.tokenStart ? 1 : i === m.tokenEnd - 1 ? 3 : 2;
      kind[i] = k;
    }
  }
  return { pos, kind };
}

/** Hashed features of a sentence: token i's buckets are `ids[offsets[i] .. offsets[i+1])`. */
export interface SentenceFeatures {
  ids: Int32Array;
  offsets: Int32Array;
}

function freqClass(c: number): number {
  return c === 0 ? 0 : c === 1 ? 1 : c < 5 ? 2 : c < 20 ? 3 : c < 100 ? 4 : 5;
}

const POS_NAMES = ["", "B", "I", "E", "U"];

/**
 * The features of every token of a sentence, hashed into `mask + 1` buckets. `tokens` are rasd
 * tokens (segmented by the text engine); the lexicons are matched over them here.
 */
export function sentenceFeatures(
  tokens: Token[],
  lexicons: NerLexicons,
  mask: number,
): SentenceFeatures {
  const n = tokens.length;
  const words = tokens.map(nerWord);
  const gaz = lexicons.places
    ? positions(n, lexicons.places.matchTokens(tokens), (v) => v.kind)
    : undefined;
  const act = lexicons.actors
    ? positions(n, lexicons.actors.matchTokens(tokens), (v) => v.kind)
    : undefined;
  const role = lexicons.roles
    ? positions(n, lexicons.roles.matchTokens(tokens), (v) => v.category ?? v.id)
    : undefined;
  const fn = lexicons.functionWords;
  const freq = lexicons.frequency;

  const ids: number[] = [];
  const offsets = new Int32Array(n + 1);
  const PAD = "<s>";
  const PAD_END = "</s>";
  const w = (i: number) => (i < 0 ? PAD : i >= n ? PAD_END : (words[i] as NerWord).norm);
  const s = (i: number) => (i < 0 ? PAD : i >= n ? PAD_END : (words[i] as NerWord).bare);
  const sh = (i: number) => (i < 0 ? PAD : i >= n ? PAD_END : (words[i] as NerWord).shape);
  const cue = (i: number) => {
    if (i < 0 || i >= n) return "";
    const x = words[i] as NerWord;
    return (x.definite ? CUE_WORDS[`ال${x.bare}`] : undefined) ?? CUE_WORDS[x.bare] ?? "";
  };
  const add = (h: number) => {
    ids.push(h & mask);
  };

  for (let i = 0; i < n; i++) {
    offsets[i] = ids.length;
    const x = words[i] as NerWord;
    add(T.bias);
    if (i === 0) add(T.first);
    for (let d = -2; d <= 2; d++) {
      add(hashString(T.w[d + 2] as number, w(i + d)));
      add(hashString(T.s[d + 2] as number, s(i + d)));
      add(hashString(T.sh[d + 2] as number, sh(i + d)));
    }
    add(hashString(T.pre, x.pre));
    add(hashString(T.enc, x.enc));
    add(mix(T.def, x.definite ? 1 : 0));
    add(hashString(T.pfs, `${x.pre}|${x.definite ? "ال" : ""}|${x.shape}`));
    const b = x.bare;
    if (x.shape.startsWith("A")) {
      for (let k = 1; k <= 4 && k < b.length; k++) {
        add(hashString(T.pf[k - 1] as number, b.slice(0, k)));
        add(hashString(T.sf[k - 1] as number, b.slice(b.length - k)));
      }
      if (x.norm.length > 3) {
        add(hashString(T.wsf[0] as number, x.norm.slice(-2)));
        add(hashString(T.wsf[1] as number, x.norm.slice(-3)));
      }
    }
    // Word pairs.
    add(hashString(hashString(T.wb[0] as number, w(i - 1)), `|${w(i)}`));
    add(hashString(hashString(T.wb[1] as number, w(i)), `|${w(i + 1)}`));
    add(hashString(hashString(T.wb[2] as number, s(i - 1)), `|${s(i)}`));
    add(hashString(hashString(T.wb[3] as number, s(i)), `|${s(i + 1)}`));
    add(hashString(hashString(T.wb[4] as number, s(i - 2)), `|${s(i - 1)}`));
    // Cue words before (and after) the word.
    const c2 = cue(i - 2);
    const c1 = cue(i - 1);
    const cn = cue(i + 1);
    if (c2) add(hashString(T.cue[0] as number, c2));
    if (c1) add(hashString(T.cue[1] as number, c1));
    if (cn) add(hashString(T.cue[2] as number, cn));
    if (freq) add(mix(T.freq, freqClass(freq.count(x.norm))));
    if (fn) {
      for (let d = -1; d <= 1; d++) {
        const j = i + d;
        if (j >= 0 && j < n && fn.has((words[j] as NerWord).norm)) add(T.fn[d + 1] as number);
      }
    }
    const lex = (
      table: { pos: Uint8Array; kind: string[] } | undefined,
      seeds: number[],
      window: number[],
    ) => {
      if (!table) return;
      for (let k = 0; k < window.length; k++) {
        const j = i + (window[k] as number);
        if (j < 0 || j >= n) continue;
        const p = table.pos[j] as number;
        if (p === 0) continue;
        const sd = seeds[k] as number;
        add(hashString(sd, POS_NAMES[p] as string));
        add(hashString(sd, `${POS_NAMES[p]}|${table.kind[j]}`));
      }
    };
    lex(gaz, T.gaz, [-1, 0, 1]);
    lex(act, T.act, [-1, 0, 1]);
    lex(role, T.role, [-1, 0, 1, -2]);
  }
  offsets[n] = ids.length;
  return { ids: Int32Array.from(ids), offsets };
}
