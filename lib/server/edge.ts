// Server only. The IDE's HTTP edge: a node:http server in front of the app's request handler (Next's, passed in by
// scripts/ide-server.mjs, so this file stays framework-free). Everything a hostile client can send meets it first:
// timeouts for slow headers and bodies, methods, request targets that do not parse, the Host header, the access token
// and the per-client API rate; it adds the security headers and the client's identity, and no throw in here or in
// the app ends the process. Errors are JSON { code, message }.
// Run directly by Node (type stripping): relative imports with .ts, erasable syntax only.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { accessPage, decideAccess } from "./access.ts";
import { addressKey, CLIENT_HEADER, clientKey } from "./client-id.ts";
import type { ServerConfig } from "./config.ts";
import { checkHost, type HeaderGetter } from "./guards.ts";
import { errorPayload, failure, type HttpFailure } from "./http-error.ts";
import { jsonErrorsOnly } from "./json-errors.ts";
import type { Limits } from "./limits/limits.ts";
import { isEmbeddable, newNonce, securityHeaders, type FrameSources } from "./security-headers.ts";

export type AppHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface EdgeOptions {
  config: ServerConfig;
  handle: AppHandler;
  /** Which frames a page served for this Host may embed (the sandbox origin depends on the name the IDE was opened by). */
  frames: (host: string) => FrameSources;
  limits: Limits;
  log?: (message: string) => void;
}

/** Methods the app's routes take; anything else (TRACE, CONNECT, WebDAV…) never reaches them. */
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
const MAX_TARGET = 8 * 1024;
/** Set by the edge for the app: the page's CSP nonce (for its own inline script). */
export const NONCE_HEADER = "x-tandem-nonce";
const INTERNAL_HEADERS = [CLIENT_HEADER, NONCE_HEADER];

/** Reasons a request target is refused before routing (Next's router threw on `/p/%`). */
export function checkTarget(target: string | undefined): { url: URL } | { failure: HttpFailure } {
  const bad = (message: string) => ({ failure: failure(400, "bad-url", message) });
  if (!target || !target.startsWith("/") || target.startsWith("//")) return bad("The request target must be a path that starts with a single /.");
  if (target.length > MAX_TARGET) return bad(`The request target is longer than ${MAX_TARGET} characters.`);
  let url: URL;
  try {
    url = new URL(target, "http://tandem.invalid");
  } catch {
    return bad("The request target is not a valid URL.");
  }
  try {
    const path = decodeURIComponent(url.pathname);
    if (path.includes("\0")) return bad("The path contains a NUL character.");
    for (const [key, value] of url.searchParams) if (key.includes("\0") || value.includes("\0")) return bad("The query contains a NUL character.");
  } catch {
    return bad("The path has a malformed % escape (write a literal % as %25).");
  }
  return { url };
}

function send(res: ServerResponse, f: HttpFailure): void {
  const payload = errorPayload(f);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(payload.status, payload.headers).end(payload.body);
}

function wantsPage(req: IncomingMessage): boolean {
  return (req.method === "GET" || req.method === "HEAD") && (req.headers.accept ?? "").includes("text/html");
}

