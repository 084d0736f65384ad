/**
 * The founding example analysed end to end: what a careful coder writes down from it (issue #4's
 * minimum), checked field by field.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createPipeline } from "../../src/pipeline.js";
import type { EventRecord } from "../../src/types.js";
import { SEED } from "../helpers.js";

const doc = createPipeline()({ text: SEED, outlet: "العربي الجديد" });
const trigger = (e: EventRecord) => {
  const t = e.evidence.find((x) => x.role === "trigger");
  return t ? SEED.slice(t.start, t.end) : "";
};

describe("the seed article analysed", () => {
  it("codes regime artillery shelling of ISIS in Mahkan, south of al-Mayadin", () => {
    const e = doc.events.find((x) => x.sub_event_type === "Shelling/artillery/missile attack");
    assert.equal(e?.location, "Mahkan");
    assert.equal(e?.actor1, "Military Forces of Syria (2000-2024)");
    assert.match(e?.actor2 ?? "", /^Islamic State/);
    assert.deepEqual([e?.country, e?.admin1, e?.geo_precision], ["Syria", "Deir ez-Zor", 1]);
  });

  it("codes the regime's air strike on ISIS in al-Quriyah: the warplanes are still the regime's", () => {
    const e = doc.events.find(
      (x) => x.sub_event_type === "Air/drone strike" && x.location === "Quriyeh",
    );
    assert.equal(e?.actor1, "Military Forces of Syria (2000-2024)");
    assert.match(e?.actor2 ?? "", /^Islamic State/);
  });

  it("codes the battle for Deir ez-Zor's neighbourhoods at the city, militias beside the regime", () => {
    const e = doc.events.find((x) => x.event_type === "Battles");
    assert.equal(e?.sub_event_type, "Armed clash");
    assert.equal(e?.location, "Deir-Ez-Zor");
    assert.equal(e?.geo_precision, 1);
    assert.equal(e?.actor1, "Military Forces of Syria (2000-2024)");
    assert.match(e?.assoc_actor_1 ?? "", /Unidentified Armed Group/);
    assert.match(e?.actor2 ?? "", /^Islamic State/);
  });

  it("attributes the battle to SANA citing a military source in the regime forces", () => {
    const e = doc.events.find((x) => x.event_type === "Battles");
    const kinds = e?.attribution.chain.map((l) => l.kind);
    assert.deepEqual(kinds, ["outlet", "news_agency", "military_source"]);
  });

  it("codes no territorial change and no strategic development: control claims are claims", () => {
    assert.ok(!doc.events.some((x) => /territory/.test(x.sub_event_type)));
    assert.ok(!doc.events.some((x) => x.event_type === "Strategic developments"));
  });

  it("codes one flight from Deir ez-Zor, towards Ain Issa, Raqqa and Hasakah, of thousands", () => {
    const flights = doc.events.filter((x) => x.event_type === "Displacement");
    assert.equal(flights.length, 1);
    const d = flights[0]?.displacement;
    const to = d?.destinations.map((p) => p.name);
    assert.deepEqual(to, ["Ein Issa", "Ar-Raqqa", "Al-Hasakah"]);
    assert.equal(d?.people?.min, 1000);
    assert.equal(flights[0]?.actor2, "");
  });

  it("reads «مصادر في قوات النظام» as a military source of the regime forces, not a party", () => {
    const src = doc.entities.find((e) => e.type === "source" && e.text === "مصادر في قوات النظام");
    assert.equal(src?.affiliation, "sy.regime_forces");
  });

  it("codes the displacement of civilians from Deir ez-Zor as a rasd event outside ACLED's types", () => {
    const flights = doc.events.filter((x) => x.event_type === "Displacement");
    assert.ok(flights.some((x) => x.admin1 === "Deir ez-Zor" && /^Civilians/.test(x.actor1)));
  });

  it("codes reprisals against civilians in the eastern Aleppo countryside, reported by activists", () => {
    const e = doc.events.find((x) => x.event_type === "Violence against civilians");
    assert.equal(e?.location, "Eastern Aleppo countryside");
    assert.equal(e?.attribution.chain.at(-1)?.kind, "activist");
    assert.match(e?.actor2 ?? "", /^Civilians/);
  });

  it("keeps the battle expected at Albu Kamal as a future non-event, never an event", () => {
    const future = doc.nonEvents.find((x) => x.mode === "future");
    assert.equal(trigger(future as EventRecord), "معركة");
    assert.ok(!doc.events.some((x) => x.location === "Abu Kamal"));
  });

  it("attributes the shelling to the outlet and the sources in the regime forces it cites", () => {
    const e = doc.events.find((x) => x.location === "Mahkan");
    assert.equal(e?.attribution.chain[0]?.kind, "outlet");
    assert.equal(e?.attribution.stance, "assert");
  });

  it("reads SANA's report through its chain: outlet, then SANA", () => {
    const c = doc.claims.find((x) => x.speaker.name === 'وكالة "سانا"');
    assert.equal(c?.attribution.chain[1]?.kind, "news_agency");
  });

  it("finds Jarrard and Konashenkov with their roles", () => {
    const names = doc.entities
      .filter((e) => e.type === "person" && e.rule === "apposition")
      .map((e) => e.text);
    assert.deepEqual(names, ["جيمس جيرارد", "إيغور كوناشنكوف"]);
  });

  it("reads Konashenkov's زعم as an allegation", () => {
    const c = doc.claims.find((x) => x.speaker.name === "إيغور كوناشنكوف" && x.stance === "allege");
    assert.equal(c?.topic, "displacement");
  });

  it("forms the Jarrard–Konashenkov dispute, with local sources corroborating Jarrard", () => {
    const d = doc.disputes.find(
      (x) => x.question.includes("جيمس جيرارد") && x.question.includes("إيغور كوناشنكوف"),
    );
    assert.ok(d, "no dispute between Jarrard and Konashenkov");
    assert.equal(d.sides.length, 2);
    const corroborating = d.corroborations.map((c) => doc.claims.find((x) => x.id === c.claimId));
    assert.ok(corroborating.some((c) => c?.speaker.kind === "local_source"));
    assert.equal(d.corroborations[0]?.side, 0);
  });

  it("forms no other dispute: a regime source and Jarrard speak of different things", () => {
    // Jarrard's "بسبب تقدم قوات النظام" names the regime forces inside what he says; it does not
    // reject what the regime's military source said.
    assert.equal(doc.disputes.length, 1, doc.disputes.map((d) => d.question).join("\n"));
  });

  it("makes one claim of one statement, however many verbs introduce it (أبدى …، مشيرا إلى)", () => {
    const keys = doc.claims.map((c) => `${c.speaker.name}|${c.content.start}|${c.content.end}`);
    assert.equal(new Set(keys).size, keys.length);
  });

  it("reads «هذه المصادر» as the local sources named before, not the activists between", () => {
    const c = doc.claims.find((x) => x.speaker.name === "المصادر");
    assert.equal(c?.speaker.kind, "local_source");
  });

  it("makes no claim of a one-word description or of a speaker's name", () => {
    assert.ok(
      !doc.claims.some((c) => SEED.slice(c.content.start, c.content.end).trim() === "المكثفة"),
    );
  });

  it("lists each piece of an event's evidence once, however often the article tells it", () => {
    for (const e of doc.events) {
      const keys = e.evidence.map((x) => `${x.role}:${x.start}:${x.end}`);
      assert.equal(new Set(keys).size, keys.length, e.id);
    }
  });

  it("points every event's evidence back into the original text", () => {
    for (const e of [...doc.events, ...doc.nonEvents]) {
      for (const ev of e.evidence)
        assert.ok(ev.start >= 0 && ev.end <= SEED.length && ev.start < ev.end);
    }
  });
});
