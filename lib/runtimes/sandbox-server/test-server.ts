// Test helper: the real sandbox server, in-process on a free port, with stand-in bundles and short timeouts, plus a
// browser-like way to open and fill a preview session.
import type { PreviewOp } from "../offline/preview-protocol.ts";
import { PREVIEW_API } from "../offline/preview-protocol.ts";
import type { SandboxServer, SandboxServerOptions } from "./server.ts";
import { startSandboxServer } from "./server.ts";

/** Short enough for the slow-request tests to finish in a second or two, long enough for a loaded machine. */
export const TEST_EDGE = { headersTimeoutMs: 1_500, requestTimeoutMs: 10_000, bodyTimeoutMs: 1_000, minBodyBytesPerSecond: 1024, bodyGraceMs: 5_000, checkIntervalMs: 200 };

export function startTestServer(overrides: Partial<SandboxServerOptions> = {}): Promise<SandboxServer> {
  return startSandboxServer({
    origin: "http://localhost:0",
    ideOrigins: ["http://127.0.0.1:3000"],
    assets: new Map([["/sandbox-host.js", Buffer.from("/* sandbox host */")]]),
    previewConsole: Buffer.from("/* preview console */"),
    edge: TEST_EDGE,
    log: () => undefined,
    ...overrides,
  });
}

/** What the sandbox page sends: same-origin requests with its Origin. */
export function pageHeaders(server: SandboxServer, secret?: string): Record<string, string> {
  return { Origin: server.origin, "Content-Type": "application/json", ...(secret ? { Authorization: `Bearer ${secret}` } : {}) };
}

/** Requests through fetch land on 127.0.0.1 with the sandbox (or a preview) Host header, as a browser's would. */
export async function hostFetch(server: SandboxServer, host: string, path: string, init: RequestInit = {}): Promise<Response> {
  const { request } = await import("node:http");
  return new Promise((resolve, reject) => {
    const headers = { ...(init.headers as Record<string, string> | undefined), Host: host };
    const req = request({ host: "127.0.0.1", port: server.port, path, method: init.method ?? "GET", headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === "string") h.set(k, v);
        const status = res.statusCode ?? 0;
        resolve(new Response(status === 204 || status === 304 || init.method === "HEAD" ? null : Buffer.concat(chunks), { status, headers: h }));
      });
    });
    req.on("error", reject);
    req.end(init.body as string | undefined);
  });
}

export const sandboxHost = (server: SandboxServer) => new URL(server.origin).host;
export const previewHost = (server: SandboxServer, id: string) => new URL(server.previews.originFor(id)).host;

export async function openSession(server: SandboxServer, headers: Record<string, string> = {}): Promise<{ id: string; secret: string; url: string }> {
  const res = await hostFetch(server, sandboxHost(server), PREVIEW_API, { method: "POST", headers: { ...pageHeaders(server), ...headers }, body: "{}" });
  if (res.status !== 201) throw new Error(`open session: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string; secret: string; url: string };
}

export function upload(server: SandboxServer, id: string, secret: string, ops: PreviewOp[], reset = false, headers: Record<string, string> = {}): Promise<Response> {
  return hostFetch(server, sandboxHost(server), `${PREVIEW_API}/${id}`, {
    method: "POST",
    headers: { ...pageHeaders(server, secret), ...headers },
    body: JSON.stringify({ reset, ops }),
  });
}
