/** The entity recognizer: decoding constraint, offsets, the shipped model, deterministic training. */
import assert from "node:assert/strict";
import { statSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import {
  DEFAULT_MODEL,
  loadNerModel,
  NER_LABELS,
  NerModel,
  type NerSpan,
  type TaggedSentence,
  tagText,
  tokensForText,
} from "../../src/recognize/ner/index.js";
import { allowedTransition, LABELS, viterbi } from "../../src/recognize/ner/model.js";
import {
  examples,
  sentenceTokens,
  trainCrf,
  trainPerceptron,
} from "../../src/recognize/ner/train.js";

function validBio(labels: ArrayLike<number>): boolean {
  for (let i = 0; i < labels.length; i++) {
    if (!allowedTransition(i === 0 ? -1 : (labels[i - 1] as number), labels[i] as number))
      return false;
  }
  return true;
}

const found = (text: string, spans: NerSpan[]) =>
  spans.map((s) => `${s.type}:${text.slice(s.start, s.end)}`);

describe("constrained Viterbi", () => {
  it("never puts an I- label without a B- or I- of its type before it", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.double({ min: -50, max: 50, noNaN: true }), {
          minLength: 12 * LABELS + LABELS * LABELS + LABELS,
          maxLength: 12 * LABELS + LABELS * LABELS + LABELS,
        }),
        (n, xs) => {
          const em = Float64Array.from(xs.slice(0, n * LABELS));
          const trans = Float32Array.from(xs.slice(12 * LABELS, 12 * LABELS + LABELS * LABELS));
          const start = Float32Array.from(xs.slice(12 * LABELS + LABELS * LABELS));
          return validBio(viterbi(em, n, trans, start).labels);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  it("prefers a valid path even when I- scores highest everywhere", () => {
    const n = 3;
    const em = new Float64Array(n * LABELS);
    for (let i = 0; i < n; i++) em[i * LABELS + 2] = 100; // I-PERS
    const labels = viterbi(
      em,
      n,
      new Float32Array(LABELS * LABELS),
      new Float32Array(LABELS),
    ).labels;
    assert.deepEqual(
      [...labels].map((y) => NER_LABELS[y]),
      ["B-PERS", "I-PERS", "I-PERS"],
    );
  });
});

describe("the shipped model", () => {
  const model = loadNerModel();

  it("loads, is small, and has a content-hash version", () => {
    assert.match(model.version, /^ner-[0-9a-f]{12}$/);
    assert.ok(statSync(fileURLToPath(DEFAULT_MODEL)).size <= 30 * 1024 * 1024);
    assert.equal(model.meta.labels.join(" "), NER_LABELS.join(" "));
    assert.equal(loadNerModel(), model, "loaded once");
  });

  it("points offsets back into the original text, clitics left out", () => {
    const text = "والرئيس بشار الأسد";
    const spans = tagText(text);
    assert.deepEqual(found(text, spans), ["PERS:بشار الأسد"]);
    const s = spans[0] as NerSpan;
    assert.deepEqual([s.start, s.end, s.tokenStart, s.tokenEnd], [8, 18, 1, 3]);
    assert.ok(s.score > 0.5 && s.score <= 1);

    const t = "وصل لافروف إلى دمشق وبيروت أمس.";
    assert.ok(found(t, tagText(t)).includes("LOC:بيروت"), "و is not part of the place");
  });

  it("tags sentences of news sensibly", () => {
    const cases: [string, string[]][] = [
      [
        "قال الرئيس السوري بشار الأسد إن الجيش سيواصل عملياته في مدينة حلب.",
        ["PERS:بشار الأسد", "LOC:حلب"],
      ],
      ["وصل وزير الخارجية الروسي سيرغي لافروف إلى دمشق أمس.", ["PERS:سيرغي لافروف", "LOC:دمشق"]],
      [
        "التقى الرئيس المصري عبد الفتاح السيسي بالرئيس الفرنسي في القاهرة.",
        ["PERS:عبد الفتاح السيسي", "LOC:القاهرة"],
      ],
      ["وقال إن الوضع صعب جدا.", []],
    ];
    for (const [text, expected] of cases)
      assert.deepEqual(found(text, tagText(text)), expected, text);
    const un = "وقال المتحدث باسم الأمم المتحدة ستيفان دوجاريك إن المنظمة قلقة.";
    const got = found(un, tagText(un));
    assert.ok(got.includes("ORG:الأمم المتحدة"), got.join(", "));
    assert.ok(got.includes("PERS:ستيفان دوجاريك"), got.join(", "));
  });

  it("emits well-formed spans on any text", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom(
            "في",
            "محمد",
            "علي",
            "دمشق",
            "وزارة",
            "«",
            "»",
            ".",
            "الله",
            "x",
            "2017",
            "\n",
          ),
          { maxLength: 30 },
        ),
        (ws) => {
          const text = ws.join(" ");
          const tokens = tokensForText(text);
          const spans = model.tag(tokens, text);
          let last = -1;
          for (const s of spans) {
            if (!(s.start >= 0 && s.end <= text.length && s.start < s.end && s.start >= last))
              return false;
            if (s.tokenStart >= s.tokenEnd || s.tokenEnd > tokens.length) return false;
            last = s.end;
          }
          return true;
        },
      ),
      { numRuns: 100, seed: 3 },
    );
  });

  it("reads back what it writes, and refuses what is not a model", () => {
    const again = NerModel.deserialize(model.serialize());
    assert.equal(again.version, model.version);
    assert.deepEqual(again.weights.subarray(0, 5000), model.weights.subarray(0, 5000));
    assert.throws(() => NerModel.deserialize(Buffer.from("nope")), /not a rasd NER model/);
  });
});

