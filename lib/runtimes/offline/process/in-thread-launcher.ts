// Runs `node` programs in the caller's own realm, one after another: how the unit tests (in Node, where there is no
// Worker that can load the runtime) run the shell. Programs share the realm here; in the runtime each has a Worker.
import type { MemFs } from "../mem-fs";
import { KeyboardInput } from "../node/keyboard";
import type { ModuleHost } from "../node/modules";
import { runNodeProgram } from "../node/node-process";
import type { ProcessHandle, ProcessIO, ProcessLauncher } from "./launcher";
import type { ChildRunner } from "./children";
import type { ProcessSpec } from "./protocol";

export class InThreadLauncher implements ProcessLauncher {
  private children: ChildRunner | undefined;

  constructor(private readonly host: ModuleHost & { fs: MemFs }) {}

  /** child_process's async forms; the Sync ones need a realm that can block, which this one is not. */
  setChildren(children: ChildRunner): void {
    this.children = children;
  }

  launch(spec: ProcessSpec, io: ProcessIO): ProcessHandle {
    const keyboard = spec.stdin === null ? new KeyboardInput() : undefined;
    const resizeListeners = new Set<(columns: number, rows: number) => void>();
    const exit = runNodeProgram(
      this.host,
      {
        argv: spec.argv,
        execArgv: spec.execArgv,
        cwd: spec.cwd,
        env: spec.env,
        stdin: spec.stdin ?? "",
        tty: spec.tty,
        onResize: (listener) => resizeListeners.add(listener),
        ...(io.ttyMode ? { setRawMode: (raw: boolean) => io.ttyMode?.(raw) } : {}),
        ...(io.testReport ? { testReport: io.testReport } : {}),
        ...(this.children ? { children: this.childHost(this.children, io, spec) } : {}),
        ...(keyboard ? { keyboard } : {}),
        write: (stream, data) => io.output(stream, data),
      },
      spec.main,
    );
    return {
      exit,
      write: (data) => keyboard?.push(data),
      end: () => keyboard?.end(),
      resize: (columns, rows) => resizeListeners.forEach((l) => l(columns, rows)),
      kill: () => undefined,
    };
  }

  private childHost(children: ChildRunner, io: ProcessIO, spec: ProcessSpec) {
    return {
      spawn: (request: Parameters<ChildRunner["start"]>[0], events: { output(stream: "stdout" | "stderr", data: string): void; exit(exit: Parameters<Parameters<ChildRunner["start"]>[1]["exit"]>[0]): void }) =>
        children.start(request, { output: events.output, parentOutput: (stream, data) => io.output(stream, data), exit: events.exit }, spec.tty),
    };
  }
}
