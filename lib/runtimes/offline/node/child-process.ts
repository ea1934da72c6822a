// node:child_process for the offline runtime: spawn, exec, execFile, fork and spawnSync, execSync, execFileSync,
// over the shell's ChildRunner (process/children.ts). `node` children are processes of their own with live pipes;
// other commands run in the shell and their output arrives when they end. The Sync forms block this process with
// Atomics.wait until the child is done, as Node's do. fork() starts a node child without an IPC channel.
import type { ChildExit, ChildRequest, ChildSyncResult, StdioKind } from "../process/protocol";
import { EventEmitter } from "./events";
import type * as StreamsChunk from "./streams";
import type { BufferClass } from "./buffer";

/** What the process's host offers: the shell starts children; a realm that can block also runs Sync forms. */
export interface ChildHost {
  spawn(request: ChildRequest, events: { output(stream: "stdout" | "stderr", data: string): void; exit(exit: ChildExit): void }): {
    write(data: string | null): void;
    kill(signal: string): void;
  };
  spawnSync?(request: ChildRequest): ChildSyncResult;
}

export interface ChildProcessDeps {
  host: ChildHost | undefined;
  streams: typeof StreamsChunk;
  Buffer: BufferClass;
  cwd(): string;
  env(): Record<string, string>;
  resolve(path: string): string;
  /** Keeps the program alive until the promise settles. */
  track(until: Promise<void>): void;
  nextTick(fn: () => void): void;
}

type Options = {
  cwd?: string;
  env?: Record<string, string | undefined>;
  stdio?: unknown;
  shell?: boolean | string;
  encoding?: string;
  input?: string | Uint8Array;
  timeout?: number;
  silent?: boolean;
};

type Callback = (error: Error | null, stdout: unknown, stderr: unknown) => void;

let nextPid = 100;

