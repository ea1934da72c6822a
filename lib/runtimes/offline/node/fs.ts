// node:fs and node:fs/promises over the runtime's MemFs. Sync, callback and promise styles share one implementation.
// Reads without an encoding return Buffers, as in Node; file descriptor 0 and /dev/stdin read what was piped in.
import { FsError, type MemFs } from "../mem-fs";
import type { BufferClass } from "./buffer";
import type { FileAccess, FileStreams } from "./streams";

export interface FsExtras {
  Buffer: BufferClass;
  /** What was piped into the program. */
  stdin: () => string;
  /** fs.createReadStream/createWriteStream (from the streams chunk; throws when it was not loaded). */
  streams: (files: FileAccess) => FileStreams;
}

type Encoding = string | { encoding?: string | null; flag?: string } | undefined | null;

function encodingOf(options: Encoding): string | null {
  if (typeof options === "string") return options;
  return options?.encoding ?? null;
}

const isUtf8 = (encoding: string) => /^utf-?8$/i.test(encoding);

const ERRNO: Record<string, number> = { ENOENT: -2, EEXIST: -17, ENOTDIR: -20, EISDIR: -21, ENOTEMPTY: -39, ENOSYS: -38 };

/**
 * Node's fs errors carry errno and syscall too (programs branch on e.code and print e.syscall), and name the path
 * as the program gave it ("open 'missing.txt'"), not resolved.
 */
