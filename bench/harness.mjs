// Shared pieces for benchmarks: start the production server, launch Debian Chromium, take medians, and write a
// section of BENCHMARKS.md. Figures are medians of repeated runs measured side by side in one run; never assertions.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** Starts `scripts/serve.mjs` (the production build) on a free port; resolves with its URL and a stop function. */
export async function startServer(env = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, "scripts", "serve.mjs")], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      const res = await fetch(url);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, port, stop: () => child.kill("SIGTERM") };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.TANDEM_CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
    ],
  });
}

/**
 * Records in the page the first moment `condition` holds, checked after every DOM change: performance.now() at the
 * commit that made it true (navigation start = 0), without the harness's polling and round trips (waitForSelector
 * then evaluate() read the clock ~100 ms later on these machines). Installed for every later navigation of the page
 * or context, reloads included; read it with readMoment() once the condition is known to hold.
 */
export async function recordMoment(target, name, condition) {
  await target.addInitScript(
    ({ name, condition }) => {
      const holds = new Function(`return (${condition})();`);
      const moments = (window.__benchMoments ??= {});
      const observer = new MutationObserver(() => {
        if (moments[name] === undefined && holds()) {
          moments[name] = performance.now();
          observer.disconnect();
          // And when the page could next answer input: the first task the main thread runs after this one.
          const channel = new MessageChannel();
          channel.port1.onmessage = () => (moments[`${name}:responsive`] = performance.now());
          channel.port2.postMessage(null);
        }
      });
      observer.observe(document, { childList: true, subtree: true, characterData: true });
    },
    { name, condition: condition.toString() },
  );
}

export const readMoment = (page, name) => page.evaluate((n) => window.__benchMoments?.[n] ?? null, name);

/** Replaces (or appends) the section headed `## title` in BENCHMARKS.md. */
export function writeSection(title, body) {
  const file = path.join(root, "BENCHMARKS.md");
  const header = "# Benchmarks\n\nMeasured on the development machine (2 cores, Debian Chromium, production build). Medians of repeated runs; machines are noisy, so compare ratios measured in the same run rather than absolute times across runs. Regenerate with `npm run bench`.\n";
  let text = existsSync(file) ? readFileSync(file, "utf8") : header;
  const heading = `## ${title}`;
  const section = `${heading}\n\n${body.trim()}\n`;
  const start = text.indexOf(`${heading}\n`);
  if (start === -1) text = `${text.trimEnd()}\n\n${section}`;
  else {
    const next = text.indexOf("\n## ", start + heading.length);
    text = text.slice(0, start) + section + (next === -1 ? "" : `\n${text.slice(next + 1)}`);
  }
  writeFileSync(file, text.endsWith("\n") ? text : `${text}\n`);
}

export function machineLine() {
  return `_${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, Node ${process.versions.node}_`;
}

/**
 * Puts a project straight into the page's IndexedDB (the schema of lib/persistence/db.ts; e2e/support/seed.ts does
 * the same for tests), optionally with one open editor tab. The page must be on the app's origin. Returns its id.
 */
export async function seedProject(page, { files, openTab, name = "Bench" }) {
  return page.evaluate(
    async ({ files, openTab, name }) => {
      const db = await new Promise((resolve, reject) => {
        const r = indexedDB.open("tandem");
        r.onupgradeneeded = () => {
          const d = r.result;
          d.createObjectStore("projects", { keyPath: "id" });
          d.createObjectStore("files", { keyPath: ["projectId", "path"] }).createIndex("byProject", "projectId");
          d.createObjectStore("uiState", { keyPath: ["projectId", "key"] });
        };
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const id = `bench${Math.random().toString(36).slice(2, 9)}`;
      const now = Date.now();
      const tx = db.transaction(["projects", "files", "uiState"], "readwrite");
      let size = 0;
      for (const [path, content] of files) {
        size += content.length;
        tx.objectStore("files").put({ projectId: id, path, content, version: 0, mtime: now });
      }
      tx.objectStore("projects").put({ id, name, createdAt: now, openedAt: now, updatedAt: now, size, fileCount: files.length, dirs: [], seq: 0 });
      if (openTab)
        tx.objectStore("uiState").put({ projectId: id, key: "editor", value: { version: 1, tabs: [openTab], active: openTab, drafts: {}, views: {} } });
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
      return id;
    },
    { files, openTab: openTab ?? null, name },
  );
}
