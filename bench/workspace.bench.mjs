// Issue 2's figures: navigation → editable Monaco (cold cache), first-load JS, reload → interactive tree (2,000 files,
// 20 MB). Each measured ≥ 5 times in fresh browser contexts; medians reported.
import { gzipSync } from "node:zlib";
import { launchBrowser, machineLine, median, readMoment, recordMoment, seedProject, startServer, writeSection } from "./harness.mjs";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);

function smallProject() {
  return [
    ["index.js", "export function add(a, b) {\n  return a + b;\n}\n"],
    ["package.json", '{ "name": "bench", "type": "module" }\n'],
  ];
}

function bigProject() {
  const line = "export const value = 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';\n";
  const body = line.repeat(Math.ceil(10_240 / line.length)).slice(0, 10_240);
  return Array.from({ length: 2_000 }, (_, i) => [`src/m${String(i % 40).padStart(2, "0")}/file${i}.ts`, body]);
}

async function navigationToEditableMonaco(browser, url) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext(); // cold HTTP cache every run
    const page = await context.newPage();
    await page.goto(`${url}/`);
    const id = await seedProject(page, { files: smallProject(), openTab: "index.js" });
    const fresh = await browser.newContext({ storageState: await context.storageState({ indexedDB: true }) });
    await context.close();
    const p = await fresh.newPage();
    await recordMoment(p, "editor", () =>
      Boolean(document.querySelector(".monaco-editor textarea") && document.querySelector(".monaco-editor .view-lines")?.textContent?.includes("add")),
    );
    await p.goto(`${url}/p/${id}`);
    await p.waitForSelector(".monaco-editor textarea", { state: "attached", timeout: 30_000 });
    await p.waitForFunction(() => document.querySelector(".monaco-editor .view-lines")?.textContent?.includes("add"));
    times.push(await readMoment(p, "editor:responsive"));
    await fresh.close();
  }
  return times;
}

/**
 * First-load JS as Next defines it: the scripts the route's HTML references (what must arrive before the page can
 * hydrate). Everything the page imports later (Monaco, the terminal, the runtime) is lazily loaded and listed apart.
 */
