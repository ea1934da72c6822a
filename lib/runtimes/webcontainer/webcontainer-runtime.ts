// WebContainer (StackBlitz) as a Runtime. Written against the documented @webcontainer/api; it cannot be exercised
// without a network here, so it stays small and everything around it (choice, bound, fallback) is tested instead.
// Commercial production use of the WebContainer API requires a StackBlitz licence.
import type { FileSystemTree, WebContainer } from "@webcontainer/api";
import { nanoid } from "nanoid";
import { err, ok, type Project, type Result } from "@/lib/project";
import { applyRuntimeOps } from "../offline/offline-runtime";
import type { SyncOp } from "../offline/protocol";
import { isRuntimeOnly, type ExitStatus, type Runtime, type RuntimeEvent, type RuntimeInit, type RuntimeStatus, type ShellSession, type SpawnOptions } from "../types";

export async function createWebContainerRuntime(init: RuntimeInit): Promise<Runtime> {
  return new WebContainerRuntime(init.projectId, init.project);
}

export function toTree(project: Project): FileSystemTree {
  const tree: FileSystemTree = {};
  for (const file of project.listFiles()) {
    if (isRuntimeOnly(file.path)) continue;
    const parts = file.path.split("/");
    let dir = tree;
    for (const part of parts.slice(0, -1)) {
      const node = (dir[part] ??= { directory: {} });
      if (!("directory" in node)) break;
      dir = node.directory;
    }
    dir[parts[parts.length - 1] as string] = { file: { contents: file.content } };
  }
  return tree;
}

class WebContainerRuntime implements Runtime {
  readonly kind = "webcontainer" as const;
  private wc: WebContainer | undefined;
  private current: RuntimeStatus = { kind: "webcontainer", state: "booting", progress: { phase: "booting", message: "Starting WebContainer…" } };
  private listeners = new Set<(e: RuntimeEvent) => void>();
  private previewList = new Map<number, string>();
  private cleanups: Array<() => void> = [];
  private booting: Promise<Result<void>> | undefined;
  /** Paths we just wrote into the container, so the watcher does not echo them back. */
  private echo = new Set<string>();

  constructor(
    readonly projectId: string,
    private project: Project,
  ) {}

  status(): RuntimeStatus {
    return this.current;
  }

  private setStatus(patch: Partial<RuntimeStatus>): void {
    this.current = { ...this.current, ...patch };
    for (const l of this.listeners) l({ type: "status", status: this.current });
  }

  boot(): Promise<Result<void>> {
    this.booting ??= this.doBoot();
    return this.booting;
  }

  private async doBoot(): Promise<Result<void>> {
    const { WebContainer } = await import("@webcontainer/api");
    try {
      this.wc = await WebContainer.boot({ coep: "require-corp", workdirName: "project" });
    } catch (error) {
      return err("invalid-input", error instanceof Error ? error.message : String(error));
    }
    const wc = this.wc;
    this.setStatus({ progress: { phase: "mounting", message: `Mounting ${this.project.fileCount} files…` } });
    await wc.mount(toTree(this.project));
    this.cleanups.push(
      wc.on("server-ready", (port, url) => {
        this.previewList.set(port, url);
        for (const l of this.listeners) l({ type: "preview", event: { type: "server-ready", port, url } });
      }),
      wc.on("port", (port, type) => {
        if (type !== "close") return;
        this.previewList.delete(port);
        for (const l of this.listeners) l({ type: "preview", event: { type: "server-closed", port } });
      }),
      this.project.subscribe((event) => {
        if (event.origin === "runtime") return;
        void this.push(event.op);
      }),
    );
    const watcher = wc.fs.watch(".", { recursive: true }, (_event, name) => void this.pull(String(name)));
    this.cleanups.push(() => watcher.close());
    if (this.project.hasFile("package.json")) await this.install();
    this.setStatus({ state: "ready", progress: { phase: "ready", message: "WebContainer ready" } });
    return ok(undefined);
  }

