// The IDE's production server: Next's request handler behind Tandem's HTTP edge (lib/server/edge.ts: timeouts, Host
// and method checks, the access token, security headers, per-client limits, no crash on any request). Started by
// scripts/serve.mjs. The edge is TypeScript that Node runs directly (type stripping, Node >= 22.18).
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { ConfigError, loadServerConfig } from "../lib/server/config.ts";
import { createEdgeServer } from "../lib/server/edge.ts";
import { framesFor } from "../lib/server/frames.ts";
import { createLimits } from "../lib/server/limits/limits.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

let config;
try {
  config = loadServerConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`Tandem cannot start: ${error.message} (see .env.example)\n`);
  process.exit(2);
}
if (!config.loopback && !process.env.TANDEM_PUBLIC_URL && !process.env.TANDEM_ALLOWED_HOSTS)
  process.stderr.write(
    `Note: HOST=${config.host} is not loopback, so this server is public, but TANDEM_PUBLIC_URL is not set: it answers only ` +
      `to ${[...config.allowedHosts].join(", ")}. Set TANDEM_PUBLIC_URL=https://your.host (see .env.example).\n`,
  );

const app = next({ dev: false, dir: root, hostname: config.host, port: config.port });
await app.prepare();
const handle = app.getRequestHandler();
const limits = createLimits(config);
const server = createEdgeServer({ config, handle: (req, res) => handle(req, res), frames: (host) => framesFor(host, process.env), limits });
server.listen(config.port, config.host, () => {
  process.stdout.write(`ready: Tandem's IDE server on http://${config.host}:${config.port}${config.limits.enabled ? " (public limits on)" : ""}\n`);
});
const stop = () => {
  server.close();
  void limits.close();
  setTimeout(() => process.exit(0), 2_000).unref();
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
