import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import {
  contentHash,
  DuplicateIndex,
  MINHASH_SIZE,
  minhash,
  NEAR_DUPLICATE_THRESHOLD,
  signatureOf,
  similarity,
} from "../../src/ingest/dedupe.js";
import { SHARED_DATA } from "./helpers.js";

/** A wire story as one outlet ran it. */
const STORY = [
  "قتل خمسة مدنيين بينهم طفلان وأصيب أكثر من عشرة آخرين، صباح اليوم الثلاثاء، في قصف جوي استهدف سوقا شعبيا في بلدة سراقب بريف إدلب الشرقي، بحسب ما أفاد به الدفاع المدني.",
  "وقال مسؤول في الدفاع المدني إن فرق الإنقاذ عملت لساعات على انتشال العالقين تحت الأنقاض، مشيرا إلى أن بين المصابين حالات خطيرة نقلت إلى مستشفيات قريبة من الحدود التركية.",
  "وتشهد المنطقة منذ مطلع الشهر الجاري تصعيدا عسكريا متواصلا، أدى إلى نزوح آلاف العائلات نحو المخيمات في الشمال، وسط تحذيرات أممية من تدهور الأوضاع الإنسانية.",
].join("\n\n");

/** The same story in another outlet: a headline and a dateline added, a few words changed. */
const REPUBLISHED = [
  "مقتل خمسة مدنيين بقصف على سوق في سراقب",
  "إدلب - وكالات",
  "قتل خمسة مدنيين بينهم طفلان وأصيب أكثر من عشرة آخرين، صباح الثلاثاء، في قصف جوي استهدف سوقا شعبيا في مدينة سراقب بريف إدلب الشرقي، وفق ما أفاد الدفاع المدني.",
  "وقال مسؤول في الدفاع المدني إن فرق الإنقاذ عملت لساعات على انتشال العالقين تحت الأنقاض، مشيرا إلى أن بين الجرحى حالات خطيرة نقلت إلى مستشفيات قريبة من الحدود التركية.",
  "وتشهد المنطقة منذ مطلع الشهر الجاري تصعيدا عسكريا متواصلا، أدى إلى نزوح آلاف العائلات نحو المخيمات في الشمال، وسط تحذيرات أممية من تدهور الأوضاع الإنسانية.",
].join("\n\n");

/** Another story on the same topic, in the same place, the same week. */
const OTHER_STORY = [
  "استهدفت طائرات حربية مساء الأربعاء محيط مدينة سراقب في ريف إدلب الشرقي بعدة غارات، من دون أنباء عن إصابات بين المدنيين، بحسب مراصد محلية تتابع حركة الطيران.",
  "وأعلنت فصائل المعارضة أنها استهدفت بقذائف المدفعية مواقع لقوات النظام على أطراف بلدة معرة النعمان، ردا على القصف الذي طال قرى المنطقة خلال الأيام الماضية.",
  "ويأتي ذلك بينما تواصل منظمات إغاثية توزيع مساعدات غذائية على النازحين في المخيمات الحدودية، التي تستقبل أعدادا متزايدة من العائلات الفارة من القصف.",
].join("\n\n");

describe("content hash", () => {
  it("is the same for the same text", () => {
    assert.equal(contentHash(STORY), contentHash(STORY));
    assert.match(contentHash(STORY), /^[0-9a-f]{64}$/);
  });

  it("ignores spacing, line wrapping and punctuation style", () => {
    const rewrapped = STORY.replace(/\n\n/g, "\n").replace(/، /g, " ،  ").replace(/\./g, " .");
    assert.equal(contentHash(rewrapped), contentHash(STORY));
    assert.equal(contentHash('قال "المرصد" إن'), contentHash("قال «المرصد» إن"));
  });

  it("ignores what rasd's normalization folds: tashkeel, tatweel, alef forms, Arabic digits", () => {
    assert.equal(contentHash("قُتِلَ ٥ مدنيين في إدلـــب"), contentHash("قتل 5 مدنيين في ادلب"));
  });

  it("differs when a word differs", () => {
    assert.notEqual(contentHash("قتل خمسة مدنيين"), contentHash("قتل ستة مدنيين"));
  });
});

