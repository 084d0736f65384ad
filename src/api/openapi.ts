/**
 * The OpenAPI 3.1 document, built from the route table: every path, method, query parameter
 * (from the same declarations the validation uses), body field and response. Response bodies are
 * described in words and in docs/api.md; the analysis' own shape is docs/schema/analysis.schema.json.
 */
import type { ParamSpec } from "./params.js";
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, problemType } from "./problems.js";
import type { Route } from "./routes.js";

function schemaOf(p: ParamSpec): Record<string, unknown> {
  switch (p.type) {
    case "string":
      return {
        type: "string",
        ...(p.maxLength !== undefined ? { maxLength: p.maxLength } : {}),
        ...(p.pattern ? { pattern: p.pattern.source } : {}),
      };
    case "date":
      return { type: "string", format: "date" };
    case "integer":
      return {
        type: "integer",
        minimum: p.min,
        maximum: p.max,
        ...(p.default !== undefined ? { default: p.default } : {}),
      };
    case "number":
      return { type: "number", minimum: p.min, maximum: p.max };
    case "boolean":
      return { type: "boolean" };
    case "enum":
      return p.list
        ? { type: "array", items: { type: "string", enum: [...p.values] } }
        : {
            type: "string",
            enum: [...p.values],
            ...(p.default !== undefined ? { default: p.default } : {}),
          };
    case "bbox":
      return { type: "string", pattern: "^-?[0-9.]+,-?[0-9.]+,-?[0-9.]+,-?[0-9.]+$" };
    case "cursor":
      return { type: "string" };
  }
}

const STATUS_TEXT: Record<number, string> = {
  200: "OK",
  201: "Created",
  204: "No Content",
};

export function openApiDocument(routes: Route[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const params: unknown[] = [];
    for (const m of r.path.matchAll(/\{(\w+)\}/g)) {
      params.push({ name: m[1], in: "path", required: true, schema: { type: "string" } });
    }
    for (const [name, spec] of Object.entries(r.doc.query ?? {})) {
      const list = spec.type === "enum" && spec.list === true;
      params.push({
        name,
        in: "query",
        required: false,
        description: spec.description,
        schema: schemaOf(spec),
        ...(list ? { style: "form", explode: false } : {}),
      });
    }
    const responses: Record<string, unknown> = {};
    for (const [status, what] of Object.entries(r.doc.responses)) {
      const code = Number(status);
      if (code < 300) {
        responses[status] = {
          description: what || STATUS_TEXT[code] || "",
          ...(code === 204
            ? {}
            : {
                content: Object.fromEntries(
                  (r.doc.produces ?? ["application/json"]).map((t) => [t, {}]),
                ),
              }),
        };
      } else {
        responses[status] = { ...problemResponse(), description: what };
      }
    }
    responses["4XX"] = { $ref: "#/components/responses/problem" };
    const op: Record<string, unknown> = {
      operationId: `${r.method.toLowerCase()}${r.path.replace(/\{(\w+)\}/g, "By_$1").replace(/[^A-Za-z0-9]+(.)?/g, (_m, ch: string | undefined) => (ch ?? "").toUpperCase())}`,
      summary: r.doc.summary,
      tags: [r.doc.tag],
      parameters: params,
      responses,
    };
    if (r.doc.description) op.description = r.doc.description;
    if (r.doc.body) {
      const required = Object.entries(r.doc.body)
        .filter(([, f]) => f.required)
        .map(([k]) => k);
      op.requestBody = {
        required: true,
        content: {
          "application/json": {
            schema: {
              type: "object",
              additionalProperties: false,
              ...(required.length ? { required } : {}),
              properties: Object.fromEntries(
                Object.entries(r.doc.body).map(([k, f]) => [
                  k,
                  { type: f.type, description: f.description },
                ]),
              ),
            },
          },
        },
      };
    }
    if (r.write) op.security = [{ bearer: [] }, {}];
    paths[r.path] = { ...paths[r.path], [r.method.toLowerCase()]: op };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "rasd API",
      version,
      description:
        "Sourced, geolocated conflict event data from Arabic news: submit articles, query the merged events. See docs/api.md.",
    },
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description:
            "Required on writes when the server has a token (always, beyond localhost); reads are open.",
        },
      },
      responses: {
        problem: problemResponse(),
      },
      schemas: {
        Problem: {
          type: "object",
          required: ["type", "title", "status", "detail"],
          properties: {
            type: {
              type: "string",
              enum: Object.keys(PROBLEM_TYPES).map((k) =>
                problemType(k as keyof typeof PROBLEM_TYPES),
              ),
            },
            title: { type: "string" },
            status: { type: "integer" },
            detail: { type: "string" },
            instance: { type: "string" },
            request_id: { type: "string" },
            "invalid-params": {
              type: "array",
              items: {
                type: "object",
                required: ["name", "reason"],
                properties: { name: { type: "string" }, reason: { type: "string" } },
              },
            },
          },
        },
      },
    },
  };
}

function problemResponse(): Record<string, unknown> {
  return {
    description: "A problem (RFC 9457)",
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: "#/components/schemas/Problem" } } },
  };
}
