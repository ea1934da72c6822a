// The shell's Worker on the sandbox origin: one shell with its own copy of the files. Each `node` it runs gets a
// process Worker of its own (process/worker-launcher.ts). The sandbox page keeps the copies in step and terminates
// this Worker to stop a command (Ctrl+C, timeout, `while(true){}`), which ends its processes too.
import { MemFs } from "./mem-fs";
import type { SyncOp, WorkerEvent, WorkerRequest } from "./protocol";
import { createShell, PROJECT_ROOT } from "./shell";
import { isRuntimeOnly, RUNTIME_ONLY_DIRS } from "../types";
import { KeyboardInput } from "./node/keyboard";
import { createOutputPump } from "./output-pump";
import { WorkerLauncher } from "./process/worker-launcher";

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

/** Compiled TypeScript by file, content and format: a test run's 50 processes compile a shared helper once. */
const compiled = new Map<string, string>();

async function transformTs(code: string, path: string, format: "esm" | "cjs"): Promise<string> {
  const key = `${format}\0${path}\0${code}`;
  const hit = compiled.get(key);
  if (hit !== undefined) return hit;
  const e = await loadEsbuild();
  const out = await e.transform(code, { loader: path.endsWith("x") ? "tsx" : "ts", format, sourcefile: path, sourcemap: "inline" });
  if (compiled.size > 2_000) compiled.clear();
  compiled.set(key, out.code);
  return out.code;
}

export function runShellWorker(scriptUrl: string, post: (event: WorkerEvent) => void, firstSpare?: Worker): (msg: WorkerRequest) => void {
  const launcher = new WorkerLauncher(fs, scriptUrl, transformTs, firstSpare);
  const shell = createShell(fs, launcher);
  // The first process Worker loads beside this one, before any files arrive (they are sent when it starts).
  launcher.prewarm();
  /** The running command's keyboard (a terminal's run), by run id. */
  const keyboards = new Map<string, KeyboardInput>();
  return async (msg) => {
    if (msg.type === "init") {
      applyOps([...msg.dirs.map((path) => ({ type: "mkdir" as const, path })), ...msg.files.map(([path, content]) => ({ type: "write" as const, path, content }))]);
      post({ type: "ready" });
    } else if (msg.type === "sync") {
      applyOps(msg.ops);
      launcher.filesChanged();
    } else if (msg.type === "input") keyboards.get(msg.id)?.push(msg.data);
    else if (msg.type === "resize") shell.resize(msg.columns, msg.rows);
    else if (msg.type === "input-end") keyboards.get(msg.id)?.end();
    else if (msg.type === "run") {
      const pump = createOutputPump((stream, data) => post({ type: "output", id: msg.id, stream, data }));
      const keyboard = msg.keyboard ? new KeyboardInput() : undefined;
      if (keyboard) keyboards.set(msg.id, keyboard);
      const result = await shell
        .run({
          command: msg.command,
          cwd: msg.cwd,
          env: msg.env,
          live: pump.write,
          ttyMode: (raw) => {
            pump.flush();
            post({ type: "tty", id: msg.id, raw });
          },
          ...(msg.stdin !== undefined ? { stdin: msg.stdin } : {}),
          ...(keyboard ? { keyboard } : {}),
          ...(msg.columns ? { columns: msg.columns, rows: msg.rows ?? 24 } : {}),
        })
        .finally(() => keyboards.delete(msg.id));
      pump.flush();
      post({ type: "result", id: msg.id, stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode, cwd: result.cwd, env: result.env, ops: collectChanges() });
    }
  };
}

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