describe("near duplicates by MinHash", () => {
  it("rates identical texts 1", () => {
    assert.equal(similarity(minhash(STORY), minhash(STORY)), 1);
  });

  it("rates a republication with a headline added and a few words changed above the threshold", () => {
    const s = similarity(minhash(STORY), minhash(REPUBLISHED));
    assert.ok(s >= NEAR_DUPLICATE_THRESHOLD, `similarity ${s}`);
    assert.ok(s < 1);
  });

  it("rates another story on the same topic far below the threshold", () => {
    const s = similarity(minhash(STORY), minhash(OTHER_STORY));
    assert.ok(s < 0.2, `similarity ${s}`);
  });

  it("rates an empty text near nothing, not even another empty one", () => {
    assert.equal(similarity(minhash(""), minhash("")), 0);
    assert.equal(similarity(minhash(""), minhash(STORY)), 0);
  });

  it("gives signatures of a fixed size, stable from run to run", () => {
    const sig = minhash(STORY);
    assert.equal(sig.length, MINHASH_SIZE);
    assert.deepEqual(minhash(STORY), sig);
  });
});

describe("the duplicate index", () => {
  const index = new DuplicateIndex();
  index.add("araby-1", STORY);
  index.add("araby-2", OTHER_STORY);

  it("finds an exact duplicate by its hash", () => {
    assert.deepEqual(index.find(`${STORY}\n`), [{ id: "araby-1", kind: "exact", similarity: 1 }]);
  });

  it("finds the stored story a republication is near", () => {
    const found = index.find(REPUBLISHED);
    assert.equal(found.length, 1);
    assert.equal(found[0]?.id, "araby-1");
    assert.equal(found[0]?.kind, "near");
  });

  it("finds nothing for a new story", () => {
    const fresh =
      "أعلنت السلطات المحلية في مدينة الحسكة افتتاح معبر جديد لعبور الشاحنات التجارية بعد إغلاق دام أشهرا، وقالت إن المعبر سيعمل يوميا من الصباح حتى المساء.";
    assert.deepEqual(index.find(fresh), []);
  });

  it("forgets a removed story", () => {
    const i = new DuplicateIndex();
    i.add("a", STORY);
    i.remove("a");
    assert.deepEqual(i.find(STORY), []);
    assert.equal(i.size, 0);
  });

  it("takes stored signatures instead of texts, so a store can reload it", () => {
    const i = new DuplicateIndex();
    i.add("stored", signatureOf(STORY));
    assert.equal(i.find(REPUBLISHED)[0]?.id, "stored");
  });

  it("lists several matches most similar first", () => {
    const i = new DuplicateIndex();
    i.add("original", STORY);
    i.add("republished", REPUBLISHED);
    const found = i.find(STORY);
    assert.deepEqual(
      found.map((m) => [m.id, m.kind]),
      [
        ["original", "exact"],
        ["republished", "near"],
      ],
    );
  });
});

const SAUDINEWSNET = join(SHARED_DATA, "saudinewsnet-syria-iraq", "articles.jsonl");

describe("near duplicates in SaudiNewsNet", { skip: !existsSync(SAUDINEWSNET) }, () => {
  it("finds each of 200 stories again after a headline is added and three words are dropped", () => {
    const articles = readFileSync(SAUDINEWSNET, "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .slice(0, 200)
      .map((l) => JSON.parse(l) as { id: string; title: string; text: string });
    const index = new DuplicateIndex();
    for (const a of articles) index.add(a.id, a.text);
    let found = 0;
    for (const a of articles) {
      const words = a.text.split(" ");
      for (const at of [0.25, 0.5, 0.75]) words.splice(Math.floor(words.length * at), 1);
      const edited = `${a.title}\n\n${words.join(" ")}`;
      if (index.find(edited).some((m) => m.id === a.id)) found++;
    }
    assert.ok(found >= 196, `found ${found} of 200`);
  });
});
