// Entry of a runner Worker on the sandbox origin: one shell with its own copy of the files. The sandbox page keeps
// the copies in step and terminates the Worker to stop a command (Ctrl+C, timeout, `while(true){}`).
import { MemFs } from "./mem-fs";
import type { SyncOp, WorkerEvent, WorkerRequest } from "./protocol";
import { createShell, PROJECT_ROOT } from "./shell";
import { isRuntimeOnly, RUNTIME_ONLY_DIRS } from "../types";
import { KeyboardInput } from "./node/keyboard";

declare const self: DedicatedWorkerGlobalScope;

const fs = new MemFs();
let esbuild: Promise<typeof import("esbuild-wasm")> | undefined;

function loadEsbuild(): Promise<typeof import("esbuild-wasm")> {
  esbuild ??= (async () => {
    // The package's browser build is CommonJS, so the bundler may put the API under `default`.
    const ns = (await import("esbuild-wasm")) as typeof import("esbuild-wasm") & { default?: typeof import("esbuild-wasm") };
    const mod = typeof ns.initialize === "function" ? ns : (ns.default ?? ns);
    await mod.initialize({ wasmURL: "/esbuild.wasm", worker: false });
    return mod;
  })();
  return esbuild;
}

const urls: string[] = [];
const shell = createShell(fs, {
  moduleUrl: (code) => {
    const url = URL.createObjectURL(new Blob([code], { type: "text/javascript" }));
    urls.push(url);
    return url;
  },
  transformTs: async (code, path, format) => {
    const e = await loadEsbuild();
    const out = await e.transform(code, { loader: path.endsWith("x") ? "tsx" : "ts", format, sourcefile: path, sourcemap: "inline" });
    return out.code;
  },
});

function applyOps(ops: SyncOp[]): void {
  fs.external(() => {
    for (const op of ops) {
      const abs = `${PROJECT_ROOT}/${op.path}`;
      if (op.type === "write") fs.writeDeepSync(abs, op.content);
      else if (op.type === "mkdir") fs.mkdirSync(abs, { recursive: true });
      else fs.rmSync(abs, { recursive: true, force: true });
    }
  });
}

/** What the command changed under the project folder, as project operations. */
function collectChanges(): SyncOp[] {
  const ops: SyncOp[] = [];
  const prefix = `${PROJECT_ROOT}/`;
  for (const abs of fs.takeTouched().sort()) {
    if (!abs.startsWith(prefix)) continue;
    const path = abs.slice(prefix.length);
    if (isRuntimeOnly(path, RUNTIME_ONLY_DIRS)) continue;
    const entry = fs.entry(abs);
    if (!entry) ops.push({ type: "delete", path });
    else if (entry.type === "file") ops.push({ type: "write", path, content: entry.content });
    else ops.push({ type: "mkdir", path });
  }
  // Deleting a folder also reports its files; keep only the outermost delete.
  return ops.filter((op) => op.type !== "delete" || !ops.some((o) => o !== op && o.type === "delete" && op.path.startsWith(`${o.path}/`)));
}

const post = (event: WorkerEvent) => self.postMessage(event);

/**
 * Live output of the running command, coalesced: a program printing 100,000 lines must not send 100,000 messages.
 * A chunk goes out at once when the last one left ≥ 16 ms ago — synchronously, so the line printed just before
 * `while(true){}` is still seen — and otherwise on a timer or when the command ends.
 */
function createOutputPump(id: string) {
  let queue: Array<{ stream: "stdout" | "stderr"; data: string }> = [];
  let lastSent = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    lastSent = performance.now();
    for (const chunk of queue) post({ type: "output", id, ...chunk });
    queue = [];
  };
  return {
    write(stream: "stdout" | "stderr", data: string) {
      const last = queue[queue.length - 1];
      if (last?.stream === stream) last.data += data;
      else queue.push({ stream, data });
      if (performance.now() - lastSent >= 16) flush();
      else timer ??= setTimeout(flush, 16);
    },
    flush,
  };
}

/** The running command's keyboard (a terminal's run), by run id. */
const keyboards = new Map<string, KeyboardInput>();

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const msg = event.data;
  if (msg.type === "init") {
    applyOps([...msg.dirs.map((path) => ({ type: "mkdir" as const, path })), ...msg.files.map(([path, content]) => ({ type: "write" as const, path, content }))]);
    post({ type: "ready" });
  } else if (msg.type === "sync") applyOps(msg.ops);
  else if (msg.type === "input") keyboards.get(msg.id)?.push(msg.data);
  else if (msg.type === "input-end") keyboards.get(msg.id)?.end();
  else if (msg.type === "run") {
    const pump = createOutputPump(msg.id);
    const keyboard = msg.keyboard ? new KeyboardInput() : undefined;
    if (keyboard) keyboards.set(msg.id, keyboard);
    const result = await shell
      .run({
        command: msg.command,
        cwd: msg.cwd,
        env: msg.env,
        live: pump.write,
        ...(msg.stdin !== undefined ? { stdin: msg.stdin } : {}),
        ...(keyboard ? { keyboard } : {}),
      })
      .finally(() => keyboards.delete(msg.id));
    pump.flush();
    for (const url of urls.splice(0)) URL.revokeObjectURL(url);
    post({ type: "result", id: msg.id, stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode, cwd: result.cwd, env: result.env, ops: collectChanges() });
  }
};
