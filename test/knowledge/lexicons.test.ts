/** The event and report lexicons: triggers, modality cues and reporting verbs over real text. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  type LexiconMatch,
  loadLexicons,
  type TriggerEntry,
  validateLexicons,
} from "../../src/knowledge/lexicons.js";
import { createDocument, textStage } from "../../src/text/index.js";
import type { RasdDocument } from "../../src/types.js";
import { SEED } from "../helpers.js";

const lex = loadLexicons();

function analyze(text: string): RasdDocument {
  const doc = createDocument(text);
  textStage()(doc);
  return doc;
}

const seed = analyze(SEED);
const seedTriggers = lex.matchTriggers(seed.tokens);
const seedVerbs = lex.matchReportingVerbs(seed.tokens);
const seedCues = lex.matchModality(seed.tokens);

/** Matches whose original text is exactly `surface`. */
function withSurface<T>(text: string, matches: LexiconMatch<T>[], surface: string) {
  return matches.filter((m) => text.slice(m.start, m.end) === surface);
}

function seedTrigger(surface: string): LexiconMatch<TriggerEntry> {
  const m = withSurface(SEED, seedTriggers, surface)[0];
  assert.ok(m, `no trigger «${surface}» in the seed`);
  return m;
}

const types = (e: TriggerEntry) => [e.event_type, e.sub_event_type];

function triggersIn(text: string) {
  return lex
    .matchTriggers(analyze(text).tokens)
    .map((m) => ({ ...m, surface: text.slice(m.start, m.end) }));
}

describe("trigger lexicons on the seed article", () => {
  it('finds "غارات جوية" as an air strike (PLOVER ASSAULT, aerial)', () => {
    const m = seedTrigger("غارات جوية");
    assert.deepEqual(types(m.entry), ["Explosions/Remote violence", "Air/drone strike"]);
    assert.deepEqual(m.entry.plover, { event_type: "ASSAULT", mode: "aerial" });
  });

  it('finds the artillery of "سلاح المدفعية" (the artillery corps) as shelling', () => {
    const m = seedTrigger("المدفعية");
    assert.deepEqual(types(m.entry), [
      "Explosions/Remote violence",
      "Shelling/artillery/missile attack",
    ]);
  });

  it('finds "الطيران الحربي" twice, as an air strike', () => {
    const ms = withSurface(SEED, seedTriggers, "الطيران الحربي");
    assert.equal(ms.length, 2);
    for (const m of ms) assert.equal(m.entry.sub_event_type, "Air/drone strike");
  });

  it('finds "نزحوا" as displacement, outside ACLED', () => {
    const m = seedTrigger("نزحوا");
    assert.deepEqual(types(m.entry), ["Displacement", "Flight"]);
    assert.equal(m.entry.acled, false);
  });

  it('finds "فروا" as flight, with the displaced as subject', () => {
    const m = seedTrigger("فروا");
    assert.deepEqual([m.entry.event_type, m.entry.roleHint], ["Displacement", "displaced-subject"]);
  });

  it('finds "عمليات انتقام" as violence against civilians', () => {
    const m = seedTrigger("عمليات انتقام");
    assert.deepEqual(types(m.entry), ["Violence against civilians", "Attack"]);
    assert.equal(m.entry.roleHint, "against-civilians");
  });

  it('finds "المعارك" as an armed clash', () => {
    assert.deepEqual(types(seedTrigger("المعارك").entry), ["Battles", "Armed clash"]);
  });

  it("keeps every match inside the tokens it spans", () => {
    for (const m of seedTriggers) {
      const first = seed.tokens[m.tokenStart];
      const last = seed.tokens[m.tokenEnd - 1];
      assert.ok(first && last && m.start >= first.start && m.end === last.end);
    }
  });

  it('reads "تحاول السيطرة" as a weak territory trigger, not a plain event', () => {
    const m = seedTrigger("السيطرة");
    assert.equal(m.entry.weak, true);
    assert.equal(m.entry.roleHint, "gainer-subject");
  });
});

