// Server only. The checks every request passes before any route sees it (lib/server/edge.ts) and that state-changing
// routes repeat for themselves (so a route stays safe behind another server too). Pure: headers in, a failure or null.
// Run directly by Node (type stripping): relative imports with .ts, erasable syntax only.
import type { ServerConfig } from "./config.ts";
import { failure, type HttpFailure } from "./http-error.ts";

export type HeaderGetter = (name: string) => string | null | undefined;

/** DNS rebinding: a page on evil.example whose name now resolves to 127.0.0.1 sends `Host: evil.example`. */
export function checkHost(get: HeaderGetter, config: Pick<ServerConfig, "allowedHosts">): HttpFailure | null {
  const host = get("host")?.trim().toLowerCase();
  if (host && config.allowedHosts.has(host)) return null;
  return failure(
    421,
    "bad-host",
    host
      ? `This server does not answer to the host name "${host.slice(0, 100)}". Open it at one of its own addresses (set TANDEM_PUBLIC_URL or TANDEM_ALLOWED_HOSTS on the server to add one).`
      : "The request has no Host header.",
  );
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cross-site requests cannot change anything: a browser always says where a state-changing request comes from, with
 * Origin (and Sec-Fetch-Site). A request with neither is not from a browser page (curl, a test, a server) and is judged
 * by the access token and limits instead — forging headers gains such a client nothing a browser page could not do.
 */
export function checkOrigin(method: string, get: HeaderGetter, config: Pick<ServerConfig, "allowedOrigins">): HttpFailure | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  const origin = get("origin")?.trim();
  const site = get("sec-fetch-site")?.trim().toLowerCase();
  if (origin && origin !== "null") {
    if (config.allowedOrigins.has(origin.toLowerCase())) return null;
    return failure(403, "bad-origin", `Requests from ${origin.slice(0, 100)} may not change anything here: only Tandem's own pages may.`);
  }
  if (origin === "null" || (site && site !== "same-origin" && site !== "none"))
    return failure(403, "bad-origin", "Requests from other sites (or sandboxed pages) may not change anything here: only Tandem's own pages may.");
  return null;
}

export function fromHeaders(headers: Headers): HeaderGetter {
  return (name) => headers.get(name);
}
