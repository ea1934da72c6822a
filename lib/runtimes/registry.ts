// One active runtime per project. The workspace starts it; the terminal, preview, status bar and the agent's
// run_command tool look it up here by project id. Implementations are loaded with dynamic import() so each is its
// own chunk and nothing boots on import.
import type { Project } from "@/lib/project";
import { chooseRuntime } from "./choose";
import { discardSpareSandbox, prewarmSandbox } from "./offline/sandbox-frame";
import type { CommandResult, Runtime, RuntimePreference, RuntimeStatus, SpawnOptions } from "./types";

export interface StartOptions {
  projectId: string;
  project: Project;
  preference: RuntimePreference;
  sandboxOrigin: string;
  /** How long WebContainer may take to boot before the offline runtime takes over. */
  webContainerBoundMs?: number;
  /** Status while WebContainer is being tried, before any runtime exists. */
  onPending?: (status: RuntimeStatus) => void;
}

type Listener = (projectId: string, runtime: Runtime | undefined) => void;

const active = new Map<string, Runtime>();
const listeners = new Set<Listener>();

/** The runtime currently serving a project, if any. */
export function getRuntime(projectId: string): Runtime | undefined {
  return active.get(projectId);
}

/** Called whenever a project's runtime is set or removed. Returns an unsubscribe function. */
export function subscribeRuntimes(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Makes `runtime` the project's runtime, disposing the previous one. */
export function setRuntime(projectId: string, runtime: Runtime | undefined): void {
  const previous = active.get(projectId);
  if (previous === runtime) return;
  previous?.dispose();
  if (runtime) active.set(projectId, runtime);
  else active.delete(projectId);
  for (const listener of listeners) listener(projectId, runtime);
}

/**
 * Picks and starts the runtime for a project (WebContainer when it boots in time, else offline) and registers it.
 * The returned runtime is already registered; `boot()` on it has been started.
 */
export async function startRuntime(options: StartOptions): Promise<Runtime> {
  const runtime = await chooseRuntime(options);
  setRuntime(options.projectId, runtime);
  return runtime;
}

/**
 * Gets a runtime going before a project is known: the offline sandbox page and its Worker load, and the offline
 * runtime's code downloads, while the workspace reads the project. Returns a function that drops what nobody used.
 */
export function prewarmRuntime(preference: RuntimePreference, sandboxOrigin: string): () => void {
  if (preference === "webcontainer") return () => {};
  prewarmSandbox(sandboxOrigin);
  void import("./offline/offline-runtime");
  return () => discardSpareSandbox(sandboxOrigin);
}

/** Disposes and forgets the project's runtime. */
export function stopRuntime(projectId: string): void {
  setRuntime(projectId, undefined);
}

/**
 * Runs a command to completion and collects its output — the shape an agent tool returns to a model.
 * Output beyond `maxOutputChars` (per stream) keeps its head and tail.
 */
export async function runCommand(
  runtime: Runtime,
  command: string,
  options: Omit<SpawnOptions, "onOutput"> & { maxOutputChars?: number } = {},
): Promise<CommandResult> {
  const max = options.maxOutputChars ?? 20_000;
  let stdout = "";
  let stderr = "";
  const proc = runtime.spawn(command, {
    ...options,
    onOutput: (chunk) => {
      if (chunk.stream === "stdout") stdout += chunk.data;
      else stderr += chunk.data;
    },
  });
  const exit = await proc.exit;
  const out = clip(stdout, max);
  const err = clip(stderr, max);
  return { ...exit, stdout: out.text, stderr: err.text, truncated: out.cut || err.cut };
}

function clip(text: string, max: number): { text: string; cut: boolean } {
  if (text.length <= max) return { text, cut: false };
  const half = Math.floor(max / 2);
  return { text: `${text.slice(0, half)}\n… ${text.length - max} characters cut …\n${text.slice(-half)}`, cut: true };
}