describe("inflected and clitic forms", () => {
  it('finds "وقصفت" without its conjunction', () => {
    const [m] = triggersIn("وقصفت قوات النظام بلدة اللطامنة بالمدفعية الثقيلة.");
    assert.equal(m?.surface, "قصفت");
    assert.equal(m?.entry.sub_event_type, "Shelling/artillery/missile attack");
  });

  it('finds "بغارات" without its preposition', () => {
    const [m] = triggersIn("استهدف الطيران الروسي البلدة بغارات مكثفة.").filter(
      (x) => x.key === "غارات",
    );
    assert.equal(m?.surface, "غارات");
    assert.equal(m?.entry.sub_event_type, "Air/drone strike");
  });

  it('finds "والاشتباكات" from the article on', () => {
    const [m] = triggersIn("وتجددت والاشتباكات في محيط المطار.").filter(
      (x) => x.entry.id === "battles.clash",
    );
    assert.equal(m?.surface, "الاشتباكات");
  });

  it('finds "طائرة مسيّرة" with its shadda as a drone strike', () => {
    const [m] = triggersIn("قصفت طائرة مسيّرة سيارة على طريق المطار.").filter((x) =>
      x.key.startsWith("طائره"),
    );
    assert.deepEqual(m?.entry.plover, { event_type: "ASSAULT", mode: "drone" });
  });

  it('prefers "هجوم انتحاري" to "هجوم"', () => {
    const [m] = triggersIn("قتل ثلاثة جنود في هجوم انتحاري قرب الحدود.").filter((x) =>
      x.surface.startsWith("هجوم"),
    );
    assert.equal(m?.entry.sub_event_type, "Suicide bomb");
  });

  it("reads a recapture verb with the gainer as subject", () => {
    const [m] = triggersIn("استعادت القوات الحكومية السيطرة على بلدة القريتين.");
    assert.equal(m?.surface, "استعادت");
    assert.equal(m?.entry.sub_event_type, "Government regains territory");
    assert.equal(m?.entry.roleHint, "gainer-subject");
  });

  it('blocks "تحت سيطرة", a state of control, not an event', () => {
    const ms = triggersIn("فر المدنيون إلى القرى الواقعة تحت سيطرة الفصائل.");
    assert.deepEqual(
      ms.map((m) => m.entry.event_type),
      ["Displacement"],
    );
  });

  it("gives killings and injuries as hints without an event type", () => {
    const ms = triggersIn("قتل خمسة مدنيين وأصيب عشرة آخرون بجروح.");
    assert.deepEqual(
      ms.map((m) => [m.entry.casualty, m.entry.event_type, m.entry.acled]),
      [
        ["fatality", null, false],
        ["injury", null, false],
        ["injury", null, false],
      ],
    );
  });

  it("does not read a death sentence as an execution", () => {
    assert.deepEqual(triggersIn("أصدرت المحكمة حكم الإعدام بحق المتهم."), []);
  });
});

describe("reporting verbs on the seed article", () => {
  const verb = (surface: string) => {
    const m = withSurface(SEED, seedVerbs, surface)[0];
    assert.ok(m, `no reporting verb «${surface}»`);
    return m.entry;
  };

  it('reads "ونقلت" as reporting from a source after عن', () => {
    const v = verb("نقلت");
    assert.deepEqual([v.stance, v.complement], ["report", ["from-source"]]);
  });

  it('reads "وذكرت" as report', () => assert.equal(verb("ذكرت").stance, "report"));

  it('reads "وأكدت" as assert', () => assert.equal(verb("أكدت").stance, "assert"));

  it('reads "وزعم" as allege', () => assert.equal(verb("زعم").stance, "allege"));

  it('reads "يؤكد" as assert', () => assert.equal(verb("يؤكد").stance, "assert"));

  it('reads "ويقول" as report', () => assert.equal(verb("يقول").stance, "report"));

  it('reads "مشيرا" (with إلى) as a reporting participle', () => {
    const v = verb("مشيرا إلى");
    assert.deepEqual([v.stance, v.kind, v.complement], ["report", "participle", ["to-that"]]);
  });
});

