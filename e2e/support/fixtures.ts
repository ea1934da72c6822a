// Every e2e test uses this `test`: it fails any test in which the browser asks for anything outside this machine.
// The one exception is WebContainer's boot probe (its headless iframe on StackBlitz), which is aborted, not served.
import { test as base, expect } from "@playwright/test";

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);
const ALLOWED_PROBES = [/^https:\/\/([a-z0-9-]+\.)*stackblitz\.(com|io)\//, /^https:\/\/([a-z0-9-]+\.)*webcontainer(-api)?\.io\//];

export function isLocal(url: string): boolean {
  if (url.startsWith("data:") || url.startsWith("blob:") || url.startsWith("about:")) return true;
  try {
    const { hostname } = new URL(url);
    // *.localhost resolves to loopback in Chromium (preview sessions live there).
    return LOCAL_HOSTS.has(hostname) || hostname.endsWith(".localhost");
  } catch {
    return false;
  }
}

export const test = base.extend<{ offlineGuard: string[] }>({
  offlineGuard: [
    async ({ context }, use) => {
      const escaped: string[] = [];
      await context.route(
        (url) => !isLocal(url.href),
        async (route) => {
          const url = route.request().url();
          if (!ALLOWED_PROBES.some((probe) => probe.test(url))) escaped.push(url);
          await route.abort("internetdisconnected");
        },
      );
      await use(escaped);
      expect(escaped, "requests that left 127.0.0.1").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
