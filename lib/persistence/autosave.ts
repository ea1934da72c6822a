// Writes a project's changes to IndexedDB shortly after they happen: debounced, one transaction per flush, and
// never silently over a newer tree written by another tab. Failed saves keep their changes queued and retry.
import { contentSize, isWithin, type ChangeEvent, type FileNode, type Project } from "../project";
import { describeStorageError, folderRange, openDatabase } from "./db";

export type SaveState = "saved" | "pending" | "saving" | "error" | "stopped";

export interface SaveStatus {
  state: SaveState;
  /** What went wrong and what to do, for "error" and "stopped". */
  message?: string;
  savedSeq: number;
}

export interface AutosaveOptions {
  debounceMs?: number;
  /** Upper bound between a change and its save, however busy the typing. */
  maxDelayMs?: number;
  retryMs?: number;
}

const sizes = new WeakMap<FileNode, number>();
function sizeOf(node: FileNode): number {
  let size = sizes.get(node);
  if (size === undefined) {
    size = contentSize(node.content);
    sizes.set(node, size);
  }
  return size;
}

export class ProjectAutosave {
  private dirtyPaths = new Set<string>();
  private removedPrefixes = new Set<string>();
  private addedPrefixes = new Set<string>();
  private metaDirty = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private firstPendingAt = 0;
  private flushing: Promise<void> | null = null;
  private listeners = new Set<(status: SaveStatus) => void>();
  private unsubscribe: () => void;
  private _status: SaveStatus;
  private readonly debounceMs: number;
  private readonly maxDelayMs: number;
  private readonly retryMs: number;

  constructor(
    private readonly projectId: string,
    private readonly project: Project,
    options: AutosaveOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 250;
    this.maxDelayMs = options.maxDelayMs ?? 1_000;
    this.retryMs = options.retryMs ?? 2_000;
    this._status = { state: "saved", savedSeq: project.seq };
    this.unsubscribe = project.subscribe((event) => this.track(event));
  }

  get status(): SaveStatus {
    return this._status;
  }

  subscribe(listener: (status: SaveStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get hasPendingChanges(): boolean {
    return this.metaDirty || this.dirtyPaths.size > 0 || this.removedPrefixes.size > 0 || this.addedPrefixes.size > 0;
  }

  /** Saves everything queued now (before a tab hands over the project, or on page hide). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.flushing) await this.flushing;
    if (!this.hasPendingChanges || this._status.state === "stopped") return;
    this.flushing = this.write().finally(() => {
      this.flushing = null;
    });
    await this.flushing;
  }

  /** Stops saving (this tab lost the project to another tab). Queued changes stay queued. */
  stop(message: string): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.setStatus({ state: "stopped", message, savedSeq: this._status.savedSeq });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.unsubscribe();
    this.listeners.clear();
  }

  private track(event: ChangeEvent): void {
    const op = event.op;
    if (op.type === "write") this.dirtyPaths.add(op.path);
    else if (op.type === "delete") this.removedPrefixes.add(op.path);
    else if (op.type === "rename") {
      this.removedPrefixes.add(op.from);
      this.addedPrefixes.add(op.to);
    }
    this.metaDirty = true;
    if (this._status.state === "stopped") return;
    if (this._status.state !== "error") this.setStatus({ state: "pending", savedSeq: this._status.savedSeq });
    this.schedule(this.debounceMs);
  }

  private schedule(delay: number): void {
    const now = Date.now();
    if (!this.timer) this.firstPendingAt = now;
    else clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(delay, this.firstPendingAt + this.maxDelayMs - now));
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, wait);
  }

  private async write(): Promise<void> {
    // Take the queue; on failure put it back so nothing is lost.
    const paths = this.dirtyPaths;
    const removed = this.removedPrefixes;
    const added = this.addedPrefixes;
    this.dirtyPaths = new Set();
    this.removedPrefixes = new Set();
    this.addedPrefixes = new Set();
    this.metaDirty = false;
    const seq = this.project.seq;
    this.setStatus({ state: "saving", savedSeq: this._status.savedSeq });
    try {
      const db = await openDatabase();
      const tx = db.transaction(["projects", "files"], "readwrite");
      const files = tx.objectStore("files");
      const meta = await tx.objectStore("projects").get(this.projectId);
      if (!meta) throw new StopSaving("This project was deleted in another tab. Export it as a .zip to keep this copy.");
      if (meta.seq > this._status.savedSeq)
        throw new StopSaving("Another tab saved newer changes to this project. Reload to see them; this tab stopped saving so nothing is overwritten.");
      const puts: FileNode[] = [];
      const ops: Promise<unknown>[] = [];
      for (const prefix of removed) {
        ops.push(files.delete(folderRange(this.projectId, prefix)));
        ops.push(files.delete([this.projectId, prefix]));
      }
      for (const path of paths) {
        const read = this.project.read(path);
        if (read.ok) puts.push(read.value);
        else ops.push(files.delete([this.projectId, path]));
      }
      if (added.size > 0)
        for (const node of this.project.listFiles()) if ([...added].some((p) => isWithin(node.path, p))) puts.push(node);
      for (const node of puts) ops.push(files.put({ projectId: this.projectId, ...node }));
      let size = 0;
      const all = this.project.listFiles();
      for (const node of all) size += sizeOf(node);
      ops.push(tx.objectStore("projects").put({
        ...meta,
        seq,
        size,
        fileCount: all.length,
        dirs: this.project.listEmptyDirs(),
        updatedAt: Date.now(),
      }));
      await Promise.all([...ops, tx.done]);
      this.setStatus({ state: this.hasPendingChanges ? "pending" : "saved", savedSeq: seq });
    } catch (error) {
      for (const p of paths) this.dirtyPaths.add(p);
      for (const p of removed) this.removedPrefixes.add(p);
      for (const p of added) this.addedPrefixes.add(p);
      this.metaDirty = true;
      if (error instanceof StopSaving) {
        this.stop(error.message);
        return;
      }
      this.setStatus({ state: "error", message: describeStorageError(error), savedSeq: this._status.savedSeq });
      this.schedule(this.retryMs);
    }
  }

  private setStatus(status: SaveStatus): void {
    this._status = status;
    for (const listener of this.listeners) listener(status);
  }
}

class StopSaving extends Error {}
