// Messages between the shell's Worker and a process Worker: one `node` process, in a Worker (a realm) of its own
// that is used once. The shell sends the program and a copy of the files; the process sends its output, asks the
// shell to compile TypeScript (esbuild stays warm there), and at exit hands back the files it changed.
import type { EntryList } from "../mem-fs";
import type { TestTotals } from "../node/test-runner";

/** How the process's standard streams are attached: to the terminal (a TTY) or not. */
export interface TtyInfo {
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  columns: number;
  rows: number;
}

export const NO_TTY: TtyInfo = { stdin: false, stdout: false, stderr: false, columns: 80, rows: 24 };

/** What a process runs. */
export type NodeMain =
  | { kind: "file"; path: string }
  | { kind: "eval"; code: string; print: boolean; name?: string }
  /** One file of a `node --test` run, in its own process. */
  | { kind: "test-file"; path: string };

/** One process: what Node would be started with. */
export interface ProcessSpec {
  main: NodeMain;
  /** process.argv after the executable: the script (absolute) and its arguments. */
  argv: string[];
  execArgv: string[];
  cwd: string;
  env: Record<string, string>;
  /** Text piped in; null when stdin stays open and arrives later (`write`, `end`): the keyboard, a parent's pipe. */
  stdin: string | null;
  tty: TtyInfo;
}

/** One file's results under `node --test`: sent by the file's process, added up by the run. */
export interface TestFileReport {
  totals: TestTotals;
  /** The "✖ failing tests" entries, as printed. */
  failures: string[];
}

/** What child_process asks the shell to start (spawn/exec/execFile/fork and their Sync forms). */
export interface ChildRequest {
  file: string;
  args: string[];
  /** Run `file` (a whole command line) through the shell, as exec() and `shell: true` do. */
  shell: boolean;
  cwd: string;
  env: Record<string, string>;
  /** stdin, stdout, stderr: piped to the parent, shared with the parent's own streams, or dropped. */
  stdio: [StdioKind, StdioKind, StdioKind];
  /** A Sync form's input. */
  input?: string;
  /** Killed after this long (ms), as Node's `timeout` option. */
  timeout?: number;
}

export type StdioKind = "pipe" | "inherit" | "ignore";

export interface ChildExit {
  code: number | null;
  signal: string | null;
  /** Set when the child could not start (ENOENT for a command that does not exist). */
  error?: { code: string; message: string };
}

export interface ChildSyncResult extends ChildExit {
  stdout: string;
  stderr: string;
  /** Files changed while the parent was blocked, for its copy. */
  entries: EntryList;
}

/** Shell Worker → process Worker. */
export type ToProcess =
  /** A spare's copy of the files, sent while nothing runs yet. */
  | { type: "preload"; entries: EntryList }
  /** Run. `entries`: what changed since the preload (or everything, with `full`). */
  | { type: "start"; spec: ProcessSpec; entries: EntryList; full: boolean }
  | { type: "stdin"; data: string }
  | { type: "stdin-end" }
  | { type: "resize"; columns: number; rows: number }
  /** Files others changed while it runs. */
  | { type: "files"; entries: EntryList }
  | { type: "transformed"; id: number; code?: string; error?: string }
  | { type: "child-output"; id: number; stream: "stdout" | "stderr"; data: string }
  | { type: "child-exit"; id: number; exit: ChildExit };

/** Process Worker → shell Worker. */
export type FromProcess =
  | { type: "output"; stream: "stdout" | "stderr"; data: string }
  | { type: "test-report"; report: TestFileReport }
  | { type: "tty-mode"; raw: boolean }
  | { type: "transform"; id: number; code: string; path: string; format: "esm" | "cjs" }
  | { type: "exit"; code: number; entries: EntryList }
  /** Start a child; `entries` are the parent's file changes so far (the child must see them). */
  | { type: "child-spawn"; id: number; request: ChildRequest; entries: EntryList }
  /** The same, while the parent waits on `buffer` (Atomics.wait) for the whole result. */
  | { type: "child-spawn-sync"; request: ChildRequest; entries: EntryList; buffer: SharedArrayBuffer }
  | { type: "child-stdin"; id: number; data: string | null }
  | { type: "child-kill"; id: number; signal: string };
