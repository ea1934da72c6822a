// Issue 11's figures: the offline runtime's `node` beside real Node 24 on this machine, as ratios offline / real.
// The offline side drives the sandbox page directly (the page the IDE embeds, over its MessagePort protocol, as the
// conformance suite does), so the IDE's own round trip is not counted; the real side spawns the Node binary.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { launchBrowser, machineLine, median, startServer, writeSection } from "./harness.mjs";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const FRESH_PAGES = Number(process.env.BENCH_FRESH ?? 5);

/** A 50-file node:test suite, three tests a file. */
const suite = Object.fromEntries(
  Array.from({ length: 50 }, (_, i) => [
    `suite/test/t${String(i).padStart(2, "0")}.test.js`,
    `const test = require('node:test');\nconst assert = require('node:assert');\nconst { f } = require('../lib.js');\n` +
      `test('a${i}', () => assert.strictEqual(f(${i}), ${i * 2}));\ntest('b${i}', async () => { await null; assert.ok(true); });\ntest('c${i}', () => assert.deepStrictEqual([${i}], [${i}]));\n`,
  ]),
);
suite["suite/lib.js"] = "exports.f = (n) => n * 2;\n";

/** 200 CommonJS modules in a tree (each requires the next two), required from one entry. */
const tree = Object.fromEntries(
  Array.from({ length: 200 }, (_, i) => [
    `tree/m${i}.js`,
    `${[2 * i + 1, 2 * i + 2].filter((c) => c < 200).map((c) => `require('./m${c}.js');`).join("\n")}\nmodule.exports = ${i};\n`,
  ]),
);
tree["tree/main.js"] = "require('./m0.js');\nconsole.log('loaded');\n";

const files = { "empty.js": "", ...suite, ...tree };

const COMMANDS = {
  start: { cwd: "", cmd: "node -e ''" },
  suite: { cwd: "suite", cmd: "node --test" },
  tree: { cwd: "tree", cmd: "node main.js" },
};

function realNode(root, { cwd, cmd }) {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn("bash", ["-c", cmd], { cwd: path.join(root, cwd), env: { PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`, HOME: root }, stdio: "ignore" });
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(performance.now() - t) : reject(new Error(`${cmd} exited ${code}`))));
  });
}

async function openSandbox(browser, origin) {
  const context = await browser.newContext();
  await context.route((u) => !/^(127\.0\.0\.1|localhost)$/.test(new URL(u.href).hostname), (route) => route.abort("internetdisconnected"));
  const page = await context.newPage();
  await page.goto(`${origin}/sandbox.html?session=bench${Date.now().toString(36)}`);
  await page.evaluate(async (files) => {
    const channel = new MessageChannel();
    const drv = (window.__bench = { events: [], waiters: [], port: channel.port1 });
    channel.port1.onmessage = (e) => {
      drv.events.push(e.data);
      for (const wake of drv.waiters.splice(0)) wake();
    };
    window.postMessage({ type: "tandem-connect" }, "*", [channel.port2]);
    drv.port.postMessage({ type: "init", files: Object.entries(files), dirs: [] });
    while (!drv.events.some((e) => e.type === "ready")) await new Promise((r) => drv.waiters.push(r));
  }, files);
  return { context, page };
}

/** One command in the sandbox, timed in the page from the request to its exit event. */
function offline(page, { cwd, cmd }) {
  return page.evaluate(
    async ({ cwd, cmd }) => {
      const drv = window.__bench;
      const id = `b${Math.random().toString(36).slice(2)}`;
      const t = performance.now();
      drv.port.postMessage({ type: "run", id, command: cmd, cwd: cwd ? `/project/${cwd}` : "/project", env: {} });
      for (;;) {
        const exit = drv.events.find((e) => e.type === "exit" && e.id === id);
        if (exit) {
          drv.events = drv.events.filter((e) => e.id !== id);
          if (exit.exitCode !== 0) throw new Error(`${cmd} exited ${exit.exitCode}`);
          return performance.now() - t;
        }
        await new Promise((r) => drv.waiters.push(r));
      }
    },
    { cwd, cmd },
  );
}

export default async function main() {
  if (!process.versions.node.startsWith("24.")) throw new Error("Run the runtime benchmark under Node 24 (the real side is process.execPath).");
  const root = mkdtempSync(path.join(os.tmpdir(), "tandem-bench-node-"));
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
    writeFileSync(path.join(root, p), c);
  }
  const server = await startServer();
  const origin = `http://localhost:${server.port + 1}`;
  const browser = await launchBrowser();
  const loadBefore = os.loadavg()[0];
  const real = { start: [], suite: [], tree: [] };
  const warm = { start: [], suite: [], tree: [] };
  const first = { start: [], tree: [] };
  try {
    for (const key of Object.keys(COMMANDS)) {
      await realNode(root, COMMANDS[key]); // the OS file cache
      for (let i = 0; i < RUNS; i++) real[key].push(await realNode(root, COMMANDS[key]));
    }
    // First run in a fresh page: the page is ready (its files mounted), nothing has run yet.
    for (let i = 0; i < FRESH_PAGES; i++) {
      for (const key of Object.keys(first)) {
        const { context, page } = await openSandbox(browser, origin);
        first[key].push(await offline(page, COMMANDS[key]));
        await context.close();
      }
    }
    const { context, page } = await openSandbox(browser, origin);
    for (const key of Object.keys(COMMANDS)) {
      for (let i = 0; i < 2; i++) await offline(page, COMMANDS[key]);
      for (let i = 0; i < RUNS; i++) warm[key].push(await offline(page, COMMANDS[key]));
    }
    await context.close();
  } finally {
    await browser.close();
    server.stop();
    rmSync(root, { recursive: true, force: true });
  }
  const ms = (v) => `${median(v).toFixed(1)} ms`;
  const ratio = (a, b) => median(a) / median(b);
  const verdict = (r, goal) => (r <= goal ? "met" : `missed (${r.toFixed(1)}× > ${goal}×)`);
  const rows = [
    ["process start, `node -e ''`, warm", warm.start, real.start, 2],
    ["process start, first run in a fresh page", first.start, real.start, 3],
    ["`node --test`, 50 files × 3 tests, warm", warm.suite, real.suite, 2],
    ["require of a 200-module tree, warm", warm.tree, real.tree, 2],
    ["require of a 200-module tree, first run in a fresh page", first.tree, real.tree, 3],
  ].map(([name, off, rl, goal]) => [name, ms(off), ms(rl), `${ratio(off, rl).toFixed(2)}×`, `≤ ${goal}×`, verdict(ratio(off, rl), goal)]);
  writeSection(
    "Runtime beside real Node (issue 11)",
    `${machineLine()} — ${RUNS} warm runs and ${FRESH_PAGES} fresh pages each, medians; 1-minute load average ${loadBefore.toFixed(0)} → ${os.loadavg()[0].toFixed(0)} on 2 cores.

| measure | offline runtime | real Node 24 | ratio | goal | |
|---|---|---|---|---|---|
${rows.map((r) => `| ${r.join(" | ")} |`).join("\n")}

How: \`bench/runtime-node.bench.mjs\`. Offline: the sandbox page opened on its own (as the IDE embeds it), one
command timed in the page from the run request to its exit event — shell Worker, a process Worker per \`node\` (one
kept spare), the files copied in. Real: \`bash -c\` spawning Node 24 on the same files. "First run" is the first
command in a fresh browser context once its files are mounted.`,
  );
  console.log(rows.map((r) => `${r[0]}: ${r[1]} vs ${r[2]} = ${r[3]}`).join("\n"));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