function withErrorDetails<F extends (...args: never[]) => unknown>(fn: F, resolve: (p: string) => string = (p) => p): F {
  return ((...args: never[]) => {
    try {
      return fn(...args);
    } catch (error) {
      if (error instanceof FsError) {
        const syscall = error.message.match(/, (\w+) '/)?.[1];
        Object.assign(error, { errno: ERRNO[error.code], ...(syscall ? { syscall } : {}) });
        const given: unknown = args[0];
        if (typeof given === "string" && given !== error.path && resolve(given) === error.path) {
          error.message = error.message.replace(`'${error.path}'`, `'${given}'`);
          Object.defineProperty(error, "path", { value: given, enumerable: true, configurable: true, writable: true });
        }
      }
      throw error;
    }
  }) as F;
}

class Dirent {
  constructor(
    readonly name: string,
    private readonly dir: boolean,
    readonly parentPath: string,
  ) {}
  isFile() {
    return !this.dir;
  }
  isDirectory() {
    return this.dir;
  }
  isSymbolicLink() {
    return false;
  }
}

export function makeFs(mem: MemFs, resolve: (p: string) => string, extras: FsExtras) {
  const { Buffer } = extras;
  const abs = (p: string | URL) => resolve(p instanceof URL ? decodeURIComponent(p.pathname) : String(p));
  const isStdin = (p: string | URL | number) => p === 0 || p === "/dev/stdin";
  /** File content from data Node accepts: strings (in an encoding), Buffers, typed arrays and DataViews (copied). */
  const content = (data: unknown, encoding: string | null): string | Uint8Array => {
    if (typeof data === "string") return encoding && !isUtf8(encoding) ? new Uint8Array(Buffer.from(data, encoding as "utf8")) : data;
    if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
    return String(data);
  };
  const append = (path: string, data: string | Uint8Array) => mem.appendSync(path, data);
  const files: FileAccess = {
    resolve: (p) => abs(p),
    read: withErrorDetails((p: string) => mem.readBytesSync(p)),
    write: withErrorDetails((p: string, bytes: Uint8Array, toEnd: boolean) => (toEnd ? append(p, bytes.slice()) : mem.writeSync(p, bytes.slice()))),
  };
  const stat = (p: string | URL) => {
    const s = mem.statSync(abs(p));
    return {
      ...s,
      isFile: () => s.isFile,
      isDirectory: () => s.isDirectory,
      isSymbolicLink: () => false,
      mtimeMs: s.mtime.getTime(),
      size: s.size,
    };
  };
  const sync = {
    existsSync: (p: string | URL) => mem.entry(abs(p)) !== undefined,
    readFileSync: (p: string | URL | number, options?: Encoding) => {
      const enc = encodingOf(options);
      if (isStdin(p)) {
        const piped = Buffer.from(extras.stdin());
        return enc && enc !== "buffer" ? piped.toString(enc as "utf8") : piped;
      }
      if (typeof p === "number") throw new FsError("ENOSYS", "read", `fd ${p}`);
      if (enc && isUtf8(enc)) return mem.readTextSync(abs(p));
      const bytes = Buffer.from(mem.readBytesSync(abs(p)));
      return enc && enc !== "buffer" ? bytes.toString(enc as "utf8") : bytes;
    },
    writeFileSync: (p: string | URL, data: unknown, options?: Encoding) => {
      const path = abs(p);
      const flag = typeof options === "object" ? options?.flag : undefined;
      if (flag?.startsWith("a")) append(path, content(data, encodingOf(options)));
      else mem.writeSync(path, content(data, encodingOf(options)));
    },
    appendFileSync: (p: string | URL, data: unknown, options?: Encoding) => append(abs(p), content(data, encodingOf(options))),
    mkdirSync: (p: string | URL, options?: { recursive?: boolean }) => {
      mem.mkdirSync(abs(p), options);
      return undefined;
    },
    readdirSync: (p: string | URL, options?: { withFileTypes?: boolean; recursive?: boolean }) => {
      const dir = abs(p);
      // { recursive: true }: every entry below, as paths relative to the folder (Node lists a folder, then its insides).
      const walk = (rel: string): Array<[string, string]> =>
        mem.readdirSync(rel ? `${dir}/${rel}` : dir).flatMap((n): Array<[string, string]> => {
          const child = rel ? `${rel}/${n}` : n;
          return [[child, rel], ...(options?.recursive && mem.isDirectory(`${dir}/${child}`) ? walk(child) : [])];
        });
      const entries = walk("");
      if (!options?.withFileTypes) return entries.map(([child]) => child);
      return entries.map(([child, rel]) => new Dirent(child.slice(rel ? rel.length + 1 : 0), mem.isDirectory(`${dir}/${child}`), rel ? `${dir}/${rel}` : dir));
    },
    statSync: stat,
    lstatSync: stat,
    unlinkSync: (p: string | URL) => {
      if (mem.isDirectory(abs(p))) throw new FsError("EISDIR", "unlink", abs(p));
      mem.rmSync(abs(p));
    },
    rmSync: (p: string | URL, options?: { recursive?: boolean; force?: boolean }) => mem.rmSync(abs(p), options),
    rmdirSync: (p: string | URL, options?: { recursive?: boolean }) => {
      if (!mem.entry(abs(p))) throw new FsError("ENOENT", "rmdir", abs(p));
      mem.rmSync(abs(p), options);
    },
    renameSync: (a: string | URL, b: string | URL) => mem.renameSync(abs(a), abs(b)),
    copyFileSync: (a: string | URL, b: string | URL) => {
      const data = mem.readSync(abs(a));
      mem.writeSync(abs(b), typeof data === "string" ? data : data.slice());
    },
    realpathSync: (p: string | URL) => {
      const path = abs(p);
      if (!mem.entry(path)) throw new FsError("ENOENT", "realpath", path);
      return path;
    },
    accessSync: (p: string | URL) => {
      if (!mem.entry(abs(p))) throw new FsError("ENOENT", "access", abs(p));
    },
  };
  type SyncFn = (...args: never[]) => unknown;
  for (const name of Object.keys(sync) as Array<keyof typeof sync>) (sync as Record<string, SyncFn>)[name] = withErrorDetails(sync[name], (p) => abs(p));
  const promises: Record<string, SyncFn> = {};
  const callbacks: Record<string, SyncFn> = {};
  for (const [name, fn] of Object.entries(sync)) {
    if (name === "existsSync") continue;
    const base = name.slice(0, -4);
    promises[base] = ((...args: unknown[]) =>
      new Promise((resolve, reject) => {
        try {
          resolve((fn as (...a: unknown[]) => unknown)(...args));
        } catch (error) {
          reject(error);
        }
      })) as SyncFn;
    callbacks[base] = ((...args: unknown[]) => {
      const cb = args.pop();
      if (typeof cb !== "function") throw new TypeError(`The "cb" argument must be of type function.`);
      queueMicrotask(() => {
        try {
          cb(null, (fn as (...a: unknown[]) => unknown)(...args));
        } catch (error) {
          cb(error);
        }
      });
    }) as SyncFn;
  }
  promises.rm = promises.rm ?? ((() => undefined) as SyncFn);
  const fs = {
    ...sync,
    ...callbacks,
    exists: (p: string, cb: (e: boolean) => void) => queueMicrotask(() => cb(sync.existsSync(p))),
    createReadStream: (...args: Parameters<FileStreams["createReadStream"]>) => extras.streams(files).createReadStream(...args),
    createWriteStream: (...args: Parameters<FileStreams["createWriteStream"]>) => extras.streams(files).createWriteStream(...args),
    promises,
    constants: { F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1 },
  };
  return Object.assign(fs, { default: fs });
}