describe("training", () => {
  // A tiny corpus of our own writing.
  const corpus: TaggedSentence[] = [
    ["قال", "الرئيس", "بشار", "الأسد", "في", "دمشق", "."],
    ["زار", "سيرغي", "لافروف", "مدينة", "حلب", "."],
    ["أعلنت", "وزارة", "الدفاع", "عن", "غارات", "."],
    ["وصل", "المبعوث", "إلى", "بيروت", "."],
  ].map((words, i) => ({
    words,
    tags: [
      ["O", "O", "B-PERS", "I-PERS", "O", "B-LOC", "O"],
      ["O", "B-PERS", "I-PERS", "O", "B-LOC", "O"],
      ["O", "B-ORG", "I-ORG", "O", "O", "O"],
      ["O", "O", "O", "B-LOC", "O"],
    ][i] as string[],
  }));
  const config = {
    bits: 14,
    epochs: 4,
    seed: 1,
    c2: 1,
    eta0: 0.1,
    lexicons: {
      places: false,
      actors: false,
      roles: false,
      frequency: false,
      functionWords: false,
    },
  };
  const meta = { training: {}, calibration: { a: 1, b: 0 } };
  const data = () => examples(corpus, sentenceTokens(corpus), {}, config.bits);

  it("is deterministic: the same data and seed give the same weights", () => {
    for (const train of [trainCrf, trainPerceptron]) {
      const a = NerModel.seal(train(data(), config, meta));
      const b = NerModel.seal(train(data(), config, meta));
      assert.ok(a.bytes.equals(b.bytes), train.name);
      assert.equal(a.model.version, b.model.version);
      assert.notEqual(a.model.version, "unsaved");
    }
  });

  it("learns its training data", () => {
    const model = trainCrf(data(), { ...config, epochs: 15 }, meta);
    model.setLexicons({});
    for (const s of corpus) {
      assert.deepEqual(model.tagSentence(sentenceTokens([s])[0] ?? []), s.tags, s.words.join(" "));
    }
  });
});
