#!/usr/bin/env node
// Runs every test file under test/ through node:test with tsx, naming the files explicitly
// (on Node 20 a folder or glob silently finds no TypeScript test), and fails when none is found
// or when the runner reports zero tests.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

function collect(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== "fixtures" && name !== "node_modules") out.push(...collect(path));
    } else if (name.endsWith(".test.ts")) {
      out.push(path);
    }
  }
  return out;
}

const filter = process.argv.slice(2);
let files = collect("test");
if (filter.length > 0) files = files.filter((f) => filter.some((x) => f.includes(x)));
if (files.length === 0) {
  console.error("run-tests: no test files found under test/ — refusing to report success");
  process.exit(1);
}
console.error(`run-tests: ${files.length} test files`);
const result = spawnSync(
  process.execPath,
  [
    "--import",
    "tsx",
    "--test",
    "--test-reporter=spec",
    "--test-reporter-destination=stdout",
    "--test-reporter=tap",
    "--test-reporter-destination=.test-results.tap",
    ...files,
  ],
  { stdio: "inherit", env: { ...process.env, NODE_ENV: "test" } },
);
let tap = "";
try {
  tap = readFileSync(".test-results.tap", "utf8");
} catch {}
const count = (key) => Number((tap.match(new RegExp(`^# ${key} (\\d+)$`, "m")) ?? [])[1] ?? 0);
const tests = count("tests");
const pass = count("pass");
const fail = count("fail");
const skipped = count("skipped") + count("todo");
console.log(`\n${pass} passed, ${fail} failed, ${skipped} skipped`);
if (tests === 0) {
  console.error("run-tests: the runner executed no test — failing");
  process.exit(1);
}
process.exit(result.status ?? 1);
