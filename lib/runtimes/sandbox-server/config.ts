// Server-only (run by Node's type stripping: relative imports with .ts, erasable syntax only).
// The sandbox server's settings from the environment (documented in .env.example and the README's table).
import { loadServerConfig } from "../../server/config.ts";
import type { PreviewStoreLimits } from "./preview-store.ts";
import { DEFAULT_PREVIEW_LIMITS } from "./preview-store.ts";

export interface SandboxConfig {
  origin: string;
  previewTemplate: string | undefined;
  ideOrigins: string[];
  limits: PreviewStoreLimits;
  trustProxy: boolean;
}

/** Sandbox origin for an IDE served at host:port — the other loopback name, next port (lib/runtimes/sandbox-origin.ts). */
export function sandboxOriginFor(host: string, port: string | number, override?: string): string {
  if (override?.trim()) return override.trim().replace(/\/$/, "");
  const other = host === "localhost" ? "127.0.0.1" : "localhost";
  return `http://${other}:${Number(port) + 1}`;
}

const MB = 1024 * 1024;

function megabytes(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name}=${raw}: expected a number of megabytes greater than 0.`);
  return Math.round(value * MB);
}

export function sandboxConfigFromEnv(env: Record<string, string | undefined>, ide: { host: string; port: string | number }): SandboxConfig {
  const limits: PreviewStoreLimits = {
    ...DEFAULT_PREVIEW_LIMITS,
    totalBytes: megabytes(env, "TANDEM_PREVIEW_STORE_MB", DEFAULT_PREVIEW_LIMITS.totalBytes),
    clientBytes: megabytes(env, "TANDEM_PREVIEW_CLIENT_MB", DEFAULT_PREVIEW_LIMITS.clientBytes),
    sessionBytes: megabytes(env, "TANDEM_PREVIEW_SESSION_MB", DEFAULT_PREVIEW_LIMITS.sessionBytes),
  };
  if (!(limits.sessionBytes <= limits.clientBytes && limits.clientBytes <= limits.totalBytes))
    throw new Error("Preview quotas must nest: TANDEM_PREVIEW_SESSION_MB ≤ TANDEM_PREVIEW_CLIENT_MB ≤ TANDEM_PREVIEW_STORE_MB.");
  const port = Number(ide.port);
  return {
    origin: sandboxOriginFor(ide.host, port, env.TANDEM_SANDBOX_ORIGIN),
    previewTemplate: env.TANDEM_PREVIEW_ORIGIN?.trim() || undefined,
    // The IDE's own origins (the IDE server's rule: its loopback names, TANDEM_PUBLIC_URL): the only frame-ancestors.
    ideOrigins: [...loadServerConfig({ ...env, HOST: ide.host, PORT: String(port) }).allowedOrigins],
    limits,
    // Same words as the IDE server's flags (lib/server/config.ts).
    trustProxy: ["1", "true", "on", "yes"].includes(env.TANDEM_TRUST_PROXY?.trim().toLowerCase() ?? ""),
  };
}
