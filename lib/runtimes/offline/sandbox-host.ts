// The sandbox page (on the sandbox origin, inside a hidden iframe of the IDE). It owns the pool of runner Workers and
// the authoritative copy of the files, uploads them for the static preview (preview-upload.ts: on an origin of its
// own per session, written with a secret only this page holds), and talks to the IDE over one MessagePort handed
// over by the parent window.
import { createPreviewUploader } from "./preview-upload";
import type { SandboxEvent, SandboxRequest, SyncOp, WorkerEvent, WorkerRequest } from "./protocol";

const files = new Map<string, string | Uint8Array>();
const dirs = new Set<string>();
let port: MessagePort | undefined;

interface Runner {
  worker: Worker;
  ready: Promise<void>;
  busy: boolean;
}
const runners = new Set<Runner>();
/** The runner started with the page, before any files arrived (see the end of this file). */
let pristine: Runner | undefined;
const running = new Map<string, { runner: Runner; started: number; timer?: ReturnType<typeof setTimeout>; cwd: string; env: Record<string, string> }>();

function send(event: SandboxEvent): void {
  port?.postMessage(event);
}

function applyOps(ops: SyncOp[]): void {
  for (const op of ops) {
    if (op.type === "write") files.set(op.path, op.content);
    else if (op.type === "mkdir") dirs.add(op.path);
    else {
      for (const p of [...files.keys()]) if (p === op.path || p.startsWith(`${op.path}/`)) files.delete(p);
      for (const d of [...dirs]) if (d === op.path || d.startsWith(`${op.path}/`)) dirs.delete(d);
    }
  }
}

/** Posts the current files to a runner; it answers "ready" once they are in place. */
function initRunner(runner: Runner): void {
  const init: WorkerRequest = { type: "init", files: [...files], dirs: [...dirs] };
  runner.worker.postMessage(init);
}

function spawnRunner(withFiles = true): Runner {
  const worker = new Worker("/runner-worker.js", { type: "module", name: "tandem-runner" });
  let markReady: () => void = () => {};
  const runner: Runner = { worker, busy: false, ready: new Promise<void>((r) => (markReady = r)) };
  worker.onmessage = (event: MessageEvent<WorkerEvent>) => {
    const msg = event.data;
    if (msg.type === "ready") markReady();
    else if (msg.type === "output") {
      if (running.get(msg.id)?.runner === runner) send(msg);
    } else if (msg.type === "result") finishRun(runner, msg);
  };
  if (withFiles) initRunner(runner);
  runners.add(runner);
  return runner;
}

/** An idle runner, creating one when all are busy; a spare is kept warm so the next command starts at once. */
function takeRunner(): Runner {
  let runner = [...runners].find((r) => !r.busy);
  if (!runner) runner = spawnRunner();
  runner.busy = true;
  if (![...runners].some((r) => !r.busy)) queueMicrotask(() => spawnRunner());
  return runner;
}

function finishRun(runner: Runner, msg: Extract<WorkerEvent, { type: "result" }>): void {
  const run = running.get(msg.id);
  runner.busy = false;
  if (!run) return;
  running.delete(msg.id);
  clearTimeout(run.timer);
  if (msg.ops.length) {
    applyOps(msg.ops);
    for (const other of runners) if (other !== runner) other.worker.postMessage({ type: "sync", ops: msg.ops } satisfies WorkerRequest);
    void preview.sync(msg.ops);
    send({ type: "changes", ops: msg.ops });
  }
  if (msg.stdout) send({ type: "output", id: msg.id, stream: "stdout", data: msg.stdout });
  if (msg.stderr) send({ type: "output", id: msg.id, stream: "stderr", data: msg.stderr });
  send({ type: "exit", id: msg.id, exitCode: msg.exitCode, durationMs: performance.now() - run.started, cwd: msg.cwd, env: msg.env });
}

