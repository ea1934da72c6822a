// Server-only (run by Node's type stripping: relative imports with .ts, erasable syntax only).
// Starts the sandbox server: the edge guards (http-edge.ts) around the routes (sandbox-routes.ts), with the preview
// store in memory. scripts/sandbox-server.mjs bundles the runtime and calls this; tests call it with stand-in bundles
// on an ephemeral port.
import { createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { EdgeLimits } from "./http-edge.ts";
import { DEFAULT_EDGE_LIMITS, guardServer } from "./http-edge.ts";
import type { PreviewOrigins } from "./preview-origin.ts";
import { defaultPreviewTemplate, parsePreviewOrigins } from "./preview-origin.ts";
import type { PreviewStore, PreviewStoreLimits } from "./preview-store.ts";
import { DEFAULT_PREVIEW_LIMITS, createPreviewStore } from "./preview-store.ts";
import { createSandboxRoutes } from "./sandbox-routes.ts";

export interface SandboxServerOptions {
  /** The sandbox origin, e.g. http://localhost:3001. Port 0 listens on a free port (the origin then names it). */
  origin: string;
  /** TANDEM_PREVIEW_ORIGIN; default {id}.localhost on the sandbox port (loopback sandboxes only). */
  previewTemplate?: string | undefined;
  /** Interface to listen on (default 127.0.0.1: a public deployment puts a proxy in front). */
  listenHost?: string;
  ideOrigins: string[];
  assets: Map<string, Buffer>;
  previewConsole: Buffer;
  limits?: Partial<PreviewStoreLimits>;
  edge?: Partial<EdgeLimits>;
  concurrentUploads?: { perClient: number; total: number; bufferedBytes: number };
  trustProxy?: boolean;
  log?: (message: string) => void;
}

export interface SandboxServer {
  readonly origin: string;
  readonly previews: PreviewOrigins;
  readonly store: PreviewStore;
  /** The port it listens on. */
  readonly port: number;
  close(): Promise<void>;
}

export async function startSandboxServer(options: SandboxServerOptions): Promise<SandboxServer> {
  const configured = new URL(options.origin);
  const edge = { ...DEFAULT_EDGE_LIMITS, ...options.edge };
  // A rule that would put previews on a shared origin stops the start, before anything listens.
  const previewsFor = (o: string) => parsePreviewOrigins(options.previewTemplate ?? defaultPreviewTemplate(o), o);
  previewsFor(configured.origin);
  let routes: ReturnType<typeof createSandboxRoutes> | undefined;
  // requireHostHeader: false — a request without Host gets our 421 JSON (Node's own answer is an empty 400).
  const server = createServer({ connectionsCheckingInterval: edge.checkIntervalMs, maxHeaderSize: 16 * 1024, requireHostHeader: false });
  // Every socket, so close() ends them all (a CONNECT's socket is no longer the HTTP server's to close).
  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  guardServer(server, (req, res) => (routes ? routes(req, res) : Promise.reject(new Error("not started"))), edge, options.log);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(Number(configured.port || (configured.protocol === "https:" ? 443 : 80)), options.listenHost ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  if (configured.port === "0") configured.port = String(port);
  const origin = new URL(configured.origin);
  const previews = previewsFor(origin.origin);
  const store = createPreviewStore({ ...DEFAULT_PREVIEW_LIMITS, ...options.limits });
  routes = createSandboxRoutes({
    origin,
    previews,
    store,
    assets: options.assets,
    previewConsole: options.previewConsole,
    ideOrigins: options.ideOrigins,
    trustProxy: options.trustProxy ?? false,
    edge,
    // A trickling client cannot hold its slots (edge.minBodyBytesPerSecond); real bytes are bounded in total.
    concurrentUploads: options.concurrentUploads ?? { perClient: 4, total: 64, bufferedBytes: 256 * 1024 * 1024 },
  });
  return {
    origin: origin.origin,
    previews,
    store,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
