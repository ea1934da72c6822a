// One `node` process inside the offline runtime: its process object, console, timers that keep the "event loop"
// alive, builtin modules, exit codes like Node's (uncaught error → 1, process.exit(n) → n), and node:test.
import { EventEmitter, eventsModule } from "./events";
import { assertLoose, assertStrict } from "./assert";
import { makeFs } from "./fs";
import { makePath } from "./path";
import { ModuleLoader, type ModuleHost, type ScopeGlobals } from "./modules";
import { TestRunner } from "./test-runner";
import { format, inspect, utilModule } from "./util";

export const NODE_VERSION = "v22.12.0";

export interface NodeInvocation {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  stdin: string;
  write(stream: "stdout" | "stderr", text: string): void;
}

export type NodeMain =
  | { kind: "file"; path: string }
  | { kind: "eval"; code: string; print: boolean }
  | { kind: "test"; files: string[] };

class ExitSignal {
  constructor(readonly code: number) {}
}

const UNAVAILABLE = new Set(["http", "https", "net", "child_process", "worker_threads", "zlib", "stream", "dns", "tls", "http2", "cluster", "dgram", "readline", "vm", "v8", "inspector", "tty", "async_hooks"]);

export async function runNodeProgram(host: ModuleHost, inv: NodeInvocation, main: NodeMain): Promise<number> {
  let cwd = inv.cwd;
  let exited = false;
  let exitCode: number | undefined;
  let resolveExit: (code: number) => void = () => {};
  const exitPromise = new Promise<number>((resolve) => (resolveExit = resolve));
  const out = (text: string) => inv.write("stdout", text);
  const errOut = (text: string) => inv.write("stderr", text);

  // ---- timers: pending ones keep the program alive, like Node's event loop ----
  const active = new Set<ReturnType<typeof setTimeout>>();
  let onIdle: (() => void) | undefined;
  const settle = () => {
    if (active.size === 0) onIdle?.();
  };
  const finish = (code: number) => {
    if (exited) return;
    exited = true;
    for (const t of active) clearTimeout(t);
    active.clear();
    resolveExit(code);
  };
  const reportUncaught = (error: unknown) => {
    if (error instanceof ExitSignal) return finish(error.code);
    errOut(`${formatError(error)}\n\nNode.js ${NODE_VERSION} (Tandem offline runtime)\n`);
    finish(1);
  };
  const guard = (fn: () => void) => {
    if (exited) return;
    try {
      fn();
    } catch (error) {
      reportUncaught(error);
    }
  };
  const makeTimer = (repeat: boolean) =>
    (fn: (...a: unknown[]) => void, ms = 0, ...args: unknown[]) => {
      let id: ReturnType<typeof setTimeout>;
      const tick = () => {
        if (!repeat) active.delete(id);
        guard(() => fn(...args));
        settle();
      };
      id = repeat ? setInterval(tick, Number(ms) || 0) : setTimeout(tick, Number(ms) || 0);
      active.add(id);
      const handle = {
        ref: () => (active.add(id), handle),
        unref: () => (active.delete(id), settle(), handle),
        hasRef: () => active.has(id),
        refresh: () => handle,
        [Symbol.toPrimitive]: () => id,
        __id: id,
      };
      return handle;
    };
  const clear = (handle: unknown) => {
    const id = (handle as { __id?: ReturnType<typeof setTimeout> } | undefined)?.__id ?? (handle as ReturnType<typeof setTimeout>);
    clearTimeout(id);
    clearInterval(id);
    active.delete(id);
    settle();
  };
  const timers = {
    setTimeout: makeTimer(false),
    setInterval: makeTimer(true),
    setImmediate: (fn: (...a: unknown[]) => void, ...args: unknown[]) => makeTimer(false)(fn, 0, ...args),
    clearTimeout: clear,
    clearInterval: clear,
    clearImmediate: clear,
  };

  // ---- process ----
  const proc = Object.assign(new EventEmitter(), {
    argv: ["/usr/local/bin/node", ...inv.argv],
    argv0: "node",
    execArgv: [] as string[],
    execPath: "/usr/local/bin/node",
    env: { ...inv.env },
    platform: "linux",
    arch: "x64",
    pid: 42,
    ppid: 1,
    version: NODE_VERSION,
    versions: { node: NODE_VERSION.slice(1), v8: "12.4" },
    release: { name: "node" },
    exitCode: undefined as number | undefined,
    cwd: () => cwd,
    chdir: (dir: string) => {
      const next = paths.resolve(dir);
      if (!host.fs.isDirectory(next)) throw new Error(`ENOENT: no such file or directory, chdir '${dir}'`);
      cwd = next;
    },
    exit: (code?: number) => {
      const c = code ?? proc.exitCode ?? 0;
      if (!exited) guard(() => proc.emit("exit", c));
      finish(c);
      throw new ExitSignal(c);
    },
    nextTick: (fn: (...a: unknown[]) => void, ...args: unknown[]) => queueMicrotask(() => guard(() => fn(...args))),
    hrtime: Object.assign(
      (prev?: [number, number]) => {
        const t = performance.now();
        const s = Math.floor(t / 1000);
        const ns = Math.floor((t % 1000) * 1e6);
        return prev ? [s - prev[0], ns - prev[1]] : [s, ns];
      },
      { bigint: () => BigInt(Math.floor(performance.now() * 1e6)) },
    ),
    uptime: () => performance.now() / 1000,
    memoryUsage: () => ({ rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 }),
    stdout: { write: (s: unknown) => (out(String(s)), true), isTTY: false, columns: 80, rows: 24, on: () => undefined },
    stderr: { write: (s: unknown) => (errOut(String(s)), true), isTTY: false, columns: 80, on: () => undefined },
    stdin: { isTTY: false, read: () => inv.stdin, on: () => undefined },
    emitWarning: (w: unknown) => errOut(`(node) Warning: ${String(w)}\n`),
    umask: () => 0o22,
  });

  // ---- console ----
  let groupIndent = "";
  const counts = new Map<string, number>();
  const timersByLabel = new Map<string, number>();
  const line = (write: (s: string) => void) => (...args: unknown[]) =>
    write(`${groupIndent}${format(...args).split("\n").join(`\n${groupIndent}`)}\n`);
  const console_ = {
    log: line(out),
    info: line(out),
    debug: line(out),
    error: line(errOut),
    warn: line(errOut),
    trace: (...args: unknown[]) => line(errOut)(`Trace: ${format(...args)}`),
    dir: (v: unknown) => line(out)(inspect(v)),
    table: (v: unknown) => line(out)(inspect(v)),
    assert: (ok: unknown, ...args: unknown[]) => {
      if (!ok) line(errOut)(`Assertion failed${args.length ? `: ${format(...args)}` : ""}`);
    },
    group: (...args: unknown[]) => {
      if (args.length) line(out)(...args);
      groupIndent += "  ";
    },
    groupEnd: () => (groupIndent = groupIndent.slice(2)),
    count: (label = "default") => {
      counts.set(label, (counts.get(label) ?? 0) + 1);
      line(out)(`${label}: ${counts.get(label)}`);
    },
    countReset: (label = "default") => counts.delete(label),
    time: (label = "default") => timersByLabel.set(label, performance.now()),
    timeEnd: (label = "default") => line(out)(`${label}: ${(performance.now() - (timersByLabel.get(label) ?? 0)).toFixed(3)}ms`),
    timeLog: (label = "default") => line(out)(`${label}: ${(performance.now() - (timersByLabel.get(label) ?? 0)).toFixed(3)}ms`),
  };

  // ---- modules ----
  const paths = makePath(() => cwd);
  const fsModule = makeFs(host.fs, (p) => paths.resolve(p));
  const runner = main.kind === "test" ? new TestRunner({ out, formatError: (e) => formatError(e), locate: (s) => locate(s) }) : undefined;
  const testModule = (runner ?? new TestRunner({ out, formatError: (e) => formatError(e), locate: (s) => locate(s) })).module();
  const url = {
    URL,
    URLSearchParams,
    fileURLToPath: (u: string | URL) => decodeURIComponent(new URL(String(u)).pathname),
    pathToFileURL: (p: string) => new URL(`file://${paths.resolve(p)}`),
  };
  const os = { EOL: "\n", platform: () => "linux", type: () => "Linux", arch: () => "x64", cpus: () => [{ model: "wasm" }], tmpdir: () => "/tmp", homedir: () => "/home/user", hostname: () => "tandem" };
  const builtins: Record<string, unknown> = {
    fs: fsModule,
    "fs/promises": fsModule.promises,
    path: paths,
    "path/posix": paths,
    process: proc,
    console: console_,
    timers,
    "timers/promises": { setTimeout: (ms: number, v?: unknown) => new Promise((r) => timers.setTimeout(() => r(v), ms)) },
    assert: assertLoose,
    "assert/strict": assertStrict,
    events: eventsModule,
    util: utilModule,
    test: testModule,
    url,
    os,
    module: { createRequire: (from: string | URL) => loader.makeRequire(url.fileURLToPath(String(from).startsWith("file:") ? from : `file://${from}`)) },
    crypto: { randomUUID: () => crypto.randomUUID(), getRandomValues: (a: Uint8Array) => crypto.getRandomValues(a), webcrypto: crypto },
    perf_hooks: { performance },
    string_decoder: { StringDecoder: class { write(b: Uint8Array) { return new TextDecoder().decode(b); } end() { return ""; } } },
    buffer: {},
  };
  const builtin = (name: string): unknown => {
    if (name in builtins) return builtins[name];
    if (UNAVAILABLE.has(name))
      throw Object.assign(new Error(`The offline runtime has no "node:${name}" module (servers, subprocesses and streams need WebContainer, which needs a network).`), { code: "ERR_UNAVAILABLE_OFFLINE" });
    throw Object.assign(new Error(`No such built-in module: node:${name}`), { code: "ERR_UNKNOWN_BUILTIN_MODULE" });
  };
  const globals: ScopeGlobals = { process: proc, console: console_, ...timers, global: globalThis };
  const loader = new ModuleLoader(host, builtin, globals);
  const previous = (globalThis as { __tandem?: unknown }).__tandem;
  (globalThis as { __tandem?: unknown }).__tandem = {
    globals,
    builtin,
    require: (path: string) => loader.require(path, path),
    dyn: (from: string) => (spec: string) => loader.importFrom(spec, from),
    meta: (path: string) => ({ url: `file://${path}`, filename: path, dirname: paths.dirname(path), resolve: (s: string) => `file://${paths.resolve(paths.dirname(path), s)}` }),
  };

  function cleanStack(text: string): string {
    let out = text;
    for (const [u, p] of loader.urlToPath) out = out.split(u).join(p);
    return out
      .split("\n")
      .filter((l) => !/^\s+at /.test(l) || /(\(|at )\/[^\s()]+:\d+:\d+\)?$/.test(l) && !/\/(node_modules|_next)\//.test(l) && isUserFrame(l))
      .join("\n");
  }
  function isUserFrame(l: string): boolean {
    const m = l.match(/(\/[^\s()]+):\d+:\d+\)?$/);
    return !!m && !!m[1] && host.fs.isFile(m[1]);
  }
  function formatError(error: unknown): string {
    if (error instanceof Error) {
      const stack = cleanStack(error.stack ?? `${error.name}: ${error.message}`);
      const head = stack.startsWith(error.name) || stack.includes(error.message) ? stack : `${error.name}: ${error.message}\n${stack}`;
      return head.replace(/^AssertionError(?! \[)/, "AssertionError [ERR_ASSERTION]");
    }
    return `Uncaught ${inspect(error)}`;
  }
  function locate(stack: string | undefined): string | undefined {
    if (!stack) return undefined;
    for (const l of cleanStack(stack).split("\n")) {
      const m = l.match(/(\/[^\s()]+):(\d+):(\d+)\)?$/);
      if (m && m[1] && host.fs.isFile(m[1])) return `${paths.relative(cwd, m[1])}:${m[2]}:${m[3]}`;
    }
    return undefined;
  }

  const onRejection = (event: { reason: unknown; preventDefault(): void }) => {
    event.preventDefault();
    reportUncaught(event.reason);
  };
  const target = globalThis as unknown as { addEventListener?: (t: string, f: (e: never) => void) => void; removeEventListener?: (t: string, f: (e: never) => void) => void };
  target.addEventListener?.("unhandledrejection", onRejection);

  const waitIdle = async () => {
    for (;;) {
      if (exited) return;
      if (active.size > 0) await new Promise<void>((r) => (onIdle = r));
      onIdle = undefined;
      if (runner) await runner.idle();
      await new Promise((r) => setTimeout(r, 0));
      if (active.size === 0 && !exited) {
        if (!runner) return;
        const before = runner.totals.tests + runner.totals.suites;
        await runner.idle();
        if (runner.totals.tests + runner.totals.suites === before && active.size === 0) return;
      }
    }
  };

  const program = (async () => {
    if (main.kind === "eval") {
      const entry = `${cwd}/[eval]`;
      const wrapper = (0, eval)(`(function (require, __filename, __dirname, process, console, setTimeout, setInterval, clearTimeout, clearInterval, setImmediate, clearImmediate) { return eval(${JSON.stringify(main.code)}); })`) as (...a: unknown[]) => unknown;
      const value = wrapper(loader.makeRequire(entry), entry, cwd, proc, console_, timers.setTimeout, timers.setInterval, clear, clear, timers.setImmediate, clear);
      if (main.print) out(`${typeof value === "string" ? value : inspect(value)}\n`);
    } else if (main.kind === "file") {
      await loader.prepare(main.path);
      await loader.runMain(main.path);
    } else {
      for (const file of main.files) {
        await loader.prepare(file);
        await loader.runMain(file);
        await waitIdle();
      }
    }
    await waitIdle();
    if (runner) {
      out(runner.summary());
      if (runner.totals.fail > 0 && proc.exitCode === undefined) proc.exitCode = 1;
    }
    return proc.exitCode ?? 0;
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
      finish(exitCode ?? code);
    }
    return await exitPromise;
  } finally {
    target.removeEventListener?.("unhandledrejection", onRejection);
    (globalThis as { __tandem?: unknown }).__tandem = previous;
  }
}
