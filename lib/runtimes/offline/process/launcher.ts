// How the shell starts `node` processes. In the runtime each one gets a Worker of its own (worker-launcher.ts): a
// fresh realm, so nothing a program does to its globals, module cache or timers reaches the next one. The unit tests
// in Node run programs in their own thread instead (in-thread-launcher.ts).
import type { ProcessSpec, TestFileReport } from "./protocol";

export interface ProcessIO {
  output(stream: "stdout" | "stderr", data: string): void;
  /** A `node --test` file's results (its process runs the file as a child of the run). */
  testReport?(report: TestFileReport): void;
  /** The program switched its terminal to raw keys or back (process.stdin.setRawMode). */
  ttyMode?(raw: boolean): void;
}

export interface ProcessHandle {
  /** The exit code, once the process ended and the files it changed are in the shell's file system. */
  readonly exit: Promise<number>;
  /** Standard input, for a process started with `stdin: null`. */
  write(data: string): void;
  end(): void;
  resize(columns: number, rows: number): void;
  /** Ends the process now (its Worker is terminated); `exit` resolves with `code`. */
  kill(code?: number): void;
}

export interface ProcessLauncher {
  launch(spec: ProcessSpec, io: ProcessIO): ProcessHandle;
  /** How many `node --test` files may run at once (Node: available parallelism − 1). */
  readonly concurrency?: number;
  /** Starts a spare ahead of need (the next `node` starts without waiting for a Worker). */
  prewarm?(): void;
  /** Files changed outside every running process (the project, a finished process): pass them on. */
  filesChanged?(): void;
}
