// Issue 3's figures for the in-browser runtimes, measured in Debian Chromium against the production build.
// WebContainer cannot boot without a network here, so only the offline runtime has numbers; the fallback decision is
// measured as the time from starting the runtime to the offline runtime being chosen.
import os from "node:os";
import { launchBrowser, machineLine, median, seedProject, startServer, writeSection } from "./harness.mjs";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);

const nodeTemplate = [
  ["package.json", '{ "name": "node-tests", "type": "module", "scripts": { "test": "node --test" } }\n'],
  ["text.js", 'export function slugify(t) { return t.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, ""); }\n'],
  ["text.test.js", 'import { test } from "node:test";\nimport assert from "node:assert/strict";\nimport { slugify } from "./text.js";\ntest("slug", () => assert.equal(slugify("Hello, World!"), "hello-world"));\ntest("empty", () => assert.equal(slugify(""), ""));\n'],
  ["hello.js", 'console.log("hello");\n'],
];
const thousand = Array.from({ length: 1_000 }, (_, i) => [`src/d${i % 20}/f${i}.js`, `// file ${i}\nexport const v${i} = ${i};\n${i % 10 === 0 ? "// needle here\n" : ""}`]);

async function openWorkspace(browser, url, files, preference) {
  const context = await browser.newContext();
  await context.route((u) => !/^(127\.0\.0\.1|localhost)$/.test(new URL(u.href).hostname), (route) => route.abort("internetdisconnected"));
  const page = await context.newPage();
  await page.goto(`${url}/`);
  await page.evaluate((p) => localStorage.setItem("tandem.runtimePreference", p), preference);
  const id = await seedProject(page, { files });
  await page.goto(`${url}/p/${id}?bench`);
  await page.waitForFunction((id) => window.__tandemRuntimeTimings?.[id]?.ready, id, { timeout: 60_000 });
  return { context, page, id };
}

const run = (page, id, command) =>
  page.evaluate(
    async ({ id, command }) => {
      const t = performance.now();
      const r = await window.__tandemRuntime.run(id, command);
      return { ms: performance.now() - t, exitCode: r.exitCode, stdout: r.stdout };
    },
    { id, command },
  );

