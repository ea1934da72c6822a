// The sandbox origin: a second, tiny server on another HOST (localhost vs 127.0.0.1 are different sites, so cookies,
// storage and service workers are separate from the IDE's). This file bundles the offline runtime's page and Workers
// from lib/runtimes/offline at start-up with esbuild-wasm (cached in .sandbox-dist/) and starts the server itself,
// lib/runtimes/sandbox-server (TypeScript, run by Node's type stripping): routes, preview store and request guards.
import { readFileSync, statSync, readdirSync, mkdirSync, writeFileSync, existsSync } from "node:fs";
import { createHash } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sandboxConfigFromEnv } from "../lib/runtimes/sandbox-server/config.ts";
import { startSandboxServer as startServer } from "../lib/runtimes/sandbox-server/server.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cacheDir = path.join(root, ".sandbox-dist");

function sourceStamp() {
  const hash = createHash("sha1");
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (!entry.name.endsWith(".test.ts")) hash.update(`${p}:${statSync(p).mtimeMs}`);
    }
  };
  walk(path.join(root, "lib", "runtimes"));
  walk(path.join(root, "lib", "project"));
  hash.update(readFileSync(fileURLToPath(import.meta.url)));
  hash.update(readFileSync(path.join(root, "package-lock.json")));
  return hash.digest("hex").slice(0, 16);
}

const zlibStub = {
  name: "node-zlib-stub",
  setup(build) {
    build.onResolve({ filter: /^node:zlib$/ }, () => ({ path: "zlib", namespace: "stub" }));
    build.onLoad({ filter: /.*/, namespace: "stub" }, () => ({
      contents:
        "const no = () => { throw new Error('gzip is not available in the offline runtime'); };" +
        "export const gzipSync = no, gunzipSync = no, constants = {};",
      loader: "js",
    }));
  },
};

async function bundle() {
  const stamp = sourceStamp();
  const stampFile = path.join(cacheDir, "STAMP");
  if (existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp) return loadCache();
  const esbuild = await import("esbuild-wasm");
  // keepNames: user programs see the runtime's classes (console.log(new EventEmitter()) printed "i { … }" when minified).
  const common = { bundle: true, write: false, platform: "browser", target: "es2022", minify: true, keepNames: true, legalComments: "none", absWorkingDir: root, logLevel: "error" };
  const app = await esbuild.build({
    ...common,
    entryPoints: { "sandbox-host": "lib/runtimes/offline/sandbox-host.ts", "runner-worker": "lib/runtimes/offline/runner-worker.ts" },
    format: "esm",
    splitting: true,
    outdir: cacheDir,
    chunkNames: "chunks/[name]-[hash]",
    plugins: [zlibStub],
  });
  const classic = await esbuild.build({
    ...common,
    entryPoints: { "preview-console": "lib/runtimes/offline/preview-console.ts" },
    format: "iife",
    outdir: cacheDir,
  });
  await esbuild.stop?.();
  mkdirSync(path.join(cacheDir, "chunks"), { recursive: true });
  for (const file of [...app.outputFiles, ...classic.outputFiles]) writeFileSync(file.path, file.contents);
  writeFileSync(stampFile, stamp);
  return loadCache();
}

function loadCache() {
  const files = new Map();
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (p.endsWith(".js")) files.set(`/${path.relative(cacheDir, p).split(path.sep).join("/")}`, readFileSync(p));
    }
  };
  walk(cacheDir);
  return files;
}

/** Bundles the runtime, then starts the sandbox server; resolves with its origin once it listens. */
export async function startSandboxServer({ ideHost, idePort, env = process.env }) {
  const config = sandboxConfigFromEnv(env, { host: ideHost, port: idePort });
  const files = await bundle();
  const previewConsole = files.get("/preview-console.js");
  files.delete("/preview-console.js");
  files.set("/esbuild.wasm", readFileSync(path.join(root, "node_modules", "esbuild-wasm", "esbuild.wasm")));
  const server = await startServer({ ...config, assets: files, previewConsole });
  return { origin: server.origin, previews: server.previews.template, close: () => server.close() };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const { origin, previews } = await startSandboxServer({ ideHost: process.env.HOST ?? "127.0.0.1", idePort: process.env.PORT ?? "3000" });
  process.stdout.write(`sandbox ready at ${origin} (previews at ${previews}) in ${Math.round(performance.now() - started)} ms\n`);
}
