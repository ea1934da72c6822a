// One `node` process inside the offline runtime: its process object, console, "event loop" (event-loop.ts: timers and
// pending host work keep it alive), builtin modules, exit codes like Node's (uncaught error → 1, process.exit(n) → n, a
// top-level await that can never settle → 13), and node:test.
import { setWarningSink } from "./events";
import type { ChildHost } from "./child-process";
import { builtinTable } from "./builtin-table";
import { createProcess } from "./process-object";
import { makeConsole } from "./console";
import { makeFs } from "./fs";
import { makePath } from "./path";
import { CJS_WRAPPER_COLUMNS, ModuleLoader, SCOPE_NAMES, type ModuleHost, type ScopeGlobals } from "./modules";
import { ErrorPrinter, syntaxErrorSource } from "./errors";
import { chunkOf, chunksNeededBy, loadBufferChunk, loadChunk, notLoaded, type Chunks, type OptionalChunk } from "./lazy-builtins";
import { plainStdio } from "./plain-stdio";
import type { ProgramStdio } from "./streams";
import { TestRunner } from "./test-runner";
import { isUnavailable, unavailableError } from "./unavailable";
import { inspect } from "./util";
import type { KeyboardInput } from "./keyboard";
import { EventLoop } from "./event-loop";
import { hostSleep } from "./host-timers";
import { installGlobals } from "./realm";
import { NO_TTY, type NodeMain, type TestFileReport, type TtyInfo } from "../process/protocol";
import { attachTty, resizeTty } from "./tty";

/** The Node release whose behaviour the runtime follows (the conformance suite compares against it). */
export const NODE_VERSION = "v24.21.0";

export interface NodeInvocation {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  stdin: string;
  execArgv?: string[];
  /** The terminal's keyboard when the program runs in a terminal with nothing piped in (see streams.createStdio). */
  keyboard?: KeyboardInput;
  /** Which standard streams are a terminal, and its size. */
  tty?: TtyInfo;
  /** Calls back when the terminal is resized. */
  onResize?(listener: (columns: number, rows: number) => void): void;
  /** process.stdin.setRawMode: the terminal sends raw keys (or lines again). */
  setRawMode?(raw: boolean): void;
  /** The program has the realm to itself (a process Worker): Node's globals are installed on globalThis. */
  ownRealm?: boolean;
  /** Starts child processes (child_process); absent where there is no shell to start them in. */
  children?: ChildHost;
  /** Set for a file run by `node --test`: its results go here instead of a printed summary. */
  testReport?(report: TestFileReport): void;
  write(stream: "stdout" | "stderr", text: string): void;
}

export type { NodeMain };

class ExitSignal {
  constructor(readonly code: number) {}
}

/**
 * How long nothing may be pending while the main module still awaits at top level before the program is declared
 * stuck. Not zero: a few host operations the runtime does not track (crypto.subtle, Blob reads) settle a moment later.
 */
const STUCK_AFTER_MS = 300;