  /** npm install with its last output line as the progress message. */
  private async install(): Promise<void> {
    if (!this.wc) return;
    this.setStatus({ progress: { phase: "installing", message: "npm install…" } });
    const proc = await this.wc.spawn("npm", ["install", "--no-audit", "--no-fund"]);
    void proc.output.pipeTo(
      new WritableStream({
        write: (chunk) => {
          const line = chunk.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "").trim().split("\n").pop();
          if (line) this.setStatus({ progress: { phase: "installing", message: `npm install: ${line.slice(0, 80)}` } });
        },
      }),
    );
    await proc.exit;
  }

  private async push(op: import("@/lib/project").ChangeOp): Promise<void> {
    const fs = this.wc?.fs;
    if (!fs) return;
    if (op.type === "write") {
      this.echo.add(op.path);
      const dir = op.path.split("/").slice(0, -1).join("/");
      if (dir) await fs.mkdir(dir, { recursive: true });
      await fs.writeFile(op.path, op.content);
    } else if (op.type === "delete") await fs.rm(op.path, { recursive: true, force: true });
    else if (op.type === "mkdir") await fs.mkdir(op.path, { recursive: true });
    else await fs.rename(op.from, op.to);
  }

  private async pull(name: string): Promise<void> {
    const path = name.replace(/^\.?\//, "");
    if (!path || isRuntimeOnly(path) || !this.wc) return;
    if (this.echo.delete(path)) return;
    let op: SyncOp;
    try {
      op = { type: "write", path, content: await this.wc.fs.readFile(path, "utf-8") };
    } catch {
      try {
        await this.wc.fs.readdir(path);
        op = { type: "mkdir", path };
      } catch {
        op = { type: "delete", path };
      }
    }
    const paths = applyRuntimeOps(this.project, [op], `runtime-${nanoid(6)}`);
    if (paths.length) for (const l of this.listeners) l({ type: "files-changed", paths });
  }

  spawn(command: string, options: SpawnOptions = {}) {
    const started = performance.now();
    let kill = () => {};
    let killed: ExitStatus["killed"];
    // Keyboard input (null: Ctrl+D), kept until the process exists.
    let writer: WritableStreamDefaultWriter<string> | undefined;
    const typed: Array<string | null> = [];
    const input = (data: string | null) => {
      if (!writer) typed.push(data);
      else void (data === null ? writer.close() : writer.write(data)).catch(() => undefined);
    };
    const exit = (async (): Promise<ExitStatus> => {
      const booted = await this.boot();
      if (!booted.ok || !this.wc) return { exitCode: 127, durationMs: 0 };
      const proc = await this.wc.spawn("jsh", ["-c", command], {
        ...(options.cwd ? { cwd: options.cwd } : {}),
        ...(options.env ? { env: options.env } : {}),
      });
      kill = () => {
        killed ??= "signal";
        proc.kill();
      };
      if (options.keyboard) {
        writer = proc.input.getWriter();
        for (const data of typed.splice(0)) input(data);
      }
      options.signal?.addEventListener("abort", kill);
      const timer = options.timeoutMs ? setTimeout(() => ((killed = "timeout"), proc.kill()), options.timeoutMs) : undefined;
      void proc.output.pipeTo(new WritableStream({ write: (data) => options.onOutput?.({ stream: "stdout", data }) }));
      const code = await proc.exit;
      clearTimeout(timer);
      const exitCode = killed === "timeout" ? 124 : killed === "signal" ? 130 : code;
      return { exitCode, durationMs: performance.now() - started, ...(killed ? { killed } : {}) };
    })();
    if (!options.keyboard) return { exit, kill: () => kill() };
    return { exit, kill: () => kill(), write: (data: string) => input(data), endInput: () => input(null) };
  }

  openShell(options: { cols: number; rows: number }): ShellSession {
    const data = new Set<(d: string) => void>();
    const exits = new Set<(c: number) => void>();
    let writer: WritableStreamDefaultWriter<string> | undefined;
    let resize: (cols: number, rows: number) => void = () => {};
    let kill = () => {};
    void (async () => {
      await this.boot();
      if (!this.wc) return;
      const proc = await this.wc.spawn("jsh", { terminal: { cols: options.cols, rows: options.rows } });
      writer = proc.input.getWriter();
      resize = (cols, rows) => proc.resize({ cols, rows });
      kill = () => proc.kill();
      void proc.output.pipeTo(new WritableStream({ write: (d) => data.forEach((l) => l(d)) }));
      void proc.exit.then((c) => exits.forEach((l) => l(c)));
    })();
    return {
      id: nanoid(8),
      write: (d) => void writer?.write(d),
      resize: (c, r) => resize(c, r),
      onData: (l) => (data.add(l), () => data.delete(l)),
      onExit: (l) => (exits.add(l), () => exits.delete(l)),
      dispose: () => kill(),
    };
  }

  private previewCache: Array<{ port: number; url: string }> = [];

  /** Stable array between changes (React's useSyncExternalStore compares by identity). */
  previews() {
    if (this.previewCache.length !== this.previewList.size || this.previewCache.some((p) => this.previewList.get(p.port) !== p.url))
      this.previewCache = [...this.previewList].map(([port, url]) => ({ port, url }));
    return this.previewCache;
  }

  subscribe(listener: (e: RuntimeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    for (const c of this.cleanups.splice(0)) c();
    this.wc?.teardown();
    this.wc = undefined;
    this.setStatus({ state: "disposed" });
    this.listeners.clear();
  }
}
