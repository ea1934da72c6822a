// A checkpoint per turn: the project as it was before the agent started on a message. Restoring goes through ordinary
// logged changes (so editor, runtime and persistence follow) and is itself undoable: the state just before a restore
// is kept, and "undo restore" puts it back. Snapshots share file contents with the project, so they are cheap.
import type { Project, Snapshot } from "@/lib/project";

export interface Checkpoint {
  turnId: string;
  snapshot: Snapshot;
}

export interface RestoreRecord {
  turnId: string;
  /** The project just before the restore: what "undo" goes back to. */
  before: Snapshot;
  at: number;
}

export class Checkpoints {
  private byTurn = new Map<string, Checkpoint>();
  private restores: RestoreRecord[] = [];
  private listeners = new Set<() => void>();

  constructor(private readonly project: Project, private readonly limit = 100) {}

  /** Call when a turn starts (before the message is sent). Keeps the first snapshot if called twice (a retry). */
  begin(turnId: string): void {
    if (this.byTurn.has(turnId)) return;
    this.byTurn.set(turnId, { turnId, snapshot: this.project.snapshot() });
    if (this.byTurn.size > this.limit) this.byTurn.delete(this.byTurn.keys().next().value as string);
    this.emit();
  }

  has(turnId: string): boolean {
    return this.byTurn.has(turnId);
  }

  /** Puts the project back to before `turnId`. Returns the number of changes made. */
  restore(turnId: string): number | null {
    const checkpoint = this.byTurn.get(turnId);
    if (!checkpoint) return null;
    const before = this.project.snapshot();
    const changes = this.project.restore(checkpoint.snapshot, { origin: "system", batch: `restore:${turnId}:${Date.now()}` });
    this.restores.push({ turnId, before, at: Date.now() });
    this.emit();
    return changes.length;
  }

  /** The most recent restore that can be undone, if any. */
  lastRestore(): RestoreRecord | null {
    return this.restores.at(-1) ?? null;
  }

  /** Undoes the most recent restore. */
  undoRestore(): number | null {
    const record = this.restores.pop();
    if (!record) return null;
    const changes = this.project.restore(record.before, { origin: "system", batch: `undo-restore:${record.turnId}:${Date.now()}` });
    this.emit();
    return changes.length;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
