// The IDE side of the offline runtime. It embeds the sandbox page (another origin) in a hidden iframe, mirrors the
// project into it, and turns the sandbox's messages — parsed with zod, since the sandbox runs untrusted code — into
// the Runtime contract: processes, file changes (origin "runtime"), preview URL.
import { nanoid } from "nanoid";
import type { ChangeEvent, Project } from "@/lib/project";
import { err, ok, type Result } from "@/lib/project";
import { createLineShell } from "../shell/line-shell";
import {
  isRuntimeOnly,
  type ExitStatus,
  type OutputChunk,
  type PreviewEvent,
  type Runtime,
  type RuntimeEvent,
  type RuntimeInit,
  type RuntimeProcess,
  type RuntimeStatus,
  type ShellOptions,
  type ShellSession,
  type SpawnOptions,
} from "../types";
import { takeSandbox, type SandboxFrame } from "./sandbox-frame";
import { sandboxEventSchema, type SandboxEvent, type SandboxRequest, type SyncOp } from "./protocol";

export const PROJECT_ROOT = "/project";
const BOOT_LIMIT_MS = 20_000;

interface Pending {
  onOutput?: (chunk: OutputChunk) => void;
  resolve: (status: ExitStatus) => void;
}

export async function createOfflineRuntime(init: RuntimeInit & { reason?: string }): Promise<Runtime> {
  return new OfflineRuntime(init);
}

/** Project-relative or absolute cwd → absolute path in the runtime, and back. */
export function toRuntimeCwd(cwd: string | undefined): string {
  if (!cwd) return PROJECT_ROOT;
  if (cwd.startsWith("/")) return cwd;
  return `${PROJECT_ROOT}/${cwd.replace(/^\.\/?/, "").replace(/\/+$/, "")}`.replace(/\/$/, "");
}
export function fromRuntimeCwd(abs: string): string {
  if (abs === PROJECT_ROOT) return "";
  if (abs.startsWith(`${PROJECT_ROOT}/`)) return abs.slice(PROJECT_ROOT.length + 1);
  return abs;
}

/** A project change → the operations that bring the runtime's copy in step. */
export function toSyncOps(project: Project, event: ChangeEvent): SyncOp[] {
  const op = event.op;
  if (op.type === "rename") {
    const ops: SyncOp[] = [{ type: "delete", path: op.from }];
    for (const file of project.listFiles()) if (file.path === op.to || file.path.startsWith(`${op.to}/`)) ops.push({ type: "write", path: file.path, content: file.content });
    if (ops.length === 1) ops.push({ type: "mkdir", path: op.to });
    return ops;
  }
  return [op];
}

/** Applies the sandbox's changes to the project as origin "runtime", skipping no-ops and runtime-only folders. */
export function applyRuntimeOps(project: Project, ops: SyncOp[], batch: string): string[] {
  const changed: string[] = [];
  for (const op of ops) {
    if (isRuntimeOnly(op.path)) continue;
    let result: Result<unknown> | undefined;
    if (op.type === "write") {
      const current = project.read(op.path);
      if (current.ok && sameContent(current.value.content, op.content)) continue;
      result = project.write(op.path, op.content, { origin: "runtime", batch });
    } else if (op.type === "delete") {
      if (!project.hasFile(op.path) && !project.isDir(op.path)) continue;
      result = project.delete(op.path, { origin: "runtime", batch });
    } else {
      if (project.isDir(op.path)) continue;
      result = project.mkdir(op.path, { origin: "runtime", batch });
    }
    if (result.ok) changed.push(op.path);
    else console.warn(`Runtime change to ${op.path} not applied: ${result.error.message}`);
  }
  return changed;
}

function sameContent(a: string | Uint8Array, b: string | Uint8Array): boolean {
  if (typeof a === "string" || typeof b === "string") return a === b;
  return a.byteLength === b.byteLength && a.every((v, i) => v === b[i]);
}

