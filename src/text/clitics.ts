/**
 * Conservative clitic segmentation of Arabic words: proclitics و ف ب ل ك س ال (and their
 * combinations) and the common enclitics. A cut is made only when what remains is long enough,
 * and never when the whole word is itself a known word or name (بلدة, والي, لبنان ...).
 *
 * Decisions are taken on a light normalization (tashkeel removed, ة and hamza forms kept) so
 * that the pronoun ه is not confused with a folded ة; light and full normalization have the same
 * length, so the cut positions carry over to the full form.
 */
import { normalizeForMatch } from "./normalize.js";

export interface Segmentation {
  /** The stem in full normalized form (the article is kept inside known names such as الموصل). */
  stem: string;
  proclitics: string[];
  enclitics: string[];
  definite: boolean;
}

/** Words and names that must never be cut; checked in full normalized form. */
export interface WordLexicon {
  has(normalizedWord: string): boolean;
}

/** Corpus frequencies of whole word forms (normalized), to judge whether a stem is a word. */
export interface WordFrequencies {
  count(normalizedWord: string): number;
}

/**
 * How readily each single-letter proclitic is cut when the corpus has seen the whole word:
 * cut when (count(stem) + 1) >= (count(word) + 1) * weight. و is nearly always a clitic;
 * ف and ك begin many words (فرانس, فروا, كامل, كبرى), so they need the stem to be attested.
 */
const PROCLITIC_WEIGHT: Record<string, number> = { و: 0.5, ب: 1, ل: 1, ف: 2, ك: 2, س: 2 };

const LIGHT = { taMarbuta: false, alefMaqsura: false, alef: false } as const;

/** Proclitic sequences, longest first: conjunction, then a preposition or future س, then ال. */
const PROCLITICS: { form: string; parts: string[]; article: boolean }[] = (() => {
  const out: { form: string; parts: string[]; article: boolean }[] = [];
  for (const conj of ["و", "ف", ""]) {
    const c = conj ? [conj] : [];
    out.push({ form: `${conj}بال`, parts: [...c, "ب", "ال"], article: true });
    out.push({ form: `${conj}كال`, parts: [...c, "ك", "ال"], article: true });
    out.push({ form: `${conj}لل`, parts: [...c, "ل", "ال"], article: true });
    out.push({ form: `${conj}ال`, parts: [...c, "ال"], article: true });
    for (const p of ["ب", "ل", "ك", "س"]) {
      out.push({ form: `${conj}${p}`, parts: [...c, p], article: false });
    }
    if (conj) out.push({ form: conj, parts: [conj], article: false });
  }
  return out.sort((a, b) => b.form.length - a.form.length);
})();

/** Enclitic pronouns with the shortest stem each may leave behind. */
const ENCLITICS: { form: string; minStem: number }[] = [
  { form: "هما", minStem: 3 },
  { form: "كما", minStem: 4 },
  { form: "هم", minStem: 3 },
  { form: "هن", minStem: 3 },
  { form: "ها", minStem: 3 },
  { form: "كم", minStem: 4 },
  { form: "نا", minStem: 4 },
  { form: "ه", minStem: 3 },
  // ي and ك are left to the lexicon: عسكري, سوري, ملك, هناك are not stem + pronoun.
];

const FUTURE_VERB_PREFIX = /^[يتنأ]/;
// Common words that begin like a future verb (سيطرة control, سيارة car, سياسة politics ...).
const NOT_FUTURE =
  /^(سيطر|سيار|سياس|سياد|سيد|سير|سيل|سيول|سيف|سينا|ستار|ستين|ستمر|ستة|ستار|ستوكهولم|سيب)/;

const MIN_STEM_AFTER_ARTICLE = 2;
const MIN_STEM_AFTER_LETTER = 3;

