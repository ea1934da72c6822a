// The offline runtime's file system: synchronous at its core (node's fs.readFileSync and require() need that), with
// the async IFileSystem face just-bash expects. It records which paths commands touched, so only those flow back
// into the project after a command, and external (project → runtime) writes are not echoed back.
import type { FsStat, IFileSystem, MkdirOptions, RmOptions, CpOptions } from "just-bash/browser";

interface DirentEntry {
  name: string;
  isFile: boolean;
  isDirectory: boolean;
  isSymbolicLink: boolean;
}

export type Entry =
  | { type: "file"; content: string | Uint8Array; mode: number; mtime: Date }
  | { type: "directory"; mode: number; mtime: Date };

/** Entries as they travel between Workers: a path and its entry, or null for a path that no longer exists. */
export type EntryList = Array<[string, Entry | null]>;

export class FsError extends Error {
  constructor(
    readonly code: "ENOENT" | "EEXIST" | "ENOTDIR" | "EISDIR" | "ENOTEMPTY" | "ENOSYS",
    syscall: string,
    readonly path: string,
  ) {
    super(`${code}: ${DESCRIPTIONS[code]}, ${syscall} '${path}'`);
  }
}

const DESCRIPTIONS = {
  ENOENT: "no such file or directory",
  EEXIST: "file already exists",
  ENOTDIR: "not a directory",
  EISDIR: "illegal operation on a directory",
  ENOTEMPTY: "directory not empty",
  ENOSYS: "function not implemented",
} as const;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function normalizeAbs(path: string): string {
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return `/${parts.join("/")}`;
}

function parentOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i <= 0 ? "/" : path.slice(0, i);
}

export class MemFs implements IFileSystem {
  private entries = new Map<string, Entry>([["/", { type: "directory", mode: 0o755, mtime: new Date() }]]);
  private children = new Map<string, Set<string>>([["/", new Set()]]);
  /** Paths written or removed by commands since the last `takeTouched()`. */
  private touched = new Set<string>();
  private tracking = true;
  /** Character devices: writes go to a sink, nothing is stored (how live terminal output leaves a running script). */
  private devices = new Map<string, (text: string) => void>();
  /** Every path changed (by anyone), in order: a process Worker's copy is brought up to date from it (`changesSince`). */
  private journal: string[] = [];
  private journalBase = 0;

  /** Writes that come from outside (the project) are applied without being recorded as command changes. */
  external(fn: () => void): void {
    this.tracking = false;
    try {
      fn();
    } finally {
      this.tracking = true;
    }
  }

  /** Makes `path` a write-only device: every write or append to it is handed to `sink` as text. */
  attachDevice(path: string, sink: (text: string) => void): void {
    const p = normalizeAbs(path);
    this.mkdirSync(parentOf(p), { recursive: true });
    this.external(() => this.writeSync(p, ""));
    this.devices.set(p, sink);
  }

  takeTouched(): string[] {
    const out = [...this.touched];
    this.touched.clear();
    return out;
  }

  // ---- copies in other Workers (process-launcher.ts): a snapshot, then what changed since ----

  /** A number that grows with every change; `changesSince(version)` tells what changed after it. */
  version(): number {
    return this.journalBase + this.journal.length;
  }

  /** Every entry, for a new copy (`importEntries`). */
  snapshot(): EntryList {
    return [...this.entries].filter(([p]) => !this.devices.has(p));
  }

  /** The current entry of each path changed after `version`, or undefined when the journal no longer reaches back. */
  changesSince(version: number): EntryList | undefined {
    if (version < this.journalBase) return undefined;
    return this.export(this.journal.slice(version - this.journalBase));
  }

  /** The current entries of these paths (null for those that are gone). */
  export(paths: Iterable<string>): EntryList {
    const out: EntryList = [];
    for (const p of new Set(paths)) if (!this.devices.has(p)) out.push([p, this.entries.get(p) ?? null]);
    return out;
  }

  /** Applies entries from another copy, parents first; recorded as touched like any write (unless `external`). */
  importEntries(list: EntryList): void {
    const sorted = [...list].sort(([a], [b]) => a.split("/").length - b.split("/").length);
    for (const [p, e] of sorted) {
      if (e === null) {
        if (this.entries.has(p)) this.rmSync(p, { recursive: true, force: true });
        continue;
      }
      const existing = this.entries.get(p);
      if (existing && existing.type !== e.type) this.rmSync(p, { recursive: true, force: true });
      if (!this.entries.has(parentOf(p))) this.mkdirSync(parentOf(p), { recursive: true });
      this.set(p, e.type === "file" ? { ...e } : { type: "directory", mode: e.mode, mtime: e.mtime });
    }
  }

  // ---- synchronous core ----

  entry(path: string): Entry | undefined {
    return this.entries.get(normalizeAbs(path));
  }

  isFile(path: string): boolean {
    return this.entry(path)?.type === "file";
  }

  isDirectory(path: string): boolean {
    return this.entry(path)?.type === "directory";
  }