export function makeChildProcess(deps: ChildProcessDeps) {
  const { Readable, Writable } = deps.streams.streamModule;
  const host = () => {
    if (!deps.host) throw Object.assign(new Error("child_process is not available here: this program has no shell to start children in."), { code: "ERR_UNAVAILABLE_OFFLINE" });
    return deps.host;
  };

  const stdioOf = (stdio: unknown, fallback: StdioKind[]): [StdioKind, StdioKind, StdioKind] => {
    const kind = (v: unknown, i: number): StdioKind => {
      if (v === undefined || v === null) return (fallback[i] ?? "pipe") as StdioKind;
      if (v === "pipe" || v === "overlapped") return "pipe";
      if (v === "ignore") return "ignore";
      // "inherit", the parent's own fd numbers or streams: the child writes where the parent writes.
      return "inherit";
    };
    if (typeof stdio === "string") return [kind(stdio, 0), kind(stdio, 1), kind(stdio, 2)];
    if (Array.isArray(stdio)) return [kind(stdio[0], 0), kind(stdio[1], 1), kind(stdio[2], 2)];
    return [kind(undefined, 0), kind(undefined, 1), kind(undefined, 2)];
  };

  const request = (file: string, args: string[], options: Options, fallback: StdioKind[]): ChildRequest => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(options.env ?? deps.env())) if (v !== undefined) env[k] = String(v);
    const shell = Boolean(options.shell);
    return {
      file: shell ? [file, ...args].join(" ") : file,
      args: shell ? [] : args.map(String),
      shell,
      cwd: options.cwd ? deps.resolve(String(options.cwd)) : deps.cwd(),
      env,
      stdio: stdioOf(options.stdio, fallback),
      ...(options.input !== undefined ? { input: typeof options.input === "string" ? options.input : new TextDecoder().decode(options.input) } : {}),
      ...(options.timeout ? { timeout: options.timeout } : {}),
    };
  };

  class ChildProcess extends EventEmitter {
    pid: number | undefined = nextPid++;
    exitCode: number | null = null;
    signalCode: string | null = null;
    killed = false;
    spawnfile: string;
    spawnargs: string[];
    stdin: InstanceType<typeof Writable> | null = null;
    stdout: InstanceType<typeof Readable> | null = null;
    stderr: InstanceType<typeof Readable> | null = null;
    stdio: Array<unknown>;
    connected = false;
    private handle: ReturnType<ChildHost["spawn"]>;

    constructor(req: ChildRequest, display: { file: string; args: string[] }) {
      super();
      this.spawnfile = display.file;
      this.spawnargs = [display.file, ...display.args];
      if (req.stdio[1] === "pipe") this.stdout = new Readable({ read() {} });
      if (req.stdio[2] === "pipe") this.stderr = new Readable({ read() {} });
      let release: () => void = () => {};
      deps.track(new Promise<void>((resolve) => (release = resolve)));
      this.handle = host().spawn(req, {
        output: (stream, data) => (stream === "stdout" ? this.stdout : this.stderr)?.push(deps.Buffer.from(data)),
        exit: (exit) => this.finish(exit, release),
      });
      const handle = this.handle;
      if (req.stdio[0] === "pipe") {
        this.stdin = new Writable({
          write(chunk: unknown, _encoding: string, callback: (error?: Error | null) => void) {
            handle.write(typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk as Uint8Array));
            callback();
          },
          final(callback: (error?: Error | null) => void) {
            handle.write(null);
            callback();
          },
        });
      }
      this.stdio = [this.stdin, this.stdout, this.stderr];
      deps.nextTick(() => this.emit("spawn"));
    }

    private finish(exit: ChildExit, release: () => void): void {
      if (exit.error) {
        this.pid = undefined;
        const error = Object.assign(new Error(exit.error.message), { errno: -2, code: exit.error.code, syscall: `spawn ${this.spawnfile}`, path: this.spawnfile, spawnargs: this.spawnargs.slice(1) });
        this.emit("error", error);
      } else {
        this.exitCode = exit.code;
        this.signalCode = exit.signal;
        this.emit("exit", exit.code, exit.signal);
      }
      this.stdout?.push(null);
      this.stderr?.push(null);
      // "close" comes after the child's streams have ended, as in Node.
      const streams = [this.stdout, this.stderr].filter((s): s is InstanceType<typeof Readable> => s !== null);
      let open = streams.length;
      const close = () => {
        this.emit("close", exit.error ? -2 : exit.code, exit.signal);
        release();
      };
      if (open === 0) deps.nextTick(close);
      for (const s of streams) {
        s.once("end", () => --open === 0 && close());
        s.once("close", () => undefined);
        if (s.listenerCount("data") === 0 && s.listenerCount("readable") === 0) s.resume();
      }
    }

    kill(signal: string | number = "SIGTERM"): boolean {
      if (this.exitCode !== null || this.signalCode !== null) return false;
      this.killed = true;
      this.handle.kill(typeof signal === "number" ? "SIGTERM" : signal);
      return true;
    }

    send(): boolean {
      throw Object.assign(new Error("child.send(): fork() in the offline runtime has no IPC channel."), { code: "ERR_UNAVAILABLE_OFFLINE" });
    }

    disconnect(): void {}
    ref(): void {}
    unref(): void {}
  }

  const split = (args: unknown, options: unknown): [string[], Options] =>
    Array.isArray(args) ? [args.map(String), (options ?? {}) as Options] : [[], ((args && typeof args === "object" ? args : options) ?? {}) as Options];

  const spawn = (command: string, args?: unknown, options?: unknown) => {
    const [list, opts] = split(args, options);
    return new ChildProcess(request(command, list, opts, ["pipe", "pipe", "pipe"]), { file: command, args: list });
  };

  const decode = (text: string, encoding: string | undefined) => (encoding && encoding !== "buffer" ? text : deps.Buffer.from(text));

  const collect = (child: ChildProcess, encoding: string | undefined, done: (stdout: unknown, stderr: unknown, code: number | null, signal: string | null) => void) => {
    let out = "";
    let err = "";
    child.stdout?.on("data", (d: Uint8Array) => (out += new TextDecoder().decode(d)));
    child.stderr?.on("data", (d: Uint8Array) => (err += new TextDecoder().decode(d)));
    child.on("close", (...a: unknown[]) => done(decode(out, encoding), decode(err, encoding), a[0] as number | null, a[1] as string | null));
  };

  const failure = (command: string, stderr: string, code: number | null, signal: string | null, killed: boolean) =>
    Object.assign(new Error(`Command failed: ${command}${stderr ? `\n${stderr}` : ""}`), { code, killed, signal, cmd: command });

  const exec = (command: string, options?: unknown, callback?: Callback) => {
    const [opts, cb] = typeof options === "function" ? [{} as Options, options as Callback] : [(options ?? {}) as Options, callback];
    const encoding = opts.encoding ?? "utf8";
    const child = new ChildProcess(request(command, [], { ...opts, shell: true }, ["pipe", "pipe", "pipe"]), { file: "/bin/sh", args: ["-c", command] });
    collect(child, encoding, (stdout, stderr, code, signal) => cb?.(code === 0 ? null : failure(command, String(stderr), code, signal, child.killed), stdout, stderr));
    return child;
  };

  const execFile = (file: string, args?: unknown, options?: unknown, callback?: Callback) => {
    const rest = [args, options, callback];
    const cb = rest.find((a): a is Callback => typeof a === "function");
    const list = Array.isArray(args) ? args.map(String) : [];
    const opts = (rest.find((a) => a && typeof a === "object" && !Array.isArray(a)) ?? {}) as Options;
    const child = new ChildProcess(request(file, list, opts, ["pipe", "pipe", "pipe"]), { file, args: list });
    child.on("error", (error: unknown) => cb?.(error as Error, "", ""));
    collect(child, opts.encoding ?? "utf8", (stdout, stderr, code, signal) =>
      code === -2 ? undefined : cb?.(code === 0 ? null : failure([file, ...list].join(" "), String(stderr), code, signal, child.killed), stdout, stderr),
    );
    return child;
  };

  const fork = (modulePath: string, args?: unknown, options?: unknown) => {
    const [list, opts] = split(args, options);
    const stdio = opts.silent ? "pipe" : (opts.stdio ?? "inherit");
    return new ChildProcess(request("node", [String(modulePath), ...list], { ...opts, stdio }, ["inherit", "inherit", "inherit"]), { file: "/usr/local/bin/node", args: [String(modulePath), ...list] });
  };

  const runSync = (file: string, args: string[], opts: Options, fallback: StdioKind[]) => {
    const h = host();
    if (!h.spawnSync)
      throw Object.assign(new Error("child_process Sync functions need a cross-origin isolated sandbox (SharedArrayBuffer and Atomics.wait), which this browser does not give."), { code: "ERR_UNAVAILABLE_OFFLINE" });
    return h.spawnSync(request(file, args, opts, fallback));
  };

  const spawnSync = (command: string, args?: unknown, options?: unknown) => {
    const [list, opts] = split(args, options);
    const r = runSync(command, list, opts, ["pipe", "pipe", "pipe"]);
    const stdout = decode(r.stdout, opts.encoding);
    const stderr = decode(r.stderr, opts.encoding);
    const error = r.error ? Object.assign(new Error(r.error.message), { code: r.error.code, errno: -2, syscall: `spawnSync ${command}`, path: command, spawnargs: list }) : undefined;
    return { pid: error ? 0 : nextPid++, output: [null, stdout, stderr], stdout, stderr, status: error ? null : r.code, signal: r.signal, ...(error ? { error } : {}) };
  };

  const execSyncCommon = (label: string, file: string, args: string[], opts: Options, shell: boolean) => {
    // Node: stderr goes to the parent's stderr unless stdio says otherwise.
    const r = runSync(file, args, { ...opts, shell }, ["pipe", "pipe", "inherit"]);
    const stdout = decode(r.stdout, opts.encoding);
    const stderr = decode(r.stderr, opts.encoding);
    if (r.error) throw Object.assign(new Error(r.error.message), { code: r.error.code, errno: -2, syscall: `spawnSync ${file}`, path: file, spawnargs: args });
    if (r.code !== 0)
      throw Object.assign(new Error(`Command failed: ${label}${r.stderr ? `\n${r.stderr}` : ""}`), { status: r.code, signal: r.signal, output: [null, stdout, stderr], pid: nextPid++, stdout, stderr });
    return stdout;
  };

  const execSync = (command: string, options?: Options) => execSyncCommon(command, command, [], options ?? {}, true);
  const execFileSync = (file: string, args?: unknown, options?: unknown) => {
    const [list, opts] = split(args, options);
    return execSyncCommon([file, ...list].join(" "), file, list, opts, false);
  };

  const promisified = Symbol.for("nodejs.util.promisify.custom");
  const withPromise = (fn: (...a: never[]) => ChildProcess, ...head: number[]) => {
    void head;
    Object.defineProperty(fn, promisified, {
      value: (...args: unknown[]) =>
        new Promise((resolve, reject) => {
          (fn as unknown as (...a: unknown[]) => unknown)(...args, (error: Error | null, stdout: unknown, stderr: unknown) =>
            error ? reject(Object.assign(error, { stdout, stderr })) : resolve({ stdout, stderr }),
          );
        }),
    });
  };
  withPromise(exec);
  withPromise(execFile);

  return { ChildProcess, spawn, exec, execFile, fork, spawnSync, execSync, execFileSync };
}
