/**
 * The JSON output against its published schema (docs/schema/analysis.schema.json): real analyses
 * validate, broken records fail, and the schema's vocabularies stay in step with the code.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { analyze } from "../../src/index.js";
import { ACLED_PAIRS, PLOVER_MODES, RASD_PAIRS } from "../../src/knowledge/lexicons.js";
import type { AnalysisResult } from "../../src/output/json.js";
import { SOURCE_KINDS } from "../../src/types.js";
import { schemaErrors as errors, explain, schema } from "../analysis-schema.js";
import { SEED } from "../helpers.js";

const PUBLISHED = "2019-05-10";
const AIR_STRIKE =
  "شنت طائرات حربية روسية غارات جوية على بلدة خان شيخون في ريف إدلب الجنوبي صباح اليوم، ما أدى إلى مقتل خمسة مدنيين.";
const PROTEST =
  "تظاهر مئات من أهالي مدينة السويداء يوم الجمعة أمام مبنى المحافظة للمطالبة بتحسين الأوضاع المعيشية.";
const NO_EVENT = "افتتحت وزارة التربية معرضا للكتاب في مدينة دمشق بمشاركة عشرات دور النشر العربية.";

const seed = analyze({ text: SEED, outlet: "العربي الجديد" });

/** A copy of the seed's result to break on purpose. */
const copy = (): AnalysisResult => structuredClone(seed);

describe("the analysis JSON schema: real output validates", () => {
  it("accepts the seed article's analysis", () => {
    assert.ok(seed.events.length > 0 && seed.claims.length > 0 && seed.disputes.length > 0);
    assert.deepEqual(errors(seed), [], explain(errors(seed)));
  });

  it("accepts the seed's analysis with text, tokens and sentences", () => {
    const full = analyze({ text: SEED, outlet: "العربي الجديد" }, { tokens: true });
    assert.deepEqual(errors(full), [], explain(errors(full)));
  });

  it("accepts a one-sentence air strike report", () => {
    const r = analyze({ text: AIR_STRIKE, published: PUBLISHED });
    assert.ok(r.events.length > 0, "precondition: the air strike is found");
    assert.deepEqual(errors(r), [], explain(errors(r)));
  });

  it("accepts a protest report carrying an id, an outlet and a url", () => {
    const r = analyze({
      id: "enab-1",
      text: PROTEST,
      published: PUBLISHED,
      outlet: "عنب بلدي",
      url: "https://example.org/1",
    });
    assert.ok(
      r.events.some((e) => e.event_type === "Protests"),
      "precondition: a protest",
    );
    assert.deepEqual(errors(r), [], explain(errors(r)));
  });

  it("accepts a text with no event at all", () => {
    const r = analyze({ text: NO_EVENT });
    assert.equal(r.events.length, 0, "precondition: nothing happened");
    assert.deepEqual(errors(r), [], explain(errors(r)));
  });
});

