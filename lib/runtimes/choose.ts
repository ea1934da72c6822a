// Chooses the runtime for a project. WebContainer is tried only when the page is cross-origin isolated, and only for a
// bounded time: offline its boot() never settles (../shared/notes/runtimes.md), so the bound is what makes the
// fallback happen. A project set to WebContainer that cannot start it falls back the same way, and says so: a
// preference is never a dead end (it once left a runtime that could do nothing, and a page that crashed).
// Factories are injectable so the decision is unit-tested without a browser.
import type { RuntimeInit, Runtime, RuntimePreference, RuntimeStatus } from "./types";
import { probeWebContainerHost } from "./webcontainer/probe";

export const DEFAULT_WEBCONTAINER_BOUND_MS = 2_500;
/** A project set to WebContainer waits longer for it (a slow network); offline the probe still answers at once. */
export const FORCED_WEBCONTAINER_BOUND_MS = 10_000;

export interface ChooseOptions extends RuntimeInit {
  preference: RuntimePreference;
  webContainerBoundMs?: number;
  /** Status before a runtime exists (detection), so the status bar is never blank. */
  onPending?: (status: RuntimeStatus) => void;
}

export interface RuntimeFactories {
  isolated: () => boolean;
  /** Quick hint that WebContainer's host is unreachable; resolves to a reason, or null when it may be reachable. */
  probe: () => Promise<string | null>;
  webcontainer: (init: RuntimeInit) => Promise<Runtime>;
  offline: (init: RuntimeInit & { reason?: string }) => Promise<Runtime>;
}

export async function chooseRuntime(options: ChooseOptions, factories?: RuntimeFactories): Promise<Runtime> {
  const f = factories ?? (await defaultFactories());
  const init: RuntimeInit = {
    projectId: options.projectId,
    project: options.project,
    sandboxOrigin: options.sandboxOrigin,
  };
  if (options.preference === "offline") return startOffline(f, init, "This project is set to the offline runtime.");
  const forced = options.preference === "webcontainer";
  const fallback = (reason: string) =>
    startOffline(f, init, forced ? `This project is set to WebContainer, which cannot start here: ${reason} Using the offline runtime.` : `${reason} Using the offline runtime.`);
  if (!f.isolated()) return fallback("WebContainer needs a cross-origin isolated page, and this one is not.");
  options.onPending?.({
    kind: "webcontainer",
    state: "booting",
    progress: { phase: "detecting", message: "Starting WebContainer…" },
  });
  const bound = options.webContainerBoundMs ?? (forced ? FORCED_WEBCONTAINER_BOUND_MS : DEFAULT_WEBCONTAINER_BOUND_MS);
  const outcome = await tryWebContainer(f, init, bound);
  if (outcome.runtime) return outcome.runtime;
  return fallback(outcome.reason);
}

async function tryWebContainer(
  f: RuntimeFactories,
  init: RuntimeInit,
  boundMs: number,
): Promise<{ runtime: Runtime; reason?: undefined } | { runtime?: undefined; reason: string }> {
  let runtime: Runtime | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`WebContainer did not start within ${(boundMs / 1000).toFixed(1)} s (offline?).`), boundMs);
  });
  // The probe starts first: offline it answers in milliseconds, long before the bound.
  const probe = f.probe().then((reason) => (reason === null ? new Promise<string>(() => {}) : reason));
  const boot = (async (): Promise<string | null> => {
    runtime = await f.webcontainer(init);
    const result = await runtime.boot();
    return result.ok ? null : `WebContainer failed to start: ${result.error.message}`;
  })().catch((error: unknown) => `WebContainer failed to start: ${error instanceof Error ? error.message : String(error)}`);
  const reason = await Promise.race([boot, timeout, probe]);
  clearTimeout(timer);
  if (reason === null && runtime) return { runtime };
  // A stuck boot cannot be cancelled; dispose what exists so its iframe goes away.
  runtime?.dispose();
  void boot.then(() => runtime?.dispose());
  return { reason: reason ?? "WebContainer failed to start." };
}

async function startOffline(f: RuntimeFactories, init: RuntimeInit, reason: string): Promise<Runtime> {
  const runtime = await f.offline({ ...init, reason });
  void runtime.boot();
  return runtime;
}

async function defaultFactories(): Promise<RuntimeFactories> {
  // Fetch the offline runtime's code while WebContainer is tried, so a fallback does not wait for it.
  const offlineModule = import("./offline/offline-runtime");
  return {
    isolated: () => typeof globalThis.crossOriginIsolated === "boolean" && globalThis.crossOriginIsolated,
    probe: () => probeWebContainerHost(),
    webcontainer: async (init) => {
      const { createWebContainerRuntime } = await import("./webcontainer/webcontainer-runtime");
      return createWebContainerRuntime(init);
    },
    offline: async (init) => {
      const { createOfflineRuntime } = await offlineModule;
      return createOfflineRuntime(init);
    },
  };
}