  readSync(path: string, syscall = "open"): string | Uint8Array {
    const p = normalizeAbs(path);
    const e = this.entries.get(p);
    if (!e) throw new FsError("ENOENT", syscall, p);
    if (e.type === "directory") throw new FsError("EISDIR", "read", p);
    return e.content;
  }

  readTextSync(path: string): string {
    const c = this.readSync(path);
    return typeof c === "string" ? c : decoder.decode(c);
  }

  readBytesSync(path: string): Uint8Array {
    const c = this.readSync(path);
    return typeof c === "string" ? encoder.encode(c) : c;
  }

  writeSync(path: string, content: string | Uint8Array): void {
    const p = normalizeAbs(path);
    const device = this.devices.get(p);
    if (device) return device(typeof content === "string" ? content : decoder.decode(content));
    const existing = this.entries.get(p);
    if (existing?.type === "directory") throw new FsError("EISDIR", "open", p);
    const parent = this.entries.get(parentOf(p));
    if (!parent) throw new FsError("ENOENT", "open", p);
    if (parent.type !== "directory") throw new FsError("ENOTDIR", "open", p);
    this.set(p, { type: "file", content, mode: existing?.mode ?? 0o644, mtime: new Date() });
  }

  /** Creates missing parent folders (used for syncing from the project and by `mkdir -p`). */
  writeDeepSync(path: string, content: string | Uint8Array): void {
    const p = normalizeAbs(path);
    this.mkdirSync(parentOf(p), { recursive: true });
    this.writeSync(p, content);
  }

  mkdirSync(path: string, options?: MkdirOptions): void {
    const p = normalizeAbs(path);
    const e = this.entries.get(p);
    if (e) {
      if (options?.recursive && e.type === "directory") return;
      throw new FsError("EEXIST", "mkdir", p);
    }
    const parent = parentOf(p);
    if (!this.entries.has(parent)) {
      if (!options?.recursive) throw new FsError("ENOENT", "mkdir", p);
      this.mkdirSync(parent, { recursive: true });
    } else if (this.entries.get(parent)?.type !== "directory") throw new FsError("ENOTDIR", "mkdir", p);
    this.set(p, { type: "directory", mode: 0o755, mtime: new Date() });
  }

  readdirSync(path: string): string[] {
    const p = normalizeAbs(path);
    const e = this.entries.get(p);
    if (!e) throw new FsError("ENOENT", "scandir", p);
    if (e.type !== "directory") throw new FsError("ENOTDIR", "scandir", p);
    return [...(this.children.get(p) ?? [])].sort();
  }

  statSync(path: string): FsStat {
    const p = normalizeAbs(path);
    const e = this.entries.get(p);
    if (!e) throw new FsError("ENOENT", "stat", p);
    const size = e.type === "file" ? (typeof e.content === "string" ? encoder.encode(e.content).byteLength : e.content.byteLength) : 4096;
    return { isFile: e.type === "file", isDirectory: e.type === "directory", isSymbolicLink: false, mode: e.mode, size, mtime: e.mtime };
  }

  rmSync(path: string, options?: RmOptions): void {
    const p = normalizeAbs(path);
    const e = this.entries.get(p);
    if (!e) {
      if (options?.force) return;
      throw new FsError("ENOENT", "rm", p);
    }
    if (e.type === "directory") {
      const kids = this.children.get(p);
      if (kids && kids.size > 0 && !options?.recursive) throw new FsError("ENOTEMPTY", "rmdir", p);
      for (const kid of [...(kids ?? [])]) this.rmSync(`${p === "/" ? "" : p}/${kid}`, { recursive: true, force: true });
    }
    this.remove(p);
  }

  renameSync(from: string, to: string): void {
    const a = normalizeAbs(from);
    const b = normalizeAbs(to);
    const e = this.entries.get(a);
    if (!e) throw new FsError("ENOENT", "rename", a);
    if (a === b) return;
    if (e.type === "file") {
      if (this.entries.get(b)?.type === "directory") throw new FsError("EISDIR", "rename", b);
      this.writeSync(b, e.content);
      this.remove(a);
      return;
    }
    this.mkdirSync(b, { recursive: true });
    for (const kid of this.readdirSync(a)) this.renameSync(`${a}/${kid}`, `${b}/${kid}`);
    this.remove(a);
  }

  /** Every file under a folder (absolute paths), for syncing and for `node --test` discovery. */
  walkFiles(root = "/"): string[] {
    const out: string[] = [];
    const base = normalizeAbs(root);
    const prefix = base === "/" ? "/" : `${base}/`;
    for (const [p, e] of this.entries) if (e.type === "file" && (p.startsWith(prefix) || p === base)) out.push(p);
    return out.sort();
  }

  private set(p: string, entry: Entry): void {
    if (!this.entries.has(p)) {
      const parent = parentOf(p);
      let kids = this.children.get(parent);
      if (!kids) this.children.set(parent, (kids = new Set()));
      kids.add(p.slice(parent === "/" ? 1 : parent.length + 1));
    }
    if (entry.type === "directory" && !this.children.has(p)) this.children.set(p, new Set());
    this.entries.set(p, entry);
    if (this.tracking) this.touched.add(p);
    this.log(p);
  }

