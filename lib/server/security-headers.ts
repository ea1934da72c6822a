// Server only. The IDE's response headers: a nonce-based Content-Security-Policy (scripts only from our own bundles,
// started by the page's nonce'd scripts — Next reads the nonce from the request's CSP header and puts it on its own
// inline scripts), no framing by anyone (the coming embed route will be the one exception), no referrer, no sniffing,
// and no powerful features. Frames: the sandbox origin (runs project code), preview pages, and WebContainer's hosts.
// Run directly by Node (type stripping): relative imports with .ts, erasable syntax only.
import { randomBytes } from "node:crypto";

export interface FrameSources {
  /** The sandbox origin the page will use, e.g. http://localhost:3001. */
  sandbox: string;
  /** CSP sources for preview pages, e.g. http://*.localhost:3001. */
  previews: readonly string[];
}

/** WebContainer boots in an iframe from StackBlitz and serves previews from its own hosts (lib/runtimes/webcontainer). */
const WEBCONTAINER = ["https://stackblitz.com", "https://*.stackblitz.com", "https://*.stackblitz.io", "https://*.webcontainer-api.io", "https://*.webcontainer.io"];

export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

/** Embeds (`/embed/…`) are the one kind of page another site may frame; everything else is framed by no one. */
export function isEmbeddable(pathname: string): boolean {
  return pathname === "/embed" || pathname.startsWith("/embed/");
}

export function contentSecurityPolicy(nonce: string, frames: FrameSources, embeddable = false): string {
  const frameSrc = ["'self'", frames.sandbox, ...frames.previews, ...WEBCONTAINER].join(" ");
  return [
    "default-src 'self'",
    // 'strict-dynamic': what our nonce'd scripts load (Next's chunks, Monaco) runs; nothing else, inline or not.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    // Monaco's and React's inline styles.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // WebContainer's boot probe is a no-cors fetch to its host (lib/runtimes/webcontainer/probe.ts).
    `connect-src 'self' ${WEBCONTAINER.join(" ")}`,
    "worker-src 'self' blob:",
    `frame-src ${frameSrc}`,
    `child-src ${frameSrc}`,
    embeddable ? "frame-ancestors *" : "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "manifest-src 'self'",
  ].join("; ");
}

export const PERMISSIONS_POLICY = [
  "camera=()",
  "microphone=()",
  "geolocation=()",
  "payment=()",
  "usb=()",
  "serial=()",
  "hid=()",
  "bluetooth=()",
  "midi=()",
  "display-capture=()",
  "browsing-topics=()",
].join(", ");

/** Headers for every IDE response (the CSP only where it matters: pages). */
export function securityHeaders(nonce: string, frames: FrameSources, embeddable = false): Record<string, string> {
  return {
    "content-security-policy": contentSecurityPolicy(nonce, frames, embeddable),
    ...(embeddable ? {} : { "x-frame-options": "DENY" }),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "permissions-policy": PERMISSIONS_POLICY,
  };
}
