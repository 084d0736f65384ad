/**
 * `rasd eval ner --data <file>`: entity-level precision, recall and F1 (exact span and type,
 * seqeval-style) of the entity recognizer on a tagged corpus, overall and per type.
 */
import { readFileSync } from "node:fs";
import { type Command, Option } from "commander";
import { InputError } from "../errors.js";
import {
  camelSplit,
  devSplit,
  evaluateModel,
  formatScore,
  loadNerModel,
  type NerModel,
  type PRF,
  parseConll,
  parseWojood,
  type TaggedSentence,
  wojoodTypeMap,
} from "../recognize/ner/index.js";
import { assertReadableFile, decodeText } from "./io.js";

interface EvalNerOptions {
  data: string;
  split?: string;
  scheme: string;
  norp: string;
  model?: string;
  format: string;
}

/** The sentences to score: a CoNLL file, a part of the original ANERcorp, or Wojood flattened. */
export function readEvalData(
  opts: Pick<EvalNerOptions, "data" | "split" | "scheme" | "norp">,
): TaggedSentence[] {
  assertReadableFile(opts.data);
  const text = decodeText(readFileSync(opts.data), "utf-8", opts.data);
  if (opts.split) {
    if (opts.scheme !== "conll") {
      throw new InputError(
        "usage",
        "--split reads the original ANERcorp file; it goes with --scheme conll",
      );
    }
    const split = camelSplit(text, opts.data);
    if (opts.split === "camel-test") return split.test;
    if (opts.split === "camel-train") return split.train;
    const { fit, dev } = devSplit(split.train);
    return opts.split === "camel-dev" ? dev : fit;
  }
  if (opts.scheme === "wojood") {
    return parseWojood(text, wojoodTypeMap(opts.norp === "misc" ? "MISC" : "omit"), opts.data);
  }
  return parseConll(text, opts.data);
}

function loadModel(path: string | undefined): NerModel {
  if (path !== undefined) assertReadableFile(path);
  try {
    return loadNerModel(path);
  } catch (e) {
    throw new InputError("bad-model", (e as Error).message);
  }
}

/** Registers `eval ner` on the program (under an `eval` command, created if absent). */
export function registerEvalNer(program: Command): void {
  let evalCmd = program.commands.find((c) => c.name() === "eval");
  if (!evalCmd) {
    evalCmd = program.command("eval").description("measure rasd's components on benchmark data");
  }
  evalCmd
    .command("ner")
    .description(
      "entity-level precision, recall and F1 (exact span and type, seqeval-style) of the entity recognizer",
    )
    .requiredOption(
      "--data <file>",
      "tagged corpus: CoNLL (token TAG, blank line between sentences)",
    )
    .addOption(
      new Option(
        "--split <part>",
        "read --data as the original single-file ANERcorp and score one part of the CAMeL Lab split",
      ).choices(["camel-test", "camel-train", "camel-dev", "camel-fit"]),
    )
    .addOption(
      new Option(
        "--scheme <scheme>",
        "tag scheme of --data: conll (PERS/LOC/ORG/MISC) or wojood (nested)",
      )
        .choices(["conll", "wojood"])
        .default("conll"),
    )
    .addOption(
      new Option("--norp <how>", "with --scheme wojood: NORP as MISC, or left out with MISC (omit)")
        .choices(["omit", "misc"])
        .default("omit"),
    )
    .option("--model <file>", "model file (default: data/models/ner-anercorp.bin)")
    .addOption(
      new Option("--format <format>", "output format").choices(["text", "json"]).default("text"),
    )
    .action((opts: EvalNerOptions) => {
      const sentences = readEvalData(opts);
      const model = loadModel(opts.model);
      // Wojood has no MISC when NORP is left out: MISC is then out of the comparison.
      const ignoreTypes = opts.scheme === "wojood" && opts.norp === "omit" ? ["MISC"] : [];
      const score = evaluateModel(model, sentences, { ignoreTypes });
      if (opts.format === "json") {
        const pct = (x: number) => +(100 * x).toFixed(2);
        const prf = (s: PRF) => ({
          precision: pct(s.precision),
          recall: pct(s.recall),
          f1: pct(s.f1),
          support: s.support,
          predicted: s.predicted,
          correct: s.correct,
        });
        const out = {
          data: opts.data,
          split: opts.split ?? null,
          scheme: opts.scheme,
          ...(opts.scheme === "wojood" ? { norp: opts.norp } : {}),
          model: model.version,
          sentences: score.sentences,
          tokens: score.tokens,
          ...prf(score),
          perType: Object.fromEntries(Object.entries(score.perType).map(([t, s]) => [t, prf(s)])),
        };
        process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
        return;
      }
      process.stdout.write(
        `${opts.data}${opts.split ? ` (${opts.split})` : ""}: ${score.sentences} sentences, ${score.tokens} tokens; model ${model.version}\n` +
          `${formatScore(score)}\n`,
      );
    });
}
