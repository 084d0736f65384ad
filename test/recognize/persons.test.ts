/**
 * Persons the rules find from their titles (no learned model): the name after the title, after
 * the title's organisation and a comma, or before the comma that opens the title.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createPipeline } from "../../src/pipeline.js";

const analyze = createPipeline();
const persons = (text: string) =>
  analyze({ text, published: "2015-07-27" })
    .entities.filter((e) => e.type === "person")
    .map((e) => [text.slice(e.start, e.end), e.role ?? ""]);

describe("persons from their titles", () => {
  it("reads a rank and a name with a family name of relation (العميد سعيد الجبوري)", () => {
    assert.deepEqual(persons("وقال العميد سعيد الجبوري إن الوضع هادئ في المدينة."), [
      ["سعيد الجبوري", "العميد"],
    ]);
  });

  it("reads a compound name (عبد الكريم) and ends it at the next title (قائد)", () => {
    assert.deepEqual(
      persons("وقال اللواء الركن عبد الكريم الربيعي قائد عمليات ديالى إن الوضع هادئ."),
      [["عبد الكريم الربيعي", "اللواء الركن"]],
    );
  });

  it("reads the name before the comma that opens the title (وقال علي الحسيني، رئيس بلدية …)", () => {
    assert.deepEqual(
      persons("وقال علي الحسيني، رئيس بلدية طوز خورماتو، إن الانفجار وقع صباح اليوم."),
      [["علي الحسيني", "رئيس بلدية طوز خورماتو"]],
    );
  });

  it("takes no name from an aside after a title (مسؤول، طلب عدم ذكر اسمه)", () => {
    assert.deepEqual(persons("وقال مسؤول، طلب عدم ذكر اسمه، إن الوضع هادئ."), []);
  });

  it("still reads the title, its organisation, a comma and the name (the seed's Konashenkov)", () => {
    assert.deepEqual(
      persons("وأبدى المتحدث باسم وزارة الدفاع الروسية، إيغور كوناشنكوف، استغرابه."),
      [["إيغور كوناشنكوف", "المتحدث باسم وزارة الدفاع الروسية"]],
    );
  });
});
