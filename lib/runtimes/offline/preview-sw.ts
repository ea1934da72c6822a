// Service worker on the sandbox origin (scope /preview/): serves the project's files as a static site by asking the
// sandbox page that owns them. HTML gets a small script that reports console errors and uncaught exceptions to the IDE.
const sw = self as unknown as ServiceWorkerGlobalScope;
export {};

const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8", htm: "text/html; charset=utf-8", css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8", mjs: "text/javascript; charset=utf-8", json: "application/json; charset=utf-8",
  svg: "image/svg+xml", png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", gif: "image/gif", webp: "image/webp",
  ico: "image/x-icon", txt: "text/plain; charset=utf-8", md: "text/plain; charset=utf-8", woff2: "font/woff2", wasm: "application/wasm",
};

sw.addEventListener("install", () => void sw.skipWaiting());
sw.addEventListener("activate", (event) => event.waitUntil(sw.clients.claim()));

sw.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  const match = url.pathname.match(/^\/preview\/([^/]+)(\/.*)?$/);
  if (url.origin !== sw.location.origin || !match) return;
  event.respondWith(serve(decodeURIComponent(match[1] ?? ""), decodeURIComponent(match[2] ?? "/")));
});

async function serve(session: string, path: string): Promise<Response> {
  const clients = await sw.clients.matchAll({ type: "window", includeUncontrolled: true });
  const owner = clients.find((c) => new URL(c.url).pathname === "/sandbox.html" && new URL(c.url).searchParams.get("session") === session);
  if (!owner) return text(503, "The runtime for this preview is not running. Reload the preview from the IDE.");
  const channel = new MessageChannel();
  const answer = new Promise<{ found: boolean; content: string | Uint8Array | null; path: string }>((resolve) => {
    channel.port1.onmessage = (e) => resolve(e.data);
    setTimeout(() => resolve({ found: false, content: null, path }), 5_000);
  });
  owner.postMessage({ type: "read", session, path }, [channel.port2]);
  const file = await answer;
  if (!file.found || file.content === null) return text(404, `Not found: ${path}`);
  const ext = file.path.split(".").pop()?.toLowerCase() ?? "";
  const type = TYPES[ext] ?? "application/octet-stream";
  let body: string | Uint8Array = file.content;
  if (type.startsWith("text/html")) {
    const html = typeof body === "string" ? body : new TextDecoder().decode(body);
    const tag = '<script src="/preview-console.js"></script>';
    body = /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (m) => `${m}${tag}`) : tag + html;
  }
  return new Response(body as BodyInit, { status: 200, headers: headers(type) });
}

function headers(type: string): Headers {
  return new Headers({
    "Content-Type": type,
    "Cache-Control": "no-store",
    "Cross-Origin-Embedder-Policy": "require-corp",
    "Cross-Origin-Resource-Policy": "cross-origin",
    "Content-Security-Policy":
      "default-src 'self' data: blob:; script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:; style-src 'self' 'unsafe-inline'; connect-src 'self'; base-uri 'self'; form-action 'none'",
  });
}

function text(status: number, message: string): Response {
  return new Response(message, { status, headers: headers("text/plain; charset=utf-8") });
}
