/**
 * `rasd gazetteer lookup <name>`: the gazetteer's candidates for a name, best first, so that
 * users can check why a place was (not) found.
 */
import { Command, Option } from "commander";
import { type GazetteerEntry, loadGazetteer, type ParentRef } from "../knowledge/gazetteer.js";

/** Exit code when no entry matches. */
export const EXIT_NOT_FOUND = 1;

function parentLabel(p: ParentRef | undefined): string | undefined {
  return p ? `${p.name || p.nameEn} (${p.id})` : undefined;
}

function formatEntry(e: GazetteerEntry, rank: number): string {
  const chain = [
    `country ${e.country}`,
    parentLabel(e.admin1) ?? (e.admin1Code ? `admin1 ${e.admin1Code}` : undefined),
    parentLabel(e.admin2),
    parentLabel(e.admin3),
    parentLabel(e.parent),
  ].filter(Boolean);
  const lines = [
    `${rank}. ${e.name}${e.nameEn ? ` — ${e.nameEn}` : ""}  [${e.id}] ${e.kind}`,
    `   in: ${chain.join(" › ")}`,
    `   at: ${e.lat}, ${e.lon} (${e.precision})${e.population ? `  population ${e.population}` : ""}`,
  ];
  if (e.names.length > 1) lines.push(`   also: ${e.names.slice(1).join("، ")}`);
  if (e.altIds?.length) lines.push(`   same as: ${e.altIds.join(", ")}`);
  lines.push(`   source: ${e.source}${e.note ? ` — ${e.note}` : ""}`);
  return lines.join("\n");
}

export function gazetteerCommand(): Command {
  const cmd = new Command("gazetteer").description("query the place gazetteer");
  cmd
    .command("lookup")
    .description("list the gazetteer's candidates for a place name, best first")
    .argument("<name>", "place name (Arabic, or the English name)")
    .addOption(
      new Option("--format <format>", "output format").choices(["json", "text"]).default("text"),
    )
    .option("--extra <file...>", "user gazetteer files (CSV or GeoJSON) to add")
    .action((name: string, opts: { format: string; extra?: string[] }) => {
      const gaz = loadGazetteer({ extraFiles: opts.extra ?? [] });
      const found = gaz.lookup(name);
      if (found.length === 0) {
        process.stderr.write(`rasd: no place named "${name}" in the gazetteer\n`);
        process.exitCode = EXIT_NOT_FOUND;
        return;
      }
      const out =
        opts.format === "json"
          ? JSON.stringify(found, null, 2)
          : found.map((e, i) => formatEntry(e, i + 1)).join("\n");
      process.stdout.write(`${out}\n`);
    });
  return cmd;
}
