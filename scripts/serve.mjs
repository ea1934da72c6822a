// Starts the production server and prints the URL a person should open.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const port = process.env.PORT ?? "3000";
const host = process.env.HOST ?? "127.0.0.1";
// User code runs on the sandbox origin (another host name, next port); it must be up before the IDE is.
const { startSandboxServer } = await import("./sandbox-server.mjs");
const sandbox = await startSandboxServer({ ideHost: host, idePort: port });
process.stdout.write(`  Sandbox origin (runs project code): ${sandbox.origin}\n`);
// The IDE: Next behind Tandem's own HTTP edge (scripts/ide-server.mjs), in its own process.
const next = spawn(process.execPath, [path.join(root, "scripts", "ide-server.mjs")], {
  cwd: root,
  stdio: ["ignore", "pipe", "inherit"],
  env: { ...process.env, PORT: port, HOST: host, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
});
let announced = false;
next.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  if (!announced && /ready|started/i.test(String(chunk))) {
    announced = true;
    process.stdout.write(`\n  Tandem is running at http://${host}:${port}\n\n`);
  }
});
const stop = () => {
  sandbox.close();
  next.kill("SIGTERM");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
next.on("exit", (code) => process.exit(code ?? 0));