class OfflineRuntime implements Runtime {
  readonly kind = "offline" as const;
  readonly projectId: string;
  private project: Project;
  private sandboxOrigin: string;
  private current: RuntimeStatus;
  private listeners = new Set<(event: RuntimeEvent) => void>();
  private sandbox: SandboxFrame | undefined;
  private port: MessagePort | undefined;
  private booting: Promise<Result<void>> | undefined;
  private pending = new Map<string, Pending>();
  private outbox: SyncOp[] = [];
  private unsubscribeProject: (() => void) | undefined;
  private previewList: Array<{ port: number; url: string }> = [];
  private disposed = false;

  constructor(init: RuntimeInit & { reason?: string }) {
    this.projectId = init.projectId;
    this.project = init.project;
    this.sandboxOrigin = init.sandboxOrigin.replace(/\/$/, "");
    this.current = {
      kind: "offline",
      state: "booting",
      progress: { phase: init.reason ? "fallback" : "booting", message: "Starting the offline runtime…" },
      ...(init.reason ? { reason: init.reason } : {}),
    };
  }

  status(): RuntimeStatus {
    return this.current;
  }

  private setStatus(patch: Partial<RuntimeStatus>): void {
    this.current = { ...this.current, ...patch };
    this.emit({ type: "status", status: this.current });
  }

  private emit(event: RuntimeEvent): void {
    for (const l of this.listeners) l(event);
  }

  boot(): Promise<Result<void>> {
    this.booting ??= this.doBoot().then((result) => {
      if (!result.ok) this.setStatus({ state: "failed", progress: { phase: "failed", message: result.error.message } });
      return result;
    });
    return this.booting;
  }

  private async doBoot(): Promise<Result<void>> {
    if (typeof document === "undefined") return err("invalid-input", "The offline runtime needs a browser page.");
    // Usually already loading: the workspace starts a spare sandbox while it reads the project.
    this.sandbox = takeSandbox(this.sandboxOrigin, BOOT_LIMIT_MS);
    const frame = this.sandbox.frame;
    if (!(await this.sandbox.loaded) || this.disposed)
      return err("invalid-input", `The sandbox at ${this.sandboxOrigin} did not load. Is the sandbox server running (npm start starts it)?`);
    this.setStatus({ progress: { phase: "mounting", message: `Mounting ${this.project.fileCount} files…` } });
    const channel = new MessageChannel();
    this.port = channel.port1;
    const ready = new Promise<SandboxEvent & { type: "ready" }>((resolve) => {
      channel.port1.onmessage = (e: MessageEvent) => {
        const parsed = sandboxEventSchema.safeParse(e.data);
        if (!parsed.success) return console.warn("Ignored a malformed message from the sandbox", parsed.error.issues[0]);
        if (parsed.data.type === "ready") resolve(parsed.data);
        else this.onSandboxEvent(parsed.data);
      };
    });
    frame.contentWindow?.postMessage({ type: "tandem-connect" }, this.sandboxOrigin, [channel.port2]);
    this.unsubscribeProject = this.project.subscribe((event) => {
      if (event.origin === "runtime") return;
      const flush = this.outbox.length === 0;
      this.outbox.push(...toSyncOps(this.project, event).filter((op) => !isRuntimeOnly(op.path)));
      if (flush) queueMicrotask(() => this.flush());
    });
    const files = this.project.listFiles().filter((f) => !isRuntimeOnly(f.path)).map((f): [string, string | Uint8Array] => [f.path, f.content]);
    this.send({ type: "init", files, dirs: this.project.listDirs() });
    const timeout = new Promise<null>((r) => setTimeout(() => r(null), BOOT_LIMIT_MS));
    const readyEvent = await Promise.race([ready, timeout]);
    if (!readyEvent) return err("invalid-input", "The offline runtime did not become ready in time.");
    this.setStatus({ state: "ready", progress: { phase: "ready", message: "Offline runtime ready" } });
    return ok(undefined);
  }

  private send(request: SandboxRequest): void {
    this.port?.postMessage(request);
  }

  private flush(): void {
    if (this.outbox.length === 0) return;
    this.send({ type: "sync", ops: this.outbox.splice(0) });
  }

