// node:fs and node:fs/promises over the runtime's MemFs. Sync, callback and promise styles share one implementation.
import { FsError, type MemFs } from "../mem-fs";

type Encoding = string | { encoding?: string | null; flag?: string } | undefined | null;

function encodingOf(options: Encoding): string | null {
  if (typeof options === "string") return options;
  return options?.encoding ?? null;
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

export function makeFs(mem: MemFs, resolve: (p: string) => string) {
  const abs = (p: string | URL) => resolve(p instanceof URL ? decodeURIComponent(p.pathname) : String(p));
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
    readFileSync: (p: string | URL, options?: Encoding) => {
      const enc = encodingOf(options);
      if (enc) return mem.readTextSync(abs(p));
      return mem.readBytesSync(abs(p));
    },
    writeFileSync: (p: string | URL, data: string | Uint8Array) =>
      mem.writeSync(abs(p), typeof data === "string" || data instanceof Uint8Array ? data : String(data)),
    appendFileSync: (p: string | URL, data: string) => {
      const path = abs(p);
      mem.writeSync(path, (mem.entry(path) ? mem.readTextSync(path) : "") + String(data));
    },
    mkdirSync: (p: string | URL, options?: { recursive?: boolean }) => {
      mem.mkdirSync(abs(p), options);
      return undefined;
    },
    readdirSync: (p: string | URL, options?: { withFileTypes?: boolean }) => {
      const dir = abs(p);
      const names = mem.readdirSync(dir);
      if (!options?.withFileTypes) return names;
      return names.map((n) => new Dirent(n, mem.isDirectory(`${dir}/${n}`), dir));
    },
    statSync: stat,
    lstatSync: stat,
    unlinkSync: (p: string | URL) => {
      if (mem.isDirectory(abs(p))) throw new FsError("EISDIR", "unlink", abs(p));
      mem.rmSync(abs(p));
    },
    rmSync: (p: string | URL, options?: { recursive?: boolean; force?: boolean }) => mem.rmSync(abs(p), options),
    rmdirSync: (p: string | URL, options?: { recursive?: boolean }) => mem.rmSync(abs(p), options),
    renameSync: (a: string | URL, b: string | URL) => mem.renameSync(abs(a), abs(b)),
    copyFileSync: (a: string | URL, b: string | URL) => mem.writeSync(abs(b), mem.readSync(abs(a))),
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
    promises,
    constants: { F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1 },
  };
  return Object.assign(fs, { default: fs });
}
