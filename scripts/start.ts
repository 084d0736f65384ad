/**
 * `npm start`: the web workspace on http://127.0.0.1:8080 over the local store.
 *
 * 1. Builds the workspace (web/dist) when it is missing or older than its sources.
 * 2. On first run (a store with no article), analyses and stores the bundled example articles
 *    (examples/*.txt), so that the map has something to show.
 * 3. Runs `rasd serve` with the arguments given after `--` (`npm start -- --port 9000`).
 *
 * The store is the one `rasd serve` uses: `--db`, else $DATABASE_URL, $RASD_DB_PATH, else
 * .rasd/rasd.db.
 */
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runIngest } from "../src/cli/ingest.js";
import { openStore } from "../src/store/index.js";
import { ensureWebBuild } from "./web-build.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const EXAMPLES = join(ROOT, "examples");
/** Outlets of the bundled examples, which are plain text without metadata. */
const OUTLETS: Record<string, string> = {
  "alaraby-2017-11-02-deir-ez-zor.txt": "العربي الجديد",
};

const args = process.argv.slice(2);
const dbAt = args.indexOf("--db");
const db = dbAt >= 0 ? args[dbAt + 1] : undefined;

await ensureWebBuild();

const store = await openStore(db ? { url: db } : {});
const empty = (await store.searchArticles({ limit: 1 })).items.length === 0;
await store.close();
if (empty) {
  const files = readdirSync(EXAMPLES)
    .filter((f) => f.endsWith(".txt"))
    .sort();
  process.stderr.write(
    `rasd: first run: storing the ${files.length} example article(s) of examples/\n`,
  );
  for (const f of files) {
    const s = await runIngest(join(EXAMPLES, f), {
      ...(db ? { db } : {}),
      ...(OUTLETS[f] ? { outlet: OUTLETS[f] } : {}),
      quiet: true,
      progress: false,
    });
    process.stderr.write(`rasd:   ${f}: ${s.stored} stored, ${s.events} events\n`);
  }
}

const child = spawn(process.execPath, [join(ROOT, "bin", "rasd.js"), "serve", ...args], {
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => child.kill(signal));
}
child.on("exit", (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
