import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  ActorDictionary,
  type ActorEntry,
  loadActors,
  loadRoles,
  type RoleEntry,
  validateActors,
} from "../../src/knowledge/actors.js";
import type { PhraseMatch } from "../../src/knowledge/phrase-index.js";
import { createDocument, textStage } from "../../src/text/index.js";
import { SEED } from "../helpers.js";

const actors = loadActors();
const roles = loadRoles();
const stage = textStage();

interface Found<T> {
  text: string;
  ids: string[];
  values: T[];
}

function found<T extends { id: string }>(text: string, matches: PhraseMatch<T>[]): Found<T>[] {
  return matches.map((m) => ({
    text: text.slice(m.start, m.end),
    ids: m.values.map((v) => v.id),
    values: m.values,
  }));
}

function actorsIn(text: string): Found<ActorEntry>[] {
  const doc = createDocument(text);
  stage(doc);
  return found(text, actors.matchTokens(doc.tokens));
}

function rolesIn(text: string): Found<RoleEntry>[] {
  const doc = createDocument(text);
  stage(doc);
  return found(text, roles.matchTokens(doc.tokens));
}

/** The ids of the match whose original text is exactly `surface`. */
function idsOf<T>(all: Found<T>[], surface: string): string[] {
  const m = all.find((f) => f.text === surface);
  assert.ok(m, `no match for «${surface}» among ${all.map((f) => f.text).join(" | ")}`);
  return m.ids;
}

function only(name: string): ActorEntry {
  const found = actors.lookup(name);
  assert.equal(found.length, 1, `${name}: ${found.map((e) => e.id).join(", ")}`);
  return found[0] as ActorEntry;
}

describe("actor dictionary: one actor under all its names", () => {
  it("maps the hostile and neutral names of the Islamic State to one id", () => {
    const text =
      'قال المرصد السوري لحقوق الإنسان إن تنظيم الدولة هاجم مواقع في البادية، وتبنى "داعش" الهجوم عبر وكالة أعماق، فيما أعلنت الدولة الإسلامية مقتل عناصر من قوات النظام، وأكدت مصادر أن تنظيم "داعش" انسحب.';
    const all = actorsIn(text);
    for (const name of ["تنظيم الدولة", "داعش", "الدولة الإسلامية", 'تنظيم "داعش"']) {
      assert.deepEqual(idsOf(all, name), ["isis"], name);
    }
  });

  it("maps قوات النظام, قوات الأسد and الجيش العربي السوري to the regime forces, state forces (inter 1)", () => {
    const text =
      "وقصفت قوات النظام بلدات ريف حماة، بينما حاولت قوات الأسد التقدم، وأعلن الجيش العربي السوري السيطرة على التلال.";
    const all = actorsIn(text);
    for (const name of ["قوات النظام", "قوات الأسد", "الجيش العربي السوري"]) {
      assert.deepEqual(idsOf(all, name), ["sy.regime_forces"], name);
    }
    assert.equal(actors.get("sy.regime_forces")?.inter, 1);
    assert.equal(actors.get("sy.regime_forces")?.acledName, "Military Forces of Syria (2000-2024)");
  });

  it("gives the Syrian air force the regime forces as parent", () => {
    const airForce = only("سلاح الجو السوري");
    assert.equal(airForce.parent, "sy.regime_forces");
    assert.deepEqual(
      actors.ancestors(airForce.id).map((a) => a.id),
      ["sy.regime_forces"],
    );
  });

  it("maps قسد and both spellings of قوات سوريا الديمقراطية to the SDF", () => {
    const text =
      "وسيطرت قسد على قرى جديدة شرق الفرات، فيما قالت قوات سوريا الديمقراطية إن مقاتلي قوات سورية الديمقراطية تقدموا نحو الباغوز.";
    const all = actorsIn(text);
    for (const name of ["قسد", "قوات سوريا الديمقراطية", "قوات سورية الديمقراطية"]) {
      assert.deepEqual(idsOf(all, name), ["sdf"], name);
    }
  });

  it("puts a faction of the Popular Mobilisation Forces under the PMF", () => {
    const text =
      "واستهدفت كتائب حزب الله قاعدة عين الأسد، بينما نفت عصائب أهل الحق أي علاقة لها بالهجوم.";
    const all = actorsIn(text);
    for (const name of ["كتائب حزب الله", "عصائب أهل الحق"]) {
      const [id] = idsOf(all, name);
      assert.equal(actors.get(id as string)?.parent, "iq.pmf", name);
    }
    assert.ok(actors.ancestors("iq.kataib_hezbollah").some((a) => a.id === "iq.pmf"));
  });

  it("maps الحوثيون and أنصار الله to the Houthis", () => {
    const text =
      "وقال الحوثيون إن جماعة أنصار الله أطلقت صاروخا، واتهمت الحكومة اليمنية أنصار الله بخرق الهدنة.";
    const all = actorsIn(text);
    for (const name of ["الحوثيون", "جماعة أنصار الله", "أنصار الله"]) {
      assert.deepEqual(idsOf(all, name), ["ye.houthis"], name);
    }
  });

  it("strips conjunctions and prepositions from the first word of a name", () => {
    const text = "وأكد مصدر أن والحوثيين لم يردوا، في رسالة لقوات النظام وبالحشد الشعبي.";
    const all = actorsIn(text);
    assert.deepEqual(idsOf(all, "الحوثيين"), ["ye.houthis"]);
    assert.deepEqual(idsOf(all, "قوات النظام"), ["sy.regime_forces"]);
    assert.deepEqual(idsOf(all, "الحشد الشعبي"), ["iq.pmf"]);
  });

  it("knows the spellings ميليشيا/مليشيا and الأميركية/الأمريكية without listing both", () => {
    assert.deepEqual(
      actors.lookup("مليشيا الحوثي").map((e) => e.id),
      ["ye.houthis"],
    );
    assert.deepEqual(
      actors.lookup("القوات الأميركية").map((e) => e.id),
      ["us.military"],
    );
  });

  it("returns every candidate for a shared alias, and flags it ambiguous", () => {
    const candidates = actors.lookup("الجيش الوطني").map((e) => e.id);
    for (const id of ["sna", "ly.lna", "ye.gov_forces"]) assert.ok(candidates.includes(id), id);
    for (const id of candidates) {
      assert.ok(actors.get(id)?.ambiguousAliases.includes("الجيش الوطني"), id);
    }
  });

  it("matches a name quoted after its head noun together with the head and the quotes", () => {
    const text = 'وأعلن تنظيم "داعش" مسؤوليته، بحسب وكالة «أعماق».';
    const all = actorsIn(text);
    assert.deepEqual(idsOf(all, 'تنظيم "داعش"'), ["isis"]);
    assert.deepEqual(idsOf(all, "وكالة «أعماق»"), ["media.amaq"]);
  });

  it("keeps ACLED's branch-by-country name for the Islamic State", () => {
    assert.equal(actors.get("isis")?.acledName, "Islamic State ({country})");
    assert.equal(actors.get("isis.iraq")?.acledName, "Islamic State (Iraq)");
  });

  it("codes foreign state forces acting abroad as external forces (inter 8)", () => {
    assert.equal(only("القوات الروسية").inter, 8);
    assert.equal(only("الجيش التركي").inter, 1);
    assert.equal(only("الجيش التركي").interAbroad, 8);
  });
});

