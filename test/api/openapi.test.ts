/** /openapi.json: every endpoint, with the parameters the validation takes. */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Store } from "../../src/store/index.js";
import { type App, freshStore, getJson, type Json, makeApp } from "./helpers.js";

const ENDPOINTS = [
  "get /api/health",
  "get /api/version",
  "post /api/articles",
  "get /api/articles",
  "get /api/articles/{id}",
  "get /api/events",
  "get /api/events/{id}",
  "get /api/claims",
  "get /api/disputes",
  "get /api/places",
  "get /api/actors",
  "get /api/sources",
  "get /api/feeds",
  "post /api/feeds",
  "get /api/feeds/{id}",
  "patch /api/feeds/{id}",
  "delete /api/feeds/{id}",
  "get /openapi.json",
];

describe("openapi.json", () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let app: App;
  let doc: Json;

  before(async () => {
    ({ store, dispose } = await freshStore());
    app = makeApp(store);
    doc = await getJson(app, "/openapi.json");
  });
  after(async () => dispose());

  it("is an OpenAPI 3.1 document listing every endpoint", () => {
    assert.equal(doc.openapi, "3.1.0");
    assert.equal(typeof doc.info.version, "string");
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods as object).map((m) => `${m} ${path}`),
    );
    assert.deepEqual(ops.sort(), [...ENDPOINTS].sort());
    const ids = Object.values(doc.paths).flatMap((m) =>
      Object.values(m as Record<string, Json>).map((op) => op.operationId),
    );
    assert.equal(new Set(ids).size, ids.length, "operation ids are unique");
  });

  it("gives every list its paging parameters and the event filters their enums", () => {
    for (const path of [
      "/api/articles",
      "/api/events",
      "/api/claims",
      "/api/places",
      "/api/feeds",
    ]) {
      const names = doc.paths[path].get.parameters.map((p: Json) => p.name);
      assert.ok(names.includes("limit") && names.includes("cursor"), path);
    }
    const params = Object.fromEntries(
      doc.paths["/api/events"].get.parameters.map((p: Json) => [p.name, p]),
    );
    assert.deepEqual(params.format.schema.enum, ["json", "geojson", "acled-csv", "map"]);
    assert.ok(params.type.schema.items.enum.includes("Battles"));
    assert.equal(params.limit.schema.maximum, 10000, "format=map's pages; 500 for the others");
    assert.match(params.limit.description, /1 to 500 .*format=map 1 to 10000/);
    assert.equal(params.from.schema.format, "date");
  });

  it("marks writes as needing the bearer token, and describes problems", () => {
    assert.deepEqual(doc.paths["/api/articles"].post.security, [{ bearer: [] }, {}]);
    assert.equal(doc.paths["/api/articles"].get.security, undefined);
    assert.equal(doc.components.securitySchemes.bearer.scheme, "bearer");
    const body = doc.paths["/api/articles"].post.requestBody.content["application/json"].schema;
    assert.deepEqual(Object.keys(body.properties).sort(), [
      "html",
      "outlet",
      "published",
      "text",
      "title",
      "url",
    ]);
    assert.ok(
      doc.components.schemas.Problem.properties.type.enum.includes("urn:rasd:problem:not-found"),
    );
  });

  it("is open to other origins", async () => {
    const res = await app.request("/openapi.json", { headers: { origin: "https://ui.example" } });
    assert.equal(res.headers.get("access-control-allow-origin"), "*");
  });
});
