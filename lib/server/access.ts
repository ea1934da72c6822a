// Server only. The optional access token of a public server (TANDEM_ACCESS_TOKEN): without accounts, an invite link
// (`https://tandem.example/?access=<token>`) is the key. Opening it once leaves an HttpOnly cookie holding the token's
// SHA-256 (not the token) and redirects to the clean URL; scripts send `Authorization: Bearer <token>` instead.
// Run directly by Node (type stripping): relative imports with .ts, erasable syntax only.
import { createHash, timingSafeEqual } from "node:crypto";
import type { HeaderGetter } from "./guards.ts";

export const ACCESS_COOKIE = "tandem_access";
export const ACCESS_PARAM = "access";

/** Paths anyone may load: the app's static code (open source anyway) and its icon; never data. */
const OPEN_PATHS = [/^\/_next\/static\//, /^\/icon\.svg$/, /^\/favicon\.ico$/];

export type AccessDecision =
  | { kind: "allow" }
  /** The invite link: set the cookie, then send the browser to `location`. */
  | { kind: "grant"; cookie: string; location: string }
  | { kind: "deny"; reason: "missing" | "wrong" };

function digest(token: string): Buffer {
  return createHash("sha256").update(token, "utf8").digest();
}

function matches(candidate: Buffer, tokens: readonly string[]): boolean {
  let ok = false;
  // Every token is compared (no early exit), each in constant time.
  for (const t of tokens) if (timingSafeEqual(candidate, digest(t))) ok = true;
  return ok;
}

function cookieValue(header: string | null | undefined): string | null {
  for (const part of (header ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === ACCESS_COOKIE) return rest.join("=");
  }
  return null;
}

export function decideAccess(
  url: URL,
  get: HeaderGetter,
  tokens: readonly string[],
  secure: boolean,
): AccessDecision {
  if (tokens.length === 0 || OPEN_PATHS.some((p) => p.test(url.pathname))) return { kind: "allow" };
  const invite = url.searchParams.get(ACCESS_PARAM);
  if (invite !== null) {
    if (!matches(digest(invite), tokens)) return { kind: "deny", reason: "wrong" };
    const clean = new URL(url);
    clean.searchParams.delete(ACCESS_PARAM);
    const attributes = ["Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=2592000", ...(secure ? ["Secure"] : [])];
    return { kind: "grant", cookie: `${ACCESS_COOKIE}=${digest(invite).toString("hex")}; ${attributes.join("; ")}`, location: `${clean.pathname}${clean.search}` };
  }
  const bearer = /^Bearer\s+(.+)$/i.exec(get("authorization")?.trim() ?? "")?.[1];
  if (bearer) return matches(digest(bearer), tokens) ? { kind: "allow" } : { kind: "deny", reason: "wrong" };
  const cookie = cookieValue(get("cookie"));
  if (cookie && /^[0-9a-f]{64}$/.test(cookie)) return matches(Buffer.from(cookie, "hex"), tokens) ? { kind: "allow" } : { kind: "deny", reason: "wrong" };
  return { kind: "deny", reason: cookie ? "wrong" : "missing" };
}

/** What a browser sees without access: what this is and what to do (no assets needed, no script). */
export function accessPage(reason: "missing" | "wrong"): string {
  const why =
    reason === "wrong"
      ? "The access link or token you used is not (or no longer) valid."
      : "This Tandem server is private.";
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tandem — access needed</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:15vh auto;padding:0 1.5rem;color-scheme:light dark}
code{font-size:.9em}</style></head><body><h1>Access needed</h1><p>${why}</p>
<p>Open the invite link you were given (it ends in <code>?access=…</code>), or ask whoever runs this server for one.
Scripts can send <code>Authorization: Bearer &lt;token&gt;</code>.</p></body></html>`;
}
