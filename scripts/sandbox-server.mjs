// The sandbox origin: a second, tiny static server on another HOST (localhost vs 127.0.0.1 are different sites, so
// cookies, storage and service workers are separate from the IDE's). It serves the offline runtime's page, Workers
// and preview service worker, bundled from lib/runtimes/offline at start-up with esbuild-wasm, under a strict CSP.
import { createServer } from "node:http";
import { readFileSync, statSync, readdirSync, mkdirSync, writeFileSync, existsSync } from "node:fs";
import { createHash } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createPreviewStore, injectConsole, notFoundPage } from "./sandbox-preview-store.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cacheDir = path.join(root, ".sandbox-dist");

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Tandem sandbox</title></head>
<body><script type="module" src="/sandbox-host.js"></script></body></html>`;

/** Sandbox origin for an IDE served at host:port — the other loopback name, next port. */
export function sandboxOriginFor(host, port) {
  if (process.env.TANDEM_SANDBOX_ORIGIN) return process.env.TANDEM_SANDBOX_ORIGIN;
  const other = host === "localhost" ? "127.0.0.1" : "localhost";
  return `http://${other}:${Number(port) + 1}`;
}

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

/** The path of a same-origin Referer, or "" (another origin's pages never map to a preview). */
function refererPath(referer, origin) {
  try {
    const url = new URL(referer ?? "");
    return url.origin === origin.origin ? url.pathname : "";
  } catch {
    return "";
  }
}

/** Starts the sandbox server; resolves with its origin once it listens. */
export async function startSandboxServer({ ideHost, idePort }) {
  const origin = new URL(sandboxOriginFor(ideHost, idePort));
  const files = await bundle();
  files.set("/esbuild.wasm", readFileSync(path.join(root, "node_modules", "esbuild-wasm", "esbuild.wasm")));
  const ideOrigins = [`http://127.0.0.1:${idePort}`, `http://localhost:${idePort}`, `http://${ideHost}:${idePort}`];
  const csp = [
    "default-src 'none'",
    // User programs are compiled and evaluated here on purpose; the origin is what isolates them.
    "script-src 'self' blob: 'unsafe-eval' 'wasm-unsafe-eval'",
    "worker-src 'self'",
    "connect-src 'self'",
    "img-src 'self' data: blob:",
    "style-src 'self' 'unsafe-inline'",
    `frame-ancestors ${[...new Set(ideOrigins)].join(" ")}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  const previews = createPreviewStore();
  const previewCsp = [
    "default-src 'self' data: blob:",
    "script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:",
    "style-src 'self' 'unsafe-inline'",
    "connect-src 'self'",
    `frame-ancestors 'self' ${[...new Set(ideOrigins)].join(" ")}`,
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
  const server = createServer((req, res) => {
    // Only the sandbox host name: the same server reached as 127.0.0.1 would share the IDE's site (cookies).
    if (req.headers.host !== origin.host) {
      res.writeHead(421, { "Content-Type": "text/plain" }).end(`Use ${origin.origin}`);
      return;
    }
    const url = new URL(req.url ?? "/", origin);
    const headers = {
      "Content-Security-Policy": csp,
      "Cross-Origin-Embedder-Policy": "require-corp",
      "Cross-Origin-Resource-Policy": "cross-origin",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
      "Cache-Control": "no-cache",
    };
    if (url.pathname === "/sandbox.html") {
      // Cross-origin isolated on its own (SharedArrayBuffer, Atomics.wait for child_process's Sync forms) without
      // asking anything of the IDE's page: Document-Isolation-Policy gives this document and its Workers an agent
      // cluster of their own, and every resource must still opt in (CORP/CORS), so isolation only gets stricter.
      res.writeHead(200, { ...headers, "Document-Isolation-Policy": "isolate-and-require-corp", "Content-Type": "text/html; charset=utf-8" }).end(PAGE);
      return;
    }
    const upload = url.pathname.match(/^\/__preview\/([\w-]{4,64})$/);
    if (upload && req.method === "POST") {
      // Only the sandbox page itself may upload (a same-origin fetch); other sites cannot plant previews.
      if (req.headers.origin !== origin.origin) return void res.writeHead(403, headers).end();
      const chunks = [];
      let size = 0;
      req.on("data", (c) => {
        size += c.length;
        if (size > 300 * 1024 * 1024) req.destroy();
        else chunks.push(c);
      });
      req.on("end", () => {
        let problem;
        try {
          problem = previews.apply(upload[1], JSON.parse(Buffer.concat(chunks).toString("utf8")));
        } catch {
          problem = "Malformed preview upload.";
        }
        res.writeHead(problem ? 400 : 204, headers).end(problem ?? undefined);
      });
      return;
    }
    const preview = url.pathname.match(/^\/preview\/([\w-]{4,64})(\/.*)?$/);
    if (preview) {
      const file = previews.lookup(preview[1], preview[2] ?? "/");
      // same-origin: the preview's own requests say which page asked (see root-absolute paths below); other sites
      // still learn nothing.
      const pageHeaders = { ...headers, "Content-Security-Policy": previewCsp, "Cache-Control": "no-store", "Referrer-Policy": "same-origin" };
      if (!file) {
        // A page (the frame, a link, a new tab) gets an explanation to read; a missing script or image stays a bare 404.
        const page = (req.headers["sec-fetch-dest"] ?? "document") === "document" || req.headers["sec-fetch-dest"] === "iframe";
        if (page) {
          const body = notFoundPage(preview[2] ?? "/", `/preview/${preview[1]}/`, previews.pages(preview[1]));
          res.writeHead(404, { ...pageHeaders, "Content-Type": "text/html; charset=utf-8" }).end(injectConsole(body));
        } else res.writeHead(404, { ...pageHeaders, "Content-Type": "text/plain; charset=utf-8" }).end(`Not found in the project: ${preview[2] ?? "/"}`);
        return;
      }
      const body = file.type.startsWith("text/html") ? injectConsole(file.body.toString("utf8")) : file.body;
      res.writeHead(200, { ...pageHeaders, "Content-Type": file.type }).end(body);
      return;
    }
    const body = files.get(url.pathname);
    if (!body) {
      // A root-absolute path in a previewed page ("/css/site.css", "/src/main.js", a link to "/about.html") points at
      // this origin's root, not at the preview's folder: send it there, so its own relative URLs resolve there too.
      const from = /^\/preview\/([\w-]{4,64})\//.exec(refererPath(req.headers.referer, origin))?.[1];
      if (from && previews.lookup(from, url.pathname)) {
        res.writeHead(302, { ...headers, Location: `/preview/${from}${url.pathname}${url.search}` }).end();
        return;
      }
      res.writeHead(404, { ...headers, "Content-Type": "text/plain" }).end("Not found");
      return;
    }
    const type = url.pathname.endsWith(".wasm") ? "application/wasm" : "text/javascript; charset=utf-8";
    res.writeHead(200, { ...headers, "Content-Type": type }).end(body);
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(Number(origin.port), "127.0.0.1", resolve);
  });
  return { origin: origin.origin, close: () => server.close() };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const { origin } = await startSandboxServer({ ideHost: process.env.HOST ?? "127.0.0.1", idePort: process.env.PORT ?? "3000" });
  process.stdout.write(`sandbox ready at ${origin} in ${Math.round(performance.now() - started)} ms\n`);
}
