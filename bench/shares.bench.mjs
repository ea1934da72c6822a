// Issue 12's figures: publishing a 1,000-file / 1 MB project (click → link shown), re-publishing after a one-line
// change (bytes uploaded), opening a share vs a local project (cold cache, same run, interleaved), the share-open
// API on one instance (latency, throughput, errors), and fork (click → editable local copy). Medians of ≥ 5 runs.
import http from "node:http";
import os from "node:os";
import { launchBrowser, machineLine, median, percentile, readMoment, recordMoment, seedProject, startServer, writeSection } from "./harness.mjs";

const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 7));
const MARKER = "bench-share-marker";

/** 1,000 files of ~1 KB (1 MB in all), each unique to `tag` so a first publish really uploads everything. */
function project(tag) {
  const line = "export const value = 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';\n";
  const files = Array.from({ length: 999 }, (_, i) => [`src/m${String(i % 20).padStart(2, "0")}/file${i}.js`, `// ${tag} ${i}\n${line.repeat(14)}`.slice(0, 1024)]);
  files.push(["README.md", `# ${MARKER} ${tag}\n\nA benchmark project.\n`]);
  return files;
}

// Serialized into the page (no closures): the marker is written out.
const EDITOR_SHOWS = () =>
  Boolean(document.querySelector(".monaco-editor textarea") && document.querySelector(".monaco-editor .view-lines")?.textContent?.includes("bench-share-marker"));

/** Marks the moment of a click on an element matching `selector` (capture phase: before the app's handler runs). */
async function recordClick(page, name, selector) {
  await page.addInitScript(
    ({ name, selector }) => {
      addEventListener(
        "click",
        (e) => {
          if (e.target instanceof Element && e.target.closest(selector)) (window.__benchMoments ??= {})[name] = performance.now();
        },
        true,
      );
    },
    { name, selector },
  );
}

async function publishOnce(browser, url, run) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${url}/`);
  const files = project(`run${run}-${Date.now()}`);
  const id = await seedProject(page, { files, name: "Bench share" });
  await recordClick(page, "click", '[data-testid="share-publish"]');
  await recordMoment(page, "link", () => Boolean(document.querySelector('[data-testid="share-link"]')?.value));
  await page.goto(`${url}/p/${id}?e2e`);
  await page.getByTestId("share-button").click();
  await page.getByTestId("share-publish").waitFor();
  await page.getByTestId("share-publish").click();
  await page.getByTestId("share-link").waitFor({ timeout: 60_000 });
  const first = (await readMoment(page, "link")) - (await readMoment(page, "click"));
  const link = await page.getByTestId("share-link").inputValue();

  // One line more in one file, then publish again: count every byte the browser sends to the shares API.
  const [path, content] = files[0];
  await page.evaluate(({ path, content }) => window.__tandemTest.write(path, `${content}\n// one more line\n`, "agent"), { path, content });
  await page.getByRole("button", { name: "Publish another version" }).click();
  // The bytes of every request body the publish sent (the dialog's publish code counts them: data-sent).
  await page.getByTestId("share-publish").click();
  await page.getByText(/version 2 ·/).waitFor({ timeout: 60_000 });
  const sent = Number(await page.getByTestId("share-done").getAttribute("data-sent"));
  await context.close();
  return { first, sent, id: link.split("/s/")[1] };
}

async function openTimes(browser, url, shareId) {
  const share = [];
  const local = [];
  for (let i = 0; i < RUNS; i++) {
    // Local: the same 1,000 files in this browser, README open (what /s/ shows first).
    const seed = await browser.newContext();
    const sp = await seed.newPage();
    await sp.goto(`${url}/`);
    const id = await seedProject(sp, { files: project("local"), openTab: "README.md" });
    const coldLocal = await browser.newContext({ storageState: await seed.storageState({ indexedDB: true }) });
    await seed.close();
    const lp = await coldLocal.newPage();
    await recordMoment(lp, "editor", EDITOR_SHOWS);
    await lp.goto(`${url}/p/${id}`);
    await lp.waitForFunction(EDITOR_SHOWS, null, { timeout: 60_000 });
    local.push(await readMoment(lp, "editor:responsive"));
    await coldLocal.close();

    const coldShare = await browser.newContext(); // cold HTTP cache every run
    const p = await coldShare.newPage();
    await recordMoment(p, "editor", EDITOR_SHOWS);
    await p.goto(`${url}/s/${shareId}`);
    await p.waitForFunction(EDITOR_SHOWS, null, { timeout: 60_000 });
    share.push(await readMoment(p, "editor:responsive"));
    await coldShare.close();
  }
  return { share, local };
}

async function forkTimes(browser, url, shareId) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await recordClick(page, "fork", '[data-testid="share-fork"]');
    await recordMoment(page, "forked", () => location.pathname.startsWith("/p/") && Boolean(document.querySelector(".monaco-editor .view-lines")?.textContent?.includes("bench-share-marker")));
    await page.goto(`${url}/s/${shareId}`);
    await page.waitForFunction(EDITOR_SHOWS, null, { timeout: 60_000 });
    await page.getByTestId("share-fork").click();
    await page.waitForURL(/\/p\//, { timeout: 60_000 });
    await page.waitForFunction(EDITOR_SHOWS, null, { timeout: 60_000 });
    times.push((await readMoment(page, "forked:responsive")) - (await readMoment(page, "fork")));
    await context.close();
  }
  return times;
}

