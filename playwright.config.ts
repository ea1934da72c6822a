import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3107);
export const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "e2e",
  // One output folder per server port, so test runs side by side never delete each other's traces.
  outputDir: `e2e/.artifacts/run-${port}`,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : 2,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.TANDEM_CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        // Nothing may leave this machine; Chromium would otherwise resolve Google hosts in the background.
        // *.localhost: each preview session's own origin (lib/runtimes/sandbox-server/preview-origin.ts).
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost , EXCLUDE *.localhost",
      ],
    },
  },
  webServer: {
    command: "node scripts/serve.mjs",
    url: `${baseURL}/`,
    // TANDEM_TRUST_PROXY: a spec can act as another client (X-Forwarded-For) of the sandbox server's per-client quotas.
    env: { PORT: String(port), HOST: "127.0.0.1", NEXT_TELEMETRY_DISABLED: "1", XAI_BASE_URL: `http://127.0.0.1:${port + 1000}/v1`, TANDEM_DATA_DIR: `.tandem-data/e2e-${port}`, TANDEM_TRUST_PROXY: "1" },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
  },
});