async function firstLoadJs(browser, url) {
  const initial = async (path) => {
    const html = await (await fetch(`${url}${path}`)).text();
    const srcs = [...new Set([...html.matchAll(/src="(\/_next\/static\/[^"]+\.js)"/g)].map((m) => m[1]))];
    let gz = 0;
    for (const src of srcs) gz += gzipSync(Buffer.from(await (await fetch(`${url}${src}`)).arrayBuffer())).length;
    return { gz, srcs: new Set(srcs) };
  };
  const home = await initial("/");
  const workspace = await initial("/p/any");
  // What the workspace loads after hydration, with a file open (Monaco, terminal, runtime, assistant).
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${url}/`);
  const id = await seedProject(page, { files: smallProject(), openTab: "index.js" });
  const p = await context.newPage();
  let lazy = 0;
  p.on("response", async (response) => {
    if (response.request().resourceType() !== "script") return;
    if (workspace.srcs.has(new URL(response.url()).pathname)) return;
    const body = await response.body().catch(() => null);
    if (body) lazy += gzipSync(body).length;
  });
  await p.goto(`${url}/p/${id}`);
  await p.waitForSelector(".monaco-editor textarea", { state: "attached", timeout: 30_000 });
  await p.waitForTimeout(3_000); // the terminal, runtime and assistant finish loading
  await context.close();
  return { home: home.gz, workspace: workspace.gz, lazy };
}

async function reloadToInteractiveTree(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${url}/`);
  const id = await seedProject(page, { files: bigProject() });
  await page.goto(`${url}/p/${id}`);
  await page.waitForSelector('[role="treeitem"]', { timeout: 30_000 });
  await recordMoment(page, "tree", () => document.querySelector('[role="treeitem"]') !== null);
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    // A person reloads a workspace that has finished opening (editor models, runtime): reloading one still busy
    // opening measured ~250 ms less.
    await page.waitForTimeout(2_000);
    await page.reload();
    await page.waitForSelector('[role="treeitem"]', { timeout: 30_000 });
    times.push(await readMoment(page, "tree:responsive"));
  }
  await context.close();
  return times;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;
const ms = (value) => `${Math.round(value)} ms`;

export default async function run() {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const monaco = await navigationToEditableMonaco(browser, server.url);
    const js = await firstLoadJs(browser, server.url);
    const tree = await reloadToInteractiveTree(browser, server.url);
    const verdict = (value, goal) => (value <= goal ? "met" : `missed by ${Math.round(((value - goal) / goal) * 100)} %`);
    writeSection(
      "IDE: load and reload (issue 2)",
      `${machineLine()}

| measure | median | runs | goal | |
|---|---|---|---|---|
| navigation → editable Monaco, cold HTTP cache | ${ms(median(monaco))} | ${monaco.length} | ≤ 1.0 s | ${verdict(median(monaco), 1000)} |
| first-load JS, Home \`/\` (gzip) | ${kb(js.home)} | 1 | ≤ 250 KB | ${verdict(js.home, 250 * 1024)} |
| first-load JS, workspace \`/p/[id]\` (gzip) | ${kb(js.workspace)} | 1 | ≤ 250 KB | ${verdict(js.workspace, 250 * 1024)} |
| JS the workspace loads lazily after hydration (Monaco, terminal, runtime, assistant; gzip, for reference) | ${kb(js.lazy)} | 1 | — | |
| reload → interactive tree, 2,000 files / 20 MB | ${ms(median(tree))} | ${tree.length} | ≤ 500 ms | ${verdict(median(tree), 500)} |

Times are \`performance.now()\` in the page (navigation start = 0) at the first task the page runs after the DOM change
that made the condition true — the first moment it could answer a click or a key — taken in the page (a
MutationObserver, then a posted task): Monaco's input area attached and the file's text rendered; the first tree row
rendered after \`reload()\`. (Until 2026-11-22 the clock was read by \`evaluate()\` after Playwright's polling, whose
round trips through a busy page add from ~100 ms to several hundred.) First-load JS is every
script the route's HTML references (what Next calls First Load JS), each gzipped at level 6; Monaco and the other
panels' code are imported lazily after hydration and reported apart.

Where goals are missed, and why (analysis of the runs above, not a measurement of its own):
- **Navigation → editable Monaco.** Monaco itself is ~1 MB gzip (its TypeScript worker another 1.4 MB) that must be
  fetched, parsed and evaluated on 2 cores. The page loader now starts Monaco's download, the project read from
  IndexedDB and the runtime's sandbox at once, and the assistant's Markdown/highlighting renderer (~320 KB of
  script) loads in idle time after the editor instead of with the workspace chunk; what remains is mostly parsing and
  evaluating Monaco while the terminal and the runtime's sandbox process start beside it. Next cuts: trim Monaco's
  contributions to what Tandem uses, and start the terminal's xterm after the editor.
- **Reload → interactive tree.** The project read now starts with the page instead of after the workspace code, but
  it still reads all 2,000 files (20 MB of strings) from IndexedDB in one \`getAll\` before the tree can render.
  Marks in the page (2026-11-22): the read starts at ~170 ms and ends at ~530–600 ms (350–430 ms while the page loads;
  the same read in a settled page takes ~150 ms, its keys alone ~7 ms); the tab lock, the editor state and the
  shell's first render follow, the tree row is in the DOM at ~800 ms. The tree needs only paths, not contents: reading
  keys first and contents after the first paint (with the editor, runtime and assistant waiting for the contents) is
  the fix. After the tree, Monaco's models for the 2,000 files are created in batches of 100 per task (~20 ms each).`,
    );
  } finally {
    await browser.close();
    server.stop();
  }
}
