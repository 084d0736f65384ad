/** Developer aid: prints, sentence by sentence, the triggers, actors and places rasd saw. */
import { readFileSync } from "node:fs";
import { loadKnowledge } from "../src/knowledge/index.js";
import { createPipeline } from "../src/pipeline.js";

const file = process.argv[2];
if (!file) throw new Error("usage: debug-doc <file.txt> [published]");
const kb = loadKnowledge();
const analyze = createPipeline({ knowledge: kb });
const text = readFileSync(file, "utf8");
const doc = analyze({ text, ...(process.argv[3] ? { published: process.argv[3] } : {}) });
const triggers = kb.triggers(doc.tokens);
for (const s of doc.sentences) {
  console.log(`\n[${s.start},${s.end}) ${text.slice(s.start, s.end).slice(0, 160)}`);
  for (const t of triggers.filter((t) => t.start >= s.start && t.end <= s.end))
    console.log(
      `  T ${text.slice(t.start, t.end)} → ${t.entry.eventType}/${t.entry.subEventType}${t.entry.weak ? " weak" : ""}${t.entry.casualty ? ` ${t.entry.casualty}` : ""}`,
    );
  for (const e of doc.entities.filter((e) => e.start >= s.start && e.end <= s.end))
    console.log(
      `  E ${e.type} ${text.slice(e.start, e.end)} ${e.actorId ?? ""} ${e.refersTo ? `→${e.refersTo}` : ""}`,
    );
  for (const p of doc.places.filter((p) => p.start >= s.start && p.end <= s.end))
    console.log(
      `  P ${text.slice(p.start, p.end)} ${p.name ?? "?"} ${p.kind ?? ""} geo${p.geoPrecision ?? "-"}`,
    );
}
