// Static previews for the offline runtime. Chromium denies service workers to third-party iframes (the sandbox is
// cross-site to the IDE on purpose), so the sandbox page uploads the project's files here, to its own origin, and the
// preview iframe (or a new tab) loads them from /preview/<session>/… like any static site.
const MAX_BYTES = 256 * 1024 * 1024;
const IDLE_MS = 2 * 60 * 60 * 1000;

const TYPES = {
  html: "text/html; charset=utf-8", htm: "text/html; charset=utf-8", css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8", mjs: "text/javascript; charset=utf-8", json: "application/json; charset=utf-8",
  svg: "image/svg+xml", png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", gif: "image/gif", webp: "image/webp",
  ico: "image/x-icon", txt: "text/plain; charset=utf-8", md: "text/plain; charset=utf-8", woff2: "font/woff2",
  wasm: "application/wasm", map: "application/json; charset=utf-8",
};

export function createPreviewStore() {
  /** session → { files: Map<path, Buffer>, used: number } */
  const sessions = new Map();
  let total = 0;

  function session(id) {
    let s = sessions.get(id);
    if (!s) sessions.set(id, (s = { files: new Map(), used: Date.now() }));
    s.used = Date.now();
    return s;
  }

  function evictIdle() {
    const now = Date.now();
    for (const [id, s] of sessions)
      if (now - s.used > IDLE_MS) {
        for (const b of s.files.values()) total -= b.length;
        sessions.delete(id);
      }
  }

  /** Applies `{ reset, ops: [{type, path, content?, base64?}] }`. Returns an error message or null. */
  function apply(id, body) {
    evictIdle();
    const s = session(id);
    if (body.reset) {
      for (const b of s.files.values()) total -= b.length;
      s.files.clear();
    }
    for (const op of body.ops ?? []) {
      if (typeof op?.path !== "string" || op.path.includes("..")) continue;
      if (op.type === "write") {
        const buf = op.base64 ? Buffer.from(op.content, "base64") : Buffer.from(String(op.content), "utf8");
        total += buf.length - (s.files.get(op.path)?.length ?? 0);
        if (total > MAX_BYTES) return "The preview store is full.";
        s.files.set(op.path, buf);
      } else if (op.type === "delete") {
        for (const p of [...s.files.keys()])
          if (p === op.path || p.startsWith(`${op.path}/`)) {
            total -= s.files.get(p).length;
            s.files.delete(p);
          }
      }
    }
    return null;
  }

  /** Finds a file for a URL path the way static hosts do (index.html for folders, public/ as a fallback). */
  function lookup(id, urlPath) {
    const s = sessions.get(id);
    if (!s) return null;
    s.used = Date.now();
    let p = decodeURIComponent(urlPath).replace(/^\/+/, "");
    if (p === "" || p.endsWith("/")) p += "index.html";
    for (const candidate of [p, `${p}/index.html`, `${p}.html`, `public/${p}`]) {
      const body = s.files.get(candidate);
      if (body) {
        const ext = candidate.split(".").pop().toLowerCase();
        return { path: candidate, body, type: TYPES[ext] ?? "application/octet-stream" };
      }
    }
    return null;
  }

  /** The session's HTML pages (for the not-found page to offer), at most `max`, shortest paths first. */
  function pages(id, max = 12) {
    const s = sessions.get(id);
    if (!s) return [];
    return [...s.files.keys()]
      .filter((p) => /\.html?$/i.test(p) && !p.startsWith("node_modules/"))
      .sort((a, b) => a.split("/").length - b.split("/").length || a.localeCompare(b))
      .slice(0, max);
  }

  return { apply, lookup, pages };
}

const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * What the preview shows for a page the project does not have: why, and what to do — never a blank frame. `base` is
 * the preview's root (/preview/<session>/), `pages` the project's HTML files.
 */
export function notFoundPage(urlPath, base, pages) {
  const root = urlPath === "/" || urlPath === "";
  const title = root ? "This project has no index.html" : `Not found in the project: ${urlPath}`;
  const why = root
    ? "The preview shows the project as a static website, starting from <code>index.html</code> at its root (or <code>public/index.html</code>)."
    : "No file in the project matches this address (also tried as a folder with <code>index.html</code>, with <code>.html</code> added, and under <code>public/</code>).";
  const list = pages.length
    ? `<p>Pages in this project:</p><ul>${pages.map((p) => `<li><a href="${escapeHtml(base + p.split("/").map(encodeURIComponent).join("/"))}">${escapeHtml(p)}</a></li>`).join("")}</ul>`
    : "<p>Add an <code>index.html</code> to see it here.</p>";
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>
:root { color-scheme: light dark; font: 14px/1.5 system-ui, sans-serif; }
body { margin: 1rem auto; max-width: 40rem; padding: 0 1rem; }
h1 { font-size: 1.1rem; } code { font: 12px ui-monospace, monospace; } p.hint { opacity: 0.7; }
</style></head><body><h1>${escapeHtml(title)}</h1><p>${why}</p>${list}
<p class="hint">Servers started in the terminal (<code>npm run dev</code>, <code>node server.js</code>) are not shown here: the offline runtime serves the project's files as they are; a dev server needs WebContainer.</p>
</body></html>`;
}

/** Adds the error-reporting script to an HTML page. */
export function injectConsole(html) {
  const tag = '<script src="/preview-console.js"></script>';
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (m) => `${m}${tag}`) : tag + html;
}
