// A second Tandem server for specs that need a configuration of their own (a server key, limits, an access token):
// `node scripts/serve.mjs` on the same production build as the suite's server, on a port of the spec's choosing
// (E2E_PORT + an offset, so suites side by side never collide).
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export interface TandemServer {
  baseURL: string;
  port: number;
  /** What the server printed (for a failing test's message). */
  output(): string;
  stop(): Promise<void>;
}

export async function startTandem(offset: number, env: Record<string, string>): Promise<TandemServer> {
  const port = Number(process.env.E2E_PORT ?? 3107) + offset;
  const root = path.resolve(import.meta.dirname, "..", "..");
  let log = "";
  const child: ChildProcess = spawn(process.execPath, [path.join(root, "scripts", "serve.mjs")], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", NEXT_TELEMETRY_DISABLED: "1", TANDEM_DATA_DIR: `.tandem-data/e2e-${port}`, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (log += String(d)));
  child.stderr?.on("data", (d) => (log += String(d)));
  const baseURL = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`Tandem on ${port} exited: ${log}`);
    try {
      if ((await fetch(`${baseURL}/icon.svg`)).ok) break;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    baseURL,
    port,
    output: () => log,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
