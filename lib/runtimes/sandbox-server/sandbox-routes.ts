// Server-only (run by Node's type stripping: relative imports with .ts, erasable syntax only).
// What the sandbox server answers, by Host: the sandbox host serves the runtime's page and bundles and takes preview
// uploads; each preview host (<id>.localhost:PORT by default) serves one session's files. Any other Host is refused:
// the same server reached as 127.0.0.1 would share the IDE's site (cookies).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod";
import { MAX_UPLOAD_BYTES, PREVIEW_API, PREVIEW_CONSOLE_PATH } from "../offline/preview-protocol.ts";
import type { EdgeLimits, RequestTarget } from "./http-edge.ts";
import { HttpError, clientKey, parseTarget, readBody, sendJson } from "./http-edge.ts";
import { expiredPage, injectConsole, notFoundPage } from "./preview-pages.ts";
import type { PreviewOrigins } from "./preview-origin.ts";
import type { PreviewStore } from "./preview-store.ts";
import { previewCreateSchema, previewUploadSchema } from "./upload-schemas.ts";

export interface SandboxRoutesDeps {
  origin: URL;
  previews: PreviewOrigins;
  store: PreviewStore;
  /** Bundles served on the sandbox host by path ("/sandbox-host.js", "/chunks/…", "/esbuild.wasm"). */
  assets: Map<string, Buffer>;
  /** The script injected into previewed pages (served on preview hosts at PREVIEW_CONSOLE_PATH). */
  previewConsole: Buffer;
  /** Origins allowed to frame the sandbox page and previews (the IDE). */
  ideOrigins: string[];
  trustProxy: boolean;
  edge: EdgeLimits;
  /** Uploads being received at once, per client and in total, and the bytes all of them may buffer together. */
  concurrentUploads: { perClient: number; total: number; bufferedBytes: number };
}

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Tandem sandbox</title></head>
<body><script type="module" src="/sandbox-host.js"></script></body></html>`;

const UPLOAD_PATH = new RegExp(`^${PREVIEW_API}/([0-9a-f]{32})$`);
const JSON_CONTENT = /^application\/json\s*(;\s*charset="?utf-8"?\s*)?$/i;

export function createSandboxRoutes(deps: SandboxRoutesDeps): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const { origin, previews, store } = deps;
  const frameAncestors = [...new Set(deps.ideOrigins)].join(" ");
  const common = {
    // The IDE is cross-origin isolated (COEP require-corp): it may frame only pages that opt in.
    "Cross-Origin-Embedder-Policy": "require-corp",
    "Cross-Origin-Resource-Policy": "cross-origin",
    "Origin-Agent-Cluster": "?1",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
  };
  const sandboxHeaders = {
    ...common,
    "Content-Security-Policy": [
      "default-src 'none'",
      // User programs are compiled and evaluated here on purpose; the origin is what isolates them.
      "script-src 'self' blob: 'unsafe-eval' 'wasm-unsafe-eval'",
      "worker-src 'self'",
      "connect-src 'self'",
      "img-src 'self' data: blob:",
      "style-src 'self' 'unsafe-inline'",
      `frame-ancestors ${frameAncestors}`,
      "base-uri 'none'",
      "form-action 'none'",
    ].join("; "),
    "Cache-Control": "no-cache",
  };
  const previewHeaders = {
    ...common,
    "Content-Security-Policy": [
      "default-src 'self' data: blob:",
      "script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:",
      "style-src 'self' 'unsafe-inline'",
      "connect-src 'self'",
      `frame-ancestors 'self' ${frameAncestors}`,
      "base-uri 'self'",
      "form-action 'self'",
      // Even where the IDE's iframe attribute is missing (a new tab): no navigating other tabs or the top window.
      "sandbox allow-scripts allow-same-origin allow-forms allow-modals allow-popups allow-downloads",
    ].join("; "),
    "Cache-Control": "no-store",
  };
  const uploading = new Map<string, number>();
  let uploadingTotal = 0;
  const buffered = { used: 0, max: deps.concurrentUploads.bufferedBytes };

  const allow = (req: IncomingMessage, methods: string[]) => {
    if (!methods.includes(req.method ?? ""))
      throw new HttpError(405, "method-not-allowed", `${String(req.method).slice(0, 20)} is not allowed here; use ${methods.join(" or ")}.`, { Allow: methods.join(", ") });
  };

  /** State changes come only from the sandbox page itself (a same-origin fetch); a forged Origin still lacks the secret. */
  const fromSandboxPage = (req: IncomingMessage) => {
    if (req.headers.origin !== origin.origin)
      throw new HttpError(403, "forbidden-origin", `Only the sandbox page (${origin.origin}) may change previews.`);
    const site = req.headers["sec-fetch-site"];
    if (site !== undefined && site !== "same-origin") throw new HttpError(403, "forbidden-origin", "Only a same-origin request may change previews.");
    if (!JSON_CONTENT.test(String(req.headers["content-type"] ?? "")))
      throw new HttpError(415, "unsupported-media-type", "Send the body as Content-Type: application/json.");
  };

  const readJson = async <T>(req: IncomingMessage, limit: number, schema: z.ZodType<T>): Promise<T> => {
    const body = await readBody(req, limit, deps.edge, buffered);
    let value: unknown;
    try {
      value = JSON.parse(body.toString("utf8"));
    } catch (error) {
      throw new HttpError(400, "bad-json", `The body is not JSON: ${error instanceof Error ? error.message.slice(0, 200) : "parse error"}.`);
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
      throw new HttpError(400, "bad-upload", `The body is not a valid preview upload: ${where}${issue?.message ?? "invalid"}.`);
    }
    return parsed.data;
  };

  const secretOf = (req: IncomingMessage) => {
    const match = /^Bearer ([A-Za-z0-9_-]{1,128})$/.exec(String(req.headers.authorization ?? ""));
    if (!match?.[1]) throw new HttpError(401, "missing-secret", "Preview uploads need the session's secret (Authorization: Bearer …).");
    return match[1];
  };

  const authorize = (req: IncomingMessage, id: string) => {
    const verdict = store.authorize(id, secretOf(req));
    if (verdict === "unknown") throw new HttpError(404, "preview-session-unknown", "This preview session is not on the server (it was dropped to make room, or never opened); open a new one.");
    if (verdict === "forbidden") throw new HttpError(403, "wrong-secret", "This is not the secret of this preview session.");
  };

  async function upload(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    fromSandboxPage(req);
    authorize(req, id);
    const client = clientKey(req, deps.trustProxy);
    const mine = uploading.get(client) ?? 0;
    if (mine >= deps.concurrentUploads.perClient || uploadingTotal >= deps.concurrentUploads.total)
      throw new HttpError(429, "too-many-uploads", "Too many preview uploads at once; retry in a moment.", { "Retry-After": "1" });
    uploading.set(client, mine + 1);
    uploadingTotal += 1;
    try {
      const body = await readJson(req, MAX_UPLOAD_BYTES, previewUploadSchema);
      const result = store.apply(id, body);
      if (!result) throw new HttpError(404, "preview-session-unknown", "This preview session was dropped while uploading; open a new one.");
      const message = result.skipped.length
        ? `${result.skipped.length} file(s) are not in the preview: it holds at most what fits the server's quota per project.`
        : undefined;
      sendJson(req, res, 200, { skipped: result.skipped.slice(0, 1000), ...(message ? { message } : {}) });
    } finally {
      const left = (uploading.get(client) ?? 1) - 1;
      if (left > 0) uploading.set(client, left);
      else uploading.delete(client);
      uploadingTotal -= 1;
    }
  }

  async function sandboxHost(req: IncomingMessage, res: ServerResponse, target: RequestTarget): Promise<void> {
    const { path } = target;
    if (path === PREVIEW_API) {
      allow(req, ["POST"]);
      fromSandboxPage(req);
      await readJson(req, 1024, previewCreateSchema);
      const { id, secret } = store.create(clientKey(req, deps.trustProxy));
      sendJson(req, res, 201, { id, secret, url: `${previews.originFor(id)}/` });
      return;
    }
    const uploadId = UPLOAD_PATH.exec(path)?.[1];
    if (uploadId) {
      allow(req, ["POST", "DELETE"]);
      if (req.method === "POST") return upload(req, res, uploadId);
      if (req.headers.origin !== origin.origin) throw new HttpError(403, "forbidden-origin", `Only the sandbox page (${origin.origin}) may change previews.`);
      authorize(req, uploadId);
      store.remove(uploadId);
      res.writeHead(204, req.complete ? {} : { Connection: "close" }).end();
      return;
    }
    if (path.startsWith("/__preview")) throw new HttpError(404, "not-found", `No preview API at ${path.slice(0, 200)}.`);
    allow(req, ["GET", "HEAD"]);
    if (path === "/sandbox.html") {
      res.writeHead(200, { ...sandboxHeaders, "Content-Type": "text/html; charset=utf-8" }).end(PAGE);
      return;
    }
    const body = deps.assets.get(path);
    if (!body) throw new HttpError(404, "not-found", `Not found on the sandbox origin: ${path.slice(0, 200)}.`);
    const type = path.endsWith(".wasm") ? "application/wasm" : "text/javascript; charset=utf-8";
    res.writeHead(200, { ...sandboxHeaders, "Content-Type": type }).end(body);
  }

  function previewHost(req: IncomingMessage, res: ServerResponse, id: string, target: RequestTarget): void {
    allow(req, ["GET", "HEAD"]);
    const { path, rawPath } = target;
    if (path === PREVIEW_CONSOLE_PATH) {
      res.writeHead(200, { ...previewHeaders, "Content-Type": "text/javascript; charset=utf-8" }).end(deps.previewConsole);
      return;
    }
    const html = (status: number, body: string) => res.writeHead(status, { ...previewHeaders, "Content-Type": "text/html; charset=utf-8" }).end(body);
    let found = store.lookup(id, path);
    // A file whose name really contains "%41" is found under the name as sent.
    if (found.type === "missing" && !found.reason && rawPath !== path) found = store.lookup(id, rawPath);
    if (found.type === "file") {
      const body = found.contentType.startsWith("text/html") ? injectConsole(found.body.toString("utf8")) : found.body;
      res.writeHead(200, { ...previewHeaders, "Content-Type": found.contentType }).end(body);
      return;
    }
    // A page (the frame, a link, a new tab) gets an explanation to read; a missing script or image a JSON 404.
    if (found.type === "no-session") {
      if (isDocument(req)) return void html(404, expiredPage());
      throw new HttpError(404, "preview-expired", "This preview is no longer on the server.");
    }
    if (isDocument(req)) return void html(404, notFoundPage(path, store.pages(id), found.reason));
    throw new HttpError(404, "not-found", `Not found in the project: ${path.slice(0, 500)}${found.reason ? ` (${found.reason})` : ""}.`);
  }

  return async (req, res) => {
    const host = String(req.headers.host ?? "").toLowerCase();
    const previewId = host === origin.host ? null : previews.idFromHost(host);
    if (host !== origin.host && !previewId)
      throw new HttpError(421, "wrong-host", `This server answers to ${origin.origin} and its preview hosts only.`);
    const target = parseTarget(req.url);
    if (previewId) previewHost(req, res, previewId, target);
    else await sandboxHost(req, res, target);
  };
}

/** A request for a document (the preview frame, a link, a new tab) rather than a script, style or image. */
function isDocument(req: IncomingMessage): boolean {
  const dest = req.headers["sec-fetch-dest"];
  if (dest !== undefined) return dest === "document" || dest === "iframe" || dest === "frame";
  return String(req.headers.accept ?? "").includes("text/html");
}