export async function runNodeProgram(host: ModuleHost, inv: NodeInvocation, main: NodeMain): Promise<number> {
  const { Buffer, bufferModule } = await loadBufferChunk();
  let cwd = inv.cwd;
  let exited = false;
  let exitCode: number | undefined;
  let resolveExit: (code: number) => void = () => {};
  const exitPromise = new Promise<number>((resolve) => (resolveExit = resolve));
  const out = (text: string) => inv.write("stdout", text);
  const errOut = (text: string) => inv.write("stderr", text);

  // ---- the event loop: pending timers and host work keep the program alive (event-loop.ts) ----
  const loop = new EventLoop((fn) => guard(fn));
  const { timers } = loop;
  const busy = () => loop.busy();
  const whenIdle = () => loop.whenIdle();
  const track = <T>(work: Promise<T>): Promise<T> => loop.track(work);
  const finish = (code: number) => {
    if (exited) return;
    exited = true;
    loop.stop();
    resolveExit(code);
  };
  let reportingSyntaxError = false;
  /** An exception nothing caught: process.on("uncaughtException") gets it, or Node's report and exit code 1. */
  const reportUncaught = (error: unknown) => {
    if (error instanceof ExitSignal) return finish(error.code);
    if (exited) return;
    if (proc.listenerCount("uncaughtException") > 0) return guard(() => proc.emit("uncaughtException", error, "uncaughtException"));
    if (error instanceof SyntaxError && syntaxErrorSource.has(error)) {
      // Finding the location takes a parser (fetched now): nothing else of the program reports meanwhile.
      if (reportingSyntaxError) return;
      reportingSyntaxError = true;
      void printer.uncaughtSyntaxError(error).then((text) => {
        errOut(text);
        exitAfterError();
      });
      return;
    }
    errOut(printer.uncaught(error));
    exitAfterError();
  };
  /** Node still emits "exit" (code 1) after an uncaught error or rejection. */
  const exitAfterError = () => {
    proc.exitCode = 1;
    try {
      proc.emit("exit", 1);
    } catch {
      // An exit listener that throws changes nothing more.
    }
    finish(1);
  };
  const reportRejection = (reason: unknown, promise: unknown) => {
    if (exited) return;
    if (proc.listenerCount("unhandledRejection") > 0) return guard(() => proc.emit("unhandledRejection", reason, promise));
    if (proc.listenerCount("uncaughtException") > 0) return guard(() => proc.emit("uncaughtException", reason, "unhandledRejection"));
    errOut(printer.unhandledRejection(reason));
    exitAfterError();
  };
  const guard = (fn: () => void) => {
    if (exited) return;
    try {
      fn();
    } catch (error) {
      reportUncaught(error);
    }
  };

  // ---- process ----
  const chunks: Chunks = {};
  const ttyInfo = inv.tty ?? NO_TTY;
  /** stdin/stdout/stderr are TTYs when they are attached to the terminal (isTTY, size, colours, "resize"). */
  const withTty = <T extends { stdin: object; stdout: object; stderr: object }>(s: T): T => {
    attachTty(s.stdout, ttyInfo.stdout, ttyInfo, () => proc.env);
    attachTty(s.stderr, ttyInfo.stderr, ttyInfo, () => proc.env);
    if (ttyInfo.stdin) {
      Object.defineProperty(s.stdin, "isTTY", { value: true, writable: true, configurable: true, enumerable: true });
      Object.defineProperty(s.stdin, "isRaw", { value: false, writable: true, configurable: true, enumerable: true });
      Object.defineProperty(s.stdin, "setRawMode", {
        configurable: true,
        value(this: { isRaw: boolean }, mode: boolean) {
          this.isRaw = Boolean(mode);
          inv.setRawMode?.(this.isRaw);
          return this;
        },
      });
    }
    return s;
  };
  const plain = withTty(plainStdio(inv.stdin, out, errOut));
  let streamStdio: ProgramStdio | undefined;
  /** Streams when the program uses them (the chunk was fetched for it), plain objects otherwise. */
  const stdio = () =>
    chunks.streams
      ? (streamStdio ??= withTty(chunks.streams.createStdio(inv.stdin, out, errOut, { keepAlive: (until) => void track(until), ...(inv.keyboard ? { keyboard: inv.keyboard } : {}) })))
      : plain;
  inv.onResize?.((columns, rows) => resizeTty([stdio().stdout, stdio().stderr], columns, rows));
  const proc = createProcess({
    argv: inv.argv,
    execArgv: inv.execArgv ?? [],
    env: inv.env,
    version: NODE_VERSION,
    cwd: () => cwd,
    chdir: (dir) => {
      const next = paths.resolve(dir);
      if (!host.fs.isDirectory(next)) throw new Error(`ENOENT: no such file or directory, chdir '${dir}'`);
      cwd = next;
    },
    exit: (code) => {
      if (!exited) guard(() => proc.emit("exit", code));
      finish(code);
      throw new ExitSignal(code);
    },
    nextTick: (fn) => queueMicrotask(() => guard(fn)),
    errOut,
  });
  Object.defineProperties(proc, {
    stdin: { get: () => stdio().stdin, enumerable: true },
    stdout: { get: () => stdio().stdout, enumerable: true },
    stderr: { get: () => stdio().stderr, enumerable: true },
  });
  const console_ = makeConsole(out, errOut);
  setWarningSink((warning) => proc.nextTick(() => proc.emitWarning(warning)));

  // ---- modules ----
  const paths = makePath(() => cwd);
  const fsModule = makeFs(host.fs, (p) => paths.resolve(p), {
    Buffer,
    stdin: () => inv.stdin,
    streams: (files) => {
      if (!chunks.streams)
        throw new Error('fs.createReadStream/createWriteStream need streams, which were not loaded for this program: add require("node:stream") to it.');
      return chunks.streams.fileStreams(files);
    },
  });
  // node:test: a program that registers tests prints Node's summary when they are done and exits 1 if one failed;
  // under `node --test` (main.kind "test-file") the counts go to the run instead.
  const runner = new TestRunner({ out, formatError: (e) => inspect(e), locate: (e) => locate(e) });
  const testModule = runner.module();
  const { builtins, fromChunk } = builtinTable({
    fs: fsModule,
    paths,
    proc,
    console: console_,
    timers,
    test: testModule,
    buffer: bufferModule,
    Buffer,
    createRequire: (from) => loader.makeRequire(from),
    children: inv.children,
    cwd: () => cwd,
    track: (until) => void track(until),
  });
  const builtin = (name: string): unknown => {
    if (Object.hasOwn(builtins, name)) return builtins[name];
    const chunk = chunkOf(name);
    const get = fromChunk[name];
    if (chunk && get) {
      if (!chunks[chunk]) throw notLoaded(name);
      return get(chunks as Required<Chunks>);
    }
    if (isUnavailable(name)) throw unavailableError(name);
    throw Object.assign(new Error(`No such built-in module: node:${name}`), { code: "ERR_UNKNOWN_BUILTIN_MODULE" });
  };
  let unbindStreams: (() => void) | undefined;
  const ensureChunks = async (needed: Iterable<OptionalChunk>) => {
    for (const chunk of needed) await loadChunk(chunks, chunk);
    if (chunks.streams && !unbindStreams)
      unbindStreams = chunks.streams.bindProcess({
        nextTick: proc.nextTick,
        get stdout() {
          return stdio().stdout;
        },
        get stderr() {
          return stdio().stderr;
        },
      });
  };
  const hostFetch = typeof globalThis.fetch === "function" ? globalThis.fetch.bind(globalThis) : undefined;
  const globals: ScopeGlobals = {
    process: proc,
    console: console_,
    ...timers,
    global: globalThis,
    Buffer,
    fetch: hostFetch && ((...args: Parameters<typeof fetch>) => track(hostFetch(...args))),
  };
  if (inv.ownRealm) installGlobals(globals);
  const loader = new ModuleLoader(host, builtin, globals, async (name) => {
    const chunk = chunkOf(name);
    if (chunk) await ensureChunks([chunk]);
  });
  const printer = new ErrorPrinter(
    {
      urlToPath: loader.urlToPath,
      isEsm: (path) => loader.isEsm(path),
      wrapperColumns: CJS_WRAPPER_COLUMNS,
      compiled: (path) => loader.compiledSource(path),
      read: (path) => (host.fs.isFile(path) ? host.fs.readTextSync(path) : undefined),
    },
    NODE_VERSION,
  );
  if (inv.ownRealm) printer.install();
  /** Set when the first ES module starts evaluating (its prologue asks for import.meta): loading is over. */
  let evaluating = false;
  const previous = (globalThis as { __tandem?: unknown }).__tandem;
  Object.defineProperty(globalThis, "__tandem", { configurable: true, writable: true, enumerable: false, value: undefined });
  (globalThis as { __tandem?: unknown }).__tandem = {
    globals,
    builtin,
    require: (path: string) => loader.require(path, path),
    dyn: (from: string) => (spec: string) => track(loader.importFrom(spec, from)),
    meta: (path: string) => {
      evaluating = true;
      return { url: `file://${path}`, filename: path, dirname: paths.dirname(path), resolve: (s: string) => `file://${paths.resolve(paths.dirname(path), s)}` };
    },
  };

  /** "file:line:col" of the user's call site, relative to the program's folder (node:test's "test at …"). */
  function locate(error: Error): string | undefined {
    const frame = printer.userFrames(error)[0] ?? frameFromText(error.stack);
    return frame ? `${paths.relative(cwd, frame.path)}:${frame.line}:${frame.column}` : undefined;
  }
  /** Without the realm's own stack printer (the unit tests), the first frame that names a file of the program. */
  function frameFromText(stack: string | undefined) {
    let text = stack ?? "";
    for (const [url, path] of loader.urlToPath) text = text.split(url).join(path);
    for (const line of text.split("\n")) {
      const m = /(\/[^\s()]+):(\d+):(\d+)\)?$/.exec(line);
      if (m?.[1] && host.fs.isFile(m[1])) return { path: m[1], line: Number(m[2]), column: Number(m[3]) };
    }
    return undefined;
  }

  const onRejection = (event: { reason: unknown; promise: unknown; preventDefault(): void }) => {
    event.preventDefault();
    reportRejection(event.reason, event.promise);
  };
  const target = globalThis as unknown as { addEventListener?: (t: string, f: (e: never) => void) => void; removeEventListener?: (t: string, f: (e: never) => void) => void };
  target.addEventListener?.("unhandledrejection", onRejection);
  // Program code the host calls back outside the runtime's own guards (a keyboard or child's data event, a message):
  // what it throws reaches the realm's error event; there it is the program's uncaught exception (or its exit).
  const onError = (event: { error: unknown; preventDefault(): void }) => {
    event.preventDefault();
    reportUncaught(event.error);
  };
  target.addEventListener?.("error", onError);

  const waitIdle = async () => {
    for (;;) {
      if (exited) return;
      await whenIdle();
      await runner.idle();
      // Two host turns: the engine reports a rejection nothing handled in a task of its own.
      await hostSleep(0);
      await hostSleep(0);
      if (!busy() && !exited) {
        if (runner.used) {
          const before = runner.totals.tests + runner.totals.suites;
          await runner.idle();
          if (runner.totals.tests + runner.totals.suites !== before || busy()) continue;
        }
        // Node emits beforeExit when the loop is empty; a listener that schedules work keeps the program going.
        if (proc.listenerCount("beforeExit") === 0) return;
        guard(() => proc.emit("beforeExit", proc.exitCode ?? 0));
        await hostSleep(0);
        if (!busy()) return;
      }
    }
  };

  /**
   * Node ends a program whose main module awaits at top level something nothing can settle any more (a readline
   * question after the input ended, a promise never resolved) with exit code 13. Resolves "stuck" in that case.
   */
  const watchTopLevelAwait = async (settled: () => boolean): Promise<"stuck" | "settled"> => {
    for (;;) {
      await whenIdle();
      // A host timer on purpose: the watch must not keep the program alive.
      await hostSleep(STUCK_AFTER_MS);
      if (settled() || exited) return "settled";
      if (evaluating && !busy()) return "stuck";
    }
  };

  const needed = new Set<OptionalChunk>();
  const visit = (source: string) => chunksNeededBy(source).forEach((c) => needed.add(c));

  const program = (async () => {
    if (main.kind === "eval") {
      await ensureChunks(chunksNeededBy(main.code));
      const entry = `${cwd}/${main.name ?? "[eval]"}`;
      const wrapper = (0, eval)(`(function (require, __filename, __dirname, ${SCOPE_NAMES.join(", ")}) { return eval(${JSON.stringify(main.code)}); })`) as (...a: unknown[]) => unknown;
      const value = wrapper(loader.makeRequire(entry), entry, cwd, ...SCOPE_NAMES.map((n) => globals[n]));
      if (main.print) out(`${typeof value === "string" ? value : inspect(value)}\n`);
    } else {
      await loader.prepare(main.path, visit);
      await ensureChunks(needed);
      let done = false;
      const run = loader.runMain(main.path).finally(() => (done = true));
      if ((await Promise.race([run.then(() => "settled" as const), watchTopLevelAwait(() => done)])) === "stuck") {
        errOut(`Warning: Detected unsettled top-level await at file://${main.path}\n\n`);
        return 13;
      }
    }
    await waitIdle();
    if (runner.used) {
      if (main.kind === "test-file" && inv.testReport) inv.testReport(runner.report());
      else out(runner.summary());
      if (runner.totals.fail > 0 && proc.exitCode === undefined) proc.exitCode = 1;
    }
    return Number(proc.exitCode ?? 0) || 0;
  })();

  try {
    const code = await Promise.race([
      program.then(
        (c) => c,
        (error: unknown) => (reportUncaught(error), exitPromise),
      ),
      exitPromise,
    ]);
    if (!exited) {
      guard(() => proc.emit("exit", code));
      // An exit listener may still change process.exitCode, as in Node.
      finish(exitCode ?? (Number(proc.exitCode ?? code) || 0));
    }
    return await exitPromise;
  } finally {
    unbindStreams?.();
    target.removeEventListener?.("unhandledrejection", onRejection);
    target.removeEventListener?.("error", onError);
    (globalThis as { __tandem?: unknown }).__tandem = previous;
  }
}
