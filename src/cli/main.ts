/** The `rasd` command line. */
import { Command, InvalidArgumentError, Option } from "commander";
import { InputError } from "../errors.js";
import { toAcledCsv } from "../export/acled-csv.js";
import { toGeoJson } from "../export/geojson.js";
import { toPloverJsonl } from "../export/plover.js";
import { RASD_VERSION, toAnalysisJson } from "../output/json.js";
import { createPipeline, isIsoDate } from "../pipeline.js";
import { QueueError } from "../scale/queue.js";
import type { RasdDocument } from "../types.js";
import { articleFromJson } from "./article-json.js";
import { registerEvalNer } from "./eval-ner.js";
import { gazetteerCommand } from "./gazetteer.js";
import { ingestCommand } from "./ingest.js";
import { assertReadableFile, MAX_ARTICLE_BYTES, readArticleFile } from "./io.js";
import { readJsonLines } from "./lines.js";
import { queueCommand } from "./queue.js";
import { serveCommand } from "./serve.js";
import { workerCommand } from "./worker.js";

/** Exit codes: 0 success, 1 unexpected failure, 2 input refused (bad file, text or option). */
export const EXIT_INPUT = 2;

function isoDate(value: string): string {
  if (!isIsoDate(value))
    throw new InvalidArgumentError(`"${value}" is not a real date as YYYY-MM-DD`);
  return value;
}

/** A short human-readable report of what the text engine found. */
function formatText(doc: RasdDocument): string {
  const quote = (s: { start: number; end: number }) =>
    `[${s.start},${s.end}) «${doc.text.slice(s.start, s.end).replace(/\s+/g, " ")}»`;
  const m = doc.meta;
  const lines = [
    `rasd ${RASD_VERSION}`,
    `title:     ${m.title ?? "—"}`,
    `published: ${m.published ? `${m.published} (${m.publishedSource === "dateline" ? "from the date line" : "given"})` : "unknown"}`,
  ];
  if (m.caption)
    lines.push(`caption:   ${m.caption}${m.photoCredit ? ` (credit: ${m.photoCredit})` : ""}`);
  const count = (k: string) => doc.parts.filter((p) => p.kind === k).length;
  lines.push(
    `parts:     ${count("body")} body paragraphs, ${count("title")} title lines, ${count("furniture")} furniture lines left out`,
    `text:      ${doc.sentences.length} sentences, ${doc.tokens.length} tokens, ${doc.quotes.length} quotations`,
  );
  if (doc.dates.length > 0) {
    lines.push("", "Dates:");
    for (const d of doc.dates) {
      const range = d.endDate !== d.date ? ` … ${d.endDate}` : "";
      lines.push(`  ${quote(d)} → ${d.date}${range} (${d.precision}, ${d.basis})`);
    }
  }
  if (doc.quantities.length > 0) {
    lines.push("", "Quantities:");
    for (const q of doc.quantities) {
      const bounds = [q.min !== null ? `≥${q.min}` : "", q.max !== null ? `≤${q.max}` : ""]
        .filter(Boolean)
        .join(" ");
      lines.push(
        `  ${quote(q)} → ${q.value ?? "unknown"}${bounds ? ` (${bounds})` : ""}${q.unit ? ` ${q.unit}` : ""}${q.approximate ? " ~" : ""}`,
      );
    }
  }
  if (doc.events.length > 0) {
    lines.push("", "Events:");
    for (const e of doc.events) {
      const who = [e.actor1, e.assoc_actor_1].filter(Boolean).join(" + ") || "unknown actor";
      const src = e.attribution.chain.map((l) => l.name).join(" ← ");
      lines.push(
        `  ${e.event_date ?? "?"} ${e.event_type} / ${e.sub_event_type}: ${who}${e.actor2 ? ` vs ${e.actor2}` : ""} @ ${e.location || "?"}${e.admin1 ? `, ${e.admin1}` : ""} (geo ${e.geo_precision ?? "-"}, fatalities ${e.fatalities}, confidence ${e.confidence})`,
        `      according to ${src} [${e.attribution.stance}]`,
      );
    }
  }
  if (doc.nonEvents.length > 0) {
    lines.push("", "Not events (expected, attempted, negated):");
    for (const e of doc.nonEvents) {
      const t = e.evidence.find((x) => x.role === "trigger");
      lines.push(
        `  ${e.mode}: ${e.event_type} ${t ? quote(t) : ""}${e.location ? ` @ ${e.location}` : ""}`,
      );
    }
  }
  if (doc.claims.length > 0) {
    lines.push("", "Claims:");
    for (const c of doc.claims) {
      lines.push(
        `  ${c.speaker.name} [${c.speaker.kind}] ${c.verb.lemma} (${c.stance}, ${c.topic}): ${quote(c.content)}`,
      );
    }
  }
  if (doc.disputes.length > 0) {
    lines.push("", "Disputes:");
    for (const d of doc.disputes) {
      lines.push(`  ${d.question}`);
      d.sides.forEach((side, i) => {
        const support = d.corroborations.filter((c) => c.side === i).length;
        lines.push(
          `    side ${i + 1} (${side.claimIds.length} claims${support ? `, ${support} corroborating` : ""}): «${side.position.slice(0, 120)}»`,
        );
      });
    }
  }
  if (doc.diagnostics.length > 0) {
    lines.push("", "Diagnostics:");
    for (const d of doc.diagnostics) lines.push(`  ${d.severity} ${d.ruleId}: ${d.message}`);
  }
  return lines.join("\n");
}

