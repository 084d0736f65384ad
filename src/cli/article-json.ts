/** An article from one JSONL line ({id, text, title?, date?, source?, url?}), checked field by field. */
import { InputError } from "../errors.js";
import { isIsoDate } from "../pipeline.js";
import type { Article } from "../types.js";

function optionalString(o: Record<string, unknown>, key: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") throw new InputError("bad-field", `"${key}" must be a string`);
  return v;
}

export function articleFromJson(value: unknown): Article {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InputError("bad-line", "expected a JSON object {id, text, ...}");
  }
  const o = value as Record<string, unknown>;
  const rawId = o.id;
  if (rawId !== undefined && typeof rawId !== "string" && typeof rawId !== "number") {
    throw new InputError("bad-field", '"id" must be a string or a number');
  }
  if (typeof o.text !== "string") throw new InputError("bad-field", 'missing "text" (a string)');
  const article: Article = { text: o.text };
  if (rawId !== undefined) article.id = String(rawId);
  const title = optionalString(o, "title");
  if (title !== undefined) article.title = title;
  const outlet = optionalString(o, "source") ?? optionalString(o, "outlet");
  if (outlet !== undefined) article.outlet = outlet;
  const url = optionalString(o, "url");
  if (url !== undefined) article.url = url;
  const date = optionalString(o, "date") ?? optionalString(o, "published");
  if (date !== undefined) {
    // A timestamp keeps its calendar day: "2017-11-02T10:30:00Z" is 2017-11-02.
    const day = date.slice(0, 10);
    if (!isIsoDate(day) || (date.length > 10 && date[10] !== "T" && date[10] !== " ")) {
      throw new InputError("bad-date", `"date" is "${date}": expected a real date as YYYY-MM-DD`);
    }
    article.published = day;
  }
  return article;
}