describe("actor dictionary: the seed article", () => {
  const doc = createDocument(SEED);
  stage(doc);
  const all = found(SEED, actors.matchTokens(doc.tokens));

  it("finds the regime forces and the militias beside them", () => {
    assert.deepEqual(idsOf(all, "قوات النظام"), ["sy.regime_forces"]);
    assert.deepEqual(idsOf(all, "مليشيات محلية وطائفية"), ["militias"]);
  });

  it('finds تنظيم "داعش" with its quotes, in the original text', () => {
    const hits = all.filter((f) => f.text === 'تنظيم "داعش"');
    assert.ok(hits.length >= 5, `${hits.length} matches`);
    for (const h of hits) assert.deepEqual(h.ids, ["isis"]);
  });

  it('finds the agency in وكالة "سانا" and the outlet العربي الجديد, with their allegiance', () => {
    const sana = all.find((f) => f.text === 'وكالة "سانا"');
    assert.equal(sana?.values[0]?.allegiance, "Syrian government");
    assert.equal(sana?.values[0]?.sourceKind, "news_agency");
    assert.deepEqual(idsOf(all, "العربي الجديد"), ["media.alaraby"]);
  });

  it("finds the coalition, the SDF and the Kurdish units", () => {
    assert.deepEqual(idsOf(all, "التحالف الدولي"), ["coalition"]);
    assert.deepEqual(idsOf(all, "التحالف الدولي الذي تقوده الولايات المتحدة"), ["coalition"]);
    assert.deepEqual(idsOf(all, "قوات سورية الديمقراطية"), ["sdf"]);
    assert.deepEqual(idsOf(all, "الوحدات الكردية"), ["sy.ypg"]);
    assert.equal(actors.get("sy.ypg")?.parent, "sdf");
  });

  it("finds the Russian defence ministry and its reconciliation centre", () => {
    assert.deepEqual(idsOf(all, "وزارة الدفاع الروسية"), ["ru.defense_ministry"]);
    assert.deepEqual(idsOf(all, "المركز الروسي للتوفيق بين الأطراف المتحاربة"), [
      "ru.reconciliation_center",
    ]);
    assert.equal(actors.get("ru.reconciliation_center")?.parent, "ru.defense_ministry");
  });

  it("gives offsets that slice the original text exactly", () => {
    const matches = actors.matchTokens(doc.tokens);
    const regime = matches.find((m) => m.key === "قوات النظام");
    assert.ok(regime);
    assert.equal(SEED.slice(regime.start, regime.end), "قوات النظام");
    assert.equal(SEED.indexOf("قوات النظام"), regime.start);
  });
});