function formatDocument(doc: RasdDocument, format: string, tokens: boolean): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(toAnalysisJson(doc, { tokens }), null, 2)}\n`;
    case "plover":
      return toPloverJsonl(doc);
    case "geojson":
      return `${JSON.stringify(toGeoJson(doc.events), null, 2)}\n`;
    case "acled-csv":
      return toAcledCsv(doc.events);
    default:
      return `${formatText(doc)}\n`;
  }
}

interface AnalyzeOptions {
  jsonl?: string;
  /** True with --ner: the learned entity recognizer too (about eight times slower). */
  ner?: boolean;
  date?: string;
  outlet?: string;
  title?: string;
  encoding?: string;
  gazetteer?: string[];
  format: string;
  tokens?: boolean;
}

/**
 * Batch mode: one JSON result per input line, carrying the line's id (or, with `--format plover`,
 * one PLOVER record per event). A bad line is reported on stderr with its number and skipped; the
 * batch never aborts.
 */
async function analyzeJsonl(
  path: string,
  options: { gazetteerFiles?: string[]; plover?: boolean; tokens?: boolean; ner?: boolean } = {},
): Promise<void> {
  const gazetteerFiles = options.gazetteerFiles ?? [];
  if (path !== "-") assertReadableFile(path);
  for (const f of gazetteerFiles) assertReadableFile(f);
  const analyze = createPipeline({ gazetteerFiles, ner: options.ner ?? false });
  let done = 0;
  let rejected = 0;
  for await (const line of readJsonLines(path, MAX_ARTICLE_BYTES)) {
    try {
      if (!line.ok) throw new InputError("bad-line", line.error);
      const article = articleFromJson(line.value);
      const doc = analyze(article);
      process.stdout.write(
        options.plover
          ? toPloverJsonl(doc)
          : `${JSON.stringify({ id: article.id, ...toAnalysisJson(doc, { tokens: options.tokens ?? false }) })}\n`,
      );
      done++;
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      rejected++;
      process.stderr.write(`rasd: line ${line.line}: ${e.message}\n`);
    }
  }
  process.stderr.write(`rasd: ${done} articles analysed, ${rejected} lines rejected\n`);
}

export function buildProgram(): Command {
  const program = new Command("rasd")
    .description("Sourced, geolocated conflict event data from Arabic news")
    .version(RASD_VERSION)
    .showHelpAfterError()
    .exitOverride();

  program
    .command("analyze")
    .description("analyse Arabic articles: one file (or - for standard input), or a JSONL archive")
    .argument("[file]", "article text file, or - for standard input")
    .option(
      "--jsonl <file>",
      "one article per line: {id, text, title?, date?, source?, url?} (- for stdin)",
    )
    .option("--date <YYYY-MM-DD>", "publication date (anchor for relative dates)", isoDate)
    .option("--outlet <name>", "the outlet that published the article")
    .option("--title <title>", "the article's title")
    .option("--encoding <name>", "character set of the file (default utf-8; e.g. windows-1256)")
    .option(
      "--gazetteer <files...>",
      "your own gazetteer files (CSV or GeoJSON) added to the bundled one",
    )
    .addOption(
      new Option(
        "--format <format>",
        "output format (JSONL batches write JSON lines, or PLOVER lines with --format plover)",
      )
        .choices(["json", "text", "geojson", "acled-csv", "plover"])
        .default("text"),
    )
    .option("--tokens", "with JSON output: add the text, its tokens and its sentences")
    .option(
      "--ner",
      "also run the learned entity recognizer: persons and organizations no dictionary lists (about eight times slower)",
    )
    .action(async (file: string | undefined, opts: AnalyzeOptions) => {
      const batch = opts.jsonl !== undefined;
      if (opts.tokens && (batch ? opts.format === "plover" : opts.format !== "json")) {
        throw new InputError("usage", "--tokens goes with JSON output (--format json or --jsonl)");
      }
      if (opts.jsonl !== undefined) {
        if (file !== undefined)
          throw new InputError("usage", "give either a file or --jsonl, not both");
        await analyzeJsonl(opts.jsonl, {
          gazetteerFiles: opts.gazetteer ?? [],
          plover: opts.format === "plover",
          tokens: opts.tokens ?? false,
          ner: opts.ner === true,
        });
        return;
      }
      if (file === undefined) {
        throw new InputError(
          "usage",
          "missing the article: give a file, - for standard input, or --jsonl <file>",
        );
      }
      const text = readArticleFile(file, { encoding: opts.encoding });
      for (const f of opts.gazetteer ?? []) assertReadableFile(f);
      const doc = createPipeline({
        gazetteerFiles: opts.gazetteer ?? [],
        ner: opts.ner === true,
      })({
        text,
        ...(opts.date ? { published: opts.date } : {}),
        ...(opts.outlet ? { outlet: opts.outlet } : {}),
        ...(opts.title ? { title: opts.title } : {}),
      });
      process.stdout.write(formatDocument(doc, opts.format, opts.tokens ?? false));
    });

  program.addCommand(gazetteerCommand());
  program.addCommand(ingestCommand());
  registerEvalNer(program);
  program.addCommand(serveCommand());
  program.addCommand(workerCommand());
  program.addCommand(queueCommand());
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    // A command may set its own exit status (a lookup that finds nothing exits 1).
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`rasd: ${e.message}\n`);
      return EXIT_INPUT;
    }
    // A queue command without PostgreSQL (a usage error), or with PostgreSQL out of reach.
    if (e instanceof QueueError) {
      process.stderr.write(`rasd: ${e.message}\n`);
      return e.code === "config" ? EXIT_INPUT : 1;
    }
    const code = (e as { code?: string }).code;
    if (typeof code === "string" && code.startsWith("commander.")) {
      // commander already printed its message (help, version, or a usage error).
      return code === "commander.helpDisplayed" || code === "commander.version" ? 0 : EXIT_INPUT;
    }
    process.stderr.write(`rasd: unexpected error: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv);
