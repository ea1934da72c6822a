import { ancestors, isWithin, normalizePath } from "./paths";
import { err, ok, type Result } from "./result";
import type { Snapshot } from "./snapshot";
import type { ChangeEvent, ChangeOp, ChangeOrigin, FileContent, FileNode, WriteOptions } from "./types";

export type ChangeListener = (event: ChangeEvent) => void;

/** Largest single file the project accepts. Larger files are refused with a message, never truncated. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
/** How many recent changes stay in memory for `changesSince` (sync, replay). Older ones live in persistence. */
const LOG_CAPACITY = 5_000;

export interface ProjectInit {
  files?: Iterable<readonly [string, FileContent]> | Iterable<FileNode>;
  dirs?: Iterable<string>;
  /** Sequence number to continue from (after loading from storage). */
  seq?: number;
}

/**
 * The project model: the single path through which the editor, the agent and the runtime change files.
 * Every change is validated, applied, given a sequence number, logged and published to subscribers.
 */
export class Project {
  private files = new Map<string, FileNode>();
  private explicitDirs = new Set<string>();
  /** Number of files under each folder, so folder checks are O(1) on trees of thousands of files. */
  private dirCounts = new Map<string, number>();
  private listeners = new Set<ChangeListener>();
  private log: ChangeEvent[] = [];
  private _seq: number;

  constructor(init: ProjectInit = {}) {
    // Existing files have versions ≥ 1 so that 0 can mean "no file" in conflict checks; changes after loading get
    // sequence numbers above every loaded version.
    this._seq = init.seq ?? 0;
    const now = Date.now();
    for (const item of init.files ?? []) {
      const node: FileNode = isFileNode(item)
        ? { ...item, version: Math.max(item.version, 1) }
        : { path: item[0], content: item[1], version: 1, mtime: now };
      const path = normalizePath(node.path);
      if (!path.ok) throw new Error(path.error.message);
      this.setFile({ ...node, path: path.value });
      this._seq = Math.max(this._seq, node.version);
    }
    for (const dir of init.dirs ?? []) {
      const path = normalizePath(dir);
      if (path.ok) this.explicitDirs.add(path.value);
    }
  }

  get seq(): number {
    return this._seq;
  }

  get fileCount(): number {
    return this.files.size;
  }

