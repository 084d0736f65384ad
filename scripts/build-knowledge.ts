/**
 * Checks the hand-written knowledge (actors, roles, event and report lexicons) and prints its
 * counts and coverage over the development corpus. The files under data/actors/ and
 * data/lexicons/ are loaded as they are at run time; nothing is compiled.
 *
 *   npm run build:knowledge
 */
import { spawnSync } from "node:child_process";

let failed = false;
for (const script of [
  "scripts/knowledge/actors-report.ts",
  "scripts/knowledge/lexicons-report.ts",
]) {
  console.log(`\n== ${script}`);
  const r = spawnSync(process.execPath, ["--import", "tsx", script], { stdio: "inherit" });
  if (r.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
