"use client";
// Starts the project's runtime when a runtime view mounts and stops it when the last one goes away; keeps the
// user's runtime preference. Views read the runtime from lib/runtimes/registry, as the agent does.
import { useEffect, useSyncExternalStore } from "react";
import type { Project } from "@/lib/project";
import { readPreference, writePreference } from "@/lib/runtimes/preference";
import { getRuntime, prewarmRuntime, startRuntime, stopRuntime, subscribeRuntimes } from "@/lib/runtimes/registry";
import { sandboxOriginFor } from "@/lib/runtimes/sandbox-origin";
import type { Runtime, RuntimeEvent, RuntimePreference, RuntimeStatus } from "@/lib/runtimes/types";
import { useWorkspace } from "@/components/workspace/WorkspaceContext";

const users = new Map<string, number>();
const starting = new Map<string, Promise<Runtime>>();
const pending = new Map<string, RuntimeStatus>();
const pendingListeners = new Set<() => void>();

const browserStorage = () => (typeof localStorage === "undefined" ? undefined : localStorage);

/** The runtime this project is set to (remembered per project in this browser). */
export function getPreference(projectId: string): RuntimePreference {
  return readPreference(browserStorage(), projectId);
}

/** Timings the benchmarks read (performance.now() values): start, runtime chosen, runtime ready. */
type TimingWindow = Window & {
  __tandemRuntimeTimings?: Record<string, { start: number; chosen?: number; ready?: number; kind?: string }>;
  __tandemRuntime?: { run(projectId: string, command: string): Promise<unknown>; project(projectId: string): Project | undefined };
};

function exposeForTests(projectId: string, project: Project, start: number): void {
  const w = window as TimingWindow;
  (w.__tandemRuntimeTimings ??= {})[projectId] = { start };
  if (!/[?&](e2e|bench)\b/.test(location.search)) return;
  w.__tandemRuntime = {
    run: async (id, command) => {
      const runtime = getRuntime(id);
      if (!runtime) throw new Error("no runtime");
      const { runCommand } = await import("@/lib/runtimes/registry");
      return runCommand(runtime, command, { timeoutMs: 60_000 });
    },
    project: (id) => (id === projectId ? project : undefined),
  };
}

function ensureRuntime(projectId: string, project: Project): void {
  if (getRuntime(projectId) || starting.has(projectId)) return;
  const start = performance.now();
  exposeForTests(projectId, project, start);
  const promise = startRuntime({
    projectId,
    project,
    preference: getPreference(projectId),
    sandboxOrigin: sandboxOriginFor(window.location, process.env.NEXT_PUBLIC_TANDEM_SANDBOX_ORIGIN),
    onPending: (status) => {
      pending.set(projectId, status);
      pendingListeners.forEach((l) => l());
    },
  });
  void promise.then((runtime) => {
    const t = (window as TimingWindow).__tandemRuntimeTimings?.[projectId];
    if (!t) return;
    t.chosen = performance.now();
    t.kind = runtime.kind;
    void runtime.boot().then(() => (t.ready = performance.now()));
  });
  void promise.finally(() => {
    starting.delete(projectId);
    pending.delete(projectId);
    pendingListeners.forEach((l) => l());
    // The last view may have closed while WebContainer was being tried.
    if (!users.get(projectId)) stopRuntime(projectId);
  });
  starting.set(projectId, promise);
}

/** Starts the sandbox page and its Worker while the project loads (see lib/runtimes/offline/sandbox-frame.ts). */
export function prewarmProjectRuntime(projectId: string): () => void {
  return prewarmRuntime(getPreference(projectId), sandboxOriginFor(window.location, process.env.NEXT_PUBLIC_TANDEM_SANDBOX_ORIGIN));
}

/** Changes the project's preference and restarts its runtime with it. */
export function setPreference(preference: RuntimePreference, projectId: string, project: Project): void {
  writePreference(browserStorage(), projectId, preference);
  stopRuntime(projectId);
  ensureRuntime(projectId, project);
}

/** The active runtime of the workspace's project (starting it if needed). */
export function useProjectRuntime(): Runtime | undefined {
  const { projectId, project } = useWorkspace();
  return useRuntimeFor(projectId, project);
}

/** Starts the project's runtime and keeps it while the caller is mounted (without re-rendering the caller). The
 * workspace calls it as soon as the project is read, before its views mount. */
export function useKeepRuntime(projectId: string, project: Project): void {
  useEffect(() => {
    users.set(projectId, (users.get(projectId) ?? 0) + 1);
    ensureRuntime(projectId, project);
    return () => {
      users.set(projectId, (users.get(projectId) ?? 1) - 1);
      // Strict mode and panel moves unmount and remount at once; only stop when nobody comes back.
      setTimeout(() => {
        if (!users.get(projectId) && !starting.has(projectId)) stopRuntime(projectId);
      }, 1_000);
    };
  }, [projectId, project]);
}

function useRuntimeFor(projectId: string, project: Project): Runtime | undefined {
  const runtime = useSyncExternalStore(
    (l) => subscribeRuntimes(l),
    () => getRuntime(projectId),
    () => undefined,
  );
  useKeepRuntime(projectId, project);
  return runtime;
}

/** Status to show: the runtime's own, or the pending one while WebContainer is tried. */
export function useRuntimeStatus(): RuntimeStatus | undefined {
  const { projectId } = useWorkspace();
  const runtime = useProjectRuntime();
  const subscribe = (l: () => void) => {
    pendingListeners.add(l);
    const off = runtime?.subscribe((e: RuntimeEvent) => e.type === "status" && l());
    return () => {
      pendingListeners.delete(l);
      off?.();
    };
  };
  return useSyncExternalStore(
    subscribe,
    () => runtime?.status() ?? pending.get(projectId),
    () => undefined,
  );
}
