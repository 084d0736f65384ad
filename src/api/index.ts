/**
 * rasd's HTTP API (docs/api.md): `createApp({store})` is a Hono app that answers in-process
 * (`await app.request("/api/events?country=Syria")`); `serve({port, host, db, token})` puts it on
 * a port with @hono/node-server.
 *
 *     import { serve } from "./src/api/index.js";
 *     const server = await serve({ port: 8080 });    // SQLite .rasd/rasd.db, localhost only
 *     console.log(server.url);
 *     await server.close();
 */
export {
  ApiConfigError,
  type ApiOptions,
  createApp,
  DEFAULT_FETCH_MAX_BYTES,
  DEFAULT_FETCH_TIMEOUT_MS,
} from "./app.js";
export { isLoopbackHost, sameSecret } from "./auth.js";
export { DEFAULT_MAX_BODY_BYTES } from "./body.js";
export {
  type EventFeature,
  type EventFeatureCollection,
  eventsToCsv,
  eventsToGeoJson,
  toEventRecord,
} from "./formats.js";
export { isPrivateAddress, publicOnlyFetch } from "./net.js";
export { openApiDocument } from "./openapi.js";
export { DEFAULT_LIMIT, MAX_LIMIT } from "./params.js";
export {
  ApiProblem,
  type InvalidParam,
  PROBLEM_CONTENT_TYPE,
  PROBLEM_TYPES,
  type ProblemBody,
  type ProblemKind,
  problemType,
} from "./problems.js";
export { API_VERSION } from "./routes/meta.js";
export {
  DEFAULT_HOST,
  DEFAULT_PORT,
  type RunningServer,
  type ServeOptions,
  serve,
  urlOf,
} from "./server.js";
