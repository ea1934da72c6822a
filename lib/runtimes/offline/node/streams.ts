// node:stream, stream/promises, readline, string_decoder, process.stdin/stdout/stderr as streams and
// fs.createReadStream/createWriteStream. The streams are readable-stream (Node's own stream code, published for
// browsers); this file is a chunk of its own, loaded only for programs that use them (see lazy-builtins.ts).
import Stream from "readable-stream/lib/stream.js";
import { StringDecoder } from "string_decoder/";
import processShim from "process/";
import { Buffer } from "buffer/";
import { readlineModule, readlinePromises } from "./readline";
import type { KeyboardInput } from "./keyboard";
import { hostTimers } from "./host-timers";

type Callback = (error?: Error | null) => void;
type Sink = (text: string) => void;

// Minification renames classes; programs print and compare these names.
for (const [name, value] of Object.entries({ Readable: Stream.Readable, Writable: Stream.Writable, Duplex: Stream.Duplex, Transform: Stream.Transform, PassThrough: Stream.PassThrough, Stream }))
  Object.defineProperty(value, "name", { value: name });

export const streamModule = Stream;
export const streamPromises = Stream.promises;
export { readlineModule, readlinePromises };
export const stringDecoderModule = { StringDecoder };

/** process.stdout / process.stderr: a Writable whose writes reach the terminal at once (the sink is synchronous). */
class StdioWritable extends Stream.Writable {
  #decoder = new TextDecoder();

  constructor(
    private readonly sink: Sink,
    readonly fd: number,
  ) {
    super({ decodeStrings: false });
  }

  text(chunk: unknown, encoding?: unknown): string {
    if (typeof chunk === "string")
      return typeof encoding === "string" && !/^utf-?8$|^buffer$/i.test(encoding) ? Buffer.from(chunk, encoding as "hex").toString() : chunk;
    if (chunk instanceof Uint8Array) return this.#decoder.decode(chunk, { stream: true });
    return String(chunk);
  }

  override _write(chunk: unknown, encoding: string, callback: Callback): void {
    this.sink(this.text(chunk, encoding));
    callback();
  }

}

/** Node's stdout survives end() (stream.pipeline ends its destination): later writes still print. */
function keepWritableAfterEnd(stream: StdioWritable): StdioWritable {
  const write = stream.write.bind(stream) as (chunk: unknown, encoding?: unknown, cb?: unknown) => boolean;
  const sink = (stream as unknown as { sink: Sink }).sink;
  Object.defineProperty(stream, "write", {
    value: (chunk: unknown, encoding?: unknown, cb?: unknown) => {
      if (!stream.writableEnded) return write(chunk, encoding, cb);
      sink(stream.text(chunk, encoding));
      const done = typeof encoding === "function" ? encoding : cb;
      if (typeof done === "function") queueMicrotask(() => (done as Callback)(null));
      return true;
    },
  });
  return stream;
}

export interface ProgramStdio {
  stdin: InstanceType<typeof Stream.Readable> & { fd: number; isTTY?: boolean };
  stdout: StdioWritable;
  stderr: StdioWritable;
}

/** What a program's stdin needs from the program's host. */
export interface StdinHost {
  /** Keeps the program alive until the promise settles (the program's "event loop" has this pending). */
  keepAlive(until: Promise<void>): void;
  /** The terminal's keyboard, when the program runs in a terminal. */
  keyboard?: KeyboardInput;
}

/**
 * A program's standard streams. stdin holds what was piped in, then ends; or, in a terminal with nothing piped in, it
 * is the keyboard: open until Ctrl+D, and while the program reads it (flowing, e.g. readline) it keeps the program
 * alive, as Node's stdin does; paused (rl.close()) it does not.
 */
export function createStdio(stdinText: string, out: Sink, errOut: Sink, host: StdinHost): ProgramStdio {
  const stdin = Object.assign(new Stream.Readable({ read() {} }), { fd: 0 });
  const { keyboard, keepAlive } = host;
  if (keyboard && !stdinText) {
    let release: (() => void) | null = null;
    const stop = () => {
      release?.();
      release = null;
    };
    stdin.on("resume", () => {
      if (!release) keepAlive(new Promise<void>((resolve) => (release = resolve)));
    });
    stdin.on("pause", stop);
    stdin.on("end", stop);
    stdin.on("close", stop);
    keyboard.read(
      (data) => stdin.push(Buffer.from(data)),
      () => stdin.push(null),
    );
  } else {
    if (stdinText) stdin.push(Buffer.from(stdinText));
    // Node reads a pipe's end in a later turn of its event loop than the data: a program that answers one question
    // and asks the next (readline/promises) asks before its interface closes, so that question stays pending.
    keepAlive(new Promise<void>((resolve) => hostTimers.setTimeout(() => resolve(void stdin.push(null)), 0)));
  }
  return { stdin, stdout: keepWritableAfterEnd(new StdioWritable(out, 1)), stderr: keepWritableAfterEnd(new StdioWritable(errOut, 2)) };
}