  private onSandboxEvent(event: SandboxEvent): void {
    if (event.type === "preview") {
      const preview = { port: 0, url: event.url };
      this.previewList = [preview];
      this.emit({ type: "preview", event: { type: "server-ready", ...preview } satisfies PreviewEvent });
    } else if (event.type === "changes") {
      const paths = applyRuntimeOps(this.project, event.ops, `runtime-${nanoid(6)}`);
      if (paths.length) this.emit({ type: "files-changed", paths });
    } else if (event.type === "output") this.pending.get(event.id)?.onOutput?.({ stream: event.stream, data: event.data });
    else if (event.type === "exit") {
      const p = this.pending.get(event.id);
      this.pending.delete(event.id);
      p?.resolve({
        exitCode: event.exitCode,
        durationMs: event.durationMs,
        cwd: fromRuntimeCwd(event.cwd),
        env: event.env,
        ...(event.killed ? { killed: event.killed } : {}),
      });
    }
  }

  spawn(command: string, options: SpawnOptions = {}): RuntimeProcess {
    const id = nanoid(12);
    const started = performance.now();
    let resolveExit: (status: ExitStatus) => void = () => {};
    const exit = new Promise<ExitStatus>((resolve) => (resolveExit = resolve));
    let finished = false;
    const done = (status: ExitStatus) => {
      if (finished) return;
      finished = true;
      options.signal?.removeEventListener("abort", kill);
      resolveExit(status);
    };
    const kill = () => {
      if (finished) return;
      if (this.pending.has(id)) this.send({ type: "kill", id });
      else done({ exitCode: 130, killed: "signal", durationMs: performance.now() - started });
    };
    options.signal?.addEventListener("abort", kill);
    // Keyboard input typed before the command reached the sandbox waits for it.
    let sent = false;
    const typed: SandboxRequest[] = [];
    const input = (request: SandboxRequest) => {
      if (finished) return;
      if (sent) this.send(request);
      else typed.push(request);
    };
    // Backstop: the sandbox enforces timeoutMs; if the sandbox itself is gone, the caller still gets an answer.
    if (options.timeoutMs) {
      const backstop = setTimeout(() => {
        this.pending.delete(id);
        done({ exitCode: 124, killed: "timeout", durationMs: performance.now() - started });
      }, options.timeoutMs + 5_000);
      void exit.then(() => clearTimeout(backstop));
    }
    void (async () => {
      const booted = await this.boot();
      if (!booted.ok) {
        options.onOutput?.({ stream: "stderr", data: `${booted.error.message}\n` });
        return done({ exitCode: 127, durationMs: performance.now() - started });
      }
      if (finished || options.signal?.aborted) return done({ exitCode: 130, killed: "signal", durationMs: performance.now() - started });
      this.flush(); // the command must see every edit made before it started
      this.pending.set(id, { ...(options.onOutput ? { onOutput: options.onOutput } : {}), resolve: done });
      this.send({
        type: "run",
        id,
        command,
        cwd: toRuntimeCwd(options.cwd),
        env: options.env ?? {},
        ...(options.stdin !== undefined ? { stdin: options.stdin } : {}),
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.keyboard ? { keyboard: true } : {}),
      });
      sent = true;
      for (const request of typed.splice(0)) this.send(request);
    })();
    if (!options.keyboard) return { exit, kill };
    return { exit, kill, write: (data) => input({ type: "input", id, data }), endInput: () => input({ type: "input-end", id }) };
  }

  openShell(options: ShellOptions): ShellSession {
    return createLineShell({
      id: nanoid(8),
      spawn: (command, opts) => this.spawn(command, opts),
      cwd: options.cwd ?? "",
      banner: "\x1b[2mOffline runtime: bash-like shell, node, npm run/test/start. npm install needs WebContainer.\x1b[0m\n",
    });
  }

  previews(): Array<{ port: number; url: string }> {
    return this.previewList;
  }

  restorePreview(): void {
    this.send({ type: "preview-restore" });
  }

  subscribe(listener: (event: RuntimeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.unsubscribeProject?.();
    for (const [, p] of this.pending) p.resolve({ exitCode: 130, killed: "signal", durationMs: 0 });
    this.pending.clear();
    this.port?.close();
    this.sandbox?.dispose();
    this.setStatus({ state: "disposed" });
    this.listeners.clear();
  }
}
