/**
 * `npm run eval:golden`: precision and recall of rasd's events on the hand-coded golden articles
 * (test/golden/fixtures), by type + place within 25 km, and by type + place + actors.
 * `--verbose` lists, per article, the coded events rasd missed (with rasd's actors where only they
 * differ) and the events it added.
 */
import { createPipeline } from "../src/pipeline.js";
import { CORPUS, codedEvents, loadGold, loadTexts, matches, score } from "../test/golden/score.js";

const verbose = process.argv.includes("--verbose");
const gold = loadGold();
const texts = loadTexts(gold);
if (!texts) {
  process.stderr.write(`eval:golden: the corpus is not at ${CORPUS} (set RASD_SHARED_DATA)\n`);
  process.exit(2);
}
const analyze = createPipeline();
const pairs = [];
for (const g of gold) {
  const a = texts.get(g.id);
  if (!a) throw new Error(`${g.id} is not in the corpus`);
  const doc = analyze({ id: a.id, text: a.text, ...(a.date ? { published: a.date } : {}) });
  const predicted = codedEvents(doc);
  pairs.push({ gold: g.events, predicted });
  if (verbose) {
    console.log(`\n${g.id} (${g.covers.join(", ")})`);
    for (const e of g.events) {
      const hit = predicted.some((p) => matches(e, p, "type+place+actors"));
      const near = predicted.find((p) => matches(e, p, "type+place"));
      console.log(
        `  ${hit ? "✓" : near ? "~" : "✗"} gold ${e.event_type}/${e.sub_event_type} ${e.actor1} vs ${e.actor2 ?? "-"} @ ${e.location}`,
      );
      // Same type and place, other actors: what rasd said instead.
      if (!hit && near)
        console.log(
          `      rasd: ${near.actor1 || "?"} vs ${near.actor2 || "-"} @ ${near.location}`,
        );
    }
    for (const p of predicted) {
      if (g.events.some((e) => matches(e, p, "type+place"))) continue;
      console.log(
        `  + rasd ${p.event_type}/${p.sub_event_type} ${p.actor1 || "?"} vs ${p.actor2 || "-"} @ ${p.location || "?"}`,
      );
    }
  }
}
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
console.log(
  `\ngolden articles: ${gold.length}, coded events: ${pairs.reduce((n, p) => n + p.gold.length, 0)}`,
);
for (const s of ["type+place", "type+place+actors"] as const) {
  const r = score(pairs, s);
  console.log(
    `${s.padEnd(18)} P ${pct(r.precision)} (${r.truePositives}/${r.predicted})  R ${pct(r.recall)} (${r.truePositives}/${r.gold})  F1 ${pct(r.f1)}`,
  );
}
