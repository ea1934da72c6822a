// A process Worker: one `node` process in a realm of its own (its own globals, module cache, timers), used once and
// then terminated by the shell. Its files are a copy of the shell's (preloaded while it waits as a spare, brought up
// to date at start); what the program changes goes back with its exit.
import { MemFs } from "../mem-fs";
import { KeyboardInput } from "../node/keyboard";
import { runNodeProgram } from "../node/node-process";
import { warmUp } from "../node/modules";
import { loadBufferChunk } from "../node/lazy-builtins";
import { createOutputPump } from "../output-pump";
import type { ChildHost } from "../node/child-process";
import type { ChildExit, ChildSyncResult, FromProcess, ToProcess } from "./protocol";
import { canBlock, createSyncBuffer, waitForResult } from "./sync-channel";

export function runProcessWorker(post: (message: FromProcess) => void): (message: ToProcess) => void {
  const fs = new MemFs();
  let keyboard: KeyboardInput | undefined;
  let started = false;
  let nextTransform = 0;
  const transforms = new Map<number, { resolve: (code: string) => void; reject: (error: Error) => void }>();
  const resizeListeners = new Set<(columns: number, rows: number) => void>();
  const pump = createOutputPump((stream, data) => post({ type: "output", stream, data }));
  const urls: string[] = [];
  let nextChild = 0;
  const childEvents = new Map<number, { output(stream: "stdout" | "stderr", data: string): void; exit(exit: ChildExit): void }>();
  // A child must see every file this process wrote so far: they go to the shell with the request.
  const children: ChildHost = {
    spawn(request, events) {
      const id = ++nextChild;
      childEvents.set(id, events);
      pump.flush();
      post({ type: "child-spawn", id, request, entries: fs.export(fs.takeTouched()) });
      return { write: (data) => post({ type: "child-stdin", id, data }), kill: (signal) => post({ type: "child-kill", id, signal }) };
    },
    ...(canBlock()
      ? {
          spawnSync(request) {
            pump.flush();
            const buffer = createSyncBuffer();
            post({ type: "child-spawn-sync", request, entries: fs.export(fs.takeTouched()), buffer });
            const result = waitForResult<ChildSyncResult>(buffer);
            fs.external(() => fs.importEntries(result.entries));
            return result;
          },
        }
      : {}),
  };

  const start = async (message: Extract<ToProcess, { type: "start" }>) => {
    started = true;
    fs.external(() => fs.importEntries(message.entries));
    fs.attachDevice("/dev/null", () => undefined);
    fs.takeTouched();
    const { spec } = message;
    if (spec.stdin === null) keyboard = new KeyboardInput();
    const code = await runNodeProgram(
      {
        fs,
        moduleUrl: (code) => {
          const url = URL.createObjectURL(new Blob([code], { type: "text/javascript" }));
          urls.push(url);
          return url;
        },
        // Compiled by the shell's Worker, where esbuild-wasm is initialised once for every process.
        transformTs: (code, path, format) =>
          new Promise<string>((resolve, reject) => {
            const id = ++nextTransform;
            transforms.set(id, { resolve, reject });
            post({ type: "transform", id, code, path, format });
          }),
      },
      {
        argv: spec.argv,
        execArgv: spec.execArgv,
        cwd: spec.cwd,
        env: spec.env,
        stdin: spec.stdin ?? "",
        tty: spec.tty,
        ownRealm: true,
        setRawMode: (raw) => {
          pump.flush();
          post({ type: "tty-mode", raw });
        },
        children,
        onResize: (listener) => resizeListeners.add(listener),
        testReport: (report) => post({ type: "test-report", report }),
        ...(keyboard ? { keyboard } : {}),
        write: pump.write,
      },
      spec.main,
    );
    pump.flush();
    post({ type: "exit", code, entries: fs.export(fs.takeTouched()) });
  };

  return (message) => {
    if (message.type === "preload") {
      if (!started) fs.external(() => fs.importEntries(message.entries));
      // While it waits as a spare: what every program needs first (Buffer's chunk, the module lexers' WebAssembly).
      void Promise.all([loadBufferChunk(), warmUp()]).catch(() => undefined);
    } else if (message.type === "start") void start(message);
    else if (message.type === "stdin") keyboard?.push(message.data);
    else if (message.type === "stdin-end") keyboard?.end();
    else if (message.type === "files") fs.external(() => fs.importEntries(message.entries));
    else if (message.type === "resize") for (const l of resizeListeners) l(message.columns, message.rows);
    else if (message.type === "child-output") childEvents.get(message.id)?.output(message.stream, message.data);
    else if (message.type === "child-exit") {
      const events = childEvents.get(message.id);
      childEvents.delete(message.id);
      events?.exit(message.exit);
    } else if (message.type === "transformed") {
      const pending = transforms.get(message.id);
      transforms.delete(message.id);
      if (message.code !== undefined) pending?.resolve(message.code);
      else pending?.reject(new Error(message.error ?? "TypeScript could not be compiled."));
    }
  };
}