/** GET the version's bundle with a keep-alive agent; resolves with the time and the status. */
function get(agent, url) {
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    http
      .get(url, { agent }, (res) => {
        res.on("data", () => {});
        res.on("end", () => resolve({ ms: Number(process.hrtime.bigint() - start) / 1e6, ok: res.statusCode === 200 }));
      })
      .on("error", () => resolve({ ms: Number(process.hrtime.bigint() - start) / 1e6, ok: false }));
  });
}

async function openApi(url, shareId) {
  const target = `${url}/api/shares/${shareId}/v/1`;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const cold = await get(agent, target); // builds and caches the bundle
  const sequential = [];
  for (let i = 0; i < 300; i++) sequential.push((await get(agent, target)).ms);
  // Throughput: 16 connections for a bounded number of requests.
  const total = 3000;
  let next = 0;
  let errors = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < total) {
        next++;
        const r = await get(agent, target);
        if (!r.ok) errors++;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  const size = (await (await fetch(target)).arrayBuffer()).byteLength;
  return { cold: cold.ms, p50: median(sequential), p95: percentile(sequential, 95), perSecond: total / seconds, errors, size };
}

const fmt = (ms) => `${ms.toFixed(0)} ms`;
const verdict = (ok, miss) => (ok ? "met" : `missed${miss ? ` by ${miss}` : ""}`);

export default async function run() {
  const server = await startServer({ TANDEM_DATA_DIR: ".tandem-data/bench-shares" });
  const browser = await launchBrowser();
  try {
    const publishes = [];
    for (let i = 0; i < RUNS; i++) publishes.push(await publishOnce(browser, server.url, i));
    const shareId = publishes.at(-1).id;
    const opens = await openTimes(browser, server.url, shareId);
    const forks = await forkTimes(browser, server.url, shareId);
    const api = await openApi(server.url, shareId);

    const first = median(publishes.map((p) => p.first));
    const sent = median(publishes.map((p) => p.sent));
    const share = median(opens.share);
    const local = median(opens.local);
    const ratio = share / local;
    const fork = median(forks);
    writeSection(
      "Shared project links (issue 12)",
      `${machineLine()}, load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores at the end (other engineers' builds and tests share the machine)

Publishing and forking are timed in the page (click → the first task after the DOM change that shows the result).
Opening: a fresh browser context per run (cold HTTP cache), a share and the same 1,000 files as a local project
interleaved in one run. The API figures are one server process (one core for JavaScript) on loopback, the load
generator on the same 2-core machine; the bundle is ${(api.size / 1024).toFixed(0)} KB gzip for 1 MB of files.

| measure | median | runs | goal | |
|---|---|---|---|---|
| publish a 1,000-file / 1 MB project the first time: click → link shown | ${fmt(first)} | ${RUNS} | ≤ 400 ms | ${verdict(first <= 400, `${Math.round((first / 400 - 1) * 100)} %`)} |
| re-publish after a one-line change: bytes uploaded | ${(sent / 1024).toFixed(1)} KB | ${RUNS} | ≤ 8 KB | ${verdict(sent <= 8192)} |
| open → Monaco shows the file, cold cache: share / local project (ratio) | ${fmt(share)} / ${fmt(local)} (${ratio.toFixed(2)}×) | ${RUNS} | ≤ 1.1× | ${verdict(ratio <= 1.1)} |
| share-open API (manifest + blobs, 1 MB): p50 / p95 latency | ${api.p50.toFixed(1)} / ${api.p95.toFixed(1)} ms | 300 | p50 ≤ 20 ms | ${verdict(api.p50 <= 20)} |
| share-open API: opens per second, 16 connections, 3,000 opens | ${api.perSecond.toFixed(0)}/s, ${api.errors} errors | 1 | ≥ 500/s, 0 errors | ${verdict(api.perSecond >= 500 && api.errors === 0)} |
| share-open API: first open of a version (builds the bundle: reads and re-hashes every blob, gzip) | ${fmt(api.cold)} | 1 | — | |
| fork click → editable local copy | ${fmt(fork)} | ${RUNS} | ≤ 300 ms | ${verdict(fork <= 300, `${Math.round((fork / 300 - 1) * 100)} %`)} |

Per run — publish (ms): ${publishes.map((p) => p.first.toFixed(0)).join(", ")}; re-publish bytes: ${publishes.map((p) => p.sent).join(", ")};
open share (ms): ${opens.share.map((t) => t.toFixed(0)).join(", ")}; open local (ms): ${opens.local.map((t) => t.toFixed(0)).join(", ")};
fork (ms): ${forks.map((t) => t.toFixed(0)).join(", ")}.
`,
    );
    console.log({ first, sent, share, local, ratio, fork, api });
  } finally {
    await browser.close();
    server.stop();
  }
}
