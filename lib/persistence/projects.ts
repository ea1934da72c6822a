// Local projects: list, create, rename, trash (with undo), load. Everything a Home page needs.
import { nanoid } from "nanoid";
import { contentSize, normalizePath, Project, type FileContent } from "../project";
import { err, ok, type Result } from "../project/result";
import { describeStorageError, folderRange, openDatabase, projectRange, type ProjectMeta, type StoredFile } from "./db";

export type { ProjectMeta } from "./db";

/** How long a deleted project can be brought back. */
export const UNDO_WINDOW_MS = 8_000;

export async function listProjects(): Promise<ProjectMeta[]> {
  const db = await openDatabase();
  const all = await db.getAll("projects");
  return all.filter((p) => p.trashedAt === undefined).sort((a, b) => b.openedAt - a.openedAt);
}

export async function getProjectMeta(id: string): Promise<ProjectMeta | undefined> {
  const db = await openDatabase();
  return db.get("projects", id);
}

export interface NewProject {
  name: string;
  files: Iterable<readonly [string, FileContent]>;
  dirs?: string[];
  template?: string;
  /** A fork: where it came from (see ProjectMeta.origin). */
  origin?: ProjectMeta["origin"];
}

export async function createProject(input: NewProject): Promise<Result<ProjectMeta>> {
  const name = input.name.trim();
  if (name === "") return err("invalid-input", "Give the project a name.");
  if (name.length > 120) return err("invalid-input", "Project names are at most 120 characters.");
  const id = nanoid(10);
  const now = Date.now();
  const files: StoredFile[] = [];
  let size = 0;
  for (const [rawPath, content] of input.files) {
    const path = normalizePath(rawPath);
    if (!path.ok) return path;
    files.push({ projectId: id, path: path.value, content, version: 0, mtime: now });
    size += contentSize(content);
  }
  const meta: ProjectMeta = {
    id,
    name,
    createdAt: now,
    openedAt: now,
    updatedAt: now,
    size,
    fileCount: files.length,
    dirs: input.dirs ?? [],
    seq: 0,
    ...(input.template ? { template: input.template } : {}),
    ...(input.origin ? { origin: input.origin } : {}),
  };
  try {
    const db = await openDatabase();
    const tx = db.transaction(["projects", "files"], "readwrite");
    await Promise.all([...files.map((f) => tx.objectStore("files").put(f)), tx.objectStore("projects").put(meta), tx.done]);
  } catch (error) {
    // All or nothing: the transaction aborted, so no half-created project is left behind.
    return err("too-large", describeStorageError(error, "creating"));
  }
  return ok(meta);
}

export async function renameProject(id: string, name: string): Promise<Result<ProjectMeta>> {
  const trimmed = name.trim();
  if (trimmed === "") return err("invalid-input", "Give the project a name.");
  if (trimmed.length > 120) return err("invalid-input", "Project names are at most 120 characters.");
  return updateMeta(id, (meta) => ({ ...meta, name: trimmed }));
}

export async function touchProject(id: string): Promise<void> {
  await updateMeta(id, (meta) => ({ ...meta, openedAt: Date.now() }));
}

/** Hides a project; `restoreProject` brings it back within the undo window, `purgeTrash` deletes it for good. */
export async function trashProject(id: string): Promise<Result<ProjectMeta>> {
  return updateMeta(id, (meta) => ({ ...meta, trashedAt: Date.now() }));
}

export async function restoreProject(id: string): Promise<Result<ProjectMeta>> {
  return updateMeta(id, ({ trashedAt: _trashed, ...meta }) => meta);
}

/** Deletes trashed projects older than the undo window (all of them with olderThanMs = 0). */
export async function purgeTrash(olderThanMs = UNDO_WINDOW_MS): Promise<number> {
  const db = await openDatabase();
  const cutoff = Date.now() - olderThanMs;
  const doomed = (await db.getAll("projects")).filter((p) => p.trashedAt !== undefined && p.trashedAt <= cutoff);
  for (const meta of doomed) await deleteProject(meta.id);
  return doomed.length;
}

export async function deleteProject(id: string): Promise<void> {
  const db = await openDatabase();
  const tx = db.transaction(["projects", "files", "uiState", "snapshots", "blobs", "chats"], "readwrite");
  const chats = tx.objectStore("chats");
  const chatIds = await chats.index("byProject").getAllKeys(id);
  await Promise.all([
    ...chatIds.map((chatId) => chats.delete(chatId)),
    tx.objectStore("files").delete(folderRange(id, "")),
    tx.objectStore("uiState").delete(projectRange(id)),
    tx.objectStore("snapshots").delete(projectRange(id)),
    tx.objectStore("blobs").delete(projectRange(id)),
    tx.objectStore("projects").delete(id),
    tx.done,
  ]);
}

export interface LoadedProject {
  meta: ProjectMeta;
  project: Project;
}

export async function loadProject(id: string): Promise<Result<LoadedProject>> {
  const db = await openDatabase();
  const tx = db.transaction(["projects", "files"], "readonly");
  const [meta, files] = await Promise.all([
    tx.objectStore("projects").get(id),
    tx.objectStore("files").index("byProject").getAll(id),
  ]);
  if (!meta || meta.trashedAt !== undefined) return err("not-found", "This project does not exist in this browser (deleted, or created in another browser).");
  const project = new Project({ files, dirs: meta.dirs, seq: meta.seq });
  return ok({ meta, project });
}

export async function loadUiState<T>(projectId: string, key: string): Promise<T | undefined> {
  const db = await openDatabase();
  return (await db.get("uiState", [projectId, key]))?.value as T | undefined;
}

export async function saveUiState(projectId: string, key: string, value: unknown): Promise<void> {
  const db = await openDatabase();
  await db.put("uiState", { projectId, key, value });
}

async function updateMeta(id: string, change: (meta: ProjectMeta) => ProjectMeta): Promise<Result<ProjectMeta>> {
  const db = await openDatabase();
  const tx = db.transaction("projects", "readwrite");
  const meta = await tx.store.get(id);
  if (!meta) return err("not-found", "That project no longer exists.");
  const next = change(meta);
  await Promise.all([tx.store.put(next), tx.done]);
  return ok(next);
}
