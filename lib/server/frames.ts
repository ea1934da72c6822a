// Server only. Which origins the IDE's pages frame: the sandbox origin (project code) and preview pages. The browser
// works the sandbox origin out from the address the IDE was opened at (lib/runtimes/sandbox-origin.ts); this mirrors
// that rule for the Content-Security-Policy, per request, from the Host header the edge already checked.
// Run directly by Node (type stripping): relative imports with .ts, erasable syntax only.
import type { Env } from "./config.ts";
import type { FrameSources } from "./security-headers.ts";

export function framesFor(host: string, env: Env): FrameSources {
  const configured = env.NEXT_PUBLIC_TANDEM_SANDBOX_ORIGIN?.trim() || env.TANDEM_SANDBOX_ORIGIN?.trim();
  let sandbox: URL;
  if (configured) sandbox = new URL(configured);
  else {
    const ide = new URL(`http://${host || "127.0.0.1"}`);
    const other = ide.hostname === "localhost" ? "127.0.0.1" : "localhost";
    sandbox = new URL(`http://${other}:${Number(ide.port || 80) + 1}`);
  }
  // Preview pages: one host per preview session under the preview origin's pattern ({id} → *).
  const pattern = env.NEXT_PUBLIC_TANDEM_PREVIEW_ORIGIN?.trim() || env.TANDEM_PREVIEW_ORIGIN?.trim();
  const previews = pattern ? [pattern.replace("{id}", "*")] : [`${sandbox.protocol}//*.localhost:${sandbox.port}`];
  return { sandbox: sandbox.origin, previews };
}
