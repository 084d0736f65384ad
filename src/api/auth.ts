/**
 * Who may write. Reads are open. Writes (POST, PATCH, DELETE) need `Authorization: Bearer
 * <token>` whenever a token is configured, and a server listening beyond localhost must have one
 * (`serve` refuses to start without it). A server on localhost with no token takes writes only
 * from requests addressed to a loopback name, so that a web page in the user's browser cannot
 * reach it through DNS rebinding (a cross-origin form cannot post JSON: see body.ts).
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { ApiProblem } from "./problems.js";

const LOOPBACK_NAMES = new Set(["localhost", "::1", "[::1]", "0:0:0:0:0:0:0:1"]);

/** Whether a listening address or a Host name is loopback: localhost, 127.0.0.0/8, ::1. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/\.$/, "");
  if (LOOPBACK_NAMES.has(h) || h.endsWith(".localhost")) return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)) return true;
  return /^\[?::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}\]?$/.test(h);
}

/** Compares two secrets in time independent of where they differ (and of their lengths). */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given, "utf8").digest();
  const b = createHash("sha256").update(expected, "utf8").digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

const REALM = 'Bearer realm="rasd"';

/** The guard put in front of every write endpoint. */
export function writeGuard(token: string | undefined): MiddlewareHandler {
  return async (c, next) => {
    if (token === undefined) {
      const host = new URL(c.req.url).hostname;
      if (!isLoopbackHost(host)) {
        throw new ApiProblem(
          "forbidden",
          `this server has no API token, so it takes writes only from requests to localhost, not to ${JSON.stringify(host)}; start it with --token (or RASD_API_TOKEN) to write from elsewhere`,
        );
      }
      return next();
    }
    const header = c.req.header("authorization");
    if (header === undefined) {
      throw new ApiProblem(
        "unauthorized",
        "this endpoint writes: send the API token as Authorization: Bearer <token>",
        { headers: { "WWW-Authenticate": REALM } },
      );
    }
    const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
    if (!m?.[1] || !sameSecret(m[1], token)) {
      throw new ApiProblem(
        "unauthorized",
        m
          ? "the bearer token is not this server's API token"
          : "the Authorization header must be Bearer <token>",
        { headers: { "WWW-Authenticate": `${REALM}, error="invalid_token"` } },
      );
    }
    return next();
  };
}
