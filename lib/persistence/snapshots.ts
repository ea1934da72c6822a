// Named snapshots of a project's tree that survive a reload: agent checkpoints now; share versions and recordings can
// use the same store. Content-addressed, so a checkpoint per turn costs a manifest (path → SHA-256) plus only the
// contents no earlier snapshot of the project already stored.
import type { FileContent, FileNode, Snapshot } from "../project";
import { openDatabase, projectRange, type StoredSnapshot } from "./db";

/** A snapshot read back from storage, in the shape `Project.restore` takes. */
export type LoadedSnapshot = Snapshot;

// File nodes are immutable and shared between the project and its snapshots: hash each one once.
const hashes = new WeakMap<FileNode, string>();
const encoder = new TextEncoder();

async function hashContent(content: FileContent): Promise<string> {
  // Text and bytes hash differently even when their bytes agree, so a restore gives back the same kind.
  const bytes = typeof content === "string" ? encoder.encode(content) : content;
  const tagged = new Uint8Array(bytes.byteLength + 1);
  tagged[0] = typeof content === "string" ? 0x74 : 0x62;
  tagged.set(bytes, 1);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", tagged));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

async function hashNode(node: FileNode): Promise<string> {
  let hash = hashes.get(node);
  if (!hash) {
    hash = await hashContent(node.content);
    hashes.set(node, hash);
  }
  return hash;
}

// Saves and deletes run one at a time: a save that found a blob already stored must not lose it to a concurrent
// clean-up that had not yet seen the save's manifest.
let queue: Promise<unknown> = Promise.resolve();
function serial<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

/** Stores `snapshot` under `id` (replacing one with the same id). */
export function saveSnapshot(projectId: string, id: string, snapshot: Snapshot): Promise<void> {
  return serial(() => writeSnapshot(projectId, id, snapshot));
}

async function writeSnapshot(projectId: string, id: string, snapshot: Snapshot): Promise<void> {
  const nodes = [...snapshot.files.values()];
  const manifest = await Promise.all(nodes.map(async (node): Promise<[string, string]> => [node.path, await hashNode(node)]));
  const db = await openDatabase();
  const known = new Set((await db.getAllKeys("blobs", projectRange(projectId))).map((key) => key[1]));
  const tx = db.transaction(["snapshots", "blobs"], "readwrite");
  const blobs = tx.objectStore("blobs");
  const writes: Array<Promise<unknown>> = [];
  nodes.forEach((node, i) => {
    const hash = manifest[i]![1];
    if (known.has(hash)) return;
    known.add(hash);
    writes.push(blobs.put({ projectId, hash, content: node.content }));
  });
  const record: StoredSnapshot = { projectId, id, takenAt: snapshot.takenAt, files: manifest, dirs: [...snapshot.dirs] };
  writes.push(tx.objectStore("snapshots").put(record));
  await Promise.all([...writes, tx.done]);
}

/** The snapshot stored under `id`, or null (never stored, or deleted). */
export async function loadSnapshot(projectId: string, id: string): Promise<LoadedSnapshot | null> {
  const db = await openDatabase();
  const tx = db.transaction(["snapshots", "blobs"], "readonly");
  const record = await tx.objectStore("snapshots").get([projectId, id]);
  if (!record) return null;
  const blobs = tx.objectStore("blobs");
  const files = new Map<string, FileNode>();
  for (const [path, hash] of record.files) {
    const blob = await blobs.get([projectId, hash]);
    if (!blob) return null; // an incomplete snapshot must not half-restore a project
    files.set(path, { path, content: blob.content, version: 0, mtime: record.takenAt });
  }
  return { seq: 0, takenAt: record.takenAt, files, dirs: new Set(record.dirs) };
}

/** Ids of the project's stored snapshots that start with `prefix`, oldest first. */
export async function listSnapshots(projectId: string, prefix = ""): Promise<Array<{ id: string; takenAt: number }>> {
  const db = await openDatabase();
  const records = await db.getAll("snapshots", IDBKeyRange.bound([projectId, prefix], [projectId, `${prefix}\uffff`]));
  return records.map((r) => ({ id: r.id, takenAt: r.takenAt })).sort((a, b) => a.takenAt - b.takenAt);
}

/** Deletes snapshots, then every stored content no remaining snapshot of the project refers to. */
export function deleteSnapshots(projectId: string, ids: readonly string[]): Promise<void> {
  return ids.length === 0 ? Promise.resolve() : serial(() => removeSnapshots(projectId, ids));
}

async function removeSnapshots(projectId: string, ids: readonly string[]): Promise<void> {
  const db = await openDatabase();
  const tx = db.transaction(["snapshots", "blobs"], "readwrite");
  const snapshots = tx.objectStore("snapshots");
  for (const id of ids) await snapshots.delete([projectId, id]);
  const live = new Set<string>();
  for (const record of await snapshots.getAll(projectRange(projectId))) for (const [, hash] of record.files) live.add(hash);
  const blobs = tx.objectStore("blobs");
  for (const key of await blobs.getAllKeys(projectRange(projectId))) if (!live.has(key[1])) await blobs.delete(key);
  await tx.done;
}