type NextTick = (fn: (...args: unknown[]) => void, ...args: unknown[]) => void;

export interface ProgramProcess {
  /** Defers like Node's nextTick, inside the program: errors thrown there are its uncaught exceptions. */
  nextTick: NextTick;
  readonly stdout: unknown;
  readonly stderr: unknown;
}

/**
 * In a browser, readable-stream's process.nextTick is the `process` package's, which defers with setTimeout: work the
 * program's event loop does not see, so a program could end before its streams finish, and an error thrown in a
 * stream callback would escape it. While a program runs, its own nextTick and stdout take that place. In Node (the
 * unit tests) the package is Node's own process, which is left alone (the test runner swaps process.nextTick itself).
 * Returns the undo.
 */
export function bindProcess(proc: ProgramProcess, shim = processShim as unknown as Record<string, unknown>): () => void {
  if (shim === (globalThis as { process?: unknown }).process) return () => {};
  const saved = { nextTick: shim.nextTick, stdout: Object.getOwnPropertyDescriptor(shim, "stdout"), stderr: Object.getOwnPropertyDescriptor(shim, "stderr") };
  shim.nextTick = (fn: (...args: unknown[]) => void, ...args: unknown[]) => proc.nextTick(fn, ...args);
  // Readable.pipe() leaves process.stdout open by comparing with these.
  Object.defineProperty(shim, "stdout", { get: () => proc.stdout, configurable: true });
  Object.defineProperty(shim, "stderr", { get: () => proc.stderr, configurable: true });
  return () => {
    shim.nextTick = saved.nextTick;
    for (const key of ["stdout", "stderr"] as const) {
      const descriptor = saved[key];
      if (descriptor) Object.defineProperty(shim, key, descriptor);
      else delete shim[key];
    }
  };
}

export interface FileAccess {
  resolve(path: string): string;
  read(path: string): Uint8Array;
  /** Writes bytes; `append` adds to the end, otherwise the file is replaced. */
  write(path: string, bytes: Uint8Array, append: boolean): void;
}

type StreamOptions = { encoding?: BufferEncoding; start?: number; end?: number; highWaterMark?: number; flags?: string } | string | undefined;

const optionsOf = (options: StreamOptions) => (typeof options === "string" ? { encoding: options as BufferEncoding } : (options ?? {}));

/** fs.createReadStream / fs.createWriteStream over the runtime's files, with Node's events (open, ready, close) and errors. */
export function fileStreams(files: FileAccess) {
  const createReadStream = (path: string | URL, options?: StreamOptions) => {
    const opts = optionsOf(options);
    const abs = files.resolve(path instanceof URL ? decodeURIComponent(path.pathname) : String(path));
    const chunkSize = opts.highWaterMark ?? 64 * 1024;
    let bytes: Uint8Array = new Uint8Array(0);
    let position = opts.start ?? 0;
    const stream = new Stream.Readable({
      highWaterMark: chunkSize,
      ...(opts.encoding ? { encoding: opts.encoding } : {}),
      construct(callback: Callback) {
        try {
          bytes = files.read(abs);
        } catch (error) {
          return callback(error as Error);
        }
        stream.emit("open", 3);
        stream.emit("ready");
        callback();
      },
      read() {
        const stop = Math.min(bytes.length, opts.end === undefined ? Infinity : opts.end + 1);
        if (position >= stop) return void this.push(null);
        const next = Math.min(position + chunkSize, stop);
        this.push(Buffer.from(bytes.subarray(position, next)));
        Object.assign(stream, { bytesRead: next - (opts.start ?? 0) });
        position = next;
      },
    });
    return Object.assign(stream, { path: String(path), bytesRead: 0, pending: false });
  };
  const createWriteStream = (path: string | URL, options?: StreamOptions) => {
    const opts = optionsOf(options);
    const abs = files.resolve(path instanceof URL ? decodeURIComponent(path.pathname) : String(path));
    let written = 0;
    const stream = new Stream.Writable({
      ...(opts.encoding ? { defaultEncoding: opts.encoding } : {}),
      construct(callback: Callback) {
        try {
          files.write(abs, new Uint8Array(0), (opts.flags ?? "w").startsWith("a"));
        } catch (error) {
          return callback(error as Error);
        }
        stream.emit("open", 4);
        stream.emit("ready");
        callback();
      },
      write(chunk: Uint8Array, _encoding: string, callback: Callback) {
        try {
          files.write(abs, chunk, true);
          written += chunk.byteLength;
          Object.assign(stream, { bytesWritten: written });
          callback();
        } catch (error) {
          callback(error as Error);
        }
      },
    });
    return Object.assign(stream, { path: String(path), bytesWritten: 0, pending: false });
  };
  return { createReadStream, createWriteStream, ReadStream: Stream.Readable, WriteStream: Stream.Writable };
}

export type FileStreams = ReturnType<typeof fileStreams>;
