// The builtin modules one program sees, by name: those made for the program (fs over its files, its process and
// console, timers of its event loop, node:test's runner) and the shared ones; `fromChunk` maps the builtins whose
// code is a chunk fetched on demand (lazy-builtins.ts) to the chunk's export.
import { assertLoose, assertStrict } from "./assert";
import { makeChildProcess, type ChildHost } from "./child-process";
import type { ProgramTimers } from "./event-loop";
import { eventsModule } from "./events";
import type { Chunks } from "./lazy-builtins";
import { moduleModule, osModule, perfHooks, querystringModule, timersPromises } from "./small-builtins";
import { utilModule } from "./util";
import { vmModule } from "./vm";
import type { BufferClass } from "./buffer";

export interface ProgramParts {
  fs: { promises: unknown };
  paths: { resolve(...p: string[]): string };
  proc: { env: Record<string, string>; nextTick(fn: () => void): void };
  console: unknown;
  timers: ProgramTimers;
  test: unknown;
  buffer: unknown;
  Buffer: BufferClass;
  /** require() for a file (module.createRequire). */
  createRequire(fromFile: string): unknown;
  children: ChildHost | undefined;
  cwd(): string;
  track(until: Promise<void>): void;
}

export function builtinTable(p: ProgramParts) {
  const url = {
    URL,
    URLSearchParams,
    fileURLToPath: (u: string | URL) => decodeURIComponent(new URL(String(u)).pathname),
    pathToFileURL: (path: string) => new URL(`file://${p.paths.resolve(path)}`),
  };
  const builtins: Record<string, unknown> = {
    fs: p.fs,
    "fs/promises": p.fs.promises,
    path: p.paths,
    "path/posix": p.paths,
    process: p.proc,
    console: p.console,
    timers: p.timers,
    "timers/promises": timersPromises(p.timers),
    assert: assertLoose,
    "assert/strict": assertStrict,
    events: eventsModule,
    util: utilModule,
    test: p.test,
    url,
    os: osModule(),
    module: moduleModule((from: string | URL) => p.createRequire(url.fileURLToPath(String(from).startsWith("file:") ? from : `file://${from}`))),
    perf_hooks: perfHooks(),
    querystring: querystringModule(),
    vm: vmModule,
    buffer: p.buffer,
  };
  let childProcess: ReturnType<typeof makeChildProcess> | undefined;
  const fromChunk: Record<string, (c: Required<Chunks>) => unknown> = {
    stream: (c) => c.streams.streamModule,
    "stream/promises": (c) => c.streams.streamPromises,
    readline: (c) => c.streams.readlineModule,
    "readline/promises": (c) => c.streams.readlinePromises,
    string_decoder: (c) => c.streams.stringDecoderModule,
    crypto: (c) => c.crypto.cryptoModule,
    zlib: (c) => c.zlib.zlibModule,
    child_process: (c) =>
      (childProcess ??= makeChildProcess({
        host: p.children,
        streams: c.streams,
        Buffer: p.Buffer,
        cwd: p.cwd,
        env: () => p.proc.env,
        resolve: (path) => p.paths.resolve(path),
        track: p.track,
        nextTick: (fn) => p.proc.nextTick(fn),
      })),
  };
  return { builtins, fromChunk };
}