/** Ctrl+C and timeouts: the Worker is terminated (the only way to stop `while(true){}`) and replaced. */
function killRun(id: string, reason: "timeout" | "signal"): void {
  const run = running.get(id);
  if (!run) return;
  running.delete(id);
  clearTimeout(run.timer);
  run.runner.worker.terminate();
  runners.delete(run.runner);
  if (![...runners].some((r) => !r.busy)) spawnRunner();
  if (reason === "timeout") send({ type: "output", id, stream: "stderr", data: "\nTimed out: the command was stopped.\n" });
  send({ type: "exit", id, exitCode: reason === "timeout" ? 124 : 130, killed: reason, durationMs: performance.now() - run.started, cwd: run.cwd, env: run.env });
}

async function handle(msg: SandboxRequest): Promise<void> {
  if (msg.type === "init") {
    files.clear();
    dirs.clear();
    for (const [p, c] of msg.files) files.set(p, c);
    for (const d of msg.dirs) dirs.add(d);
    for (const r of runners) if (r !== pristine) r.worker.terminate();
    runners.clear();
    // The Worker started with this page has parsed its bundle by now (or is close): give it the files.
    const first = pristine ?? spawnRunner(false);
    pristine = undefined;
    runners.add(first);
    initRunner(first);
    // The preview upload runs beside the Worker's start-up; commands do not wait for it.
    void preview.open();
    await first.ready;
    send({ type: "ready" });
  } else if (msg.type === "sync") {
    applyOps(msg.ops);
    void preview.sync(msg.ops);
    for (const r of runners) r.worker.postMessage({ type: "sync", ops: msg.ops } satisfies WorkerRequest);
  } else if (msg.type === "run") {
    const runner = takeRunner();
    const started = performance.now();
    const entry: { runner: Runner; started: number; timer?: ReturnType<typeof setTimeout>; cwd: string; env: Record<string, string> } = { runner, started, cwd: msg.cwd, env: msg.env };
    if (msg.timeoutMs) entry.timer = setTimeout(() => killRun(msg.id, "timeout"), msg.timeoutMs);
    running.set(msg.id, entry);
    await runner.ready;
    if (!running.has(msg.id)) return;
    const req: WorkerRequest = {
      type: "run",
      id: msg.id,
      command: msg.command,
      cwd: msg.cwd,
      env: msg.env,
      ...(msg.stdin !== undefined ? { stdin: msg.stdin } : {}),
      ...(msg.keyboard ? { keyboard: true } : {}),
    };
    runner.worker.postMessage(req);
  } else if (msg.type === "kill") killRun(msg.id, "signal");
  else if (msg.type === "input" || msg.type === "input-end") running.get(msg.id)?.runner.worker.postMessage(msg satisfies WorkerRequest);
  else if (msg.type === "preview-restore") void preview.restore();
}

// ---- static preview: the files are uploaded to this origin's server (third-party iframes get no service worker) ----

const preview = createPreviewUploader({
  snapshot: () => [...files].map(([path, content]): SyncOp => ({ type: "write", path, content })),
  onUrl: (url) => send({ type: "preview", url }),
});
// The session's files are freed on the server when the IDE closes (or reloads) the runtime.
window.addEventListener("pagehide", () => preview.close());

// ---- connection to the IDE ----

window.addEventListener("message", (event: MessageEvent) => {
  // Only the window that embeds this page (the IDE; frame-ancestors names it), once.
  if (event.source !== window.parent || port) return;
  const embedder = location.ancestorOrigins?.[0];
  if (embedder && event.origin !== embedder) return;
  const data = event.data as { type?: string } | null;
  const transferred = event.ports[0];
  if (data?.type !== "tandem-connect" || !transferred) return;
  port = transferred;
  port.onmessage = (e: MessageEvent<SandboxRequest>) => void handle(e.data);
});
// A runner starts with the page, before the IDE has sent any files: parsing its bundle is most of a cold start.
pristine = spawnRunner(false);
window.parent.postMessage({ type: "tandem-sandbox-loaded" }, "*");