  /** An entry changed in place (mode, times). */
  private changed(p: string): void {
    if (this.tracking) this.touched.add(p);
    this.log(p);
  }

  private log(p: string): void {
    this.journal.push(p);
    // Bounded: a copy older than the kept journal gets a whole snapshot instead.
    if (this.journal.length > 50_000) {
      this.journal = this.journal.slice(25_000);
      this.journalBase += 25_000;
    }
  }

  private remove(p: string): void {
    if (!this.entries.delete(p)) return;
    this.children.delete(p);
    const parent = parentOf(p);
    this.children.get(parent)?.delete(p.slice(parent === "/" ? 1 : parent.length + 1));
    if (this.tracking) this.touched.add(p);
    this.log(p);
  }

  // ---- IFileSystem (async face for just-bash) ----

  async readFile(path: string): Promise<string> {
    return this.readTextSync(path);
  }
  async readFileBuffer(path: string): Promise<Uint8Array> {
    return this.readBytesSync(path);
  }
  async writeFile(path: string, content: string | Uint8Array): Promise<void> {
    this.writeSync(path, content);
  }
  async appendFile(path: string, content: string | Uint8Array): Promise<void> {
    this.appendSync(path, content);
  }
  /** Adds to the end of a file (creating it), as text while both sides are text. */
  appendSync(path: string, content: string | Uint8Array): void {
    const p = normalizeAbs(path);
    const before = this.entries.get(p);
    if (!before || this.devices.has(p)) return this.writeSync(p, content);
    if (typeof content === "string" && typeof (before.type === "file" && before.content) === "string")
      return this.writeSync(p, (this.readSync(p) as string) + content);
    const a = this.readBytesSync(p);
    const b = typeof content === "string" ? encoder.encode(content) : content;
    const merged = new Uint8Array(a.byteLength + b.byteLength);
    merged.set(a);
    merged.set(b, a.byteLength);
    this.writeSync(p, merged);
  }
  async exists(path: string): Promise<boolean> {
    return this.entries.has(normalizeAbs(path));
  }
  async stat(path: string): Promise<FsStat> {
    return this.statSync(path);
  }
  async lstat(path: string): Promise<FsStat> {
    return this.statSync(path);
  }
  async mkdir(path: string, options?: MkdirOptions): Promise<void> {
    this.mkdirSync(path, options);
  }
  async readdir(path: string): Promise<string[]> {
    return this.readdirSync(path);
  }
  async readdirWithFileTypes(path: string): Promise<DirentEntry[]> {
    const p = normalizeAbs(path);
    return this.readdirSync(p).map((name) => {
      const e = this.entries.get(`${p === "/" ? "" : p}/${name}`);
      return { name, isFile: e?.type === "file", isDirectory: e?.type === "directory", isSymbolicLink: false };
    });
  }
  async rm(path: string, options?: RmOptions): Promise<void> {
    this.rmSync(path, options);
  }
  async cp(src: string, dest: string, options?: CpOptions): Promise<void> {
    const a = normalizeAbs(src);
    const e = this.entries.get(a);
    if (!e) throw new FsError("ENOENT", "cp", a);
    if (e.type === "file") return this.writeSync(dest, e.content);
    if (!options?.recursive) throw new FsError("EISDIR", "cp", a);
    this.mkdirSync(dest, { recursive: true });
    for (const kid of this.readdirSync(a)) await this.cp(`${a}/${kid}`, `${normalizeAbs(dest)}/${kid}`, options);
  }
  async mv(src: string, dest: string): Promise<void> {
    this.renameSync(src, dest);
  }
  resolvePath(base: string, path: string): string {
    return normalizeAbs(path.startsWith("/") ? path : `${base}/${path}`);
  }
  getAllPaths(): string[] {
    return [...this.entries.keys()];
  }
  async chmod(path: string, mode: number): Promise<void> {
    const e = this.entry(path);
    if (!e) throw new FsError("ENOENT", "chmod", path);
    e.mode = mode;
    this.changed(normalizeAbs(path));
  }
  async symlink(_target: string, linkPath: string): Promise<void> {
    throw new FsError("ENOSYS", "symlink", linkPath);
  }
  async link(existingPath: string, newPath: string): Promise<void> {
    this.writeSync(newPath, this.readSync(existingPath));
  }
  async readlink(path: string): Promise<string> {
    throw new FsError("ENOSYS", "readlink", path);
  }
  async realpath(path: string): Promise<string> {
    const p = normalizeAbs(path);
    if (!this.entries.has(p)) throw new FsError("ENOENT", "realpath", p);
    return p;
  }
  async utimes(path: string, _atime: Date, mtime: Date): Promise<void> {
    const e = this.entry(path);
    if (!e) throw new FsError("ENOENT", "utime", path);
    e.mtime = mtime;
    this.changed(normalizeAbs(path));
  }
}
