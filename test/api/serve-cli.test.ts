/**
 * `rasd serve` as a child process: starts on a free port over a SQLite file, prints its URL,
 * answers /api/health, and stops cleanly on SIGTERM (exit 0, store closed); refuses to listen
 * beyond localhost without a token.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../bin/rasd.js", import.meta.url));

/** The environment without the variables that would pick another database or a token. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  for (const k of ["DATABASE_URL", "RASD_DB_PATH", "RASD_API_TOKEN"])
    if (!(k in extra)) delete env[k];
  return env;
}

interface Started {
  child: ChildProcess;
  url: string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `rasd serve ARGS` and waits for the line that gives its URL. */
function start(args: string[], env: NodeJS.ProcessEnv): Promise<Started> {
  const child = spawn(process.execPath, [BIN, "serve", ...args], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stderr?.on("data", (d) => {
    err += d;
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`rasd serve did not start within 60 s; stdout: ${out}; stderr: ${err}`));
    }, 60_000);
    child.stdout?.on("data", (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: m[1], stderr: () => err, exit });
      }
    });
    void exit.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`rasd serve exited (${code}) before listening; stderr: ${err}`));
    });
  });
}

describe("rasd serve", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "rasd-serve-cli-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("starts on a free port, answers /api/health, and stops on SIGTERM", {
    timeout: 90_000,
  }, async () => {
    const db = join(dir, "served", "rasd.db");
    const s = await start(["--port", "0", "--db", db], cleanEnv());
    try {
      assert.match(s.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${s.url}/api/health`);
      assert.equal(res.status, 200);
      const health = (await res.json()) as {
        status: string;
        backend: string;
        schema: { current: boolean };
      };
      assert.equal(health.status, "ok");
      assert.equal(health.backend, "sqlite");
      assert.equal(health.schema.current, true);
      assert.ok(existsSync(db), "the database file was created");
      assert.match(s.stderr(), /GET \/api\/health 200/, "one line per request on stderr");
    } finally {
      s.child.kill("SIGTERM");
    }
    const { code, signal } = await s.exit;
    assert.equal(signal, null, "it exits by itself rather than being killed");
    assert.equal(code, 0);
    assert.match(s.stderr(), /SIGTERM/);
    assert.match(s.stderr(), /stopped/);
  });

  it("refuses to listen beyond localhost without a token", () => {
    const r = spawnSync(
      process.execPath,
      [BIN, "serve", "--host", "0.0.0.0", "--port", "0", "--db", join(dir, "x.db")],
      {
        env: cleanEnv(),
        encoding: "utf8",
        timeout: 60_000,
      },
    );
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /refusing to listen on 0\.0\.0\.0 without an API token/);
    assert.match(r.stderr, /--token/);
    assert.equal(existsSync(join(dir, "x.db")), false);
  });

  it("listens beyond localhost with RASD_API_TOKEN, and writes need it", {
    timeout: 90_000,
  }, async () => {
    const s = await start(
      ["--host", "0.0.0.0", "--port", "0", "--db", join(dir, "open.db"), "--quiet"],
      cleanEnv({ RASD_API_TOKEN: "from-the-environment" }),
    );
    try {
      const port = new URL(s.url).port;
      const base = `http://127.0.0.1:${port}`;
      assert.equal((await fetch(`${base}/api/health`)).status, 200);
      const body = JSON.stringify({ url: "https://feeds.example/rss" });
      const headers = { "content-type": "application/json" };
      assert.equal(
        (await fetch(`${base}/api/feeds`, { method: "POST", headers, body })).status,
        401,
      );
      const ok = await fetch(`${base}/api/feeds`, {
        method: "POST",
        headers: { ...headers, authorization: "Bearer from-the-environment" },
        body,
      });
      assert.equal(ok.status, 201);
    } finally {
      s.child.kill("SIGINT");
    }
    assert.equal((await s.exit).code, 0);
  });

  it("refuses a port that is not one", () => {
    const r = spawnSync(process.execPath, [BIN, "serve", "--port", "http"], {
      env: cleanEnv(),
      encoding: "utf8",
      timeout: 60_000,
    });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /not a port/);
  });
});
