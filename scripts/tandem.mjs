#!/usr/bin/env node
// The README's two commands (`npm start`, `npm test`) land here. This file must run on any Node ≥ 18 with no
// dependencies installed: it finds a Node ≥ 22 (the project's engine), installs packages, then does the work.
// On an older Node it takes Node 24 from the npm registry (`npx -p node@24`), which needs nothing but the registry.
import { spawnSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// 22.18: Node runs TypeScript by itself (type stripping), which the server's edge (lib/server) relies on.
const MIN_NODE = [22, 18];
const [, , command = "start", ...rest] = process.argv;

function log(message) {
  process.stdout.write(`[tandem] ${message}\n`);
}

function run(cmd, args, opts = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: process.env, ...opts });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function mustRun(cmd, args, opts) {
  const code = run(cmd, args, opts);
  if (code !== 0) {
    log(`"${cmd} ${args.join(" ")}" failed with exit code ${code}`);
    process.exit(code);
  }
}

/** Re-executes this script under Node 24 from the npm registry when the current Node is too old. */
function ensureModernNode() {
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1])) return;
  log(`Node ${process.versions.node} is older than ${MIN_NODE.join(".")}; fetching Node 24 from the npm registry…`);
  const probe = spawnSync("npx", ["-y", "-p", "node@24", "node", "-p", "process.execPath"], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const nodePath = probe.stdout?.trim().split("\n").pop();
  if (probe.status !== 0 || !nodePath || !existsSync(nodePath)) {
    log(`Could not obtain Node 24 with \`npx -p node@24\`. Install Node ≥ ${MIN_NODE.join(".")} and run this command again.`);
    process.exit(1);
  }
  const env = { ...process.env, PATH: `${path.dirname(nodePath)}${path.delimiter}${process.env.PATH ?? ""}` };
  const child = spawnSync(nodePath, [fileURLToPath(import.meta.url), command, ...rest], { stdio: "inherit", env });
  process.exit(child.status ?? 1);
}

/** `npm install` when node_modules is missing or older than the lockfile (npm ci cannot work offline here; see README). */
function ensurePackages() {
  const stamp = path.join(root, "node_modules", ".package-lock.json");
  const lock = path.join(root, "package-lock.json");
  const fresh = existsSync(stamp) && (!existsSync(lock) || statSync(stamp).mtimeMs >= statSync(lock).mtimeMs);
  if (fresh) return;
  log("Installing packages (npm install)…");
  mustRun("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"]);
}

function bin(name) {
  return path.join(root, "node_modules", ".bin", name);
}

/** Builds unless the last build is newer than every source file (keeps `npm start` fast on a second run). */
function build({ force = false } = {}) {
  const marker = path.join(root, ".next", "BUILD_ID");
  if (!force && existsSync(marker) && !sourcesNewerThan(statSync(marker).mtimeMs)) {
    log("Production build is up to date.");
    return;
  }
  log("Building the production bundle (next build)…");
  mustRun(bin("next"), ["build"]);
}

function sourcesNewerThan(time) {
  const dirs = ["app", "components", "lib", "public"];
  const files = ["package.json", "package-lock.json", "next.config.ts", "tsconfig.json", "postcss.config.mjs"];
  const stack = dirs.map((d) => path.join(root, d));
  for (const f of files) {
    const p = path.join(root, f);
    if (existsSync(p) && statSync(p).mtimeMs > time) return true;
  }
  while (stack.length) {
    const dir = stack.pop();
    if (!existsSync(dir)) continue;
    for (const entry of readdirSafe(dir)) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) stack.push(p);
      else if (statSync(p).mtimeMs > time) return true;
    }
  }
  return false;
}

function readdirSafe(dir) {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function start() {
  build();
  const port = process.env.PORT ?? "3000";
  const host = process.env.HOST ?? "127.0.0.1";
  const server = spawn(process.execPath, [path.join(root, "scripts", "serve.mjs")], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, PORT: port, HOST: host },
  });
  const stop = () => server.kill("SIGTERM");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  server.on("exit", (code) => process.exit(code ?? 0));
}

function test() {
  if (!existsSync("/usr/bin/chromium") && !process.env.TANDEM_CHROMIUM) {
    log("Chromium is missing: install it with `apt-get install -y chromium` (or set TANDEM_CHROMIUM to a Chromium binary).");
    process.exit(1);
  }
  const reports = path.join(root, "e2e", ".artifacts");
  mkdirSync(reports, { recursive: true });
  const unitReport = path.join(reports, "vitest.json");
  const e2eReport = path.join(reports, "playwright.json");
  rmSync(unitReport, { force: true });
  rmSync(e2eReport, { force: true });
  const finish = (code) => {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    const unit = readJson(unitReport);
    if (unit) {
      counts.passed += unit.numPassedTests ?? 0;
      counts.failed += unit.numFailedTests ?? 0;
      counts.skipped += (unit.numPendingTests ?? 0) + (unit.numTodoTests ?? 0);
    }
    const e2e = readJson(e2eReport);
    if (e2e?.stats) {
      counts.passed += (e2e.stats.expected ?? 0) + (e2e.stats.flaky ?? 0);
      counts.failed += e2e.stats.unexpected ?? 0;
      counts.skipped += e2e.stats.skipped ?? 0;
    }
    if (code !== 0 && counts.failed === 0) counts.failed = 1; // a failing step that is not a test (typecheck, build)
    process.stdout.write(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
    process.exit(code);
  };
  const step = (cmd, args, opts) => {
    const code = run(cmd, args, opts);
    if (code !== 0) {
      log(`"${path.basename(cmd)} ${args.join(" ")}" failed with exit code ${code}`);
      finish(code);
    }
  };
  step("npm", ["run", "--silent", "typecheck"]);
  step("npm", ["run", "--silent", "check:deps"]);
  step(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${unitReport}`]);
  const built = run(process.execPath, [fileURLToPath(import.meta.url), "build-if-needed"]);
  if (built !== 0) finish(built);
  step(bin("playwright"), ["test", "--reporter=list,json", ...rest], {
    env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport },
  });
  finish(0);
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

function bench() {
  build();
  mustRun(process.execPath, [path.join(root, "bench", "run.mjs"), ...rest]);
}

process.env.NEXT_TELEMETRY_DISABLED = "1";
ensureModernNode();
ensurePackages();
const commands = { start, test, bench, "build-if-needed": () => build() };
if (!(command in commands)) {
  log(`Unknown command "${command}". Use one of: ${Object.keys(commands).join(", ")}.`);
  process.exit(2);
}
commands[command]();
