// A checkpoint per turn: the project as it was before the agent started on a message. Restoring goes through ordinary
// logged changes (so editor, runtime and persistence follow) and is itself undoable: the state just before a restore
// is kept, and "undo restore" puts it back. Snapshots share file contents with the project, so they are cheap; with a
// store they are also written to storage, so "restore" and "undo restore" still work after a reload.
import type { Project, Snapshot } from "@/lib/project";

/** Where snapshots outlive the page (lib/persistence/snapshots in the browser). Ids are this chat's own. */
export interface SnapshotStore {
  save(id: string, snapshot: Snapshot): Promise<void>;
  load(id: string): Promise<Snapshot | null>;
  list(prefix: string): Promise<Array<{ id: string; takenAt: number }>>;
  delete(ids: string[]): Promise<void>;
}

export interface RestoreRecord {
  turnId: string;
  /** Key of the project as it was just before the restore: what "undo" goes back to. */
  undoId: string;
  at: number;
}

const TURN = "turn:";
const UNDO = "undo:";

export class Checkpoints {
  /** Snapshots in memory (this page's turns) by id; stored ones are loaded when needed. */
  private memory = new Map<string, Snapshot>();
  /** Every turn with a checkpoint, oldest first (in memory or stored). */
  private turns: string[] = [];
  private restores: RestoreRecord[] = [];
  private listeners = new Set<() => void>();
  private saving = new Set<Promise<unknown>>();

  constructor(
    private readonly project: Project,
    private readonly store?: SnapshotStore,
    private readonly limit = 100,
  ) {}

  /** Learns the checkpoints and restores stored by earlier pages. Call once after construction. */
  async hydrate(): Promise<void> {
    if (!this.store) return;
    const [turns, undos] = await Promise.all([this.store.list(TURN), this.store.list(UNDO)]);
    const known = new Set(this.turns);
    this.turns = [...turns.map((t) => t.id.slice(TURN.length)).filter((t) => !known.has(t)), ...this.turns];
    const stored = undos.map((u) => ({ ...parseUndo(u.id), undoId: u.id, at: u.takenAt })).filter((r): r is RestoreRecord => r.turnId !== "");
    this.restores = [...stored, ...this.restores];
    this.emit();
  }

  /** Call when a turn starts (before the message is sent). Keeps the first snapshot if called twice (a retry). */
  begin(turnId: string): void {
    if (this.turns.includes(turnId)) return;
    const snapshot = this.project.snapshot();
    this.memory.set(TURN + turnId, snapshot);
    this.turns.push(turnId);
    this.persist(TURN + turnId, snapshot);
    while (this.turns.length > this.limit) {
      const dropped = this.turns.shift() as string;
      this.memory.delete(TURN + dropped);
      void this.track(this.store?.delete([TURN + dropped]));
    }
    this.emit();
  }

  has(turnId: string): boolean {
    return this.turns.includes(turnId);
  }

  /** Every turn with a checkpoint, oldest first (a new array after each change, for views to compare). */
  turnIds(): readonly string[] {
    return [...this.turns];
  }

  /** Puts the project back to before `turnId`. Resolves to the number of changes made, or null if unknown. */
  async restore(turnId: string): Promise<number | null> {
    const checkpoint = await this.snapshot(TURN + turnId);
    if (!checkpoint) return null;
    const at = Date.now();
    const undoId = `${UNDO}${at}:${turnId}`;
    const before = this.project.snapshot();
    const changes = this.project.restore(checkpoint, { origin: "system", batch: `restore:${turnId}:${at}` });
    this.memory.set(undoId, before);
    this.persist(undoId, before);
    this.restores.push({ turnId, undoId, at });
    this.emit();
    return changes.length;
  }

  /** The most recent restore that can be undone, if any. */
  lastRestore(): RestoreRecord | null {
    return this.restores.at(-1) ?? null;
  }

  /** Undoes the most recent restore. */
  async undoRestore(): Promise<number | null> {
    const record = this.restores.at(-1);
    if (!record) return null;
    const before = await this.snapshot(record.undoId);
    this.restores.pop();
    this.memory.delete(record.undoId);
    void this.track(this.store?.delete([record.undoId]));
    this.emit();
    if (!before) return null;
    return this.project.restore(before, { origin: "system", batch: `undo-restore:${record.turnId}:${Date.now()}` }).length;
  }

  /** Resolves when every snapshot taken so far is in the store (tests; closing a chat). */
  async flushed(): Promise<void> {
    while (this.saving.size) await Promise.allSettled([...this.saving]);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async snapshot(id: string): Promise<Snapshot | null> {
    return this.memory.get(id) ?? (this.store ? this.store.load(id) : null);
  }

  private persist(id: string, snapshot: Snapshot): void {
    void this.track(this.store?.save(id, snapshot));
  }

  private track(work: Promise<unknown> | undefined): Promise<unknown> | undefined {
    if (!work) return undefined;
    const tracked = work.catch((error: unknown) => console.warn("Could not store a checkpoint", error)).finally(() => this.saving.delete(tracked));
    this.saving.add(tracked);
    return tracked;
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

function parseUndo(id: string): { turnId: string } {
  const rest = id.slice(UNDO.length);
  const colon = rest.indexOf(":");
  return { turnId: colon === -1 ? "" : rest.slice(colon + 1) };
}
