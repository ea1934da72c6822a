// The runtime contract: one interface for every way Tandem runs a project (WebContainer, the offline runtime, and
// later session replay). The terminal, the preview, the agent's run_command tool and the status bar depend only on
// this file; only lib/runtimes/registry.ts imports the implementations.
import type { Project, Result } from "@/lib/project";

/** Which implementation is running. */
export type RuntimeKind = "webcontainer" | "offline";

/** The user's setting: "auto" tries WebContainer and falls back to the offline runtime; the others force one. */
export type RuntimePreference = "auto" | RuntimeKind;

/** Boot steps, in order. "fallback" means WebContainer was given up and the offline runtime is booting instead. */
export type BootPhase = "detecting" | "booting" | "fallback" | "mounting" | "installing" | "ready" | "failed";

export interface BootProgress {
  phase: BootPhase;
  /** One sentence a person can read in the status bar ("Mounting 41 files…"). */
  message: string;
  /** 0..1 when known. */
  fraction?: number;
}

/** What the status bar shows. `reason` explains a fallback or a failure in plain words. */
export interface RuntimeStatus {
  kind: RuntimeKind;
  state: "booting" | "ready" | "failed" | "disposed";
  progress: BootProgress;
  /** Why this runtime is the offline one when the preference was "auto" (or why booting failed). */
  reason?: string;
}

export interface SpawnOptions {
  /** Project-relative folder ("" = project root), or an absolute path inside the runtime ("/tmp"). */
  cwd?: string;
  env?: Record<string, string>;
  /** Killed after this long with exit code 124 and `killed: "timeout"`. Default: no limit for the terminal, the
   * agent should always pass one. */
  timeoutMs?: number;
  /** Aborting kills the process (exit code 130, `killed: "signal"`). */
  signal?: AbortSignal;
  /** Text given to the command's standard input. */
  stdin?: string;
  /** The command runs in a terminal: with no `stdin` text, its programs read what the person types (process.write). */
  keyboard?: boolean;
  /** Called with output as it is produced, in order. Register here rather than after spawn so nothing is missed. */
  onOutput?: (chunk: OutputChunk) => void;
}

export interface OutputChunk {
  stream: "stdout" | "stderr";
  data: string;
}

export interface ExitStatus {
  exitCode: number;
  /** Set when the runtime ended the process rather than the process ending itself. */
  killed?: "timeout" | "signal";
  durationMs: number;
  /** Folder and exported variables after the command, so a terminal keeps `cd` and `export` (same form as cwd). */
  cwd?: string;
  env?: Record<string, string>;
}

/** A started command. `exit` resolves after the command's file changes have reached the project. */
export interface RuntimeProcess {
  readonly exit: Promise<ExitStatus>;
  /** Ends the process now (Ctrl+C). The exit status says `killed: "signal"`. */
  kill(): void;
  /** Keyboard input for a process spawned with `keyboard` (a typed line, "\n" included). */
  write?(data: string): void;
  /** Ends the keyboard input (Ctrl+D). */
  endInput?(): void;
}

/** Collected result of `runCommand` (below): what an agent tool returns to the model. */
export interface CommandResult extends ExitStatus {
  stdout: string;
  stderr: string;
  /** True when stdout/stderr were cut to `maxOutputChars`. */
  truncated: boolean;
}

export interface ShellOptions {
  cols: number;
  rows: number;
  /** Project-relative starting folder. */
  cwd?: string;
}

/**
 * An interactive shell attached to a terminal. It behaves like a TTY: the terminal sends raw keystrokes and pasted
 * text (`write`) and renders whatever comes back (`onData`, may contain ANSI escapes). Line editing, history and
 * Ctrl+C are the shell's job, so every runtime gives the same terminal experience.
 */
export interface ShellSession {
  readonly id: string;
  write(data: string): void;
  resize(cols: number, rows: number): void;
  onData(listener: (data: string) => void): () => void;
  /** Fires when the shell ends (`exit`, runtime disposed). */
  onExit(listener: (exitCode: number) => void): () => void;
  dispose(): void;
}

/** A server the project started (WebContainer), or the static site served from the project (offline). */
export type PreviewEvent =
  | { type: "server-ready"; port: number; url: string }
  | { type: "server-closed"; port: number };

export type RuntimeEvent =
  | { type: "status"; status: RuntimeStatus }
  | { type: "preview"; event: PreviewEvent }
  /** A file a command wrote, created or deleted was applied to the project (origin "runtime"). */
  | { type: "files-changed"; paths: string[] };

export interface Runtime {
  readonly kind: RuntimeKind;
  readonly projectId: string;
  /** Current status (also published as "status" events). */
  status(): RuntimeStatus;
  /**
   * Boots, mirrors the project into the runtime, and from then on keeps both sides in step: project changes of any
   * origin other than "runtime" are pushed in; changes made by commands come back as origin "runtime" (node_modules,
   * .git, dist caches and similar output are not copied back). Resolves when ready; never hangs (bounded).
   */
  boot(): Promise<Result<void>>;
  /** Runs one shell command line (pipes, &&, redirects allowed). Waits for pending project→runtime sync first. */
  spawn(command: string, options?: SpawnOptions): RuntimeProcess;
  openShell(options: ShellOptions): ShellSession;
  /** Current preview servers (the latest "server-ready" per port) — the same array until they change: views read it
   * with useSyncExternalStore, which compares by identity (a new [] per call loops React until it gives up). */
  previews(): Array<{ port: number; url: string }>;
  /**
   * The preview page says its server no longer has the files (the offline runtime's sandbox server drops least
   * recently used previews): upload them again. A "server-ready" event follows, possibly with a new URL.
   */
  restorePreview?(): void;
  subscribe(listener: (event: RuntimeEvent) => void): () => void;
  /** Stops every process and worker, removes iframes, unsubscribes from the project. Idempotent. */
  dispose(): void;
}

/** Everything an implementation needs to start. */
export interface RuntimeInit {
  projectId: string;
  project: Project;
  /** Origin that runs untrusted code for the offline runtime, e.g. "http://localhost:3001". */
  sandboxOrigin: string;
}

/** Paths never copied from the runtime back into the project (output and caches, not sources). */
export const RUNTIME_ONLY_DIRS = ["node_modules", ".git", ".next", ".cache", ".npm", ".turbo", "coverage"] as const;

/** True for paths inside a runtime-only folder (anywhere in the path, like node_modules of a sub-package). */
export function isRuntimeOnly(projectPath: string, dirs: readonly string[] = RUNTIME_ONLY_DIRS): boolean {
  return projectPath.split("/").some((part) => dirs.includes(part));
}
