// Starts each `node` process in a Worker of its own, on the sandbox origin (the same script as the shell's Worker,
// told apart by its name; see runner-worker.ts). One spare is kept loaded, with a copy of the files, so a process
// starts with only the files changed since then to copy. A Worker runs one process and is terminated after it.
import type { EntryList, MemFs } from "../mem-fs";
import type { FromProcess, ProcessSpec, ToProcess } from "./protocol";
import type { ProcessHandle, ProcessIO, ProcessLauncher } from "./launcher";
import type { ChildRunner, RunningChild } from "./children";
import { answer } from "./sync-channel";

export const PROCESS_WORKER_NAME = "tandem-node";

interface Spare {
  worker: Worker;
  /** The file system's version its copy reflects. */
  version: number;
}

interface Running {
  worker: Worker;
  version: number;
}

export class WorkerLauncher implements ProcessLauncher {
  readonly concurrency = Math.max(1, (globalThis.navigator?.hardwareConcurrency ?? 2) - 1);
  private spare: Spare | undefined;
  private readonly running = new Set<Running>();
  private children: ChildRunner | undefined;

  /** What child_process calls of the processes reach (set once the shell exists). */
  setChildren(children: ChildRunner): void {
    this.children = children;
  }

  constructor(
    private readonly fs: MemFs,
    private readonly scriptUrl: string,
    private readonly transform: (code: string, path: string, format: "esm" | "cjs") => Promise<string>,
    /** A process Worker already loading (started with the shell's Worker, see runner-worker.ts). */
    private firstSpare?: Worker,
  ) {}

  prewarm(): void {
    this.spare ??= this.createSpare();
  }

  private createSpare(): Spare {
    const worker = this.firstSpare ?? new Worker(this.scriptUrl, { type: "module", name: PROCESS_WORKER_NAME });
    this.firstSpare = undefined;
    const version = this.fs.version();
    worker.postMessage({ type: "preload", entries: this.fs.snapshot() } satisfies ToProcess);
    return { worker, version };
  }

  filesChanged(): void {
    for (const proc of this.running) {
      const entries = this.fs.changesSince(proc.version) ?? this.fs.snapshot();
      proc.version = this.fs.version();
      if (entries.length) proc.worker.postMessage({ type: "files", entries } satisfies ToProcess);
    }
  }

  launch(spec: ProcessSpec, io: ProcessIO): ProcessHandle {
    const spare = this.spare ?? this.createSpare();
    this.spare = undefined;
    const { worker } = spare;
    const changes = this.fs.changesSince(spare.version);
    const proc: Running = { worker, version: this.fs.version() };
    this.running.add(proc);
    const send = (message: ToProcess) => worker.postMessage(message);
    send({ type: "start", spec, entries: changes ?? this.fs.snapshot(), full: changes === undefined });
    // The next process's Worker loads while this one runs.
    this.prewarm();

    let resolveExit: (code: number) => void = () => {};
    const exit = new Promise<number>((resolve) => (resolveExit = resolve));
    let ended = false;
    const end = (code: number) => {
      if (ended) return;
      ended = true;
      // Its children end with it (the shell command that started it is over).
      for (const kid of kids.values()) kid.kill("SIGTERM");
      this.running.delete(proc);
      worker.terminate();
      resolveExit(code);
    };
    const kids = new Map<number, RunningChild>();
    /** The parent's own file changes so far: the child must see them; they are not echoed back to the parent. */
    const takeParentChanges = (entries: EntryList) => {
      this.fs.importEntries(entries);
      proc.version = this.fs.version();
      if (entries.length) this.filesChanged();
    };
    worker.onmessage = (event: MessageEvent<FromProcess>) => {
      const message = event.data;
      if (ended) return;
      if (message.type === "child-spawn" && this.children) {
        takeParentChanges(message.entries);
        const id = message.id;
        kids.set(
          id,
          this.children.start(
            message.request,
            {
              output: (stream, data) => send({ type: "child-output", id, stream, data }),
              parentOutput: (stream, data) => io.output(stream, data),
              exit: (exit) => {
                kids.delete(id);
                send({ type: "child-exit", id, exit });
              },
            },
            spec.tty,
          ),
        );
      } else if (message.type === "child-spawn-sync" && this.children) {
        takeParentChanges(message.entries);
        void this.children.runSync(message.request, (stream, data) => io.output(stream, data), proc.version, spec.tty).then((result) => {
          proc.version = this.fs.version();
          answer(message.buffer, result);
        });
      } else if (message.type === "child-stdin") kids.get(message.id)?.write(message.data);
      else if (message.type === "child-kill") kids.get(message.id)?.kill(message.signal);
      else if (message.type === "output") io.output(message.stream, message.data);
      else if (message.type === "test-report") io.testReport?.(message.report);
      else if (message.type === "tty-mode") io.ttyMode?.(message.raw);
      else if (message.type === "transform") {
        this.transform(message.code, message.path, message.format).then(
          (code) => send({ type: "transformed", id: message.id, code }),
          (error: unknown) => send({ type: "transformed", id: message.id, error: error instanceof Error ? error.message : String(error) }),
        );
      } else if (message.type === "exit") {
        this.running.delete(proc);
        this.fs.importEntries(message.entries);
        if (message.entries.length) this.filesChanged();
        end(message.code);
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      io.output("stderr", `node: the process's Worker failed (${event.message || "it could not load"}).\n`);
      end(1);
    };
    return {
      exit,
      write: (data) => send({ type: "stdin", data }),
      end: () => send({ type: "stdin-end" }),
      resize: (columns, rows) => send({ type: "resize", columns, rows }),
      kill: (code = 130) => end(code),
    };
  }

  dispose(): void {
    this.spare?.worker.terminate();
    this.spare = undefined;
    for (const proc of this.running) proc.worker.terminate();
    this.running.clear();
  }
}
