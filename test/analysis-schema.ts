/**
 * The analysis JSON's published schema (docs/schema/analysis.schema.json), compiled once with
 * Ajv, for the tests that check output against it: the schema's own tests and the fuzz suite.
 */
import { readFileSync } from "node:fs";
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

export type Schema = Record<string, unknown> & {
  $defs: Record<string, Record<string, unknown>>;
};

export const schema = JSON.parse(
  readFileSync(new URL("../docs/schema/analysis.schema.json", import.meta.url), "utf8"),
) as Schema;
// ajv-formats is CommonJS: imported from ESM, its plugin is the module's `default` property.
const addFormats = addFormatsModule.default;
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(schema);

/** Why `value` is not a valid analysis: no errors when it is one. */
export function schemaErrors(value: unknown): ErrorObject[] {
  return validate(value) ? [] : [...(validate.errors ?? [])];
}

/** The errors, readably, for assertion messages. */
export const explain = (errs: ErrorObject[]) =>
  errs.map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`).join("\n");
