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
  | { type: "transformed"; id: number; code?: string; error?: string };

/** Process Worker → shell Worker. */
export type FromProcess =
  | { type: "output"; stream: "stdout" | "stderr"; data: string }
  | { type: "test-report"; report: TestFileReport }
  | { type: "transform"; id: number; code: string; path: string; format: "esm" | "cjs" }
  | { type: "exit"; code: number; entries: EntryList };
