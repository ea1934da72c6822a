// Server-only (run by Node's type stripping: relative imports with .ts, erasable syntax only).
// The HTML a previewed document gets when there is no file to show — the only 4xx answers of the sandbox server that
// are not JSON, on purpose: a person reads them in the preview frame or a new tab. Each carries
// <meta name="tandem-explanation"> so tests (and tools) recognise them as explanations, not as errors.
import { PREVIEW_CONSOLE_PATH } from "../offline/preview-protocol.ts";

export type ExplanationKind = "not-in-project" | "preview-expired";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(kind: ExplanationKind, title: string, body: string, extraHead = ""): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="tandem-explanation" content="${kind}"><title>${escapeHtml(title)}</title><style>
:root { color-scheme: light dark; font: 14px/1.5 system-ui, sans-serif; }
body { margin: 1rem auto; max-width: 40rem; padding: 0 1rem; }
h1 { font-size: 1.1rem; } code { font: 12px ui-monospace, monospace; } p.hint { opacity: 0.7; }
</style>${extraHead}</head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

/**
 * What the preview shows for a page the project does not have: why, and what to do — never a blank frame. `pages` are
 * the project's HTML files (links to them); `reason` says why a file the project has is not in the preview.
 */
export function notFoundPage(urlPath: string, pages: string[], reason?: string): string {
  const root = urlPath === "/" || urlPath === "";
  const title = root ? "This project has no index.html" : `Not found in the project: ${urlPath}`;
  const why = reason
    ? `<p>The project has this file, but ${escapeHtml(reason)}.</p>`
    : root
      ? "<p>The preview shows the project as a static website, starting from <code>index.html</code> at its root (or <code>public/index.html</code>).</p>"
      : "<p>No file in the project matches this address (also tried as a folder with <code>index.html</code>, with <code>.html</code> added, and under <code>public/</code>).</p>";
  const list = pages.length
    ? `<p>Pages in this project:</p><ul>${pages.map((p) => `<li><a href="${escapeHtml(`/${p.split("/").map(encodeURIComponent).join("/")}`)}">${escapeHtml(p)}</a></li>`).join("")}</ul>`
    : "<p>Add an <code>index.html</code> to see it here.</p>";
  return injectConsole(
    page(
      "not-in-project",
      title,
      `${why}${list}
<p class="hint">Servers started in the terminal (<code>npm run dev</code>, <code>node server.js</code>) are not shown here: the offline runtime serves the project's files as they are; a dev server needs WebContainer.</p>`,
    ),
  );
}

/**
 * A session the server no longer has (dropped to make room, idle for hours, or an old link). Inside the IDE the page
 * asks the IDE to have its runtime upload the files again (the IDE accepts this only from its own preview frame), and
 * the preview comes back by itself; in a tab of its own it says how to get the preview back.
 */
export function expiredPage(): string {
  const script = `<script>try { if (parent !== window) parent.postMessage({ __tandemPreview: true, kind: "expired" }, "*"); } catch {}</script>`;
  return injectConsole(page(
    "preview-expired",
    "This preview is being reloaded",
    `<p>The server cleared this preview's files (it keeps a bounded number of previews and drops the least recently used ones). Inside Tandem the runtime uploads them again by itself.</p>
<p class="hint">In a tab of its own: go back to the Tandem tab that has the project open and use "Open in a new tab" again.</p>`,
    script,
  ));
}

/** Adds the error-reporting script to an HTML page (first in <head>, so it sees the page's own errors). */
export function injectConsole(html: string): string {
  const tag = `<script src="${PREVIEW_CONSOLE_PATH}"></script>`;
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (m) => `${m}${tag}`) : tag + html;
}
