// The shell's side of child_process: starts what a process asked for and reports back. `node` (by name or by
// process.execPath) becomes a process of its own through the launcher, with live pipes; anything else — exec()'s
// command lines, `ls`, `echo` — runs in a fresh shell, whose output arrives when it ends (the shell has no streaming
// output for its own commands). A Sync form's result is written into the parent's SharedArrayBuffer, which the
// parent waits on with Atomics.wait (sync-channel.ts).
import type { MemFs } from "../mem-fs";
import { parseNodeArgs } from "../node/node-command";
import { resolveModule } from "../node/resolve";
import type { ProcessHandle, ProcessLauncher } from "./launcher";
import { NO_TTY, type ChildExit, type ChildRequest, type ChildSyncResult, type ProcessSpec, type TtyInfo } from "./protocol";

export interface ShellExec {
  (command: string, options: { cwd: string; env: Record<string, string>; stdin: string; signal: AbortSignal }): Promise<{ stdout: string; stderr: string; exitCode: number }>;
}

export interface ChildIO {
  output(stream: "stdout" | "stderr", data: string): void;
  /** Where the parent's own output goes, for stdio "inherit". */
  parentOutput(stream: "stdout" | "stderr", data: string): void;
  exit(exit: ChildExit): void;
}

export interface RunningChild {
  write(data: string | null): void;
  kill(signal: string): void;
}

const NODE_NAMES = new Set(["node", "/usr/local/bin/node", "nodejs"]);
const SIGNAL_CODES: Record<string, number> = { SIGHUP: 129, SIGINT: 130, SIGKILL: 137, SIGTERM: 143 };

export function quoteArg(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`;
}

export class ChildRunner {
  constructor(
    private readonly fs: MemFs,
    private readonly launcher: ProcessLauncher,
    private readonly exec: ShellExec,
  ) {}

  start(request: ChildRequest, io: ChildIO, parentTty: TtyInfo = NO_TTY): RunningChild {
    const route = (stream: "stdout" | "stderr", data: string) => {
      const kind = request.stdio[stream === "stdout" ? 1 : 2];
      if (kind === "pipe") io.output(stream, data);
      else if (kind === "inherit") io.parentOutput(stream, data);
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    let killedBy: string | null = null;
    const finish = (exit: ChildExit) => {
      clearTimeout(timer);
      this.launcher.filesChanged?.();
      io.exit(killedBy ? { code: null, signal: killedBy } : exit);
    };
    const node = !request.shell && NODE_NAMES.has(request.file) ? this.nodeSpec(request, parentTty) : undefined;
    if (node) {
      const handle: ProcessHandle = this.launcher.launch(node, { output: route });
      if (request.input !== undefined) {
        handle.write(request.input);
        handle.end();
      } else if (request.stdio[0] !== "pipe") handle.end();
      void handle.exit.then((code) => finish({ code, signal: null }));
      const kill = (signal: string) => {
        killedBy = signal;
        handle.kill(SIGNAL_CODES[signal] ?? 143);
      };
      if (request.timeout) timer = setTimeout(() => kill("SIGTERM"), request.timeout);
      return { write: (data) => (data === null ? handle.end() : handle.write(data)), kill };
    }
    // Through a shell: its input is all there is once it starts (written before, or the Sync form's input).
    const abort = new AbortController();
    let stdin = request.input ?? "";
    let started = false;
    const line = request.shell ? request.file : [request.file, ...request.args].map(quoteArg).join(" ");
    const run = () => {
      started = true;
      void this.exec(line, { cwd: request.cwd, env: request.env, stdin, signal: abort.signal }).then(
        (r) => {
          if (!request.shell && r.exitCode === 127 && /command not found/.test(r.stderr))
            return finish({ code: -2, signal: null, error: { code: "ENOENT", message: `spawn ${request.file} ENOENT` } });
          if (r.stdout) route("stdout", r.stdout);
          if (r.stderr) route("stderr", r.stderr);
          finish({ code: r.exitCode, signal: null });
        },
        (error: unknown) => finish({ code: 1, signal: null, error: { code: "EIO", message: error instanceof Error ? error.message : String(error) } }),
      );
    };
    const kill = (signal: string) => {
      killedBy = signal;
      abort.abort();
      if (!started) finish({ code: null, signal });
    };
    if (request.timeout) timer = setTimeout(() => kill("SIGTERM"), request.timeout);
    // A piped stdin is what the parent writes before ending it or before its current turn ends (spawn, write, end
    // in one go); then the command starts. A shell command cannot read input that arrives later.
    if (request.stdio[0] !== "pipe" || request.input !== undefined) run();
    else setTimeout(() => started || run(), 0);
    return {
      write: (data) => {
        if (started) return;
        if (data === null) run();
        else stdin += data;
      },
      kill,
    };
  }

  /** Runs a child to its end: what spawnSync/execSync return. */
  runSync(request: ChildRequest, parentOutput: ChildIO["parentOutput"], since: number, parentTty?: TtyInfo): Promise<ChildSyncResult> {
    return new Promise((resolve) => {
      let stdout = "";
      let stderr = "";
      // A Sync child's stdin is its input (or nothing): there is no one to write more while the parent waits.
      const child = this.start(
        { ...request, input: request.input ?? "" },
        {
          output: (stream, data) => (stream === "stdout" ? (stdout += data) : (stderr += data)),
          parentOutput,
          exit: (exit) => resolve({ ...exit, stdout, stderr, entries: this.fs.changesSince(since) ?? this.fs.snapshot() }),
        },
        parentTty,
      );
      void child;
    });
  }

  /** A `node …` child as a process spec: its own command line parsed like the `node` command's. */
  private nodeSpec(request: ChildRequest, parentTty: TtyInfo): ProcessSpec | undefined {
    const parsed = parseNodeArgs(request.args);
    const tty: TtyInfo = { ...parentTty, stdin: false, stdout: request.stdio[1] === "inherit" && parentTty.stdout, stderr: request.stdio[2] === "inherit" && parentTty.stderr };
    const base = { execArgv: parsed.execArgv, cwd: request.cwd, env: request.env, stdin: null, tty };
    if (parsed.main) return { ...base, main: parsed.main, argv: parsed.args };
    if (parsed.script === undefined) return undefined;
    const target = parsed.script.startsWith("/") ? parsed.script : `${request.cwd}/${parsed.script}`;
    try {
      const path = resolveModule(this.fs, target, `${request.cwd}/[main]`, ["require", "node", "default"]);
      return { ...base, main: { kind: "file", path }, argv: [this.fs.resolvePath(request.cwd, parsed.script), ...parsed.args] };
    } catch {
      return undefined;
    }
  }
}
