// The browser's IndexedDB schema for local projects. One database; files keyed by [projectId, path].
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { FileContent } from "../project";

export interface ProjectMeta {
  id: string;
  name: string;
  createdAt: number;
  openedAt: number;
  updatedAt: number;
  /** Total bytes of file contents. */
  size: number;
  fileCount: number;
  /** Empty folders (folders with files are implied by file paths). */
  dirs: string[];
  /** Change-log position of the stored tree; a writer that finds a newer one knows another tab wrote. */
  seq: number;
  template?: string;
  /** Set when deleted from Home; purged after the undo window. */
  trashedAt?: number;
}

export interface StoredFile {
  projectId: string;
  path: string;
  content: FileContent;
  version: number;
  mtime: number;
}

interface TandemDB extends DBSchema {
  projects: { key: string; value: ProjectMeta };
  files: { key: [string, string]; value: StoredFile; indexes: { byProject: string } };
  uiState: { key: [string, string]; value: { projectId: string; key: string; value: unknown } };
}

export type TandemDatabase = IDBPDatabase<TandemDB>;

export const DB_NAME = "tandem";
const DB_VERSION = 1;

let opening: Promise<TandemDatabase> | null = null;

/** The shared connection (opened on first use, never on import). */
export function openDatabase(): Promise<TandemDatabase> {
  opening ??= openDB<TandemDB>(DB_NAME, DB_VERSION, {
    upgrade(db) {
      db.createObjectStore("projects", { keyPath: "id" });
      const files = db.createObjectStore("files", { keyPath: ["projectId", "path"] });
      files.createIndex("byProject", "projectId");
      db.createObjectStore("uiState", { keyPath: ["projectId", "key"] });
    },
  }).catch((error: unknown) => {
    opening = null;
    throw error;
  });
  return opening;
}

/** Keys of every file under a folder of a project (or all of a project's files, for prefix ""). */
export function folderRange(projectId: string, folder: string): IDBKeyRange {
  if (folder === "") return IDBKeyRange.bound([projectId, ""], [projectId, "\uffff"]);
  return IDBKeyRange.bound([projectId, `${folder}/`], [projectId, `${folder}/\uffff`]);
}

/** Turns storage exceptions into a message a person can act on. `while` says what was being done. */
export function describeStorageError(error: unknown, while_: "saving" | "creating" = "saving"): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : "";
  const outcome =
    while_ === "saving" ? "so recent changes are not saved yet (Tandem keeps them in this tab and keeps retrying)" : "so the project was not created";
  if (name === "QuotaExceededError")
    return `Browser storage is full, ${outcome}. Export projects as .zip files and delete ones you no longer need to free space.`;
  if (name === "InvalidStateError" || name === "UnknownError")
    return `The browser's storage is unavailable (a private window, or storage blocked for this site), ${outcome}. Export a .zip to keep your work.`;
  return `Storage failed (${error instanceof Error ? error.message : String(error)}), ${outcome}.`;
}
