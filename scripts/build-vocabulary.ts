/**
 * Builds data/text/vocabulary.tsv: normalized word forms with their frequencies in ANERcorp
 * (CC BY-SA 4.0, Benajiba et al. 2007; CAMeL Lab re-release). Clitic segmentation consults it
 * to tell و+قال (the stem is a word) from وزير (it is not).
 *
 *   node --import tsx scripts/build-vocabulary.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { normalizeForMatch } from "../src/text/normalize.js";

const shared = process.env.RASD_SHARED_DATA ?? join(process.cwd(), "..", "shared", "data");
const source = join(shared, "anercorp", "ANERCorp.txt");
const out = join(process.cwd(), "data", "text", "vocabulary.tsv");

const counts = new Map<string, number>();
for (const line of readFileSync(source, "utf8").split("\n")) {
  const word = line.split(" ")[0];
  if (!word) continue;
  const norm = normalizeForMatch(word);
  // Arabic words only; numbers, Latin and punctuation tell nothing about clitics.
  if (!/^[\u0621-\u064a]{2,}$/.test(norm)) continue;
  counts.set(norm, (counts.get(norm) ?? 0) + 1);
}
const rows = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
const header = [
  "# Word frequencies from ANERcorp (Benajiba, Rosso & Benedí 2007), CC BY-SA 4.0 as re-released",
  "# by the CAMeL Lab (Obeid et al. 2020). Normalized forms (see src/text/normalize.ts).",
  "# Built by scripts/build-vocabulary.ts; this derived list is shared under CC BY-SA 4.0.",
];
writeFileSync(out, `${header.join("\n")}\n${rows.map(([w, c]) => `${w}\t${c}`).join("\n")}\n`);
console.log(`vocabulary: ${rows.length} word forms from ${source} -> ${out}`);