describe("reporting verbs in other sentences", () => {
  const stanceOf = (text: string) => lex.matchReportingVerbs(analyze(text).tokens)[0]?.entry.stance;

  it("reads a denial", () => {
    assert.equal(stanceOf("نفى المتحدث باسم الجيش استهداف أي منطقة سكنية."), "deny");
  });

  it('reads "حمّل ... المسؤولية" as an accusation', () => {
    assert.equal(stanceOf("حمّل الائتلاف النظام المسؤولية عن المجزرة."), "accuse");
  });

  it("reads a speculation", () => {
    assert.equal(stanceOf("رجح مصدر طبي ارتفاع عدد الضحايا."), "speculate");
  });

  it("reads a claim of responsibility as an admission", () => {
    assert.equal(stanceOf("تبنى التنظيم الهجوم في بيان على الإنترنت."), "admit");
  });

  it('reads "بحسب" as attribution to the source that follows', () => {
    const [m] = lex.matchReportingVerbs(analyze("قتل عشرة مدنيين بحسب المرصد.").tokens);
    assert.deepEqual([m?.entry.kind, m?.entry.complement], ["preposition", ["source"]]);
  });
});

describe("modality cues", () => {
  const cuesIn = (text: string) =>
    lex.matchModality(analyze(text).tokens).map((m) => [text.slice(m.start, m.end), m.entry.mode]);

  it('reads "من المتوقع" in the seed as future for the sentence', () => {
    const m = seedCues.find((c) => SEED.slice(c.start, c.end).endsWith("من المتوقع"));
    assert.deepEqual([m?.entry.mode, m?.entry.scope], ["future", "sentence"]);
  });

  it('reads "لا تزال ... تحاول" in the seed as an ongoing attempt in one sentence', () => {
    const sentence = seed.sentences.find((s) =>
      SEED.slice(s.start, s.end).includes("تحاول السيطرة على مدينة دير الزور"),
    );
    assert.ok(sentence);
    const inside = seedCues.filter((c) => c.start >= sentence.start && c.end <= sentence.end);
    assert.deepEqual(
      inside.map((c) => [SEED.slice(c.start, c.end), c.entry.mode]),
      [
        ["ولا تزال", "ongoing"],
        ["تحاول", "attempted"],
      ],
    );
  });

  it('reads "لا" before a present verb as negation', () => {
    assert.deepEqual(cuesIn("المدنيون لا ينزحون إلى الجنوب."), [["لا", "negated"]]);
  });

  it('ignores "لا" before a noun', () => {
    assert.deepEqual(cuesIn("لا اتفاق بين الطرفين حتى الآن."), []);
  });

  it('reads "قد" before a present verb as hypothetical, not before a past verb', () => {
    assert.deepEqual(cuesIn("قد تتوسع المعارك."), [["قد", "hypothetical"]]);
    assert.deepEqual(cuesIn("قد سيطرت الفصائل على التلة."), []);
  });

  it('ignores the relative "ما" after a preposition', () => {
    assert.deepEqual(cuesIn("عجز التنظيم عن استعادة ما خسره."), [["عجز", "attempted"]]);
  });

  it("reads the future prefix of a verb", () => {
    assert.deepEqual(cuesIn("ستبدأ القوات هجومها غدا."), [["ستبدأ", "future"]]);
  });

  it('reads "نفى" as negating what follows', () => {
    assert.deepEqual(cuesIn("نفى الجيش قصف المستشفى."), [["نفى", "negated"]]);
  });
});

describe("the lexicons as a whole", () => {
  it("holds at least 300 trigger forms", () => {
    assert.ok(lex.counts.triggerForms >= 300, `${lex.counts.triggerForms} forms`);
  });

  it("passes validation with no errors", () => {
    const errors = validateLexicons(lex).filter((p) => p.severity === "error");
    assert.deepEqual(errors, []);
  });

  it("is loaded once", () => assert.equal(loadLexicons(), lex));
});