export function createEdgeServer(options: EdgeOptions): Server {
  const { config, handle, limits } = options;
  const log = options.log ?? ((message: string) => console.warn(message));
  const server = createServer(
    {
      headersTimeout: config.headersTimeoutMs,
      requestTimeout: config.requestTimeoutMs,
      // node:http looks for timed-out requests only this often (default 30 s, which let slow bodies sit far longer).
      connectionsCheckingInterval: Math.max(100, Math.min(1_000, config.headersTimeoutMs / 2)),
    },
    (req, res) => {
      void serve(req, res).catch((error: unknown) => {
        log(`edge: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        send(res, failure(500, "server-error", "Tandem's server failed on this request; it keeps running. Retry, and report it if it happens again."));
      });
    },
  );
  // A request node:http cannot parse (bad header bytes, oversized headers, a timeout) never reaches the handler.
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable) return socket.destroy();
    const f =
      error.code === "ERR_HTTP_REQUEST_TIMEOUT" || error.code === "ERR_HTTP_HEADERS_TIMEOUT"
        ? failure(408, "timeout", "The request took too long to arrive; it was closed.")
        : error.code === "HPE_HEADER_OVERFLOW"
          ? failure(431, "too-large", "The request's headers are too large.")
          : failure(400, "bad-request", "The request is not valid HTTP.");
    const payload = errorPayload(f);
    const head = Object.entries({ ...payload.headers, connection: "close" }).map(([k, v]) => `${k}: ${v}`).join("\r\n");
    socket.end(`HTTP/1.1 ${payload.status} ${statusText(payload.status)}\r\n${head}\r\n\r\n${payload.body}`);
  });
  server.keepAliveTimeout = 5_000;
  // Slow or idle connections by the thousand (4,000 held for 45 s took 234 MB): a public server caps them per client.
  if (config.limits.enabled && !config.trustProxy) {
    const open = new Map<string, number>();
    server.on("connection", (socket: Socket) => {
      const key = addressKey(socket.remoteAddress ?? "");
      const count = (open.get(key) ?? 0) + 1;
      if (count > config.limits.connectionsPerClient) return void socket.destroy();
      open.set(key, count);
      socket.once("close", () => {
        const left = (open.get(key) ?? 1) - 1;
        if (left > 0) open.set(key, left);
        else open.delete(key);
      });
    });
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const name of INTERNAL_HEADERS) delete req.headers[name];
    const get: HeaderGetter = (name) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(", ") : value;
    };
    const method = (req.method ?? "").toUpperCase();
    if (!METHODS.has(method)) return send(res, failure(405, "method-not-allowed", `${method.slice(0, 20) || "This method"} is not supported here.`, { headers: { allow: [...METHODS].join(", ") } }));
    const target = checkTarget(req.url);
    if ("failure" in target) return send(res, target.failure);
    // Pages and assets are only ever read (the app has no server actions): a POST to a page used to render it, and
    // a forged Next-Action header reached Next's action handler.
    if (!target.url.pathname.startsWith("/api/") && method !== "GET" && method !== "HEAD")
      return send(res, failure(405, "method-not-allowed", `${method} is not supported on pages; only GET and HEAD.`, { headers: { allow: "GET, HEAD" } }));
    const host = checkHost(get, config);
    if (host) return send(res, host);
    const url = target.url;
    // Next's page for a failed render: only ever shown by Next itself, never requested (it answers 500).
    if (url.pathname.startsWith("/_global-error")) return send(res, failure(404, "not-found", "There is nothing at this address."));

    const secure = config.trustProxy ? get("x-forwarded-proto") === "https" : false;
    const access = decideAccess(url, get, config.accessTokens, secure);
    if (access.kind === "grant") {
      res.writeHead(303, { location: access.location, "set-cookie": access.cookie, "cache-control": "no-store" }).end();
      return;
    }
    if (access.kind === "deny") {
      if (wantsPage(req)) {
        res.writeHead(401, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", ...securityHeaders(newNonce(), options.frames(get("host") ?? "")) }).end(accessPage(access.reason));
        return;
      }
      return send(res, failure(401, "unauthorized", access.reason === "wrong" ? "The access token is not valid." : "This server needs an access token: open its invite link, or send Authorization: Bearer <token>."));
    }

    const client = clientKey(req.socket.remoteAddress, get("x-forwarded-for") ?? undefined, config.trustProxy);
    if (url.pathname.startsWith("/api/")) {
      const limited = await limits.api(client);
      if (limited) return send(res, limited);
    }

    const nonce = newNonce();
    const headers = securityHeaders(nonce, options.frames(get("host") ?? ""), isEmbeddable(url.pathname));
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    // Next takes the nonce for its own inline scripts from the request's CSP header.
    req.headers["content-security-policy"] = headers["content-security-policy"];
    jsonErrorsOnly(res, { keepPages: !url.pathname.startsWith("/api/") && wantsPage(req) });
    req.headers[NONCE_HEADER] = nonce;
    req.headers[CLIENT_HEADER] = client;
    await handle(req, res);
  }

  return server;
}

function statusText(status: number): string {
  return ({ 400: "Bad Request", 408: "Request Timeout", 431: "Request Header Fields Too Large" } as Record<number, string>)[status] ?? "Error";
}