  /** All files, sorted by path. */
  listFiles(): FileNode[] {
    return [...this.files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** Every folder: explicit (possibly empty) ones and those implied by file paths. */
  listDirs(): string[] {
    return [...new Set([...this.explicitDirs, ...this.dirCounts.keys()])].sort();
  }

  /** Folders that exist without files in them (made by mkdir). */
  listEmptyDirs(): string[] {
    return [...this.explicitDirs].sort();
  }

  read(path: string): Result<FileNode> {
    const p = normalizePath(path);
    if (!p.ok) return p;
    const node = this.files.get(p.value);
    if (node) return ok(node);
    if (this.isDir(p.value)) return err("is-a-directory", `"${p.value}" is a folder, not a file.`, p.value);
    return err("not-found", `No file at "${p.value}".`, p.value);
  }

  hasFile(path: string): boolean {
    return this.files.has(path);
  }

  isDir(path: string): boolean {
    return path === "" || this.explicitDirs.has(path) || this.dirCounts.has(path);
  }

  write(path: string, content: FileContent, opts: WriteOptions): Result<ChangeEvent> {
    const p = normalizePath(path);
    if (!p.ok) return p;
    const size = typeof content === "string" ? content.length : content.byteLength;
    if (size > MAX_FILE_BYTES)
      return err("too-large", `"${p.value}" is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.`, p.value);
    const stale = this.checkBase(p.value, opts.baseVersion);
    if (stale) return stale;
    if (this.isDir(p.value) && !this.files.has(p.value))
      return err("is-a-directory", `"${p.value}" is a folder; choose another name.`, p.value);
    for (const dir of ancestors(p.value))
      if (this.files.has(dir)) return err("not-a-directory", `"${dir}" is a file, so it cannot contain "${p.value}".`, dir);
    return ok(this.commit({ type: "write", path: p.value, content }, opts.origin, opts.batch));
  }

  /** Creates a new file; fails if something already exists at the path. */
  create(path: string, content: FileContent, opts: Omit<WriteOptions, "baseVersion">): Result<ChangeEvent> {
    const p = normalizePath(path);
    if (!p.ok) return p;
    if (this.files.has(p.value) || this.isDir(p.value))
      return err("already-exists", `"${p.value}" already exists.`, p.value);
    return this.write(p.value, content, opts);
  }

  mkdir(path: string, opts: { origin: ChangeOrigin; batch?: string }): Result<ChangeEvent> {
    const p = normalizePath(path);
    if (!p.ok) return p;
    if (this.files.has(p.value)) return err("already-exists", `A file named "${p.value}" already exists.`, p.value);
    for (const dir of ancestors(p.value))
      if (this.files.has(dir)) return err("not-a-directory", `"${dir}" is a file.`, dir);
    if (this.isDir(p.value)) return err("already-exists", `The folder "${p.value}" already exists.`, p.value);
    return ok(this.commit({ type: "mkdir", path: p.value }, opts.origin, opts.batch));
  }

  /** Deletes a file, or a folder with everything in it. */
  delete(path: string, opts: WriteOptions): Result<ChangeEvent> {
    const p = normalizePath(path);
    if (!p.ok) return p;
    if (!this.files.has(p.value) && !this.isDir(p.value)) return err("not-found", `No file or folder at "${p.value}".`, p.value);
    const stale = this.checkBase(p.value, opts.baseVersion);
    if (stale) return stale;
    return ok(this.commit({ type: "delete", path: p.value }, opts.origin, opts.batch));
  }

  /** Renames or moves a file or a folder (with its contents). Never overwrites. */
  rename(from: string, to: string, opts: { origin: ChangeOrigin; batch?: string }): Result<ChangeEvent> {
    const a = normalizePath(from);
    if (!a.ok) return a;
    const b = normalizePath(to);
    if (!b.ok) return b;
    if (a.value === b.value) return err("invalid-input", "The new name is the same as the old one.", a.value);
    const isFile = this.files.has(a.value);
    if (!isFile && !this.isDir(a.value)) return err("not-found", `No file or folder at "${a.value}".`, a.value);
    if (!isFile && isWithin(b.value, a.value))
      return err("invalid-input", `Cannot move "${a.value}" into itself.`, b.value);
    if (this.files.has(b.value) || this.isDir(b.value)) return err("already-exists", `"${b.value}" already exists.`, b.value);
    for (const dir of ancestors(b.value))
      if (this.files.has(dir)) return err("not-a-directory", `"${dir}" is a file.`, dir);
    return ok(this.commit({ type: "rename", from: a.value, to: b.value }, opts.origin, opts.batch));
  }

  /** Applies a logged operation (replay, sync from another tab). Validates exactly like the named methods. */
  apply(op: ChangeOp, opts: { origin: ChangeOrigin; batch?: string }): Result<ChangeEvent> {
    switch (op.type) {
      case "write":
        return this.write(op.path, op.content, opts);
      case "delete":
        return this.delete(op.path, opts);
      case "mkdir":
        return this.mkdir(op.path, opts);
      case "rename":
        return this.rename(op.from, op.to, opts);
    }
  }

  snapshot(): Snapshot {
    return { seq: this._seq, takenAt: Date.now(), files: new Map(this.files), dirs: new Set(this.explicitDirs) };
  }

  /**
   * Makes the tree equal to a snapshot through ordinary logged changes (so subscribers, persistence and replay see
   * them). Returns the batch of changes; restoring a snapshot taken just before is the undo.
   */
  restore(snapshot: Snapshot, opts: { origin: ChangeOrigin; batch: string }): ChangeEvent[] {
    const events: ChangeEvent[] = [];
    const emit = (op: ChangeOp) => events.push(this.commit(op, opts.origin, opts.batch));
    for (const path of [...this.files.keys()])
      if (!snapshot.files.has(path) && this.files.has(path)) emit({ type: "delete", path });
    for (const dir of [...this.explicitDirs]) if (!snapshot.dirs.has(dir)) this.explicitDirs.delete(dir);
    for (const [path, node] of snapshot.files) {
      const current = this.files.get(path);
      if (current?.content === node.content) continue;
      if (!current && this.isDir(path)) emit({ type: "delete", path });
      emit({ type: "write", path, content: node.content });
    }
    for (const dir of snapshot.dirs) if (!this.isDir(dir)) emit({ type: "mkdir", path: dir });
    return events;
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Changes after `seq`, or null when they have fallen out of the in-memory log (caller must resync whole). */
  changesSince(seq: number): ChangeEvent[] | null {
    if (seq >= this._seq) return [];
    const first = this.log[0];
    if (!first || first.seq > seq + 1) return null;
    return this.log.filter((e) => e.seq > seq);
  }

  private checkBase(path: string, baseVersion: number | undefined): Result<never> | null {
    if (baseVersion === undefined) return null;
    // 0 means "I saw no file here"; every existing file has a version ≥ 1 (see the constructor).
    const current = this.files.get(path)?.version ?? 0;
    if (current === baseVersion) return null;
    if (current === 0) return err("conflict", `"${path}" was deleted since it was read.`, path);
    if (baseVersion === 0) return err("conflict", `"${path}" was created by someone else since you looked. Read it first.`, path);
    return err(
      "conflict",
      `"${path}" changed since it was read (version ${baseVersion}, now ${current}). Read it again and retry.`,
      path,
    );
  }

  private commit(op: ChangeOp, origin: ChangeOrigin, batch?: string): ChangeEvent {
    const seq = ++this._seq;
    const at = Date.now();
    this.applyUnchecked(op, seq, at);
    const event: ChangeEvent = batch === undefined ? { seq, at, origin, op } : { seq, at, origin, op, batch };
    this.log.push(event);
    if (this.log.length > LOG_CAPACITY) this.log.splice(0, this.log.length - LOG_CAPACITY);
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        // A broken subscriber must not stop the change or the other subscribers.
        console.error("Project change listener failed", error);
      }
    }
    return event;
  }

  private setFile(node: FileNode): void {
    if (!this.files.has(node.path))
      for (const dir of ancestors(node.path)) this.dirCounts.set(dir, (this.dirCounts.get(dir) ?? 0) + 1);
    this.files.set(node.path, node);
  }

  private removeFile(path: string): void {
    if (!this.files.delete(path)) return;
    for (const dir of ancestors(path)) {
      const count = (this.dirCounts.get(dir) ?? 1) - 1;
      if (count <= 0) this.dirCounts.delete(dir);
      else this.dirCounts.set(dir, count);
    }
  }

  private applyUnchecked(op: ChangeOp, seq: number, at: number): void {
    switch (op.type) {
      case "write":
        this.setFile({ path: op.path, content: op.content, version: seq, mtime: at });
        for (const dir of ancestors(op.path)) this.explicitDirs.delete(dir); // implied by the file now
        return;
      case "mkdir":
        this.explicitDirs.add(op.path);
        return;
      case "delete":
        for (const path of [...this.files.keys()]) if (isWithin(path, op.path)) this.removeFile(path);
        for (const dir of [...this.explicitDirs]) if (isWithin(dir, op.path)) this.explicitDirs.delete(dir);
        return;
      case "rename": {
        const moved: FileNode[] = [];
        for (const [path, node] of this.files)
          if (isWithin(path, op.from)) moved.push({ ...node, path: op.to + path.slice(op.from.length), version: seq, mtime: at });
        for (const node of moved) this.removeFile(op.from + node.path.slice(op.to.length));
        for (const node of moved) this.setFile(node);
        for (const dir of [...this.explicitDirs])
          if (isWithin(dir, op.from)) {
            this.explicitDirs.delete(dir);
            this.explicitDirs.add(op.to + dir.slice(op.from.length));
          }
        if (moved.length === 0 && !this.explicitDirs.has(op.to)) this.explicitDirs.add(op.to);
        return;
      }
    }
  }
}

function isFileNode(item: unknown): item is FileNode {
  return typeof item === "object" && item !== null && !Array.isArray(item) && "path" in item && "content" in item;
}