export default async function main() {
  const server = await startServer(process.env.NEXT_DIST_DIR ? { NEXT_DIST_DIR: process.env.NEXT_DIST_DIR } : {});
  const browser = await launchBrowser();
  const loadBefore = os.loadavg()[0];
  const results = { ready: [], readyFromNav: [], fallback: [], grepCold: [], grep: [], hello: [], npmTest: [], sync: [] };
  try {
    for (let i = 0; i < RUNS; i++) {
      // Ready after interactive (offline forced, so WebContainer's attempt is not counted).
      const a = await openWorkspace(browser, process.env.BENCH_URL ?? server.url, [...nodeTemplate, ...thousand], "offline");
      const t = await a.page.evaluate((id) => ({ ...window.__tandemRuntimeTimings[id], interactive: performance.getEntriesByType("navigation")[0].domInteractive }), a.id);
      results.ready.push(t.ready - Math.max(t.interactive, t.start));
      results.readyFromNav.push(t.ready - t.interactive);
      const grep = await run(a.page, a.id, "grep -rn needle src");
      if (grep.stdout.split("\n").filter(Boolean).length !== 100) throw new Error(`grep found ${grep.stdout.split("\n").length} lines`);
      results.grepCold.push(grep.ms);
      // The engine compiles just-bash's hot paths after a few runs; "warm" is the fourth run in the same Worker.
      for (let k = 0; k < 2; k++) await run(a.page, a.id, "grep -rn needle src");
      results.grep.push((await run(a.page, a.id, "grep -rn needle src")).ms);
      await run(a.page, a.id, "node hello.js");
      results.hello.push((await run(a.page, a.id, "node hello.js")).ms);
      await run(a.page, a.id, "npm test");
      const npmTest = await run(a.page, a.id, "npm test");
      if (npmTest.exitCode !== 0) throw new Error(`npm test exited ${npmTest.exitCode}`);
      results.npmTest.push(npmTest.ms);
      // Project → runtime: 2,000 new files written to the project, until a command sees all of them.
      const sync = await a.page.evaluate(async (id) => {
        const project = window.__tandemRuntime.project(id);
        const t = performance.now();
        for (let k = 0; k < 2000; k++) project.write(`gen/g${k}.txt`, `generated ${k}\n`, { origin: "agent" });
        const r = await window.__tandemRuntime.run(id, "ls gen | wc -l");
        return { ms: performance.now() - t, out: r.stdout.trim() };
      }, a.id);
      if (sync.out !== "2000") throw new Error(`sync saw ${sync.out}`);
      const baseline = (await run(a.page, a.id, "ls gen | wc -l")).ms; // same command, nothing left to sync
      results.sync.push(sync.ms - baseline);
      await a.context.close();

      // Fallback decision with "auto": start → offline runtime chosen (WebContainer's host unreachable).
      const b = await openWorkspace(browser, process.env.BENCH_URL ?? server.url, nodeTemplate, "auto");
      const tb = await b.page.evaluate((id) => window.__tandemRuntimeTimings[id], b.id);
      if (tb.kind !== "offline") throw new Error(`auto chose ${tb.kind}`);
      results.fallback.push(tb.chosen - tb.start);
      await b.context.close();
    }
  } finally {
    await browser.close();
    server.stop();
  }
  const ms = (v) => `${median(v).toFixed(v === results.fallback ? 0 : 1)} ms`;
  // [measure, goal text, goal in ms (null: for reference), samples]
  const measures = [
    ["offline runtime ready after the page is interactive (from the workspace starting it)", "≤ 150 ms", 150, results.ready],
    ["… from domInteractive (includes the workspace code and reading 1,004 files from IndexedDB)", "—", null, results.readyFromNav],
    ["`grep -rn` over 1,000 files, warm (round trip from the IDE)", "≤ 100 ms", 100, results.grep],
    ["`grep -rn` over 1,000 files, first run in a fresh Worker", "—", null, results.grepCold],
    ["`node` hello-world, warm", "≤ 100 ms", 100, results.hello],
    ["`npm test` of the Node template (warm)", "≤ 500 ms", 500, results.npmTest],
    ["project → runtime sync, 2,000 files", "≤ 300 ms", 300, results.sync],
    ["decision to fall back when WebContainer cannot boot", "≤ 3 s", 3000, results.fallback],
  ];
  const verdict = (goal, v) => (goal === null ? "" : median(v) <= goal ? "met" : `missed by ${Math.round((median(v) / goal - 1) * 100)} %`);
  const rows = measures.map(([name, goalText, goal, v]) => [name, goalText, ms(v), verdict(goal, v)]);
  const missed = measures.filter(([, , goal, v]) => goal !== null && median(v) > goal).map(([name]) => name);
  writeSection(
    "Runtimes (issue 3)",
    `${machineLine()} — ${RUNS} runs each, medians; 1-minute load average ${loadBefore.toFixed(0)} → ${os.loadavg()[0].toFixed(0)} on 2 cores. WebContainer cannot boot without a network, so there is no
side-by-side column: every figure is the offline runtime (just-bash + our node in a Worker on the sandbox origin).

| measure | goal | offline runtime | |
|---|---|---|---|
${rows.map((r) => `| ${r.join(" | ")} |`).join("\n")}

How: \`bench/runtime.bench.mjs\` opens seeded projects (1,004 files) in fresh browser contexts (cold HTTP cache).
"Ready" is from the later of domInteractive and the moment the workspace has read the project and starts its runtime,
to its boot resolving (files mounted in a runner Worker). The sandbox page and that Worker start earlier, as soon as
the page runs, so parsing the shell bundle overlaps loading the workspace; the second row counts from domInteractive. Commands are timed round trip through \`runCommand\` (IDE → sandbox → Worker → IDE). Sync is the time from
writing 2,000 files into the project to a command listing all of them, minus the same command run right after (nothing left to sync).
The fallback is timed from the runtime's start to the offline runtime being chosen with preference "auto" (the probe
to WebContainer's host fails fast; the ${"2.5"} s boot bound is the backstop).

Reading: ${missed.length === 0 ? "every goal is met in this run." : `missed in this run: ${missed.join("; ")}. Runs under heavy load (a load average of 15 or more) have missed grep and sync before; see "Known gaps" in lib/runtimes/README.md.`}`,
  );
  console.log(rows.map((r) => `${r[0]}: ${r[2]}`).join("\n"));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