describe("role lexicon", () => {
  const doc = createDocument(SEED);
  stage(doc);
  const seed = found(SEED, roles.matchTokens(doc.tokens));

  it("reads المتحدث باسم as a spokesperson's office, an official source", () => {
    const m = seed.find((f) => f.text === "المتحدث باسم");
    assert.equal(m?.values[0]?.category, "spokesperson");
    assert.equal(m?.values[0]?.kind, "official");
  });

  it("reads مصدر عسكري as a military source", () => {
    const all = rolesIn("وقال مصدر عسكري لوكالة فرانس برس إن الهجوم صُدّ.");
    assert.equal(all.find((f) => f.text === "مصدر عسكري")?.values[0]?.kind, "military_source");
  });

  it("reads مصدر عسكري في قوات النظام as a military source on the government's side", () => {
    const m = seed.find((f) => f.text === "مصدر عسكري في قوات النظام");
    assert.equal(m?.values[0]?.kind, "military_source");
    assert.equal(m?.values[0]?.allegiance, "Syrian government");
  });

  it("reads مصادر محلية as local sources", () => {
    const hits = seed.filter((f) => f.text === "مصادر محلية");
    assert.equal(hits.length, 2);
    for (const h of hits) assert.equal(h.values[0]?.kind, "local_source");
  });

  it("reads ناشطون as activists", () => {
    const hits = seed.filter((f) => f.text === "ناشطون");
    assert.equal(hits.length, 2);
    for (const h of hits) assert.equal(h.values[0]?.kind, "activist");
  });

  it("reads شهود عيان as witnesses and مصادر طبية as medical sources", () => {
    const all = rolesIn(
      "وأفاد شهود عيان بسقوط قتلى، فيما قالت مصادر طبية إن المستشفى استقبل جرحى.",
    );
    assert.equal(all.find((f) => f.text === "شهود عيان")?.values[0]?.kind, "witness");
    assert.equal(all.find((f) => f.text === "مصادر طبية")?.values[0]?.kind, "medical");
  });

  it("reads a military rank before a name", () => {
    const all = rolesIn(
      "وقال العميد يحيى رسول، المتحدث باسم قيادة العمليات المشتركة، إن القوات تقدمت.",
    );
    assert.equal(all.find((f) => f.text === "العميد")?.values[0]?.category, "military_rank");
  });
});

/** A minimal entry for dictionaries built in tests. */
function entry(id: string, aliases: string[], ambiguous: string[] = []): ActorEntry {
  return {
    id,
    nameEn: id,
    kind: "armed_group",
    acledName: null,
    acledChecked: false,
    inter: 2,
    aliases,
    ambiguousAliases: ambiguous,
    file: "test.json",
  };
}

describe("actor dictionary: shared aliases", () => {
  it("lists the actor that claims an alias outright before those that flag it ambiguous", () => {
    const dict = new ActorDictionary([
      entry("generic", ["الجيش الوطني"], ["الجيش الوطني"]),
      entry("specific", ["الجيش الوطني"]),
    ]);
    assert.deepEqual(
      dict.lookup("الجيش الوطني").map((e) => e.id),
      ["specific", "generic"],
    );
  });

  it("reports an alias shared by two actors that neither flags as ambiguous", () => {
    const dict = new ActorDictionary([entry("a", ["جيش الفتح"]), entry("b", ["جيش الفتح"])]);
    assert.deepEqual(validateActors(dict), [
      'alias "جيش الفتح" is claimed by a, b: mark it ambiguous',
    ]);
  });
});

describe("actor data", () => {
  it("holds at least 150 actors and 600 aliases", () => {
    assert.ok(actors.size >= 150, `${actors.size} actors`);
    const aliases = actors.all().reduce((n, e) => n + e.aliases.length, 0);
    assert.ok(aliases >= 600, `${aliases} aliases`);
  });

  it("passes validation: unique ids, known parents, inter codes, ambiguous shared aliases", () => {
    assert.deepEqual(validateActors(actors), []);
  });

  it("is loaded once and shared", () => {
    assert.equal(loadActors(), actors);
    assert.equal(loadRoles(), roles);
  });
});