describe("the analysis JSON schema: broken records fail", () => {
  it("rejects an event without actor1", () => {
    const r = copy();
    delete (r.events[0] as Partial<(typeof r.events)[0]>).actor1;
    const errs = errors(r);
    assert.ok(
      errs.some((e) => e.instancePath === "/events/0" && e.params.missingProperty === "actor1"),
      explain(errs),
    );
  });

  it("rejects a latitude written as a string", () => {
    const r = copy();
    (r.events[0] as unknown as { latitude: string }).latitude = "35.33";
    const errs = errors(r);
    assert.ok(
      errs.some((e) => e.instancePath === "/events/0/latitude" && e.keyword === "type"),
      explain(errs),
    );
  });

  it("rejects an event carrying a field the schema does not know", () => {
    const r = copy();
    (r.events[0] as unknown as Record<string, unknown>).actor3 = "Islamic State (Syria)";
    const errs = errors(r);
    assert.ok(
      errs.some(
        (e) => e.keyword === "additionalProperties" && e.params.additionalProperty === "actor3",
      ),
      explain(errs),
    );
  });

  it("rejects an unknown field in a claim", () => {
    const r = copy();
    (r.claims[0] as unknown as Record<string, unknown>).speakerName = "x";
    assert.ok(errors(r).some((e) => e.instancePath === "/claims/0"));
  });

  it("rejects an unknown field in a dispute", () => {
    const r = copy();
    (r.disputes[0] as unknown as Record<string, unknown>).winner = 0;
    assert.ok(errors(r).some((e) => e.instancePath === "/disputes/0"));
  });

  it("rejects an unknown field in an attribution link", () => {
    const r = copy();
    (r.events[0]!.attribution.chain[0] as unknown as Record<string, unknown>).url = "x";
    assert.ok(errors(r).some((e) => e.instancePath === "/events/0/attribution/chain/0"));
  });

  it("rejects a sub-event type that belongs to another event type", () => {
    const r = copy();
    const e = r.events[0]!;
    e.event_type = "Protests";
    e.sub_event_type = "Air/drone strike";
    assert.ok(errors(r).some((x) => x.instancePath === "/events/0/sub_event_type"));
  });

  it("rejects a geo_precision outside 1, 2, 3", () => {
    const r = copy();
    (r.events[0] as unknown as { geo_precision: number }).geo_precision = 4;
    assert.ok(errors(r).some((e) => e.instancePath === "/events/0/geo_precision"));
  });

  it("rejects an impossible event date", () => {
    const r = copy();
    r.events[0]!.event_date = "2017-02-30";
    assert.ok(errors(r).some((e) => e.instancePath === "/events/0/event_date"));
  });
});

describe("the analysis JSON schema stays in step with the code", () => {
  const event = schema.$defs.event as {
    properties: Record<string, { enum?: unknown[]; anyOf?: { properties?: unknown }[] }>;
    allOf: {
      if: { properties: { event_type: { const: string } } };
      then: { properties: { sub_event_type: { enum: string[] } } };
    }[];
  };

  it("lists exactly the event types rasd codes", () => {
    assert.deepEqual(event.properties.event_type?.enum, [
      ...Object.keys(ACLED_PAIRS),
      ...Object.keys(RASD_PAIRS),
    ]);
  });

  it("lists exactly the sub-event types of each event type", () => {
    const pairs = { ...ACLED_PAIRS, ...RASD_PAIRS };
    const inSchema = Object.fromEntries(
      event.allOf.map((c) => [
        c.if.properties.event_type.const,
        c.then.properties.sub_event_type.enum,
      ]),
    );
    assert.deepEqual(inSchema, pairs);
  });

  it("lists exactly PLOVER's event categories", () => {
    const plover = event.properties.plover?.anyOf?.[0]?.properties as {
      event_type: { enum: string[] };
    };
    assert.deepEqual(plover.event_type.enum, Object.keys(PLOVER_MODES));
  });

  it("lists exactly the source kinds of attribution links", () => {
    assert.deepEqual(schema.$defs.sourceKind?.enum, [...SOURCE_KINDS]);
  });

  it("describes every field", () => {
    const undescribed: string[] = [];
    const described = (s: Record<string, unknown>): boolean => {
      if (typeof s.description === "string") return true;
      const ref = s.$ref;
      if (typeof ref === "string") {
        const target = schema.$defs[ref.replace("#/$defs/", "")];
        return target !== undefined && described(target);
      }
      return false;
    };
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) {
        for (const [i, x] of node.entries()) walk(x, `${path}/${i}`);
        return;
      }
      if (!node || typeof node !== "object") return;
      const o = node as Record<string, unknown>;
      if (o.properties && typeof o.properties === "object" && !path.includes("/if")) {
        for (const [name, sub] of Object.entries(o.properties as Record<string, unknown>)) {
          const s = sub as Record<string, unknown>;
          // Conditional branches (allOf / if-then) only narrow a field described elsewhere.
          if (!path.includes("/allOf") && !described(s)) undescribed.push(`${path}/${name}`);
        }
      }
      for (const [k, v] of Object.entries(o)) walk(v, `${path}/${k}`);
    };
    walk(schema, "#");
    assert.deepEqual(undescribed, []);
  });
});