export function segmentWord(
  word: string,
  lexicon?: WordLexicon,
  frequencies?: WordFrequencies,
): Segmentation {
  const norm = normalizeForMatch(word);
  const light = normalizeForMatch(word, LIGHT);
  const known = (w: string) => lexicon?.has(w) === true;
  const whole: Segmentation = {
    stem: norm,
    proclitics: [],
    enclitics: [],
    definite: light.startsWith("ال") && light.length > 3,
  };
  if (light.length !== norm.length || known(norm)) return whole;

  // 1. A proclitic whose remainder is a known word wins (لليبيا = ل + ليبيا, not لل + يبيا).
  for (const p of PROCLITICS) {
    if (!light.startsWith(p.form)) continue;
    const rest = norm.slice(p.form.length);
    if (p.article && known(`ال${rest}`)) {
      return { stem: `ال${rest}`, proclitics: p.parts.slice(0, -1), enclitics: [], definite: true };
    }
    if (known(rest)) {
      return {
        stem: rest,
        proclitics: p.parts,
        enclitics: [],
        definite: p.article || rest.startsWith("ال"),
      };
    }
  }

  // 2. Otherwise the longest proclitic sequence that leaves a long enough stem. Prefixes are
  // matched on the light form, so آلاف (thousands) and إلى are not read as ال + stem.
  let pre: (typeof PROCLITICS)[number] | undefined;
  for (const p of PROCLITICS) {
    if (!light.startsWith(p.form)) continue;
    const rest = light.slice(p.form.length);
    if (rest.length < (p.article ? MIN_STEM_AFTER_ARTICLE : MIN_STEM_AFTER_LETTER)) continue;
    if (p.parts.includes("س") && !isFutureVerb(light.slice(p.form.length - 1))) continue;
    if (frequencies && !attested(p, norm, frequencies)) continue;
    pre = p;
    break;
  }
  const afterPre = pre ? pre.form.length : 0;

  // 3. Enclitics, only on indefinite words (a noun with ال takes no possessive pronoun), and
  // never when what carries them is itself a known word.
  let enc: string | undefined;
  const body = light.slice(afterPre);
  if (!pre?.article && !known(norm.slice(afterPre))) {
    for (const e of ENCLITICS) {
      if (!body.endsWith(e.form)) continue;
      const stemLen = body.length - e.form.length;
      if (stemLen < e.minStem) continue;
      if (frequencies) {
        const stem = norm.slice(afterPre, afterPre + stemLen);
        // A form the corpus knows whole whose stem it never saw alone is one word (مساهم).
        // A ta marbuta turns into ت before a pronoun: سيطرتها is the stem of سيطرة.
        const stemSeen =
          known(stem) ||
          frequencies.count(stem) > 0 ||
          (stem.endsWith("ت") && frequencies.count(`${stem.slice(0, -1)}ه`) > 0);
        if (!stemSeen && frequencies.count(norm.slice(afterPre)) > 0) continue;
      }
      // اتجاه, مياه, أحيانا: a long vowel before ه or نا is the word's own ending.
      const before = body.charAt(stemLen - 1);
      if ((e.form === "ه" || e.form === "نا") && (before === "ا" || before === "أ")) continue;
      enc = e.form;
      break;
    }
  }
  if (!pre && !enc) return whole;
  const stem = norm.slice(afterPre, norm.length - (enc?.length ?? 0));
  return {
    stem,
    proclitics: pre ? pre.parts : [],
    enclitics: enc ? [normalizeForMatch(enc)] : [],
    definite: pre?.article === true,
  };
}

/**
 * Whether the corpus supports cutting proclitic `p` off `norm`. Article sequences (وال، بال،
 * لل) are reliable once the light form matched; a bare letter must leave an attested stem
 * often enough compared with the whole form.
 */
function attested(
  p: (typeof PROCLITICS)[number],
  norm: string,
  frequencies: WordFrequencies,
): boolean {
  const rest = norm.slice(p.form.length);
  if (p.article) {
    // بالغة is not ب + ال + غة: with a preposition before ال, a two-letter stem must be known.
    return p.form.length <= 3 || rest.length >= 3 || frequencies.count(`ال${rest}`) > 0;
  }
  const weight = Math.max(...p.parts.map((x) => PROCLITIC_WEIGHT[x] ?? 1));
  const stem = frequencies.count(rest);
  const whole = frequencies.count(norm);
  if (stem + 1 >= (whole + 1) * weight) return true;
  // Narrative verbs are written after و more often than alone (وقال 296 times in the corpus,
  // قال 124; وأضاف 123, أضاف 10): a stem the corpus knows is still the word after "and".
  return p.form === "و" && stem >= 2 && stem * 20 >= whole;
}

/** س + an imperfect verb (سيقوم, ستبدأ), not one of the common words that merely begin so. */
function isFutureVerb(fromSin: string): boolean {
  return FUTURE_VERB_PREFIX.test(fromSin.slice(1)) && !NOT_FUTURE.test(fromSin);
}
