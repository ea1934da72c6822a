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
  /** A fork of a shared project: the share and version it was copied from (shown in the workspace, and carried into
   * this project's own shares, so forks form a tree). */
  origin?: { share: string; version: number; title: string };
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

/** A named snapshot of a project's tree: each file as the hash of its content (contents live in `blobs`). */
export interface StoredSnapshot {
  projectId: string;
  id: string;
  takenAt: number;
  files: Array<[path: string, hash: string]>;
  dirs: string[];
}

export interface StoredBlob {
  projectId: string;
  hash: string;
  content: FileContent;
}

/** An assistant chat of a project. Its messages are the agent's business (lib/agent/client/chat-persistence.ts);
 * storage only needs to know whose it is, so deleting a project deletes its chats. */
export interface StoredChat {
  id: string;
  projectId: string;
  updatedAt: number;
  [field: string]: unknown;
}

interface TandemDB extends DBSchema {
  projects: { key: string; value: ProjectMeta };
  files: { key: [string, string]; value: StoredFile; indexes: { byProject: string } };
  uiState: { key: [string, string]; value: { projectId: string; key: string; value: unknown } };
  snapshots: { key: [string, string]; value: StoredSnapshot };
  blobs: { key: [string, string]; value: StoredBlob };
  chats: { key: string; value: StoredChat; indexes: { byProject: string } };
}

export type TandemDatabase = IDBPDatabase<TandemDB>;

export const DB_NAME = "tandem";
/** 1: projects, files, uiState. 2: snapshots and their content blobs (checkpoints that survive a reload), and chats
 * (before, in a database of their own, "tandem-agent", moved over on first use). */
const DB_VERSION = 2;

let opening: Promise<TandemDatabase> | null = null;

/** The shared connection (opened on first use, never on import). */
export function openDatabase(): Promise<TandemDatabase> {
  opening ??= openDB<TandemDB>(DB_NAME, DB_VERSION, {
    // Store by store, skipping what exists: a database can arrive with some stores already there (one created by
    // tests or tools that seed it, or restored by a browser profile copy) and must still open, not fail the page.
    upgrade(db) {
      const stores = db.objectStoreNames;
      if (!stores.contains("projects")) db.createObjectStore("projects", { keyPath: "id" });
      if (!stores.contains("files")) db.createObjectStore("files", { keyPath: ["projectId", "path"] }).createIndex("byProject", "projectId");
      if (!stores.contains("uiState")) db.createObjectStore("uiState", { keyPath: ["projectId", "key"] });
      if (!stores.contains("snapshots")) db.createObjectStore("snapshots", { keyPath: ["projectId", "id"] });
      if (!stores.contains("blobs")) db.createObjectStore("blobs", { keyPath: ["projectId", "hash"] });
      if (!stores.contains("chats")) db.createObjectStore("chats", { keyPath: "id" }).createIndex("byProject", "projectId");
    },
  }).catch((error: unknown) => {
    opening = null;
    throw error;
  });
  return opening;
}

/** Every key of a project in a store keyed by [projectId, …]. */
export function projectRange(projectId: string): IDBKeyRange {
  return IDBKeyRange.bound([projectId, ""], [projectId, "\uffff"]);
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
